// Briefing-pack benchmark (npm run bench -- briefing): on PostgreSQL, a year of data — 50,000 needs, 5,000 projects,
// ~20,000 project–need links, 400 assessment visits, 200 events with 100 accepted registrations each and their Chair's
// Summary recommendations, 300 decisions and 2,000 actions — and the time to generate the pack for that year: the
// figures alone (computeSnapshot: every registered section) and the whole POST /api/v1/compact/briefings (figures,
// snapshot, version, audit). Goal: < 1 s on PostgreSQL.
//
// Benchmark data never invents assessments or needs about a real country: every visit, need, beneficiary and
// registration concerns one of 200 fictional "Briefing State NNN (fictional)" rows (is_demo, ISO user-assigned codes
// X..). The database (default ctcp_bench_briefing) is dropped and recreated on each run and kept afterwards.
// Knobs: BENCH_BRIEFING_SAMPLES (10), BENCH_BRIEFING_DB (ctcp_bench_briefing), BENCH_DATABASE_URL.
import { randomBytes } from 'node:crypto';
import { loadConfig } from '../src/config.ts';
import { buildApp } from '../src/app.ts';
import { migrateDatabase, type Database } from '../src/platform/db/client.ts';
import { freshDatabase } from './db.ts';
import { seedDirectory } from '../src/modules/directory/directory.seed.ts';
import { seedFramework } from '../src/modules/framework/framework.service.ts';
import { seedCompact } from '../src/modules/compact/compact.seed.ts';
import { computeSnapshot } from '../src/modules/compact/index.ts';
import { createApiToken, createUserDirect, loadActor } from '../src/modules/access/access.service.ts';
import { percentile } from './timing.ts';

const SAMPLES = Number(process.env.BENCH_BRIEFING_SAMPLES ?? 10);
const DB_NAME = process.env.BENCH_BRIEFING_DB ?? 'ctcp_bench_briefing';
const GOAL_MS = 1000;
const FROM = '2025-01-01';
const TO = '2025-12-31';

