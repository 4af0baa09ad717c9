import { describe, expect, it } from 'vitest';
import { makeTestApp, seedConsultation, visibleText } from '../helpers.ts';

describe('related documents on the public page', () => {
  it('lists a document and serves it as a safe download', async () => {
    const t = await makeTestApp();
    const id = await seedConsultation(t.db);
    const data = Buffer.from('%PDF-1.4\n% test document\n');
    await t.db
      .insertInto('documents')
      .values({
        consultation_id: id,
        title: '指針（案）概要版',
        filename: '概要版.pdf',
        content_type: 'application/pdf',
        size: data.length,
        sha256: 'abc',
        data,
        created_at: '2026-11-01T00:00:00.000Z',
      })
      .execute();
    const page = await t.client.get(`/consultations/${id}`);
    expect(visibleText(page.html)).toContain('関連資料 指針（案）概要版 （PDF、1 KB）');
    const href = page.html.match(/href="(\/consultations\/\d+\/documents\/\d+)"/)?.[1];
    const res = await t.client.request(href!);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toBe('sandbox');
    expect(res.headers.get('content-disposition')).toContain("filename*=UTF-8''");
    expect(Buffer.from(await res.arrayBuffer()).equals(data)).toBe(true);
    const missing = await t.client.request(`/consultations/${id}/documents/999`);
    expect(missing.status).toBe(404);
  });
});
