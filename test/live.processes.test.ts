// Live updates across app processes: two real app processes on one PostgreSQL database. A is this test's app (changes
// are made through it), B a child process (test/fixtures/app-process.ts) reached over HTTP. A change of a speakers'
// list through A reaches a room-view stream open on B; a page B keeps for anonymous readers is dropped when A changes
// state; an API token revoked and a session signed out through A are refused by B, though B keeps resolved
// credentials (CREDENTIAL_CACHE_SECONDS). The news travels from A's commit to B's listening connection: milliseconds,
// but not ordered with the test's next request to B (a busy machine can delay either), so B is asked again for at
// most one second, the bound the platform promises.
import { adoptPublishedEvents } from '../src/modules/events/index.ts';
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { events, eventOrganizers } from '../src/modules/events/events.schema.ts';
import { seedEvents } from '../src/modules/events/index.ts';
import { sessionCookieName } from '../src/platform/auth/session.ts';
import { createApiToken, loadActor } from '../src/modules/access/access.service.ts';
import { CONFIRMED, makeTestEnv, makeUser, orgId, type TestEnv, type TestUser } from './helper.ts';
import { eventWithSegment, postForm } from './events.helpers.ts';

const MULTI = Boolean(process.env.TEST_DATABASE_URL);
const skip = MULTI ? false : 'PGlite is an embedded database: one process only; two processes need PostgreSQL';

let env: TestEnv;
let child: ChildProcess | undefined;
let b = '';
let coord: TestUser;
let sid = '';
const slug = 'live-floor-conference';

