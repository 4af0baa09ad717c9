/**
 * The audit log's chain check, as a pure rule: entries in, a verdict out. Reading the entries
 * from the database is the use case's job (src/usecases/audit-log.ts).
 */
import { auditHash, GENESIS_HASH, type HashedAuditFields } from '../lib/audit-hash.ts';
import { canonicalTarget } from '../lib/audit-labels.ts';

/**
 * An entry as the chain check reads it: the hashed fields, its id and its two hashes, and the
 * unhashed `target_kind` (migration 0004), which must be what `target_type` names.
 */
export type ChainedEntry = HashedAuditFields & {
  id: number;
  prev_hash: string;
  hash: string;
  target_kind?: string | null;
};

export type ChainBreakReason = 'changed' | 'unlinked' | 'first_unlinked';

export type ChainResult =
  | { ok: true; count: number; lastHash: string }
  | { ok: false; count: number; brokenId: number; reason: ChainBreakReason; detail: string };

/**
 * Walks the hash chain entry by entry, in id order, so a long log can be fed in batches.
 * An entry whose fields were edited no longer matches its hash ('changed'); an entry deleted,
 * inserted or reordered breaks the link from its successor ('unlinked'). Removing the newest
 * entries leaves a shorter valid chain: compare the printed count and last hash with a copy
 * kept elsewhere to notice that.
 */
export class ChainWalker {
  #prevHash = GENESIS_HASH;
  #prevId: number | null = null;
  #count = 0;
  #broken: Extract<ChainResult, { ok: false }> | null = null;

  /** Checks one more entry; false once the chain is broken (later entries are not checked). */
  step(entry: ChainedEntry): boolean {
    if (this.#broken) return false;
    if (entry.prev_hash !== this.#prevHash) {
      this.#broken = {
        ok: false,
        count: this.#count,
        brokenId: entry.id,
        reason: this.#prevId === null ? 'first_unlinked' : 'unlinked',
        detail:
          this.#prevId === null
            ? `entry ${entry.id} is the first entry but does not start the chain: earlier entries were deleted`
            : `entry ${entry.id} does not follow entry ${this.#prevId}: an entry between them was deleted or inserted, or entry ${this.#prevId} was rewritten`,
      };
      return false;
    }
    const { id: _id, prev_hash: _prev, hash: _hash, target_kind: kind, ...fields } = entry;
    const kindOk = kind === undefined || kind === canonicalTarget(entry.target_type);
    if (!kindOk || auditHash(entry.prev_hash, fields) !== entry.hash) {
      this.#broken = {
        ok: false,
        count: this.#count,
        brokenId: entry.id,
        reason: 'changed',
        detail: kindOk
          ? `entry ${entry.id} was changed after it was written: its contents no longer match its hash`
          : `entry ${entry.id} was changed after it was written: its target kind does not match its target type`,
      };
      return false;
    }
    this.#prevHash = entry.hash;
    this.#prevId = entry.id;
    this.#count += 1;
    return true;
  }

  result(): ChainResult {
    return this.#broken ?? { ok: true, count: this.#count, lastHash: this.#prevHash };
  }
}

/** Verifies a whole chain held in memory. */
export function verifyChain(entries: Iterable<ChainedEntry>): ChainResult {
  const walker = new ChainWalker();
  for (const e of entries) if (!walker.step(e)) break;
  return walker.result();
}
