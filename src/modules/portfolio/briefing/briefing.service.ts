// The portfolio's section of the briefing pack (platform/modules/briefing.ts): needs identified and needs addressed
// in the period by Strategy pillar and by regional group with their coverage, the portfolio's response (projects
// answering needs, their funding gap) and the gap analysis' highlights. Counts and sums only, over every need (the
// secretariat's aggregate view) — never a need's description or source note, never a count per State.
import { sql } from 'drizzle-orm';
import type { Db, Tx } from '../../../platform/db/client.ts';
import type { BriefingPeriod } from '../../../platform/modules/briefing.ts';
import { orgRegionSql } from '../../directory/index.ts';
import { needs } from '../portfolio.schema.ts';

export interface NeedRow {
  key: string;
  needs: number;
  /** Of these needs, how many a project answers today (a link beyond "proposed"). */
  answered: number;
  /** answered / needs, in per cent (one decimal). */
  coverage: number;
}
export interface NeedBreakdown {
  total: NeedRow;
  byPillar: NeedRow[];
  byRegion: NeedRow[];
}
export interface NeedFigures {
  identified: NeedBreakdown;
  addressed: NeedBreakdown;
  response: { projects: number; needsAnswered: number; budgetUsd: number; receivedUsd: number; gapUsd: number };
  highlights: { regions: NeedRow[]; pillars: NeedRow[]; openNeeds: number; unanswered: number };
}

const rowsOf = (r: unknown) => ((r as { rows?: unknown[] }).rows ?? r) as Record<string, unknown>[];
const pct = (n: number, answered: number) => (n ? Math.round((answered / n) * 1000) / 10 : 0);
const PILLARS = ['pillar-1', 'pillar-2', 'pillar-3', 'pillar-4'];

/** Rows of (dim, key, n, answered) → the total, the four pillars (each listed) and the regions (most needs first). */
function breakdown(rows: Record<string, unknown>[]): NeedBreakdown {
  const row = (key: string, r?: Record<string, unknown>): NeedRow => {
    const n = Number(r?.n ?? 0);
    const a = Number(r?.answered ?? 0);
    return { key, needs: n, answered: a, coverage: pct(n, a) };
  };
  const of = (dim: string) => rows.filter((r) => r.dim === dim);
  return {
    total: row('all', of('total')[0]),
    byPillar: PILLARS.map((p) =>
      row(
        p,
        of('pillar').find((r) => r.key === p),
      ),
    ),
    byRegion: of('region')
      .map((r) => row(String(r.key), r))
      .sort((a, b) => b.needs - a.needs || a.key.localeCompare(b.key)),
  };
}

/**
 * The grouped counts of a set of needs (`scope`: a condition on ta_needs), with whether each is answered today. The
 * needs are first grouped by State, pillars and answered (a few thousand groups at most), so the State's regional
 * group is looked up once per group, not once per need.
 */
const grouped = (db: Db | Tx, scope: ReturnType<typeof sql>) =>
  db.execute(sql`with g as (
      select ${needs.stateOrgId} as state_org_id, ${needs.pillars} as pillars,
        ${needs.id} in (select pn.need_id from project_needs pn where pn.status <> 'proposed') as answered,
        count(*)::int as c
      from ${needs} where ${scope} group by 1, 2, 3),
    r as (select g.*, coalesce(${orgRegionSql(sql.raw('g.state_org_id'))}, 'none') as region from g)
    select 'total' as dim, 'all' as key, coalesce(sum(c), 0)::int as n,
      coalesce(sum(c) filter (where answered), 0)::int as answered from g
    union all
    select 'region', region, sum(c)::int, coalesce(sum(c) filter (where answered), 0)::int from r group by region
    union all
    select 'pillar', p, sum(c)::int, coalesce(sum(c) filter (where answered), 0)::int from g, unnest(g.pillars) p
      group by p`);

/** Needs identified (created) and addressed (first answering link made) in the period; response; highlights. */
export async function needFiguresForPeriod(db: Db | Tx, period: Pick<BriefingPeriod, 'from' | 'to'>) {
  const within = (col: ReturnType<typeof sql>) =>
    sql`${col} >= ${period.from}::date and ${col} < ${period.to}::date + 1`;
  // Addressed: the need's first link beyond "proposed" was made in the period (one grouped pass over the links).
  const addressedIds = sql`${needs.id} in (select pn.need_id from project_needs pn where pn.status <> 'proposed'
    group by pn.need_id having ${within(sql`min(pn.created_at)`)})`;
  const linkedInPeriod = sql`select pn.project_id from project_needs pn
    where pn.status <> 'proposed' and ${within(sql`pn.created_at`)}`;
  const [identified, addressed, response, open] = await Promise.all([
    grouped(db, within(sql`${needs.createdAt}`)),
    grouped(db, addressedIds),
    db.execute(sql`select count(*)::int as projects,
        coalesce(sum(p.budget_usd), 0)::bigint as budget,
        coalesce(sum(p.funds_received_usd), 0)::bigint as received,
        coalesce(sum(greatest(coalesce(p.budget_usd, 0) - coalesce(p.funds_received_usd, 0), 0)), 0)::bigint as gap,
        (select count(distinct pn.need_id)::int from project_needs pn
          where pn.status <> 'proposed' and ${within(sql`pn.created_at`)}) as needs
      from projects p where p.id in (${linkedInPeriod})`),
    grouped(db, sql`${needs.status} not in ('met', 'closed')`),
  ]);
  const r = rowsOf(response)[0] ?? {};
  const o = breakdown(rowsOf(open));
  const unanswered = (x: NeedRow) => x.needs - x.answered;
  const top = (rows: NeedRow[]) =>
    rows
      .filter((x) => unanswered(x) > 0)
      .sort((a, b) => unanswered(b) - unanswered(a) || a.key.localeCompare(b.key))
      .slice(0, 3);
  return {
    identified: breakdown(rowsOf(identified)),
    addressed: breakdown(rowsOf(addressed)),
    response: {
      projects: Number(r.projects ?? 0),
      needsAnswered: Number(r.needs ?? 0),
      budgetUsd: Number(r.budget ?? 0),
      receivedUsd: Number(r.received ?? 0),
      gapUsd: Number(r.gap ?? 0),
    },
    highlights: {
      regions: top(o.byRegion),
      pillars: top(o.byPillar),
      openNeeds: o.total.needs,
      unanswered: unanswered(o.total),
    },
  } satisfies NeedFigures;
}
