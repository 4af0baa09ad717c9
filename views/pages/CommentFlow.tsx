/**
 * The comment flow (入力 → 確認 → 完了) shares these: the values the form carries, the checked
 * comment, the field labels and the header of each step. The steps are in views/pages/comment/.
 */
import type { Consultation } from '../../db/schema.ts';
import { type Lang, t } from '../../src/lib/i18n.ts';
import type { PageCtx } from '../context.ts';

// The form's values as typed and the comment as checked have one definition, the domain's.
export type {
  CommentDraft as CheckedComment,
  CommentFormValues,
} from '../../src/domain/comment-intake.ts';

type Step = 1 | 2 | 3;

function Steps({ lang, current }: { lang: Lang; current: Step }) {
  const names = [
    t(lang, '1. 入力', '1. Write'),
    t(lang, '2. 確認', '2. Check'),
    t(lang, '3. 完了', '3. Done'),
  ];
  return (
    <ol class="steps" aria-label={t(lang, '手順', 'Steps')}>
      {names.map((n, i) => (
        <li aria-current={i + 1 === current ? 'step' : undefined}>{n}</li>
      ))}
    </ol>
  );
}

/** The flow's breadcrumb, step title (focused after an htmx swap) and step list. */
export function FlowHeader({ ctx, c, step }: { ctx: PageCtx; c: Consultation; step: Step }) {
  const { lang } = ctx;
  const title = [
    t(lang, '意見の入力', 'Write your comment'),
    t(lang, '入力内容の確認', 'Check your comment'),
    t(lang, '送信が完了しました', 'Your comment was received'),
  ][step - 1];
  return (
    <>
      <p class="breadcrumb no-print">
        <a href={`/consultations/${c.id}`}>{c.title}</a>
      </p>
      <h1 tabindex={-1} class="flow-title">
        {title}
      </h1>
      <Steps lang={lang} current={step} />
    </>
  );
}

export function commentFieldLabels(lang: Lang) {
  return {
    sections: t(lang, '該当箇所', 'Part of the draft'),
    body: t(lang, '意見', 'Comment'),
    submitter_kind: t(lang, '提出者', 'Who is commenting'),
    name: t(lang, '氏名', 'Name'),
    address: t(lang, '住所', 'Address'),
    organisation_name: t(lang, '団体・事業者の名称', 'Organisation name'),
    representative: t(lang, '代表者の氏名', 'Representative'),
    category: t(lang, '区分', 'Relation to the city'),
    email: t(lang, 'メールアドレス', 'Email'),
    phone: t(lang, '電話番号', 'Phone'),
    postal_code: t(lang, '郵便番号', 'Postal code'),
    consent: t(lang, '個人情報の取扱いへの同意', 'Consent to the use of personal data'),
  };
}
