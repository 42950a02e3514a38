// The assessments' section of the briefing pack: visits made in the period by region and by type (counts only).
import type { ViewContext } from '../../../platform/views/context.ts';
import { formatNumber } from '../../../platform/i18n/index.ts';
import { FigureTable } from '../../../platform/views/lists.tsx';
import type { CountRow, VisitFigures } from './briefing.service.ts';

/** Counts by a key (region, type), as a table of figures. */
export function CountTable({
  ctx,
  caption,
  keyLabel,
  rows,
  label,
}: {
  ctx: ViewContext;
  caption: string;
  keyLabel: string;
  rows: CountRow[];
  label: (key: string) => string;
}) {
  return (
    <FigureTable
      caption={caption}
      keyLabel={keyLabel}
      rows={rows}
      rowLabel={(r) => label(r.key)}
      columns={[{ label: ctx.t('briefing.count'), value: (r) => formatNumber(ctx.locale, r.count) }]}
    />
  );
}

export function VisitsSection({ ctx, figures }: { ctx: ViewContext; figures: VisitFigures }) {
  const { t } = ctx;
  return (
    <section class="briefing-section" id="briefing-visits" aria-labelledby="briefing-visits-h">
      <h2 id="briefing-visits-h">{t('briefing.visits.title')}</h2>
      <p>{t('briefing.visits.total', { count: figures.total })}</p>
      <CountTable
        ctx={ctx}
        caption={t('briefing.visits.byRegion')}
        keyLabel={t('briefing.region')}
        rows={figures.byRegion}
        label={(k) => (k === 'none' ? t('briefing.none') : t(`group.${k}`))}
      />
      <CountTable
        ctx={ctx}
        caption={t('briefing.visits.byType')}
        keyLabel={t('briefing.visits.type')}
        rows={figures.byType}
        label={(k) => t(`assessments.type.${k}`)}
      />
    </section>
  );
}

export const renderVisits = (ctx: ViewContext, figures: unknown) => (
  <VisitsSection ctx={ctx} figures={figures as VisitFigures} />
);
