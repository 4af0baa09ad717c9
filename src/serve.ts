import cluster from 'node:cluster';
import { serve } from '@hono/node-server';
import { createApp } from './app.tsx';
import { type Config, databaseTarget } from './config.ts';
import { migrateToLatest } from './data/migrate.ts';
import { resolveSecret } from './data/settings.ts';
import { openDatabase, type Store } from './data/store.ts';
import { databaseLabel } from './lib/database-url.ts';
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
 * that another would need — sessions, rate limits, idempotency keys and analysis jobs are all
 * in the database. A worker that dies is replaced.
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
    listen(store, secret, config, () => announce(''));
    return;
  }
  await store.close();
  forkWorkers(opts.workers, () => announce(` (${opts.workers} processes)`));
}

/** One worker of several: its own pool of connections, the same database. */
async function runWorker({ config, demo }: ServeOptions): Promise<void> {
  const store = openDatabase(databaseTarget(config, demo));
  const secret = await resolveSecret(store.db, config.secret);
  listen(store, secret, config, () => {});
}

function listen(store: Store, secret: string, config: Config, onListening: () => void) {
  const app = createApp({ db: store.db, config, secret });
  const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, onListening);
  const stop = () => {
    server.close(() => {
      void store.close().then(() => process.exit(0));
    });
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
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
