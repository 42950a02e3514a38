// The assessments' section of the briefing pack (platform/modules/briefing.ts): visits made in the period, counted by
// the assessed States' regional group and by type. Counts only — never a State, a team, a report's title or content.
import { and, inArray, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../../platform/db/client.ts';
import type { BriefingPeriod } from '../../../platform/modules/briefing.ts';
import { orgRegionSql } from '../../directory/index.ts';
import { assessmentVisits, VISIT_TYPES } from '../assessments.schema.ts';

/** A visit is "made" once conducted (conducted, report drafted, report adopted); planned and cancelled ones are not. */
export const MADE_STATUSES = ['conducted', 'report_drafted', 'report_adopted'] as const;

export interface CountRow {
  key: string;
  count: number;
}
export interface VisitFigures {
  total: number;
  byRegion: CountRow[];
  byType: CountRow[];
}

/** Visits made in the period (start date within it), by regional group (`none` when the State has none) and type. */
export async function visitCountsForPeriod(db: Db | Tx, period: Pick<BriefingPeriod, 'from' | 'to'>) {
  const region = orgRegionSql(assessmentVisits.stateOrgId);
  const rows = await db
    .select({
      region: sql<string | null>`${region}`,
      type: assessmentVisits.type,
      n: sql<number>`count(*)`.mapWith(Number),
    })
    .from(assessmentVisits)
    .where(
      and(
        inArray(assessmentVisits.status, [...MADE_STATUSES]),
        sql`${assessmentVisits.startDate} between ${period.from}::date and ${period.to}::date`,
      ),
    )
    .groupBy(sql`1`, assessmentVisits.type);
  const sum = (key: (r: (typeof rows)[number]) => string) => {
    const m = new Map<string, number>();
    for (const r of rows) m.set(key(r), (m.get(key(r)) ?? 0) + r.n);
    return [...m].map(([k, count]) => ({ key: k, count }));
  };
  const byType = sum((r) => r.type);
  return {
    total: rows.reduce((s, r) => s + r.n, 0),
    byRegion: sum((r) => r.region ?? 'none').sort((a, b) => b.count - a.count || a.key.localeCompare(b.key)),
    byType: VISIT_TYPES.map((t) => ({ key: t, count: byType.find((r) => r.key === t)?.count ?? 0 })),
  } satisfies VisitFigures;
}
