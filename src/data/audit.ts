import type { Kysely, Selectable, Transaction } from 'kysely';
import type { AuditLogTable, Database } from '../../db/schema.ts';
import { auditHash, GENESIS_HASH } from '../lib/audit-hash.ts';
import { canonicalTarget } from '../lib/audit-labels.ts';
import { endOfTokyoDay, startOfTokyoDay } from '../lib/time.ts';
import { likeEscaped, lockChain } from './dialect.ts';

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

/** Who acts, as the log records them: their account id, their label in words, their IP. */
export interface Actor {
  id: number | null;
  label: string;
  ip?: string;
}

/** appendAudit with the actor's id, label and IP filled in (same transaction rules). */
export function appendAuditBy(
  db: Kysely<Database> | Transaction<Database>,
  actor: Actor,
  now: Date,
  entry: Omit<AuditEntry, 'actorId' | 'actorLabel' | 'ip'>,
): Promise<void> {
  return appendAudit(db, { actorId: actor.id, actorLabel: actor.label, ip: actor.ip, ...entry }, now);
}

/** The audit log's key among the hash chains that lockChain serialises. */
const AUDIT_CHAIN = 1;

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
  await lockChain(db as Transaction<Database>, AUDIT_CHAIN);
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
    target_type: canonicalTarget(entry.targetType),
    target_id: entry.targetId === undefined ? null : String(entry.targetId),
    before_json: entry.before === undefined ? null : JSON.stringify(entry.before),
    after_json: entry.after === undefined ? null : JSON.stringify(entry.after),
    ip: entry.ip ?? null,
  };
  await db
    .insertInto('audit_log')
    .values({ ...row, target_kind: row.target_type, prev_hash: prevHash, hash: auditHash(prevHash, row) })
    .execute();
}

/**
 * What the sign-in throttle needs, from the audit log (so it survives restarts and needs no
 * table of its own): failed sign-ins since `since` for the client address; for the account (by
 * the email typed, after its last successful sign-in) those from addresses it has never
 * signed in from since `knownSince`; and whether this address is one it signed in from.
 */
export async function countLoginFailures(
  db: Kysely<Database> | Transaction<Database>,
  { email, ip, since, knownSince }: { email: string; ip: string; since: Date; knownSince: Date },
): Promise<{ account: number; ip: number; knownAddress: boolean }> {
  const successes = await db
    .selectFrom('audit_log')
    .select(['ip', 'at'])
    .where('action', '=', 'login')
    .where('actor_label', '=', email)
    .where('at', '>=', knownSince.toISOString())
    .orderBy('id', 'desc')
    .limit(1000)
    .execute();
  const known = [...new Set(successes.map((s) => s.ip).filter((x): x is string => x !== null))];
  const lastLogin = successes[0]?.at;
  const accountSince = lastLogin && lastLogin > since.toISOString() ? lastLogin : since.toISOString();
  const row = await db
    .selectFrom('audit_log')
    .select((eb) => [
      eb.fn
        .sum<number>(
          eb
            .case()
            .when(
              eb.and([
                eb('actor_label', '=', email),
                eb('at', '>', accountSince),
                known.length ? eb.or([eb('ip', 'is', null), eb('ip', 'not in', known)]) : eb.lit(true),
              ]),
            )
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
  return { account: Number(row.account ?? 0), ip: Number(row.ip ?? 0), knownAddress: known.includes(ip) };
}

export type AuditRow = Selectable<AuditLogTable>;

/** Filters for the audit log browser and export. Dates are Tokyo calendar days (YYYY-MM-DD). */
export interface AuditFilter {
  /** An exact action, or a prefix before a dot: `comment` finds `comment.hide`. */
  action?: string;
  /** Part of the actor label (an email, "cli", "system"). */
  actor?: string;
  from?: string;
  to?: string;
  /** A kind of target, by any of its spellings (`consultations` finds `consultation`). */
  targetType?: string;
  targetId?: string;
}

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (m) => `\\${m}`);
}

function filtered(db: Kysely<Database> | Transaction<Database>, f: AuditFilter) {
  let q = db.selectFrom('audit_log');
  if (f.action) {
    const action = f.action;
    q = q.where((eb) =>
      eb.or([eb('action', '=', action), likeEscaped(db, eb.ref('action'), `${escapeLike(action)}.%`)]),
    );
  }
  if (f.actor) {
    const pattern = `%${escapeLike(f.actor)}%`;
    q = q.where((eb) => likeEscaped(db, eb.ref('actor_label'), pattern));
  }
  if (f.from) q = q.where('at', '>=', startOfTokyoDay(f.from).toISOString());
  if (f.to) q = q.where('at', '<=', endOfTokyoDay(f.to).toISOString());
  if (f.targetType) q = q.where('target_kind', '=', canonicalTarget(f.targetType));
  if (f.targetId) q = q.where('target_id', '=', f.targetId);
  return q;
}

/** One page of entries matching the filter, newest first. */
export async function listAuditEntries(
  db: Kysely<Database> | Transaction<Database>,
  filter: AuditFilter,
  page: { limit: number; offset: number },
): Promise<AuditRow[]> {
  return filtered(db, filter)
    .selectAll()
    .orderBy('id', 'desc')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
}

export async function countAuditEntries(
  db: Kysely<Database> | Transaction<Database>,
  filter: AuditFilter,
): Promise<number> {
  const row = await filtered(db, filter)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The actions and target types that occur, for the filter menus. */
export async function listAuditFacets(
  db: Kysely<Database> | Transaction<Database>,
): Promise<{ actions: string[]; targetTypes: string[] }> {
  const actions = await db.selectFrom('audit_log').select('action').distinct().orderBy('action').execute();
  const kinds = await db
    .selectFrom('audit_log')
    .select('target_kind')
    .distinct()
    .where('target_kind', 'is not', null)
    .orderBy('target_kind')
    .execute();
  return { actions: actions.map((r) => r.action), targetTypes: kinds.map((r) => r.target_kind ?? '') };
}

export async function findAuditEntry(
  db: Kysely<Database> | Transaction<Database>,
  id: number,
): Promise<AuditRow | undefined> {
  return db.selectFrom('audit_log').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Entries after `afterId` in id order, for walking the whole log in batches (export, verify). */
export async function listAuditBatch(
  db: Kysely<Database> | Transaction<Database>,
  afterId: number,
  limit: number,
  filter: AuditFilter = {},
): Promise<AuditRow[]> {
  return filtered(db, filter).selectAll().where('id', '>', afterId).orderBy('id').limit(limit).execute();
}
