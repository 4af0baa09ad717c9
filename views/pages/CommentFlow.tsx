import type { Category, Consultation, SubmitterKind } from '../../db/schema.ts';
import { CATEGORIES } from '../../db/schema.ts';
import { formatReceiptCode } from '../../src/lib/format.ts';
import { type Lang, t } from '../../src/lib/i18n.ts';
import { categoryLabel } from '../../src/lib/labels.ts';
import { ownLabel, type SectionRef } from '../../src/lib/sections.ts';
import { formatDate, formatDateTime } from '../../src/lib/time.ts';
import type { PageCtx } from '../context.ts';
import {
  Csrf,
  ErrorSummary,
  Field,
  FieldError,
  type FieldErrors,
  fieldAttrs,
  invalidAttrs,
  TextField,
} from '../partials/forms.tsx';

/** The form's fields as typed (strings), so the form can be shown again with the person's input. */
// A type, not an interface, so it fits formValues()'s record of fields.
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
};

/** A comment that passed the form's checks: exactly what will be stored. */
export interface CheckedComment {
  /** Empty: the draft as a whole. */
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
}

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

function Header({ ctx, c, step }: { ctx: PageCtx; c: Consultation; step: Step }) {
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
  };
}

export interface CommentFormProps {
  ctx: PageCtx;
  consultation: Consultation;
  sections: SectionRef[];
  values: CommentFormValues;
  errors: FieldErrors;
}

