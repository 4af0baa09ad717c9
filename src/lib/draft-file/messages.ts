/**
 * What went wrong with a Word or PDF draft, in words staff can act on (the staff import page and
 * the `draft:import` command).
 */
import { type Lang, t } from '../i18n.ts';
import { DRAFT_MAX_BYTES } from '../limits.ts';
import type { ConvertProblem, DraftFileKind } from './convert.ts';

export function draftFileProblem(
  problem: ConvertProblem | 'no_text',
  kind: DraftFileKind,
  lang: Lang,
): string {
  const max = DRAFT_MAX_BYTES.toLocaleString(lang === 'ja' ? 'ja-JP' : 'en');
  const pdf = kind === 'pdf';
  switch (problem) {
    case 'not_docx':
      return t(
        lang,
        'Word 文書（.docx）として読み込めません。Word で開けるか確かめて、「Word 文書（*.docx）」として保存し直してください。',
        'This file cannot be read as a Word document (.docx). Check that it opens in Word, and save it again as “Word Document (*.docx)”.',
      );
    case 'not_pdf':
      return t(lang, 'PDF ファイルとして読み込めません。', 'This file cannot be read as a PDF.');
    case 'encrypted':
      return t(
        lang,
        'パスワードで保護されたファイルは読み込めません。保護を解除したファイルを選んでください。',
        'A file protected by a password cannot be read. Choose a copy without the protection.',
      );
    case 'too_large':
    case 'too_slow':
      return t(
        lang,
        'ファイルが大きすぎるか複雑すぎるため、読み込めませんでした。章ごとなど、いくつかのファイルに分けて取り込んでください。',
        'The file is too large or too complex to read. Import it in parts (a chapter at a time, say).',
      );
    case 'too_long':
      return t(
        lang,
        `ファイルの文章が長すぎます（${max}文字まで）。いくつかのファイルに分けて取り込んでください。`,
        `The file holds too much text (up to ${max} characters). Import it in parts.`,
      );
    case 'no_text':
      return pdf
        ? t(
            lang,
            'この PDF には文字の情報がありません（紙をスキャンした画像の PDF と思われます）。元の Word ファイルを選ぶか、文章を貼り付けてください。',
            'This PDF holds no text (it looks like a scanned image). Choose the original Word file, or paste the text.',
          )
        : t(lang, 'この Word ファイルには文章がありません。', 'This Word file holds no text.');
    case 'unreadable':
      return t(
        lang,
        'ファイルを読み込めませんでした。壊れている可能性があります。元のアプリで開いて保存し直すか、文章を貼り付けてください。',
        'The file could not be read; it may be damaged. Open it in the program that made it and save it again, or paste the text.',
      );
  }
}
