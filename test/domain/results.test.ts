import { describe, expect, it } from 'vitest';
import type { Section } from '../../db/schema.ts';
import { countResultComments, findReceiptOutcome, loadPublishedResult } from '../../src/data/results.ts';
import { createGroup } from '../../src/data/groups.ts';
import {
  isAccountedFor,
  publishProblems,
  publishWarnings,
  sectionChanges,
} from '../../src/domain/results.ts';
import { makeTestApp, seedConsultation } from '../helpers.ts';
import { publishResultNow, seedComment } from '../routes/review-fixtures.ts';

const closed = {
  status: 'published' as const,
  opens_at: '2026-11-01T00:00:00.000Z',
  closes_at: '2026-12-01T14:59:59.999Z',
  result_published_at: null,
};

describe('publishProblems', () => {
  const group = {
    id: 1,
    no: 1,
    summary: '概要',
    response: '考え方',
    outcome: 'not_revised' as const,
    sections: [],
  };
  const after = new Date('2026-12-02T00:00:00.000Z');

  it('refuses before the period closes', () => {
    expect(publishProblems(closed, 0, [group], [], new Date('2026-11-20T00:00:00.000Z'))).toEqual([
      { kind: 'not_closed' },
    ]);
  });

  it('refuses while comments are unaccounted for and names incomplete groups', () => {
    expect(publishProblems(closed, 0, [group], [], after)).toEqual([]);
    expect(publishProblems(closed, 2, [{ ...group, response: ' ', outcome: null }], [], after)).toEqual([
      { kind: 'unaccounted', count: 2 },
      { kind: 'incomplete_group', groupNo: 1, missing: ['response', 'outcome'] },
    ]);
    expect(
      publishProblems({ ...closed, result_published_at: '2026-12-03T00:00:00.000Z' }, 0, [], [], after),
    ).toEqual([{ kind: 'already_published' }]);
  });

  it('refuses 修正あり without a change in the group’s sections, and warns of 修正なし with one', () => {
    const changed = {
      kind: 'changed' as const,
      id: 7,
      number: '2',
      label: '第1章 2 情報の公開',
      heading: [],
      body: [],
      paragraphs: [],
    };
    const unchanged = {
      kind: 'unchanged' as const,
      id: 8,
      number: '3',
      label: '第1章 3 評価',
      heading: '評価',
    };
    const revised = { ...group, outcome: 'revised' as const };
    const on = (id: number, label: string) => [{ id, label }];
    expect(
      publishProblems(closed, 0, [{ ...revised, sections: on(8, '評価') }], [changed, unchanged], after),
    ).toEqual([{ kind: 'revised_without_change', groupNo: 1 }]);
    expect(
      publishProblems(
        closed,
        0,
        [{ ...revised, sections: on(7, '情報の公開') }],
        [changed, unchanged],
        after,
      ),
    ).toEqual([]);
    // A group about the whole draft needs some change somewhere.
    expect(publishProblems(closed, 0, [revised], [unchanged], after)).toEqual([
      { kind: 'revised_without_change', groupNo: 1 },
    ]);
    expect(publishProblems(closed, 0, [revised], [changed], after)).toEqual([]);
    expect(
      publishWarnings([{ ...group, sections: on(7, '第1章 2 情報の公開') }], [changed, unchanged]),
    ).toEqual([{ kind: 'not_revised_but_changed', groupNo: 1, sections: ['第1章 2 情報の公開'] }]);
    expect(publishWarnings([{ ...group, sections: on(8, '評価') }], [changed, unchanged])).toEqual([]);
  });

  it('counts a comment as accounted for when grouped, excluded with a reason, or hidden', () => {
    expect(isAccountedFor({ group_id: 1, excluded_reason: null, hidden_at: null })).toBe(true);
    expect(isAccountedFor({ group_id: null, excluded_reason: '対象外', hidden_at: null })).toBe(true);
    expect(isAccountedFor({ group_id: null, excluded_reason: '  ', hidden_at: null })).toBe(false);
    expect(isAccountedFor({ group_id: null, excluded_reason: null, hidden_at: '2026-11-01T00:00:00Z' })).toBe(
      true,
    );
  });
});