const SEED_SQL = `
create function pg_temp.rnd(text) returns float8 language sql immutable
  as $$ select (hashtext($1)::float8 + 2147483648) / 4294967296 $$;
insert into organizations (slug, type, names, iso3, regional_group, is_demo)
select 'briefing-state-' || lpad(n::text, 3, '0'), 'member_state',
  jsonb_build_object('en', 'Briefing State ' || lpad(n::text, 3, '0') || ' (fictional)'), code,
  (array['african', 'asia_pacific', 'eastern_european',
    'latin_american_caribbean', 'western_european_others'])[1 + n % 5]::regional_group, true
from (select row_number() over (order by code) as n, code from (
  select code from (select 'X' || chr(65 + i / 26) || chr(65 + i % 26) as code from generate_series(0, 675) i) c
  where not exists (select 1 from organizations o where o.iso3 = c.code) order by code limit 200) x) s;
create temp table bs as
  select id, row_number() over (order by slug) as n from organizations where slug like 'briefing-state-%';
-- 400 visits across the year.
insert into assessment_visits (state_org_id, type, start_date, end_date, team, status, is_demo)
select bs.id, (array['comprehensive', 'focused', 'follow_up'])[1 + (bs.n + k) % 3]::visit_type,
  date '2025-01-01' + ((bs.n * 7 + k * 180) % 365)::int, date '2025-01-04' + ((bs.n * 7 + k * 180) % 365)::int,
  'Benchmark team (fictional)',
  (array['conducted', 'report_drafted', 'report_adopted', 'planned'])[1 + (bs.n + k) % 4]::visit_status, true
from bs, generate_series(1, 2) k;
-- 50,000 needs created across the year.
insert into ta_needs (state_org_id, source, pillars, priority, descriptions, status, is_demo, created_at, updated_at)
select bs.id, 'other', array(select p from unnest(array['pillar-1','pillar-2','pillar-3','pillar-4']) p
    order by pg_temp.rnd(g.i || p) limit 1 + (g.i / 7) % 2),
  (array['high', 'medium', 'low'])[1 + g.i % 3]::priority,
  jsonb_build_object('en',
    jsonb_build_object('text', 'Benchmark need ' || g.i || ' (fictional)', 'status', 'original')),
  (array['identified', 'validated', 'being_addressed', 'met'])[1 + g.i % 4]::need_status, true, x.at, x.at
from generate_series(1, 50000) g(i)
  cross join lateral (select timestamptz '2025-01-01' + pg_temp.rnd('at:' || g.i) * interval '365 days' as at) x
  join bs on bs.n = 1 + g.i % 200;
-- 5,000 projects led by Compact entities.
create temp table leads as select id, row_number() over (order by slug) as n from organizations
  where compact_member and type <> 'member_state';
insert into projects (kind, code, titles, lead_org_id, pillars, budget_usd, funds_received_usd, status, is_demo)
select 'project', 'BRIEF-' || lpad(g.i::text, 5, '0'),
  jsonb_build_object('en',
    jsonb_build_object('text', 'Benchmark project ' || g.i || ' (fictional)', 'status', 'original')),
  leads.id, array['pillar-' || (1 + g.i % 4)], (50000 + pg_temp.rnd('b' || g.i) * 5000000)::bigint,
  (pg_temp.rnd('f' || g.i) * 50000)::bigint,
  (array['pipeline', 'active', 'completed'])[1 + g.i % 3]::project_status, true
from generate_series(1, 5000) g(i) join leads on leads.n = 1 + g.i % (select count(*) from leads);
create temp table bp as select id, row_number() over (order by code) as n from projects where code like 'BRIEF-%';
create temp table bn as select id, row_number() over (order by created_at) as n from ta_needs where is_demo;
insert into project_needs (project_id, need_id, covered_percent, status, created_at)
select bp.id, bn.id, 50, (array['proposed', 'agreed', 'in_progress', 'delivered'])[1 + r.i % 4]::link_status,
  timestamptz '2025-01-01' + pg_temp.rnd('l' || r.i) * interval '365 days'
from (select i, 1 + floor(pg_temp.rnd('n' || i) * 50000)::int as nn, 1 + floor(pg_temp.rnd('p' || i) * 5000)::int as pn
  from generate_series(1, 20000) i) r join bn on bn.n = r.nn join bp on bp.n = r.pn on conflict do nothing;
-- 200 events across the year, 100 accepted registrations from fictional States each, three recommendations each.
insert into events (slug, type, status, title, format, time_zone, starts_at, ends_at, visibility, is_demo)
select 'briefing-event-' || g.i, 'conference', 'published',
  jsonb_build_object('en',
    jsonb_build_object('text', 'Benchmark event ' || g.i || ' (fictional)', 'status', 'original')),
  'in_person', 'UTC', timestamptz '2025-01-01' + (g.i * 43) * interval '1 hour',
  timestamptz '2025-01-02' + (g.i * 43) * interval '1 hour',
  (array['public', 'platform', 'invited'])[1 + g.i % 3]::event_visibility, true
from generate_series(1, 200) g(i);
insert into event_registrations (event_id, full_name, email, status, organization_id, org_type, is_demo)
select e.id, 'Participant ' || k, 'p' || k || '.' || e.slug || '@bench.localhost', 'accepted', bs.id,
  'member_state', true
from events e cross join generate_series(1, 100) k join bs on bs.n = 1 + (k * 7) % 200
where e.slug like 'briefing-event-%';
insert into event_summary_items (event_id, kind, sort, language, body)
select e.id, 'recommendation', k, 'en', 'Benchmark recommendation ' || k || ' (fictional)'
from events e cross join generate_series(1, 3) k where e.slug like 'briefing-event-%';
-- 300 decisions and 2,000 actions of the Coordination Committee.
insert into compact_decisions (body_id, year, number, symbol, text, decided_on)
select b.id, 2025, g.i, 'BENCH/2025/' || g.i,
  jsonb_build_object('en', jsonb_build_object('text', 'Benchmark decision ' || g.i, 'status', 'original')),
  date '2025-01-01' + (g.i % 365)
from generate_series(1, 300) g(i), compact_bodies b where b.kind = 'coordination_committee';
insert into compact_actions (body_id, source_kind, title, status, due_on, created_at)
select b.id, 'decision',
  jsonb_build_object('en', jsonb_build_object('text', 'Benchmark action ' || g.i, 'status', 'original')),
  (array['open', 'in_progress', 'done', 'dropped'])[1 + g.i % 4], date '2025-01-01' + (g.i % 500),
  timestamptz '2025-01-01' + (g.i % 365) * interval '1 day'
from generate_series(1, 2000) g(i), compact_bodies b where b.kind = 'coordination_committee';
drop table bs, leads, bp, bn;
`;

