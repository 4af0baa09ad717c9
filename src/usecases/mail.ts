/**
 * Mail use cases: queueing a message with the change that causes it (a comment received, a
 * result published, a consultation opened or closed, a day of comments), the subscription to new
 * consultations (double opt-in, unsubscribe) and an administrator's retry. Queueing only writes
 * the outbox; src/mail/sender.ts delivers it later, never on a request's path.
 */
import type { Kysely, Transaction } from 'kysely';
import type { Consultation, Database } from '../../db/schema.ts';
import { type Actor, appendAuditBy } from '../data/audit.ts';
import {
  countCommentsReceived,
  findSubscription,
  findSubscriptionByToken,
  insertCommentMail,
  listDepartmentAddresses,
  listDigestCandidates,
  listEndedUnannounced,
  listOpenedUnannounced,
  listResultWatchers,
  listSubscribersFor,
  setSubscriptionConfirmed,
  setSubscriptionEnded,
  upsertSubscriptionRequest,
} from '../data/mail-audience.ts';
import {
  clearAddressFailing,
  countRecentMails,
  insertOutbox,
  type OutboxInsert,
  recordMilestone,
  requeueMessage,
} from '../data/outbox.ts';
import {
  byAddress,
  CONFIRMATIONS_PER_ADDRESS_PER_DAY,
  dueDigest,
  MILESTONE_GRACE_MS,
  type NewMail,
  newMailToken,
  newMessageToken,
} from '../domain/mail.ts';
import type { Lang } from '../lib/i18n.ts';
import { addressKey, isMailAddress } from '../lib/mail-address.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** Runs `work` in the caller's transaction, or in a new one. */
function inTransaction<T>(db: Kysely<Database>, work: (trx: Transaction<Database>) => Promise<T>) {
  return db.isTransaction ? work(db as Transaction<Database>) : db.transaction().execute(work);
}

/**
 * Puts messages in the outbox, in the caller's transaction. An address Koe would not send to is
 * left out here already; a message whose dedupe key is queued is not queued again.
 */
export async function queueMails(db: Db, mails: readonly NewMail[], now: Date): Promise<number> {
  const rows: OutboxInsert[] = mails
    .filter((m) => isMailAddress(m.recipient))
    .map((m) => ({
      kind: m.kind,
      recipient: m.recipient,
      lang: m.lang,
      payloadJson: JSON.stringify(m.payload),
      dedupeKey: m.dedupeKey ?? null,
      messageId: newMessageToken(),
      notBefore: m.notBefore ?? now,
    }));
  return rows.length === 0 ? 0 : insertOutbox(db, rows, now);
}

/** What the writer of a web comment chose about mail. */
export interface CommentMailChoice {
  lang: Lang;
  /** Tell me when the result is published. */
  notifyResult: boolean;
}

/**
 * The receipt by mail for a comment just stored (never its text, name or address: the mail says
 * which consultation, the 受付番号, when, which sections and where to look), and the writer's
 * wish to hear of the result. Nothing when no address was given.
 */
export async function queueReceiptMail(
  trx: Transaction<Database>,
  comment: { id: number; email: string },
  choice: CommentMailChoice,
  now: Date,
): Promise<void> {
  if (!comment.email || !isMailAddress(comment.email)) return;
  await insertCommentMail(trx, comment.id, choice.lang, choice.notifyResult);
  await queueMails(
    trx,
    [
      {
        kind: 'receipt',
        recipient: comment.email,
        lang: choice.lang,
        payload: { commentId: comment.id },
        dedupeKey: `receipt:${comment.id}`,
      },
    ],
    now,
  );
}

/** At publication: one mail to each address that asked, naming all its comments. */
export async function queueResultMails(trx: Transaction<Database>, consultationId: number, now: Date) {
  const watchers = byAddress(await listResultWatchers(trx, consultationId), addressKey);
  return queueMails(
    trx,
    watchers.map((w) => ({
      kind: 'result' as const,
      recipient: w.email,
      lang: w.lang,
      payload: { consultationId, commentIds: w.commentIds },
      dedupeKey: `result:${consultationId}:${addressKey(w.email)}`,
    })),
    now,
  );
}

export type SubscriptionOutcome = 'confirmation_sent' | 'already_subscribed' | 'limited';

/**
 * Asks to hear of new consultations (of one department, or '' for all). Sends a confirmation
 * link; nothing else goes to the address until it is used. An address already confirmed gets
 * nothing new, and one that asked too often today gets nothing: the page says the same in every
 * case, so it tells nobody whether an address is subscribed.
 */
export async function requestSubscription(
  db: Kysely<Database>,
  input: { email: string; department: string; lang: Lang },
  now: Date,
): Promise<SubscriptionOutcome> {
  return inTransaction(db, async (trx) => {
    const key = addressKey(input.email);
    const existing = await findSubscription(trx, key, input.department);
    if (existing?.confirmed_at && !existing.unsubscribed_at) return 'already_subscribed';
    const dayAgo = new Date(now.getTime() - 24 * 60 * 60_000);
    if (
      (await countRecentMails(trx, 'subscription_confirm', input.email, dayAgo)) >=
      CONFIRMATIONS_PER_ADDRESS_PER_DAY
    )
      return 'limited';
    const id = await upsertSubscriptionRequest(
      trx,
      {
        email: input.email,
        emailKey: key,
        department: input.department,
        lang: input.lang,
        confirmToken: newMailToken(),
        unsubscribeToken: newMailToken(),
      },
      now,
    );
    await queueMails(
      trx,
      [
        {
          kind: 'subscription_confirm',
          recipient: input.email,
          lang: input.lang,
          payload: { subscriptionId: id },
        },
      ],
      now,
    );
    return 'confirmation_sent';
  });
}

