/** What the review sub-apps share: the address, the two checks on the consultation, lookups. */
import type { Context, MiddlewareHandler } from 'hono';
import type { GroupForm } from '../../../../views/pages/staff/review/shared.tsx';
import type { Outcome } from '../../../../db/schema.ts';
import { HTTPException } from 'hono/http-exception';
import { listDraftSections } from '../../../data/consultations.ts';
import type { ConsultationEnv } from '../../../env.ts';
import { conflict } from '../../../http/errors.ts';
import { type FieldErrors, type FormInput, formValues } from '../../../http/validate.ts';
import { t } from '../../../lib/i18n.ts';
import { positiveInt } from '../../../lib/params.ts';
import { sectionLabels } from '../../../lib/sections.ts';

export type C = Context<ConsultationEnv>;

/** A draft has no comments to review: it does not exist here. */
export const notDraft: MiddlewareHandler<ConsultationEnv> = async (c, next) => {
  if (c.var.consultation.status === 'draft') {
    throw new HTTPException(404, {
      message: t(c.var.lang, '該当する意見募集が見つかりません。', 'No such consultation.'),
    });
  }
  await next();
};

/** Once the result is published, groups, responses and the final text are frozen. */
export const frozenOncePublished: MiddlewareHandler<ConsultationEnv> = async (c, next) => {
  if (c.req.method === 'POST' && c.var.consultation.result_published_at) {
    throw conflict(
      c.var.lang,
      '結果を公表済みのため、意見の整理・市の考え方・最終案は変更できません。',
      'The result has been published, so groups, responses and the final text can no longer be changed.',
    );
  }
  await next();
};

/** The draft's sections as the review names them: id and full label, in reading order. */
export async function sectionOptions(c: C) {
  const sections = await listDraftSections(c.var.db, c.var.consultation.id);
  const labels = sectionLabels(sections);
  return sections.map((s) => ({ id: s.id, label: labels.get(s.id) ?? s.heading }));
}

/** The group form as the person typed it, to show again next to its errors. */
export function typedGroupForm(input: FormInput, errors: FieldErrors): GroupForm {
  const v = formValues(input, { summary: '', response: '', outcome: '', revision_note: '', section_ids: [] });
  return {
    summary: v.summary,
    response: v.response,
    outcome: v.outcome,
    revisionNote: v.revision_note,
    sectionIds: v.section_ids.map(positiveInt).filter((n): n is number => n !== undefined),
    errors,
  };
}

/** A valid group form as the data layer takes it ('' outcome: not chosen yet). */
export function groupInput(v: {
  summary: string;
  response: string;
  outcome: Outcome | '';
  revision_note: string;
  section_ids: number[];
}) {
  return {
    summary: v.summary,
    response: v.response,
    outcome: v.outcome || null,
    revisionNote: v.revision_note,
    sectionIds: v.section_ids,
  };
}
