/**
 * Corrections (正誤) to a published draft (/staff/consultations/:id/sections/:sid/correct): the
 * new text and a public note, recorded with what it replaced. The only way published text changes.
 */
import { type Context, Hono } from 'hono';
import {
  CorrectionFormPage,
  type CorrectionFormValues,
} from '../../../views/pages/staff/consultationSection.tsx';
import { conflict, notFound } from '../../http/errors.ts';
import { pageCtx, seeOther } from '../../http/render.tsx';
import { type FieldErrors, formValues, validatorsFor } from '../../http/validate.ts';
import { t } from '../../lib/i18n.ts';
import { correctionFormDefaults, correctionSchema } from '../../schemas/sections.ts';
import { recordCorrection } from '../../usecases/corrections.ts';
import { refuseIfWithdrawn, type SectionEnv, staffPage } from './shared.ts';

type C = Context<SectionEnv>;

/**
 * The correction form for `c.var.section`. `refused`: shown instead of the edit form when someone
 * tries to edit published text directly (nothing changed; this is the proper way).
 */
export function correctionPage(
  c: C,
  values: CorrectionFormValues,
  opts: { errors?: FieldErrors; refused?: boolean; status?: 200 | 409 | 422 } = {},
) {
  const page = (
    <CorrectionFormPage
      ctx={pageCtx(c)}
      consultation={c.var.consultation}
      section={c.var.section}
      values={values}
      errors={opts.errors}
      refused={opts.refused}
    />
  );
  return c.render(page, {
    title: t(c.var.lang, '正誤（公表後の訂正）', 'Correction after publishing'),
    status: opts.status ?? 200,
  });
}

/** The section as it stands, as the start of a correction. */
export const currentText = (c: C): CorrectionFormValues => ({
  heading: c.var.section.heading,
  body_md: c.var.section.body_md,
  note: '',
});

const notPublished = (c: C) =>
  conflict(
    c.var.lang,
    '正誤は公表中の意見募集にのみ記録できます。公表前は節を直接編集してください。',
    'Corrections are for published consultations. Before publishing, edit the section itself.',
  );

function refuseUnlessPublished(c: C) {
  refuseIfWithdrawn(c);
  if (c.var.consultation.status !== 'published') throw notPublished(c);
}

const { form } = validatorsFor<SectionEnv>();

export const corrections = new Hono<SectionEnv>()
  .get('/correct', (c) => {
    refuseUnlessPublished(c);
    return correctionPage(c, currentText(c));
  })
  .post(
    '/correct',
    async (c, next) => {
      refuseUnlessPublished(c);
      await next();
    },
    form(
      (c) => correctionSchema(c.var.section),
      (c, input, errors) =>
        correctionPage(c, formValues(input, correctionFormDefaults), { errors, status: 422 }),
    ),
    async (c) => {
      const { db, consultation, section } = c.var;
      const change = c.req.valid('form');
      const done = await recordCorrection(
        db,
        consultation.id,
        section.id,
        change,
        c.var.actor,
        c.var.clock.now(),
      );
      if (done.ok) return seeOther(c, staffPage(c, 'corrected', `s-${section.id}`));
      throw done.problem === 'not_found' ? notFound(c.var.lang) : notPublished(c);
    },
  );