/** Step 1. The same partial is the whole flow region for htmx (#comment-flow). */
export function CommentForm({ ctx, consultation: c, sections, values, errors }: CommentFormProps) {
  const { lang } = ctx;
  const labels = commentFieldLabels(lang);
  const Req = ({ on }: { on: boolean }) =>
    on ? (
      <span class="req">{t(lang, '必須', 'Required')}</span>
    ) : (
      <span class="opt">{t(lang, '任意', 'Optional')}</span>
    );
  const chosen = new Set(values.sections);
  const whole = values.sections.length === 0 || chosen.has('all');
  const kind = values.submitter_kind;
  return (
    <div id="comment-flow">
      <Header ctx={ctx} c={c} step={1} />
      <ErrorSummary
        title={t(lang, '入力内容を確認してください', 'Please check the following')}
        errors={errors}
        labels={labels}
      />
      <form
        method="post"
        action={`/consultations/${c.id}/comment/confirm`}
        hx-post={`/consultations/${c.id}/comment/confirm`}
        hx-target="#comment-flow"
        hx-swap="outerHTML show:top"
        novalidate
      >
        <Csrf token={ctx.csrfToken} />
        <div class="hp-field" aria-hidden="true">
          <label for="f-website">Website</label>
          <input type="text" id="f-website" name="website" tabindex={-1} autocomplete="off" value="" />
        </div>

        <fieldset
          id="f-sections"
          aria-describedby={['sections-hint', errors.sections ? 'f-sections-error' : '']
            .filter(Boolean)
            .join(' ')}
        >
          <legend>
            {labels.sections}
            <Req on={false} />
          </legend>
          <p class="hint" id="sections-hint">
            {t(
              lang,
              '意見の対象となる箇所を選んでください（複数選択可）。選ばない場合は案全体への意見として受け付けます。',
              'Choose the parts your comment is about (you may choose several). If you choose none, it is a comment on the whole draft.',
            )}
          </p>
          <FieldError id="f-sections" errors={errors} name="sections" />
          <div class="choice">
            <input
              type="checkbox"
              id="sec-all"
              name="sections"
              value="all"
              checked={whole && chosen.has('all')}
            />
            <label for="sec-all">{t(lang, '案全体について', 'The draft as a whole')}</label>
          </div>
          {sections.map((s) => (
            <div class={`choice level-${s.level}`}>
              <input
                type="checkbox"
                id={`sec-${s.id}`}
                name="sections"
                value={String(s.id)}
                checked={chosen.has(String(s.id))}
              />
              <label for={`sec-${s.id}`}>{ownLabel(s)}</label>
            </div>
          ))}
        </fieldset>

        <div class="field">
          <label for="f-body">
            {labels.body}
            <Req on={true} />
          </label>
          <p class="hint" id="body-hint">
            {t(
              lang,
              `${c.max_comment_length.toLocaleString('ja-JP')}文字以内。理由もあわせてお書きいただくと、検討に役立ちます。`,
              `Up to ${c.max_comment_length.toLocaleString('en')} characters. Giving your reasons helps the city weigh your comment.`,
            )}
          </p>
          <FieldError id="f-body" errors={errors} name="body" />
          <textarea
            id="f-body"
            name="body"
            rows={12}
            required
            data-maxlength={String(c.max_comment_length)}
            data-counter-label={t(lang, '文字', 'characters')}
            {...invalidAttrs('f-body', errors, 'body', 'body-hint')}
          >
            {values.body}
          </textarea>
        </div>

        <fieldset id="f-submitter_kind">
          <legend>
            {labels.submitter_kind}
            <Req on={true} />
          </legend>
          <FieldError id="f-submitter_kind" errors={errors} name="submitter_kind" />
          <div class="choice">
            <input
              type="radio"
              id="kind-individual"
              name="submitter_kind"
              value="individual"
              checked={kind !== 'organisation' && kind !== 'anonymous'}
            />
            <label for="kind-individual">{t(lang, '個人', 'An individual')}</label>
          </div>
          <div class="choice">
            <input
              type="radio"
              id="kind-organisation"
              name="submitter_kind"
              value="organisation"
              checked={kind === 'organisation'}
            />
            <label for="kind-organisation">{t(lang, '団体・事業者', 'An organisation or business')}</label>
          </div>
          {c.allow_anonymous ? (
            <div class="choice">
              <input
                type="radio"
                id="kind-anonymous"
                name="submitter_kind"
                value="anonymous"
                checked={kind === 'anonymous'}
              />
              <label for="kind-anonymous">{t(lang, '匿名で提出する', 'Anonymously')}</label>
            </div>
          ) : null}
          <p class="hint">
            {c.allow_anonymous
              ? t(
                  lang,
                  '匿名の場合、氏名・住所などの入力は不要です。',
                  'If you comment anonymously, you need not give your name or address.',
                )
              : t(
                  lang,
                  'この案件では、意見の提出に氏名・住所が必要です（公表はしません）。',
                  'This consultation needs your name and address (they are never published).',
                )}
          </p>
        </fieldset>

        <TextField
          lang={lang}
          errors={errors}
          name="name"
          label={labels.name}
          value={values.name}
          autocomplete="name"
          required={!!c.require_name}
          hint={t(lang, '個人の場合に入力してください。', 'For individuals.')}
        />
        <TextField
          lang={lang}
          errors={errors}
          name="organisation_name"
          label={labels.organisation_name}
          value={values.organisation_name}
          autocomplete="organization"
          hint={t(lang, '団体・事業者の場合に入力してください。', 'For organisations and businesses.')}
        />
        <TextField
          lang={lang}
          errors={errors}
          name="representative"
          label={labels.representative}
          value={values.representative}
          autocomplete="off"
          hint={t(lang, '団体・事業者の場合に入力してください。', 'For organisations and businesses.')}
        />
        <TextField
          lang={lang}
          errors={errors}
          name="address"
          label={labels.address}
          value={values.address}
          autocomplete="street-address"
          required={!!c.require_address}
          hint={t(lang, '団体・事業者の場合は所在地', 'For an organisation, its address')}
        />

        <Field
          lang={lang}
          name="category"
          label={labels.category}
          required={!!c.require_category}
          errors={errors}
        >
          <select id="f-category" name="category" {...fieldAttrs('category', errors)}>
            <option value="">{t(lang, '選んでください', 'Choose one')}</option>
            {CATEGORIES.map((k) => (
              <option value={k} selected={values.category === k}>
                {categoryLabel(k as Category, lang)}
              </option>
            ))}
          </select>
        </Field>

        <TextField
          lang={lang}
          errors={errors}
          name="email"
          label={labels.email}
          type="email"
          value={values.email}
          autocomplete="email"
          hint={t(
            lang,
            '内容について問い合わせる場合に使います。',
            'Used only if the city needs to ask about your comment.',
          )}
        />
        <TextField
          lang={lang}
          errors={errors}
          name="phone"
          label={labels.phone}
          type="tel"
          value={values.phone}
          autocomplete="tel"
        />

        <UsageNotice lang={lang} />

        <div class="actions">
          <button type="submit">{t(lang, '入力内容を確認する', 'Check before sending')}</button>
          <span class="htmx-indicator" role="status">
            {t(lang, '確認中…', 'Checking…')}
          </span>
        </div>
      </form>
    </div>
  );
}

