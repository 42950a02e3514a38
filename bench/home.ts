// Workspace home benchmark (npm run bench -- home): on PostgreSQL, one working-group member — an entity focal point of
// a Compact entity that is a member of a working group body — with 2,000 actions owned by their entity in the register
// (mixed statuses and due dates), 500 meetings of their bodies (every fifth one they are invited to) and 10,000
// notifications; p50/p95/p99 server time of GET / (the workspace home page) for that user's session, and, in the same
// run, of a plain indexed query on the same data (the home page's own notification list: select … from notifications
// where user_id = $1 order by created_at desc limit 10), with the ratio between them. Goal: p95 < 50 ms on PostgreSQL.
//
// Fictional data only: action titles, meeting titles and notifications are "Benchmark … (fictional)"; no State's
// assessments or needs are created. The database (default ctcp_bench_home) is dropped and recreated on each run and
// kept afterwards so the queries can be profiled by hand (EXPLAIN ANALYZE). Requests go through the real app in process
// (app.inject) with a session cookie, sequentially after a warm-up, as in bench/portfolio.ts.
// Knobs: BENCH_HOME_SAMPLES (200), BENCH_HOME_WARMUP (10), BENCH_HOME_SECONDS (20 per measurement),
// BENCH_HOME_DB (ctcp_bench_home), BENCH_DATABASE_URL.
import { randomBytes } from 'node:crypto';
import { loadConfig } from '../src/config.ts';
import { buildApp } from '../src/app.ts';
import { migrateDatabase } from '../src/platform/db/client.ts';
import { freshDatabase } from './db.ts';
import { fmt, load, measure as measureWith } from './timing.ts';
import { seedDirectory } from '../src/modules/directory/directory.seed.ts';
import { seedFramework } from '../src/modules/framework/framework.service.ts';
import { seedCompact } from '../src/modules/compact/compact.seed.ts';
import { createUserDirect } from '../src/modules/access/access.service.ts';
import { createSession, sessionCookieName } from '../src/platform/auth/session.ts';

const SAMPLES = Number(process.env.BENCH_HOME_SAMPLES ?? 200);
const WARMUP = Number(process.env.BENCH_HOME_WARMUP ?? 10);
const BUDGET_MS = Number(process.env.BENCH_HOME_SECONDS ?? 20) * 1000;
const measure = (fn: (i: number) => Promise<unknown>, samples = SAMPLES) =>
  measureWith(fn, { samples, warmup: WARMUP, budgetMs: BUDGET_MS });
const DB_NAME = process.env.BENCH_HOME_DB ?? 'ctcp_bench_home';
const GOAL_MS = 50;

/** The member's data, set-based in one round trip ($USER, $PERSON, $ORG substituted as quoted uuids). Meetings and
 * due dates are spread around now (past and next months), so the page's 30-day window and the due tasks have rows. */
const seedSql = (user: string, person: string, org: string) => `
create function pg_temp.rnd(text) returns float8 language sql immutable
  as $$ select (hashtext($1)::float8 + 2147483648) / 4294967296 $$;
create temp table mb as select b.id, b.kind, row_number() over (order by b.sort_order, b.slug) as n
  from compact_bodies b join compact_body_members m on m.body_id = b.id where m.organization_id = '${org}';
-- 2,000 actions owned by the member's entity, in the registers of its bodies.
insert into compact_actions (body_id, source_kind, title, owner_org_id, status, due_on, created_at)
select mb.id, 'decision',
  jsonb_build_object('en',
    jsonb_build_object('text', 'Benchmark action ' || g.i || ' (fictional)', 'status', 'original')),
  '${org}', (array['open', 'in_progress', 'done', 'dropped'])[1 + g.i % 4],
  case when g.i % 10 = 0 then null else current_date - 200 + floor(pg_temp.rnd('due' || g.i) * 400)::int end,
  now() - (g.i % 365) * interval '1 day'
from generate_series(1, 2000) g(i) join mb on mb.n = 1 + g.i % (select count(*) from mb);
-- 500 meetings of the member's bodies, a year back to a year ahead.
insert into meetings (body_id, kind, title, time_zone, starts_at, ends_at, format, venue, is_demo)
select mb.id, case when mb.kind in ('coordination_committee', 'working_group', 'ctc_briefing') then mb.kind
    else 'ad_hoc' end,
  jsonb_build_object('en',
    jsonb_build_object('text', 'Benchmark meeting ' || g.i || ' (fictional)', 'status', 'original')),
  'UTC', x.at, x.at + interval '2 hours', (array['in_person', 'virtual', 'hybrid'])[1 + g.i % 3],
  'Benchmark room (fictional)', true
from generate_series(1, 500) g(i) join mb on mb.n = 1 + g.i % (select count(*) from mb)
  cross join lateral (select date_trunc('hour', now()) - interval '365 days'
    + floor(pg_temp.rnd('m' || g.i) * 730) * interval '1 day' as at) x;
-- The member is invited to every fifth of them.
insert into meeting_invitees (meeting_id, person_id, organization_id, locale)
select id, '${person}', '${org}', 'en'
from (select id, row_number() over (order by starts_at) as n from meetings where is_demo) m where n % 5 = 0;
-- 10,000 notifications over a year, a third of them unread, some resolved.
insert into notifications (user_id, kind, message_key, values, url, created_at, read_at, resolved_at)
select '${user}', 'meeting_agenda', 'meetings.notify.agenda',
  jsonb_build_object('title', 'Benchmark meeting ' || g.i || ' (fictional)', 'when', '2025-06-01 10:00 UTC'),
  '/notifications', x.at, case when g.i % 3 = 0 then null else x.at + interval '1 hour' end,
  case when g.i % 7 = 0 then x.at + interval '1 day' end
from generate_series(1, 10000) g(i)
  cross join lateral (select now() - pg_temp.rnd('n' || g.i) * interval '365 days' as at) x;
drop table mb;
`;

