/**
 * The outbox: messages written with the change that causes them, and the sender's moves on them
 * (claim → sent | retry | failed). Each move is one guarded UPDATE, so two senders on one
 * database never both claim a message, and a message not in `sending` is never marked sent.
 */
import type { Kysely, Transaction } from 'kysely';
import type { Database, MailFailure, MailKind, MailStatus, OutboxRow } from '../../db/schema.ts';
import { addressKey } from '../lib/mail-address.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** A message as stored: its payload already JSON, its Message-ID already made. */
export interface OutboxInsert {
  kind: MailKind;
  recipient: string;
  lang: 'ja' | 'en';
  payloadJson: string;
  dedupeKey: string | null;
  messageId: string;
  notBefore: Date;
}

/** Queues messages; one whose dedupe key is queued already is left out. Returns how many were new. */
export async function insertOutbox(db: Db, rows: readonly OutboxInsert[], now: Date): Promise<number> {
  let added = 0;
  // Kept small: each row has 8 values and SQLite binds at most 32,766 per statement.
  for (let i = 0; i < rows.length; i += 500) {
    const result = await db
      .insertInto('outbox')
      .values(
        rows.slice(i, i + 500).map((r) => ({
          kind: r.kind,
          recipient: r.recipient,
          lang: r.lang,
          payload_json: r.payloadJson,
          dedupe_key: r.dedupeKey,
          message_id: r.messageId,
          not_before: r.notBefore.toISOString(),
          created_at: now.toISOString(),
        })),
      )
      .onConflict((oc) => oc.column('dedupe_key').doNothing())
      .executeTakeFirst();
    added += Number(result.numInsertedOrUpdatedRows ?? 0);
  }
  return added;
}

/** Pending messages whose time has come, oldest first. */
export async function listDueMessages(db: Db, now: Date, limit: number): Promise<OutboxRow[]> {
  return db
    .selectFrom('outbox')
    .selectAll()
    .where('status', '=', 'pending')
    .where('not_before', '<=', now.toISOString())
    .orderBy('not_before')
    .orderBy('id')
    .limit(limit)
    .execute();
}

/**
 * Takes a pending message for sending and counts the try. Committed before anything is sent:
 * from here on a crash leaves it in `sending`, which nothing picks up again.
 */
export async function claimMessage(db: Db, id: number, now: Date): Promise<boolean> {
  const r = await db
    .updateTable('outbox')
    .set((eb) => ({ status: 'sending', claimed_at: now.toISOString(), attempts: eb('attempts', '+', 1) }))
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function markSent(db: Db, id: number, now: Date, reply: string): Promise<void> {
  await db
    .updateTable('outbox')
    .set({ status: 'sent', sent_at: now.toISOString(), last_error: reply.slice(0, 500), failure: null })
    .where('id', '=', id)
    .where('status', '=', 'sending')
    .execute();
}

export async function markRetry(db: Db, id: number, notBefore: Date, error: string): Promise<void> {
  await db
    .updateTable('outbox')
    .set({ status: 'pending', not_before: notBefore.toISOString(), last_error: error.slice(0, 500) })
    .where('id', '=', id)
    .where('status', '=', 'sending')
    .execute();
}

export async function markFailed(db: Db, id: number, failure: MailFailure, error: string): Promise<void> {
  await db
    .updateTable('outbox')
    .set({ status: 'failed', failure, last_error: error.slice(0, 500) })
    .where('id', '=', id)
    .where('status', 'in', ['sending', 'pending'])
    .execute();
}

/**
 * Messages left in `sending` since before `before`: their sender died between handing them over
 * and recording it. Marked failed ("interrupted"), never sent again by themselves.
 */
export async function failStaleSending(db: Db, before: Date): Promise<number> {
  const r = await db
    .updateTable('outbox')
    .set({
      status: 'failed',
      failure: 'interrupted',
      last_error: 'Sending was interrupted; the message may or may not have been delivered.',
    })
    .where('status', '=', 'sending')
    .where('claimed_at', '<', before.toISOString())
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** A failed message queued again from its first try; false unless it had failed. */
export async function requeueMessage(db: Db, id: number, now: Date): Promise<OutboxRow | undefined> {
  return db
    .updateTable('outbox')
    .set({ status: 'pending', attempts: 0, failure: null, not_before: now.toISOString() })
    .where('id', '=', id)
    .where('status', '=', 'failed')
    .returningAll()
    .executeTakeFirst();
}

export async function findOutboxMessage(db: Db, id: number): Promise<OutboxRow | undefined> {
  return db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirst();
}

/** How many messages are in each state. */
export async function countOutboxByStatus(db: Db): Promise<Record<MailStatus, number>> {
  const rows = await db
    .selectFrom('outbox')
    .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('status')
    .execute();
  const out: Record<MailStatus, number> = { pending: 0, sending: 0, sent: 0, failed: 0 };
  for (const r of rows) out[r.status] = Number(r.n);
  return out;
}

/** The newest messages in some states, for the administrator's page. */
export async function listOutbox(
  db: Db,
  statuses: readonly MailStatus[],
  limit: number,
): Promise<OutboxRow[]> {
  return db
    .selectFrom('outbox')
    .selectAll()
    .where('status', 'in', statuses)
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

/** Messages of a kind queued for an address since a time (for per-address limits). */
export async function countRecentMails(
  db: Db,
  kind: MailKind,
  address: string,
  since: Date,
): Promise<number> {
  const row = await db
    .selectFrom('outbox')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('kind', '=', kind)
    .where('created_at', '>=', since.toISOString())
    .where((eb) => eb(eb.fn('lower', ['recipient']), '=', addressKey(address)))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Marks an address as failing (a server refused it permanently). */
export async function markAddressFailing(db: Db, address: string, reason: string, now: Date): Promise<void> {
  await db
    .insertInto('mail_addresses')
    .values({
      address_key: addressKey(address),
      failing_since: now.toISOString(),
      reason: reason.slice(0, 500),
    })
    .onConflict((oc) => oc.column('address_key').doUpdateSet({ reason: reason.slice(0, 500) }))
    .execute();
}

export async function clearAddressFailing(db: Db, address: string): Promise<void> {
  await db.deleteFrom('mail_addresses').where('address_key', '=', addressKey(address)).execute();
}

export async function isAddressFailing(db: Db, address: string): Promise<boolean> {
  const row = await db
    .selectFrom('mail_addresses')
    .select('address_key')
    .where('address_key', '=', addressKey(address))
    .executeTakeFirst();
  return row !== undefined;
}

export async function countFailingAddresses(db: Db): Promise<number> {
  const row = await db
    .selectFrom('mail_addresses')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Records a milestone once; false when it was recorded before (someone else announced it). */
export async function recordMilestone(
  db: Db,
  consultationId: number,
  milestone: string,
  now: Date,
): Promise<boolean> {
  const r = await db
    .insertInto('mail_milestones')
    .values({ consultation_id: consultationId, milestone, at: now.toISOString() })
    .onConflict((oc) => oc.columns(['consultation_id', 'milestone']).doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
}
