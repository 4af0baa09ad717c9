/**
 * Finds the consultation named by `:id` once per request and keeps it in
 * `c.var.consultation`; every route below `/…/consultations/:id` reads it from there.
 */
import type { MiddlewareHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { Consultation } from '../../db/schema.ts';
import { findConsultation } from '../data/consultations.ts';
import type { AppEnv } from '../env.ts';
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
