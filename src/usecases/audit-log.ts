/**
 * The audit log as a whole: checking its hash chain and exporting it. Both walk the log in
 * batches, never holding it in memory and never inside one long transaction.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { type AuditFilter, type AuditRow, appendAuditBy, listAuditBatch, type Actor } from '../data/audit.ts';
import { ChainWalker, type ChainResult } from '../domain/audit-verify.ts';

const BATCH = 2000;

/** Every entry matching `filter`, oldest first, a batch at a time. */
async function* auditEntries(db: Kysely<Database>, filter: AuditFilter = {}): AsyncGenerator<AuditRow> {
  let after = 0;
  for (;;) {
    const batch = await listAuditBatch(db, after, BATCH, filter);
    yield* batch;
    const last = batch.at(-1);
    if (!last) return;
    after = last.id;
  }
}

/** Checks the whole chain: OK with the count and last hash, or the first broken entry and why. */
export async function verifyAuditLog(db: Kysely<Database>): Promise<ChainResult> {
  const walker = new ChainWalker();
  for await (const row of auditEntries(db)) if (!walker.step(row)) break;
  return walker.result();
}

/** The entries matching `filter`, oldest first; the export itself is recorded in the log. */
export async function exportAuditLog(
  db: Kysely<Database>,
  actor: Actor,
  filter: AuditFilter,
  now: Date,
): Promise<AuditRow[]> {
  const rows: AuditRow[] = [];
  for await (const row of auditEntries(db, filter)) rows.push(row);
  await appendAuditBy(db, actor, now, { action: 'audit.export', after: { filter, rows: rows.length } });
  return rows;
}
