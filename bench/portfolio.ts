// Portfolio benchmark (npm run bench -- portfolio): on PostgreSQL with 50,000 needs, 5,000 projects and 200 States,
// p50/p95/p99 server time of the gap analysis (API and page; an analyst, who sees every need, and an entity focal
// point, whose view is filtered by the States' consent) and of matching for one need, each also as a ratio to a plain
// indexed query on the same data, measured in the same run. Goals: gap analysis p95 < 150 ms, matching p95 < 50 ms.
//
// Benchmark data never invents needs about a real country: the 193 Member States are seeded as reference data, and
// every need, visit and beneficiary concerns one of 200 fictional "Benchmark State NNN (fictional)" rows (is_demo,
// ISO user-assigned codes X..). The database (default ctcp_bench_portfolio) is dropped and recreated on each run and
// kept afterwards so the queries can be profiled by hand (EXPLAIN ANALYZE). Requests go through the real app in process
// (app.inject), with an API token for the API and a session cookie for the page. Next to the wall-clock percentiles,
// CPU per request of this Node process and of the PostgreSQL backends (read from /proc when the server is local):
// on a shared machine the percentiles move with the load, the CPU figures much less.
// Knobs: BENCH_PORTFOLIO_SAMPLES (200), BENCH_PORTFOLIO_WARMUP (10), BENCH_PORTFOLIO_SECONDS (20 per measurement),
// BENCH_PORTFOLIO_DB (ctcp_bench_portfolio), BENCH_DATABASE_URL (the server, as for the rest of the bench).
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { loadConfig } from '../src/config.ts';
import { buildApp } from '../src/app.ts';
import { migrateDatabase, type Database } from '../src/platform/db/client.ts';
import { freshDatabase } from './db.ts';
import { seedDirectory } from '../src/modules/directory/directory.seed.ts';
import { seedFramework } from '../src/modules/framework/framework.service.ts';
import { seedCompact } from '../src/modules/compact/compact.seed.ts';
import { FRAMEWORK } from '../src/modules/framework/data/framework.ts';
import { createApiToken, createUserDirect, loadActor } from '../src/modules/access/access.service.ts';
import { createSession, sessionCookieName } from '../src/platform/auth/session.ts';
import * as projectsSvc from '../src/modules/portfolio/projects/projects.service.ts';
import { percentile } from './timing.ts';

const SAMPLES = Number(process.env.BENCH_PORTFOLIO_SAMPLES ?? 200);
const WARMUP = Number(process.env.BENCH_PORTFOLIO_WARMUP ?? 10);
/** Time budget per measurement: fewer samples are taken (and the count printed) when a request is slow. */
const BUDGET_MS = Number(process.env.BENCH_PORTFOLIO_SECONDS ?? 20) * 1000;
const DB_NAME = process.env.BENCH_PORTFOLIO_DB ?? 'ctcp_bench_portfolio';
const GAP_GOAL = 150;
const MATCH_GOAL = 50;

const sqlText = (list: readonly string[]) =>
  `array[${list.map((s) => `'${s.replace(/'/g, "''")}'`).join(', ')}]::text[]`;
const THEMES = FRAMEWORK.filter((f) => f.kind === 'theme').map((f) => f.code);
const PILLARS = FRAMEWORK.filter((f) => f.kind === 'pillar').map((f) => f.code);

/** Set-based generation in one round trip and one session (temporary tables). Pseudo-random values come from a hash
 * of a label and the row number (pg_temp.rnd), so the data set is the same on every run whatever the query plans. */
