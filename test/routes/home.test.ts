import { describe, expect, it } from 'vitest';
import { makeTestApp, seedConsultation, visibleText } from '../helpers.ts';

describe('the list of consultations', () => {
  it('groups consultations by phase with department and Japanese dates', async () => {
    const { db, client } = await makeTestApp({ now: '2026-11-24T03:00:00.000Z' });
    await seedConsultation(db, { title: '募集中の案' });
    await seedConsultation(db, {
      title: '来月の案',
      opens_at: '2026-12-10T00:00:00.000Z',
      closes_at: '2027-01-10T14:59:59.999Z',
    });
    await seedConsultation(db, { title: '下書きの案', status: 'draft' });
    const { res, html } = await client.get('/');
    expect(res.status).toBe(200);
    const text = visibleText(html);
    expect(text).toContain('意見募集中 （1件）');
    expect(text).toMatch(/募集中の案 意見募集中（残り8日）/);
    expect(text).toContain('令和8年11月1日（日）');
    expect(text).toContain('来月の案');
    expect(text).not.toContain('下書きの案');
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
  });
});

describe('withdrawn consultations on the list (#9.14)', () => {
  it('lists a withdrawn consultation under 中止, not under 募集終了', async () => {
    const { db, client } = await makeTestApp({ now: '2026-12-20T03:00:00.000Z' });
    await seedConsultation(db, { title: '締め切った案' });
    await seedConsultation(db, {
      title: '中止した案',
      status: 'withdrawn',
      withdrawn_at: '2026-11-15T00:00:00.000Z',
      withdrawal_reason: '上位計画の見直しのため',
    });
    const { html } = await client.get('/');
    const section = (id: string) =>
      visibleText(html.split(`<section aria-labelledby="h-${id}"`)[1]?.split('</section>')[0] ?? '');
    expect(section('closed')).toContain('締め切った案');
    expect(section('closed')).not.toContain('中止した案');
    expect(section('withdrawn')).toContain('中止 （1件）');
    expect(section('withdrawn')).toContain('中止した案');
    expect(visibleText(html)).toContain('中止 （1件）');
  });
});