before(async () => {
  if (!MULTI) return;
  env = await makeTestEnv({ pageCacheSeconds: 300, credentialCacheSeconds: 30 });
  await seedEvents(env.database.db, { demo: true });
  coord = await makeUser(env, 'coordinator', { orgSlug: 'unoct' });
  sid = await eventWithSegment(env, coord.agent, slug, [await orgId(env, 'unoct')]);
  child = spawn(process.execPath, ['--import', 'tsx', 'test/fixtures/app-process.ts'], {
    env: {
      ...process.env,
      NODE_ENV: 'test',
      DATABASE_URL: env.databaseUrl,
      BASE_URL: env.config.baseUrl,
      PAGE_CACHE_SECONDS: '300',
      CREDENTIAL_CACHE_SECONDS: '30',
      SECURE_COOKIES: String(env.config.secureCookies),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  child.stderr?.on('data', (d) => {
    err += d;
  });
  const port = await new Promise<string>((resolve, reject) => {
    let out = '';
    child!.stdout?.on('data', (d) => {
      out += d;
      const m = /listening (\d+)/.exec(out);
      if (m) resolve(m[1]);
    });
    child!.on('exit', (code) => reject(new Error(`app process ended (${code}): ${err.slice(-2000)}`)));
  });
  b = `http://127.0.0.1:${port}`;
});

after(async () => {
  if (child && child.exitCode === null) {
    const ended = new Promise((r) => child!.once('exit', r));
    child.kill('SIGTERM');
    await Promise.race([ended, new Promise((r) => setTimeout(r, 5000))]);
    if (child.exitCode === null) child.kill('SIGKILL');
  }
  await env?.close();
});

/** Reads a stream until its text matches, for at most `ms`; returns all read. */
async function readUntil(reader: ReadableStreamDefaultReader<Uint8Array>, pattern: RegExp, ms: number) {
  let got = '';
  const deadline = Date.now() + ms;
  while (!pattern.test(got)) {
    const left = deadline - Date.now();
    if (left <= 0) break;
    let timer: NodeJS.Timeout | undefined;
    const chunk = await Promise.race([
      reader.read(),
      new Promise<null>((r) => {
        timer = setTimeout(() => r(null), left);
      }),
    ]);
    clearTimeout(timer);
    if (!chunk || chunk.done) break;
    got += new TextDecoder().decode(chunk.value);
  }
  return got;
}

/** Asks until `ok` holds, for at most one second. */
async function within1s<T>(ask: () => Promise<T>, ok: (r: T) => boolean): Promise<T> {
  const deadline = Date.now() + 1000;
  let r = await ask();
  while (!ok(r) && Date.now() < deadline) {
    await new Promise((res) => setTimeout(res, 10));
    r = await ask();
  }
  return r;
}

const cookieOf = (u: TestUser) => `${sessionCookieName(env.config.secureCookies)}=${u.sessionToken}`;

test('a change of a speakers list made through A reaches a stream open on B within a second', { skip }, async () => {
  const ac = new AbortController();
  const res = await fetch(`${b}/events/${slug}/sessions/${sid}/speakers/stream`, { signal: ac.signal });
  assert.equal(res.status, 200);
  const reader = res.body!.getReader();
  assert.match(await readUntil(reader, /id: \d+\n\n/, 5000), /retry: 5000/);
  const url = `/events/${slug}/sessions/${sid}/speakers`;
  assert.equal((await postForm(env, coord.agent, url, { organizationId: await orgId(env, 'unodc') })).statusCode, 303);
  const got = await readUntil(reader, /event: change/, 1000);
  ac.abort();
  assert.match(got, new RegExp(`event: change\\nid: 1\\ndata: \\{"session":"${sid}","seq":1\\}`));
});

test('a page B keeps for anonymous readers is dropped when A changes state', { skip }, async () => {
  const eventSlug = `kept-${randomUUID().slice(0, 8)}`;
  const start = new Date(Date.now() + 7 * 86400_000);
  const [e] = await env.database.db
    .insert(events)
    .values({
      slug: eventSlug,
      type: 'roundtable',
      title: { en: { text: 'Kept roundtable', status: 'original' } },
      format: 'virtual',
      timeZone: 'Europe/Vienna',
      startsAt: start,
      endsAt: new Date(start.getTime() + 2 * 3600_000),
      registrationMode: 'automatic',
      capacity: 10,
      openTo: ['cso'],
    })
    .returning();
  await adoptPublishedEvents(env.database.db); // a row written behind the services: as an upgrade
  await env.database.db
    .insert(eventOrganizers)
    .values({ eventId: e.id, organizationId: await orgId(env, 'unoct'), role: 'organizer' });
  const anonymous = async () =>
    (await fetch(`${b}/events/${eventSlug}`, { headers: { accept: 'text/html', 'accept-language': 'en' } })).text();
  assert.match(await anonymous(), /Seats taken: 0 of 10/);
  // Changed behind both apps' backs (no request): B serves the page it keeps. (The seats, read from the row: the
  // event's text is what two people signed, which a row's change does not alter.)
  await env.database.db.update(events).set({ capacity: 20 }).where(eq(events.id, e.id));
  assert.match(await anonymous(), /Seats taken: 0 of 10/, 'B keeps the page');
  // Any state-changing request through A: B drops what it keeps.
  const saved = await postForm(env, coord.agent, '/account/time-zone', { timeZone: 'Europe/Vienna' });
  assert.ok(saved.statusCode < 400, `A changed state: ${saved.statusCode}`);
  assert.match(await within1s(anonymous, (html) => /0 of 20/.test(html)), /Seats taken: 0 of 20/);
});

test('an API token revoked through A is refused by B within a second', { skip }, async () => {
  const user = await makeUser(env, 'coordinator', { orgSlug: 'unoct' });
  const actor = (await loadActor(env.database.db, user.id, 'session', true, []))!.actor;
  const { id, token } = await createApiToken(
    { db: env.database.db, config: env.config, actor },
    { name: 'live', scopes: ['read'], expiresInDays: 1 },
  );
  const me = () => fetch(`${b}/api/v1/me`, { headers: { authorization: `Bearer ${token}` } });
  // B resolves the token and keeps it.
  assert.equal((await me()).status, 200);
  assert.equal((await me()).status, 200);
  const revoked = await user.agent.post(`/account/tokens/${id}/revoke`, CONFIRMED);
  assert.equal(revoked.statusCode, 303, revoked.body.slice(0, 500));
  assert.equal((await within1s(me, (r) => r.status === 401)).status, 401);
});

test('a session signed out through A is refused by B within a second', { skip }, async () => {
  const user = await makeUser(env, 'coordinator', { orgSlug: 'unoct' });
  const account = () =>
    fetch(`${b}/account`, { headers: { cookie: cookieOf(user), accept: 'text/html' }, redirect: 'manual' });
  assert.equal((await account()).status, 200);
  assert.equal((await account()).status, 200);
  const out = await user.agent.post('/sign-out', {});
  assert.ok(out.statusCode === 302 || out.statusCode === 303, `signed out: ${out.statusCode}`);
  const after = await within1s(account, (r) => r.status !== 200);
  assert.notEqual(after.status, 200);
  assert.match(after.headers.get('location') ?? '', /sign-in/);
});
