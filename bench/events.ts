// Events at scale, on PostgreSQL, in one run:
//  1. a burst of 1,000 concurrent registrations to one event over loopback HTTP (bearer tokens, Idempotency-Key):
//     registrations/s as a ratio to a raw single-row INSERT loop on the same pool, p99, server errors, rows equal to
//     successful answers, none over capacity; for scale, the same burst at a route that authenticates and does one
//     INSERT (the ceiling of any registration over HTTP on this stack);
//  2. the public event page's requests/s as a ratio to a hello-world route;
//  3. statistics of an event with 10,000 participants.
// Participants are fictional (generated names, example.org addresses).
import autocannon from 'autocannon';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { loadConfig } from '../src/config.ts';
import { buildApp } from '../src/app.ts';
import { migrateDatabase } from '../src/platform/db/client.ts';
import { freshDatabase } from './db.ts';
import { seedDirectory } from '../src/modules/directory/directory.seed.ts';
import { computeStats } from '../src/modules/events/public/stats.service.ts';
import { API_TOKEN_PREFIX } from '../src/platform/auth/session.ts';

const DB_NAME = process.env.BENCH_EVENTS_DB ?? 'ctcp_bench_events';
const N = 1000;
const CAPACITY = 600;
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};
const rowsOf = (r: unknown) => ((r as { rows?: unknown[] }).rows ?? r) as Record<string, unknown>[];

