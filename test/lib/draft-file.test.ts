import {
  AlignmentType,
  Document,
  HeadingLevel,
  LevelFormat,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
} from 'docx';
import { describe, expect, it } from 'vitest';
import { convertDraftFile } from '../../src/lib/draft-file/convert.ts';
import { docxBlocks } from '../../src/lib/draft-file/docx-blocks.ts';
import { readZipDirectory } from '../../src/lib/draft-file/zip.ts';
import { textPdf, zipFile } from '../helpers-files.ts';

const word = async (children: (Paragraph | Table)[]) =>
  new Uint8Array(
    await Packer.toBuffer(
      new Document({
        numbering: {
          config: [
            {
              reference: 'numbers',
              levels: [
                { level: 0, format: LevelFormat.DECIMAL, text: '%1.', alignment: AlignmentType.START },
              ],
            },
          ],
        },
        sections: [{ children }],
      }),
    ),
  );

describe('reading the directory of a zip (a .docx)', () => {
  it('lists the parts of a Word file with their declared sizes', async () => {
    const dir = readZipDirectory(await word([new Paragraph('本文')]));
    expect(dir.ok).toBe(true);
    if (!dir.ok) return;
    const doc = dir.parts.find((p) => p.name === 'word/document.xml');
    expect(doc?.size).toBeGreaterThan(100);
  });

  it('refuses what is not a zip, an encrypted part, and a directory pointing outside the file', () => {
    expect(readZipDirectory(new TextEncoder().encode('not a zip at all'))).toEqual({
      ok: false,
      problem: 'not_zip',
    });
    expect(readZipDirectory(new Uint8Array(0))).toEqual({ ok: false, problem: 'not_zip' });
    const encrypted = zipFile([{ name: 'word/document.xml', data: new Uint8Array(10), encrypted: true }]);
    expect(readZipDirectory(encrypted)).toEqual({ ok: false, problem: 'encrypted' });
    const cut = zipFile([{ name: 'word/document.xml', data: new Uint8Array(1000).fill(65) }]);
    // The end record says the directory starts where the file has none.
    const broken = new Uint8Array(cut);
    new DataView(broken.buffer).setUint32(broken.length - 6, broken.length + 10, true);
    expect(readZipDirectory(broken)).toEqual({ ok: false, problem: 'not_zip' });
  });
});

describe('a Word file read in a worker', () => {
  it('gives mammoth’s HTML: headings, paragraphs, lists and tables', async () => {
    const file = await word([
      new Paragraph({ text: '第1章 総則', heading: HeadingLevel.HEADING_1 }),
      new Paragraph('この指針は、協働のまちづくりを進めるためのものです。'),
      new Paragraph({ text: '番号一', numbering: { reference: 'numbers', level: 0 } }),
      new Table({
        rows: [
          new TableRow({ children: [new TableCell({ children: [new Paragraph('区分')] })] }),
          new TableRow({ children: [new TableCell({ children: [new Paragraph('市民')] })] }),
        ],
      }),
    ]);
    const read = await convertDraftFile('docx', file);
    expect(read).toMatchObject({ ok: true, kind: 'docx', images: 0 });
    if (!read.ok || read.kind !== 'docx') return;
    expect(read.html).toContain('<h1>第1章 総則</h1>');
    expect(read.html).toContain('<ol><li>番号一</li></ol>');
    expect(read.html).toContain('<table>');
  });

  it('refuses a zip bomb before unpacking it: by its declared size, or when a part unpacks to more than it declared', async () => {
    const zeros = new Uint8Array(48 * 1024 * 1024);
    const honest = zipFile([{ name: 'word/document.xml', data: zeros }]);
    // 48 MB of zeros deflate to about 50 KB.
    expect(honest.length).toBeLessThan(100_000);
    expect(await convertDraftFile('docx', honest)).toEqual({ ok: false, problem: 'too_large' });
    const lying = zipFile([
      { name: '[Content_Types].xml', data: new TextEncoder().encode('<Types/>') },
      { name: 'word/document.xml', data: zeros, declaredSize: 1000 },
    ]);
    expect(await convertDraftFile('docx', lying)).toEqual({ ok: false, problem: 'too_large' });
  });

  it('names the problem of a file that is not a Word document, or is damaged', async () => {
    expect(await convertDraftFile('docx', new TextEncoder().encode('plain text'))).toEqual({
      ok: false,
      problem: 'not_docx',
    });
    const noDocument = zipFile([{ name: 'xl/workbook.xml', data: new TextEncoder().encode('<workbook/>') }]);
    expect(await convertDraftFile('docx', noDocument)).toEqual({ ok: false, problem: 'not_docx' });
    const damaged = zipFile([
      { name: 'word/document.xml', data: new TextEncoder().encode('<w:document><unclosed') },
    ]);
    expect(await convertDraftFile('docx', damaged)).toEqual({ ok: false, problem: 'unreadable' });
  });

  it('stops a reading that takes longer than its limit', async () => {
    const file = await word([new Paragraph('本文')]);
    // No time at all: the worker cannot have answered when the limit is checked.
    expect(await convertDraftFile('docx', file, { timeLimitMs: 0 })).toEqual({
      ok: false,
      problem: 'too_slow',
    });
  });
});

