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
