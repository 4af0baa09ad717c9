/**
 * Every migration leaves the same schema on both engines: the same tables with the same
 * columns, of the same kind, and every `id` that SQLite numbers (an `INTEGER PRIMARY KEY`) is
 * numbered by PostgreSQL too (an identity column). A migration written for SQLite alone fails
 * here, naming the table and what to use (db/migrations/index.ts says how to write one).
 */
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { migrateToLatest } from '../../src/data/migrate.ts';
import { openStore } from '../../src/data/sqlite.ts';
import { freshStore } from '../helpers.ts';

interface Column {
  kind: string;
  numbered: boolean;
}

/** SQLite's declared types and PostgreSQL's types, by what they hold. */
function kindOf(type: string): string {
  const t = type.toLowerCase();
  if (/^(integer|int|bigint|smallint|int2|int4|int8)$/.test(t)) return 'integer';
  if (/^(text|character varying|varchar)/.test(t)) return 'text';
  if (/^(real|double precision|float8|float4)$/.test(t)) return 'real';
  if (/^(blob|bytea)$/.test(t)) return 'bytes';
  return t;
}

async function sqliteSchema(): Promise<Map<string, Map<string, Column>>> {
  const store = openStore(':memory:');
  try {
    await migrateToLatest(store.db);
    const tables = store.sqlite
      .prepare(
        `SELECT name, sql FROM sqlite_master WHERE type = 'table'
         AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'kysely_%'`,
      )
      .all() as { name: string; sql: string }[];
    const out = new Map<string, Map<string, Column>>();
    for (const t of tables) {
      // The FTS5 index and its shadow tables: PostgreSQL has a trigram index instead.
      if (/VIRTUAL TABLE/i.test(t.sql) || /_fts(_\w+)?$/.test(t.name)) continue;
      const columns = store.sqlite.prepare('SELECT name, type, pk FROM pragma_table_info(?)').all(t.name) as {
        name: string;
        type: string;
        pk: number;
      }[];
      const keyColumns = columns.filter((c) => c.pk > 0).length;
      out.set(
        t.name,
        new Map(
          columns.map((c) => [
            c.name,
            {
              kind: kindOf(c.type),
              // SQLite numbers an INTEGER PRIMARY KEY (the rowid) when an insert leaves it out.
              numbered: keyColumns === 1 && c.pk === 1 && c.type.toUpperCase() === 'INTEGER',
            },
          ]),
        ),
      );
    }
    return out;
  } finally {
    await store.close();
  }
}

async function postgresSchema(): Promise<Map<string, Map<string, Column>>> {
  const store = await freshStore();
  const { rows } = await sql<{
    table_name: string;
    column_name: string;
    data_type: string;
    is_identity: string;
  }>`
    SELECT c.table_name, c.column_name, c.data_type, c.is_identity
    FROM information_schema.columns c
    JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
    WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE'
      AND c.table_name NOT LIKE 'kysely\\_%'`.execute(store.db);
  const out = new Map<string, Map<string, Column>>();
  for (const r of rows) {
    const table = out.get(r.table_name) ?? new Map<string, Column>();
    table.set(r.column_name, { kind: kindOf(r.data_type), numbered: r.is_identity === 'YES' });
    out.set(r.table_name, table);
  }
  return out;
}

describe('the schema the migrations leave', () => {
  it('is the same on SQLite and PostgreSQL', async () => {
    const lite = await sqliteSchema();
    const pg = await postgresSchema();
    const problems: string[] = [];
    for (const table of new Set([...lite.keys(), ...pg.keys()])) {
      const a = lite.get(table);
      const b = pg.get(table);
      if (!a || !b) {
        problems.push(`${table}: only on ${a ? 'SQLite' : 'PostgreSQL'}`);
        continue;
      }
      for (const column of new Set([...a.keys(), ...b.keys()])) {
        const x = a.get(column);
        const y = b.get(column);
        if (!x || !y) problems.push(`${table}.${column}: only on ${x ? 'SQLite' : 'PostgreSQL'}`);
        else if (x.kind !== y.kind)
          problems.push(
            `${table}.${column}: ${x.kind} on SQLite, ${y.kind} on PostgreSQL${x.kind === 'bytes' || y.kind === 'bytes' ? ' (use bytesType(db))' : ''}`,
          );
        else if (column === 'id' && x.numbered && !y.numbered)
          problems.push(
            `${table}.id: SQLite numbers it, PostgreSQL does not: .addColumn('id', 'integer', autoId(db))`,
          );
      }
    }
    expect(problems).toEqual([]);
  });
});
