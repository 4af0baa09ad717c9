/** What the comment rooms share: the draft's sections, one comment, how sections are named. */
import type { Context, MiddlewareHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { Section } from '../../../../db/schema.ts';
import { listDraftSections } from '../../../data/consultations.ts';
import { findCommentForStaff } from '../../../data/moderation.ts';
import { intakeClosed, intakeRefusalMessage } from '../../../domain/intake.ts';
import type { ConsultationEnv } from '../../../env.ts';
import { notFound } from '../../../http/errors.ts';
import { positiveInt } from '../../../lib/params.ts';
import { sectionLabels } from '../../../lib/sections.ts';

export type C = Context<ConsultationEnv>;

/** The sections of this consultation's draft, in reading order. */
export function draftSections(c: C): Promise<Section[]> {
  return listDraftSections(c.var.db, c.var.consultation.id);
}

/** The draft's sections as choices, each named in full (「第2章 1 …」): numbers repeat across chapters. */
export function sectionOptions(sections: readonly Section[]): { id: number; label: string }[] {
  const labels = sectionLabels(sections);
  return sections.map((s) => ({ id: s.id, label: labels.get(s.id) ?? s.heading }));
}

/** A section's full name by its id, among the draft's sections. */
export function sectionNamer(sections: readonly Section[]): (id: number) => string {
  const labels = sectionLabels(sections);
  return (id) => labels.get(id) ?? '';
}

/** Why this consultation takes no comments at all now (published result, withdrawn, draft), in words. */
export function intakeClosedMessage(c: C): string | undefined {
  const closed = intakeClosed(c.var.consultation);
  return closed ? intakeRefusalMessage(closed, c.var.lang) : undefined;
}

/** Refuses (409) a comment for a consultation that takes none, before its form is even read. */
export const intakeOpen: MiddlewareHandler<ConsultationEnv> = async (c, next) => {
  const message = intakeClosedMessage(c);
  if (message) throw new HTTPException(409, { message });
  await next();
};

/** The comment named by `:commentId` in this consultation, with what its page shows; or 404. */
export async function loadComment(c: C) {
  const id = positiveInt(c.req.param('commentId'));
  const found = id === undefined ? undefined : await findCommentForStaff(c.var.db, c.var.consultation.id, id);
  if (!found) throw notFound(c.var.lang);
  return found;
}
