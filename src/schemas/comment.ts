/**
 * The citizen's comment form (入力 → 確認 → 送信), as a schema built from the consultation: its
 * length limit, which submitter fields it requires, the kinds of submitter and the 区分 its 要綱
 * accepts, whether it asks for consent to the use of personal data, and which draft sections
 * exist. What it gives is the comment as it will be stored.
 */
import { z } from 'zod';
import type { Consultation, SubmitterKind } from '../../db/schema.ts';
import { offeredCategories, offeredKinds } from '../lib/submitter-rules.ts';
import { cleanLine } from '../lib/text.ts';
import { checkbox, choice, firstString, sent, ids, m, text } from './fields.ts';

/** The consultation's fields that shape the form (the type is made from this list, so they agree). */
const RULES = [
  'require_name',
  'require_address',
  'require_category',
  'allow_anonymous',
  'allow_individual',
  'allow_organisation',
  'categories',
  'require_consent',
  'max_comment_length',
] as const satisfies readonly (keyof Consultation)[];

/** The consultation's rules the form follows. */
export type CommentFormRules = Pick<Consultation, (typeof RULES)[number]>;

const sectionsMessage = m(
  '該当箇所は一覧から選んでください。',
  'Please choose the part of the draft from the list.',
);

/** Chosen sections: ids of this draft, each once; 'all' (the whole draft) counts as none. */
function sectionChoice(sectionIds: readonly number[]) {
  const known = new Set(sectionIds);
  return ids({ max: Math.max(1, known.size), message: sectionsMessage }).transform((list, ctx) => {
    if (list.some((id) => !known.has(id))) {
      ctx.issues.push({ code: 'custom', message: sectionsMessage, input: '' });
      return z.NEVER;
    }
    return list;
  });
}

const email = text({ max: 254, line: true }).transform((v, ctx) => {
  if (v && !z.email().safeParse(v).success) {
    ctx.issues.push({
      code: 'custom',
      message: m(
        'メールアドレスの形式が正しくありません（例：name@example.jp）。',
        'This does not look like an email address (for example name@example.jp).',
      ),
      input: '',
    });
    return z.NEVER;
  }
  return v;
});

const phone = sent().transform((value, ctx) => {
  const raw = firstString(value);
  const v = raw.length > 100 ? raw : cleanLine(raw.normalize('NFKC'));
  if (v && !/^[0-9+\-() ]{6,20}$/.test(v)) {
    ctx.issues.push({
      code: 'custom',
      message: m(
        '電話番号は数字とハイフンで入力してください（例：086-426-3030）。',
        'Please write the phone number with digits and hyphens (for example 086-426-3030).',
      ),
      input: '',
    });
    return z.NEVER;
  }
  return v;
});

const POSTAL_FORMAT = m(
  '郵便番号は7桁の数字で入力してください（例：710-8565）。',
  'Please write the postal code as seven digits (for example 710-8565).',
);

/** 郵便番号 as 710-8565 (full-width digits, 〒 and a missing hyphen accepted). */
const postalCode = (required: boolean) =>
  sent().transform((value, ctx) => {
    const raw = firstString(value);
    const v = raw.length > 40 ? raw : cleanLine(raw.normalize('NFKC')).replace(/^〒\s*/, '');
    if (v === '') {
      if (!required) return '';
      ctx.issues.push({
        code: 'custom',
        message: m('郵便番号を入力してください。', 'Please give your postal code.'),
        input: '',
      });
      return z.NEVER;
    }
    const d = /^(\d{3})[-ー－‐]?(\d{4})$/.exec(v);
    if (!d) {
      ctx.issues.push({ code: 'custom', message: POSTAL_FORMAT, input: '' });
      return z.NEVER;
    }
    return `${d[1]}-${d[2]}`;
  });

/** A kind of submitter the consultation's 要綱 does not accept is refused with what to do instead. */
function kindRefused(kind: SubmitterKind): string {
  return kind === 'anonymous'
    ? m(
        'この案件では匿名の意見は受け付けていません。氏名と住所を入力してください。',
        'This consultation does not accept anonymous comments. Please give your name and address.',
      )
    : m(
        'この案件では、この種類の提出者からの意見は受け付けていません。提出者の種類を一覧から選んでください。',
        'This consultation does not accept comments from this kind of submitter. Please choose from the list.',
      );
}

/** Schemas made, by the rules and sections they were made for: building one costs more than using it. */
const made = new Map<string, ReturnType<typeof buildCommentSchema>>();

/**
 * The schema of one consultation's comment form. Every message is written for the citizen and
 * names what to do; "required" means visible text (a name of zero-width spaces is no name).
 * Each step of the form checks it, so a schema is made once per set of rules and kept.
 */
