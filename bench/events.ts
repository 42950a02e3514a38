// Events at scale, on PostgreSQL, in one run:
//  1. a burst of 1,000 concurrent registrations to one event over loopback HTTP (bearer tokens, Idempotency-Key):
//     registrations/s as a ratio to a raw single-row INSERT loop on the same pool (the median of three), p99, server
//     errors, rows equal to successful answers, none over capacity; for scale, the same burst at a route that
//     authenticates and does one INSERT (the ceiling of any registration over HTTP on this stack);
//  2. the public event page's requests/s as a ratio to a hello-world route (measured before and after the pages, the
//     mean), for anonymous readers (the kept page) and for a signed-in reader (rendered on every request), with that
//     page's ceiling: its own statement and its bytes, nothing rendered;
//  3. statistics of an event with 10,000 participants.
// The server runs in its own process (bench/server.ts) and the requests come from another (bench/load.ts); this
// process prepares the data, runs the INSERT baseline on its own pool (of the server's size) and checks the rows.
// Participants are fictional (generated names, example.org addresses).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHash, randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { migrateDatabase } from '../src/platform/db/client.ts';
import { freshDatabase } from './db.ts';
import { seedDirectory } from '../src/modules/directory/directory.seed.ts';
import { computeStats } from '../src/modules/events/public/stats.service.ts';
import { adoptPublishedEvents } from '../src/modules/events/index.ts';
import { API_TOKEN_PREFIX, createSession, sessionCookieName } from '../src/platform/auth/session.ts';
import { cannon, cpuDuring, runLoad, startBenchServer, verdict } from './proc.ts';

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
  // Readers get only signed text: the event, inserted as published, is adopted as `ctcp migrate` adopts events
  // published before the two signatures (a system force-publish, flagged).
  await adoptPublishedEvents(db);

  // Baseline: raw single-row INSERTs on the same pool, at the same concurrency.
  await db.execute(
    sql`create table bench_insert (id uuid primary key default gen_random_uuid(), user_id uuid not null,
      at timestamptz not null default now())`,
  );
  // As served: anonymous readers of public pages get a page kept for 5 seconds (the production default).
  // The server's connections carry an application_name, so the burst's sampling tells them from this process's.
  const server = await startBenchServer({
    BENCH_DATABASE_URL: `${url}?application_name=bench-server`,
    BENCH_PAGE_CACHE_SECONDS: '5',
  });
  const base = server.base;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ctcp-bench-events-'));
  const tokensFile = path.join(dir, 'tokens.json');
  writeFileSync(tokensFile, JSON.stringify(tokens));
  type Burst = { seconds: number; statuses: Record<string, number>; p99: number };
  // The baseline moves by a factor of two between runs minutes apart (how fast this machine's PostgreSQL commits at
  // the moment): it is measured three times — here, after the burst and at the end of this part — and the median is
  // the one the ratio uses.
  const insertRates: number[] = [];
  const insertBaseline = async () => {
    const t0 = performance.now();
    await Promise.all(
      userRows.map((r) => db.execute(sql`insert into bench_insert (user_id) values (${r.id as string})`)),
    );
    insertRates.push(N / ((performance.now() - t0) / 1000));
  };
  await insertBaseline();

  // The floor under it: the same burst of authenticated requests, each doing one INSERT and nothing else. Run once
  // before the registrations (unreported: it warms the process up and stamps each token's first use, as the
  // registrations found them) and once after (reported), so that both meet the same state.
  // The server's CPU while `work` runs (what a request costs whatever else the machine runs).
  const serverCpu = <T>(work: () => Promise<T>) => cpuDuring(server.pids, async () => [], work);
  // Each such burst's rate, and the server's CPU per request.
  const burstAt = async (route: string) => {
    const { result: r, serverMs } = await serverCpu(() =>
      runLoad<Burst>({ kind: 'burst', url: `${base}${route}`, tokensFile }),
    );
    if (r.statuses['201'] !== N)
      throw new Error(`${route}: ${Object.entries(r.statuses).map(([k, v]) => `${k}×${v}`)}`);
    return { rate: N / r.seconds, cpu: serverMs / N };
  };
  const floorBurst = () => burstAt('/api/bench/insert');
  await floorBurst();

  // The burst: every user at once, over HTTP. Meanwhile the server's connections are sampled every 10 ms (what each
  // is doing: running, waiting for a lock, idle in a transaction — the client's round trip — or idle), and the CPU of
  // the server process and of its PostgreSQL backends is counted.
  const dbName = new URL(url).pathname.slice(1);
  const backends = async () =>
    rowsOf(
      await db.execute(
        sql`select pid from pg_stat_activity where datname = ${dbName} and application_name = 'bench-server'`,
      ),
    ).map((r) => r.pid as number);
  const states = new Map<string, number>();
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      for (const r of rowsOf(
        await db.execute(sql`select case when state = 'active' and wait_event_type = 'Lock'
            then 'waiting for a lock (' || wait_event || ')' else coalesce(state, '?') end as s
          from pg_stat_activity where datname = ${dbName} and application_name = 'bench-server'`),
      ))
        states.set(r.s as string, (states.get(r.s as string) ?? 0) + 1);
      await new Promise((r) => setTimeout(r, 10));
    }
  })();
  const measured = await cpuDuring(server.pids, backends, () =>
    runLoad<Burst>({
      kind: 'burst',
      url: `${base}/api/v1/events/${ev.id as string}/registrations`,
      tokensFile,
    }),
  );
  sampling = false;
  await sampler;
  const burst = measured.result;
  const statuses = new Map(Object.entries(burst.statuses).map(([k, v]) => [Number(k), v]));
  const burstSeconds = burst.seconds;
  const regRate = N / burstSeconds;
  await insertBaseline();
  const floor = await floorBurst();
  // And under that floor, the least any request of this burst can cost: the same POSTs, answered at once.
  const nothing = await burstAt('/api/bench/nothing');
  await insertBaseline();
  const insertRate = pct(insertRates, 50);
  const [row] = rowsOf(
    await db.execute(
      sql`select count(*)::int as total, count(*) filter (where status = 'accepted')::int as accepted
        from event_registrations where event_id = ${ev.id as string}`,
    ),
  );
  const created = statuses.get(201) ?? 0;
  const serverErrors = [...statuses].filter(([s]) => s >= 500).reduce((a, [, n]) => a + n, 0);
  // Correct means: no server error, a row for each successful answer, and every seat taken (the burst is larger than
  // the capacity), none over it.
  const correct = serverErrors === 0 && row.total === created && created > 0 && Number(row.accepted) === CAPACITY;
  console.log(
    `events     burst of ${N} concurrent registrations over loopback: ${regRate.toFixed(0)} registrations/s ` +
      `(${burstSeconds.toFixed(2)} s), p99 ${burst.p99.toFixed(0)} ms; ` +
      `raw single-row INSERT on the same pool ${insertRate.toFixed(0)} rows/s ` +
      `(median of ${insertRates.map((r) => r.toFixed(0)).join(', ')}); ` +
      `ratio ${verdict(regRate / insertRate, 0.5)}`,
  );
  const sampled = [...states.values()].reduce((a, b) => a + b, 0);
  console.log(
    `events     where the burst's time goes: CPU per registration ${(measured.serverMs / N).toFixed(2)} ms in the ` +
      `server + ${(measured.dbMs / N).toFixed(2)} ms in PostgreSQL; the server's connections were ` +
      [...states]
        .sort((a, b) => b[1] - a[1])
        .map(([k, v]) => `${k} ${((100 * v) / sampled).toFixed(0)} %`)
        .join(', '),
  );
  console.log(
    `events     for scale: an authenticated HTTP route doing one single-row INSERT and nothing else, same burst: ` +
      `${floor.rate.toFixed(0)} requests/s → ratio ${(floor.rate / insertRate).toFixed(2)}, server CPU ` +
      `${floor.cpu.toFixed(2)} ms a request (the ceiling of any registration over HTTP here)`,
  );
  console.log(
    `events     for scale: the same burst answered at once (no credential, no statement): ` +
      `${nothing.rate.toFixed(0)} requests/s → ratio ${(nothing.rate / insertRate).toFixed(2)}, server CPU ` +
      `${nothing.cpu.toFixed(2)} ms a request (the ceiling of any request of this burst: 1,000 new connections)`,
  );
  console.log(
    `events     answers ${[...statuses].map(([s, n]) => `${s}×${n}`).join(', ')}; server errors ${serverErrors}; ` +
      `rows ${row.total} = successful answers ${created}: ${row.total === created ? 'yes' : 'NO'}; ` +
      `accepted ${row.accepted} of ${CAPACITY} seats, over capacity ${Math.max(0, Number(row.accepted) - CAPACITY)}: ` +
      `${correct ? 'ok' : 'MISSED'}`,
  );

  // The public event page against hello-world, measured before the pages and after them (it moves by a third between
  // runs a minute apart on a shared machine): the ratios use the mean of the two.
  // Each with the server's CPU per request, which does not move with the rest of the machine's load.
  const withCpu = async (url: string, headers?: Record<string, string>) => {
    const { result, serverMs } = await serverCpu(() => cannon(url, headers));
    return { ...result, cpu: serverMs / result.total };
  };
  const helloFirst = await withCpu(`${base}/bench/hello`);
  const helloBefore = helloFirst.rps;
  const page = (await cannon(`${base}/events/${ev.slug as string}`)).rps;
  // The same page for a signed-in reader (one of the registered participants): rendered on every request.
  const session = await createSession(db, userRows[0].id as string, true, { idleMinutes: 60, maxHours: 12 });
  const sessionCookie = `${sessionCookieName(true)}=${session}`; // the server's cookie (SECURE_COOKIES=true)
  const one = await fetch(`${base}/events/${ev.slug as string}`, { headers: { cookie: sessionCookie } });
  const bytes = (await one.arrayBuffer()).byteLength;
  if (one.status !== 200) throw new Error(`the event page for a signed-in reader answered ${one.status}`);
  // The cookies a browser holds after its first page: the session and the form token's secret (set by that page).
  const cookie = [sessionCookie, ...one.headers.getSetCookie().map((c) => c.split(';')[0])].join('; ');
  const signedIn = await withCpu(`${base}/events/${ev.slug as string}`, { cookie });
  // Its ceiling: the page's own statement (the reader's visibility check, registration and organizations) and the
  // same bytes, nothing rendered — what no rendering work can go past while every request checks its reader.
  const ceiling = await withCpu(`${base}/bench/event-page-ceiling/${ev.slug as string}`, { cookie });
  const helloAfter = (await cannon(`${base}/bench/hello`)).rps;
  const hello = (helloBefore + helloAfter) / 2;
  console.log(
    `events     hello-world ${helloBefore.toFixed(0)} req/s before the pages, ${helloAfter.toFixed(0)} after ` +
      `(the ratios use ${hello.toFixed(0)}); public event page (anonymous readers, page kept 5 s) ` +
      `${page.toFixed(0)} req/s; ratio ${verdict(page / hello, 0.3)}`,
  );
  console.log(
    `events     the event page for a signed-in reader (${(bytes / 1024).toFixed(0)} kB) ` +
      `${signedIn.rps.toFixed(0)} req/s (p99 ${signedIn.p99} ms); ` +
      `ratio to hello-world ${verdict(signedIn.rps / hello, 0.2)}; server CPU per request ` +
      `${(signedIn.cpu * 1000).toFixed(0)} µs (hello-world ${(helloFirst.cpu * 1000).toFixed(0)} µs)`,
  );
  console.log(
    `events     for scale: the signed-in page's own statement and the same bytes, nothing rendered: ` +
      `${ceiling.rps.toFixed(0)} req/s → ratio ${(ceiling.rps / hello).toFixed(2)}, server CPU ` +
      `${(ceiling.cpu * 1000).toFixed(0)} µs a request (the ceiling of this page while each request checks its reader)`,
  );
  await server.stop();
  rmSync(dir, { recursive: true, force: true });

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
  await database.close();
}
