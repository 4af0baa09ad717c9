import type { Consultation } from '../../../db/schema.ts';
import type { PublishPlan, PublishProblem } from '../../../src/domain/consultation-rules.ts';
import { type Lang, t } from '../../../src/lib/i18n.ts';
import type { PageCtx } from '../../context.ts';
import { Csrf, ErrorSummary, type FieldErrors, Notice, TextArea } from '../../partials/forms.tsx';
import { BackLink, DateTime } from '../../partials/staff/fields.tsx';

export function publishProblemMessage(p: PublishProblem, lang: Lang): string {
  switch (p) {
    case 'title':
      return t(lang, '件名を入力してください。', 'Enter a title.');
    case 'department':
      return t(lang, '担当課を入力してください。', 'Enter the department.');
    case 'period':
      return t(
        lang,
        '募集締切日時を、開始より後に設定してください。',
        'Set a closing time after the opening.',
      );
    case 'closes_in_past':
      return t(lang, '募集締切日時が過ぎています。', 'The closing time has already passed.');
    case 'short_period_needs_reason':
      return t(
        lang,
        '募集期間が30日未満です。理由を入力してください。',
        'The period is shorter than 30 days: state the reason.',
      );
    case 'sections':
      return t(lang, '案の本文（節）が1つもありません。', 'The draft has no sections.');
    case 'not_draft':
      return t(lang, 'この案件はすでに公表されています。', 'This consultation is already published.');
  }
}

export interface PublishConfirmPageProps {
  ctx: PageCtx;
  consultation: Consultation;
  plan: PublishPlan;
  sectionCount: number;
  documentCount: number;
}

/** The confirmation step before publishing: what is missing, or what will happen. */
export function PublishConfirmPage({
  ctx,
  consultation: c,
  plan,
  sectionCount,
  documentCount,
}: PublishConfirmPageProps) {
  const { lang } = ctx;
  const base = `/staff/consultations/${c.id}`;
  const blocked = plan.problems.length > 0;
  return (
    <>
      <BackLink href={base} label={c.title} />
      <h1>{t(lang, '公表の確認', 'Publish: confirm')}</h1>
      {blocked ? (
        <div class="error-summary" role="alert" tabindex={-1} id="error-summary">
          <h2>{t(lang, 'まだ公表できません', 'This cannot be published yet')}</h2>
          <ul>
            {plan.problems.map((p) => (
              <li>{publishProblemMessage(p, lang)}</li>
            ))}
          </ul>
          <p>
            <a href={`${base}/edit`}>{t(lang, '基本情報を編集する', 'Edit the details')}</a>
          </p>
        </div>
      ) : (
        <>
          <dl class="meta">
            <dt>{t(lang, '件名', 'Title')}</dt>
            <dd>{c.title}</dd>
            <dt>{t(lang, '担当課', 'Department')}</dt>
            <dd>{c.department}</dd>
            <dt>{t(lang, '募集開始', 'Opens')}</dt>
            <dd>
              {plan.opensNow ? (
                t(lang, '公表と同時に募集を開始します', 'As soon as you publish')
              ) : plan.opensAt ? (
                <DateTime at={plan.opensAt} lang={lang} />
              ) : (
                ''
              )}
            </dd>
            <dt>{t(lang, '募集締切', 'Closes')}</dt>
            <dd>{c.closes_at ? <DateTime at={c.closes_at} lang={lang} /> : ''}</dd>
            <dt>{t(lang, '節の数・資料の数', 'Sections and documents')}</dt>
            <dd>
              {t(
                lang,
                `節 ${sectionCount} 件・資料 ${documentCount} 件`,
                `${sectionCount} sections, ${documentCount} documents`,
              )}
            </dd>
          </dl>
          <Notice kind="warning">
            {t(
              lang,
              '公表すると、件名・募集開始日時・案文は変更できなくなります（訂正は「正誤」として記録・公表されます）。資料は追加のみ可能になります。',
              'Once published, the title, the opening and the draft text are frozen (corrections are recorded and shown publicly). Documents can then only be added.',
            )}
          </Notice>
          <form method="post" action={`${base}/publish`}>
            <Csrf token={ctx.csrfToken} />
            <div class="actions">
              <button type="submit">
                {plan.opensNow
                  ? t(lang, '公表して募集を開始する', 'Publish and open now')
                  : t(lang, '公表する（募集予定として掲載）', 'Publish as upcoming')}
              </button>
              <a href={`${base}/preview`}>{t(lang, '公開ページをプレビュー', 'Preview the public page')}</a>
              <a href={base}>{t(lang, 'キャンセル', 'Cancel')}</a>
            </div>
          </form>
        </>
      )}
    </>
  );
}

export interface WithdrawPageProps {
  ctx: PageCtx;
  consultation: Consultation;
  reason: string;
  errors?: FieldErrors;
}

/** Withdrawal (中止): a required public reason, then POST. */
export function WithdrawPage({ ctx, consultation: c, reason, errors = {} }: WithdrawPageProps) {
  const { lang } = ctx;
  const base = `/staff/consultations/${c.id}`;
  const label = t(lang, '中止の理由（公表されます）', 'Reason for withdrawing (published)');
  return (
    <>
      <BackLink href={base} label={c.title} />
      <h1>{t(lang, '意見募集の中止', 'Withdraw the consultation')}</h1>
      <Notice kind="warning">
        {t(
          lang,
          '中止すると意見の受付を終了し、公開ページに中止したことと理由が表示されます。元に戻すことはできません。',
          'Withdrawing stops accepting comments and shows the fact and the reason on the public page. It cannot be undone.',
        )}
      </Notice>
      <ErrorSummary
        title={t(lang, '入力内容を確認してください', 'Please check the form')}
        errors={errors}
        labels={{ reason: label }}
      />
      <form method="post" action={`${base}/withdraw`} novalidate>
        <Csrf token={ctx.csrfToken} />
        <TextArea lang={lang} errors={errors} name="reason" label={label} value={reason} required rows={4} />
        <div class="actions">
          <button type="submit">{t(lang, '中止する', 'Withdraw')}</button>
          <a href={base}>{t(lang, 'キャンセル', 'Cancel')}</a>
        </div>
      </form>
    </>
  );
}
