/**
 * The final text (/review/final): each section's heading and text as they will stand, sections
 * removed or added, and the differences from the draft as the public will see them.
 */
import { Hono } from 'hono';
import { FinalPage } from '../../../../views/pages/staff/review/FinalPage.tsx';
import { listAllSections } from '../../../data/consultations.ts';
import { insertFinalSection, updateFinalSection } from '../../../data/groups.ts';
import { finalBody, finalHeading, sectionChanges } from '../../../domain/results.ts';
import type { ConsultationEnv } from '../../../env.ts';
import { notFound } from '../../../http/errors.ts';
import { pageCtx, seeOther } from '../../../http/render.tsx';
import { type FieldErrors, type FormInput, formValues, validatorsFor } from '../../../http/validate.ts';
import { t } from '../../../lib/i18n.ts';
import { positiveInt } from '../../../lib/params.ts';
import { reviewBase } from '../../../lib/review-paths.ts';
import { finalNewSectionSchema, finalSectionSchema } from '../../../schemas/review.ts';
import type { C } from './shared.ts';

export const final = new Hono<ConsultationEnv>();
const { form } = validatorsFor<ConsultationEnv>();

async function renderFinal(
  c: C,
  refused?: { errors: FieldErrors; sectionId: number | 'new'; values: Record<string, string> },
) {
  const consultation = c.var.consultation;
  const sections = await listAllSections(c.var.db, consultation.id);
  const changes = sectionChanges(sections);
  const labels = new Map(changes.map((ch) => [ch.id, ch.label]));
  const items = sections.map((s) => ({
    id: s.id,
    label: labels.get(s.id) ?? finalHeading(s),
    inDraft: s.in_draft === 1,
    heading: finalHeading(s),
    body: finalBody(s),
    removed: s.final_removed === 1,
  }));
  const page = (
    <FinalPage
      ctx={pageCtx(c)}
      consultation={consultation}
      sections={items}
      changes={changes}
      errors={refused?.errors ?? {}}
      errorFor={refused?.sectionId}
      values={refused?.values ?? {}}
      notice={c.req.query('notice')}
      frozen={consultation.result_published_at !== null}
    />
  );
  return c.render(page, {
    title: t(c.var.lang, `最終案：${consultation.title}`, `Final text: ${consultation.title}`),
    status: refused ? 422 : 200,
  });
}

final.get('/', (c) => renderFinal(c));

const typed = (input: FormInput) => formValues(input, { number: '', heading: '', body: '' });

final.post(
  '/sections/:sid',
  form(finalSectionSchema, (c, input, errors) =>
    renderFinal(c, { errors, sectionId: positiveInt(c.req.param('sid')) ?? 0, values: typed(input) }),
  ),
  async (c) => {
    const sid = positiveInt(c.req.param('sid'));
    const id = c.var.consultation.id;
    const v = c.req.valid('form');
    const ok =
      sid !== undefined && (await updateFinalSection(c.var.db, id, sid, v, c.var.actor, c.var.clock.now()));
    if (!ok) throw notFound(c.var.lang);
    return seeOther(c, `${reviewBase(id)}/final?notice=saved#s-${sid}`);
  },
);

final.post(
  '/sections',
  form(finalNewSectionSchema, (c, input, errors) =>
    renderFinal(c, { errors, sectionId: 'new', values: typed(input) }),
  ),
  async (c) => {
    const id = c.var.consultation.id;
    const sid = await insertFinalSection(c.var.db, id, c.req.valid('form'), c.var.actor, c.var.clock.now());
    return seeOther(c, `${reviewBase(id)}/final?notice=added#s-${sid}`);
  },
);
