/** Checks and loaders shared by the staff sub-apps of one consultation. */
import type { Context, MiddlewareHandler } from 'hono';
import type { Section } from '../../../db/schema.ts';
import { findSection } from '../../data/staff-consultations.ts';
import { isFrozen } from '../../domain/consultation-rules.ts';
import type { ConsultationEnv } from '../../env.ts';
import { conflict, notFound } from '../../http/errors.ts';
import type { Lang } from '../../lib/i18n.ts';
import { positiveInt } from '../../lib/params.ts';

/** A route under `/consultations/:id/sections/:sid` once `loadSection` has found it. */
export interface SectionEnv extends ConsultationEnv {
  Variables: ConsultationEnv['Variables'] & { section: Section };
}

/** A withdrawn (中止) consultation is a closed record: nothing about it changes any more. */
export function refuseIfWithdrawn<E extends ConsultationEnv>(c: Context<E>) {
  if (c.var.consultation.status === 'withdrawn') {
    throw conflict(
      c.var.lang,
      '中止した意見募集は変更できません。',
      'A withdrawn consultation cannot be changed.',
    );
  }
}

/** `refuseIfWithdrawn` as middleware, for routes that change something. */
export const notWithdrawn: MiddlewareHandler<ConsultationEnv> = async (c, next) => {
  refuseIfWithdrawn(c);
  await next();
};

/** 409: the draft text is frozen once published. */
export const frozen = (lang: Lang) =>
  conflict(
    lang,
    '公表後の案文は変更できません。誤りは「正誤」で訂正してください。',
    'A published draft cannot be changed. Use a correction instead.',
  );

/** Routes that change the draft text: only while the consultation is a draft. */
export const draftOnly: MiddlewareHandler<ConsultationEnv> = async (c, next) => {
  if (isFrozen(c.var.consultation)) throw frozen(c.var.lang);
  await next();
};

/** Loads the draft section named by `:sid` of this consultation into `c.var.section`, or 404. */
export const loadSection: MiddlewareHandler<SectionEnv> = async (c, next) => {
  const sid = positiveInt(c.req.param('sid'));
  const section = sid === undefined ? undefined : await findSection(c.var.db, c.var.consultation.id, sid);
  if (!section) throw notFound(c.var.lang);
  c.set('section', section);
  await next();
};

/** Where the staff page of this consultation is, with a notice and an anchor. */
export const staffPage = <E extends ConsultationEnv>(c: Context<E>, notice?: string, anchor?: string) =>
  `/staff/consultations/${c.var.consultation.id}${notice ? `?notice=${notice}` : ''}${anchor ? `#${anchor}` : ''}`;

/** The exception for a change the use case refused: the draft was frozen meanwhile, or is gone. */
export const refusal = <E extends ConsultationEnv>(c: Context<E>, problem: 'frozen' | 'not_found') =>
  problem === 'frozen' ? frozen(c.var.lang) : notFound(c.var.lang);
