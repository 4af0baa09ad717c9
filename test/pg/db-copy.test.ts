/**
 * `db:copy` moves the demo city from a SQLite file to PostgreSQL: every row of every table the
 * same, the audit chain verifying on PostgreSQL, and the app working there afterwards (new ids
 * continue after the copied ones).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { verifyReport } from '../../src/cli/commands/audit.ts';
import { copy } from '../../src/cli/commands/db.ts';
import { loadConfig } from '../../src/config.ts';
import { migrateToLatest } from '../../src/data/migrate.ts';
import { openStore } from '../../src/data/sqlite.ts';
import type { Store } from '../../src/data/store.ts';
import { seedDemo } from '../../src/demo/seed.ts';
import { addAnonymousComment, TEST_SECRET } from '../helpers.ts';
import { freshPostgresStore } from './databases.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function demoFile(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'koe-copy-'));
  dirs.push(dir);
  const file = join(dir, 'demo.sqlite3');
  const store = openStore(file);
  await migrateToLatest(store.db);
  const config = loadConfig({ KOE_DEMO_PASSWORD: 'demo-password-1234' });
  await seedDemo({ db: store.db, config, secret: TEST_SECRET, demo: true, baseUrl: 'http://localhost' });
  await store.close();
  return file;
}

/** Every row of a table as comparable text, in a stable order. */
async function rowsOf(store: Store, table: string): Promise<string[]> {
  const rows = await store.db
    .selectFrom(table as 'comments')
    .selectAll()
    .execute();
  return rows
    .map((r) =>
      JSON.stringify(
        Object.entries(r)
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([k, v]) => [k, Buffer.isBuffer(v) ? v.toString('base64') : v]),
      ),
    )
    .sort();
}

describe('db:copy', () => {
  it('moves the demo database to PostgreSQL with every row, and the audit chain verifies there', async () => {
    const file = await demoFile();
    const target = await freshPostgresStore();
    const out: string[] = [];
    const log = vi.spyOn(console, 'log').mockImplementation((line: unknown) => void out.push(String(line)));
    let code: number;
    try {
      code = await copy(['--from', file, '--to', target.url]);
    } finally {
      log.mockRestore();
    }
    const source = openStore(file);
    try {
      expect(code).toBe(0);
      expect(out.join('\n')).toContain('Every table has the same number of rows.');
      const tables = (await source.db.introspection.getTables())
        .map((t) => t.name)
        .filter((n) => !n.startsWith('kysely_') && !n.startsWith('comments_fts'));
      expect(tables).toContain('audit_log');
      for (const table of tables) {
        expect(await rowsOf(target.store, table), table).toEqual(await rowsOf(source, table));
      }
      const audit = await verifyReport(target.store.db);
      expect(audit.code).toBe(0);
      const entries = await source.db
        .selectFrom('audit_log')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      expect(Number(entries.n)).toBeGreaterThan(50);
      expect(audit.lines[0]).toContain(`OK: ${entries.n} audit log entries`);

      // The city goes on on PostgreSQL: a new comment takes the next id, not a copied one.
      const open = await target.store.db
        .selectFrom('consultations')
        .select('id')
        .where('title', 'like', '%協働のまちづくり指針%')
        .executeTakeFirstOrThrow();
      const before = await target.store.db
        .selectFrom('comments')
        .select((eb) => eb.fn.max('id').as('id'))
        .executeTakeFirstOrThrow();
      const stored = await addAnonymousComment(target.store.db, open.id, '移行後の最初の意見です。', {
        at: new Date(),
      });
      expect(stored).toBe(Number(before.id) + 1);
    } finally {
      await source.close();
      await target.drop();
    }
  });

  it('refuses to copy into a database that already holds a city', async () => {
    const file = await demoFile();
    const target = await freshPostgresStore();
    try {
      const quiet = vi.spyOn(console, 'log').mockImplementation(() => {});
      expect(await copy(['--from', file, '--to', target.url])).toBe(0);
      quiet.mockRestore();
      await expect(copy(['--from', file, '--to', target.url])).rejects.toThrow(/already holds rows/);
    } finally {
      await target.drop();
    }
  });
});
