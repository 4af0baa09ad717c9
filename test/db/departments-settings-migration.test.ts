import { Migrator } from 'kysely';
import { describe, expect, it } from 'vitest';
import { migrations } from '../../db/migrations/index.ts';
import { migrateToLatest, openStore } from '../../src/data/sqlite.ts';

const AT = '2026-11-10T00:00:00.000Z';

/** A database with every migration before 0007. */
async function before0007() {
  const store = openStore(':memory:');
  const earlier = Object.fromEntries(Object.entries(migrations).filter(([name]) => name < '0007'));
  const { error } = await new Migrator({
    db: store.db,
    provider: { getMigrations: async () => earlier },
  }).migrateToLatest();
  if (error) throw error;
  return store;
}

describe('migration 0007 (departments and the city settings)', () => {
  it('turns the department texts into departments, links the consultations and keeps 倉敷市 for an existing install', async () => {
    const store = await before0007();
    const run = (q: string) => store.sqlite.prepare(q).run();
    run(
      `INSERT INTO users (id, email, role, password_hash, created_at) VALUES (1, 'a@example.jp', 'staff', 'x', '${AT}')`,
    );
    const consultation = (id: number, department: string) =>
      run(`INSERT INTO consultations (id, title, department, created_at, updated_at)
           VALUES (${id}, '案${id}', '${department}', '${AT}', '${AT}')`);
    consultation(1, '環境政策課');
    consultation(2, ' 環境政策課 ');
    consultation(3, '市民協働推進課');
    consultation(4, '');
    run(`INSERT INTO audit_log (at, actor_id, actor_label, action, target_type, target_id, prev_hash, hash, target_kind)
         VALUES ('2026-11-01T00:00:00.000Z', 1, 'a@example.jp', 'login', 'user', '1', 'p', 'h1', 'user'),
                ('2026-11-02T00:00:00.000Z', 1, 'a@example.jp', 'login', 'user', '1', 'h1', 'h2', 'user')`);

    await migrateToLatest(store.db);
    const departments = store.sqlite.prepare('SELECT id, name FROM departments ORDER BY name').all() as {
      id: number;
      name: string;
    }[];
    expect(departments.map((d) => d.name)).toEqual(['市民協働推進課', '環境政策課']);
    const idOf = (name: string) => departments.find((d) => d.name === name)?.id;
    expect(
      store.sqlite.prepare('SELECT id, department, department_id FROM consultations ORDER BY id').all(),
    ).toEqual([
      { id: 1, department: '環境政策課', department_id: idOf('環境政策課') },
      { id: 2, department: '環境政策課', department_id: idOf('環境政策課') },
      { id: 3, department: '市民協働推進課', department_id: idOf('市民協働推進課') },
      { id: 4, department: '', department_id: null },
    ]);
    expect(store.sqlite.prepare('SELECT last_login_at, must_change_password FROM users').get()).toEqual({
      last_login_at: '2026-11-02T00:00:00.000Z',
      must_change_password: 0,
    });
    const city = store.sqlite.prepare(`SELECT value FROM settings WHERE key = 'city'`).get() as {
      value: string;
    };
    expect(JSON.parse(city.value)).toEqual({ nameJa: '倉敷市', nameEn: 'Kurashiki City' });
    expect(store.sqlite.prepare('PRAGMA foreign_key_check').all()).toEqual([]);
  });

  it('names no city on a database without accounts (a fresh install asks at setup)', async () => {
    const store = await before0007();
    await migrateToLatest(store.db);
    expect(store.sqlite.prepare(`SELECT value FROM settings WHERE key = 'city'`).get()).toBeUndefined();
  });
});
