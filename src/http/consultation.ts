/**
 * Finds the consultation named by `:id` once per request and keeps it in
 * `c.var.consultation`; every route below `/…/consultations/:id` reads it from there. For the
 * staff rooms, `requireDepartment` then checks that the person works for its department.
 */
import type { MiddlewareHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { Consultation } from '../../db/schema.ts';
import { findConsultation } from '../data/consultations.ts';
import { listUserDepartmentIds } from '../data/departments.ts';
import { mayWorkOn } from '../domain/departments.ts';
import type { AppEnv, ConsultationEnv } from '../env.ts';
import { t } from '../lib/i18n.ts';
import { positiveInt } from '../lib/params.ts';

/**
 * Loads `:id`. A made-up id, an id that does not exist, or one `visible` refuses is a 404 with
 * `message` (so a draft does not exist for the public).
 */
export function loadConsultation<E extends AppEnv & { Variables: { consultation: Consultation } }>(
  opts: { visible?: (consultation: Consultation) => boolean; message?: [ja: string, en: string] } = {},
): MiddlewareHandler<E> {
  const [ja, en] = opts.message ?? ['ページが見つかりません。', 'Page not found.'];
  return async (c, next) => {
    const id = positiveInt(c.req.param('id'));
    const consultation = id === undefined ? undefined : await findConsultation(c.var.db, id);
    if (!consultation || (opts.visible && !opts.visible(consultation))) {
      throw new HTTPException(404, { message: t(c.var.lang, ja, en) });
    }
    c.set('consultation', consultation);
    await next();
  };
}

/**
 * The department rule for the staff rooms of one consultation (src/domain/departments.ts), in
 * this one place: every staff route below `/staff/consultations/:id` passes here after
 * `loadConsultation`. Staff of another department get a 403 that says whose it is.
 */
export function requireDepartment(): MiddlewareHandler<ConsultationEnv> {
  return async (c, next) => {
    const { user, consultation, db } = c.var;
    const departmentIds = user.role === 'admin' ? [] : await listUserDepartmentIds(db, user.id);
    if (!mayWorkOn({ role: user.role, departmentIds }, consultation.department_id)) {
      const name = consultation.department;
      throw new HTTPException(403, {
        message: t(
          c.var.lang,
          `この意見募集は${name ? `「${name}」` : 'ほかの課'}の担当です。所属する課の意見募集だけを扱えます。必要な場合は、システム管理者に所属課の追加を依頼してください。`,
          `This consultation belongs to ${name ? `the department “${name}”` : 'another department'}. You can work only on your departments’ consultations; ask an administrator if you need to join that department.`,
        ),
      });
    }
    await next();
  };
}
