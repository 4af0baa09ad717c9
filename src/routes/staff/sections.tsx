/**
 * The sections of a draft before publishing (/staff/consultations/:id/sections): add one, and for
 * one section (`/:sid`) edit, move and delete it. Once published, an edit is refused and the
 * correction form (corrections.tsx) is offered instead.
 */
import { type Context, Hono } from 'hono';
import type { Section } from '../../../db/schema.ts';
import { ConfirmDeletePage } from '../../../views/pages/staff/confirmDelete.tsx';
import { SectionFormPage, type SectionFormValues } from '../../../views/pages/staff/consultationSection.tsx';
import { listDraftSections } from '../../data/consultations.ts';
import { isFrozen } from '../../domain/consultation-rules.ts';
import type { ConsultationEnv } from '../../env.ts';
import { pageCtx, seeOther } from '../../http/render.tsx';
import {
  type FieldErrors,
  type FormInput,
  formValues,
  readForm,
  validatorsFor,
} from '../../http/validate.ts';
import { t } from '../../lib/i18n.ts';
import { sectionLabel } from '../../lib/sections.ts';
import { confirmSchema } from '../../schemas/confirm.ts';
import { moveSchema, sectionFormDefaults, sectionSchema } from '../../schemas/sections.ts';
import { addSection, editSection, moveDraftSection, removeSection } from '../../usecases/draft.ts';
import { correctionPage, corrections, currentText } from './corrections.tsx';
import { draftOnly, loadSection, refuseIfWithdrawn, refusal, type SectionEnv, staffPage } from './shared.ts';

/** The section form: new, or for `section`; with errors the 422 that keeps the input. */
function sectionPage<E extends ConsultationEnv>(
  c: Context<E>,
  values: SectionFormValues,
  section?: Section,
  errors?: FieldErrors,
) {
  const page = (
    <SectionFormPage
      ctx={pageCtx(c)}
      consultation={c.var.consultation}
      section={section}
      values={values}
      errors={errors}
    />
  );
  const title = section
    ? t(c.var.lang, '節の編集', 'Edit a section')
    : t(c.var.lang, '節の追加', 'Add a section');
  return c.render(page, { title, status: errors ? 422 : 200 });
}

const typed = (input: FormInput) => formValues(input, sectionFormDefaults);
const newForm = validatorsFor<ConsultationEnv>().form(sectionSchema, (c, input, errors) =>
  sectionPage(c, typed(input), undefined, errors),
);
const { form } = validatorsFor<SectionEnv>();

/** The question before a section is deleted (422 when a delete came without the answer). */
async function deletePage(c: Context<SectionEnv>, status: 200 | 422 = 200) {
  const { consultation, section } = c.var;
  const all = await listDraftSections(c.var.db, consultation.id);
  const excerpt = section.body_md.length > 400 ? `${section.body_md.slice(0, 400)}…` : section.body_md;
  const lang = c.var.lang;
  const page = (
    <ConfirmDeletePage
      ctx={pageCtx(c)}
      back={{ href: staffPage(c, undefined, `s-${section.id}`), label: consultation.title }}
      heading={t(lang, '節の削除', 'Delete a section')}
      subject={sectionLabel(all, section.id)}
      consequence={t(
        lang,
        '節の見出しと本文が案文から削除されます。',
        'The heading and text of the section are removed from the draft.',
      )}
      action={`/staff/consultations/${consultation.id}/sections/${section.id}/delete`}
    >
      {excerpt ? <div class="quote">{excerpt}</div> : null}
    </ConfirmDeletePage>
  );
  return c.render(page, { title: t(lang, '節の削除', 'Delete a section'), status });
}
const editForm = form(sectionSchema, (c, input, errors) =>
  sectionPage(c, typed(input), c.var.section, errors),
);

/** One section of the draft: `/sections/:sid/…`. */
const section = new Hono<SectionEnv>()
  .use('*', loadSection)
  .get('/edit', (c) => {
    const s = c.var.section;
    if (isFrozen(c.var.consultation)) {
      refuseIfWithdrawn(c);
      return correctionPage(c, currentText(c), { refused: true });
    }
    return sectionPage(c, { ...s, level: String(s.level) }, s);
  })
  .post(
    '/edit',
    async (c, next) => {
      if (!isFrozen(c.var.consultation)) return next();
      refuseIfWithdrawn(c);
      // Refused: nothing changes. The correction form offers the proper way, with the input kept.
      const { heading, body_md } = typed(await readForm(c));
      return correctionPage(c, { heading, body_md, note: '' }, { refused: true, status: 409 });
    },
    editForm,
    async (c) => {
      const { db, consultation, section: s } = c.var;
      const done = await editSection(
        db,
        consultation.id,
        s.id,
        c.req.valid('form'),
        c.var.actor,
        c.var.clock.now(),
      );
      if (!done.ok) throw refusal(c, done.problem);
      return seeOther(c, staffPage(c, 'section_saved', `s-${s.id}`));
    },
  )
  .get('/delete', draftOnly, (c) => deletePage(c))
  .post(
    '/delete',
    draftOnly,
    form(confirmSchema, (c) => deletePage(c, 422)),
    async (c) => {
      const { db, consultation, section: s } = c.var;
      const done = await removeSection(db, consultation.id, s.id, c.var.actor, c.var.clock.now());
      if (!done.ok) throw refusal(c, done.problem);
      return seeOther(c, staffPage(c, 'section_deleted'));
    },
  )
  .post(
    '/move',
    draftOnly,
    form(moveSchema, (c) => seeOther(c, staffPage(c))),
    async (c) => {
      const { db, consultation, section: s } = c.var;
      const { direction } = c.req.valid('form');
      const done = await moveDraftSection(
        db,
        consultation.id,
        s.id,
        direction,
        c.var.actor,
        c.var.clock.now(),
      );
      if (!done.ok) throw refusal(c, done.problem);
      return seeOther(c, staffPage(c, 'moved', `s-${s.id}`));
    },
  )
  .route('/', corrections);

export const sections = new Hono<ConsultationEnv>()
  .get('/new', draftOnly, (c) => sectionPage(c, sectionFormDefaults))
  .post('/', draftOnly, newForm, async (c) => {
    const { db, consultation } = c.var;
    const done = await addSection(db, consultation.id, c.req.valid('form'), c.var.actor, c.var.clock.now());
    if (!done.ok) throw refusal(c, done.problem);
    return seeOther(c, staffPage(c, 'section_saved', `s-${done.value}`));
  })
  .route('/:sid', section);
