/**
 * The few query fragments that SQLite and PostgreSQL spell differently, in one place; every
 * other query is plain Kysely and compiles for either. (Schema differences: db/migrations/
 * dialect.ts. Connections: sqlite.ts and postgres.ts.)
 */
import { type Expression, type Kysely, type RawBuilder, type SqlBool, sql, type Transaction } from 'kysely';
import { engineOf } from '../../db/migrations/dialect.ts';
import type { Database } from '../../db/schema.ts';

export { engineOf };

type Db = Kysely<Database> | Transaction<Database>;

/**
 * The LIKE that ignores the case of Latin letters: SQLite's LIKE does so for A–Z; PostgreSQL's
 * LIKE does not, its ILIKE does (for every letter its locale knows, e.g. also Ａ/ａ) and the
 * trigram index on comments.body serves it.
 */
export function likeOperator(db: Db): 'like' | 'ilike' {
  return engineOf(db) === 'postgres' ? 'ilike' : 'like';
}

/** `value` LIKE `pattern` (escaped with a backslash), ignoring the case of Latin letters. */
export function likeEscaped(db: Db, value: Expression<string | null>, pattern: string): RawBuilder<SqlBool> {
  return sql<SqlBool>`${value} ${sql.raw(likeOperator(db))} ${pattern} ESCAPE '\\'`;
}

/**
 * The element of the JSON array at `path` (one key: `groups`) of the JSON text `json` whose `id`
 * equals `id`, as JSON text; null when there is none.
 */
export function jsonArrayItemById(
  db: Db,
  json: Expression<string | null>,
  key: string,
  id: Expression<number | null>,
): RawBuilder<string | null> {
  if (engineOf(db) === 'postgres') {
    return sql<string | null>`(select item::text from json_array_elements(${json}::json -> ${key}) item
      where (item ->> 'id')::bigint = ${id})`;
  }
  return sql<string | null>`(select value from json_each(${json}, ${`$.${key}`})
    where json_extract(value, '$.id') = ${id})`;
}

/**
 * Locks rows that a use case decides on until its transaction ends, so that a decision and the
 * writes it allows are not interleaved with another process's (PostgreSQL runs transactions side
 * by side). `share`: many may hold it together (comments arriving); `update`: alone (publishing).
 * SQLite needs nothing: it runs one write transaction at a time.
 */
export async function lockConsultation(trx: Transaction<Database>, id: number, mode: 'share' | 'update') {
  if (engineOf(trx) !== 'postgres') return;
  const q = trx.selectFrom('consultations').select('id').where('id', '=', id);
  await (mode === 'share' ? q.forShare() : q.forUpdate()).execute();
}

/**
 * Serialises appends to one hash chain (the audit log) for the rest of the transaction: each
 * entry hashes the one before, so two processes must not both read the same last entry. A
 * transaction-scoped advisory lock on PostgreSQL; SQLite's one writer already does it.
 */
export async function lockChain(trx: Transaction<Database>, chain: number): Promise<void> {
  if (engineOf(trx) !== 'postgres') return;
  await sql`select pg_advisory_xact_lock(${CHAINS}, ${chain})`.execute(trx);
}

/** The namespace of Koe's advisory locks (the first key of the two-key form). */
const CHAINS = 0x4b6f65; // "Koe"

/**
 * Holds every write to `comments` off until the transaction ends, for a decision over all of a
 * consultation's comments that no comment written meanwhile may escape (publishing: "every
 * comment is accounted for"). Readers go on. PostgreSQL: `LOCK TABLE … IN SHARE MODE`, taken after
 * the consultation's row lock, the order intake takes them in. SQLite: its one writer already.
 */
export async function holdCommentWrites(trx: Transaction<Database>): Promise<void> {
  if (engineOf(trx) !== 'postgres') return;
  await sql`LOCK TABLE comments IN SHARE MODE`.execute(trx);
}

/**
 * True for an error that means "another transaction was in the way; the same request, sent
 * again, will go through": PostgreSQL's deadlock (40P01, two processes each holding what the
 * other waits for) or serialization failure (40001), SQLite's busy timeout. Nothing was written.
 */
export function isTransientConflict(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === '40P01' || code === '40001' || code === 'SQLITE_BUSY';
}
