import { type KyselyPlugin, type QueryId, type RootOperationNode, sql, TableNode } from 'kysely';
import { describe, expect, it } from 'vitest';
import { makeTestApp, seedConsultation, visibleText } from '../helpers.ts';
import { loginAs } from '../helpers-auth.ts';
import { sectionIdsOf, seedComment } from './review-fixtures.ts';

const AFTER_CLOSE = '2026-12-05T03:00:00.000Z';

/** Does this query read the comments table? */
function readsComments(node: RootOperationNode): boolean {
  if (node.kind !== 'SelectQueryNode') return false;
  return (node.from?.froms ?? []).some((f) => TableNode.is(f) && f.table.identifier.name === 'comments');
}

/**
 * Watches the app's queries; once armed, right after the first query that reads the comments
 * (the "is every comment accounted for?" check) it starts `work` without waiting for it — as
 * another request arriving at that moment would. Work that uses the app's database waits for
 * whatever holds the connection, exactly as a real concurrent request does.
 */
function afterFirstCommentRead(work: () => Promise<unknown>) {
  const watched = new WeakSet<QueryId>();
  let armed = false;
  let started: Promise<unknown> | undefined;
  const plugin: KyselyPlugin = {
    transformQuery(args) {
      if (armed && readsComments(args.node)) watched.add(args.queryId);
      return args.node;
    },
    async transformResult(args) {
      if (armed && watched.has(args.queryId)) {
        armed = false;
        started = work();
      }
      return args.result;
    },
  };
  return {
    plugin,
    arm: () => {
      armed = true;
    },
    done: () => started,
  };
}

async function readyToPublish(plugins: KyselyPlugin[] = []) {
  const t = await makeTestApp({ now: AFTER_CLOSE, plugins });
  const id = await seedConsultation(t.db);
  const [, s2] = (await sectionIdsOf(t.db, id)) as number[];
  const a = await seedComment(t.db, id, { body: '公園をもっと増やしてほしい。', sectionIds: [s2 as number] });
  const b = await seedComment(t.db, id, { body: '情報公開を進めてほしい。' });
  await loginAs(t, 'staff');
  const base = `/staff/consultations/${id}/review`;
  let r = await t.client.post(`${base}/groups`, {
    summary: '公園と情報公開について',
    response: '原案のとおりとします。',
    outcome: 'not_revised',
  });
  expect(r.res.status).toBe(303);
  const group = await t.db.selectFrom('comment_groups').select('id').executeTakeFirstOrThrow();
  r = await t.client.post(`${base}/assign`, {
    comment_ids: [String(a.id), String(b.id)],
    group_id: String(group.id),
  });
  expect(r.res.status).toBe(303);
  return { ...t, id, base, groupId: group.id };
}

async function unaccountedCount(t: Awaited<ReturnType<typeof readyToPublish>>) {
  const row = await t.db
    .selectFrom('comments')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('consultation_id', '=', t.id)
    .where('group_id', 'is', null)
    .where('hidden_at', 'is', null)
    .where('excluded_reason', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

describe('publishing the result', () => {
  it('cannot publish a result while a comment that arrived between the check and the write is left out', async () => {
    let t!: Awaited<ReturnType<typeof readyToPublish>>;
    // A paper comment typed in at the very moment of publishing. Intake refuses comments once
    // the result is published, in the same statement that stores it.
    const late = afterFirstCommentRead(() =>
      sql`insert into comments (consultation_id, receipt_code, channel, received_at, body, submitter_kind, submitter_key, created_at)
          select id, 'LATE-0000-0001', 'post', ${AFTER_CLOSE}, '遅れて届いた意見', 'anonymous', 'late', ${AFTER_CLOSE}
          from consultations where id = ${t.id} and result_published_at is null`.execute(t.db),
    );
    t = await readyToPublish([late.plugin]);
    late.arm();
    const r = await t.client.post(`${t.base}/publish`, {});
    await late.done();
    expect(late.done()).toBeDefined();
    const c = await t.db
      .selectFrom('consultations')
      .select('result_published_at')
      .where('id', '=', t.id)
      .executeTakeFirstOrThrow();
    const left = await unaccountedCount(t);
    // Either the late comment came first and publishing was refused, or publishing came first
    // and the comment was refused: never a published result with a comment left out.
    if (c.result_published_at !== null) {
      expect(r.res.status).toBe(303);
      expect(left).toBe(0);
    } else {
      expect(r.res.status).toBe(422);
      expect(visibleText(r.html)).toContain('未処理の意見が1件あります');
    }
  });

  it('the database refuses an exclusion without a reason, whatever path writes it', async () => {
    const t = await readyToPublish();
    const comment = await seedComment(t.db, t.id, { body: '対象外にする意見' });
    for (const reason of ['', '   ', '　']) {
      await expect(
        t.db.updateTable('comments').set({ excluded_reason: reason }).where('id', '=', comment.id).execute(),
      ).rejects.toThrow(/CHECK constraint failed|violates check constraint/);
    }
    await t.db
      .updateTable('comments')
      .set({ excluded_reason: '案と関係のない意見' })
      .where('id', '=', comment.id)
      .execute();
    await t.db.updateTable('comments').set({ excluded_reason: null }).where('id', '=', comment.id).execute();
  });
});

describe('the outcome of a group and the final text', () => {
  it('refuses to publish a group marked 修正あり when the final text has no change in its sections', async () => {
    const t = await readyToPublish();
    const [, s2] = (await sectionIdsOf(t.db, t.id)) as number[];
    let r = await t.client.post(`${t.base}/groups/${t.groupId}`, {
      summary: '公園と情報公開について',
      response: 'ご意見を踏まえて修正します。',
      outcome: 'revised',
      revision_note: '協働の原則を修正しました。',
      section_ids: [String(s2)],
    });
    expect(r.res.status).toBe(303);
    r = await t.client.post(`${t.base}/publish`, {});
    expect(r.res.status).toBe(422);
    expect(visibleText(r.html)).toContain(
      'グループ No.1 は「修正あり」ですが、該当箇所の最終案に修正がありません。',
    );
    const page = await t.client.get(`${t.base}/publish`);
    expect(visibleText(page.html)).toContain('「修正あり」ですが、該当箇所の最終案に修正がありません');

    // Once the section is revised, it may be published.
    r = await t.client.post(`${t.base}/final/sections/${s2}`, {
      heading: '協働の原則',
      body: '対等な立場で、互いの特性と役割を尊重します。',
    });
    expect(r.res.status).toBe(303);
    r = await t.client.post(`${t.base}/publish`, {});
    expect(r.res.status).toBe(303);
  });

  it('warns, without refusing, when a group marked 修正なし has a change in its sections', async () => {
    const t = await readyToPublish();
    const [, s2] = (await sectionIdsOf(t.db, t.id)) as number[];
    let r = await t.client.post(`${t.base}/groups/${t.groupId}`, {
      summary: '公園と情報公開について',
      response: '原案のとおりとします。',
      outcome: 'not_revised',
      section_ids: [String(s2)],
    });
    expect(r.res.status).toBe(303);
    r = await t.client.post(`${t.base}/final/sections/${s2}`, {
      heading: '協働の原則',
      body: '対等な立場で、互いの特性と役割を尊重します。',
    });
    expect(r.res.status).toBe(303);
    const page = await t.client.get(`${t.base}/publish`);
    expect(visibleText(page.html)).toContain(
      'グループ No.1 は「修正なし」ですが、該当箇所（第1章 1 協働の原則）の最終案が修正されています。',
    );
    r = await t.client.post(`${t.base}/publish`, {});
    expect(r.res.status).toBe(303);
  });
});
