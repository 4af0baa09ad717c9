/**
 * A public page shown to staff before it is public: the consultation page as citizens will see
 * it once published, or with the result as publishing it now would show it. The page itself is
 * the public view, unchanged (passed as children); this frame only marks it プレビュー and leads
 * back, or on to publishing.
 */
import type { Child } from 'hono/jsx';
import { t } from '../../../src/lib/i18n.ts';
import type { PageCtx } from '../../context.ts';
import { Csrf } from '../../partials/forms.tsx';

export interface PreviewPageProps {
  ctx: PageCtx;
  /** The consultation page before it is published, or the result before it is. */
  kind: 'consultation' | 'result';
  /** The staff page this preview belongs to. */
  back: { href: string; label: string };
  /** Where to go on to publish (the confirmation page of a consultation). */
  next?: { href: string; label: string };
  /** For the result: publishing from here with the note and choice shown. */
  publish?: { action: string; note: string; policyDropped: boolean };
  /** Publishing would be refused now: the preview says so, and offers no button. */
  blocked?: boolean;
  children: Child;
}

export function PreviewPage({ ctx, kind, back, next, publish, blocked, children }: PreviewPageProps) {
  const { lang } = ctx;
  return (
    <>
      <div class="preview-banner no-print" role="note" aria-labelledby="preview-mark">
        <p>
          <strong class="preview-mark" id="preview-mark">
            {t(lang, 'プレビュー', 'Preview')}
          </strong>{' '}
          {kind === 'consultation'
            ? t(
                lang,
                '公表したとき、市民にはこのように表示されます。まだ公開されていません（検索エンジンにも登録されません）。',
                'This is how citizens will see the page once it is published. It is not public yet (and search engines do not index it).',
              )
            : t(
                lang,
                '結果を公表すると、公開ページはこのようになります。まだ公表されていません（検索エンジンにも登録されません）。',
                'This is how the public page will look once the result is published. Nothing is published yet (and search engines do not index it).',
              )}
        </p>
        {blocked ? (
          <p>
            {t(
              lang,
              'まだ公表できない理由があります。公表の画面で確かめてください。',
              'Something still stands in the way of publishing: see the publishing page.',
            )}
          </p>
        ) : null}
        <div class="actions">
          <a href={back.href}>{back.label}</a>
          {next ? <a href={next.href}>{next.label}</a> : null}
          {publish && !blocked ? (
            <form method="post" action={publish.action} class="inline-form">
              <Csrf token={ctx.csrfToken} />
              <input type="hidden" name="result_note" value={publish.note} />
              {publish.policyDropped ? <input type="hidden" name="policy_dropped" value="1" /> : null}
              <button type="submit">{t(lang, 'この内容で結果を公表する', 'Publish this result')}</button>
            </form>
          ) : null}
        </div>
      </div>
      <div class="preview-frame">{children}</div>
    </>
  );
}
