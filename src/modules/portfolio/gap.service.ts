// Gap analysis: open needs with no response, by region, pillar, theme and priority; coverage; the portfolio's
// balance across the four pillars; open needs per State for the map. Only what the reader may see.
import { and, eq, notInArray, sql, type SQL } from 'drizzle-orm';
import { authorize } from '../../platform/auth/policy.ts';
import { organizations } from '../directory/directory.schema.ts';
import { needs, projects } from './portfolio.schema.ts';
import { answeredSql, needFilterSql, needsVisibleTo, type NeedFilters, type PortfolioContext } from './needs.service.ts';

export interface GapRow { key: string; open: number; unanswered: number; coverage: number }
export interface GapAnalysis {
  totals: { open: number; unanswered: number; coverage: number };
  byRegion: GapRow[]; byPillar: GapRow[]; byTheme: GapRow[]; byPriority: GapRow[];
  byState: { stateOrgId: string; iso3: string | null; names: Record<string, string>; open: number; unanswered: number }[];
  balance: { pillar: string; projects: number; budgetUsd: number }[];
}

const pct = (open: number, unanswered: number) => (open ? Math.round(((open - unanswered) / open) * 1000) / 10 : 0);
const rowsOf = (r: unknown) => ((r as { rows?: unknown[] }).rows ?? r) as Record<string, unknown>[];

export async function gapAnalysis(ctx: PortfolioContext, f: NeedFilters = {}): Promise<GapAnalysis> {
  authorize(ctx.actor, 'gap.read');
  const where: SQL = and(needsVisibleTo(ctx.actor), notInArray(needs.status, ['met', 'closed']), ...needFilterSql(f))!;
  const unanswered = sql<number>`count(*) filter (where not ${answeredSql})`.mapWith(Number);
  const open = sql<number>`count(*)`.mapWith(Number);
  const base = () => ctx.db.select({ key: organizations.regionalGroup, open, unanswered }).from(needs).innerJoin(organizations, eq(organizations.id, needs.stateOrgId)).where(where);
  const [regions, priorities, states] = await Promise.all([
    base().groupBy(organizations.regionalGroup),
    ctx.db.select({ key: needs.priority, open, unanswered }).from(needs).innerJoin(organizations, eq(organizations.id, needs.stateOrgId)).where(where).groupBy(needs.priority),
    ctx.db.select({ stateOrgId: needs.stateOrgId, iso3: organizations.iso3, names: organizations.names, open, unanswered }).from(needs).innerJoin(organizations, eq(organizations.id, needs.stateOrgId)).where(where).groupBy(needs.stateOrgId, organizations.iso3, organizations.names),
  ]);
  // Array columns: one row per (need, code).
  const unnested = async (col: 'themes' | 'pillars') => {
    const sub = ctx.db.select({ id: needs.id, code: sql<string>`unnest(${col === 'themes' ? needs.themes : needs.pillars})`.as('code'), answered: answeredSql.as('answered') })
      .from(needs).innerJoin(organizations, eq(organizations.id, needs.stateOrgId)).where(where).as('u');
    return ctx.db.select({ key: sub.code, open: sql<number>`count(*)`.mapWith(Number), unanswered: sql<number>`count(*) filter (where not ${sub.answered})`.mapWith(Number) }).from(sub).groupBy(sub.code);
  };
  const [themes, pillars] = await Promise.all([unnested('themes'), unnested('pillars')]);
  const balanceRows = rowsOf(await ctx.db.execute(sql`select pc.pillar, count(*)::int as projects, coalesce(sum(p.budget_usd), 0)::bigint as budget
    from ${projects} p, unnest(p.pillars) as pc(pillar) where p.status in ('pipeline', 'active') group by pc.pillar order by pc.pillar`));
  const gap = (rows: { key: string | null; open: number; unanswered: number }[]): GapRow[] =>
    rows.map((r) => ({ key: r.key ?? 'none', open: r.open, unanswered: r.unanswered, coverage: pct(r.open, r.unanswered) })).sort((a, b) => b.unanswered - a.unanswered || a.key.localeCompare(b.key));
  const totalOpen = states.reduce((s, r) => s + r.open, 0);
  const totalUnanswered = states.reduce((s, r) => s + r.unanswered, 0);
  return {
    totals: { open: totalOpen, unanswered: totalUnanswered, coverage: pct(totalOpen, totalUnanswered) },
    byRegion: gap(regions), byPillar: gap(pillars).sort((a, b) => a.key.localeCompare(b.key)), byTheme: gap(themes),
    byPriority: gap(priorities).sort((a, b) => ['high', 'medium', 'low'].indexOf(a.key) - ['high', 'medium', 'low'].indexOf(b.key)),
    byState: states.map((s) => ({ ...s, names: s.names as Record<string, string> })).sort((a, b) => b.unanswered - a.unanswered),
    balance: ['pillar-1', 'pillar-2', 'pillar-3', 'pillar-4'].map((p) => {
      const r = balanceRows.find((x) => x.pillar === p);
      return { pillar: p, projects: Number(r?.projects ?? 0), budgetUsd: Number(r?.budget ?? 0) };
    }),
  };
}
