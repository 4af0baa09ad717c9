/** Step 1 of the comment flow: the form. */
import type { Consultation } from '../../../db/schema.ts';
import { type Lang, t } from '../../../src/lib/i18n.ts';
import type { SectionRef } from '../../../src/lib/sections.ts';
import { STANDARD_CONSENT_NOTICE } from '../../../src/lib/submitter-rules.ts';
import type { PageCtx } from '../../context.ts';
import { Csrf, ErrorSummary, FieldError, type FieldErrors, invalidAttrs } from '../../partials/forms.tsx';
import { type CommentFormValues, commentFieldLabels, FlowHeader } from '../CommentFlow.tsx';
import { SectionChoices } from './SectionChoices.tsx';
import { SubmitterFields } from './SubmitterFields.tsx';

/** The web form's values: the comment's, and whether to mail its writer when the result is out. */
export type PublicCommentFormValues = CommentFormValues & { notify_result: boolean };

export interface CommentFormProps {
  ctx: PageCtx;
  consultation: Consultation;
  sections: SectionRef[];
  values: PublicCommentFormValues;
  errors: FieldErrors;
  /** The form as first loaded: the browser may fill it again from the draft it kept. */
  restoreDraft?: boolean;
  /** Shown at the confirmation's address, after a reload or Back/Forward. */
  confirmAgain?: boolean;
}

/** Step 1. The same partial is the whole flow region for htmx (#comment-flow). */
export function CommentForm(props: CommentFormProps) {
  const { ctx, consultation: c, sections, values, errors } = props;
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
  return (
    <div id="comment-flow">
      <FlowHeader ctx={ctx} c={c} step={1} />
      <ErrorSummary
        title={t(lang, '入力内容を確認してください', 'Please check the following')}
        errors={errors}
        labels={labels}
      />
      {props.confirmAgain ? (
        <p class="notice" role="status">
          {t(
            lang,
            '確認画面は、再読み込みや「戻る」「進む」では表示できません。入力内容を確かめて、もう一度「入力内容を確認する」を押してください。',
            'The check page cannot be shown again after a reload or Back/Forward. Check what you entered and press “Check before sending” again.',
          )}
        </p>
      ) : null}
      <DraftRestored lang={lang} />
      <form
        method="post"
        data-draft={`comment-${c.id}`}
        data-draft-restore={props.restoreDraft ? 'true' : undefined}
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
          <SectionChoices sections={sections} chosen={chosen} />
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

        <SubmitterFields lang={lang} consultation={c} values={values} errors={errors} />
        <NotifyResult lang={lang} checked={values.notify_result} />

        <UsageNotice lang={lang} />
        <ConsentField lang={lang} consultation={c} checked={values.consent} errors={errors} />
        <p class="hint js-only">
          {t(
            lang,
            '入力中の内容は、送信が終わるまでこのブラウザーに保存されます（再読み込みや「戻る」で消えないように）。共用のパソコンでは、送信しない場合「入力内容を消去する」で消してください。',
            'What you type is kept in this browser until it is sent, so a reload or Back does not lose it. On a shared computer, use “Clear what I entered” if you do not send it.',
          )}{' '}
          <button type="button" class="button-secondary" data-draft-discard>
            {t(lang, '入力内容を消去する', 'Clear what I entered')}
          </button>
        </p>

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

/**
 * A live region static/js/koe.js fills when it restored the form from the draft this browser
 * kept (empty until then, so that filling it is announced).
 */
function DraftRestored({ lang }: { lang: Lang }) {
  const text = t(
    lang,
    '前回の入力内容を復元しました。内容を確かめてから進んでください。',
    'What you entered before has been restored. Check it before you go on.',
  );
  return <p class="draft-status" id="draft-restored" role="status" data-text={text} />;
}

/** "Tell me when the result is published": ticked by default, used only with an address. */
function NotifyResult({ lang, checked }: { lang: Lang; checked: boolean }) {
  return (
    <div class="kind-field" data-kinds="individual organisation">
      <div class="choice">
        <input type="checkbox" id="f-notify_result" name="notify_result" value="on" checked={checked} />
        <label for="f-notify_result">
          {t(
            lang,
            '結果が公表されたら、メールで知らせる（メールアドレスを入力した場合）',
            'Tell me by mail when the result is published (if you gave an email address)',
          )}
        </label>
      </div>
    </div>
  );
}

/**
 * How personal data is used — the consultation's own notice, or the standard one — and, where the
 * consultation asks for it, the box that consents to it. Shown only where the consultation says
 * something of its own or asks for consent; otherwise the usage notice above says it.
 */
function ConsentField({
  lang,
  consultation: c,
  checked,
  errors,
}: {
  lang: Lang;
  consultation: Pick<Consultation, 'consent_notice' | 'require_consent'>;
  checked: boolean;
  errors: FieldErrors;
}) {
  if (!c.require_consent && c.consent_notice.trim() === '') return null;
  const notice = c.consent_notice.trim() || t(lang, STANDARD_CONSENT_NOTICE.ja, STANDARD_CONSENT_NOTICE.en);
  return (
    <section class="notice consent" aria-labelledby="h-consent">
      <h2 id="h-consent" class="notice-title">
        {t(lang, '個人情報の取扱い', 'How your personal data is used')}
      </h2>
      <p class="pre" id="consent-notice">
        {notice}
      </p>
      {c.require_consent ? (
        <div class="field">
          <FieldError id="f-consent" errors={errors} name="consent" />
          <div class="choice">
            <input
              type="checkbox"
              id="f-consent"
              name="consent"
              value="1"
              checked={checked}
              required
              {...invalidAttrs('f-consent', errors, 'consent', 'consent-notice')}
            />
            <label for="f-consent">
              {t(lang, '上記の個人情報の取扱いに同意します', 'I agree to this use of my personal data')}
              <span class="req">{t(lang, '必須', 'Required')}</span>
            </label>
          </div>
        </div>
      ) : null}
    </section>
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
