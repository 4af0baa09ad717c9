import { describe, expect, it } from 'vitest';
import { findAnalysisVersion } from '../../src/data/council.ts';
import { createGroup } from '../../src/data/groups.ts';
import { createTestUser } from '../helpers-auth.ts';
import { addAnonymousComment, makeTestApp, seedConsultation } from '../helpers.ts';
import { hideComment, redactComment, unhideComment } from '../../src/usecases/moderation.ts';

const NOW = new Date('2026-11-20T00:00:00.000Z');

async function setup() {
  const t = await makeTestApp();
  const a = await seedConsultation(t.db);
  const b = await seedConsultation(t.db, { title: '別の案' });
  const admin = await createTestUser(t.db, 'admin');
  const actor = { id: admin.id, label: admin.email };
  const comment = async (consultationId: number, body: string) => ({
    id: await addAnonymousComment(t.db, consultationId, body, { at: NOW }),
  });
  return { t, a, b, actor, comment, version: (id: number) => findAnalysisVersion(t.db, id) };
}

describe('the version of the analysis input', () => {
  it('rises with each comment, for its own consultation only', async () => {
    const { a, b, comment, version } = await setup();
    expect(await version(a)).toBe(0);
    await comment(a, '公園の遊具を新しくしてほしい。');
    const one = await version(a);
    expect(one).toBeGreaterThan(0);
    await comment(a, '図書館を夜まで開けてほしい。');
    expect(await version(a)).toBeGreaterThan(one);
    expect(await version(b)).toBe(0);
  });

  it('rises when a comment is hidden, shown again, redacted or its sections change', async () => {
    const { t, a, actor, comment, version } = await setup();
    const c = await comment(a, '電話は090-1234-5678です。公園を広くしてほしい。');
    let last = await version(a);
    const rises = async () => {
      const now = await version(a);
      expect(now).toBeGreaterThan(last);
      last = now;
    };
    await hideComment(t.db, { commentId: c.id, reason: 'spam', note: '', actor }, NOW);
    await rises();
    await unhideComment(t.db, { commentId: c.id, note: '', actor }, NOW);
    await rises();
    const spans = [{ start: 3, end: 16, kind: 'phone' as const }];
    const body = '電話は090-1234-5678です。公園を広くしてほしい。';
    await redactComment(t.db, { commentId: c.id, body, spans, actor }, NOW);
    await rises();
    const section = await t.db
      .selectFrom('sections')
      .select('id')
      .where('consultation_id', '=', a)
      .executeTakeFirstOrThrow();
    await t.db.insertInto('comment_sections').values({ comment_id: c.id, section_id: section.id }).execute();
    await rises();
  });

  it('stays when nothing the analysis reads changes: grouping, the same redaction again', async () => {
    const { t, a, actor, comment, version } = await setup();
    const c = await comment(a, '電話は090-1234-5678です。公園を広くしてほしい。');
    const spans = [{ start: 3, end: 16, kind: 'phone' as const }];
    const body = '電話は090-1234-5678です。公園を広くしてほしい。';
    await redactComment(t.db, { commentId: c.id, body, spans, actor }, NOW);
    const before = await version(a);
    await redactComment(t.db, { commentId: c.id, body, spans, actor }, NOW);
    await createGroup(t.db, a, { summary: '公園について' }, [c.id], actor, NOW);
    expect(await version(a)).toBe(before);
  });
});
