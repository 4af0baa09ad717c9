import { createHmac } from 'node:crypto';
import { z } from 'zod';
import type { Category, Consultation, SubmitterKind } from '../../db/schema.ts';
import { CATEGORIES } from '../../db/schema.ts';
import { type Lang, t } from '../lib/i18n.ts';
import { characterCount, cleanLine, cleanText } from '../lib/text.ts';

/**
 * What the comment form sends, as strings, kept as typed so the form can be shown again. (A type,
 * not an interface, so it fits the validator's record of fields, `formValues()`.)
 */
export type CommentFormValues = {
  sections: string[];
  body: string;
  submitter_kind: string;
  name: string;
  address: string;
  organisation_name: string;
  representative: string;
  category: string;
  email: string;
  phone: string;
  /** 郵便番号, with the address. */
  postal_code: string;
  /** The consent box, where the consultation asks for it. */
  consent: boolean;
};

export const emptyCommentForm = (): CommentFormValues => ({
  sections: [],
  body: '',
  submitter_kind: 'individual',
  name: '',
  address: '',
  organisation_name: '',
  representative: '',
  category: '',
  email: '',
  phone: '',
  postal_code: '',
  consent: false,
});

/** A comment that passed validation. `sectionIds` empty means the whole draft. */
export interface CommentDraft {
  sectionIds: number[];
  body: string;
  submitterKind: SubmitterKind;
  name: string;
  address: string;
  organisationName: string;
  representative: string;
  category: Category | null;
  email: string;
  phone: string;
  /** 郵便番号 (web form; absent for paper and CSV comments, which write it in the address). */
  postalCode?: string;
  /** The submitter ticked the consent box of the form. */
  consented?: boolean;
}

export type CommentRules = Pick<
  Consultation,
  'require_name' | 'require_address' | 'require_category' | 'allow_anonymous' | 'max_comment_length'
>;

/**
 * Reads the form fields out of a parsed body (Hono's parseBody with `all: true`). Used by staff
 * entry of paper comments; the citizen's web form is the schema in src/schemas/comment.ts.
 */
export function readCommentForm(body: Record<string, unknown>): CommentFormValues {
  const str = (k: string) => {
    const v = body[k];
    return typeof v === 'string' ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : '';
  };
  const raw = body.sections;
  const sections = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).filter(
    (x): x is string => typeof x === 'string',
  );
  return {
    sections,
    body: str('body'),
    submitter_kind: str('submitter_kind') || 'individual',
    name: str('name'),
    address: str('address'),
    organisation_name: str('organisation_name'),
    representative: str('representative'),
    category: str('category'),
    email: str('email'),
    phone: str('phone'),
    postal_code: str('postal_code'),
    consent: str('consent') !== '',
  };
}

// Linear in the text (never segmenting what a client sent), and with control and invisible
// characters removed, so a zero-width "name" is no name.
const tidy = (s: string) => cleanText(s).trim();
const oneLine = cleanLine;

/**
 * Checks a comment against the consultation's rules. Every message is written for the citizen,
 * in their language, and names what to do. Returns the cleaned draft or the errors by field.
 */
