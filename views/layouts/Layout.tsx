import type { Child } from 'hono/jsx';
import { type City, siteName as siteNameOf } from '../../src/lib/city.ts';
import { type Lang, t } from '../../src/lib/i18n.ts';
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
  const siteName = siteNameOf(ctx.city, lang);
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
              {ctx.city.logoUrl ? (
                <img class="city-logo" src={ctx.city.logoUrl} alt="" height="40" />
              ) : (
                <span class="koe-mark" aria-hidden="true">
                  声
                </span>
              )}
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
            <p>{t(lang, ctx.city.noticeJa, ctx.city.noticeEn)}</p>
            <CityLinks city={ctx.city} lang={lang} />
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

/** The pages of the city a public site must link to, as the settings name them. */
function CityLinks({ city, lang }: { city: City; lang: Lang }) {
  const links = [
    [
      city.links.site,
      t(lang, `${city.nameJa || '市'}ホームページ`, city.nameEn ? `${city.nameEn} website` : 'City website'),
    ],
    [city.links.privacy, t(lang, 'プライバシーポリシー', 'Privacy policy')],
    [city.links.accessibility, t(lang, 'ウェブアクセシビリティ方針', 'Web accessibility policy')],
    [city.links.contact, t(lang, 'お問い合わせ', 'Contact')],
  ].filter(([href]) => href);
  if (links.length === 0) return null;
  return (
    <nav aria-label={t(lang, '市のページ', 'City pages')}>
      <ul class="city-links">
        {links.map(([href, label]) => (
          <li>
            <a href={href}>{label}</a>
          </li>
        ))}
      </ul>
    </nav>
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
