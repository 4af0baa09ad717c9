import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { backupStore, migrateToLatest, openStore } from '../../src/data/sqlite.ts';
import { seedConsultation } from '../helpers.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('db:backup', () => {
  it('writes a consistent, openable copy of a live database', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'koe-backup-'));
    dirs.push(dir);
    const live = openStore(join(dir, 'live.sqlite3'));
    await migrateToLatest(live.db);
    await seedConsultation(live.db, { title: 'バックアップされる案' });
    await backupStore(live, join(dir, 'copies', 'backup.sqlite3'));
    // The live database keeps working while and after the copy is taken.
    await seedConsultation(live.db, { title: 'バックアップ後の案' });

    const copy = openStore(join(dir, 'copies', 'backup.sqlite3'));
    const titles = (await copy.db.selectFrom('consultations').select('title').execute()).map((r) => r.title);
    expect(titles).toEqual(['バックアップされる案']);
    expect(await migrateToLatest(copy.db)).toEqual([]);
    await copy.close();
    await live.close();
  });
});
