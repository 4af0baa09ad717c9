import type { Child } from 'hono/jsx';
import { t } from '../../src/lib/i18n.ts';
import { AREA_HOMES, areasOf, homeOf, type SignedInArea } from '../../src/lib/roles.ts';
import type { PageCtx } from '../context.ts';

export interface LayoutProps {
  ctx: PageCtx;
  title: string;
  children?: Child;
  /** The area the page belongs to: its link in the header is marked as the current one. */
  area?: 'public' | 'staff' | 'council' | 'admin';
}

/** Swaps the `lang` query parameter, keeping the rest of the URL. */
export function withLang(url: string, lang: string): string {
  const u = new URL(url, 'http://x');
  u.searchParams.set('lang', lang);
  return u.pathname + u.search + u.hash;
}

export function Layout({ ctx, title, children, area = 'public' }: LayoutProps) {
  const { lang, user } = ctx;
  const other = lang === 'ja' ? 'en' : 'ja';
  const siteName = t(lang, '倉敷市 意見募集（パブリックコメント）', 'Kurashiki City public comment');
  return (
    <html lang={lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="htmx-config" content='{"includeIndicatorCSS":false}' />
        <title>{`${title} | ${siteName}`}</title>
        <link rel="icon" href="/static/favicon.svg" type="image/svg+xml" />
        <link rel="stylesheet" href="/static/css/koe.css" />
        <link rel="alternate" type="application/atom+xml" href="/feed.atom" title={siteName} />
        <script src="/static/vendor/htmx-4.0.1.min.js" defer></script>
        <script src="/static/js/koe.js" defer></script>
      </head>
      <body class={`area-${area}`}>
        <a class="skip-link" href="#main">
          {t(lang, '本文へ移動', 'Skip to main content')}
        </a>
        <header class="site-header">
          <div class="wrap header-row">
            <a class="site-name" href="/">
              <span class="koe-mark" aria-hidden="true">
                声
              </span>
              {siteName}
            </a>
            <nav aria-label={t(lang, 'サイト', 'Site')} class="site-nav">
              <ul>
                {user ? <AreaLinks ctx={ctx} area={area} /> : null}
                <li>
                  <a href={withLang(ctx.url, other)} hreflang={other} lang={other}>
                    {other === 'en' ? 'English' : '日本語'}
                  </a>
                </li>
                {user ? (
                  <li>
                    <form method="post" action="/logout" class="inline-form">
                      <input type="hidden" name="_csrf" value={ctx.csrfToken} />
                      <button type="submit" class="link-button">
                        {t(lang, 'ログアウト', 'Sign out')}
                      </button>
                    </form>
                  </li>
                ) : null}
              </ul>
            </nav>
          </div>
        </header>
        <main id="main" class="wrap" tabindex={-1}>
          {children}
        </main>
        <footer class="site-footer">
          <div class="wrap">
            <p>
              {t(
                lang,
                'いただいた意見は、案の検討に活用します。氏名・住所などの個人情報は公表しません。',
                'Comments are used to improve the draft. Names, addresses and other personal details are never published.',
              )}
            </p>
            <p>
              <a href="/feed.atom">{t(lang, '新着情報（Atom）', 'Updates (Atom feed)')}</a>
              {' ・ '}
              <a href="/subscriptions">{t(lang, '新着をメールで受け取る', 'Updates by mail')}</a>
              {' ・ '}
              <a href="/api/v1/consultations">{t(lang, 'オープンデータ（JSON）', 'Open data (JSON)')}</a>
              {' ・ '}
              <a href={user ? homeOf(user.role) : '/login'}>
                {t(lang, '職員・審議会委員用', 'For staff and council members')}
              </a>
            </p>
          </div>
        </footer>
      </body>
    </html>
  );
}

const AREA_LINKS: Record<SignedInArea, readonly [ja: string, en: string]> = {
  staff: ['職員トップ', 'Staff home'],
  council: ['審議会資料', 'Council'],
  admin: ['管理', 'Admin'],
};

/**
 * The areas the signed-in person's role may use, on every page (a refusal page included, so
 * nobody is left without a way to their own pages), and their account.
 */
function AreaLinks({ ctx, area }: { ctx: PageCtx; area: LayoutProps['area'] }) {
  const { lang, user } = ctx;
  if (!user) return null;
  return (
    <>
      {areasOf(user.role).map((a) => (
        <li>
          <a href={AREA_HOMES[a]} aria-current={a === area ? 'true' : undefined}>
            {t(lang, ...AREA_LINKS[a])}
          </a>
        </li>
      ))}
      <li>
        <a href="/account">{user.email}</a>
      </li>
    </>
  );
}
