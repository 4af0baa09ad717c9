/**
 * The draft import form: text pasted into the box, or a .md / .txt file (UTF-8 or Shift_JIS),
 * and whether the sections found go after the existing ones or replace them. Sizes are checked in
 * bytes and code units before anything is decoded or split.
 */
import { z } from 'zod';
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

/** The chosen file's text, or undefined when no file was chosen. */
const file = sent().transform(async (value, ctx): Promise<string | undefined> => {
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
  if (!/\.(md|markdown|txt)$/i.test(f.name)) {
    return fail(
      ctx,
      m(
        'Markdown（.md）またはテキスト（.txt）のファイルを選んでください。',
        'Choose a Markdown (.md) or text (.txt) file.',
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
  .transform((v, ctx) => {
    // A chosen file is used instead of the pasted text.
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
