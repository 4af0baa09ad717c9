/**
 * Group commit (src/data/group-commit.ts): writes that arrive together share one transaction,
 * each is answered only once that transaction has committed, and one that fails is undone alone.
 * On a database file, so that a second connection sees exactly what is committed.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { sql, type Transaction } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import type { Database } from '../../db/schema.ts';
import { CommitQueueFull, createGroupCommit } from '../../src/data/group-commit.ts';
import { openStore, type SqliteStore as Store } from '../../src/data/sqlite.ts';

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
});

async function fileStore(): Promise<{ store: Store; other: SQLite.Database }> {
  const dir = mkdtempSync(join(tmpdir(), 'koe-group-commit-'));
  const store = openStore(join(dir, 'db.sqlite3'));
  await sql`CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL UNIQUE)`.execute(store.db);
  const other = new SQLite(join(dir, 'db.sqlite3'));
  cleanup = async () => {
    other.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  };
  return { store, other };
}

const insert = (v: string) => async (trx: Transaction<Database>) => {
  await sql`INSERT INTO t (v) VALUES (${v})`.execute(trx);
  return v;
};

describe('group commit', () => {
  it('commits writes that arrive together once, and answers each after the commit', async () => {
    const { store, other } = await fileStore();
    const commits = createGroupCommit(store.db);
    // Another connection's data_version changes once per commit made elsewhere.
    const version = () => other.pragma('data_version', { simple: true }) as number;
    const before = version();
    const seenByOther: number[] = [];
    const writes = Array.from({ length: 20 }, (_, i) =>
      commits.run(insert(`w${i}`)).then((v) => {
        // When a caller hears "stored", another connection can read it.
        seenByOther.push((other.prepare('SELECT count(*) FROM t WHERE v = ?').pluck().get(v) as number) ?? 0);
        return v;
      }),
    );
    expect(commits.waiting).toBe(20);
    expect(await Promise.all(writes)).toEqual(Array.from({ length: 20 }, (_, i) => `w${i}`));
    expect(seenByOther).toEqual(Array(20).fill(1));
    expect(version() - before).toBe(1);
  });

  it('undoes a write that fails alone, and tells only its caller', async () => {
    const { store, other } = await fileStore();
    const commits = createGroupCommit(store.db);
    const results = await Promise.allSettled([
      commits.run(insert('a')),
      commits.run(async (trx) => {
        await insert('b')(trx);
        await insert('a')(trx); // breaks UNIQUE: b must go too
        return 'never';
      }),
      commits.run(insert('c')),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(other.prepare('SELECT v FROM t ORDER BY v').pluck().all()).toEqual(['a', 'c']);
  });

  it('refuses at once when too many writes are waiting', async () => {
    const { store } = await fileStore();
    const commits = createGroupCommit(store.db, { maxWaiting: 2 });
    const first = [commits.run(insert('x')), commits.run(insert('y'))];
    await expect(commits.run(insert('z'))).rejects.toBeInstanceOf(CommitQueueFull);
    await Promise.all(first);
    // Room again once they are committed.
    expect(await commits.run(insert('z'))).toBe('z');
  });
});