const SEED_SQL = `
create function pg_temp.rnd(text) returns float8 language sql immutable
  as $$ select (hashtext($1)::float8 + 2147483648) / 4294967296 $$;
-- 200 fictional States (never a real country), codes from the ISO user-assigned range X.., apart from the demo ones.
insert into organizations (slug, type, names, iso3, regional_group, is_demo)
select 'bench-state-' || lpad(n::text, 3, '0'), 'member_state',
  jsonb_build_object('en', 'Benchmark State ' || lpad(n::text, 3, '0') || ' (fictional)',
    'fr', 'État de référence ' || lpad(n::text, 3, '0') || ' (fictif)'),
  code,
  (array['african', 'asia_pacific', 'eastern_european',
    'latin_american_caribbean', 'western_european_others'])[1 + n % 5]::regional_group,
  true
from (select row_number() over (order by code) as n, code from (
  select code from (select 'X' || chr(65 + i / 26) || chr(65 + i % 26) as code from generate_series(0, 675) i) c
  where code not in ('XAR', 'XBO') and not exists (select 1 from organizations o where o.iso3 = c.code)
  order by code limit 200) x) s;
create temp table bs as
  select id, row_number() over (order by slug) as n from organizations where slug like 'bench-state-%';

-- Two assessment visits per fictional State; consent grants on most of them, to a few entities, all Compact
-- entities or a working group; some revoked or expired.
insert into assessment_visits (state_org_id, type, start_date, end_date, team, status, is_demo)
select bs.id, (array['comprehensive', 'focused', 'follow_up'])[1 + (bs.n + k) % 3]::visit_type,
  date '2019-01-06' + (bs.n * 7 + k * 500)::int, date '2019-01-10' + (bs.n * 7 + k * 500)::int,
  'Benchmark team (fictional)', 'report_adopted', true
from bs, generate_series(1, 2) k;
create temp table bv as select x.*, pg_temp.rnd('grant:' || x.n || ':' || x.k) as r from (
  select v.id, v.state_org_id, bs.n, row_number() over (partition by v.state_org_id order by v.start_date) as k
  from assessment_visits v join bs on bs.id = v.state_org_id) x;
insert into compact_body_members (body_id, organization_id, role)
select b.id, o.id, 'member' from compact_bodies b, organizations o
where b.slug = 'wg-criminal-justice-cft' and o.slug in ('unodc', 'interpol') on conflict do nothing;
insert into consent_grants
  (visit_id, grantee_kind, grantee_org_id, grantee_group_id, scope, expires_at, note, revoked_at)
select bv.id, 'organization',
  (select id from organizations where slug = case when bv.r < 0.3 then 'unodc' else 'icao' end), null,
  (case when bv.r < 0.15 then 'needs' else 'both' end)::consent_scope,
  case when bv.r between 0.2 and 0.25 then now() - interval '1 day' end,
  'benchmark (fictional)', case when bv.r between 0.25 and 0.28 then now() - interval '2 days' end
from bv where bv.r < 0.5;
insert into consent_grants (visit_id, grantee_kind, scope, note)
select bv.id, 'compact', 'needs', 'benchmark (fictional)' from bv where bv.r >= 0.5 and bv.r < 0.7;
insert into consent_grants (visit_id, grantee_kind, grantee_group_id, scope, note)
select bv.id, 'working_group', (select id from working_groups where slug = 'wg-criminal-justice-cft'), 'both',
  'benchmark (fictional)'
from bv where bv.r >= 0.7 and bv.r < 0.8;
insert into consent_grants (visit_id, grantee_kind, grantee_org_id, scope, note)
select bv.id, 'organization', (select id from organizations where slug = 'unoct'), 'report', 'benchmark (fictional)'
from bv where bv.r >= 0.9;

-- 50,000 needs: one in five from an assessment visit of the same State, the others from other sources.
insert into ta_needs (state_org_id, source, visit_id, source_note, themes, pillars, resolutions, priority, descriptions,
  status, is_demo, created_at, updated_at)
select bs.id, case when g.i % 5 = 0 then 'assessment_visit' else 'other' end::need_source, bv.id,
  case when g.i % 5 = 0 then '' else 'Request of the State (benchmark, fictional)' end,
  array(select t from unnest(${sqlText(THEMES)}) t order by pg_temp.rnd(g.i || t) limit 1 + g.i % 3),
  array(select p from unnest(${sqlText(PILLARS)}) p order by pg_temp.rnd(g.i || p) limit 1 + (g.i / 7) % 2),
  '{}'::text[],
  (array['high', 'medium', 'low'])[1 + floor(pg_temp.rnd('priority:' || g.i) * 3)::int]::priority,
  jsonb_build_object('en', jsonb_build_object(
    'text', 'Benchmark need ' || g.i || ' (fictional, generated for the benchmark)', 'status', 'original')),
  (case when x.r < 0.25 then 'identified' when x.r < 0.45 then 'validated' when x.r < 0.6 then 'in_consultation'
        when x.r < 0.8 then 'being_addressed' when x.r < 0.9 then 'met' else 'closed' end)::need_status,
  true, x.at, x.at
from generate_series(1, 50000) g(i)
  cross join lateral (select pg_temp.rnd('status:' || g.i) as r,
    timestamptz '2026-01-01' - pg_temp.rnd('at:' || g.i) * interval '1000 days' + g.i * interval '1 ms' as at) x
  join bs on bs.n = 1 + g.i % 200
  left join bv on g.i % 5 = 0 and bv.state_org_id = bs.id and bv.k = 1 + (g.i / 5) % 2;

-- 5,000 projects (250 programmes) led by Compact entities.
create temp table leads as select id, row_number() over (order by slug) as n from organizations
  where compact_member and type <> 'member_state';
insert into projects (kind, code, titles, summary, lead_org_id, themes, pillars, regions, budget_usd,
  funds_received_usd, start_date, end_date, status, is_demo)
select case when g.i <= 250 then 'programme' else 'project' end::project_kind, 'BENCH-' || lpad(g.i::text, 5, '0'),
  jsonb_build_object('en',
    jsonb_build_object('text', 'Benchmark project ' || g.i || ' (fictional)', 'status', 'original')),
  '',
  leads.id,
  array(select t from unnest(${sqlText(THEMES)}) t order by pg_temp.rnd('p' || g.i || t) limit 1 + g.i % 4),
  array(select p from unnest(${sqlText(PILLARS)}) p order by pg_temp.rnd('p' || g.i || p) limit 1 + (g.i / 3) % 2),
  array(select r
    from unnest(array['african', 'asia_pacific', 'eastern_european',
      'latin_american_caribbean', 'western_european_others']) r
    order by pg_temp.rnd('p' || g.i || r) limit g.i % 3),
  x.budget, case when x.r < 0.6 then (x.budget * pg_temp.rnd('funds:' || g.i))::bigint else 0 end,
  date '2024-01-01' + (g.i % 900), date '2026-01-01' + (g.i % 900),
  (case when x.r2 < 0.25 then 'pipeline' when x.r2 < 0.7 then 'active' when x.r2 < 0.9 then 'completed'
        else 'closed' end)::project_status,
  true
from generate_series(1, 5000) g(i)
  cross join lateral (select (50000 + pg_temp.rnd('budget:' || g.i) * 5000000)::bigint as budget,
    pg_temp.rnd('funded:' || g.i) as r, pg_temp.rnd('pstatus:' || g.i) as r2) x
  join leads on leads.n = 1 + g.i % (select count(*) from leads);
create temp table bp as select id, row_number() over (order by code) as n from projects where code like 'BENCH-%';
update projects p set parent_id = pr.id from bp c, bp pr where p.id = c.id and c.n > 250 and pr.n = 1 + c.n % 250;

-- 0 to 4 fictional beneficiary States per project.
insert into project_beneficiaries (project_id, state_org_id)
select bp.id, b.id
from bp cross join lateral (select bs.id from bs order by pg_temp.rnd('b' || bp.n || ':' || bs.n) limit bp.n % 5) b
on conflict do nothing;

-- ~20,000 links from projects to the needs they answer.
create temp table bn as select id, row_number() over (order by created_at) as n from ta_needs where is_demo;
insert into project_needs (project_id, need_id, covered_percent, status)
select bp.id, bn.id, 10 + (pg_temp.rnd('c' || r.i) * 90)::int,
  (case when r.s < 0.3 then 'proposed' when r.s < 0.55 then 'agreed' when r.s < 0.85 then 'in_progress'
        else 'delivered' end)::link_status
from (select i, 1 + floor(pg_temp.rnd('n' || i) * 50000)::int as nn, 1 + floor(pg_temp.rnd('p' || i) * 5000)::int as pn,
    pg_temp.rnd('s' || i) as s
  from generate_series(1, 20000) i) r
  join bn on bn.n = r.nn join bp on bp.n = r.pn
on conflict do nothing;
drop table bs, bv, leads, bp, bn;
`;