/** Confirms a subscription by the link in its confirmation mail. */
export async function confirmSubscription(db: Kysely<Database>, token: string, now: Date) {
  return inTransaction(db, async (trx) => {
    const s = await findSubscriptionByToken(trx, 'confirm_token', token);
    if (!s || s.unsubscribed_at) return undefined;
    await setSubscriptionConfirmed(trx, s.id, now);
    return { department: s.department };
  });
}

/** Ends a subscription by the link (or the List-Unsubscribe header) in any of its mails. */
export async function endSubscription(db: Kysely<Database>, token: string, now: Date) {
  return inTransaction(db, async (trx) => {
    const s = await findSubscriptionByToken(trx, 'unsubscribe_token', token);
    if (!s) return undefined;
    await setSubscriptionEnded(trx, s.id, now);
    return { department: s.department };
  });
}

/**
 * An administrator queues a failed message again (from its first try). Its address loses the
 * "failing" mark: the administrator decided to try it. Audited without the address.
 */
export async function retryMail(db: Kysely<Database>, actor: Actor, id: number, now: Date): Promise<boolean> {
  return inTransaction(db, async (trx) => {
    const row = await requeueMessage(trx, id, now);
    if (!row) return false;
    await clearAddressFailing(trx, row.recipient);
    await appendAuditBy(trx, actor, now, {
      action: 'mail.retry',
      targetType: 'mail',
      targetId: id,
      after: { kind: row.kind },
    });
    return true;
  });
}

export interface MilestoneOptions {
  /** Tokyo hour of the department's daily digest; null: no digest. */
  digestHour: number | null;
}

/**
 * What the sender's periodic tick announces, each consultation in its own short transaction
 * that records the milestone and queues its messages together (so each is announced once):
 * a consultation opened (to its subscribers), its period ended (to its department), the day's
 * new comments (to its department). Returns how many messages were queued.
 */
export async function announceMilestones(
  db: Kysely<Database>,
  now: Date,
  opts: MilestoneOptions,
): Promise<number> {
  let queued = 0;
  for (const c of await listOpenedUnannounced(db, now)) {
    queued += await once(db, c.id, 'opened', now, async (trx) => {
      const subscribers = await listSubscribersFor(trx, c.department);
      return subscribers.map((s) => ({
        kind: 'consultation_opened' as const,
        recipient: s.email,
        lang: s.lang,
        payload: { consultationId: c.id, subscriptionId: s.id },
        dedupeKey: `opened:${c.id}:${s.id}`,
      }));
    });
  }
  for (const c of await listEndedUnannounced(db, now)) {
    const late = c.closes_at !== null && now.getTime() - Date.parse(c.closes_at) > MILESTONE_GRACE_MS;
    queued += await once(db, c.id, 'closed', now, async (trx) =>
      late ? [] : staffMails(trx, c, 'period_ended', { consultationId: c.id }, `ended:${c.id}`),
    );
  }
  const digest = opts.digestHour === null ? null : dueDigest(now, opts.digestHour);
  if (digest) {
    const milestone = `digest:${digest.day}`;
    for (const c of await listDigestCandidates(db, milestone, digest.since, digest.until)) {
      queued += await once(db, c.id, milestone, now, async (trx) => {
        const window = { since: digest.since, until: digest.until };
        if ((await countCommentsReceived(trx, c.id, window)) === 0) return [];
        const payload = {
          consultationId: c.id,
          since: window.since.toISOString(),
          until: window.until.toISOString(),
        };
        return staffMails(trx, c, 'digest', payload, `digest:${c.id}:${digest.day}`);
      });
    }
  }
  return queued;
}

/** Records a milestone and queues what it causes, in one transaction; nothing if it was recorded. */
async function once(
  db: Kysely<Database>,
  consultationId: number,
  milestone: string,
  now: Date,
  mails: (trx: Transaction<Database>) => Promise<NewMail[]>,
): Promise<number> {
  return db.transaction().execute(async (trx) => {
    if (!(await recordMilestone(trx, consultationId, milestone, now))) return 0;
    return queueMails(trx, await mails(trx), now);
  });
}

async function staffMails<K extends 'period_ended' | 'digest'>(
  trx: Transaction<Database>,
  c: Consultation,
  kind: K,
  payload: NewMail<K>['payload'],
  dedupe: string,
): Promise<NewMail[]> {
  const addresses = await listDepartmentAddresses(trx, c);
  const unique = [...new Map(addresses.map((a) => [addressKey(a), a])).entries()];
  return unique.map(([key, recipient]) => ({
    kind,
    recipient,
    lang: 'ja' as const,
    payload,
    dedupeKey: `${dedupe}:${key}`,
  }));
}
