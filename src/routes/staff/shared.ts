/** Checks shared by the staff sub-apps of one consultation. */
import type { Context, MiddlewareHandler } from 'hono';
import type { ConsultationEnv } from '../../env.ts';
import { conflict } from '../../http/errors.ts';

/** A withdrawn (中止) consultation is a closed record: nothing about it changes any more. */
export function refuseIfWithdrawn(c: Context<ConsultationEnv>) {
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
