/**
 * Drafts from Word and PDF files (issue #14): the fixtures are made here (the `docx` package, a
 * PDF written by hand), never downloaded. Each goes through the same split preview and the same
 * save as pasted text.
 */
import {
  AlignmentType,
  Document,
  HeadingLevel,
  ImageRun,
  LevelFormat,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
} from 'docx';
import { describe, expect, it } from 'vitest';
import { listDraftSections } from '../../src/data/consultations.ts';
import { loginAs } from '../helpers-auth.ts';
import { textPdf, zipFile } from '../helpers-files.ts';
import { makeTestApp, seedConsultation, type TestClient, visibleText } from '../helpers.ts';

async function staffWithDraft() {
  const t = await makeTestApp();
  await loginAs(t, 'staff');
  const id = await seedConsultation(t.db, { status: 'draft', published_at: null }, []);
  return { ...t, id };
}

/** Posts the import form with a file, as the browser sends it (multipart). */
async function upload(client: TestClient, id: number, name: string, bytes: Uint8Array, step = 'preview') {
  await client.get(`/staff/consultations/${id}/draft`);
  const form = new FormData();
  form.append('_csrf', client.lastCsrf);
  form.append('text', '');
  form.append('mode', 'append');
  form.append('file', new Blob([new Uint8Array(bytes)]), name);
  const res = await client.request(`/staff/consultations/${id}/draft/${step}`, {
    method: 'POST',
    body: form,
  });
  return { res, html: res.status === 303 ? '' : await res.text() };
}

