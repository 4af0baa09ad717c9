/** The answer of a confirmation page (views/pages/staff/confirmDelete.tsx) before a destructive action. */
import { z } from 'zod';
import { firstString, m, sent } from './fields.ts';

/** A delete goes through only from its confirmation page, which sends `confirm=yes`. */
export const confirmSchema = z.object({
  confirm: sent().transform((v, ctx): true => {
    if (firstString(v) !== 'yes') {
      ctx.issues.push({
        code: 'custom',
        message: m('削除してよいか確認してください。', 'Please confirm the deletion.'),
        input: '',
      });
      return z.NEVER;
    }
    return true;
  }),
});
