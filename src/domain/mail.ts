/**
 * The rules of Koe's mail: what each kind of message is about, when a failed message is tried
 * again, which failures end it, and when a department's daily digest is due. Plain functions; the
 * outbox is written by the use cases (src/data/outbox.ts) and delivered by src/mail/sender.ts.
 */
import { randomBytes } from 'node:crypto';
import type { MailFailure, MailKind } from '../../db/schema.ts';
import type { Lang } from '../lib/i18n.ts';
import { startOfTokyoDay, tokyoDateString } from '../lib/time.ts';

/** What a message is about, by kind: ids only; the sender reads the rest when it sends. */
export interface MailPayloads {
  receipt: { commentId: number };
  /** One mail per address, listing every comment it asked to hear about. */
  result: { consultationId: number; commentIds: number[] };
  subscription_confirm: { subscriptionId: number };
  consultation_opened: { consultationId: number; subscriptionId: number };
  period_ended: { consultationId: number };
  digest: { consultationId: number; since: string; until: string };
}

/** A message to put in the outbox. */
export interface NewMail<K extends MailKind = MailKind> {
  kind: K;
  recipient: string;
  lang: Lang;
  payload: MailPayloads[K];
  /** The same key is stored once: "this mail for this cause" cannot be queued twice. */
  dedupeKey?: string;
  /** Not before this time (default: at once). */
  notBefore?: Date;
}

/** Tries of one message before it is given up (the first send included). */
export const MAX_ATTEMPTS = 8;

/**
 * Waits after the n-th failed try (1-based): greylisting servers ask for a few minutes, an
 * outage may last hours. Eight tries span about 22 hours.
 */
const RETRY_MINUTES = [1, 5, 15, 60, 180, 360, 720];

export function retryDelayMs(failedTries: number): number {
  const i = Math.min(Math.max(failedTries, 1), RETRY_MINUTES.length) - 1;
  return (RETRY_MINUTES[i] ?? 720) * 60_000;
}

/** How a send failed, as the transport saw it. */
export interface SendFailure {
  message: string;
  /** The SMTP reply code, when the server answered. */
  responseCode?: number;
  /** The SMTP command that was answered ('RCPT TO', 'DATA', 'AUTH PLAIN', …). */
  command?: string;
  /** The message's content had been handed to the server when the failure came. */
  dataSent: boolean;
}

export type FailureVerdict =
  | { outcome: 'retry'; reason: string }
  | {
      outcome: 'failed';
      failure: Extract<MailFailure, 'rejected' | 'bounced' | 'uncertain'>;
      reason: string;
    };

/**
 * What a failure means for the message. A 4xx is temporary. A 5xx to RCPT TO is a bounce at
 * submission: the address fails. A 5xx to DATA refuses this message. A 5xx to anything before
 * (AUTH, MAIL FROM) refuses Koe, not the message: tried again, as a connection failure is. A
 * failure with no reply after the content went out may have delivered it: never tried again
 * automatically, so nothing is sent twice.
 */
export function classifySendFailure(f: SendFailure): FailureVerdict {
  const code = f.responseCode;
  const reason = f.message.slice(0, 500);
  if (code !== undefined && code >= 400 && code < 500) return { outcome: 'retry', reason };
  if (code !== undefined && code >= 500) {
    if (f.command === 'RCPT TO') return { outcome: 'failed', failure: 'bounced', reason };
    if (f.command === 'DATA') return { outcome: 'failed', failure: 'rejected', reason };
    return { outcome: 'retry', reason };
  }
  if (f.dataSent) return { outcome: 'failed', failure: 'uncertain', reason };
  return { outcome: 'retry', reason };
}

/** The left part of a Message-ID, made when the message is queued: every try carries the same one. */
export function newMessageToken(): string {
  return `koe.${randomBytes(12).toString('base64url')}`;
}

/** The Message-ID header of a queued message, in the sender's domain. */
export function messageIdHeader(token: string, fromAddress: string): string {
  const domain = fromAddress.slice(fromAddress.lastIndexOf('@') + 1) || 'koe.invalid';
  return `<${token}@${domain}>`;
}

/** Groups comments by address (compared lower-cased): one result mail per person, in their last language. */
export function byAddress<T extends { commentId: number; email: string; lang: Lang }>(
  rows: readonly T[],
  key: (email: string) => string,
): { email: string; lang: Lang; commentIds: number[] }[] {
  const out = new Map<string, { email: string; lang: Lang; commentIds: number[] }>();
  for (const r of rows) {
    const k = key(r.email);
    const entry = out.get(k);
    if (entry) {
      entry.commentIds.push(r.commentId);
      entry.lang = r.lang;
    } else out.set(k, { email: r.email, lang: r.lang, commentIds: [r.commentId] });
  }
  return [...out.values()];
}

/** A token for a confirmation or unsubscribe link: 192 random bits. */
export function newMailToken(): string {
  return randomBytes(24).toString('base64url');
}

/** A sending that has been `sending` this long was cut off by a crash (sends time out well before). */
export const STALE_SENDING_MS = 15 * 60_000;

/** An end of period noticed later than this (Koe was stopped, or mail came later) is not announced. */
export const MILESTONE_GRACE_MS = 7 * 24 * 60 * 60_000;

/**
 * The digest due now for a consultation open at some point of the last day, or null: one per
 * Tokyo day, from `hour` o'clock, covering the 24 hours before that hour.
 */
export function dueDigest(now: Date, hour: number): { day: string; since: Date; until: Date } | null {
  const day = tokyoDateString(now);
  const until = new Date(startOfTokyoDay(day).getTime() + hour * 60 * 60_000);
  if (now < until) return null;
  return { day, since: new Date(until.getTime() - 24 * 60 * 60_000), until };
}

/** Subscription requests one address may make in a day (each sends a confirmation). */
export const CONFIRMATIONS_PER_ADDRESS_PER_DAY = 3;
