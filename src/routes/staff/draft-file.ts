/**
 * A draft uploaded as a Word or PDF file, turned into the text the import splits: the file is
 * read in a worker (src/lib/draft-file/convert.ts), its content written as draft text by the
 * domain (src/domain/draft-import.ts), and every way it can fail said in words staff can act on.
 */
import type { DraftImportNote } from '../../../views/pages/staff/consultationDraft.tsx';
import { draftFileText } from '../../domain/draft-import.ts';
import { convertDraftFile } from '../../lib/draft-file/convert.ts';
import { draftFileProblem } from '../../lib/draft-file/messages.ts';
import type { Lang } from '../../lib/i18n.ts';
import type { DraftFile } from '../../schemas/draft.ts';

export type ReadDraft = { ok: true; text: string; notes: DraftImportNote[] } | { ok: false; message: string };

/** The draft text of a Word or PDF file, with what staff should know about it, or why it failed. */
export async function readDraftFile(file: DraftFile, lang: Lang): Promise<ReadDraft> {
  const read = await convertDraftFile(file.kind, file.bytes);
  if (!read.ok) return { ok: false, message: draftFileProblem(read.problem, file.kind, lang) };
  const found = draftFileText(read);
  if (!found.ok) return { ok: false, message: draftFileProblem(found.problem, file.kind, lang) };
  const notes: DraftImportNote[] = [];
  if (read.kind === 'pdf') notes.push({ kind: 'pdf', name: file.name });
  else {
    notes.push({ kind: 'docx', name: file.name });
    if (read.images > 0) notes.push({ kind: 'images', count: read.images });
  }
  return { ok: true, text: found.text, notes };
}
