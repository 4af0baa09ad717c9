import { Migrator, sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { migrations } from '../../db/migrations/index.ts';
import { loadPublishedResult } from '../../src/data/results.ts';
import { migrateToLatest, openStore } from '../../src/data/sqlite.ts';
import { storeMissingResults } from '../../src/usecases/publish-result.ts';

const AT = '2026-11-10T00:00:00.000Z';

/** A database as 0001 left it, with comments in every state. */
async function before0003() {
  const store = openStore(':memory:');
  const first = new Migrator({
    db: store.db,
    provider: { getMigrations: async () => ({ '0001_initial': migrations['0001_initial'] as never }) },
  });
  const { error } = await first.migrateToLatest();
  if (error) throw error;
  const run = (q: string) => store.sqlite.prepare(q).run();
  run(`INSERT INTO consultations (id, title, status, published_at, opens_at, closes_at, result_published_at, created_at, updated_at)
       VALUES (1, '公園の方針', 'published', '${AT}', '${AT}', '${AT}', '2026-12-04T00:00:00.000Z', '${AT}', '${AT}')`);
  run(`INSERT INTO sections (id, consultation_id, position, heading, body_md, final_body_md, created_at, updated_at)
       VALUES (5, 1, 1, '利用ルール', '一律に禁止します。', '工夫して一緒に使います。', '${AT}', '${AT}')`);
  run(`INSERT INTO comment_groups (id, consultation_id, summary, response, outcome, created_at, updated_at)
       VALUES (3, 1, '概要', '考え方', 'revised', '${AT}', '${AT}')`);
  run(`INSERT INTO group_sections (group_id, section_id) VALUES (3, 5)`);
  const comment = (id: number, body: string, extra: string) =>
    run(`INSERT INTO comments (id, consultation_id, receipt_code, channel, received_at, body, submitter_kind, submitter_key, created_at, group_id, excluded_reason)
         VALUES (${id}, 1, 'CODE-${id}', 'web', '${AT}', '${body}', 'anonymous', 'k${id}', '${AT}', ${extra})`);
  comment(10, '公園整備を進めてほしい', '3, NULL');
  comment(11, '駅前の自転車について', `NULL, '案と関係のない意見'`);
  comment(12, 'スペースだけの理由', `NULL, ' 　'`);
  run(`INSERT INTO comment_sections (comment_id, section_id) VALUES (10, 5)`);
  run(
    `INSERT INTO moderation_events (comment_id, action, reason, at) VALUES (11, 'exclude', '案と関係のない意見', '${AT}')`,
  );
  return store;
}

describe('migration 0003 (review rules)', () => {
  it('rebuilds comments with the reason check, keeping rows, links, indexes and full-text search', async () => {
    const store = await before0003();
    await migrateToLatest(store.db);
    const rows = store.sqlite.prepare('SELECT id, group_id, excluded_reason FROM comments ORDER BY id').all();
    expect(rows).toEqual([
      { id: 10, group_id: 3, excluded_reason: null },
      { id: 11, group_id: null, excluded_reason: '案と関係のない意見' },
      // A reason of spaces was never a reason: the comment is simply not excluded.
      { id: 12, group_id: null, excluded_reason: null },
    ]);
    expect(() =>
      store.sqlite.prepare(`UPDATE comments SET excluded_reason = '' WHERE id = 12`).run(),
    ).toThrow(/CHECK constraint failed/);
    // Foreign keys still hold, both ways.
    expect(store.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(store.sqlite.prepare('PRAGMA foreign_key_check').all()).toEqual([]);
    expect(() => store.sqlite.prepare('DELETE FROM comments WHERE id = 10').run()).toThrow(/FOREIGN KEY/);
    // The full-text index answers for old rows and follows new ones.
    const match = (q: string) =>
      store.sqlite.prepare('SELECT rowid FROM comments_fts WHERE comments_fts MATCH ?').all(q);
    expect(match('公園整備')).toEqual([{ rowid: 10 }]);
    store.sqlite
      .prepare(
        `INSERT INTO comments (id, consultation_id, receipt_code, channel, received_at, body, submitter_kind, submitter_key, created_at)
         VALUES (13, 1, 'CODE-13', 'web', '${AT}', '新しい遊具を置いてほしい', 'anonymous', 'k13', '${AT}')`,
      )
      .run();
    expect(match('新しい遊具')).toEqual([{ rowid: 13 }]);
    const names = await sql<{ name: string }>`
      SELECT name FROM sqlite_master WHERE tbl_name = 'comments' AND type IN ('index', 'trigger') ORDER BY name`.execute(
      store.db,
    );
    expect(names.rows.map((r) => r.name)).toEqual(
      expect.arrayContaining([
        'comments_consultation_received',
        'comments_placement',
        'comments_unaccounted',
        'comments_fts_insert',
        'comments_fts_update',
        'comment_identity_stale',
      ]),
    );
    await store.close();
  });

  it('gives a result published before results were stored its stored form at start', async () => {
    const store = await before0003();
    await migrateToLatest(store.db);
    expect(await loadPublishedResult(store.db, 1)).toBeUndefined();
    expect(await storeMissingResults(store.db)).toBe(1);
    const result = await loadPublishedResult(store.db, 1);
    expect(result?.commentCount).toBe(3);
    expect(result?.groups).toMatchObject([{ no: 1, summary: '概要', sections: [{ label: '利用ルール' }] }]);
    expect(result?.changes[0]).toMatchObject({ kind: 'changed', label: '利用ルール' });
    expect(await storeMissingResults(store.db)).toBe(0);
    await store.close();
  });
});
