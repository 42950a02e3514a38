// The statistics page of an event: what the organizers published (sentence, figures, sources) and what the platform
// recorded (sentence, charts by stakeholder category and regional group, the figures), side by side; exports.
import { formatNumber } from '../../../platform/i18n/index.ts';
import { Breadcrumb } from '../../../platform/views/lists.tsx';
import { BarChart } from '../../../platform/views/charts.tsx';
import { EmptyState } from '../../../platform/views/components.tsx';
import type { ViewContext } from '../../../platform/views/context.ts';
import { ORG_TYPES, REGIONAL_GROUPS } from '../../directory/index.ts';
import { type TranslatableText } from '../../../platform/i18n/text.ts';
import type { EventRow } from '../shared/events.service.ts';
import { pick } from '../../../platform/i18n/text.ts';
import { ComparisonTable, PublishedFiguresTable, type RecordedValues } from '../figures/figures.views.tsx';
import type { Participation, SideEventFigures, Stats } from './stats.service.ts';

const plain = (ctx: ViewContext, f: TranslatableText) => pick(f, ctx.locale)?.text ?? '';

/**
 * The recorded value of each figure: the registrations' counts when there are any (none otherwise), and for an
 * umbrella week its side events and their organizers.
 */
export function recordedValues(s: Stats, side?: SideEventFigures | null): RecordedValues {
  const any = s.participants > 0;
  const v = (n: number) => (any ? n : null);
  return {
    participants: v(s.participants),
    memberStates: v(s.memberStates),
    regionalAndInternationalOrgs: v(s.regionalAndInternationalOrgs),
    unEntities: v(s.unEntities),
    institutions: v(s.institutions),
    csos: v(s.csos),
    sideEvents: side === undefined ? null : (side?.sideEvents ?? 0),
    stakeholders: side === undefined ? null : (side?.coOrganizers ?? 0),
  };
}

export function StatisticsPage({
  ctx,
  e,
  s,
  p,
  recorded,
  manage,
}: {
  ctx: ViewContext;
  e: EventRow;
  s: Stats;
  p: Participation;
  recorded: RecordedValues;
  manage: boolean;
}) {
  const { t } = ctx;
  const n = (v: number) => formatNumber(ctx.locale, v);
  const pub = p.published;
  return (
    <section>
      <Breadcrumb links={[{ href: `/events/${e.slug}`, label: plain(ctx, e.title) }]} />
      <h1>{t('events.statistics')}</h1>
      {pub ? (
        <section aria-labelledby="published-h" class="published-figures">
          <h2 id="published-h">{t('events.figures.published')}</h2>
          {pub.sentence ? (
            <p class="lead" id="published-sentence">
              {pub.sentence}
            </p>
          ) : null}
          {pub.sideEvents ? <p id="published-side-events">{pub.sideEvents}</p> : null}
          <PublishedFiguresTable ctx={ctx} p={pub.figures} />
        </section>
      ) : null}
      <section aria-labelledby="recorded-h">
        <h2 id="recorded-h">{t('events.figures.recorded')}</h2>
        {p.recorded.sentence ? (
          <p class={pub ? undefined : 'lead'} id="recorded-sentence">
            {p.recorded.sentence}
          </p>
        ) : null}
        {p.recorded.sideEvents ? <p id="recorded-side-events">{p.recorded.sideEvents}</p> : null}
        {!s.participants ? <EmptyState>{t('events.figures.recordedNone')}</EmptyState> : null}
      </section>
      {pub || s.participants ? <ComparisonTable ctx={ctx} p={pub?.figures ?? null} recorded={recorded} /> : null}
      <p>
        <a href={`/events/${e.slug}/statistics/export?format=csv`}>{t('events.exportCsv')}</a> ·{' '}
        <a href={`/events/${e.slug}/statistics/export?format=xlsx`}>{t('events.exportXlsx')}</a>
        {manage ? (
          <>
            {' '}
            · <a href={`/events/${e.slug}/figures`}>{t('events.figures.editLink')}</a>
          </>
        ) : null}
      </p>
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
      ) : null}
    </section>
  );
}