/** The text the preview carries on to the save (the textarea of "split again"). */
function carriedText(html: string): string {
  const m = /<textarea id="f-text" name="text" rows="16">([\s\S]*?)<\/textarea>/.exec(html);
  return (m?.[1] ?? '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

const numbering = {
  config: [
    {
      reference: 'numbers',
      levels: [{ level: 0, format: LevelFormat.DECIMAL, text: '%1.', alignment: AlignmentType.START }],
    },
  ],
};
const docxOf = async (children: (Paragraph | Table)[]) =>
  new Uint8Array(await Packer.toBuffer(new Document({ numbering, sections: [{ children }] })));

/** A plan written in Word with heading styles, a list and a table. */
const styledPlan = () =>
  docxOf([
    new Paragraph({ text: '倉敷市協働のまちづくり指針（案）', heading: HeadingLevel.TITLE }),
    new Paragraph({ text: '第1章 指針の目的', heading: HeadingLevel.HEADING_1 }),
    new Paragraph('この指針は、市民と市の協働を進めるためのものです。'),
    new Paragraph({ text: '1 協働の原則', heading: HeadingLevel.HEADING_2 }),
    new Paragraph({ text: '対等の原則', numbering: { reference: 'numbers', level: 0 } }),
    new Paragraph({ text: '自主性の尊重', numbering: { reference: 'numbers', level: 0 } }),
    new Paragraph({ text: '第2章 推進体制', heading: HeadingLevel.HEADING_1 }),
    new Table({
      rows: [
        new TableRow({
          children: [
            new TableCell({ children: [new Paragraph('会議')] }),
            new TableCell({ children: [new Paragraph('役割')] }),
          ],
        }),
        new TableRow({
          children: [
            new TableCell({ children: [new Paragraph('推進会議')] }),
            new TableCell({ children: [new Paragraph('指針の進み具合を確かめる')] }),
          ],
        }),
      ],
    }),
  ]);

/** The same kind of plan typed without heading styles: only the usual Japanese numbering. */
const numberedPlan = () =>
  docxOf([
    new Paragraph('第1章 総則'),
    new Paragraph('1 目的'),
    new Paragraph('この計画は、ごみの減量を進めるためのものです。'),
    new Paragraph('(1) 基本方針'),
    new Paragraph('ア 発生抑制'),
    new Paragraph('ごみになるものを買わない暮らしを広めます。'),
    new Paragraph('イ 再使用'),
    new Paragraph('第２章　施策'),
    new Paragraph('1. 市は、分別の手引きを毎年配ります。'),
  ]);

describe('a draft from a Word file', () => {
  it('splits at Word heading styles, keeps the list and the table, and saves what the preview showed', async () => {
    const t = await staffWithDraft();
    const { res, html } = await upload(t.client, t.id, '指針案.docx', await styledPlan());
    expect(res.status).toBe(200);
    const text = visibleText(html);
    expect(text).toContain('4 件の節に分かれました。まだ保存していません。');
    expect(text).toContain('Word ファイル（指針案.docx）の見出しスタイル');
    expect(text).not.toContain('推測です');

    const carried = carriedText(html);
    const { res: saved } = await t.client.post(`/staff/consultations/${t.id}/draft/confirm`, {
      text: carried,
      mode: 'append',
    });
    expect(saved.status).toBe(303);
    const sections = await listDraftSections(t.db, t.id);
    // The title (Word's Title style, not a heading) is the text before the first heading.
    expect(sections.map((s) => [s.level, s.number, s.heading])).toEqual([
      [1, '', '前文'],
      [1, '第1章', '指針の目的'],
      [2, '1', '協働の原則'],
      [1, '第2章', '推進体制'],
    ]);
    expect(sections[0]?.body_md).toBe('倉敷市協働のまちづくり指針（案）');
    expect(sections[2]?.body_md).toBe('1) 対等の原則\n2) 自主性の尊重');
    expect(sections[3]?.body_md).toBe(
      '| 会議 | 役割 |\n| --- | --- |\n| 推進会議 | 指針の進み具合を確かめる |',
    );

    // As the public will read it: a numbered list and a table.
    const page = await t.client.get(`/staff/consultations/${t.id}`);
    expect(page.res.status).toBe(200);
    expect(page.html).toMatch(/<ol>\s*<li>対等の原則<\/li>/);
    expect(page.html).toContain('<td>推進会議</td>');
  });

  it('splits a Word file without heading styles at 第1章, 1, (1), ア in its text', async () => {
    const t = await staffWithDraft();
    const { res, html } = await upload(t.client, t.id, 'gomi.docx', await numberedPlan());
    expect(res.status).toBe(200);
    const { res: saved } = await t.client.post(`/staff/consultations/${t.id}/draft/confirm`, {
      text: carriedText(html),
      mode: 'append',
    });
    expect(saved.status).toBe(303);
    const sections = await listDraftSections(t.db, t.id);
    expect(sections.map((s) => [s.level, s.number, s.heading, s.body_md])).toEqual([
      [1, '第1章', '総則', ''],
      [2, '1', '目的', 'この計画は、ごみの減量を進めるためのものです。'],
      [3, '(1)', '基本方針', ''],
      [4, 'ア', '発生抑制', 'ごみになるものを買わない暮らしを広めます。'],
      [4, 'イ', '再使用', ''],
      [1, '第2章', '施策', '1\\. 市は、分別の手引きを毎年配ります。'],
    ]);
  });

  it('saves the file again when the form posts it straight to the save step', async () => {
    const t = await staffWithDraft();
    const { res } = await upload(t.client, t.id, 'gomi.docx', await numberedPlan(), 'confirm');
    expect(res.status).toBe(303);
    expect(await listDraftSections(t.db, t.id)).toHaveLength(6);
  });

  it('says that images were left out', async () => {
    const t = await staffWithDraft();
    // A 1×1 PNG.
    const png = Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
      'base64',
    );
    const file = await docxOf([
      new Paragraph({ text: '第1章 総則', heading: HeadingLevel.HEADING_1 }),
      new Paragraph({
        children: [new ImageRun({ type: 'png', data: png, transformation: { width: 10, height: 10 } })],
      }),
    ]);
    const { res, html } = await upload(t.client, t.id, 'zu.docx', file);
    expect(res.status).toBe(200);
    expect(visibleText(html)).toContain('画像（1点）は取り込まれません。');
  });

  it('refuses an old .doc, another kind of file, a damaged Word file and a zip bomb, each with its reason', async () => {
    const t = await staffWithDraft();
    const cases: [string, Uint8Array, string][] = [
      [
        'keikaku.doc',
        new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 1, 2, 3]),
        '古い形式の Word ファイル（.doc）は読み込めません。',
      ],
      [
        'keikaku.xlsx',
        new Uint8Array([1, 2, 3]),
        'Word（.docx）、PDF（.pdf）のいずれかのファイルを選んでください。',
      ],
      ['keikaku.docx', new TextEncoder().encode('not a zip'), 'Word 文書（.docx）として読み込めません。'],
      [
        'bomb.docx',
        zipFile([{ name: 'word/document.xml', data: new Uint8Array(48 * 1024 * 1024) }]),
        'ファイルが大きすぎるか複雑すぎるため、読み込めませんでした。',
      ],
    ];
    for (const [name, bytes, message] of cases) {
      const { res, html } = await upload(t.client, t.id, name, bytes);
      expect(res.status, name).toBe(422);
      expect(html, name).toContain('id="f-file-error"');
      expect(visibleText(html), name).toContain(message);
    }
    expect(await listDraftSections(t.db, t.id)).toHaveLength(0);
  });

  it('answers in English too', async () => {
    const t = await staffWithDraft();
    await t.client.get('/staff?lang=en');
    const { html } = await upload(t.client, t.id, 'keikaku.doc', new Uint8Array([1]));
    expect(visibleText(html)).toContain('Word files in the old format (.doc) cannot be read.');
  });
});

