// Gap analysis: open needs with no response, by region, pillar, theme and priority; coverage; the portfolio's
// balance across the four pillars; open needs per State for the map. Only what the reader may see.
import { and, notInArray, sql, type SQL } from 'drizzle-orm';
import { authorize } from '../../../platform/auth/policy.ts';
import { organizationsByIds } from '../../directory/index.ts';
import { needs, projects } from '../portfolio.schema.ts';
import {
  answeredSql,
  needFilterSql,
  needsVisibleTo,
  type NeedFilters,
  type PortfolioContext,
} from '../needs/needs.service.ts';

export interface GapRow {
  key: string;
  open: number;
  unanswered: number;
  coverage: number;
}
export interface GapAnalysis {
  totals: { open: number; unanswered: number; coverage: number };
  byRegion: GapRow[];
  byPillar: GapRow[];
  byTheme: GapRow[];
  byPriority: GapRow[];
  byState: {
    stateOrgId: string;
    iso3: string | null;
    names: Record<string, string>;
    open: number;
    unanswered: number;
  }[];
  balance: { pillar: string; projects: number; budgetUsd: number }[];
}

const pct = (open: number, unanswered: number) => (open ? Math.round(((open - unanswered) / open) * 1000) / 10 : 0);
const rowsOf = (r: unknown) => ((r as { rows?: unknown[] }).rows ?? r) as Record<string, unknown>[];

export async function gapAnalysis(ctx: PortfolioContext, f: NeedFilters = {}): Promise<GapAnalysis> {
  authorize(ctx.actor, 'gap.read');
  const where: SQL = and(needsVisibleTo(ctx.actor), notInArray(needs.status, ['met', 'closed']), ...needFilterSql(f))!;
  // Two passes over the visible open needs: one grouped by (State, priority) — regions, priorities, States and the
  // totals are sums of it — and one over the unnested theme and pillar codes with grouping sets.
  const byStatePriority = ctx.db
    .select({
      stateOrgId: needs.stateOrgId,
      priority: needs.priority,
      open: sql<number>`count(*)`.mapWith(Number),
      unanswered: sql<number>`count(*) filter (where not ${answeredSql})`.mapWith(Number),
    })
    .from(needs)
    .where(where)
    .groupBy(needs.stateOrgId, needs.priority);
  const codes = ctx.db
    .select({
      theme: sql<string>`unnest(${needs.themes})`.as('theme'),
      pillar: sql<string>`unnest(${needs.pillars})`.as('pillar'),
      answered: answeredSql.as('answered'),
    })
    .from(needs)
    .where(where)
    .as('u');
  const byCode = ctx.db
    .select({
      theme: codes.theme,
      pillar: codes.pillar,
      open: sql<number>`count(*)`.mapWith(Number),
      unanswered: sql<number>`count(*) filter (where not ${codes.answered})`.mapWith(Number),
    })
    .from(codes)
    .groupBy(sql`grouping sets ((${codes.theme}), (${codes.pillar}))`);
  const [cells, codeRows, balanceRows] = await Promise.all([
    byStatePriority,
    byCode,
    ctx.db.execute(sql`select pc.pillar, count(*)::int as projects, coalesce(sum(p.budget_usd), 0)::bigint as budget
    from ${projects} p, unnest(p.pillars) as pc(pillar) where p.status in ('pipeline', 'active')
    group by pc.pillar order by pc.pillar`),
  ]);
  const stateIds = [...new Set(cells.map((c) => c.stateOrgId))];
  const states = (await organizationsByIds(ctx.db, stateIds)).map((o) => ({
    id: o.id,
    iso3: o.iso3,
    names: o.names,
    group: o.regionalGroup,
  }));
  const stateOf = new Map(states.map((s) => [s.id, s]));
  const sum = (rows: { key: string; open: number; unanswered: number }[]) => {
    const m = new Map<string, { key: string; open: number; unanswered: number }>();
    for (const r of rows) {
      const x = m.get(r.key) ?? { key: r.key, open: 0, unanswered: 0 };
      x.open += r.open;
      x.unanswered += r.unanswered;
      m.set(r.key, x);
    }
    return [...m.values()];
  };
  const gap = (rows: { key: string | null; open: number; unanswered: number }[]): GapRow[] =>
    rows
      .map((r) => ({
        key: r.key ?? 'none',
        open: r.open,
        unanswered: r.unanswered,
        coverage: pct(r.open, r.unanswered),
      }))
      .sort((a, b) => b.unanswered - a.unanswered || a.key.localeCompare(b.key));
  const perState = sum(cells.map((c) => ({ key: c.stateOrgId, open: c.open, unanswered: c.unanswered })));
  const totalOpen = perState.reduce((s, r) => s + r.open, 0);
  const totalUnanswered = perState.reduce((s, r) => s + r.unanswered, 0);
  const balance = rowsOf(balanceRows);
  return {
    totals: { open: totalOpen, unanswered: totalUnanswered, coverage: pct(totalOpen, totalUnanswered) },
    byRegion: gap(
      sum(
        cells.map((c) => ({ key: stateOf.get(c.stateOrgId)?.group ?? 'none', open: c.open, unanswered: c.unanswered })),
      ),
    ),
    byPillar: gap(
      codeRows.filter((r) => r.pillar != null).map((r) => ({ key: r.pillar, open: r.open, unanswered: r.unanswered })),
    ).sort((a, b) => a.key.localeCompare(b.key)),
    byTheme: gap(
      codeRows.filter((r) => r.theme != null).map((r) => ({ key: r.theme, open: r.open, unanswered: r.unanswered })),
    ),
    byPriority: gap(sum(cells.map((c) => ({ key: c.priority, open: c.open, unanswered: c.unanswered })))).sort(
      (a, b) => ['high', 'medium', 'low'].indexOf(a.key) - ['high', 'medium', 'low'].indexOf(b.key),
    ),
    byState: perState
      .map((s) => ({
        stateOrgId: s.key,
        iso3: stateOf.get(s.key)?.iso3 ?? null,
        names: (stateOf.get(s.key)?.names ?? { en: '' }) as Record<string, string>,
        open: s.open,
        unanswered: s.unanswered,
      }))
      .sort((a, b) => b.unanswered - a.unanswered),
    balance: ['pillar-1', 'pillar-2', 'pillar-3', 'pillar-4'].map((p) => {
      const r = balance.find((x) => x.pillar === p);
      return { pillar: p, projects: Number(r?.projects ?? 0), budgetUsd: Number(r?.budget ?? 0) };
    }),
  };
}
