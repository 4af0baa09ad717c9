import { type Kysely, sql } from 'kysely';
import { autoId } from './dialect.ts';

/**
 * Mail (issue #15), written through the schema builder so that it runs on PostgreSQL too:
 *
 * - `outbox`: every message, written in the transaction of the change that causes it and
 *   delivered afterwards by the sender. `status` moves pending → sending → sent | failed; a row
 *   left in `sending` by a crash is never picked up again (see the README's Decisions).
 *   `dedupe_key` (unique where given) makes "this mail for this cause" exist once.
 * - `comment_mail`: a web comment's language and whether its writer asked to hear of the result.
 *   The address stays in `comments.email`, where it already was.
 * - `mail_subscriptions`: addresses that asked to hear of new consultations (all, or one
 *   department), with their confirmation and unsubscribe tokens. Personal data: never exported.
 * - `mail_addresses`: addresses a server refused with a 5xx at submission ("failing").
 * - `mail_milestones`: what the sender has already announced per consultation (opened, period
 *   ended, a day's digest), written with the messages it caused.
 *
 * The ids are `autoId(db)` (issue #13): on SQLite that is the `integer primary key` written here
 * before, so SQLite's schema is byte for byte the same; PostgreSQL numbers them too.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('outbox')
    .addColumn('id', 'integer', autoId(db))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('recipient', 'text', (c) => c.notNull())
    .addColumn('lang', 'text', (c) => c.notNull())
    .addColumn('payload_json', 'text', (c) => c.notNull())
    .addColumn('dedupe_key', 'text', (c) => c.unique())
    .addColumn('message_id', 'text', (c) => c.notNull().unique())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('pending'))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('not_before', 'text', (c) => c.notNull())
    .addColumn('claimed_at', 'text')
    .addColumn('sent_at', 'text')
    .addColumn('failure', 'text')
    .addColumn('last_error', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addCheckConstraint(
      'outbox_kind',
      sql`kind IN ('receipt', 'result', 'subscription_confirm', 'consultation_opened', 'period_ended', 'digest')`,
    )
    .addCheckConstraint('outbox_lang', sql`lang IN ('ja', 'en')`)
    .addCheckConstraint('outbox_status', sql`status IN ('pending', 'sending', 'sent', 'failed')`)
    .addCheckConstraint(
      'outbox_failure',
      sql`failure IS NULL OR failure IN ('gave_up', 'rejected', 'bounced', 'uncertain', 'interrupted', 'address_failing', 'invalid', 'cancelled')`,
    )
    .execute();
  await db.schema.createIndex('outbox_due').on('outbox').columns(['status', 'not_before', 'id']).execute();
  await db.schema.createIndex('outbox_kind').on('outbox').columns(['kind', 'created_at']).execute();

  await db.schema
    .createTable('comment_mail')
    .addColumn('comment_id', 'integer', (c) => c.primaryKey().references('comments.id'))
    .addColumn('lang', 'text', (c) => c.notNull())
    .addColumn('notify_result', 'integer', (c) => c.notNull().defaultTo(0))
    .addCheckConstraint('comment_mail_lang', sql`lang IN ('ja', 'en')`)
    .addCheckConstraint('comment_mail_notify', sql`notify_result IN (0, 1)`)
    .execute();

  await db.schema
    .createTable('mail_subscriptions')
    .addColumn('id', 'integer', autoId(db))
    .addColumn('email', 'text', (c) => c.notNull())
    /** The address lower-cased: one subscription per address and department. */
    .addColumn('email_key', 'text', (c) => c.notNull())
    /** '' for every department. */
    .addColumn('department', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('lang', 'text', (c) => c.notNull())
    .addColumn('confirm_token', 'text', (c) => c.notNull().unique())
    .addColumn('unsubscribe_token', 'text', (c) => c.notNull().unique())
    .addColumn('requested_at', 'text', (c) => c.notNull())
    .addColumn('confirmed_at', 'text')
    .addColumn('unsubscribed_at', 'text')
    .addUniqueConstraint('mail_subscriptions_one', ['email_key', 'department'])
    .addCheckConstraint('mail_subscriptions_lang', sql`lang IN ('ja', 'en')`)
    .execute();

  await db.schema
    .createTable('mail_addresses')
    .addColumn('address_key', 'text', (c) => c.primaryKey())
    .addColumn('failing_since', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull().defaultTo(''))
    .execute();

  await db.schema
    .createTable('mail_milestones')
    .addColumn('consultation_id', 'integer', (c) => c.notNull().references('consultations.id'))
    .addColumn('milestone', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('mail_milestones_pk', ['consultation_id', 'milestone'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['mail_milestones', 'mail_addresses', 'mail_subscriptions', 'comment_mail', 'outbox']) {
    await db.schema.dropTable(table).execute();
  }
}