describe('a draft from a PDF', () => {
  const lines = [
    '第1章 総則',
    'この指針は、市民と市の協働を進める',
    'ためのものです。',
    '1 目的',
    '市民の声を聴く仕組みを整えます。',
    '第2章 推進体制',
    '市は推進会議を置きます。',
    '- 1 -',
  ];

  it('imports the text of a PDF with a warning that the split must be checked', async () => {
    const t = await staffWithDraft();
    const { res, html } = await upload(t.client, t.id, 'shishin.pdf', textPdf(lines, { compress: true }));
    expect(res.status).toBe(200);
    const text = visibleText(html);
    expect(text).toContain('PDF（shishin.pdf）から文章を取り出しました。見出しと段落の分け方は推測です。');
    expect(html).toContain('class="notice notice-warning" role="note"');
    expect(text).toContain('3 件の節に分かれました。');
    const { res: saved } = await t.client.post(`/staff/consultations/${t.id}/draft/confirm`, {
      text: carriedText(html),
      mode: 'append',
    });
    expect(saved.status).toBe(303);
    const sections = await listDraftSections(t.db, t.id);
    expect(sections.map((s) => [s.number, s.heading, s.body_md])).toEqual([
      ['第1章', '総則', 'この指針は、市民と市の協働を進めるためのものです。'],
      ['1', '目的', '市民の声を聴く仕組みを整えます。'],
      ['第2章', '推進体制', '市は推進会議を置きます。'],
    ]);
  });

  it('refuses a PDF without text (a scan) and a file that is not a PDF', async () => {
    const t = await staffWithDraft();
    const scan = await upload(t.client, t.id, 'scan.pdf', textPdf(['x'], { font: 'none' }));
    expect(scan.res.status).toBe(422);
    expect(visibleText(scan.html)).toContain('この PDF には文字の情報がありません');
    const fake = await upload(t.client, t.id, 'fake.pdf', new TextEncoder().encode('hello'));
    expect(fake.res.status).toBe(422);
    expect(visibleText(fake.html)).toContain('PDF ファイルとして読み込めません。');
  });
});
