import type { Consultation } from '../../../../db/schema.ts';
import { CATEGORIES } from '../../../../db/schema.ts';
import type { CommentFormValues } from '../../../../src/domain/comment-intake.ts';
import { commentsPath, PAPER_CHANNELS } from '../../../../src/lib/comments.ts';
import { t } from '../../../../src/lib/i18n.ts';
import { categoryLabel, channelLabel } from '../../../../src/lib/labels.ts';
import { formatDate } from '../../../../src/lib/time.ts';
import type { PageCtx } from '../../../context.ts';
import {
  Csrf,
  ErrorSummary,
  FieldError,
  type FieldErrors,
  invalidAttrs,
  Notice,
} from '../../../partials/forms.tsx';
import { CommentsHeader, type SectionOption } from '../../../partials/staff/comments/common.tsx';
import { commentFieldLabels } from '../../CommentFlow.tsx';

/** The paper entry form's fields, as typed (strings), so the form can be shown again. */
export type PaperFormValues = CommentFormValues & {
  channel: string;
  received_date: string;
  submission_key: string;
};

export function paperFieldLabels(lang: PageCtx['lang']): Record<string, string> {
  return {
    channel: t(lang, '提出方法', 'Channel'),
    received_date: t(lang, '受付日', 'Date received'),
    ...commentFieldLabels(lang),
  };
}

export interface NewCommentPageProps {
  ctx: PageCtx;
  consultation: Consultation;
  sections: SectionOption[];
  values: PaperFormValues;
  errors: FieldErrors;
  /** Why the consultation takes no comments now (its result is published…): no form then. */
  closed?: string | undefined;
}

function Text({
  name,
  label,
  values,
  errors,
  type = 'text',
}: {
  name: keyof PaperFormValues;
  label: string;
  values: PaperFormValues;
  errors: FieldErrors;
  type?: string;
}) {
  const id = `f-${name}`;
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <FieldError id={id} errors={errors} name={name} />
      <input
        type={type}
        id={id}
        name={name}
        value={String(values[name])}
        autocomplete="off"
        {...invalidAttrs(id, errors, name)}
      />
    </div>
  );
}

