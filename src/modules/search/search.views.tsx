// The search page: the form with its filters, the facets with their counts, the ranked results with their snippets,
// pagination, an empty state. Renders what it is given.
import { AUTONYMS, LOCALES, dir, formatDate, formatNumber, nameIn, type Locale } from '../../platform/i18n/index.ts';
import { EmptyState, ErrorSummary, Pagination } from '../../platform/views/components.tsx';
import type { ViewContext } from '../../platform/views/context.ts';
import { MAX_QUERY, PAGE_SIZE, SEARCH_KINDS, type SearchResult } from './search.types.ts';

export interface SearchForm {
  q: string;
  kind: string;
  lang: string;
  from: string;
  to: string;
  pillar: string;
}

interface Props {
  ctx: ViewContext;
  form: SearchForm;
  result: SearchResult | null;
  errors?: Record<string, string>;
  pillars: { code: string; names: Partial<Record<string, string>> }[];
}

const query = (form: SearchForm, change: Partial<SearchForm>) => {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...form, ...change })) if (v) q.set(k, v);
  return `/search?${q.toString()}`;
};

export function SearchPage({ ctx, form, result, errors, pillars }: Props) {
  const { t, locale } = ctx;
  const kinds = result?.facets.kinds ?? {};
  const languages = result?.facets.languages ?? {};
  return (
    <>
      <h1>{t('search.title')}</h1>
      <ErrorSummary ctx={ctx} errors={errors} />
      <form method="get" action="/search" class="search-form" role="search" aria-label={t('search.title')}>
        <div class="field">
          <label for="f-q">{t('search.query')}</label>
          <input
            id="f-q"
            type="search"
            name="q"
            value={form.q}
            maxLength={MAX_QUERY}
            aria-invalid={errors?.q ? 'true' : undefined}
            aria-describedby="q-hint"
          />
          <p class="hint" id="q-hint">
            {t('search.hint')}
          </p>
        </div>
        <div class="filters">
          <div class="field">
            <label for="f-kind">{t('search.kind')}</label>
            <select id="f-kind" name="kind">
              <option value="">{t('search.anyKind')}</option>
              {SEARCH_KINDS.map((k) => (
                <option value={k} selected={form.kind === k}>
                  {t(`search.kinds.${k}`)}
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for="f-lang">{t('search.language')}</label>
            <select id="f-lang" name="lang">
              <option value="">{t('search.anyLanguage')}</option>
              {LOCALES.map((l) => (
                <option value={l} selected={form.lang === l} lang={l}>
                  {AUTONYMS[l]}
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for="f-pillar">{t('search.pillar')}</label>
            <select id="f-pillar" name="pillar">
              <option value="">{t('search.anyPillar')}</option>
              {pillars.map((p) => (
                <option value={p.code} selected={form.pillar === p.code}>
                  {nameIn(p.names, locale)}
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for="f-from">{t('search.from')}</label>
            <input
              id="f-from"
              type="date"
              name="from"
              value={form.from}
              aria-invalid={errors?.from ? 'true' : undefined}
            />
          </div>
          <div class="field">
            <label for="f-to">{t('search.to')}</label>
            <input id="f-to" type="date" name="to" value={form.to} aria-invalid={errors?.to ? 'true' : undefined} />
          </div>
        </div>
        <button type="submit">{t('search.submit')}</button>
      </form>
      {result && form.q ? (
        <>
          <p role="status" class="search-summary">
            {t('search.summary', { count: result.total, q: form.q })}
          </p>
          {Object.keys(kinds).length ? (
            <div class="search-facets">
              <nav aria-label={t('search.byKind')}>
                <h2>{t('search.byKind')}</h2>
                <ul>
                  {Object.entries(kinds).map(([k, n]) => (
                    <li>
                      <a href={query(form, { kind: k })} aria-current={form.kind === k ? 'true' : undefined}>
                        {t(`search.kinds.${k}`)} ({formatNumber(locale, n)})
                      </a>
                    </li>
                  ))}
                </ul>
              </nav>
              {Object.keys(languages).length ? (
                <nav aria-label={t('search.byLanguage')}>
                  <h2>{t('search.byLanguage')}</h2>
                  <ul>
                    {Object.entries(languages).map(([l, n]) => (
                      <li>
                        <a href={query(form, { lang: l })} aria-current={form.lang === l ? 'true' : undefined}>
                          <span lang={l} dir={dir(l as Locale)}>
                            {AUTONYMS[l as Locale]}
                          </span>{' '}
                          ({formatNumber(locale, n)})
                        </a>
                      </li>
                    ))}
                  </ul>
                </nav>
              ) : null}
            </div>
          ) : null}
          {result.hits.length ? (
            <ol class="search-results" start={(result.page - 1) * PAGE_SIZE + 1}>
              {result.hits.map((h) => (
                <li data-kind={h.kind}>
                  <p class="search-kind">
                    <span class="badge">{t(`search.kinds.${h.kind}`)}</span>
                    {h.date ? <> {formatDate(locale, `${h.date}T12:00:00Z`, 'UTC', false)}</> : null}
                  </p>
                  <h2 class="search-title">
                    <a
                      href={h.url}
                      lang={h.language ?? undefined}
                      dir={h.language ? dir(h.language) : 'auto'}
                      hrefLang={h.language ?? undefined}
                    >
                      {h.title}
                    </a>
                  </h2>
                  {h.snippet ? (
                    <p
                      class="search-snippet"
                      lang={h.language ?? undefined}
                      dir={h.language ? dir(h.language) : 'auto'}
                      // The snippet is the service's escaped text with <mark> around the hits (snippetHtml).
                      dangerouslySetInnerHTML={{ __html: h.snippet }}
                    />
                  ) : null}
                </li>
              ))}
            </ol>
          ) : (
            <EmptyState>{t('search.empty')}</EmptyState>
          )}
          {result.total > PAGE_SIZE ? (
            <Pagination
              ctx={ctx}
              page={result.page}
              pageSize={PAGE_SIZE}
              total={Math.min(result.total, PAGE_SIZE * 50)}
              baseQuery={{ ...form }}
            />
          ) : null}
        </>
      ) : !errors ? (
        <EmptyState>{t('search.start')}</EmptyState>
      ) : null}
    </>
  );
}
