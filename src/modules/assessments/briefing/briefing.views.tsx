// The assessments' section of the briefing pack: visits made in the period by region and by type (counts only).
import type { ViewContext } from '../../../platform/views/context.ts';
import { formatNumber } from '../../../platform/i18n/index.ts';
import type { CountRow, VisitFigures } from './briefing.service.ts';

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
  const { t } = ctx;
  return (
    <table class="stack briefing-table">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{keyLabel}</th>
          <th scope="col" class="num">
            {t('briefing.count')}
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr>
            <th scope="row" data-label={keyLabel}>
              {label(r.key)}
            </th>
            <td class="num" data-label={t('briefing.count')}>
              {formatNumber(ctx.locale, r.count)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
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
