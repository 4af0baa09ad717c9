/** The subscription form: an address to hear of new consultations, of every department or one. */
import { z } from 'zod';
import { isMailAddress } from '../lib/mail-address.ts';
import { choice, m, text } from './fields.ts';

const badAddress = m(
  'メールアドレスの形式が正しくありません（例：name@example.jp）。',
  'This does not look like an email address (for example name@example.jp).',
);

/** A mail address Koe will send to: one plain address, nothing a header could be bent with. */
export const mailAddress = (required?: string) =>
  text({ max: 254, line: true, required }).refine((v) => v === '' || isMailAddress(v), {
    message: badAddress,
  });

/** `departments`: those a person may choose; '' is every department. */
export const subscriptionSchema = (departments: readonly string[]) =>
  z.object({
    email: mailAddress(m('メールアドレスを入力してください。', 'Please give your email address.')),
    department: choice(departments, m('担当課は一覧から選んでください。', 'Please choose from the list.')),
  });