describe('sectionChanges', () => {
  const s = (over: Partial<Section>): Section => ({
    id: 1,
    consultation_id: 1,
    position: 1,
    level: 1,
    number: '1',
    heading: '見出し',
    body_md: '本文です。',
    in_draft: 1,
    final_heading: null,
    final_body_md: null,
    final_removed: 0,
    created_at: '',
    updated_at: '',
    ...over,
  });

  it('shows whole additions and removals as such, and diffs the rest', () => {
    const changes = sectionChanges([
      s({ id: 1 }),
      s({ id: 2, final_body_md: '本文を直しました。' }),
      s({ id: 3, final_removed: 1 }),
      s({
        id: 4,
        in_draft: 0,
        heading: '新しい項',
        final_heading: '新しい項',
        body_md: '追加',
        final_body_md: '追加',
      }),
      s({ id: 5, in_draft: 0, final_removed: 1 }),
    ]);
    expect(changes.map((c) => c.kind)).toEqual(['unchanged', 'changed', 'removed', 'added']);
  });

  it('compares the text as people read it, each change inside its own paragraph', () => {
    const [change] = sectionChanges([
      s({
        body_md: '市は、**情報**を公開します。\n\n- 説明会を開きます。\n- 資料を配ります。',
        final_body_md:
          '市は、**情報**を公開します。\n\n- 説明会を年2回開きます。\n- 資料を配ります。\n- 動画も配信します。',
      }),
    ]);
    expect(change?.kind).toBe('changed');
    if (change?.kind !== 'changed') return;
    expect(change.paragraphs).toEqual([
      { kind: 'equal', text: '市は、情報を公開します。' },
      {
        kind: 'changed',
        ops: [
          { op: 'equal', text: '・説明会を' },
          { op: 'insert', text: '年2回' },
          { op: 'equal', text: '開きます。' },
        ],
      },
      { kind: 'equal', text: '・資料を配ります。' },
      { kind: 'added', text: '・動画も配信します。' },
    ]);
    // The Markdown source diff still rebuilds both texts exactly.
    const side = (skip: string) =>
      change.body
        .filter((o) => o.op !== skip)
        .map((o) => o.text)
        .join('');
    expect(side('insert')).toBe('市は、**情報**を公開します。\n\n- 説明会を開きます。\n- 資料を配ります。');
    expect(side('delete')).toBe(
      '市は、**情報**を公開します。\n\n- 説明会を年2回開きます。\n- 資料を配ります。\n- 動画も配信します。',
    );
  });
});

describe('loadPublishedResult and findReceiptOutcome', () => {
  it('counts 提出者数 by distinct submitter and 意見数 by comment, by channel', async () => {
    const { db } = await makeTestApp();
    const id = await seedConsultation(db);
    const a = await seedComment(db, id, { body: '一', name: '山田', address: '倉敷市1' });
    await seedComment(db, id, { body: '二', name: '山田', address: '倉敷市1', channel: 'post' });
    await seedComment(db, id, { body: '三', name: '佐藤', address: '倉敷市2', channel: 'post' });
    const counts = await countResultComments(db, id);
    expect(counts.submitterCount).toBe(2);
    expect(counts.commentCount).toBe(3);
    expect(counts.byChannel).toEqual([
      { channel: 'web', comments: 1, submitters: 1 },
      { channel: 'post', comments: 2, submitters: 2 },
    ]);
    expect(await loadPublishedResult(db, id)).toBeUndefined();
    expect(await findReceiptOutcome(db, a.id)).toEqual({ kind: 'pending' });

    const staff = { id: null, label: 'test' };
    const rest = (await db.selectFrom('comments').select('id').where('id', '!=', a.id).execute()).map(
      (r) => r.id,
    );
    const at = new Date('2026-12-02T00:00:00.000Z');
    await createGroup(
      db,
      id,
      { summary: '概要', response: '考え方', outcome: 'not_revised' },
      [a.id],
      staff,
      at,
    );
    await createGroup(
      db,
      id,
      { summary: '他', response: '考え方', outcome: 'future_reference' },
      rest,
      staff,
      at,
    );
    await publishResultNow(db, id, '2026-12-03T00:00:00.000Z', { policyDropped: true });
    const result = await loadPublishedResult(db, id);
    expect(result?.submitterCount).toBe(2);
    expect(result?.commentCount).toBe(3);
    expect(result?.consultation.policyDropped).toBe(true);
    expect(result?.groups).toMatchObject([
      { no: 1, summary: '概要', commentCount: 1 },
      { no: 2, summary: '他', commentCount: 2 },
    ]);
    expect(await findReceiptOutcome(db, a.id)).toMatchObject({
      kind: 'grouped',
      group: { no: 1, response: '考え方' },
    });
  });
});