export async function homeBench(pgUrl: string): Promise<void> {
  const { database } = await freshDatabase(pgUrl, DB_NAME);
  try {
    const started = performance.now();
    await migrateDatabase(database);
    await seedDirectory(database.db, { demo: false });
    await seedCompact(database.db, { demo: false });
    await seedFramework(database.db);
    const config = loadConfig({ env: 'test', logLevel: 'silent' }, { ...process.env, DATABASE_URL: '' });
    // Working-group membership is demo data, not reference data: the first Compact entity (by slug) becomes a member
    // of the first two working group bodies (which makes it a member of their working groups).
    const [org] = await database.query<{ id: string; slug: string }>(
      `select o.id, o.slug from organizations o join compact_entities e on e.organization_id = o.id
       order by o.slug limit 1`,
    );
    if (!org) throw new Error('no Compact entity in the reference data');
    await database.query(
      `insert into compact_body_members (body_id, organization_id, role)
       select id, $1, 'member' from compact_bodies where kind = 'working_group'
       order by sort_order, slug limit 2 on conflict do nothing`,
      [org.id],
    );
    const [{ bodies }] = await database.query<{ bodies: number }>(
      'select count(*)::int as bodies from compact_body_members where organization_id = $1',
      [org.id],
    );
    const userId = await createUserDirect(database.db, {
      email: `bench.member.${randomBytes(3).toString('hex')}@bench.localhost`,
      name: 'Bench working-group member',
      role: 'entity_focal_point',
      password: 'a long benchmark passphrase 1',
      organizationId: org.id,
      focalPoint: true,
      sessionSecret: config.sessionSecret,
    });
    const [u] = await database.query<{ person_id: string }>('select person_id from users where id = $1', [userId]);
    await database.exec(seedSql(userId, u.person_id, org.id));
    await database.exec('VACUUM ANALYZE compact_actions, meetings, meeting_invitees, notifications');
    const [c] = await database.query<Record<string, number>>(
      `select (select count(*)::int from compact_actions where owner_org_id = $1) as actions,
        (select count(*)::int from meetings where is_demo) as meetings,
        (select count(*)::int from meeting_invitees where person_id = $2) as invited,
        (select count(*)::int from notifications where user_id = $3) as notifications`,
      [org.id, u.person_id, userId],
    );
    console.log(
      `home       seeded in ${((performance.now() - started) / 1000).toFixed(1)} s ` +
        `(migrations, reference data, set-based generation, VACUUM ANALYZE): entity focal point of ${org.slug} ` +
        `(member of ${bodies} bodies, 2 of them working groups), ` +
        `${c.actions.toLocaleString('en')} actions owned by the entity, ` +
        `${c.meetings} meetings of its bodies (invited to ${c.invited}), ` +
        `${c.notifications.toLocaleString('en')} notifications (fictional data only)`,
    );

    const app = await buildApp(config, { database, migrate: false });
    await app.ready();
    try {
      const session = await createSession(database.db, userId, true, {
        idleMinutes: config.sessionIdleMinutes,
        maxHours: 2,
      });
      const page = { cookie: `${sessionCookieName(config.secureCookies)}=${session}`, accept: 'text/html' };
      const home = async () => {
        const res = await app.inject({ method: 'GET', url: '/', headers: page });
        if (res.statusCode !== 200) throw new Error(`GET /: ${res.statusCode} ${res.body.slice(0, 200)}`);
        if (!res.body.includes('Benchmark meeting')) throw new Error('GET /: not the workspace of the bench user');
        return res;
      };
      const plain = await measure(
        () =>
          database.query(
            'select id, kind, message_key, values, url, created_at, read_at from notifications ' +
              'where user_id = $1 order by created_at desc limit 10',
            [userId],
          ),
        5 * SAMPLES,
      );
      const page95 = await measure(home);
      console.log(
        `home       up to ${SAMPLES} sequential requests (plain queries ${5 * SAMPLES}) after warm-up, ` +
          `at most ${BUDGET_MS / 1000} s each, in process (app.inject); ${load()}`,
      );
      console.log(`home       ${'plain: notifications where user_id = $1 … limit 10'.padEnd(52)} ${fmt(plain)}`);
      console.log(
        `home       ${'GET / (workspace home)   member (session)'.padEnd(52)} ${fmt(page95)}  ` +
          `p95 ratio to plain ${(page95.p95 / plain.p95).toFixed(0)}×  ` +
          `goal p95 < ${GOAL_MS} ms: ${page95.p95 < GOAL_MS ? 'met' : 'NOT met'} ` +
          `(${(page95.p95 / GOAL_MS).toFixed(2)} of the goal)`,
      );
      console.log(`home       database ${DB_NAME} kept for profiling (dropped and recreated on the next run)`);
    } finally {
      await app.close();
    }
  } finally {
    await database.close();
  }
}