interface Timing {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  nodeCpu: number;
  pgCpu: number | null;
}

/** CPU ticks (user + system) of the PostgreSQL backends serving this database, by pid, when the server is local
 * (/proc readable). Wall-clock percentiles depend on what else runs on the machine; CPU per request much less. */
async function backendTicks(database: Database): Promise<Map<number, number> | null> {
  const pids = await database.query<{ pid: number }>(
    'select pid from pg_stat_activity where datname = current_database()',
  );
  const ticks = new Map<number, number>();
  for (const { pid } of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks.set(pid, Number(f[11]) + Number(f[12]));
    } catch {
      return null;
    }
  }
  return ticks;
}
const TICK_MS = 10; // USER_HZ is 100 on Linux

/** Sequential samples after a warm-up (at most ~3 s of it), within the time budget. */
async function measure(database: Database, fn: (i: number) => Promise<unknown>, samples = SAMPLES): Promise<Timing> {
  const warm = performance.now();
  for (let i = 0; i < WARMUP && (i < 2 || performance.now() - warm < 3000); i++) await fn(i);
  const times: number[] = [];
  const pg0 = await backendTicks(database);
  const cpu0 = process.cpuUsage();
  const started = performance.now();
  for (let i = 0; i < samples && (times.length < 20 || performance.now() - started < BUDGET_MS); i++) {
    const t0 = performance.now();
    await fn(i);
    times.push(performance.now() - t0);
  }
  const cpu = process.cpuUsage(cpu0);
  const pg1 = await backendTicks(database);
  const pgTicks = pg0 && pg1 ? [...pg1].reduce((sum, [pid, t]) => sum + t - (pg0.get(pid) ?? 0), 0) : null;
  const n = times.length;
  times.sort((a, b) => a - b);
  return {
    n,
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    p99: percentile(times, 99),
    nodeCpu: (cpu.user + cpu.system) / 1000 / n,
    pgCpu: pgTicks == null ? null : (pgTicks * TICK_MS) / n,
  };
}