function UsageNotice({ lang }: { lang: Lang }) {
  return (
    <section class="notice" aria-labelledby="h-usage">
      <h2 id="h-usage" class="notice-title">
        {t(lang, '意見の取扱いについて', 'How your comment is used')}
      </h2>
      <ul>
        <li>
          {t(
            lang,
            'いただいた意見は、案を決めるための検討に使います。意見の概要と、それに対する市の考え方を公表します。',
            'Your comment is used to decide on the draft. A summary of the comments and the city’s response will be published.',
          )}
        </li>
        <li>
          {t(
            lang,
            '氏名・住所・連絡先などの個人情報は公表しません。意見の本文に個人を特定できる情報が含まれる場合は、その部分を伏せて公表します。',
            'Your name, address and contact details are never published. Anything in your text that identifies a person is removed before publication.',
          )}
        </li>
        <li>
          {t(
            lang,
            '意見は数ではなく内容で検討します。個別の回答はしませんが、受付番号で取扱いを確認できます。',
            'Comments are weighed by content, not by number. There is no individual reply, but your receipt code shows how your comment was treated.',
          )}
        </li>
      </ul>
    </section>
  );
}

export interface CommentConfirmProps {
  ctx: PageCtx;
  consultation: Consultation;
  sections: SectionRef[];
  comment: CheckedComment;
  submissionKey: string;
}

/** The checked comment as the form's fields, carried in hidden inputs to the next step. */
function HiddenCopy({ comment: d }: { comment: CheckedComment }) {
  const fields: [string, string][] = [
    ...d.sectionIds.map((id): [string, string] => ['sections', String(id)]),
    ['body', d.body],
    ['submitter_kind', d.submitterKind],
    ['name', d.name],
    ['address', d.address],
    ['organisation_name', d.organisationName],
    ['representative', d.representative],
    ['category', d.category ?? ''],
    ['email', d.email],
    ['phone', d.phone],
  ];
  return (
    <>
      {fields.map(([name, value]) => (
        <input type="hidden" name={name} value={value} />
      ))}
    </>
  );
}

