import type { Socket } from 'node:net';
import { serve } from '@hono/node-server';
import { createApp } from './app.tsx';
import { createLagMonitor, type LagMonitor, lagUnderLoad } from './http/load-shedding.tsx';
import { loadConfig } from './config.ts';
import { resolveSecret } from './data/settings.ts';
import { migrateToLatest, openStore } from './data/sqlite.ts';
import type { MailCatcher } from './demo/mail-catcher.ts';
import { createMailSender } from './mail/sender.ts';
import { smtpTransport } from './mail/transport.ts';
import { startupTasks } from './startup.ts';

/** The only place that opens the database, migrates it and listens. */
async function main() {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (err) {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  }
  const demo = process.argv.includes('--demo');
  const file = demo ? config.demoDbFile : config.dbFile;
  const store = openStore(file);
  await migrateToLatest(store.db);
  const secret = await resolveSecret(store.db, config.secret);
  let lag: LagMonitor | undefined;
  let connections = 0;
  const loadLag = lagUnderLoad(
    () => lag?.lag ?? 0,
    () => connections,
  );
  const baseUrl = config.publicUrl ?? `http://localhost:${config.port}`;
  const catcher = demo && !config.smtpUrl ? await demoCatcher() : null;
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
  });
  const messages = await startupTasks({ db: store.db, config, secret, demo, baseUrl });
  if (catcher)
    messages.push(`Mail goes to the demo's catcher (${catcher.url}): ${baseUrl}/staff/admin/mail/caught`);
  else if (!sender.delivering) messages.push('Mail: KOE_SMTP_URL is not set; mail waits in the outbox.');
  sender.start();
  // Watched from now on: the start-up work (migrations, the demo) held the loop, not requests.
  lag = createLagMonitor();

  const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, () => {
    console.log(`Koe ${demo ? '(demo) ' : ''}is running: ${baseUrl}/`);
    console.log(`Database: ${file}`);
    for (const line of messages) console.log(line);
  });
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

void main();
