// The statistics export (CSV/XLSX through the platform's tabular export): each figure with what the organizers
// published (value, wording, how people took part, kinds, source) and what the platform recorded, then the recorded
// participants by stakeholder category and the Member States by regional group. The same rule as the page.
import type { Column } from '../../../platform/export/tabular.ts';
import type { Locale, T } from '../../../platform/i18n/index.ts';
import { pick } from '../../../platform/i18n/text.ts';
import { ORG_TYPES, REGIONAL_GROUPS } from '../../directory/index.ts';
import { PUBLISHED_FIGURE_KINDS, type PublishedFigure, type PublishedFigures } from '../events.schema.ts';
import type { Stats } from './stats.service.ts';

export interface StatisticsRow {
  code: string;
  /** A catalogue key and its values: the label in the reader's language. */
  labelKey: string;
  labelOf?: string;
  published: PublishedFigure | null;
  recorded: number | null;
}

/** Every figure published or recorded, then the recorded breakdowns (gender only when the page shows it). */
export function statisticsRows(
  p: PublishedFigures | null,
  recorded: Record<(typeof PUBLISHED_FIGURE_KINDS)[number], number | null>,
  s: Stats,
): StatisticsRow[] {
  const rows: StatisticsRow[] = PUBLISHED_FIGURE_KINDS.filter(
    (k) => p?.figures.some((f) => f.kind === k) || recorded[k] !== null,
  ).map((k) => ({
    code: k,
    labelKey: `events.figures.kind.${k}`,
    published: p?.figures.find((f) => f.kind === k) ?? null,
    recorded: recorded[k],
  }));
  if (s.participants > 0) {
    for (const c of ORG_TYPES)
      rows.push({
        code: `participants.${c}`,
        labelKey: 'events.figures.kind.participants',
        labelOf: `orgType.${c}`,
        published: null,
        recorded: s.byCategory[c],
      });
    for (const g of REGIONAL_GROUPS)
      rows.push({
        code: `memberStates.${g}`,
        labelKey: 'events.figures.kind.memberStates',
        labelOf: `group.${g}`,
        published: null,
        recorded: s.regionalGroups[g],
      });
    rows.push(
      {
        code: 'attendance.in_person',
        labelKey: 'events.attendanceValue.in_person',
        published: null,
        recorded: s.attendance.in_person,
      },
      {
        code: 'attendance.virtual',
        labelKey: 'events.attendanceValue.virtual',
        published: null,
        recorded: s.attendance.virtual,
      },
      { code: 'checkedIn', labelKey: 'events.checkedIn', published: null, recorded: s.checkedIn },
    );
    if (s.gender)
      for (const g of ['woman', 'man', 'other'] as const)
        rows.push({
          code: `gender.${g}`,
          labelKey: `events.genderValue.${g}`,
          published: null,
          recorded: s.gender[g],
        });
  }
  return rows;
}

export function statisticsColumns(t: T, locale: Locale, p: PublishedFigures | null): Column<StatisticsRow>[] {
  return [
    { key: 'code', header: t('events.figures.code'), hxl: '#indicator+code', value: (r) => r.code },
    {
      key: 'figure',
      header: t('events.figures.figure'),
      hxl: '#indicator+name',
      value: (r) => (r.labelOf ? `${t(r.labelKey)} — ${t(r.labelOf)}` : t(r.labelKey)),
    },
    {
      key: 'published',
      header: t('events.figures.publishedCol'),
      hxl: '#indicator+num+published',
      value: (r) => r.published?.value ?? null,
    },
    {
      key: 'wording',
      header: t('events.figures.wording'),
      hxl: '#meta+qualifier',
      value: (r) => (r.published ? t(`events.figures.qualifier.${r.published.qualifier}`) : null),
    },
    {
      key: 'mode',
      header: t('events.figures.modeLabel'),
      hxl: '#meta+mode',
      value: (r) => (r.published?.mode ? t(`events.figures.mode.${r.published.mode}`) : null),
    },
    {
      key: 'kinds',
      header: t('events.figures.kinds'),
      hxl: '#org+type',
      value: (r) => r.published?.orgKinds.map((k) => t(`orgType.${k}`)).join('; ') || null,
    },
    {
      key: 'source',
      header: t('events.figures.source'),
      hxl: '#meta+source',
      value: (r) => (r.published && p ? (pick(p.sources[r.published.source]?.label, locale)?.text ?? null) : null),
    },
    {
      key: 'recorded',
      header: t('events.figures.recordedCol'),
      hxl: '#indicator+num+recorded',
      value: (r) => r.recorded,
    },
  ];
}