const ms = (x: number) => (x < 10 ? x.toFixed(2) : x.toFixed(1));
const fmt = (t: Timing) =>
  `n=${String(t.n).padStart(4)}  p50 ${ms(t.p50).padStart(6)}  ` +
  `p95 ${ms(t.p95).padStart(6)}  p99 ${ms(t.p99).padStart(6)} ms`;
const cpuOf = (t: Timing) =>
  `CPU/req node ${ms(t.nodeCpu).padStart(5)} + pg ${t.pgCpu == null ? '  n/a' : ms(t.pgCpu).padStart(5)} ms`;
const load = () =>
  `load average ${os
    .loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')} on ${os.cpus().length} cores`;

async function seed(database: Database) {
  const started = performance.now();
  await migrateDatabase(database);
  await seedDirectory(database.db, { demo: false });
  await seedCompact(database.db, { demo: false });
  await seedFramework(database.db);
  await database.exec(SEED_SQL);
  const generated = performance.now();
  await database.exec(
    'VACUUM ANALYZE organizations, assessment_visits, consent_grants, ta_needs, ' +
      'projects, project_beneficiaries, project_needs',
  );
  const [c] = await database.query<Record<string, number>>(`select
    (select count(*)::int from organizations where type = 'member_state') as states,
    (select count(*)::int from organizations where type = 'member_state' and is_demo) as fictional,
    (select count(*)::int from assessment_visits) as visits, (select count(*)::int from consent_grants) as grants,
    (select count(*)::int from ta_needs) as needs,
    (select count(*)::int from ta_needs where source = 'assessment_visit') as from_visits,
    (select count(*)::int from ta_needs n join organizations o on o.id = n.state_org_id where not o.is_demo)
      as needs_on_real,
    (select count(*)::int from projects) as projects,
    (select count(*)::int from project_beneficiaries) as beneficiaries,
    (select count(*)::int from project_needs) as links`);
  if (c.needs_on_real !== 0) throw new Error('benchmark needs must only concern fictional States');
  const total = (performance.now() - started) / 1000;
  console.log(
    `portfolio  seeded in ${total.toFixed(1)} s ` +
      `(set-based generation ${((generated - started) / 1000).toFixed(1)} s ` +
      `incl. migrations and reference data, then VACUUM ANALYZE): ` +
      `${c.states} States in the directory (${c.fictional} fictional benchmark States carry every need), ` +
      `${c.visits} visits, ${c.grants} consent grants, ` +
      `${c.needs.toLocaleString('en')} needs (${c.from_visits.toLocaleString('en')} from visits), ` +
      `${c.projects.toLocaleString('en')} projects, ` +
      `${c.beneficiaries.toLocaleString('en')} beneficiary rows, ${c.links.toLocaleString('en')} project–need links`,
  );
}

