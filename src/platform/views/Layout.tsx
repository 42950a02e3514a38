import type { ComponentChildren } from 'preact';
import { AUTONYMS, LOCALES, dir, formatNumber } from '../i18n/index.ts';
import { isUser } from '../auth/policy.ts';
import type { ViewContext } from './context.ts';
import { SharedPart, type PartStore } from './shared-parts.tsx';

// The parts of every page that only its language decides (shared-parts.tsx), rendered once per language.
const LAYOUT_PARTS: PartStore = new Map();

export function Layout({ ctx, title, children }: { ctx: ViewContext; title: string; children: ComponentChildren }) {
  const { t, locale, actor } = ctx;
  // The language links come back to this very page: its path and query (filters, tab, page number).
  const next = encodeURIComponent(ctx.url ?? ctx.path);
  const nav = ctx.nav;
  // The current entry is the one whose address is the longest match ("New event" on /events/new, not "Events").
  const current = nav
    .filter((n) => ctx.path === n.href || ctx.path.startsWith(`${n.href}/`))
    .sort((a, b) => b.href.length - a.href.length)[0];
  return (
    <html lang={locale} dir={dir(locale)}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} — ${t('app.name')}`}</title>
        <link rel="icon" href="/static/favicon.svg" type="image/svg+xml" />
        <link rel="stylesheet" href="/static/app.css" />
      </head>
      <body>
        <a class="skip-link" href="#main">
          {t('layout.skip')}
        </a>
        <header class="site-header">
          <div class="bar">
            <a class="brand" href="/">
              {t('app.name')}
            </a>
            <nav class="languages" aria-label={t('layout.languages')}>
              <ul>
                {LOCALES.map((l) => (
                  <li>
                    <a
                      href={`/lang/${l}?next=${next}`}
                      lang={l}
                      hrefLang={l}
                      dir={dir(l)}
                      aria-current={l === locale ? 'true' : undefined}
                    >
                      {AUTONYMS[l]}
                    </a>
                  </li>
                ))}
              </ul>
            </nav>
          </div>
          <SharedPart ctx={ctx} store={LAYOUT_PARTS} name="search" by="language">
            {({ t }) => (
              <form class="site-search" method="get" action="/search" role="search" aria-label={t('layout.search')}>
                <label for="site-q" class="visually-hidden">
                  {t('layout.searchLabel')}
                </label>
                <input
                  id="site-q"
                  type="search"
                  name="q"
                  maxLength={200}
                  autoComplete="off"
                  placeholder={t('layout.searchPlaceholder')}
                />
                <button type="submit">{t('layout.searchButton')}</button>
              </form>
            )}
          </SharedPart>
          <div class="bar secondary">
            <nav class="main-nav" aria-label={t('layout.mainNav')}>
              <ul>
                {ctx.nav.map((n) => (
                  <li>
                    <a href={n.href} aria-current={n === current ? 'page' : undefined}>
                      {t(n.labelKey)}
                    </a>
                  </li>
                ))}
              </ul>
            </nav>
            <div class="account">
              {isUser(actor) ? (
                <>
                  <a
                    href="/notifications"
                    class="notifications-link"
                    aria-current={ctx.path === '/notifications' ? 'page' : undefined}
                  >
                    <span aria-hidden="true">{t('notifications.headerShort')}</span>
                    {ctx.unreadNotifications ? (
                      <span class="badge" aria-hidden="true" data-testid="unread-count">
                        {formatNumber(locale, ctx.unreadNotifications)}
                      </span>
                    ) : null}
                    <span class="visually-hidden">
                      {t('notifications.headerLabel', { count: ctx.unreadNotifications ?? 0 })}
                    </span>
                  </a>
                  <a href="/account">
                    <bdi>{actor.name}</bdi>
                  </a>
                  <form method="post" action="/sign-out" class="inline">
                    <input type="hidden" name="_csrf" value={ctx.csrfToken} />
                    <button type="submit" class="link">
                      {t('nav.signOut')}
                    </button>
                  </form>
                </>
              ) : (
                <a href="/sign-in">{t('nav.signIn')}</a>
              )}
            </div>
          </div>
        </header>
        <main id="main" tabIndex={-1}>
          {ctx.flash ? (
            <div class="flash" role="status">
              {ctx.flash}
            </div>
          ) : null}
          {children}
        </main>
        <SharedPart ctx={ctx} store={LAYOUT_PARTS} name="footer" by="language">
          {({ t }) => (
            <footer class="site-footer">
              <div class="footer-inner">
                <p>{t('layout.footer')}</p>
                <nav aria-label={t('layout.footerNav')}>
                  <ul class="footer-links">
                    <li>
                      <a href="/help">{t('help.title')}</a>
                    </li>
                    <li>
                      <a href="/accessibility">{t('accessibility.title')}</a>
                    </li>
                    <li>
                      <a href="/privacy">{t('privacyNotice.title')}</a>
                    </li>
                  </ul>
                </nav>
              </div>
            </footer>
          )}
        </SharedPart>
      </body>
    </html>
  );
}
