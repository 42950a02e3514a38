// The portfolio's section of the briefing pack: needs identified and addressed by pillar and region with coverage,
// the response and its funding gap, the gap analysis' highlights. Figures only, formatted in the reader's language.
import type { ViewContext } from '../../../platform/views/context.ts';
import { formatNumber, formatPercent, numberFormat } from '../../../platform/i18n/index.ts';
import { FigureTable } from '../../../platform/views/lists.tsx';
import { frameworkName } from '../../framework/index.ts';
import type { NeedBreakdown, NeedFigures, NeedRow } from './briefing.service.ts';

const usd = (ctx: ViewContext, n: number) =>
  numberFormat(ctx.locale, { style: 'currency', currency: 'USD', maximumFractionDigits: 0 }).format(n);

function NeedTable({
  ctx,
  caption,
  keyLabel,
  rows,
  label,
}: {
  ctx: ViewContext;
  caption: string;
  keyLabel: string;
  rows: NeedRow[];
  label: (k: string) => string;
}) {
  const { t, locale } = ctx;
  return (
    <FigureTable
      caption={caption}
      keyLabel={keyLabel}
      rows={rows}
      rowLabel={(r) => label(r.key)}
      columns={[
        { label: t('briefing.needs.count'), value: (r) => formatNumber(locale, r.needs) },
        { label: t('briefing.needs.answered'), value: (r) => formatNumber(locale, r.answered) },
        { label: t('briefing.needs.coverage'), value: (r) => formatPercent(locale, r.coverage) },
      ]}
    />
  );
}

function Breakdown({ ctx, b, titleKey }: { ctx: ViewContext; b: NeedBreakdown; titleKey: string }) {
  const { t } = ctx;
  const region = (k: string) => (k === 'none' ? t('briefing.none') : t(`group.${k}`));
  return (
    <>
      <h3>{t(titleKey)}</h3>
      <p>
        {t('briefing.needs.totalLine', {
          count: b.total.needs,
          answered: b.total.answered,
          coverage: formatPercent(ctx.locale, b.total.coverage),
        })}
      </p>
      <NeedTable
        ctx={ctx}
        caption={`${t(titleKey)} — ${t('briefing.byPillar')}`}
        keyLabel={t('briefing.pillar')}
        rows={b.byPillar}
        label={(k) => frameworkName(k, ctx.locale)}
      />
      <NeedTable
        ctx={ctx}
        caption={`${t(titleKey)} — ${t('briefing.byRegion')}`}
        keyLabel={t('briefing.region')}
        rows={b.byRegion}
        label={region}
      />
    </>
  );
}

export function NeedsSection({ ctx, figures: f }: { ctx: ViewContext; figures: NeedFigures }) {
  const { t } = ctx;
  const region = (k: string) => (k === 'none' ? t('briefing.none') : t(`group.${k}`));
  const unanswered = (r: NeedRow) => formatNumber(ctx.locale, r.needs - r.answered);
  return (
    <section class="briefing-section" id="briefing-needs" aria-labelledby="briefing-needs-h">
      <h2 id="briefing-needs-h">{t('briefing.needs.title')}</h2>
      <Breakdown ctx={ctx} b={f.identified} titleKey="briefing.needs.identified" />
      <Breakdown ctx={ctx} b={f.addressed} titleKey="briefing.needs.addressed" />
      <h3>{t('briefing.response.title')}</h3>
      <dl class="briefing-figures">
        <dt>{t('briefing.response.projects')}</dt>
        <dd>{formatNumber(ctx.locale, f.response.projects)}</dd>
        <dt>{t('briefing.response.needs')}</dt>
        <dd>{formatNumber(ctx.locale, f.response.needsAnswered)}</dd>
        <dt>{t('briefing.response.budget')}</dt>
        <dd>{usd(ctx, f.response.budgetUsd)}</dd>
        <dt>{t('briefing.response.received')}</dt>
        <dd>{usd(ctx, f.response.receivedUsd)}</dd>
        <dt>{t('briefing.response.gap')}</dt>
        <dd>{usd(ctx, f.response.gapUsd)}</dd>
      </dl>
      <h3>{t('briefing.highlights.title')}</h3>
      <p>{t('briefing.highlights.open', { open: f.highlights.openNeeds, unanswered: f.highlights.unanswered })}</p>
      <ul>
        {f.highlights.regions.map((r) => (
          <li>{t('briefing.highlights.row', { name: region(r.key), unanswered: unanswered(r) })}</li>
        ))}
        {f.highlights.pillars.map((r) => (
          <li>{t('briefing.highlights.row', { name: frameworkName(r.key, ctx.locale), unanswered: unanswered(r) })}</li>
        ))}
      </ul>
    </section>
  );
}

export const renderNeeds = (ctx: ViewContext, figures: unknown) => (
  <NeedsSection ctx={ctx} figures={figures as NeedFigures} />
);
