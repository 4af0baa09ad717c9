/** The administration forms: new accounts, role changes, password resets, the audit log filter. */
import { z } from 'zod';
import { ROLES, type Role } from '../../db/schema.ts';
import { confirmed, newAccountShape, newPasswordShape } from './auth.ts';
import { sent, firstString, m } from './fields.ts';

const chooseRole = m('権限を選んでください。', 'Choose a role.');
const role = sent()
  .transform((v) => firstString(v).trim())
  .pipe(z.enum(ROLES as [Role, ...Role[]], { error: chooseRole }));

export const newUserSchema = (isTaken: (email: string) => Promise<boolean>) =>
  confirmed(z.object({ ...newAccountShape(isTaken), role }));

export const roleSchema = z.object({ role });

export const passwordResetSchema = confirmed(z.object(newPasswordShape));

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