describe('a PDF read in a worker', () => {
  it('gives the lines of each page, in Japanese through a ToUnicode map', async () => {
    const read = await convertDraftFile(
      'pdf',
      textPdf(['第1章 総則', '市民と市が協働します。'], { compress: true }),
    );
    expect(read).toEqual({ ok: true, kind: 'pdf', pages: [['第1章 総則', '市民と市が協働します。']] });
  });

  it('reads Japanese set in a font that is not embedded, through Adobe’s CMaps shipped with pdf.js', async () => {
    const read = await convertDraftFile('pdf', textPdf(['第2章 推進体制'], { font: 'unijis' }));
    expect(read).toEqual({ ok: true, kind: 'pdf', pages: [['第2章 推進体制']] });
  });

  it('gives no lines for a page without text, and refuses what is not a PDF', async () => {
    expect(await convertDraftFile('pdf', textPdf(['x'], { font: 'none' }))).toEqual({
      ok: true,
      kind: 'pdf',
      pages: [[]],
    });
    expect(await convertDraftFile('pdf', new TextEncoder().encode('hello'))).toEqual({
      ok: false,
      problem: 'not_pdf',
    });
    const damaged = new TextEncoder().encode('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF');
    expect(await convertDraftFile('pdf', damaged)).toEqual({ ok: false, problem: 'unreadable' });
  });
});

describe('mammoth’s HTML as blocks of a draft', () => {
  it('keeps headings and paragraphs apart, and gives each paragraph its plain text', () => {
    expect(docxBlocks('<h2>1 目的</h2><p>市民の<strong>声</strong>を聴く。</p>')).toEqual([
      { kind: 'heading', level: 2, text: '1 目的' },
      { kind: 'paragraph', text: '市民の声を聴く。', markdown: '市民の声を聴く。' },
    ]);
  });

  it('escapes what Markdown would read as markup, and keeps web links', () => {
    const [p] = docxBlocks(
      '<p>1. 税率は 5*2 &amp; <a href="https://example.jp/a(b)">市の<em>サイト</em></a>、[注]</p>',
    );
    expect(p).toEqual({
      kind: 'paragraph',
      text: '1. 税率は 5*2 & 市のサイト、[注]',
      markdown: '1\\. 税率は 5\\*2 & [市のサイト](https://example.jp/a%28b%29)、\\[注\\]',
    });
  });

  it('writes nested lists with ) numbers, which the splitter never takes for headings', () => {
    const [list] = docxBlocks('<ol><li>一<ul><li>ア</li></ul></li><li>二</li></ol>');
    expect(list).toEqual({ kind: 'markdown', markdown: '1) 一\n   - ア\n2) 二' });
  });

  it('writes a table as a pipe table, with merged cells as empty ones and | escaped', () => {
    const [table] = docxBlocks(
      '<table><tr><th colspan="2">区分</th><th>備考</th></tr>' +
        '<tr><td rowspan="2">市民</td><td><p>在住</p><p>在勤</p></td><td>a|b</td></tr>' +
        '<tr><td>在学</td><td></td></tr></table>',
    );
    expect(table).toEqual({
      kind: 'markdown',
      markdown: [
        '| 区分 |  | 備考 |',
        '| --- | --- | --- |',
        '| 市民 | 在住 在勤 | a\\|b |',
        '|  | 在学 |  |',
      ].join('\n'),
    });
  });

  it('drops the way back of a footnote and the images', () => {
    const blocks = docxBlocks(
      '<p>本文<sup><a href="#footnote-1" id="footnote-ref-1">[1]</a></sup><img src="" /></p>' +
        '<ol><li id="footnote-1"><p> 注の文 <a href="#footnote-ref-1">↑</a></p></li></ol>',
    );
    expect(blocks).toEqual([
      { kind: 'paragraph', text: '本文[1]', markdown: '本文\\[1\\]' },
      { kind: 'markdown', markdown: '1) 注の文' },
    ]);
  });

  it('reads a long run of spaces in linear time', () => {
    const html = `<p>a${' '.repeat(200_000)}b${' '.repeat(200_000)}</p>`;
    const started = performance.now();
    const [p] = docxBlocks(html);
    expect(p?.kind === 'paragraph' && p.text).toBe('a b');
    // Quadratic trimming of 200,000 spaces takes minutes; linear, milliseconds.
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});
