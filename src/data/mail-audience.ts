/**
 * Who hears what by mail: the comments whose writers asked to hear of the result, the
 * subscriptions to new consultations, the department's addresses, and the consultations whose
 * opening, end of period or day of comments has not been announced yet. Subscribers' addresses
 * are read here for sending only; no page or export lists them.
 */
import { type Kysely, sql, type Transaction } from 'kysely';
import type { Consultation, Database } from '../../db/schema.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** Remembers a web comment's language and its writer's choice about the result mail. */
export async function insertCommentMail(
  db: Db,
  commentId: number,
  lang: 'ja' | 'en',
  notifyResult: boolean,
): Promise<void> {
  await db
    .insertInto('comment_mail')
    .values({ comment_id: commentId, lang, notify_result: notifyResult ? 1 : 0 })
    .onConflict((oc) => oc.column('comment_id').doNothing())
    .execute();
}

/** Comments of a consultation whose writers asked to hear of the result, with their address. */
export async function listResultWatchers(
  db: Db,
  consultationId: number,
): Promise<{ commentId: number; email: string; lang: 'ja' | 'en' }[]> {
  return db
    .selectFrom('comment_mail')
    .innerJoin('comments', 'comments.id', 'comment_mail.comment_id')
    .select(['comments.id as commentId', 'comments.email as email', 'comment_mail.lang as lang'])
    .where('comments.consultation_id', '=', consultationId)
    .where('comment_mail.notify_result', '=', 1)
    .where('comments.email', '<>', '')
    .orderBy('comments.id')
    .execute();
}

export type Subscription = Awaited<ReturnType<typeof findSubscriptionByToken>>;

export async function findSubscription(db: Db, emailKey: string, department: string) {
  return db
    .selectFrom('mail_subscriptions')
    .selectAll()
    .where('email_key', '=', emailKey)
    .where('department', '=', department)
    .executeTakeFirst();
}

export async function findSubscriptionById(db: Db, id: number) {
  return db.selectFrom('mail_subscriptions').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findSubscriptionByToken(
  db: Db,
  column: 'confirm_token' | 'unsubscribe_token',
  token: string,
) {
  return db.selectFrom('mail_subscriptions').selectAll().where(column, '=', token).executeTakeFirst();
}

export interface SubscriptionRequest {
  email: string;
  emailKey: string;
  department: string;
  lang: 'ja' | 'en';
  confirmToken: string;
  unsubscribeToken: string;
}

/** A new request for an address and department: a fresh unconfirmed row, or the old one reset. */
export async function upsertSubscriptionRequest(db: Db, r: SubscriptionRequest, now: Date): Promise<number> {
  const row = await db
    .insertInto('mail_subscriptions')
    .values({
      email: r.email,
      email_key: r.emailKey,
      department: r.department,
      lang: r.lang,
      confirm_token: r.confirmToken,
      unsubscribe_token: r.unsubscribeToken,
      requested_at: now.toISOString(),
    })
    .onConflict((oc) =>
      oc.columns(['email_key', 'department']).doUpdateSet({
        email: r.email,
        lang: r.lang,
        confirm_token: r.confirmToken,
        unsubscribe_token: r.unsubscribeToken,
        requested_at: now.toISOString(),
        confirmed_at: null,
        unsubscribed_at: null,
      }),
    )
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function setSubscriptionConfirmed(db: Db, id: number, now: Date): Promise<void> {
  await db
    .updateTable('mail_subscriptions')
    .set({ confirmed_at: now.toISOString() })
    .where('id', '=', id)
    .where('confirmed_at', 'is', null)
    .execute();
}

export async function setSubscriptionEnded(db: Db, id: number, now: Date): Promise<void> {
  await db
    .updateTable('mail_subscriptions')
    .set({ unsubscribed_at: now.toISOString() })
    .where('id', '=', id)
    .where('unsubscribed_at', 'is', null)
    .execute();
}

/**
 * Confirmed, current subscriptions that cover a department ('' covers all), one per address
 * (the lowest id: someone subscribed to all and to the department hears once), leaving out
 * addresses that failed. Matching on the department's name: when departments become records,
 * this is the one query that changes.
 */
export async function listSubscribersFor(
  db: Db,
  department: string,
): Promise<{ id: number; email: string; lang: 'ja' | 'en' }[]> {
  const rows = await db
    .selectFrom('mail_subscriptions as s')
    .select(['s.id', 's.email', 's.lang', 's.email_key'])
    .where('s.confirmed_at', 'is not', null)
    .where('s.unsubscribed_at', 'is', null)
    .where('s.department', 'in', department ? ['', department] : [''])
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('mail_addresses as a')
            .select('a.address_key')
            .whereRef('a.address_key', '=', 's.email_key'),
        ),
      ),
    )
    .orderBy('s.id')
    .execute();
  const seen = new Set<string>();
  const out: { id: number; email: string; lang: 'ja' | 'en' }[] = [];
  for (const r of rows) {
    if (seen.has(r.email_key)) continue;
    seen.add(r.email_key);
    out.push({ id: r.id, email: r.email, lang: r.lang });
  }
  return out;
}