export function commentSchema(rules: CommentFormRules, sectionIds: readonly number[]) {
  const key = `${RULES.map((r) => rules[r]).join('|')}|${sectionIds.join(',')}`;
  let schema = made.get(key);
  if (!schema) {
    schema = buildCommentSchema(rules, sectionIds);
    // A few consultations are open at a time; forget the oldest rather than grow.
    if (made.size >= 100) made.delete(made.keys().next().value as string);
    made.set(key, schema);
  }
  return schema;
}

function buildCommentSchema(rules: CommentFormRules, sectionIds: readonly number[]) {
  const kinds = offeredKinds(rules);
  const categories = offeredCategories(rules);
  const accepted = <K extends SubmitterKind>(kind: K) =>
    z.literal(kind).refine(() => kinds.includes(kind), { message: kindRefused(kind) });
  const common = {
    sections: sectionChoice(sectionIds),
    body: text({
      max: rules.max_comment_length,
      required: m('意見を入力してください。', 'Please write your comment.'),
      tooLong: (max, now) =>
        m(
          `意見は${max.toLocaleString('ja-JP')}文字以内で入力してください${now === undefined ? '' : `（現在${now.toLocaleString('ja-JP')}文字）`}。長い場合は分けて送信できます。`,
          `Please keep your comment within ${max.toLocaleString('en')} characters${now === undefined ? '' : ` (it has ${now.toLocaleString('en')})`}. You can send a long comment in parts.`,
        ),
    }),
    /** Tell me by mail when the result is published (meaningful with an address). */
    notify_result: checkbox(),
    consent: checkbox().refine((ticked) => ticked || !rules.require_consent, {
      message: m(
        '個人情報の取扱いをお読みいただき、同意いただける場合はチェックを入れてください。',
        'Please read how your personal data is used and tick the box if you agree.',
      ),
    }),
  };
  // An anonymous comment need not say how its writer relates to the city; a consultation that
  // offers no 区分 asks for none.
  const category = (required: boolean) =>
    choice(
      categories,
      m('区分は一覧から選んでください。', 'Please choose from the list.'),
      required && categories.length > 0
        ? m('区分を選んでください。', 'Please choose how you relate to the city.')
        : undefined,
    );
  const postal = postalCode(!!rules.require_address);
  const line = (max: number, required: string | false) =>
    text({ max, line: true, required: required || undefined });

  const individual = z.object({
    ...common,
    submitter_kind: accepted('individual'),
    category: category(!!rules.require_category),
    name: line(100, !!rules.require_name && m('氏名を入力してください。', 'Please give your name.')),
    postal_code: postal,
    address: line(200, !!rules.require_address && m('住所を入力してください。', 'Please give your address.')),
    email,
    phone,
  });
  const organisation = z.object({
    ...common,
    submitter_kind: accepted('organisation'),
    category: category(!!rules.require_category),
    organisation_name: line(
      200,
      m('団体・事業者の名称を入力してください。', 'Please give the name of the organisation or business.'),
    ),
    representative: line(
      100,
      !!rules.require_name && m('代表者の氏名を入力してください。', "Please give the representative's name."),
    ),
    postal_code: postal,
    address: line(
      200,
      !!rules.require_address && m('所在地を入力してください。', "Please give the organisation's address."),
    ),
    email,
    phone,
  });
  const anonymous = z.object({
    ...common,
    category: category(false),
    submitter_kind: accepted('anonymous'),
  });

  const byKind = z.discriminatedUnion('submitter_kind', [individual, organisation, anonymous], {
    error: m('提出者の種類を選んでください。', 'Please choose who is commenting.'),
  });

  return z
    .preprocess(
      (input) => ({
        ...(input as object),
        submitter_kind:
          firstString((input as Record<string, unknown>).submitter_kind).trim() || (kinds[0] ?? 'individual'),
      }),
      byKind,
    )
    .transform((v) => {
      const base = {
        sectionIds: v.sections,
        body: v.body,
        category: v.category || null,
        consented: v.consent,
        postalCode: '',
        name: '',
        address: '',
        organisationName: '',
        representative: '',
        email: '',
        phone: '',
        notifyResult: false,
      };
      switch (v.submitter_kind) {
        case 'individual':
          return {
            ...base,
            submitterKind: 'individual' as const,
            name: v.name,
            postalCode: v.postal_code,
            address: v.address,
            email: v.email,
            phone: v.phone,
            notifyResult: v.notify_result && v.email !== '',
          };
        case 'organisation':
          return {
            ...base,
            submitterKind: 'organisation' as const,
            organisationName: v.organisation_name,
            representative: v.representative,
            postalCode: v.postal_code,
            address: v.address,
            email: v.email,
            phone: v.phone,
            notifyResult: v.notify_result && v.email !== '',
          };
        case 'anonymous':
          return { ...base, submitterKind: 'anonymous' as const };
      }
    });
}