/** Step 2: exactly what will be sent, carried in hidden fields; one key per confirmation. */
export function CommentConfirm({
  ctx,
  consultation: c,
  sections,
  comment: draft,
  submissionKey,
}: CommentConfirmProps) {
  const { lang } = ctx;
  const labels = commentFieldLabels(lang);
  const byId = new Map(sections.map((s) => [s.id, s]));
  const hidden = (
    <>
      <Csrf token={ctx.csrfToken} />
      <HiddenCopy comment={draft} />
    </>
  );
  const rows: [string, string][] = [];
  if (draft.submitterKind === 'organisation') {
    rows.push(
      [labels.organisation_name!, draft.organisationName],
      [labels.representative!, draft.representative],
    );
  } else if (draft.submitterKind === 'individual') {
    rows.push([labels.name!, draft.name]);
  }
  if (draft.submitterKind !== 'anonymous') rows.push([labels.address!, draft.address]);
  rows.push([labels.category!, draft.category ? categoryLabel(draft.category, lang) : '']);
  if (draft.submitterKind !== 'anonymous')
    rows.push([labels.email!, draft.email], [labels.phone!, draft.phone]);
  return (
    <div id="comment-flow">
      <Header ctx={ctx} c={c} step={2} />
      <p>
        {t(
          lang,
          'まだ送信されていません。内容を確認し、よろしければ「この内容で送信する」を押してください。',
          'Not sent yet. Check your comment and press “Send this comment”.',
        )}
      </p>
      <h2>{labels.sections}</h2>
      <ul>
        {draft.sectionIds.length === 0 ? (
          <li>{t(lang, '案全体について', 'The draft as a whole')}</li>
        ) : (
          draft.sectionIds.map((id) => <li>{ownLabel(byId.get(id) ?? { number: '', heading: '' })}</li>)
        )}
      </ul>
      <h2>{labels.body}</h2>
      <div class="quote">{draft.body}</div>
      <h2>{t(lang, '提出者', 'Submitter')}</h2>
      {draft.submitterKind === 'anonymous' ? <p>{t(lang, '匿名', 'Anonymous')}</p> : null}
      <table>
        <tbody>
          {rows.map(([k, v]) => (
            <tr>
              <th scope="row">{k}</th>
              <td>{v || t(lang, '（未入力）', '(not given)')}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p class="hint">
        {t(
          lang,
          '※ 氏名・住所・連絡先は公表しません。',
          'Your name, address and contact details are not published.',
        )}
      </p>
      <div class="actions">
        <form
          method="post"
          action={`/consultations/${c.id}/comment/submit`}
          hx-post={`/consultations/${c.id}/comment/submit`}
          hx-target="#comment-flow"
          hx-swap="outerHTML show:top"
          hx-disable="find button"
        >
          {hidden}
          <input type="hidden" name="submission_key" value={submissionKey} />
          <button type="submit">{t(lang, 'この内容で送信する', 'Send this comment')}</button>
        </form>
        <form
          method="post"
          action={`/consultations/${c.id}/comment/edit`}
          hx-post={`/consultations/${c.id}/comment/edit`}
          hx-target="#comment-flow"
          hx-swap="outerHTML show:top"
        >
          {hidden}
          <button type="submit" class="button-secondary">
            {t(lang, '入力画面に戻って修正する', 'Go back and edit')}
          </button>
        </form>
      </div>
    </div>
  );
}

export interface ReceiptSummary {
  receiptCode: string;
  receivedAt: string;
  body: string;
  sectionLabels: string[];
}

export interface CommentDoneProps {
  ctx: PageCtx;
  consultation: Consultation;
  receipt: ReceiptSummary;
}

/** Step 3: the receipt code and a printable 控え. */
export function CommentDone({ ctx, consultation: c, receipt }: CommentDoneProps) {
  const { lang } = ctx;
  const code = formatReceiptCode(receipt.receiptCode);
  return (
    <div id="comment-flow">
      <Header ctx={ctx} c={c} step={3} />
      <p role="status">
        {t(lang, 'ご意見をお寄せいただき、ありがとうございました。', 'Thank you for your comment.')}
      </p>
      <div class="receipt-box">
        <p class="print-only">
          <strong>{t(lang, '意見提出の控え', 'Receipt for your comment')}</strong>
        </p>
        <p>{t(lang, '受付番号', 'Receipt code')}</p>
        <p class="receipt-code">{code}</p>
        <dl class="meta">
          <dt>{t(lang, '案件', 'Consultation')}</dt>
          <dd>{c.title}</dd>
          <dt>{t(lang, '受付日時', 'Received')}</dt>
          <dd>{formatDateTime(receipt.receivedAt, lang)}</dd>
          <dt>{t(lang, '該当箇所', 'Part of the draft')}</dt>
          <dd>{receipt.sectionLabels.join('、') || t(lang, '案全体', 'The whole draft')}</dd>
        </dl>
        <p class="hint">
          {t(
            lang,
            `受付番号は、後で意見の取扱いを確認するときに使います。控えを印刷するか、番号を書き留めてください。結果は${c.closes_at ? `${formatDate(c.closes_at, lang)}の募集終了後、` : ''}取りまとめ次第公表します。`,
            `Keep this code: it lets you see later how your comment was treated. Print this receipt or write the code down. The result will be published after the period${c.closes_at ? ` ends on ${formatDate(c.closes_at, lang)}` : ''}.`,
          )}
        </p>
      </div>
      <div class="actions">
        <button type="button" class="button-secondary" data-print>
          {t(lang, '控えを印刷する', 'Print the receipt')}
        </button>
        <a href={`/receipts/${receipt.receiptCode}`}>
          {t(lang, '受付番号で確認するページ', 'The page for this receipt code')}
        </a>
        <a href={`/consultations/${c.id}`}>{t(lang, '案のページに戻る', 'Back to the draft')}</a>
      </div>
      <h2>{t(lang, '送信した意見', 'What you sent')}</h2>
      <div class="quote">{receipt.body}</div>
    </div>
  );
}