/** Counts for the administrator: confirmed and current, and still unconfirmed. */
export async function countSubscriptions(db: Db): Promise<{ confirmed: number; unconfirmed: number }> {
  const row = await db
    .selectFrom('mail_subscriptions')
    .select([
      sql<number>`sum(case when confirmed_at is not null and unsubscribed_at is null then 1 else 0 end)`.as(
        'confirmed',
      ),
      sql<number>`sum(case when confirmed_at is null and unsubscribed_at is null then 1 else 0 end)`.as(
        'unconfirmed',
      ),
    ])
    .executeTakeFirstOrThrow();
  return { confirmed: Number(row.confirmed ?? 0), unconfirmed: Number(row.unconfirmed ?? 0) };
}

/** The departments of published consultations, to subscribe to one of them. */
export async function listDepartments(db: Db): Promise<string[]> {
  const rows = await db
    .selectFrom('consultations')
    .select('department')
    .distinct()
    .where('status', '<>', 'draft')
    .where('department', '<>', '')
    .orderBy('department')
    .execute();
  return rows.map((r) => r.department);
}

/**
 * The department's addresses for a consultation: its contact address for submissions and the
 * account of the staff member who created it (if still active). When staff accounts belong to
 * departments, this becomes "the active staff of the consultation's department".
 */
export async function listDepartmentAddresses(
  db: Db,
  consultation: Pick<Consultation, 'submit_email' | 'created_by'>,
): Promise<string[]> {
  const out = consultation.submit_email ? [consultation.submit_email] : [];
  if (consultation.created_by !== null) {
    const user = await db
      .selectFrom('users')
      .select('email')
      .where('id', '=', consultation.created_by)
      .where('disabled_at', 'is', null)
      .where('role', 'in', ['staff', 'admin'])
      .executeTakeFirst();
    if (user) out.push(user.email);
  }
  return out;
}

/** Not yet announced: no milestone of this name for the consultation. */
const notYet = (milestone: string) =>
  sql<boolean>`not exists (select 1 from mail_milestones m where m.consultation_id = consultations.id and m.milestone = ${milestone})`;

/** Published consultations open now whose opening has not been announced. */
export async function listOpenedUnannounced(db: Db, now: Date): Promise<Consultation[]> {
  const at = now.toISOString();
  return db
    .selectFrom('consultations')
    .selectAll()
    .where('status', '=', 'published')
    .where('opens_at', '<=', at)
    .where('closes_at', '>=', at)
    .where(notYet('opened'))
    .orderBy('id')
    .execute();
}

/** Published consultations whose period has ended and whose end has not been announced. */
export async function listEndedUnannounced(db: Db, now: Date): Promise<Consultation[]> {
  return db
    .selectFrom('consultations')
    .selectAll()
    .where('status', '=', 'published')
    .where('closes_at', '<', now.toISOString())
    .where(notYet('closed'))
    .orderBy('id')
    .execute();
}

/** Published consultations open at some time between `since` and `until` without this digest. */
export async function listDigestCandidates(
  db: Db,
  milestone: string,
  since: Date,
  until: Date,
): Promise<Consultation[]> {
  return db
    .selectFrom('consultations')
    .selectAll()
    .where('status', '=', 'published')
    .where('opens_at', '<', until.toISOString())
    .where('closes_at', '>=', since.toISOString())
    .where(notYet(milestone))
    .orderBy('id')
    .execute();
}

/** Comments a consultation received, all of them or in a time window. */
export async function countCommentsReceived(
  db: Db,
  consultationId: number,
  window?: { since: Date; until: Date },
): Promise<number> {
  let q = db
    .selectFrom('comments')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('consultation_id', '=', consultationId);
  if (window) {
    q = q
      .where('received_at', '>=', window.since.toISOString())
      .where('received_at', '<', window.until.toISOString());
  }
  const row = await q.executeTakeFirstOrThrow();
  return Number(row.n);
}

/** What a receipt mail says about a comment: never its text or its writer. */
export async function findReceiptFacts(db: Db, commentId: number) {
  const comment = await db
    .selectFrom('comments')
    .leftJoin('comment_mail', 'comment_mail.comment_id', 'comments.id')
    .select([
      'comments.consultation_id as consultationId',
      'comments.receipt_code as receiptCode',
      'comments.received_at as receivedAt',
      'comment_mail.notify_result as notifyResult',
    ])
    .where('comments.id', '=', commentId)
    .executeTakeFirst();
  if (!comment) return undefined;
  const sections = await db
    .selectFrom('comment_sections')
    .select('section_id')
    .where('comment_id', '=', commentId)
    .execute();
  return { ...comment, sectionIds: sections.map((s) => s.section_id) };
}

/** Receipt codes of comments, in the order of their ids. */
export async function listReceiptCodes(db: Db, commentIds: readonly number[]): Promise<string[]> {
  if (commentIds.length === 0) return [];
  const rows = await db
    .selectFrom('comments')
    .select('receipt_code')
    .where('id', 'in', [...commentIds].slice(0, 1000))
    .orderBy('id')
    .execute();
  return rows.map((r) => r.receipt_code);
}
