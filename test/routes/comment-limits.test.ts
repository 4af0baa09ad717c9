/**
 * What a client may send to the comment form and what it gets back: sizes are refused cheaply
 * before anything counts or segments the text (#11.1), repeated and unknown sections are not
 * echoed back (#11.9), and invisible text is no text (#11.10).
 */
import { describe, expect, it } from 'vitest';
import { makeTestApp, seedConsultation, visibleText } from '../helpers.ts';

const person = {
  submitter_kind: 'individual',
  name: '倉敷 花子',
  postal_code: '710-8565',
  address: '倉敷市中央1丁目',
  category: 'resident',
};

async function setup(overrides = {}) {
  const t = await makeTestApp({ now: '2026-11-24T03:00:00.000Z' });
  const id = await seedConsultation(t.db, overrides);
  await t.client.get(`/consultations/${id}/comment`);
  return { ...t, id, base: `/consultations/${id}/comment` };
}

/** Posts and reports how long the answer took (printed, never asserted: the machine is shared). */
async function timedPost(t: Awaited<ReturnType<typeof setup>>, path: string, fields: Record<string, string>) {
  const start = performance.now();
  const res = await t.client.post(path, fields);
  console.log(`${path}: ${res.res.status} in ${Math.round(performance.now() - start)} ms`);
  return res;
}

describe('oversized comment fields (#11.1)', () => {
  // One letter repeated: the case that made grapheme segmentation take about a minute.
  const huge = 'a'.repeat(200_000);

  it('refuses a 200,000-character comment on confirm and on submit with the limit', async () => {
    const t = await setup();
    for (const step of ['confirm', 'submit']) {
      const res = await timedPost(t, `${t.base}/${step}`, {
        ...person,
        body: huge,
        submission_key: 'k'.repeat(24),
      });
      expect(res.res.status).toBe(422);
      expect(visibleText(res.html)).toContain(
        '意見は4,000文字以内で入力してください。長い場合は分けて送信できます。',
      );
    }
    expect(await t.db.selectFrom('comments').selectAll().execute()).toHaveLength(0);
  });

  it('refuses a 120,000-character name on submit with the limit', async () => {
    const t = await setup();
    const res = await timedPost(t, `${t.base}/submit`, {
      ...person,
      name: 'a'.repeat(120_000),
      body: '名前が長すぎる意見',
      submission_key: 'k'.repeat(24),
    });
    expect(res.res.status).toBe(422);
    expect(visibleText(res.html)).toContain('氏名: 100文字以内で入力してください。');
  });
});

describe('chosen sections (#11.9)', () => {
  async function sectionId(t: Awaited<ReturnType<typeof setup>>) {
    const row = await t.db.selectFrom('sections').select('id').orderBy('position').executeTakeFirstOrThrow();
    return String(row.id);
  }

  it('carries a section chosen several times only once to the confirmation', async () => {
    const t = await setup();
    const id = await sectionId(t);
    const res = await t.client.post(`${t.base}/confirm`, {
      ...person,
      body: '意見',
      sections: [id, id, id, 'all'],
    });
    expect(res.res.status).toBe(200);
    // Once in each of the two forms (send, go back and edit), like every other field.
    const count = (needle: string) => res.html.split(needle).length - 1;
    expect(count('name="body"')).toBe(2);
    expect(count(`name="sections" value="${id}"`)).toBe(2);
    expect(res.html).not.toContain('name="sections" value="all"');
  });

  it('refuses a flood of copies without echoing them back', async () => {
    const t = await setup();
    const id = await sectionId(t);
    const res = await t.client.post(`${t.base}/confirm`, {
      ...person,
      body: '意見',
      sections: Array.from({ length: 50_000 }, () => id),
    });
    expect(res.res.status).toBe(422);
    expect(visibleText(res.html)).toContain('該当箇所は一覧から選んでください。');
    expect(res.html.length).toBeLessThan(100_000);
  });

  it('refuses a section of another draft or a made-up value', async () => {
    const t = await setup();
    const other = await seedConsultation(t.db, { title: '別の案' });
    const foreign = await t.db
      .selectFrom('sections')
      .select('id')
      .where('consultation_id', '=', other)
      .executeTakeFirstOrThrow();
    for (const value of [String(foreign.id), 'abc', '-1', '1e3']) {
      const res = await t.client.post(`${t.base}/confirm`, { ...person, body: '意見', sections: [value] });
      expect(res.res.status, value).toBe(422);
      expect(visibleText(res.html)).toContain('該当箇所は一覧から選んでください。');
    }
  });
});

describe('invisible text (#11.10)', () => {
  const invisible = '\u200B\u200C\u200D\uFEFF\u2060';

  it('refuses a comment of only zero-width characters and a zero-width name as empty', async () => {
    const t = await setup();
    const res = await t.client.post(`${t.base}/confirm`, {
      ...person,
      name: invisible,
      body: `${invisible}\n${invisible}`,
    });
    expect(res.res.status).toBe(422);
    const text = visibleText(res.html);
    expect(text).toContain('意見を入力してください。');
    expect(text).toContain('氏名を入力してください。');
  });

  it('stores what a person can see: control characters and NUL are removed', async () => {
    const t = await setup();
    const fields = {
      ...person,
      name: `倉敷\u0000 花子${invisible}`,
      body: `見える\u0000意見\u200Bです\u202E。`,
    };
    const confirm = await t.client.post(`${t.base}/confirm`, fields);
    expect(confirm.res.status).toBe(200);
    const key = confirm.html.match(/name="submission_key" value="([^"]+)"/)?.[1] ?? '';
    const submit = await t.client.post(`${t.base}/submit`, { ...fields, submission_key: key });
    expect(submit.res.status).toBe(303);
    const row = await t.db.selectFrom('comments').select(['body', 'name']).executeTakeFirstOrThrow();
    expect(row).toEqual({ body: '見える意見です。', name: '倉敷 花子' });
  });
});
