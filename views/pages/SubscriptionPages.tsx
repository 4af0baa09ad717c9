/**
 * Mail about new consultations (/subscriptions): the form, "check your mail", and the pages a
 * confirmation or unsubscribe link opens. Each link opens a page with one button, so that a mail
 * program that follows links by itself neither confirms nor unsubscribes anybody.
 */
import { type Lang, t } from '../../src/lib/i18n.ts';
import type { PageCtx } from '../context.ts';
import { Csrf, ErrorSummary, Field, type FieldErrors, fieldAttrs, Notice } from '../partials/forms.tsx';

export interface SubscribeFormProps {
  ctx: PageCtx;
  departments: string[];
  values: { email: string; department: string };
  errors: FieldErrors;
}

const scopeOf = (lang: Lang, department: string) =>
  department
    ? t(lang, `「${department}」の新しい意見募集`, `new consultations of ${department}`)
    : t(lang, 'すべての新しい意見募集', 'every new consultation');

export function SubscribeForm({ ctx, departments, values, errors }: SubscribeFormProps) {
  const { lang } = ctx;
  const labels = {
    email: t(lang, 'メールアドレス', 'Email'),
    department: t(lang, 'お知らせを受け取る意見募集', 'Consultations to hear about'),
  };
  return (
    <>
      <h1>{t(lang, '新しい意見募集をメールで受け取る', 'Hear of new consultations by mail')}</h1>
      <p>
        {t(
          lang,
          '意見募集が始まったときに、メールでお知らせします。登録すると確認のメールが届きます。そのメールのリンクから登録を確定するまでは、お知らせは送りません。どのメールからも、1回の操作で配信を停止できます。',
          'We mail you when a consultation opens. You will first get a message with a link to confirm: nothing else is sent until you confirm. Every message has a link that unsubscribes in one step.',
        )}
      </p>
      <ErrorSummary
        title={t(lang, '入力内容を確認してください', 'Please check the following')}
        errors={errors}
        labels={labels}
      />
      <form method="post" action="/subscriptions" novalidate>
        <Csrf token={ctx.csrfToken} />
        <Field lang={lang} name="email" label={labels.email} required errors={errors}>
          <input
            type="email"
            id="f-email"
            name="email"
            value={values.email}
            autocomplete="email"
            required
            {...fieldAttrs('email', errors)}
          />
        </Field>
        <Field lang={lang} name="department" label={labels.department} markOptional={false} errors={errors}>
          <select id="f-department" name="department" {...fieldAttrs('department', errors)}>
            <option value="" selected={values.department === ''}>
              {t(lang, 'すべての担当課', 'Every department')}
            </option>
            {departments.map((d) => (
              <option value={d} selected={values.department === d}>
                {d}
              </option>
            ))}
          </select>
        </Field>
        <p class="hint">
          {t(
            lang,
            'メールアドレスは、お知らせの送信にだけ使います。公表も、審議会への提供もしません。',
            'Your address is used only to send these messages. It is never published or given to a council.',
          )}
        </p>
        <div class="actions">
          <button type="submit">{t(lang, '登録する', 'Subscribe')}</button>
        </div>
      </form>
    </>
  );
}

export function SubscribeSent({ ctx }: { ctx: PageCtx }) {
  const { lang } = ctx;
  return (
    <>
      <h1>{t(lang, '確認のメールをお送りしました', 'Check your mail')}</h1>
      <Notice kind="success">
        <p>
          {t(
            lang,
            '入力されたアドレスに確認のメールをお送りしました。メールのリンクを開いて「登録する」を押すと、登録が完了します。',
            'We sent a message to the address you gave. Open its link and press “Subscribe” to finish.',
          )}
        </p>
      </Notice>
      <p>
        {t(
          lang,
          'すでに登録済みのアドレスには、新たなメールは送りません。届かない場合は、迷惑メールのフォルダーを確かめるか、時間をおいてもう一度お試しください（同じアドレスへの確認メールは1日3通までです）。',
          'An address already subscribed gets no new message. If nothing arrives, check your spam folder or try again later (at most three confirmation messages a day go to one address).',
        )}
      </p>
      <p>
        <a href="/">{t(lang, '意見募集の一覧へ', 'Back to consultations')}</a>
      </p>
    </>
  );
}

export interface TokenPageProps {
  ctx: PageCtx;
  action: 'confirm' | 'unsubscribe';
  token: string;
  /** The change is made: say so. */
  done?: { department: string };
}

/** The page a mail's link opens: one button, then what was done. */
export function SubscriptionTokenPage({ ctx, action, token, done }: TokenPageProps) {
  const { lang } = ctx;
  const confirm = action === 'confirm';
  if (done)
    return (
      <>
        <h1>
          {confirm
            ? t(lang, '登録が完了しました', 'You are subscribed')
            : t(lang, '配信を停止しました', 'You are unsubscribed')}
        </h1>
        <Notice kind="success">
          <p>
            {confirm
              ? t(
                  lang,
                  `${scopeOf(lang, done.department)}をメールでお知らせします。`,
                  `We will mail you ${scopeOf(lang, done.department)}.`,
                )
              : t(
                  lang,
                  `${scopeOf(lang, done.department)}のお知らせは、今後お送りしません。`,
                  `You will no longer hear of ${scopeOf(lang, done.department)}.`,
                )}
          </p>
        </Notice>
        <p>
          <a href="/">{t(lang, '意見募集の一覧へ', 'Back to consultations')}</a>
        </p>
      </>
    );
  return (
    <>
      <h1>
        {confirm
          ? t(lang, 'メール配信の登録', 'Confirm your subscription')
          : t(lang, 'メール配信の停止', 'Unsubscribe')}
      </h1>
      <form method="post" action={`/subscriptions/${action}/${token}`}>
        <Csrf token={ctx.csrfToken} />
        <p>
          {confirm
            ? t(
                lang,
                '新しい意見募集のお知らせをメールで受け取ります。',
                'Receive new consultations by mail.',
              )
            : t(lang, '新しい意見募集のお知らせを停止します。', 'Stop the messages about new consultations.')}
        </p>
        <div class="actions">
          <button type="submit">
            {confirm ? t(lang, '登録する', 'Subscribe') : t(lang, '停止する', 'Unsubscribe')}
          </button>
        </div>
      </form>
    </>
  );
}
