/**
 * Importing the draft text (/staff/consultations/:id/draft): paste or upload (text, Markdown,
 * Word or PDF), see how it splits into sections, then save. The split is done again on the
 * server when saving: the preview is what this text gives, never trusted from the form. A Word or
 * PDF file becomes text on the preview (draft-file.ts), and that text is what the form carries on.
 */
import { type Context, Hono } from 'hono';
import {
  type DraftImportNote,
  DraftImportPage,
  DraftPreviewPage,
  type DraftImportValues,
} from '../../../views/pages/staff/consultationDraft.tsx';
import { listDraftSections } from '../../data/consultations.ts';
import { type SplitProblem, type SplitSection, splitDraft, splitProblem } from '../../domain/draft-split.ts';
import type { ConsultationEnv } from '../../env.ts';
import { pageCtx, seeOther } from '../../http/render.tsx';
import { type FieldErrors, type FormInput, formValues, validatorsFor } from '../../http/validate.ts';
import { type Lang, t } from '../../lib/i18n.ts';
import { type DraftInput, draftFormDefaults, draftSchema } from '../../schemas/draft.ts';
import { importDraft } from '../../usecases/draft.ts';
import { readDraftFile } from './draft-file.ts';
import { draftOnly, refusal, staffPage } from './shared.ts';

type C = Context<ConsultationEnv>;

const existingCount = async (c: C) => (await listDraftSections(c.var.db, c.var.consultation.id)).length;

/** The import form; with errors it is the 422 re-render that keeps the input. */
async function importPage(c: C, values: DraftImportValues, errors?: FieldErrors) {
  const page = (
    <DraftImportPage
      ctx={pageCtx(c)}
      consultation={c.var.consultation}
      existing={await existingCount(c)}
      values={values}
      errors={errors}
    />
  );
  return c.render(page, {
    title: t(c.var.lang, '案文の取り込み', 'Import the draft'),
    status: errors ? 422 : 200,
  });
}

const typed = (input: FormInput): DraftImportValues => {
  const v = formValues(input, draftFormDefaults);
  return { text: v.text, mode: v.mode === 'replace' ? 'replace' : 'append' };
};

function problemMessage(p: SplitProblem, lang: Lang): string {
  const max = p.max.toLocaleString(lang === 'ja' ? 'ja-JP' : 'en');
  if (p.kind === 'too_many_sections') {
    return t(
      lang,
      `節が多すぎます（${max}件まで）。見出しの書き方を確かめるか、分けて取り込んでください。`,
      `The draft gives too many sections (at most ${max}). Check the headings, or import it in parts.`,
    );
  }
  return t(
    lang,
    `「${p.heading}」の本文が長すぎます（${p.length.toLocaleString('ja-JP')}文字、1つの節は${max}文字まで）。見出しを加えて分けてください。`,
    `The text of "${p.heading}" is too long (${p.length.toLocaleString('en')} characters; a section holds at most ${max}). Add headings to split it.`,
  );
}

type Split = { values: DraftImportValues; sections: SplitSection[]; notes: DraftImportNote[] };

/**
 * The sections the text (or the chosen Word or PDF file) gives, or the import form again saying
 * why they cannot be saved.
 */
async function split(c: C, input: DraftInput): Promise<Split | { refused: Response }> {
  let values: DraftImportValues = { text: input.text, mode: input.mode };
  let notes: DraftImportNote[] = [];
  if (input.file) {
    const read = await readDraftFile(input.file, c.var.lang);
    if (!read.ok) return { refused: await importPage(c, values, { file: read.message }) };
    values = { ...values, text: read.text };
    notes = read.notes;
  }
  const sections = splitDraft(values.text);
  const problem = splitProblem(sections);
  if (problem) return { refused: await importPage(c, values, { text: problemMessage(problem, c.var.lang) }) };
  return { values, sections, notes };
}

const { form } = validatorsFor<ConsultationEnv>();
const draftForm = form(draftSchema, (c, input, errors) => importPage(c, typed(input), errors));

export const draft = new Hono<ConsultationEnv>()
  .use('*', draftOnly)
  .get('/', (c) => importPage(c, typed({})))
  .post('/preview', draftForm, async (c) => {
    const found = await split(c, c.req.valid('form'));
    if ('refused' in found) return found.refused;
    const page = (
      <DraftPreviewPage
        ctx={pageCtx(c)}
        consultation={c.var.consultation}
        existing={await existingCount(c)}
        values={found.values}
        sections={found.sections}
        notes={found.notes}
      />
    );
    return c.render(page, { title: t(c.var.lang, '分割結果の確認', 'Check the sections') });
  })
  .post('/confirm', draftForm, async (c) => {
    const found = await split(c, c.req.valid('form'));
    if ('refused' in found) return found.refused;
    const rows = found.sections.map(({ body, ...s }) => ({ ...s, body_md: body }));
    const done = await importDraft(
      c.var.db,
      c.var.consultation.id,
      rows,
      found.values.mode,
      c.var.actor,
      c.var.clock.now(),
    );
    if (!done.ok) throw refusal(c, done.problem);
    return seeOther(c, staffPage(c, 'imported'));
  });
