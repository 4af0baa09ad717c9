/**
 * The demo's mail catcher: a real SMTP server (`smtp-server`) on a local port that keeps what it
 * receives (parsed by `mailparser`) in memory, so that a person trying the demo sees every mail
 * Koe "sent" at /staff/admin/mail/caught. The tests start the same server to check what arrives,
 * and `refuse` makes it answer like a real server that defers (4xx) or rejects (5xx).
 *
 * Both packages are development dependencies, loaded only here: a production install
 * (`npm ci --omit=dev`) does not have them, and the demo then says so and keeps mail queued.
 */
import type { AddressInfo } from 'node:net';

/** A message as the catcher received it. */
export interface CaughtMail {
  receivedAt: string;
  /** The SMTP envelope: who the message was really handed over for. */
  envelopeFrom: string;
  envelopeTo: string[];
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  messageId: string;
  /** Every header as parsed, lower-case names. */
  headers: Record<string, string>;
  /** The message as it came over the wire. */
  raw: string;
}

/** An answer to give instead of accepting: the SMTP code and text, at RCPT TO or after DATA. */
export interface Refusal {
  at: 'rcpt' | 'data';
  code: number;
  message: string;
}

export interface MailCatcher {
  /** `smtp://127.0.0.1:<port>` for KOE_SMTP_URL. */
  url: string;
  port: number;
  /** Newest first. */
  list(): CaughtMail[];
  clear(): void;
  close(): Promise<void>;
}

const KEEP = 500;

/**
 * Starts the catcher on 127.0.0.1 (port 0: any free one). `refuse` is asked for every recipient
 * and every message; it answers a Refusal or null to accept.
 */
export async function startMailCatcher(
  opts: { port?: number; refuse?: (rcpt: string, at: 'rcpt' | 'data') => Refusal | null } = {},
): Promise<MailCatcher> {
  const { SMTPServer } = await import('smtp-server');
  const { simpleParser } = await import('mailparser');
  const caught: CaughtMail[] = [];
  const refusal = (code: number, message: string) =>
    Object.assign(new Error(message), { responseCode: code });
  const server = new SMTPServer({
    authOptional: true,
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    size: 10 * 1024 * 1024,
    onAuth: (_auth, _session, callback) => callback(null, { user: 'demo' }),
    onRcptTo(address, _session, callback) {
      const r = opts.refuse?.(address.address, 'rcpt');
      callback(r ? refusal(r.code, r.message) : null);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks);
        const to = session.envelope.rcptTo.map((a) => a.address);
        const r = opts.refuse?.(to[0] ?? '', 'data');
        if (r) return callback(refusal(r.code, r.message));
        simpleParser(raw)
          .then((parsed) => {
            const headers: Record<string, string> = {};
            for (const line of parsed.headerLines)
              headers[line.key] = line.line.slice(line.line.indexOf(':') + 1).trim();
            caught.unshift({
              receivedAt: new Date().toISOString(),
              envelopeFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
              envelopeTo: to,
              from: parsed.from?.text ?? '',
              to: Array.isArray(parsed.to)
                ? parsed.to.map((a) => a.text).join(', ')
                : (parsed.to?.text ?? ''),
              subject: parsed.subject ?? '',
              text: parsed.text ?? '',
              html: typeof parsed.html === 'string' ? parsed.html : '',
              messageId: parsed.messageId ?? '',
              headers,
              raw: raw.toString('utf8'),
            });
            caught.length = Math.min(caught.length, KEEP);
            callback();
          })
          .catch((err: Error) => callback(err));
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    port,
    list: () => [...caught],
    clear: () => {
      caught.length = 0;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
