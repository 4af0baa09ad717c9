/**
 * Moving a city from SQLite to PostgreSQL (`npm run koe -- db:copy --from <file> --to <url>`):
 * every row of every table, ids and hashes as they are, in one transaction on the target, from
 * one snapshot of the source (a read transaction, so a server still running on the file does
 * not tear the copy). Tables go parents first (foreign keys hold at every row); the target's own
 * triggers are off meanwhile (the rows they would write — analysis versions — are copied as
 * they are); identity sequences then continue after the highest id. SQLite-only tables (the FTS5
 * index: PostgreSQL has a trigram index on comments.body instead) are not copied.
 */
import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { PostgresStore } from './postgres.ts';
import type { SqliteStore } from './sqlite.ts';

export interface CopiedTable {
  table: string;
  source: number;
  target: number;
}

/** PostgreSQL takes at most 65,535 parameters per statement; rows are also kept to a few MB. */
const MAX_PARAMETERS = 30_000;
const MAX_BATCH_BYTES = 16 * 1024 * 1024;

/** Copies every row; the target must be migrated to the same version and hold no rows yet. */
export async function copySqliteToPostgres(
  source: SqliteStore,
  target: PostgresStore,
  onTable: (table: string, rows: number) => void = () => {},
): Promise<CopiedTable[]> {
  const src = source.sqlite;
  const tables = await tablesToCopy(source, target);
  const counts = new Map<string, number>();
  // One read transaction: every table is read from the same moment of the source.
  src.exec('BEGIN');
  try {
    await target.db.transaction().execute(async (trx) => {
      for (const table of tables) {
        const present = await trx
          .selectFrom(table as keyof Database)
          .select(sql<number>`count(*)`.as('n'))
          .executeTakeFirstOrThrow();
        if (Number(present.n) > 0)
          throw new Error(`The target already holds rows in ${table}: copy into an empty database.`);
      }
      for (const table of tables)
        await sql`ALTER TABLE ${sql.table(table)} DISABLE TRIGGER USER`.execute(trx);
      for (const table of tables) {
        const n = await copyTable(
          src,
          trx as unknown as Kysely<Record<string, Record<string, unknown>>>,
          table,
        );
        counts.set(table, n);
        onTable(table, n);
      }
      for (const table of tables) await sql`ALTER TABLE ${sql.table(table)} ENABLE TRIGGER USER`.execute(trx);
      await continueIdentities(trx);
    });
  } finally {
    src.exec('COMMIT');
  }
  const out: CopiedTable[] = [];
  for (const table of tables) {
    const row = await target.db
      .selectFrom(table as keyof Database)
      .select(sql<number>`count(*)`.as('n'))
      .executeTakeFirstOrThrow();
    out.push({ table, source: counts.get(table) ?? 0, target: Number(row.n) });
  }
  return out;
}

/**
 * The tables both databases have (Koe's schema; not Kysely's migration bookkeeping), parents
 * before children. Refuses when the target lacks one the source has, or their columns differ.
 */
async function tablesToCopy(source: SqliteStore, target: PostgresStore): Promise<string[]> {
  const own = (name: string) => !name.startsWith('kysely_');
  const sourceTables = (await source.db.introspection.getTables()).filter((t) => own(t.name));
  const targetTables = new Map(
    (await target.db.introspection.getTables()).filter((t) => own(t.name)).map((t) => [t.name, t]),
  );
  const names: string[] = [];
  for (const t of sourceTables) {
    const there = targetTables.get(t.name);
    if (!there) {
      if (isSqliteOnly(source, t.name)) continue;
      throw new Error(`The target has no table ${t.name}: migrate both to the same version first.`);
    }
    const columns = (list: { name: string }[]) =>
      list
        .map((c) => c.name)
        .sort()
        .join(',');
    if (columns(t.columns) !== columns(there.columns)) {
      throw new Error(
        `Table ${t.name} has other columns in the target: migrate both to the same version first.`,
      );
    }
    names.push(t.name);
  }
  return parentsFirst(source, names);
}

/** The FTS5 index and its shadow tables: SQLite's full-text search, not data. */
function isSqliteOnly(source: SqliteStore, table: string): boolean {
  const row = source.sqlite
    .prepare(`SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?`)
    .get(table) as { sql: string | null } | undefined;
  return /VIRTUAL TABLE/i.test(row?.sql ?? '') || /_fts(_\w+)?$/.test(table);
}

/** Orders tables so that every table comes after those its foreign keys point at. */
function parentsFirst(source: SqliteStore, names: string[]): string[] {
  const parents = new Map(
    names.map((name) => {
      const keys = source.sqlite.prepare(`SELECT "table" FROM pragma_foreign_key_list(?)`).all(name) as {
        table: string;
      }[];
      return [name, new Set(keys.map((k) => k.table).filter((t) => t !== name && names.includes(t)))];
    }),
  );
  const out: string[] = [];
  const placed = new Set<string>();
  while (out.length < names.length) {
    const next = names.filter(
      (n) => !placed.has(n) && [...(parents.get(n) ?? [])].every((p) => placed.has(p)),
    );
    if (next.length === 0) throw new Error('Foreign keys form a cycle: cannot order the tables.');
    for (const n of next) {
      placed.add(n);
      out.push(n);
    }
  }
  return out;
}

/** Copies one table in batches, in rowid order; returns the rows copied. */
async function copyTable(
  src: SqliteStore['sqlite'],
  trx: Kysely<Record<string, Record<string, unknown>>>,
  table: string,
): Promise<number> {
  const quoted = `"${table.replace(/"/g, '""')}"`;
  const withoutRowid = /WITHOUT ROWID/i.test(
    (src.prepare(`SELECT sql FROM sqlite_master WHERE name = ?`).get(table) as { sql: string }).sql,
  );
  const rows = src
    .prepare(`SELECT * FROM ${quoted}${withoutRowid ? '' : ' ORDER BY rowid'}`)
    .iterate() as Iterable<Record<string, unknown>>;
  let batch: Record<string, unknown>[] = [];
  let bytes = 0;
  let copied = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    await trx.insertInto(table).values(batch).execute();
    copied += batch.length;
    batch = [];
    bytes = 0;
  };
  for (const row of rows) {
    const columns = Object.keys(row).length;
    batch.push(row);
    for (const v of Object.values(row)) bytes += typeof v === 'string' || Buffer.isBuffer(v) ? v.length : 8;
    if ((batch.length + 1) * columns > MAX_PARAMETERS || bytes > MAX_BATCH_BYTES) await flush();
  }
  await flush();
  return copied;
}

/** Every identity column's sequence continues after the highest id copied. */
async function continueIdentities(trx: Kysely<Database>): Promise<void> {
  const identities = await sql<{ table_name: string; column_name: string }>`
    SELECT table_name, column_name FROM information_schema.columns
    WHERE table_schema = current_schema() AND is_identity = 'YES'`.execute(trx);
  for (const { table_name, column_name } of identities.rows) {
    const table = sql.table(table_name);
    const column = sql.ref(column_name);
    await sql`SELECT setval(pg_get_serial_sequence(${`"${table_name}"`}, ${column_name}),
      coalesce((SELECT max(${column}) FROM ${table}), 0) + 1, false)`.execute(trx);
  }
}
