/** The administration forms: new accounts, role changes, password resets, the audit log filter. */
import { z } from 'zod';
import { ROLES, type Role } from '../../db/schema.ts';
import { newAccountShape } from './auth.ts';
import { sent, firstString, ids, m, text } from './fields.ts';

const chooseRole = m('権限を選んでください。', 'Choose a role.');
const role = sent()
  .transform((v) => firstString(v).trim())
  .pipe(z.enum(ROLES as [Role, ...Role[]], { error: chooseRole }));

/** The departments an account works for: ticked checkboxes (the use case checks they exist). */
const departmentIds = ids({
  max: 500,
  message: m('所属課を選び直してください。', 'Choose the departments again.'),
});

/**
 * A new account: no password here: the account gets a temporary one (shown once) and chooses
 * its own at the first sign-in.
 */
export const newUserSchema = (isTaken: (email: string) => Promise<boolean>) => {
  const { email, display_name } = newAccountShape(isTaken);
  return z.object({ email, display_name, role, department_ids: departmentIds });
};

export const roleSchema = z.object({ role });

export const accountDepartmentsSchema = z.object({ department_ids: departmentIds });

/** A department's name (担当課), as the public sees it on every consultation of it. */
export const departmentSchema = z.object({
  name: text({
    max: 50,
    line: true,
    required: m('課の名前を入力してください。', 'Enter the department’s name.'),
  }),
});

/** A filter value as typed: trimmed and bounded, never refused (it only narrows a list). */
const filterText = sent().transform((v) => firstString(v).trim().slice(0, 200));

const badDate = m('日付は 2026-11-24 の形で入力してください。', 'Enter a date like 2026-11-24.');

/** A calendar day `YYYY-MM-DD`, or '' for none. */
const day = sent().transform((v, ctx): string => {
  const s = firstString(v).trim().slice(0, 200);
  if (s === '') return '';
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s) || Number.isNaN(Date.parse(`${s}T00:00:00Z`))) {
    ctx.issues.push({ code: 'custom', message: badDate, input: '' });
    return z.NEVER;
  }
  return s;
});

/** The audit log's filter; a page number out of range is clamped by the route, not refused. */
export const auditQuerySchema = z
  .object({
    action: filterText,
    actor: filterText,
    from: day,
    to: day,
    target_type: filterText,
    target_id: filterText,
    page: sent().transform((v) => {
      const n = Number.parseInt(firstString(v), 10);
      return Number.isFinite(n) && n > 0 ? n : 1;
    }),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, {
    path: ['to'],
    message: m(
      '終わりの日付は、始めの日付以降にしてください。',
      'The end date must not be before the start.',
    ),
  });

export type AuditQueryInput = z.output<typeof auditQuerySchema>;
