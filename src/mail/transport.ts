/**
 * Sending one message over SMTP with nodemailer's own parts: MailComposer builds the MIME
 * message (it encodes every header and drops line breaks from header values) and SMTPConnection
 * speaks SMTP (STARTTLS whenever the server offers it, unless the URL says otherwise). Driving
 * the connection ourselves tells us exactly how far a failed send got: before the content went
 * out it is safe to try again; after, the server may have taken it, so it must not be.
 */
import { PassThrough } from 'node:stream';
import MailComposer from 'nodemailer/lib/mail-composer';
import { parseConnectionUrl } from 'nodemailer/lib/shared';
import SMTPConnection from 'nodemailer/lib/smtp-connection';
import type { SendFailure } from '../domain/mail.ts';
import { isMailAddress } from '../lib/mail-address.ts';

/** A message ready to hand to a server. */
export interface OutgoingMail {
  from: string;
  /** Shown before the address: the site's name. */
  fromName: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  /** `<token@domain>`, the same on every try. */
  messageId: string;
  headers: Record<string, string>;
}

/** Something that delivers one message or throws a SendError saying how far it got. */
export interface MailTransport {
  send(mail: OutgoingMail): Promise<string>;
}

export class SendError extends Error {
  constructor(readonly failure: SendFailure) {
    super(failure.message);
  }
}

interface SmtpError extends Error {
  responseCode?: number;
  command?: string;
}

const failure = (err: unknown, dataSent: boolean): SendError => {
  const e = err as SmtpError;
  return new SendError({
    message: e?.message ?? String(err),
    responseCode: typeof e?.responseCode === 'number' ? e.responseCode : undefined,
    command: typeof e?.command === 'string' ? e.command : undefined,
    dataSent,
  });
};

/**
 * A transport for `KOE_SMTP_URL` (`smtp://user:pass@host:587`, `smtps://…:465`; nodemailer's
 * URL options such as `?tls.rejectUnauthorized=false` pass through). One connection per message.
 */
export function smtpTransport(url: string, opts: { timeoutMs?: number } = {}): MailTransport {
  const { auth, ...options } = parseConnectionUrl(url) as ReturnType<typeof parseConnectionUrl> & {
    auth?: { user: string; pass: string };
  };
  const timeouts = {
    connectionTimeout: 30_000,
    greetingTimeout: 30_000,
    socketTimeout: opts.timeoutMs ?? 60_000,
  };
  return {
    send(mail) {
      // Checked again here, whatever queued it: one plain address, nothing else.
      if (!isMailAddress(mail.to) || !isMailAddress(mail.from))
        return Promise.reject(
          new SendError({
            message: 'Invalid address',
            responseCode: 553,
            command: 'RCPT TO',
            dataSent: false,
          }),
        );
      const message = new MailComposer({
        from: { name: mail.fromName, address: mail.from },
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        messageId: mail.messageId,
        headers: mail.headers,
        textEncoding: 'base64',
      }).compile();
      return new Promise<string>((resolve, reject) => {
        const smtp = new SMTPConnection({ ...options, ...timeouts });
        let settled = false;
        let dataSent = false;
        const finish = (err: unknown, reply?: string) => {
          if (settled) return;
          settled = true;
          if (err) {
            smtp.close();
            reject(failure(err, dataSent));
          } else {
            smtp.quit();
            resolve(reply ?? '');
          }
        };
        smtp.once('error', (err: unknown) => finish(err));
        const send = () => {
          const content = new PassThrough();
          const source = message.createReadStream();
          source.on('end', () => {
            dataSent = true;
          });
          source.on('error', (err: unknown) => content.destroy(err as Error));
          source.pipe(content);
          smtp.send({ from: mail.from, to: [mail.to] }, content, (err, info) =>
            finish(err, typeof info?.response === 'string' ? info.response : ''),
          );
        };
        smtp.connect((err?: unknown) => {
          if (err) return finish(err);
          if (auth && smtp.allowsAuth) smtp.login(auth, (e?: unknown) => (e ? finish(e) : send()));
          else send();
        });
      });
    },
  };
}
