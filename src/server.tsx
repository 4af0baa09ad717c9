import type { Socket } from 'node:net';
import { serve } from '@hono/node-server';
import { createApp } from './app.tsx';
import { createLagMonitor, type LagMonitor, lagUnderLoad } from './http/load-shedding.tsx';
import { loadConfig } from './config.ts';
import { resolveSecret } from './data/settings.ts';
import { migrateToLatest, openStore } from './data/sqlite.ts';
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
  const app = createApp({ db: store.db, config, secret, loadLag });
  const baseUrl = config.publicUrl ?? `http://localhost:${config.port}`;
  const messages = await startupTasks({ db: store.db, config, secret, demo, baseUrl });
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
      void store.close().then(() => process.exit(0));
    });
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

void main();
