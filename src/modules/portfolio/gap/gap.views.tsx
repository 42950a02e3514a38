// The gap-analysis page: open needs with no response by region, pillar, theme, priority and State; balance.
import { formatNumber, formatPercent, type T, nameIn } from '../../../platform/i18n/index.ts';
import { Select } from '../../../platform/views/components.tsx';
import { BarChart, ChoroplethMap } from '../../../platform/views/charts.tsx';
import type { ViewContext } from '../../../platform/views/context.ts';
import { REGIONAL_GROUPS } from '../../directory/index.ts';
import { PRIORITIES } from '../portfolio.schema.ts';
import { Exports, fw, PILLARS, THEMES } from '../portfolio.views.tsx';
import type { gapAnalysis, GapRow } from '../gap/gap.service.ts';

export const keyLabel = (t: T, table: string, key: string, l: string) =>
  table === 'region'
    ? key === 'none'
      ? '—'
      : t(`group.${key}`)
    : table === 'priority'
      ? t(`needs.priority.${key}`)
      : fw(key, l);

export function GapTable({
  ctx,
  id,
  title,
  rows,
  table,
  filters,
}: {
  ctx: ViewContext;
  id: string;
  title: string;
  rows: GapRow[];
  table: string;
  filters: Record<string, string>;
}) {
  const { t, locale } = ctx;
  return (
    <section aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{title}</h2>
      <BarChart
        ctx={ctx}
        id={id}
        title={t('gap.unansweredBy', { what: title })}
        data={rows.map((r) => ({ label: keyLabel(t, table, r.key, locale), value: r.unanswered }))}
        table={false}
      />
      <table class="stack">
        <caption>{t('gap.coverageBy', { what: title })}</caption>
        <thead>
          <tr>
            <th scope="col">{title}</th>
            <th scope="col">{t('gap.open')}</th>
            <th scope="col">{t('gap.unanswered')}</th>
            <th scope="col">{t('needs.coverage')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr>
              <th scope="row">{keyLabel(t, table, r.key, locale)}</th>
              <td data-label={t('gap.open')}>{formatNumber(locale, r.open)}</td>
              <td data-label={t('gap.unanswered')}>{formatNumber(locale, r.unanswered)}</td>
              <td data-label={t('needs.coverage')}>{formatPercent(locale, r.coverage)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <Exports ctx={ctx} base="/gap-analysis" query={{ ...filters, table }} />
    </section>
  );
}

export function GapView({
  ctx,
  g,
  filters,
}: {
  ctx: ViewContext;
  g: Awaited<ReturnType<typeof gapAnalysis>>;
  filters: Record<string, string>;
}) {
  const { t, locale } = ctx;
  return (
    <section>
      <h1>{t('gap.title')}</h1>
      <p class="notice" role="note">
        {t('gap.notice')}
      </p>
      <form method="get" action="/gap-analysis" class="filters">
        <Select
          name="region"
          label={t('field.region')}
          value={filters.region}
          includeEmpty={t('filter.all')}
          options={REGIONAL_GROUPS.map((r) => ({ value: r, label: t(`group.${r}`) }))}
        />
        <Select
          name="theme"
          label={t('needs.themes')}
          value={filters.theme}
          includeEmpty={t('filter.all')}
          options={THEMES.map((f) => ({ value: f.code, label: nameIn(f.names, locale) }))}
        />
        <Select
          name="pillar"
          label={t('needs.pillars')}
          value={filters.pillar}
          includeEmpty={t('filter.all')}
          options={PILLARS.map((f) => ({ value: f.code, label: nameIn(f.names, locale) }))}
        />
        <Select
          name="priority"
          label={t('needs.priorityLabel')}
          value={filters.priority}
          includeEmpty={t('filter.all')}
          options={PRIORITIES.map((p) => ({ value: p, label: t(`needs.priority.${p}`) }))}
        />
        <button type="submit">{t('filter.apply')}</button>
      </form>
      <p class="lead">
        {t('gap.summary', {
          open: g.totals.open,
          unanswered: g.totals.unanswered,
          coverage: formatPercent(locale, g.totals.coverage),
        })}
      </p>
      <ChoroplethMap
        ctx={ctx}
        id="gap-map"
        title={t('gap.map')}
        values={g.byState.map((s) => ({
          iso3: s.iso3 ?? '',
          label: nameIn(s.names, locale),
          value: s.unanswered,
          href: `/needs?state=${s.stateOrgId}&answered=no`,
        }))}
      />
      <Exports ctx={ctx} base="/gap-analysis" query={{ ...filters, table: 'state' }} />
      <GapTable
        ctx={ctx}
        id="gap-region"
        title={t('field.region')}
        rows={g.byRegion}
        table="region"
        filters={filters}
      />
      <GapTable
        ctx={ctx}
        id="gap-pillar"
        title={t('needs.pillars')}
        rows={g.byPillar}
        table="pillar"
        filters={filters}
      />
      <GapTable ctx={ctx} id="gap-theme" title={t('needs.themes')} rows={g.byTheme} table="theme" filters={filters} />
      <GapTable
        ctx={ctx}
        id="gap-priority"
        title={t('needs.priorityLabel')}
        rows={g.byPriority}
        table="priority"
        filters={filters}
      />
      <section aria-labelledby="balance-h">
        <h2 id="balance-h">{t('gap.balance')}</h2>
        <BarChart
          ctx={ctx}
          id="gap-balance"
          title={t('gap.balanceChart')}
          data={g.balance.map((b) => ({ label: fw(b.pillar, locale), value: b.projects }))}
          table={false}
        />
        <table class="stack">
          <caption>{t('gap.balance')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('needs.pillars')}</th>
              <th scope="col">{t('gap.openProjects')}</th>
              <th scope="col">{t('projects.budget')}</th>
            </tr>
          </thead>
          <tbody>
            {g.balance.map((b) => (
              <tr>
                <th scope="row">{fw(b.pillar, locale)}</th>
                <td data-label={t('gap.openProjects')}>{formatNumber(locale, b.projects)}</td>
                <td data-label={t('projects.budget')}>{formatNumber(locale, b.budgetUsd)} USD</td>
              </tr>
            ))}
          </tbody>
        </table>
        <Exports ctx={ctx} base="/gap-analysis" query={{ ...filters, table: 'balance' }} />
      </section>
    </section>
  );
}