export async function eventsBench(pgUrl: string) {
  const { database, url } = await freshDatabase(pgUrl, DB_NAME);
  const { db } = database;
  await migrateDatabase(database);
  await seedDirectory(db, { demo: true });
  // As served: anonymous readers of public pages get a page kept for 5 seconds (the production default).
  const config = loadConfig(
    { env: 'test', logLevel: 'silent', databaseUrl: url, pageCacheSeconds: 5 },
    { ...process.env, DATABASE_URL: '' },
  );
  const app = await buildApp(config, { database, migrate: false });
  app.get('/bench/hello', { config: { access: 'public' } }, async () => ({ hello: 'world' }));
  // The ceiling of any registration over HTTP: the same bearer-token authentication, then one single-row INSERT.
  app.post('/api/bench/insert', { config: { access: 'signed_in' } }, async (req, reply) => {
    await db.execute(sql`insert into bench_insert (user_id) values (${(req.actor as { userId: string }).userId})`);
    return reply.code(201).send({ ok: true });
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;

  // 1,000 fictional CSO users with memberships and API tokens.
  const org = rowsOf(await db.execute(sql`select id from organizations where slug = 'demo-youth-voices'`))[0]
    .id as string;
  const tag = randomBytes(3).toString('hex');
  const tokens: string[] = [];
  const userRows = rowsOf(
    await db.execute(
      sql`insert into users (email, name, role)
        select 'bench-' || ${tag} || '-' || g || '@example.org', 'Bench participant ' || g || ' (fictional)',
          'cso_representative'
        from generate_series(1, ${N}) g returning id`,
    ),
  );
  const people = rowsOf(
    await db.execute(
      sql`insert into people (full_name, is_demo)
        select 'Bench participant ' || g || ' (fictional)', true from generate_series(1, ${N}) g returning id`,
    ),
  );
  for (let i = 0; i < N; i++) {
    const token = API_TOKEN_PREFIX + randomBytes(24).toString('base64url');
    tokens.push(token);
    await db.execute(
      sql`update users set person_id = ${people[i].id as string} where id = ${userRows[i].id as string}`,
    );
  }
  await db.execute(
    sql`insert into memberships (person_id, organization_id)
      select id, ${org} from people where full_name like 'Bench participant %'`,
  );
  for (let i = 0; i < N; i += 200) {
    const chunk = tokens.slice(i, i + 200).map(
      (t, j) =>
        sql`(${userRows[i + j].id as string}, 'bench', ${t.slice(0, 12)},
            ${createHash('sha256').update(t).digest('hex')}, array['write'])`,
    );
    await db.execute(
      sql`insert into api_tokens (user_id, name, prefix, token_hash, scopes) values ${sql.join(chunk, sql`, `)}`,
    );
  }
  const start = new Date(Date.now() + 14 * 86400_000);
  const ev = rowsOf(
    await db.execute(sql`insert into events (slug, type, title, summary, format, time_zone, starts_at, ends_at,
      registration_mode, capacity, waitlist, open_to, visibility)
    values ('bench-roundtable-' || ${tag}, 'roundtable',
      ${JSON.stringify({ en: { text: 'Benchmark roundtable (fictional)', status: 'original' } })}::jsonb,
      ${JSON.stringify({ en: { text: 'A fictional event for the benchmark.', status: 'original' } })}::jsonb,
      'virtual', 'Europe/Vienna', ${start}, ${new Date(start.getTime() + 3 * 3600_000)}, 'automatic', ${CAPACITY},
      false, array['cso', 'member_state', 'un_entity'], 'public') returning id, slug`),
  )[0];
  await db.execute(
    sql`insert into event_organizers (event_id, organization_id, role)
      select ${ev.id as string}, id, 'organizer' from organizations where slug = 'unoct'`,
  );

  // Baseline: raw single-row INSERTs on the same pool, at the same concurrency.
  await db.execute(
    sql`create table bench_insert (id uuid primary key default gen_random_uuid(), user_id uuid not null,
      at timestamptz not null default now())`,
  );
  let t0 = performance.now();
  await Promise.all(
    userRows.map((r) => db.execute(sql`insert into bench_insert (user_id) values (${r.id as string})`)),
  );
  const insertSeconds = (performance.now() - t0) / 1000;
  const insertRate = N / insertSeconds;

  // The floor under it: the same burst of authenticated requests, each doing one INSERT and nothing else. Run once
  // before the registrations (unreported: it warms the process up and stamps each token's first use, as the
  // registrations found them) and once after (reported), so that both meet the same state.
  const floorBurst = async () => {
    const floorStatuses = new Map<number, number>();
    const t = performance.now();
    await Promise.all(
      tokens.map(async (token) => {
        const r = await fetch(`${base}/api/bench/insert`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: '{}',
        });
        await r.arrayBuffer();
        floorStatuses.set(r.status, (floorStatuses.get(r.status) ?? 0) + 1);
      }),
    );
    if (floorStatuses.get(201) !== N)
      throw new Error(`authenticated INSERT route: ${[...floorStatuses].map(([k, v]) => `${k}×${v}`).join(', ')}`);
    return N / ((performance.now() - t) / 1000);
  };
  await floorBurst();

  // The burst: every user at once, over HTTP.
  const latencies: number[] = [];
  const statuses = new Map<number, number>();
  t0 = performance.now();
  await Promise.all(
    tokens.map(async (token) => {
      const s = performance.now();
      const r = await fetch(`${base}/api/v1/events/${ev.id}/registrations`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
          'idempotency-key': randomUUID(),
        },
        body: '{}',
      });
      await r.arrayBuffer();
      latencies.push(performance.now() - s);
      statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
    }),
  );
  const burstSeconds = (performance.now() - t0) / 1000;
  const regRate = N / burstSeconds;
  const floorRate = await floorBurst();
  const [row] = rowsOf(
    await db.execute(
      sql`select count(*)::int as total, count(*) filter (where status = 'accepted')::int as accepted
        from event_registrations where event_id = ${ev.id as string}`,
    ),
  );
  const created = statuses.get(201) ?? 0;
  const serverErrors = [...statuses].filter(([s]) => s >= 500).reduce((a, [, n]) => a + n, 0);
  console.log(
    `events     burst of ${N} concurrent registrations over loopback: ${regRate.toFixed(0)} registrations/s ` +
      `(${burstSeconds.toFixed(2)} s), p99 ${pct(latencies, 99).toFixed(0)} ms; ` +
      `raw single-row INSERT on the same pool ${insertRate.toFixed(0)} rows/s; ` +
      `ratio ${(regRate / insertRate).toFixed(2)} (goal ≥ 0.5: ${regRate / insertRate >= 0.5 ? 'met' : 'NOT met'})`,
  );
  console.log(
    `events     for scale: an authenticated HTTP route doing one single-row INSERT and nothing else, same burst: ` +
      `${floorRate.toFixed(0)} requests/s → ratio ${(floorRate / insertRate).toFixed(2)} ` +
      `(the ceiling of any registration over HTTP here)`,
  );
  console.log(
    `events     answers ${[...statuses].map(([s, n]) => `${s}×${n}`).join(', ')}; server errors ${serverErrors}; ` +
      `rows ${row.total} = successful answers ${created}: ${row.total === created ? 'yes' : 'NO'}; ` +
      `accepted ${row.accepted} of ${CAPACITY} seats, over capacity ${Math.max(0, Number(row.accepted) - CAPACITY)}`,
  );

  // The public event page against hello-world.
  const cannon = async (url: string) => {
    const r = await autocannon({ url, connections: 10, duration: Number(process.env.BENCH_SECONDS ?? 8) });
    if (r.non2xx || r.errors) throw new Error(`${url}: ${r.non2xx} non-2xx, ${r.errors} errors`);
    return r.requests.average;
  };
  const hello = await cannon(`${base}/bench/hello`);
  const page = await cannon(`${base}/events/${ev.slug as string}`);
  console.log(
    `events     public event page (anonymous readers, page kept 5 s) ${page.toFixed(0)} req/s; ` +
      `hello-world ${hello.toFixed(0)} req/s; ` +
      `ratio ${(page / hello).toFixed(2)} (goal ≥ 0.3: ${page / hello >= 0.3 ? 'met' : 'NOT met'})`,
  );
  // The same page rendered on every request (what a signed-in reader gets; PAGE_CACHE_SECONDS=0).
  const fresh = await buildApp({ ...config, pageCacheSeconds: 0 }, { database, migrate: false });
  await fresh.listen({ port: 0, host: '127.0.0.1' });
  const rendered = await cannon(
    `http://127.0.0.1:${(fresh.server.address() as { port: number }).port}/events/${ev.slug as string}`,
  );
  await fresh.close();
  console.log(
    `events     public event page rendered on every request ${rendered.toFixed(0)} req/s; ` +
      `ratio to hello-world ${(rendered / hello).toFixed(2)}`,
  );

  // Statistics for 10,000 participants spread over the directory's organizations.
  const big = rowsOf(
    await db.execute(sql`insert into events (slug, type, title, format, time_zone, starts_at, ends_at,
      registration_mode, capacity, waitlist, open_to, visibility)
    values ('bench-conference-' || ${tag}, 'conference',
      ${JSON.stringify({ en: { text: 'Benchmark conference (fictional)', status: 'original' } })}::jsonb,
      'hybrid', 'America/New_York', ${start}, ${new Date(start.getTime() + 8 * 3600_000)}, 'automatic', null, false,
      array['cso', 'member_state', 'un_entity', 'regional_org', 'international_org', 'academia'], 'public')
    returning id`),
  )[0];
  await db.execute(sql`insert into event_registrations (event_id, full_name, email, organization_id, org_type, status,
      attendance, gender)
    select ${big.id as string}, 'Participant ' || g || ' (fictional)', 'p' || g || '-' || ${tag} || '@example.org',
      o.id, o.type::text, 'accepted',
      case when g % 3 = 0 then 'virtual' else 'in_person' end,
      case g % 4 when 0 then 'woman' when 1 then 'man' else null end
    from generate_series(1, 10000) g
      join lateral (select id, type from organizations order by md5(g::text || id::text) limit 1) o on true`);
  const times: number[] = [];
  for (let i = 0; i < 25; i++) {
    const s = performance.now();
    await computeStats(db, big.id as string);
    times.push(performance.now() - s);
  }
  console.log(
    `events     statistics of an event with 10,000 participants: p50 ${pct(times, 50).toFixed(1)} ms, ` +
      `p95 ${pct(times, 95).toFixed(1)} ms over 25 runs (goal < 100 ms: ${pct(times, 95) < 100 ? 'met' : 'NOT met'})`,
  );
  await app.close();
  await database.close();
}
