// The statistics page of an event: the participation sentence, charts by stakeholder category and regional group,
// and the figures.
import { formatNumber } from '../../../platform/i18n/index.ts';
import { Breadcrumb } from '../../../platform/views/lists.tsx';
import { BarChart } from '../../../platform/views/charts.tsx';
import { EmptyState } from '../../../platform/views/components.tsx';
import type { ViewContext } from '../../../platform/views/context.ts';
import { ORG_TYPES, REGIONAL_GROUPS } from '../../directory/index.ts';
import { type TranslatableText } from '../../../platform/i18n/text.ts';
import type { EventRow } from '../shared/events.service.ts';
import { pick } from '../../../platform/i18n/text.ts';
import type { Figures, Stats } from './stats.service.ts';

const plain = (ctx: ViewContext, f: TranslatableText) => pick(f, ctx.locale)?.text ?? '';

export function StatisticsPage({
  ctx,
  e,
  s,
  sentence,
  figures,
  sideEvents,
}: {
  ctx: ViewContext;
  e: EventRow;
  s: Stats;
  sentence: string | null;
  figures: Figures | null;
  sideEvents: string | null;
}) {
  const { t } = ctx;
  const n = (v: number) => formatNumber(ctx.locale, v);
  return (
    <section>
      <Breadcrumb links={[{ href: `/events/${e.slug}`, label: plain(ctx, e.title) }]} />
      <h1>{t('events.statistics')}</h1>
      {sentence ? <p class="lead">{sentence}</p> : null}
      {figures?.source ? <p class="muted">{t('events.reportedBy', { source: figures.source })}</p> : null}
      {sideEvents ? <p>{sideEvents}</p> : null}
      {s.participants ? (
        <>
          <BarChart
            ctx={ctx}
            id="by-category"
            title={t('events.byCategory')}
            data={[...ORG_TYPES]
              .filter((c) => s.byCategory[c] > 0)
              .map((c) => ({ label: t(`orgType.${c}`), value: s.byCategory[c] }))}
          />
          <BarChart
            ctx={ctx}
            id="by-group"
            title={t('events.byRegionalGroup')}
            data={REGIONAL_GROUPS.map((g) => ({ label: t(`group.${g}`), value: s.regionalGroups[g] }))}
          />
          <dl class="facts">
            <dt>{t('events.statsParticipants')}</dt>
            <dd>{n(s.participants)}</dd>
            <dt>{t('events.statsStates')}</dt>
            <dd>{n(s.memberStates)}</dd>
            <dt>{t('events.statsOrgs')}</dt>
            <dd>{n(s.regionalAndInternationalOrgs)}</dd>
            <dt>{t('events.statsEntities')}</dt>
            <dd>{n(s.unEntities)}</dd>
            <dt>{t('events.statsInstitutions')}</dt>
            <dd>{n(s.institutions)}</dd>
            <dt>{t('events.statsWomenLed')}</dt>
            <dd>{n(s.womenLedCsos)}</dd>
            <dt>{t('events.statsYouthLed')}</dt>
            <dd>{n(s.youthLedCsos)}</dd>
            <dt>{t('events.attendanceValue.in_person')}</dt>
            <dd>{n(s.attendance.in_person)}</dd>
            <dt>{t('events.attendanceValue.virtual')}</dt>
            <dd>{n(s.attendance.virtual)}</dd>
            <dt>{t('events.checkedIn')}</dt>
            <dd>{n(s.checkedIn)}</dd>
            <dt>{t('events.gender')}</dt>
            <dd>
              {s.gender
                ? t('events.genderAggregate', { women: s.gender.woman, men: s.gender.man, other: s.gender.other })
                : t('events.genderNotShown')}
            </dd>
          </dl>
        </>
      ) : (
        <EmptyState>{t('events.noStats')}</EmptyState>
      )}
    </section>
  );
}
