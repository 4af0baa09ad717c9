import cluster from 'node:cluster';
import type { Socket } from 'node:net';
import { createAdaptorServer } from '@hono/node-server';
import { createApp } from './app.tsx';
import { type Config, databaseTarget } from './config.ts';
import { migrateToLatest } from './data/migrate.ts';
import { resolveSecret } from './data/settings.ts';
import { openDatabase, type Store } from './data/store.ts';
import { versionReaderOf } from './data/page-versions.ts';
import type { MailCatcher } from './demo/mail-catcher.ts';
import {
  createAdmission,
  createLagMonitor,
  type LagMonitor,
  lagUnderLoad,
  overloadedUnder,
} from './http/load-shedding.tsx';
import { databaseLabel } from './lib/database-url.ts';
import { createMailSender } from './mail/sender.ts';
import { smtpTransport } from './mail/transport.ts';
import { startupTasks } from './startup.ts';

export interface ServeOptions {
  config: Config;
  demo: boolean;
  /** App processes on this machine: 1 serves in this process; more fork that many (node:cluster). */
  workers: number;
}

/**
 * Runs Koe. One process: migrate, do the start-up tasks, listen. Several (PostgreSQL only): this
 * process migrates and does the start-up tasks once, then forks the workers, which share the
 * port (node:cluster hands each new connection to one of them) and keep nothing of their own
 * that another would need — sessions, rate limits, idempotency keys, analysis jobs and the city
 * settings' version are all in the database. A worker that dies is replaced. Every worker runs
 * a mail sender: each move of an outbox row is one guarded UPDATE, so two never send one message.
 */
export async function runServer(opts: ServeOptions): Promise<void> {
  if (cluster.isWorker) return runWorker(opts);
  if (opts.workers > 1 && !opts.config.databaseUrl) {
    throw new Error('More than one process needs PostgreSQL: set KOE_DATABASE_URL.');
  }
  const { config, demo } = opts;
  const store = openDatabase(databaseTarget(config, demo));
  await migrateToLatest(store.db);
  const secret = await resolveSecret(store.db, config.secret);
  const baseUrl = config.publicUrl ?? `http://localhost:${config.port}`;
  const messages = await startupTasks({ db: store.db, config, secret, demo, baseUrl });
  const announce = (processes: string) => {
    console.log(`Koe ${demo ? '(demo) ' : ''}is running: ${baseUrl}/${processes}`);
    console.log(`Database: ${databaseLabel(databaseTarget(config, demo))}`);
    for (const line of messages) console.log(line);
  };
  if (opts.workers === 1) {
    // The demo's in-memory mail catcher is one process's: only a single process gets it.
    const catcher = demo && !config.smtpUrl ? await demoCatcher() : null;
    if (catcher)
      messages.push(`Mail goes to the demo's catcher (${catcher.url}): ${baseUrl}/staff/admin/mail/caught`);
    else if (!config.smtpUrl) messages.push('Mail: KOE_SMTP_URL is not set; mail waits in the outbox.');
    listen(store, secret, config, catcher, () => announce(''));
    return;
  }
  if (!config.smtpUrl) messages.push('Mail: KOE_SMTP_URL is not set; mail waits in the outbox.');
  await store.close();
  forkWorkers(opts.workers, () => announce(` (${opts.workers} processes)`));
}

/** One worker of several: its own pool of connections, the same database. */
async function runWorker({ config, demo }: ServeOptions): Promise<void> {
  const store = openDatabase(databaseTarget(config, demo));
  const secret = await resolveSecret(store.db, config.secret);
  listen(store, secret, config, null, () => {});
}

function listen(
  store: Store,
  secret: string,
  config: Config,
  catcher: MailCatcher | null,
  onListening: () => void,
) {
  let lag: LagMonitor | undefined;
  let connections = 0;
  const loadLag = lagUnderLoad(
    () => lag?.lag ?? 0,
    () => connections,
  );
  const admission = createAdmission(
    overloadedUnder(
      () => lag,
      () => connections,
    ),
  );
  const baseUrl = config.publicUrl ?? `http://localhost:${config.port}`;
  const smtpUrl = config.smtpUrl ?? catcher?.url;
  const sender = createMailSender({
    db: store.db,
    transport: smtpUrl ? smtpTransport(smtpUrl) : null,
    from: config.mailFrom ?? 'koe-demo@example.jp',
    baseUrl,
    digestHour: config.mailDigestHour,
  });
  const app = createApp({
    db: store.db,
    config,
    secret,
    mail: { delivering: sender.delivering, caught: catcher },
    loadLag,
    admitted: () => admission.share,
    pageVersions: versionReaderOf(store),
  });
  sender.start();
  // Watched from now on: the start-up work (migrations, the demo) held the loop, not requests.
  lag = createLagMonitor(20, admission.tick);
  const server = createAdaptorServer({ fetch: app.fetch });
  // A long queue of connections not yet accepted (the kernel caps it at net.core.somaxconn).
  // Node's default of 511 overflowed under a surge of new visitors while a turn of the loop was
  // long: the kernel then dropped their connection requests, and each client waited 1, 3, 7 s
  // before trying again — seconds no shedding in Koe could win back (bench:load).
  server.listen({ port: config.port, host: config.host, backlog: 4096 }, onListening);
  server.on('connection', (socket: Socket) => {
    connections++;
    socket.once('close', () => connections--);
  });
  const stop = () => {
    server.close(() => {
      void sender
        .stop()
        .then(() => catcher?.close())
        .then(() => store.close())
        .then(() => process.exit(0));
    });
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

/**
 * The demo's in-process mail catcher, when its packages (development dependencies) are
 * installed; otherwise the demo runs without it and mail waits in the outbox.
 */
async function demoCatcher(): Promise<MailCatcher | null> {
  try {
    const { startMailCatcher } = await import('./demo/mail-catcher.ts');
    return await startMailCatcher();
  } catch (err) {
    console.log(
      `The demo's mail catcher did not start (${err instanceof Error ? err.message : err}); it needs the development dependencies (npm install). Mail waits in the outbox.`,
    );
    return null;
  }
}

function forkWorkers(count: number, onAllListening: () => void) {
  let stopping = false;
  let listening = 0;
  cluster.on('listening', () => {
    if (++listening === count) onAllListening();
  });
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) return;
    console.error(`Worker ${worker.process.pid} ended (${signal ?? code}); starting another.`);
    cluster.fork();
  });
  for (let i = 0; i < count; i++) cluster.fork();
  const stop = () => {
    stopping = true;
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGTERM');
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