/** Staff type in a comment that came on paper, by fax, by email or at the counter. */
export function NewCommentPage({
  ctx,
  consultation: c,
  sections,
  values,
  errors,
  closed,
}: NewCommentPageProps) {
  const { lang } = ctx;
  const labels = paperFieldLabels(lang);
  const picked = new Set(values.sections);
  const header = (
    <CommentsHeader
      ctx={ctx}
      consultation={c}
      title={t(lang, '紙・メールで届いた意見の入力', 'Enter a comment received on paper')}
      tab="new"
    />
  );
  if (closed) {
    return (
      <>
        {header}
        <Notice kind="warning">{closed}</Notice>
      </>
    );
  }
  return (
    <>
      {header}
      <ErrorSummary
        title={t(lang, '入力内容を確認してください', 'Please check the form')}
        errors={errors}
        labels={labels}
      />
      <div class="notice">
        <p>
          {t(
            lang,
            '意見書に書かれているとおりに入力してください。必須は提出方法・受付日・意見の3つです。氏名・住所・区分などが書かれていない場合は空欄のままで構いません（記載なしとして記録します）。',
            'Type what the paper says. Only the channel, the date received and the comment are required. Leave the name, address, category and other details empty when the paper does not give them; they are recorded as not given.',
          )}
        </p>
        {c.opens_at && c.closes_at ? (
          <p>
            {t(
              lang,
              `受付日は募集期間（${formatDate(c.opens_at, 'ja')}〜${formatDate(c.closes_at, 'ja')}）内の日付にしてください。郵送は消印の日付で構いません。期間が終わった後でも入力できます。`,
              `The date received must be within the period (${formatDate(c.opens_at, 'en')} to ${formatDate(c.closes_at, 'en')}); for post, the postmark date. You can enter comments after the period has closed.`,
            )}
          </p>
        ) : null}
      </div>
      <form method="post" action={commentsPath(c.id, '/new')} novalidate>
        <Csrf token={ctx.csrfToken} />
        <input type="hidden" name="submission_key" value={values.submission_key} />
        <fieldset id="f-channel" {...invalidAttrs('f-channel', errors, 'channel')}>
          <legend>
            {labels.channel}
            <span class="req">{t(lang, '必須', 'required')}</span>
          </legend>
          <FieldError id="f-channel" errors={errors} name="channel" />
          {PAPER_CHANNELS.map((ch) => (
            <div class="choice">
              <input
                type="radio"
                id={`channel-${ch}`}
                name="channel"
                value={ch}
                checked={values.channel === ch}
              />
              <label for={`channel-${ch}`}>{channelLabel(ch, lang)}</label>
            </div>
          ))}
        </fieldset>
        <div class="field">
          <label for="f-received_date">
            {labels.received_date}
            <span class="req">{t(lang, '必須', 'required')}</span>
          </label>
          <FieldError id="f-received_date" errors={errors} name="received_date" />
          <input
            type="date"
            id="f-received_date"
            name="received_date"
            value={values.received_date}
            required
            {...invalidAttrs('f-received_date', errors, 'received_date')}
          />
        </div>
        <fieldset id="f-sections">
          <legend>{labels.sections}</legend>
          <p class="hint">
            {t(
              lang,
              '選ばない場合は案全体への意見になります。',
              'Choose none for a comment on the whole draft.',
            )}
          </p>
          <FieldError id="f-sections" errors={errors} name="sections" />
          {sections.map((s) => (
            <div class="choice">
              <input
                type="checkbox"
                id={`section-${s.id}`}
                name="sections"
                value={String(s.id)}
                checked={picked.has(String(s.id))}
              />
              <label for={`section-${s.id}`}>{s.label}</label>
            </div>
          ))}
        </fieldset>
        <div class="field">
          <label for="f-body">
            {labels.body}
            <span class="req">{t(lang, '必須', 'required')}</span>
          </label>
          <FieldError id="f-body" errors={errors} name="body" />
          <textarea id="f-body" name="body" required {...invalidAttrs('f-body', errors, 'body')}>
            {values.body}
          </textarea>
        </div>
        <fieldset id="f-submitter_kind">
          <legend>{labels.submitter_kind}</legend>
          <FieldError id="f-submitter_kind" errors={errors} name="submitter_kind" />
          {(
            [
              ['individual', t(lang, '個人', 'An individual')],
              ['organisation', t(lang, '団体・事業者', 'An organisation or business')],
              ['anonymous', t(lang, '記載なし（匿名）', 'Not given (anonymous)')],
            ] as const
          ).map(([v, label]) => (
            <div class="choice">
              <input
                type="radio"
                id={`kind-${v}`}
                name="submitter_kind"
                value={v}
                checked={values.submitter_kind === v}
              />
              <label for={`kind-${v}`}>{label}</label>
            </div>
          ))}
        </fieldset>
        <Text name="name" label={labels.name ?? ''} values={values} errors={errors} />
        <Text
          name="organisation_name"
          label={labels.organisation_name ?? ''}
          values={values}
          errors={errors}
        />
        <Text name="representative" label={labels.representative ?? ''} values={values} errors={errors} />
        <Text name="address" label={labels.address ?? ''} values={values} errors={errors} />
        <div class="field">
          <label for="f-category">{labels.category}</label>
          <FieldError id="f-category" errors={errors} name="category" />
          <select id="f-category" name="category" {...invalidAttrs('f-category', errors, 'category')}>
            <option value="">{t(lang, '記載なし', 'Not given')}</option>
            {CATEGORIES.map((k) => (
              <option value={k} selected={values.category === k}>
                {categoryLabel(k, lang)}
              </option>
            ))}
          </select>
        </div>
        <Text name="email" label={labels.email ?? ''} values={values} errors={errors} type="email" />
        <Text name="phone" label={labels.phone ?? ''} values={values} errors={errors} type="tel" />
        <div class="actions">
          <button type="submit">
            {t(lang, '登録して受付番号を発行する', 'Enter and issue a receipt code')}
          </button>
          <a href={commentsPath(c.id)}>{t(lang, 'やめる', 'Cancel')}</a>
        </div>
      </form>
    </>
  );
}
