// Soak (npm run bench -- soak): mixed traffic on two server processes (bench/server.ts, node:cluster) for
// SOAK_MINUTES (default 30): API pages of organizations (bearer token), the event page for signed-in and anonymous
// readers, registrations (each queues its confirmation e-mail; no mail worker runs, so the outbox grows as it would
// while SMTP is down) and speakers' list changes (a delegation added, then withdrawn). Each minute: requests, p99,
// errors (5xx and failed connections; 409s of the speakers' list and of full events are answers, not errors) and the
// RSS of each server process; at the end the RSS trend (least-squares slope per minute, first minute left out as
// warm-up) and the total of errors. SOAK_CONNECTIONS (default 8) requests in flight at a time. Each minute also gives
// the mean time of each kind of request and each process's JavaScript heap after a full collection (a bench-only
// route; the workers run with --expose-gc): a heap that stays level while RSS grows is the allocator's, not a leak.
// SOAK_REGISTRATIONS=off replaces the registrations by reads, so the data stops growing: it tells a slow-down due to
// the data from one due to the processes.
// The traffic itself runs in the load generator's process (bench/load.ts calls soakTraffic).
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { migrateDatabase } from '../src/platform/db/client.ts';
import { seedDirectory } from '../src/modules/directory/directory.seed.ts';
import { API_TOKEN_PREFIX, createSession, sessionCookieName } from '../src/platform/auth/session.ts';
import { adoptPublishedEvents } from '../src/modules/events/index.ts';
import { freshDatabase } from './db.ts';
import { rssMiB, runLoad, startBenchServer } from './proc.ts';

const USERS = 2000;
const EVENTS = 40;
const rowsOf = (r: unknown) => ((r as { rows?: unknown[] }).rows ?? r) as Record<string, unknown>[];

interface SoakJob {
  base: string;
  dataFile: string;
  minutes: number;
  connections: number;
}
interface SoakData {
  tokens: string[];
  adminToken: string;
  cookie: string;
  events: { id: string; slug: string }[];
  floor: { event: string; session: string; orgs: string[] };
}
interface Minute {
  minute: number;
  requests: number;
  errors: number;
  p99: number;
  byOp: Record<string, number>;
  /** mean milliseconds per kind of request */
  msByOp: Record<string, number>;
}

