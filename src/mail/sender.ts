/**
 * The mail sender: a service the server starts (createApp knows nothing of it), never on a
 * request's path. Every few seconds it
 *   1. marks messages left in `sending` by a crashed sender as interrupted (never resent),
 *   2. queues what the clock has caused (a consultation opened, a period ended, a day's digest),
 *   3. delivers due messages one at a time: claim (committed) → compose → SMTP → record.
 * A temporary failure waits and tries again; a permanent one, a bounce or the last try ends the
 * message with its reason. Without a transport (no KOE_SMTP_URL) messages wait in the outbox.
 */
import type { Kysely } from 'kysely';
import type { Database, OutboxRow } from '../../db/schema.ts';
import {
  claimMessage,
  failStaleSending,
  isAddressFailing,
  listDueMessages,
  markAddressFailing,
  markFailed,
  markRetry,
  markSent,
} from '../data/outbox.ts';
import {
  classifySendFailure,
  MAX_ATTEMPTS,
  messageIdHeader,
  retryDelayMs,
  STALE_SENDING_MS,
} from '../domain/mail.ts';
import { type Clock, systemClock } from '../lib/time.ts';
import { announceMilestones } from '../usecases/mail.ts';
import { composeMail } from './compose.ts';
import { type MailTransport, SendError } from './transport.ts';

export interface MailSenderOptions {
  db: Kysely<Database>;
  clock?: Clock;
  /** null: mail is not configured; messages are queued and wait. */
  transport: MailTransport | null;
  /** The From address (KOE_MAIL_FROM). */
  from: string;
  /** Links in mails start with this (KOE_PUBLIC_URL). */
  baseUrl: string;
  /** Tokyo hour of the departments' daily digest; null: none. */
  digestHour: number | null;
  maxAttempts?: number;
  /** Pause between rounds. */
  pollMs?: number;
  /** Messages sent in one round at most. */
  batch?: number;
  log?: (line: string) => void;
}

export interface RoundReport {
  queued: number;
  sent: number;
  retrying: number;
  failed: number;
  interrupted: number;
}

export interface MailSender {
  /** Whether messages are delivered (a transport is set) or only queued. */
  readonly delivering: boolean;
  /** Runs rounds every `pollMs` until stopped. */
  start(): void;
  /** Stops after the round in progress. */
  stop(): Promise<void>;
  /** One round, now (tests call this instead of waiting for the timer). */
  runOnce(): Promise<RoundReport>;
}

export function createMailSender(opts: MailSenderOptions): MailSender {
  const { db, transport } = opts;
  const clock = opts.clock ?? systemClock;
  const maxAttempts = opts.maxAttempts ?? MAX_ATTEMPTS;
  const pollMs = opts.pollMs ?? 5_000;
  const batch = opts.batch ?? 50;
  const log = opts.log ?? ((line: string) => console.log(line));
  const baseUrl = opts.baseUrl.replace(/\/+$/, '');
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> | undefined;
  let stopped = true;

  async function deliver(row: OutboxRow, report: RoundReport): Promise<void> {
    if (!transport) return;
    if (!(await claimMessage(db, row.id, clock.now()))) return; // another sender took it
    const tries = row.attempts + 1;
    if (await isAddressFailing(db, row.recipient)) {
      await markFailed(db, row.id, 'address_failing', 'The address was refused permanently before.');
      report.failed++;
      return;
    }
    let composed: Awaited<ReturnType<typeof composeMail>>;
    try {
      composed = await composeMail(db, row, baseUrl);
    } catch (err) {
      // Claimed and not sent: ended with the reason rather than left for the stale check.
      await markFailed(db, row.id, 'invalid', err instanceof Error ? err.message : String(err));
      report.failed++;
      return;
    }
    if (!composed.ok) {
      await markFailed(db, row.id, 'cancelled', composed.reason);
      report.failed++;
      return;
    }
    try {
      const reply = await transport.send({
        from: opts.from,
        fromName: composed.fromName,
        to: row.recipient,
        subject: composed.content.subject,
        text: composed.content.text,
        html: composed.content.html,
        messageId: messageIdHeader(row.message_id, opts.from),
        headers: composed.headers,
      });
      await markSent(db, row.id, clock.now(), reply);
      report.sent++;
    } catch (err) {
      if (!(err instanceof SendError)) throw err;
      const verdict = classifySendFailure(err.failure);
      if (verdict.outcome === 'retry' && tries < maxAttempts) {
        await markRetry(db, row.id, new Date(clock.now().getTime() + retryDelayMs(tries)), verdict.reason);
        report.retrying++;
      } else if (verdict.outcome === 'retry') {
        await markFailed(db, row.id, 'gave_up', `After ${tries} tries: ${verdict.reason}`);
        report.failed++;
      } else {
        await markFailed(db, row.id, verdict.failure, verdict.reason);
        if (verdict.failure === 'bounced')
          await markAddressFailing(db, row.recipient, verdict.reason, clock.now());
        report.failed++;
      }
    }
  }

  async function runOnce(): Promise<RoundReport> {
    const report: RoundReport = { queued: 0, sent: 0, retrying: 0, failed: 0, interrupted: 0 };
    const now = clock.now();
    report.interrupted = await failStaleSending(db, new Date(now.getTime() - STALE_SENDING_MS));
    report.queued = await announceMilestones(db, now, { digestHour: opts.digestHour });
    if (!transport) return report;
    for (const row of await listDueMessages(db, clock.now(), batch)) {
      await deliver(row, report);
    }
    return report;
  }

  function schedule(ms: number) {
    if (stopped) return;
    timer = setTimeout(() => {
      running = runOnce()
        .then((r) => {
          if (r.sent + r.failed + r.interrupted > 0)
            log(
              `Mail: ${r.sent} sent, ${r.retrying} to retry, ${r.failed} failed, ${r.interrupted} interrupted.`,
            );
        })
        .catch((err: unknown) =>
          log(`Mail: a round failed: ${err instanceof Error ? err.message : String(err)}`),
        )
        .finally(() => schedule(pollMs));
    }, ms);
    timer.unref();
  }

  return {
    delivering: transport !== null,
    start() {
      if (!stopped) return;
      stopped = false;
      schedule(0);
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
    runOnce,
  };
}
