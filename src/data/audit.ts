import { createHash } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';

export interface AuditEntry {
  /** The user who acted; null for the system, a citizen or a failed login. */
  actorId: number | null;
  /** Who, in words, kept even if the account is later renamed: an email, "system", "cli". */
  actorLabel: string;
  /** A dotted verb: login, login.failed, consultation.create, comment.hide, … */
  action: string;
  targetType?: string;
  targetId?: string | number;
  before?: unknown;
  after?: unknown;
  ip?: string;
}

export const GENESIS_HASH = '0'.repeat(64);

/** The hash of one entry: its predecessor's hash and its own fields, in a fixed order. */
export function auditHash(
  prevHash: string,
  row: {
    at: string;
    actor_id: number | null;
    actor_label: string;
    action: string;
    target_type: string | null;
    target_id: string | null;
    before_json: string | null;
    after_json: string | null;
    ip: string | null;
  },
): string {
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

/**
 * Appends an entry to the hash-chained audit log. Pass the transaction that makes the change,
 * so that the change and its record commit together; the chain is read and extended inside it.
 */
export async function appendAudit(
  db: Kysely<Database> | Transaction<Database>,
  entry: AuditEntry,
  now: Date,
): Promise<void> {
  // Reading the last hash and inserting must not interleave with another append.
  if (!db.isTransaction) return db.transaction().execute((trx) => appendAudit(trx, entry, now));
  const last = await db
    .selectFrom('audit_log')
    .select('hash')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  const prevHash = last?.hash ?? GENESIS_HASH;
  const row = {
    at: now.toISOString(),
    actor_id: entry.actorId,
    actor_label: entry.actorLabel,
    action: entry.action,
    target_type: entry.targetType ?? null,
    target_id: entry.targetId === undefined ? null : String(entry.targetId),
    before_json: entry.before === undefined ? null : JSON.stringify(entry.before),
    after_json: entry.after === undefined ? null : JSON.stringify(entry.after),
    ip: entry.ip ?? null,
  };
  await db
    .insertInto('audit_log')
    .values({ ...row, prev_hash: prevHash, hash: auditHash(prevHash, row) })
    .execute();
}

/**
 * Failed sign-ins recorded since `since`: for the account (by the email typed, counted only
 * after its last successful sign-in) and for the client address. The audit log is the record,
 * so the throttle survives restarts and needs no table of its own.
 */
export async function countLoginFailures(
  db: Kysely<Database> | Transaction<Database>,
  { email, ip, since }: { email: string; ip: string; since: Date },
): Promise<{ account: number; ip: number }> {
  const lastLogin = await db
    .selectFrom('audit_log')
    .select('at')
    .where('action', '=', 'login')
    .where('actor_label', '=', email)
    .where('at', '>=', since.toISOString())
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  const accountSince = lastLogin?.at ?? since.toISOString();
  const row = await db
    .selectFrom('audit_log')
    .select((eb) => [
      eb.fn
        .sum<number>(
          eb
            .case()
            .when(eb.and([eb('actor_label', '=', email), eb('at', '>', accountSince)]))
            .then(1)
            .else(0)
            .end(),
        )
        .as('account'),
      eb.fn.sum<number>(eb.case().when('ip', '=', ip).then(1).else(0).end()).as('ip'),
    ])
    .where('action', '=', 'login.failed')
    .where('at', '>=', since.toISOString())
    .executeTakeFirstOrThrow();
  return { account: Number(row.account ?? 0), ip: Number(row.ip ?? 0) };
}
