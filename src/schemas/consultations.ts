/**
 * Staff forms about a consultation as a whole: its details (create and edit) and its withdrawal.
 * The comment period's rules (closing after opening, 30 days or a reason, what may change once
 * published) are decided by the use cases against the stored consultation, not here.
 */
import { z } from 'zod';
import { endOfTokyoDay, fromTokyoLocalInput } from '../lib/time.ts';
import { CATEGORIES, type Category } from '../../db/schema.ts';
import { positiveInt } from '../lib/params.ts';
import { allStrings, checkbox, firstString, id, int, m, sent, text } from './fields.ts';

const line = (max: number) => text({ max, line: true });
const block = (max: number) => text({ max });

const WHEN = m(
  '日時を「2026-12-01 09:00」の形で入力してください。',
  'Enter a date and time such as 2026-12-01 09:00.',
);

/**
 * A `datetime-local` value in Tokyo time, or null when empty. `endOfDay`: 23:59 means the end of
 * that Tokyo day, as the public period shows it.
 */
function when(endOfDay = false) {
  return sent().transform((value, ctx): Date | null => {
    const v = firstString(value).trim();
    if (v === '') return null;
    const d = v.length <= 16 ? fromTokyoLocalInput(v) : null;
    if (!d) {
      ctx.issues.push({ code: 'custom', message: WHEN, input: '' });
      return z.NEVER;
    }
    return endOfDay && v.endsWith('T23:59') ? endOfTokyoDay(v.slice(0, 10)) : d;
  });
}

/** The 区分 offered: codes of the standard list, each once, in the list's order. */
const categoryList = sent().transform((value, ctx): Category[] => {
  const list = allStrings(value).slice(0, CATEGORIES.length * 2);
  if (list.some((v) => !(CATEGORIES as readonly string[]).includes(v))) {
    ctx.issues.push({
      code: 'custom',
      message: m('区分は一覧から選んでください。', 'Choose the categories from the list.'),
      input: '',
    });
    return z.NEVER;
  }
  return CATEGORIES.filter((c) => list.includes(c));
});

const FAX = /^[0-9０-９()（）\-‐－ー\s+]*$/;
const EMAIL = z.email();

export const consultationSchema = z
  .object({
    title: text({ max: 200, line: true, required: m('件名を入力してください。', 'Enter a title.') }),
    summary: block(2000),
    purpose: block(10000),
    /** Which department works on it (its name is what the public sees as 担当課). */
    department_id: id(m('担当課を選んでください。', 'Choose the department.')),
    contact: block(1000),
    legal_basis: block(1000),
    eligibility: block(2000),
    submit_postal_address: block(500),
    submit_fax: line(50).refine(
      (v) => FAX.test(v),
      m('FAX番号は数字とハイフンで入力してください。', 'Enter the fax number with digits and hyphens.'),
    ),
    submit_email: line(200).refine(
      (v) => v === '' || EMAIL.safeParse(v).success,
      m('メールアドレスの形式が正しくありません。', 'This does not look like an email address.'),
    ),
    submit_counter: block(1000),
    require_name: checkbox(),
    require_address: checkbox(),
    require_category: checkbox(),
    allow_anonymous: checkbox(),
    allow_individual: checkbox(),
    allow_organisation: checkbox(),
    categories: categoryList,
    /**
     * Sent by the form with the boxes above (a hidden field): an unticked box is not sent, so only
     * this tells "all unticked" from a post that never showed them, which keeps the defaults.
     */
    submitter_rules: checkbox(),
    require_consent: checkbox(),
    consent_notice: block(4000),
    /** A new consultation started from an earlier one: recorded in the audit log. */
    copied_from: sent().transform((v) => positiveInt(firstString(v)) ?? null),
    max_comment_length: int({
      min: 100,
      max: 100000,
      required: true,
      message: m('100から100000までの数を入力してください。', 'Enter a number from 100 to 100,000.'),
    }).transform((n) => n ?? 4000),
    opens_at: when(),
    closes_at: when(true),
    short_period_reason: block(2000),
    /** Only for an extension after publishing: recorded in the audit log. */
    change_note: block(2000),
  })
  .transform(({ submitter_rules: shown, ...v }) =>
    shown ? v : { ...v, allow_individual: true, allow_organisation: true, categories: [...CATEGORIES] },
  )
  // The 要綱 decides who may comment; the form cannot accept nobody.
  .superRefine((v, ctx) => {
    if (!v.allow_individual && !v.allow_organisation && !v.allow_anonymous) {
      ctx.issues.push({
        code: 'custom',
        path: ['allow_individual'],
        message: m(
          '受け付ける提出者の種類を1つ以上選んでください。',
          'Choose at least one kind of submitter to accept.',
        ),
        input: '',
      });
    }
    if (v.require_category && v.categories.length === 0) {
      ctx.issues.push({
        code: 'custom',
        path: ['categories'],
        message: m(
          '区分を必須にする場合は、選択肢を1つ以上選んでください。',
          'To require a category, offer at least one.',
        ),
        input: '',
      });
    }
  });

export type ConsultationInput = z.output<typeof consultationSchema>;

/** What the form shows for a new consultation (and, for text, after a failed submission). */
export const consultationFormDefaults = {
  title: '',
  summary: '',
  purpose: '',
  department_id: '',
  contact: '',
  legal_basis: '',
  eligibility: '',
  submit_postal_address: '',
  submit_fax: '',
  submit_email: '',
  submit_counter: '',
  require_name: true,
  require_address: true,
  require_category: true,
  allow_anonymous: false,
  allow_individual: true,
  allow_organisation: true,
  categories: [...CATEGORIES] as string[],
  // The city's settings should give this default (and the notice): see the README.
  require_consent: false,
  consent_notice: '',
  copied_from: '',
  max_comment_length: '4000',
  opens_at: '',
  closes_at: '',
  short_period_reason: '',
  change_note: '',
};

export const withdrawSchema = z.object({
  reason: text({
    max: 2000,
    required: m('中止の理由を入力してください（公表されます）。', 'State the reason (it is published).'),
  }),
});
