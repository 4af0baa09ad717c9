/**
 * The draft import form: text pasted into the box, or a file — Markdown or text (UTF-8 or
 * Shift_JIS), Word (.docx) or PDF — and whether the sections found go after the existing ones or
 * replace them. Sizes are checked in bytes and code units before anything is decoded or split.
 * A Word or PDF file is handed on as it is: reading one takes a worker thread
 * (src/lib/draft-file/convert.ts), which the route starts.
 */
import { z } from 'zod';
import type { DraftFileKind } from '../lib/draft-file/convert.ts';
import { formatBytes } from '../lib/format.ts';
import { DRAFT_MAX_BYTES } from '../lib/limits.ts';
import { cleanText } from '../lib/text.ts';
import { decodeTextFile } from '../lib/text-file.ts';
import { firstFile, firstString, m, sent } from './fields.ts';

const fail = (ctx: z.RefinementCtx, message: string, path?: string) => {
  ctx.issues.push({ code: 'custom', message, input: '', ...(path ? { path: [path] } : {}) });
  return z.NEVER;
};

const pasted = sent().transform((value, ctx): string => {
  const v = firstString(value);
  if (v.length > DRAFT_MAX_BYTES) {
    return fail(
      ctx,
      m(
        `案文が長すぎます（${DRAFT_MAX_BYTES.toLocaleString('ja-JP')}文字まで）。ファイルに分けて取り込んでください。`,
        `The text is too long (up to ${DRAFT_MAX_BYTES.toLocaleString('en')} characters). Import it in parts.`,
      ),
    );
  }
  return v;
});

/** A Word or PDF file, to be read by the route. */
export interface DraftFile {
  kind: DraftFileKind;
  name: string;
  bytes: Uint8Array;
}

const TEXT_FILE = /\.(md|markdown|txt)$/i;
const OTHER_FILE: readonly [RegExp, DraftFileKind][] = [
  [/\.docx$/i, 'docx'],
  [/\.pdf$/i, 'pdf'],
];

/** The chosen file's text (or the file itself, for Word and PDF), or undefined when none was chosen. */
const file = sent().transform(async (value, ctx): Promise<string | DraftFile | undefined> => {
  const f = firstFile(value);
  if (!f) return undefined;
  if (f.size > DRAFT_MAX_BYTES) {
    return fail(
      ctx,
      m(
        `ファイルが大きすぎます（${formatBytes(DRAFT_MAX_BYTES, 'ja')}まで）。`,
        `The file is too large (up to ${formatBytes(DRAFT_MAX_BYTES, 'en')}).`,
      ),
    );
  }
  const other = OTHER_FILE.find(([re]) => re.test(f.name))?.[1];
  if (other) return { kind: other, name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) };
  if (/\.doc$/i.test(f.name)) {
    return fail(
      ctx,
      m(
        '古い形式の Word ファイル（.doc）は読み込めません。Word の「名前を付けて保存」で「Word 文書（*.docx）」を選んで保存し直してください。',
        'Word files in the old format (.doc) cannot be read. In Word, use “Save As” and choose “Word Document (*.docx)”.',
      ),
    );
  }
  if (!TEXT_FILE.test(f.name)) {
    return fail(
      ctx,
      m(
        'Markdown（.md）、テキスト（.txt）、Word（.docx）、PDF（.pdf）のいずれかのファイルを選んでください。',
        'Choose a Markdown (.md), text (.txt), Word (.docx) or PDF (.pdf) file.',
      ),
    );
  }
  const text = decodeTextFile(new Uint8Array(await f.arrayBuffer()));
  if (text === null) {
    return fail(
      ctx,
      m(
        '文字コードを読み取れません。UTF-8 または Shift_JIS で保存したファイルを選んでください。',
        'The file could not be read. Save it as UTF-8 or Shift_JIS.',
      ),
    );
  }
  return text;
});

export const draftSchema = z
  .object({
    text: pasted,
    file,
    mode: sent().transform((v): 'append' | 'replace' =>
      firstString(v) === 'replace' ? 'replace' : 'append',
    ),
  })
  .transform((v, ctx): { text: string; mode: 'append' | 'replace'; file?: DraftFile } => {
    // A chosen file is used instead of the pasted text.
    if (typeof v.file === 'object') return { text: '', mode: v.mode, file: v.file };
    const text = cleanText(v.file ?? v.text);
    if (text.trim() === '') {
      return fail(
        ctx,
        m('案文を貼り付けるか、ファイルを選んでください。', 'Paste the draft text or choose a file.'),
        'text',
      );
    }
    return { text, mode: v.mode };
  });

export type DraftInput = z.output<typeof draftSchema>;

export const draftFormDefaults = { text: '', mode: 'append' };
