/**
 * The PostgreSQL pass really talks to PostgreSQL, with what Koe relies on there: commits that
 * wait for the disk, and the trigram index that Japanese search uses.
 */
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { makeTestApp, onPostgres } from '../helpers.ts';

describe('the PostgreSQL pass', () => {
  it('runs on PostgreSQL', async () => {
    expect(onPostgres).toBe(true);
    const t = await makeTestApp();
    expect(t.store.engine).toBe('postgres');
    const { rows } = await sql<{ version: string }>`select version()`.execute(t.db);
    expect(rows[0]?.version).toMatch(/^PostgreSQL \d+/);
  });

  it('commits wait for the disk on Koe’s connections, whatever the server’s default', async () => {
    // The test server's default is synchronous_commit = off (test/pg/server.ts), for this check.
    const t = await makeTestApp();
    const { rows } = await sql<{ synchronous_commit: string }>`show synchronous_commit`.execute(t.db);
    expect(rows[0]?.synchronous_commit).toBe('on');
  });

  it('has a trigram index on the comment text for the inbox search', async () => {
    const t = await makeTestApp();
    const { rows } = await sql<{ indexdef: string }>`
      select indexdef from pg_indexes where tablename = 'comments' and indexname = 'comments_body_trgm'`.execute(
      t.db,
    );
    expect(rows[0]?.indexdef).toMatch(/USING gin \(body gin_trgm_ops\)/);
  });
});
