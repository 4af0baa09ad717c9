/**
 * Fresh PostgreSQL databases for the second pass of the test suite (`npm run test:pg`). The
 * server is KOE_TEST_DATABASE_URL (a URL to its `postgres` database, as a role that may create
 * databases). `prepareTemplate` (the pass's global setup) migrates one template database; each
 * test app then gets a database of its own cloned from it — what `:memory:` is on SQLite, at
 * the cost of one CREATE DATABASE — and it is dropped when the test (or, for an app made in
 * `beforeAll`, the file) ends: see setup.ts.
 */
import pg from 'pg';
import { migrateToLatest } from '../../src/data/migrate.ts';
import { openPostgresStore, type PostgresStore } from '../../src/data/postgres.ts';

export const TEMPLATE = 'koe_test_template';
const PREFIX = 'koe_t_';

/** The server's URL when this is the PostgreSQL pass. */
export function testServerUrl(): string | undefined {
  return process.env.KOE_TEST_DATABASE_URL || undefined;
}

/** The URL of database `name` on the test server. */
export function databaseUrl(name: string): string {
  const url = new URL(testServerUrl() ?? 'postgres://localhost/postgres');
  url.pathname = `/${name}`;
  return url.toString();
}

async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: testServerUrl() });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Drops what an earlier run left, and makes the template with every migration applied. */
export async function prepareTemplate(): Promise<void> {
  await admin(async (client) => {
    const { rows } = await client.query<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE datname LIKE '${PREFIX}%' OR datname = $1`,
      [TEMPLATE],
    );
    for (const r of rows) await client.query(`DROP DATABASE IF EXISTS "${r.datname}" WITH (FORCE)`);
    await client.query(`CREATE DATABASE ${TEMPLATE} ENCODING 'UTF8' LOCALE 'C.UTF-8' TEMPLATE template0`);
  });
  const store = openPostgresStore(databaseUrl(TEMPLATE), { max: 1 });
  try {
    await migrateToLatest(store.db);
  } finally {
    await store.close();
  }
}

export async function dropTemplate(): Promise<void> {
  await admin((client) => client.query(`DROP DATABASE IF EXISTS ${TEMPLATE} WITH (FORCE)`));
}

let created = 0;

/** A database cloned from the migrated template, and the store opened on it. */
export async function freshPostgresStore(): Promise<{
  store: PostgresStore;
  url: string;
  drop(): Promise<void>;
}> {
  const name = `${PREFIX}${process.pid}_${++created}`;
  await admin((client) => client.query(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE}`));
  const url = databaseUrl(name);
  const store = openPostgresStore(url, { max: 4, idleTimeoutMillis: 1000 });
  return {
    store,
    url,
    async drop() {
      await store.close();
      await admin((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}