export function validateComment(
  form: CommentFormValues,
  rules: CommentRules,
  sectionIds: ReadonlySet<number>,
  lang: Lang,
): { ok: true; draft: CommentDraft } | { ok: false; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const body = tidy(form.body);
  const length = characterCount(body);
  if (length === 0) errors.body = t(lang, '意見を入力してください。', 'Please write your comment.');
  else if (length > rules.max_comment_length)
    errors.body = t(
      lang,
      `意見は${rules.max_comment_length.toLocaleString('ja-JP')}文字以内で入力してください（現在${length.toLocaleString('ja-JP')}文字）。長い場合は分けて送信できます。`,
      `Please keep your comment within ${rules.max_comment_length.toLocaleString('en')} characters (it has ${length.toLocaleString('en')}). You can send a long comment in parts.`,
    );

  const picked = new Set<number>();
  for (const s of form.sections) {
    if (s === 'all' || s === '') continue;
    const id = Number(s);
    if (!Number.isInteger(id) || !sectionIds.has(id)) {
      errors.sections = t(
        lang,
        '該当箇所は一覧から選んでください。',
        'Please choose the part of the draft from the list.',
      );
    } else picked.add(id);
  }

  const kind = form.submitter_kind;
  if (kind !== 'individual' && kind !== 'organisation' && kind !== 'anonymous') {
    errors.submitter_kind = t(lang, '提出者の種類を選んでください。', 'Please choose who is commenting.');
  } else if (kind === 'anonymous' && !rules.allow_anonymous) {
    errors.submitter_kind = t(
      lang,
      'この案件では匿名の意見は受け付けていません。氏名と住所を入力してください。',
      'This consultation does not accept anonymous comments. Please give your name and address.',
    );
  }
  const anonymous = kind === 'anonymous' && rules.allow_anonymous;
  const organisation = kind === 'organisation';
  const name = oneLine(form.name);
  const address = oneLine(form.address);
  const organisationName = oneLine(form.organisation_name);
  const representative = oneLine(form.representative);

  if (!anonymous) {
    if (organisation) {
      if (!organisationName)
        errors.organisation_name = t(
          lang,
          '団体・事業者の名称を入力してください。',
          'Please give the name of the organisation or business.',
        );
      if (rules.require_name && !representative)
        errors.representative = t(
          lang,
          '代表者の氏名を入力してください。',
          "Please give the representative's name.",
        );
      if (rules.require_address && !address)
        errors.address = t(lang, '所在地を入力してください。', "Please give the organisation's address.");
    } else {
      if (rules.require_name && !name)
        errors.name = t(lang, '氏名を入力してください。', 'Please give your name.');
      if (rules.require_address && !address)
        errors.address = t(lang, '住所を入力してください。', 'Please give your address.');
    }
    if (rules.require_category && !form.category)
      errors.category = t(lang, '区分を選んでください。', 'Please choose how you relate to the city.');
  }
  if (form.category && !(CATEGORIES as readonly string[]).includes(form.category))
    errors.category = t(lang, '区分は一覧から選んでください。', 'Please choose from the list.');

  for (const [key, value, max] of [
    ['name', name, 100],
    ['address', address, 200],
    ['organisation_name', organisationName, 200],
    ['representative', representative, 100],
  ] as const) {
    if (characterCount(value) > max && !errors[key])
      errors[key] = t(
        lang,
        `${max}文字以内で入力してください。`,
        `Please keep this within ${max} characters.`,
      );
  }

  const email = oneLine(form.email);
  if (email && !z.email().safeParse(email).success)
    errors.email = t(
      lang,
      'メールアドレスの形式が正しくありません（例：name@example.jp）。',
      'This does not look like an email address (for example name@example.jp).',
    );
  const phone = oneLine(form.phone.normalize('NFKC'));
  if (phone && !/^[0-9+\-() ]{6,20}$/.test(phone))
    errors.phone = t(
      lang,
      '電話番号は数字とハイフンで入力してください（例：086-426-3030）。',
      'Please write the phone number with digits and hyphens (for example 086-426-3030).',
    );

  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    draft: {
      sectionIds: [...picked].sort((a, b) => a - b),
      body,
      submitterKind: anonymous ? 'anonymous' : organisation ? 'organisation' : 'individual',
      name: anonymous || organisation ? '' : name,
      address: anonymous ? '' : address,
      organisationName: anonymous || !organisation ? '' : organisationName,
      representative: anonymous || !organisation ? '' : representative,
      category: (form.category || null) as Category | null,
      email: anonymous ? '' : email,
      phone: anonymous ? '' : phone,
    },
  };
}

/**
 * Identifies a submitter for 提出者数 without keeping a readable identity: an HMAC of the
 * normalised name and address (or email). Anonymous comments each count as one submitter.
 */
export function submitterKey(
  secret: string,
  d: Pick<CommentDraft, 'submitterKind' | 'name' | 'address' | 'organisationName' | 'email'>,
  fallback: string,
): string {
  const norm = (s: string) => s.normalize('NFKC').replace(/\s+/g, '').toLowerCase();
  let identity = '';
  if (d.submitterKind === 'organisation') identity = `org:${norm(d.organisationName)}|${norm(d.address)}`;
  else if (d.submitterKind === 'individual' && (d.name || d.address))
    identity = `person:${norm(d.name)}|${norm(d.address)}`;
  else if (d.submitterKind !== 'anonymous' && d.email) identity = `email:${norm(d.email)}`;
  if (!identity) identity = `single:${fallback}`;
  return createHmac('sha256', secret).update(identity).digest('base64url').slice(0, 32);
}