async function seed(database: Database) {
  const started = performance.now();
  await migrateDatabase(database);
  await seedDirectory(database.db, { demo: false });
  await seedCompact(database.db, { demo: false });
  await seedFramework(database.db);
  await database.exec(SEED_SQL);
  await database.exec(
    'VACUUM ANALYZE organizations, assessment_visits, ta_needs, projects, project_needs, events, ' +
      'event_registrations, event_summary_items, compact_decisions, compact_actions',
  );
  const [c] = await database.query<Record<string, number>>(`select
    (select count(*)::int from ta_needs) as needs, (select count(*)::int from projects) as projects,
    (select count(*)::int from project_needs) as links, (select count(*)::int from assessment_visits) as visits,
    (select count(*)::int from events) as events, (select count(*)::int from event_registrations) as registrations,
    (select count(*)::int from ta_needs n join organizations o on o.id = n.state_org_id where not o.is_demo)
      as needs_on_real`);
  if (c.needs_on_real !== 0) throw new Error('benchmark needs must only concern fictional States');
  console.log(
    `briefing   seeded in ${((performance.now() - started) / 1000).toFixed(1)} s: ` +
      `${c.needs.toLocaleString('en')} needs, ${c.projects.toLocaleString('en')} projects, ` +
      `${c.links.toLocaleString('en')} links, ${c.visits} visits, ${c.events} events, ` +
      `${c.registrations.toLocaleString('en')} registrations (fictional States only)`,
  );
}

async function time(fn: () => Promise<unknown>) {
  await fn(); // warm-up
  const times: number[] = [];
  for (let i = 0; i < SAMPLES; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), max: times[times.length - 1]! };
}

export async function briefingBench(pgUrl: string): Promise<void> {
  const { database } = await freshDatabase(pgUrl, DB_NAME);
  try {
    await seed(database);
    const config = loadConfig({ env: 'test', logLevel: 'silent' }, { ...process.env, DATABASE_URL: '' });
    const app = await buildApp(config, { database, migrate: false });
    await app.ready();
    try {
      const figures = await time(() => computeSnapshot(database.db, { from: FROM, to: TO }));
      const [unoct] = await database.query<{ id: string }>("select id from organizations where slug = 'unoct'");
      const id = await createUserDirect(database.db, {
        email: `bench.coordinator.${randomBytes(3).toString('hex')}@bench.localhost`,
        name: 'Bench coordinator',
        role: 'coordinator',
        password: 'a long benchmark passphrase 1',
        organizationId: unoct!.id,
        sessionSecret: config.sessionSecret,
      });
      const actor = (await loadActor(database.db, id, 'session', true, []))!.actor;
      const { token } = await createApiToken(
        { db: database.db, config, actor },
        { name: 'bench', scopes: ['read', 'write'], expiresInDays: 1 },
      );
      const post = await time(async () => {
        const r = await app.inject({
          method: 'POST',
          url: '/api/v1/compact/briefings',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          payload: { from: FROM, to: TO },
        });
        if (r.statusCode !== 201) throw new Error(`POST: ${r.statusCode} ${r.body.slice(0, 200)}`);
      });
      const ok = (t: { p50: number; max: number }) => (t.max < GOAL_MS ? 'goal met' : 'GOAL MISSED');
      console.log(
        `briefing   pack for ${FROM}–${TO}, ${SAMPLES} samples: figures p50 ${figures.p50.toFixed(0)} ms, ` +
          `max ${figures.max.toFixed(0)} ms (${ok(figures)}); POST /api/v1/compact/briefings p50 ` +
          `${post.p50.toFixed(0)} ms, max ${post.max.toFixed(0)} ms (${ok(post)}; goal < ${GOAL_MS} ms)`,
      );
    } finally {
      await app.close();
    }
  } finally {
    await database.close();
  }
}
