import type { Child } from 'hono/jsx';
import { t } from '../../../src/lib/i18n.ts';
import type { PageCtx } from '../../context.ts';
import { Csrf, Notice } from '../../partials/forms.tsx';
import { BackLink } from '../../partials/staff/fields.tsx';

export interface ConfirmDeleteProps {
  ctx: PageCtx;
  /** Where "back" and "cancel" go, and what that page is called. */
  back: { href: string; label: string };
  /** The page heading: 「節の削除」. */
  heading: string;
  /** What will be deleted, in words a person recognises: 「第2章 1 協働の原則」. */
  subject: string;
  /** What deleting means, beyond the subject disappearing. */
  consequence?: string;
  /** Where the form posts; it sends `confirm=yes`. */
  action: string;
  /** A glimpse of what will be deleted. */
  children?: Child;
}

/**
 * The question before a destructive staff action, as a page of its own so that it works without
 * JavaScript: what goes, what that means, a red button to go ahead and a way back.
 */
export function ConfirmDeletePage({
  ctx,
  back,
  heading,
  subject,
  consequence,
  action,
  children,
}: ConfirmDeleteProps) {
  const { lang } = ctx;
  return (
    <>
      <BackLink href={back.href} label={back.label} />
      <h1>{heading}</h1>
      <p class="lead">{t(lang, `「${subject}」を削除しますか？`, `Delete “${subject}”?`)}</p>
      <Notice kind="warning">
        {consequence ? <p>{consequence}</p> : null}
        <p>{t(lang, '削除すると元に戻せません。', 'This cannot be undone.')}</p>
      </Notice>
      {children}
      <form method="post" action={action}>
        <Csrf token={ctx.csrfToken} />
        <input type="hidden" name="confirm" value="yes" />
        <div class="actions">
          <button type="submit" class="button-danger">
            {t(lang, '削除する', 'Delete')}
          </button>
          <a href={back.href}>{t(lang, 'キャンセル', 'Cancel')}</a>
        </div>
      </form>
    </>
  );
}
