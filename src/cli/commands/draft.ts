import { readFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema.ts';
import { findConsultation, listDraftSections } from '../../data/consultations.ts';
import { draftFileText } from '../../domain/draft-import.ts';
import { splitDraft, splitProblem } from '../../domain/draft-split.ts';
import { convertDraftFile, type DraftFileKind } from '../../lib/draft-file/convert.ts';
import { draftFileProblem } from '../../lib/draft-file/messages.ts';
import { DRAFT_MAX_BYTES } from '../../lib/limits.ts';
import { cleanText } from '../../lib/text.ts';
import { decodeTextFile } from '../../lib/text-file.ts';
import { importDraft } from '../../usecases/draft.ts';
import { positionals, withStore } from '../context.ts';

const USAGE =
  'Usage: npm run koe -- draft:import <consultation-id> <file.docx|.pdf|.md|.txt> [--replace] [--dry-run]';

/** The draft text of a file as the staff import page reads it, or why it cannot be imported. */
async function textOf(name: string, bytes: Uint8Array): Promise<{ text: string; guessed: boolean } | string> {
  if (bytes.length > DRAFT_MAX_BYTES) return `The file is larger than ${DRAFT_MAX_BYTES} bytes.`;
  const kind: DraftFileKind | undefined = /\.docx$/i.test(name)
    ? 'docx'
    : /\.pdf$/i.test(name)
      ? 'pdf'
      : undefined;
  if (!kind) {
    if (!/\.(md|markdown|txt)$/i.test(name))
      return 'Choose a Word (.docx), PDF, Markdown (.md) or text (.txt) file.';
    const text = decodeTextFile(bytes);
    return text === null
      ? 'The file could not be read: save it as UTF-8 or Shift_JIS.'
      : { text: cleanText(text), guessed: false };
  }
  const read = await convertDraftFile(kind, bytes);
  if (!read.ok) return draftFileProblem(read.problem, kind, 'en');
  const found = draftFileText(read);
  if (!found.ok) return draftFileProblem(found.problem, kind, 'en');
  return { text: found.text, guessed: kind === 'pdf' };
}

/**
 * Imports a draft file into a consultation that is still a draft, as the staff import page does:
 * the sections found are listed, then saved after the existing ones (or in their place with
 * `replace`), unless `dryRun`. Returns the exit code.
 */
export async function importDraftFile(
  db: Kysely<Database>,
  consultationId: number,
  filename: string,
  bytes: Uint8Array,
  opts: { replace: boolean; dryRun: boolean; now: Date },
  log: (line: string) => void = console.log,
): Promise<number> {
  const consultation = await findConsultation(db, consultationId);
  if (!consultation) {
    log(`No consultation with id ${consultationId}.`);
    return 1;
  }
  const read = await textOf(filename, bytes);
  if (typeof read === 'string') {
    log(`${read} Nothing was imported.`);
    return 1;
  }
  const sections = splitDraft(read.text);
  const problem = splitProblem(sections);
  if (problem) {
    log(
      problem.kind === 'too_many_sections'
        ? `The draft gives more than ${problem.max} sections. Nothing was imported.`
        : `The text of "${problem.heading}" is longer than ${problem.max} characters. Nothing was imported.`,
    );
    return 1;
  }
  if (read.guessed) log('Taken from a PDF: the headings and paragraphs are guessed. Check the sections.');
  for (const s of sections)
    log(`${'  '.repeat(s.level - 1)}${[s.number, s.heading].filter(Boolean).join(' ')}`);
  const existing = (await listDraftSections(db, consultationId)).length;
  const count = `${sections.length} section${sections.length === 1 ? '' : 's'}`;
  if (opts.dryRun) {
    log(`${count} found (dry run: nothing was imported).`);
    return 0;
  }
  const rows = sections.map(({ body, ...s }) => ({ ...s, body_md: body }));
  const mode = opts.replace ? 'replace' : 'append';
  const done = await importDraft(db, consultationId, rows, mode, { id: null, label: 'cli' }, opts.now);
  if (!done.ok) {
    log(
      done.problem === 'frozen'
        ? 'The consultation is published: its draft is frozen (use a correction). Nothing was imported.'
        : `No consultation with id ${consultationId}.`,
    );
    return 1;
  }
  const replaced = opts.replace && existing > 0 ? `, replacing ${existing}` : '';
  log(`Imported ${count} from ${filename}${replaced}.`);
  return 0;
}

/** `npm run koe -- draft:import <consultation-id> <file> [--replace] [--dry-run]` */
export async function run(args: string[]): Promise<number> {
  const [idArg, file] = positionals(args);
  const id = Number(idArg);
  if (!file || !Number.isInteger(id) || id <= 0) {
    console.error(USAGE);
    return 2;
  }
  const bytes = new Uint8Array(await readFile(resolve(file)));
  const opts = { replace: args.includes('--replace'), dryRun: args.includes('--dry-run'), now: new Date() };
  return withStore(args, (store) => importDraftFile(store.db, id, basename(file), bytes, opts));
}
