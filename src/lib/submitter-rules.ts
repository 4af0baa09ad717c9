/**
 * Who may comment on a consultation, as its 要綱 says (migration 0006): the kinds of submitter
 * (個人・団体・匿名), the 区分 offered, and the notice of how personal data is used. Read by the
 * comment form's schema and its views alike, so both always offer the same choices.
 */
import { CATEGORIES, type Category, type Consultation, type SubmitterKind } from '../../db/schema.ts';

export type SubmitterRules = Pick<
  Consultation,
  'allow_individual' | 'allow_organisation' | 'allow_anonymous' | 'categories'
>;

/** The kinds of submitter the form offers, in the form's order. */
export function offeredKinds(c: SubmitterRules): SubmitterKind[] {
  const kinds: SubmitterKind[] = [];
  if (c.allow_individual) kinds.push('individual');
  if (c.allow_organisation) kinds.push('organisation');
  if (c.allow_anonymous) kinds.push('anonymous');
  return kinds;
}

/** The 区分 the form offers, in the standard list's order (unknown codes ignored). */
export function offeredCategories(c: Pick<Consultation, 'categories'>): Category[] {
  const chosen = new Set(c.categories.split(/\s+/));
  return CATEGORIES.filter((k) => chosen.has(k));
}

/**
 * How personal data is used, when a consultation gives no notice of its own. Written for the
 * form's reader; a city replaces it with the wording of its own rules.
 */
export const STANDARD_CONSENT_NOTICE = {
  ja: 'ご記入いただいた氏名・住所・郵便番号・連絡先などの個人情報は、提出された意見の内容を確認するための連絡と、提出者数の集計にのみ使用します。個人情報は公表せず、個人情報の保護に関する法律に基づき適正に管理します。',
  en: 'The name, address, postal code and contact details you give are used only to contact you about your comment and to count the number of people who commented. They are never published, and are kept as the Act on the Protection of Personal Information requires.',
} as const;
