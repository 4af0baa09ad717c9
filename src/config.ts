import { z } from 'zod';
import { isPostgresUrl } from './lib/database-url.ts';
import { isMailAddress } from './lib/mail-address.ts';

const flag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const unsetIfEmpty = <T extends z.ZodType>(inner: T) =>
  z.preprocess((v) => (v === '' ? undefined : v), inner);

const schema = z
  .object({
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    HOST: z.string().default('0.0.0.0'),
    KOE_DB: z.string().default('db/koe.sqlite3'),
    KOE_DEMO_DB: z.string().default('db/demo/koe-demo.sqlite3'),
    KOE_DATABASE_URL: z
      .string()
      .refine(isPostgresUrl, 'must be a PostgreSQL URL: postgres://user:password@host:5432/database')
      .optional(),
    KOE_WORKERS: z.coerce.number().int().min(1).max(64).default(1),
    KOE_PUBLIC_URL: z
      .string()
      .url()
      .refine((u) => /^https?:\/\//.test(u), 'must start with https:// or http://')
      .optional(),
    KOE_SECRET: z.string().min(32).optional(),
    KOE_SECURE_COOKIES: flag.default(false),
    // false, true (one proxy), or how many proxies in a row add to X-Forwarded-For (1–10).
    KOE_TRUST_PROXY: z
      .enum(['true', 'false', 'yes', 'no', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '10'])
      .transform((v) => (v === 'true' || v === 'yes' ? 1 : v === 'false' || v === 'no' ? 0 : Number(v)))
      .default(0),
    KOE_SESSION_IDLE_MINUTES: z.coerce.number().int().min(5).max(1440).default(60),
    KOE_SESSION_MAX_HOURS: z.coerce.number().int().min(1).max(168).default(12),
    KOE_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(100000).default(20),
    KOE_MAX_UPLOAD_MB: z.coerce.number().int().min(1).max(200).default(20),
    KOE_DEMO_PASSWORD: z.string().min(8).optional(),
    KOE_LOG_REQUESTS: flag.default(false),
    // Empty counts as unset, as an env file's `KOE_SMTP_URL=` means.
    KOE_SMTP_URL: unsetIfEmpty(
      z
        .string()
        .refine(
          (u) => /^smtps?:\/\/[^\s]+$/.test(u),
          'must look like smtp://user:pass@host:587 or smtps://host:465',
        )
        .optional(),
    ),
    KOE_MAIL_FROM: unsetIfEmpty(
      z.string().refine(isMailAddress, 'must be a plain address such as koe@city.example.jp').optional(),
    ),
    // The Tokyo hour of the departments' daily digest of new comments, or off.
    KOE_MAIL_DIGEST_HOUR: z
      .string()
      .regex(/^(off|[0-9]|1[0-9]|2[0-3])$/, 'must be an hour from 0 to 23, or off')
      .transform((v) => (v === 'off' ? null : Number(v)))
      .default(9),
  })
  .superRefine((e, ctx) => {
    // Behind TLS that ends at a proxy the app sees http://…, while browsers send Origin: https://…;
    // the public address is what a form's Origin is compared with.
    if ((e.KOE_SECURE_COOKIES || e.KOE_TRUST_PROXY > 0) && !e.KOE_PUBLIC_URL) {
      ctx.addIssue({
        code: 'custom',
        path: ['KOE_PUBLIC_URL'],
        message:
          'required when KOE_SECURE_COOKIES or KOE_TRUST_PROXY is on (the address people open, e.g. https://koe.city.example.jp): the Origin of every form is compared with it',
      });
    }
    // SQLite is one process's file: several processes would each keep their own rate limits and
    // queue their writes behind one another's locks.
    if (e.KOE_WORKERS > 1 && !e.KOE_DATABASE_URL) {
      ctx.addIssue({
        code: 'custom',
        path: ['KOE_WORKERS'],
        message:
          'more than one process needs PostgreSQL: set KOE_DATABASE_URL (SQLite is served by one process)',
      });
    }
    if (e.KOE_SMTP_URL && !e.KOE_MAIL_FROM) {
      ctx.addIssue({
        code: 'custom',
        path: ['KOE_MAIL_FROM'],
        message: 'required with KOE_SMTP_URL: the address mails are sent from (e.g. koe@city.example.jp)',
      });
    }
  });

export type Env = z.infer<typeof schema>;

export interface Config {
  port: number;
  host: string;
  dbFile: string;
  demoDbFile: string;
  /** PostgreSQL instead of SQLite: postgres://… (then KOE_DB and KOE_DEMO_DB are not used). */
  databaseUrl: string | undefined;
  /** App processes to run on this machine (node:cluster); more than one needs PostgreSQL. */
  workers: number;
  publicUrl: string | undefined;
  /** Key for HMACs (submitter keys). When not configured, one is generated and kept in the database. */
  secret: string | undefined;
  secureCookies: boolean;
  trustProxy: boolean;
  /**
   * How many trusted proxies add to X-Forwarded-For (0: none, the socket's address is the
   * client's). The client's address is that many entries from the right.
   */
  proxyHops: number;
  sessionIdleMinutes: number;
  sessionMaxHours: number;
  /** Public POSTs allowed per client per minute. */
  rateLimitPerMinute: number;
  maxUploadBytes: number;
  demoPassword: string | undefined;
  logRequests: boolean;
  /** SMTP server for outgoing mail; without it mail waits in the outbox. */
  smtpUrl: string | undefined;
  mailFrom: string | undefined;
  /** Tokyo hour of the departments' daily digest; null: off. */
  mailDigestHour: number | null;
}

/** Parses the environment once; a bad value throws a message naming the variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    dbFile: e.KOE_DB,
    demoDbFile: e.KOE_DEMO_DB,
    databaseUrl: e.KOE_DATABASE_URL,
    workers: e.KOE_WORKERS,
    publicUrl: e.KOE_PUBLIC_URL,
    secret: e.KOE_SECRET,
    secureCookies: e.KOE_SECURE_COOKIES,
    trustProxy: e.KOE_TRUST_PROXY > 0,
    proxyHops: e.KOE_TRUST_PROXY,
    sessionIdleMinutes: e.KOE_SESSION_IDLE_MINUTES,
    sessionMaxHours: e.KOE_SESSION_MAX_HOURS,
    rateLimitPerMinute: e.KOE_RATE_LIMIT_PER_MINUTE,
    maxUploadBytes: e.KOE_MAX_UPLOAD_MB * 1024 * 1024,
    demoPassword: e.KOE_DEMO_PASSWORD,
    logRequests: e.KOE_LOG_REQUESTS,
    smtpUrl: e.KOE_SMTP_URL,
    mailFrom: e.KOE_MAIL_FROM,
    mailDigestHour: e.KOE_MAIL_DIGEST_HOUR,
  };
}

/**
 * The database to open: the PostgreSQL URL when one is set (the demo then seeds that database),
 * else the SQLite file, or the demo's file with `--demo`.
 */
export function databaseTarget(config: Config, demo: boolean): string {
  return config.databaseUrl ?? (demo ? config.demoDbFile : config.dbFile);
}
