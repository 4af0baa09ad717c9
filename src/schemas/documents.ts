/** Related documents (関連資料): the upload and rename forms. */
import { z } from 'zod';
import { checkUpload } from '../lib/download.ts';
import { formatBytes } from '../lib/format.ts';
import { field, firstFile, m, text } from './fields.ts';

const title = text({
  max: 200,
  line: true,
  required: m('資料名を入力してください。', 'Enter a title for the document.'),
});

/** A file accepted by its size, extension and first bytes (src/lib/download.ts). */
export interface AcceptedFile {
  filename: string;
  contentType: string;
  data: Uint8Array;
}

function acceptedFile(maxBytes: number) {
  return field().transform(async (value, ctx): Promise<AcceptedFile> => {
    const fail = (message: string) => {
      ctx.issues.push({ code: 'custom', message, input: '' });
      return z.NEVER;
    };
    const file = firstFile(value);
    if (!file) return fail(m('ファイルを選んでください。', 'Choose a file.'));
    if (file.size > maxBytes) {
      const [ja, en] = [formatBytes(file.size, 'ja'), formatBytes(file.size, 'en')];
      return fail(
        m(
          `ファイルが大きすぎます（${ja}）。1ファイル ${formatBytes(maxBytes, 'ja')} までです。分割するか圧縮してください。`,
          `The file is too large (${en}). The limit is ${formatBytes(maxBytes, 'en')} per file: split or compress it.`,
        ),
      );
    }
    const data = new Uint8Array(await file.arrayBuffer());
    const check = checkUpload(file.name, data, maxBytes);
    if (check.ok) return { filename: check.filename, contentType: check.contentType, data };
    return fail(
      check.reason === 'extension'
        ? m(
            'この種類のファイルは登録できません。PDF、画像、Office 文書、テキストのファイルを選んでください。',
            'This kind of file is not accepted. Choose a PDF, an image, an Office document or a text file.',
          )
        : m(
            'ファイルの中身が拡張子と一致しません（壊れているか、別の形式のファイルです）。',
            'The file content does not match its extension (it is damaged or of another type).',
          ),
    );
  });
}

export const documentUploadSchema = (maxBytes: number) => z.object({ title, file: acceptedFile(maxBytes) });
export const documentRenameSchema = z.object({ title });
