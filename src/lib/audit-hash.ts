/**
 * How the audit log is chained: each entry's hash covers its predecessor's hash and its own
 * fields in a fixed order. The data layer computes it when it appends; the domain's chain check
 * recomputes it. Both must agree byte for byte, so the definition lives here, once.
 */
import { createHash } from 'node:crypto';
import type { Selectable } from 'kysely';
import type { AuditLogTable } from '../../db/schema.ts';

/** The `prev_hash` of the first entry. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * The fields of an entry the hash covers: all but its id, the two hashes and `target_kind`
 * (added later and derived from `target_type`; the chain check compares the two).
 */
export type HashedAuditFields = Omit<Selectable<AuditLogTable>, 'id' | 'prev_hash' | 'hash' | 'target_kind'>;

/** The hash of one entry: its predecessor's hash and its own fields, in a fixed order. */
export function auditHash(prevHash: string, row: HashedAuditFields): string {
  const canonical = JSON.stringify([
    prevHash,
    row.at,
    row.actor_id,
    row.actor_label,
    row.action,
    row.target_type,
    row.target_id,
    row.before_json,
    row.after_json,
    row.ip,
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}
