import { type MailCatcher, type Refusal, startMailCatcher } from '../../src/demo/mail-catcher.ts';
import { createMailSender, type MailSenderOptions } from '../../src/mail/sender.ts';
import { smtpTransport } from '../../src/mail/transport.ts';
import { makeTestApp } from '../helpers.ts';

export const FROM = 'koe@city.example.jp';
export const BASE = 'https://koe.city.example.jp';

/**
 * The app on a fresh database, a real SMTP server (smtp-server, read with mailparser) on a local
 * port, and a way to make senders on the same database — each one a "process" of its own, so a
 * test can stop one and start another as a restart would. `refuse` decides, per recipient and
 * per message, whether the server defers or rejects instead of accepting.
 */
export async function mailSetup(opts: { now?: string; env?: Record<string, string> } = {}) {
  const state: { refuse: ((rcpt: string, at: 'rcpt' | 'data') => Refusal | null) | null; attempts: number } =
    {
      refuse: null,
      attempts: 0,
    };
  const catcher: MailCatcher = await startMailCatcher({
    refuse: (rcpt, at) => {
      if (at === 'rcpt') state.attempts++;
      return state.refuse?.(rcpt, at) ?? null;
    },
  });
  const t = await makeTestApp({
    now: opts.now,
    env: { KOE_SMTP_URL: catcher.url, KOE_MAIL_FROM: FROM, ...opts.env },
  });
  const sender = (o: Partial<MailSenderOptions> = {}) =>
    createMailSender({
      db: t.db,
      clock: t.clock,
      transport: smtpTransport(catcher.url),
      from: FROM,
      baseUrl: BASE,
      digestHour: null,
      log: () => {},
      ...o,
    });
  return {
    ...t,
    catcher,
    sender,
    /** How many recipients the server was offered (accepted or not). */
    offered: () => state.attempts,
    refuse(fn: ((rcpt: string, at: 'rcpt' | 'data') => Refusal | null) | null) {
      state.refuse = fn;
    },
  };
}

export type MailTest = Awaited<ReturnType<typeof mailSetup>>;

/** Sends a comment through the real web form (入力 → 確認 → 送信); returns its receipt code. */
export async function sendWebComment(
  t: MailTest,
  consultationId: number,
  fields: Record<string, string | string[]>,
): Promise<string> {
  const confirm = await t.client.post(`/consultations/${consultationId}/comment/confirm`, fields);
  if (confirm.res.status !== 200) throw new Error(`confirm answered ${confirm.res.status}`);
  const key = confirm.html.match(/name="submission_key" value="([^"]+)"/)?.[1] ?? '';
  const hidden = [...confirm.html.matchAll(/<input type="hidden" name="notify_result" value="([^"]*)"/g)];
  const submit = await t.client.post(`/consultations/${consultationId}/comment/submit`, {
    ...fields,
    notify_result: hidden[0]?.[1] ?? '',
    submission_key: key,
  });
  const code = submit.res.headers.get('location')?.match(/\/done\/([A-Z0-9]+)$/)?.[1];
  if (submit.res.status !== 303 || !code) throw new Error(`submit answered ${submit.res.status}`);
  return code;
}

export const person = {
  submitter_kind: 'individual',
  name: '倉敷 花子',
  postal_code: '710-0856',
  address: '倉敷市中央1丁目2-3',
  category: 'resident',
  phone: '086-426-3030',
};
