/**
 * Bugs the hostile suite found, each reduced to the smallest request that shows it, so the fix
 * stays fixed even if the suite's inputs change.
 */
import { describe, expect, it } from 'vitest';
import { makeTestApp, seedConsultation, visibleText } from '../helpers.ts';
import { loginAs } from '../helpers-auth.ts';
import { seedComment } from '../routes/review-fixtures.ts';

describe('found by the hostile suite', () => {
  it('says why a section added to the final text is refused when its number is too long', async () => {
    const t = await makeTestApp();
    const id = await seedConsultation(t.db);
    await loginAs(t, 'staff');
    await t.client.get(`/staff/consultations/${id}/review/final`);
    const { res, html } = await t.client.post(`/staff/consultations/${id}/review/final/sections?lang=en`, {
      number: '第'.repeat(41),
      heading: '新しい項目',
      body: '',
    });
    expect(res.status).toBe(422);
    expect(visibleText(html)).toContain('Please keep this within 40 characters (it has 41).');
    expect(html).toMatch(/id="s-new-number"[^>]*aria-invalid="true"/);
  });

  it('says why showing a hidden comment again is refused when the note is too long', async () => {
    const t = await makeTestApp();
    const id = await seedConsultation(t.db);
    const comment = await seedComment(t.db, id, { body: '宣伝です。' });
    await loginAs(t, 'staff');
    const page = `/staff/consultations/${id}/comments/${comment.id}`;
    await t.client.get(page);
    expect((await t.client.post(`${page}/hide`, { reason: 'spam', note: '' })).res.status).toBe(303);
    const { res, html } = await t.client.post(`${page}/unhide?lang=en`, { note: 'あ'.repeat(1001) });
    expect(res.status).toBe(422);
    expect(visibleText(html)).toContain('Please keep the note within 1,000 characters.');
    expect(html).toMatch(/id="f-unhide-note"[^>]*aria-invalid="true"/);
  });
});