export async function portfolioBench(pgUrl: string): Promise<void> {
  const { database } = await freshDatabase(pgUrl, DB_NAME);
  try {
    await seed(database);
    const config = loadConfig({ env: 'test', logLevel: 'silent' }, { ...process.env, DATABASE_URL: '' });
    const app = await buildApp(config, { database, migrate: false });
    await app.ready();
    try {
      const orgBySlug = async (slug: string) =>
        (await database.query<{ id: string }>('select id from organizations where slug = $1', [slug]))[0].id;
      const totp = randomBytes(20)
        .toString('hex')
        .toUpperCase()
        .replace(/[^A-Z2-7]/g, 'A')
        .slice(0, 32);
      const user = async (role: 'analyst' | 'entity_focal_point', org: string) => {
        const id = await createUserDirect(database.db, {
          email: `bench.${role}.${randomBytes(3).toString('hex')}@bench.localhost`,
          name: `Bench ${role}`,
          role,
          password: 'a long benchmark passphrase 1',
          organizationId: await orgBySlug(org),
          focalPoint: true,
          totpSecret: totp,
          sessionSecret: config.sessionSecret,
        });
        const actor = (await loadActor(database.db, id, 'session', true, []))!.actor;
        const { token } = await createApiToken(
          { db: database.db, config, actor },
          { name: 'bench', scopes: ['read'], expiresInDays: 1 },
        );
        const session = await createSession(database.db, id, true, {
          idleMinutes: config.sessionIdleMinutes,
          maxHours: 2,
        });
        return {
          actor,
          api: { authorization: `Bearer ${token}`, accept: 'application/json' },
          page: { cookie: `${sessionCookieName(config.secureCookies)}=${session}`, accept: 'text/html' },
        };
      };
      const analyst = await user('analyst', 'cted');
      const entity = await user('entity_focal_point', 'unodc');

      const get = async (url: string, headers: Record<string, string>) => {
        const res = await app.inject({ method: 'GET', url, headers });
        if (res.statusCode !== 200) throw new Error(`GET ${url}: ${res.statusCode} ${res.body.slice(0, 200)}`);
        return res;
      };
      // Sanity: the entity focal point's gap analysis is narrower than the analyst's (consent filter at work).
      const seen = async (h: Record<string, string>) =>
        (JSON.parse((await get('/api/v1/gap-analysis', h)).body) as { totals: { open: number } }).totals.open;
      const [allOpen, entityOpen] = [await seen(analyst.api), await seen(entity.api)];
      if (!(entityOpen < allOpen))
        throw new Error(`consent filter not at work: entity sees ${entityOpen} open needs, analyst ${allOpen}`);

      const ids = (await database.query<{ id: string }>('select id from ta_needs order by created_at limit 500')).map(
        (r) => r.id,
      );
      const states = (
        await database.query<{ id: string }>(
          "select id from organizations where slug like 'bench-state-%' order by slug",
        )
      ).map((r) => r.id);
      const need = (
        await database.query<{
          id: string;
          themes: string[];
        }>(`select n.id, n.themes from ta_needs n where n.source = 'other' and n.status = 'validated'
        and cardinality(n.themes) = 2 and cardinality(n.pillars) = 1 order by n.created_at limit 1`)
      )[0];

      const byId = await measure(
        database,
        (i) => database.query('select * from ta_needs where id = $1', [ids[i % ids.length]]),
        5 * SAMPLES,
      );
      const byState = await measure(
        database,
        (i) => database.query('select count(*) from ta_needs where state_org_id = $1', [states[i % states.length]]),
        5 * SAMPLES,
      );
      const goal = (t: Timing, limit: number) =>
        `${(t.p95 / byId.p95).toFixed(0).padStart(4)}× / ${(t.p95 / byState.p95).toFixed(0).padStart(3)}×  ` +
        `goal p95 < ${limit} ms: ${t.p95 < limit ? 'met' : 'NOT met'}`;
      console.log(
        `portfolio  analyst sees ${allOpen.toLocaleString('en')} open needs, ` +
          `entity focal point (UNODC) ${entityOpen.toLocaleString('en')}; ` +
          `up to ${SAMPLES} sequential requests (plain queries ${5 * SAMPLES}) after warm-up, ` +
          `at most ${BUDGET_MS / 1000} s each, in process (app.inject); ${load()}`,
      );
      console.log(
        `portfolio  ${'plain: select * from ta_needs where id = $1'.padEnd(52)} ${fmt(byId)}  ${cpuOf(byId)}`,
      );
      console.log(
        `portfolio  ${'plain: select count(*) … where state_org_id = $1'.padEnd(52)} ` +
          `${fmt(byState)}  ${cpuOf(byState)}`,
      );
      console.log(`portfolio  ${''.padEnd(52)} ${''.padEnd(47)} ${''.padEnd(34)} p95 ratio to plain by id / by state`);
      const rows: [string, () => Promise<Timing>, number][] = [
        [
          'GET /api/v1/gap-analysis   analyst (token)',
          () => measure(database, () => get('/api/v1/gap-analysis', analyst.api)),
          GAP_GOAL,
        ],
        [
          'GET /api/v1/gap-analysis   entity (token)',
          () => measure(database, () => get('/api/v1/gap-analysis', entity.api)),
          GAP_GOAL,
        ],
        [
          'GET /gap-analysis (page)   analyst (session)',
          () => measure(database, () => get('/gap-analysis', analyst.page)),
          GAP_GOAL,
        ],
        [
          'GET /gap-analysis (page)   entity (session)',
          () => measure(database, () => get('/gap-analysis', entity.page)),
          GAP_GOAL,
        ],
        [
          `GET /api/v1/needs/:id (matching) analyst`,
          () => measure(database, () => get(`/api/v1/needs/${need.id}`, analyst.api)),
          MATCH_GOAL,
        ],
        [
          'projectsSvc.matchProjects() analyst',
          () => measure(database, () => projectsSvc.matchProjects({ db: database.db, actor: analyst.actor }, need.id)),
          MATCH_GOAL,
        ],
      ];
      for (const [label, run, limit] of rows) {
        const t = await run();
        console.log(`portfolio  ${label.padEnd(52)} ${fmt(t)}  ${cpuOf(t)}  ${goal(t, limit)}`);
      }
      console.log(
        `portfolio  ${load()} at the end; ` +
          `database ${DB_NAME} kept for profiling (dropped and recreated on the next run)`,
      );
    } finally {
      await app.close();
    }
  } finally {
    await database.close();
  }
}