export async function soakBench(pgUrl: string) {
  const minutes = Number(process.env.SOAK_MINUTES ?? 30);
  const { database, url } = await freshDatabase(pgUrl, process.env.BENCH_SOAK_DB ?? 'ctcp_bench_soak');
  const { db } = database;
  await migrateDatabase(database);
  await seedDirectory(db, { demo: true });
  const tag = randomBytes(3).toString('hex');
  const org = rowsOf(await db.execute(sql`select id from organizations where slug = 'demo-youth-voices'`))[0]
    .id as string;
  const users = rowsOf(
    await db.execute(sql`insert into users (email, name, role)
      select 'soak-' || ${tag} || '-' || g || '@example.org', 'Soak participant ' || g || ' (fictional)',
        'cso_representative' from generate_series(1, ${USERS}) g returning id`),
  ).map((r) => r.id as string);
  await db.execute(sql`with p as (
      insert into people (full_name, is_demo)
      select 'Soak participant ' || g || ' (fictional)', true from generate_series(1, ${USERS}) g returning id),
    n as (select id, row_number() over () as i from p),
    u as (select id, row_number() over (order by email) as i from users where email like 'soak-%'),
    m as (insert into memberships (person_id, organization_id) select id, ${org} from p)
    update users set person_id = n.id from n, u where users.id = u.id and u.i = n.i`);
  const tokens = users.map(() => API_TOKEN_PREFIX + randomBytes(24).toString('base64url'));
  const tokenRow = (userId: string, t: string) =>
    sql`(${userId}, 'soak', ${t.slice(0, 12)}, ${createHash('sha256').update(t).digest('hex')},
      array['read', 'write'])`;
  for (let i = 0; i < USERS; i += 500)
    await db.execute(
      sql`insert into api_tokens (user_id, name, prefix, token_hash, scopes)
        values ${sql.join(
          tokens.slice(i, i + 500).map((t, j) => tokenRow(users[i + j], t)),
          sql`, `,
        )}`,
    );
  const admin = rowsOf(
    await db.execute(sql`insert into users (email, name, role)
      values ('soak-admin-' || ${tag} || '@example.org', 'Soak administrator (fictional)', 'platform_admin')
      returning id`),
  )[0].id as string;
  const adminToken = API_TOKEN_PREFIX + randomBytes(24).toString('base64url');
  await db.execute(
    sql`insert into api_tokens (user_id, name, prefix, token_hash, scopes) values ${tokenRow(admin, adminToken)}`,
  );
  const start = new Date(Date.now() + 14 * 86400_000);
  const title = (s: string) => JSON.stringify({ en: { text: s, status: 'original' } });
  const events = rowsOf(
    await db.execute(sql`insert into events (slug, type, title, summary, format, time_zone, starts_at, ends_at,
      registration_mode, capacity, waitlist, open_to, visibility)
    select 'soak-' || ${tag} || '-' || g, 'roundtable', ${title('Soak roundtable (fictional)')}::jsonb,
      ${title('A fictional event for the soak.')}::jsonb, 'virtual', 'Europe/Vienna', ${start},
      ${new Date(start.getTime() + 3 * 3600_000)}, 'automatic', null, false,
      array['cso', 'member_state', 'un_entity'], 'public'
    from generate_series(1, ${EVENTS}) g returning id, slug`),
  ).map((r) => ({ id: r.id as string, slug: r.slug as string }));
  await db.execute(sql`insert into event_organizers (event_id, organization_id, role)
    select e.id, o.id, 'organizer' from events e, organizations o where o.slug = 'unoct' and e.slug like 'soak-%'`);
  // Readers get only signed text: the events, inserted as published, are adopted as `ctcp migrate` adopts events
  // published before the two signatures (a system force-publish, flagged).
  await adoptPublishedEvents(db);
  const session = rowsOf(
    await db.execute(sql`insert into event_sessions (event_id, kind, title, sort)
      values (${events[0].id}, 'interactive_segment', ${title('Interactive segment (fictional)')}::jsonb, 1)
      returning id`),
  )[0].id as string;
  const orgs = rowsOf(
    await db.execute(sql`select id from organizations where type = 'member_state' order by slug limit 100`),
  ).map((r) => r.id as string);
  const cookieToken = await createSession(db, users[0], true, { idleMinutes: 60, maxHours: 48 });
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ctcp-bench-soak-'));
  const dataFile = path.join(dir, 'data.json');
  const data: SoakData = {
    tokens,
    adminToken,
    cookie: `${sessionCookieName(true)}=${cookieToken}`,
    events,
    floor: { event: events[0].id, session, orgs },
  };
  writeFileSync(dataFile, JSON.stringify(data));

  const server = await startBenchServer({ BENCH_DATABASE_URL: url, BENCH_WORKERS: '2', BENCH_EXPOSE_GC: '1' });
  console.log(
    `soak       ${minutes} min of mixed traffic on 2 server processes (pids ${server.pids.join(', ')}); ` +
      `RSS at start ${server.pids.map((p) => rssMiB(p).toFixed(0)).join(' + ')} MiB`,
  );
  const samples: { minute: number; rss: number; heap: number }[] = [];
  // Round-robin between the workers: ask until each has answered (a few tries).
  const heaps = async () => {
    const seen = new Map<number, number>();
    for (let i = 0; i < 12 && seen.size < server.pids.length; i++) {
      const m = (await (await fetch(`${server.base}/bench/memory`)).json()) as { pid: number; heapUsed: number };
      seen.set(m.pid, m.heapUsed / 2 ** 20);
    }
    return server.pids.map((p) => seen.get(p) ?? Number.NaN);
  };
  let errors = 0;
  let requests = 0;
  try {
    await runLoad(
      {
        kind: 'soak',
        base: server.base,
        dataFile,
        minutes,
        connections: Number(process.env.SOAK_CONNECTIONS ?? 8),
      } satisfies SoakJob & { kind: string },
      async (line) => {
        const m = JSON.parse(line) as Minute | { done: true };
        if ('done' in m) return;
        const rss = server.pids.map(rssMiB);
        const total = rss.reduce((a, b) => a + b, 0);
        const heap = await heaps();
        samples.push({ minute: m.minute, rss: total, heap: heap.reduce((a, b) => a + b, 0) });
        errors += m.errors;
        requests += m.requests;
        console.log(
          `soak       minute ${String(m.minute).padStart(3)}: ${m.requests} requests ` +
            `(${Object.entries(m.byOp)
              .map(([k, v]) => `${k} ${v} × ${(m.msByOp[k] ?? 0).toFixed(1)} ms`)
              .join(', ')}), p99 ${m.p99.toFixed(0)} ms, errors ${m.errors}; ` +
            `RSS ${rss.map((r) => r.toFixed(0)).join(' + ')} = ${total.toFixed(0)} MiB; ` +
            `heap after GC ${heap.map((h) => h.toFixed(0)).join(' + ')} MiB`,
        );
      },
    );
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  const outbox = rowsOf(await db.execute(sql`select count(*)::int as n from mail_outbox`))[0]?.n;
  await database.close();
  const fit = samples.filter((s) => s.minute > 1);
  const slope = fit.length >= 2 ? leastSquaresSlope(fit.map((s) => [s.minute, s.rss])) : Number.NaN;
  const heapSlope = fit.length >= 2 ? leastSquaresSlope(fit.map((s) => [s.minute, s.heap])) : Number.NaN;
  console.log(
    `soak       ${requests} requests in ${minutes} min, errors ${errors}: ${errors === 0 ? 'ok' : 'MISSED'}; ` +
      `RSS trend ${Number.isNaN(slope) ? 'n/a (needs 3 minutes)' : `${slope.toFixed(2)} MiB/min`} ` +
      `(both processes, minute 2 on); heap after GC trend ` +
      `${Number.isNaN(heapSlope) ? 'n/a' : `${heapSlope.toFixed(2)} MiB/min`}; e-mails queued ${outbox}`,
  );
}

function leastSquaresSlope(points: number[][]): number {
  const n = points.length;
  const mx = points.reduce((a, [x]) => a + x, 0) / n;
  const my = points.reduce((a, [, y]) => a + y, 0) / n;
  const sxy = points.reduce((a, [x, y]) => a + (x - mx) * (y - my), 0);
  const sxx = points.reduce((a, [x]) => a + (x - mx) ** 2, 0);
  return sxy / sxx;
}

/** The traffic, in the load generator's process: one JSON line per minute, then {"done":true}. */
export async function soakTraffic(job: SoakJob) {
  const data = JSON.parse(readFileSync(job.dataFile, 'utf8')) as SoakData;
  const end = Date.now() + job.minutes * 60_000;
  let minute: Minute = { minute: 1, requests: 0, errors: 0, p99: 0, byOp: {}, msByOp: {} };
  const registrations = process.env.SOAK_REGISTRATIONS !== 'off';
  let latencies: number[] = [];
  let next = 0; // the next (user, event) pair to register
  const bearer = (t: string) => ({ authorization: `Bearer ${t}`, 'content-type': 'application/json' });
  const call = async (op: string, url: string, init: RequestInit, ok: (status: number) => boolean) => {
    const s = performance.now();
    let status = 0;
    let body: unknown = null;
    try {
      const r = await fetch(`${job.base}${url}`, init);
      const text = await r.text();
      status = r.status;
      if (r.headers.get('content-type')?.includes('json')) body = JSON.parse(text);
    } catch {
      status = 0;
    }
    const ms = performance.now() - s;
    latencies.push(ms);
    minute.requests++;
    minute.byOp[op] = (minute.byOp[op] ?? 0) + 1;
    minute.msByOp[op] = (minute.msByOp[op] ?? 0) + ms;
    if (!ok(status)) {
      minute.errors++;
      if (minute.errors <= 3) console.error(`soak: ${op} ${url} answered ${status}`);
    }
    return body;
  };
  const one = async () => {
    const r = Math.random();
    const token = data.tokens[Math.floor(Math.random() * data.tokens.length)];
    const ev = data.events[Math.floor(Math.random() * data.events.length)];
    if (r < 0.45)
      await call(
        'api',
        `/api/v1/organizations?pageSize=50&page=${1 + Math.floor(Math.random() * 4)}`,
        { headers: bearer(token) },
        (s) => s === 200,
      );
    else if (r < 0.65) await call('page', `/events/${ev.slug}`, { headers: { cookie: data.cookie } }, (s) => s === 200);
    else if (r < 0.75) await call('anonymous', `/events/${ev.slug}`, {}, (s) => s === 200);
    else if (r < 0.93 && !registrations)
      await call('page', `/events/${ev.slug}`, { headers: { cookie: data.cookie } }, (s) => s === 200);
    else if (r < 0.93) {
      const k = next++;
      const user = k % data.tokens.length;
      const event = data.events[Math.floor(k / data.tokens.length) % data.events.length];
      await call(
        'register',
        `/api/v1/events/${event.id}/registrations`,
        { method: 'POST', headers: { ...bearer(data.tokens[user]), 'idempotency-key': randomUUID() }, body: '{}' },
        (s) => s === 201 || s === 200 || s === 409,
      );
    } else {
      const { event, session, orgs } = data.floor;
      const org = orgs[Math.floor(Math.random() * orgs.length)];
      const base = `/api/v1/events/${event}/sessions/${session}/speakers`;
      const list = (await call(
        'speakers',
        base,
        { method: 'POST', headers: bearer(data.adminToken), body: JSON.stringify({ organizationId: org }) },
        (s) => s === 201 || s === 409,
      )) as { speakers?: { id: string; organizationId: string; status: string }[] } | null;
      const mine = list?.speakers?.find((x) => x.organizationId === org && x.status === 'waiting');
      if (mine)
        await call(
          'speakers',
          `${base}/${mine.id}/withdraw`,
          { method: 'POST', headers: bearer(data.adminToken), body: '{}' },
          (s) => s === 200 || s === 409,
        );
    }
  };
  let minuteEnds = Date.now() + 60_000;
  const flush = () => {
    const s = latencies.sort((a, b) => a - b);
    minute.p99 = s[Math.min(s.length - 1, Math.floor(0.99 * s.length))] ?? 0;
    for (const op of Object.keys(minute.msByOp)) minute.msByOp[op] /= minute.byOp[op];
    console.log(JSON.stringify(minute));
    minute = { minute: minute.minute + 1, requests: 0, errors: 0, p99: 0, byOp: {}, msByOp: {} };
    latencies = [];
    minuteEnds += 60_000;
  };
  const timer = setInterval(() => {
    if (Date.now() >= minuteEnds) flush();
  }, 250);
  await Promise.all(
    Array.from({ length: job.connections }, async () => {
      while (Date.now() < end) await one();
    }),
  );
  clearInterval(timer);
  if (minute.requests) flush();
  console.log(JSON.stringify({ done: true }));
}
