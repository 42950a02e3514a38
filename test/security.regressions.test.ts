// The findings of the adversarial test (security issue), each kept fixed by a test that failed on the code before the
// fix. Concurrency runs with real parallel connections when TEST_DATABASE_URL points at PostgreSQL (the pool has ten).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { generate } from 'otplib';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { seedAll } from '../src/seed.ts';
import { ANONYMOUS } from '../src/platform/auth/policy.ts';
import { createApiToken, loadActor, signIn } from '../src/modules/access/access.service.ts';
import { sessionCookieName } from '../src/platform/auth/session.ts';
import {
  Agent,
  dbLabel,
  location,
  makeTestEnv,
  makeUser,
  orgId,
  TEST_PASSWORD,
  TEST_TOTP,
  type TestEnv,
  type TestUser,
} from './helper.ts';
import { postForm } from './events.helpers.ts';

let env: TestEnv;
const log: string[] = [];
before(async () => {
  env = await makeTestEnv({ logLevel: 'warn' }, true, { logStream: { write: (line) => void log.push(line) } });
});
after(async () => {
  await env?.close();
});

const count = async (q: string, p: unknown[] = []) => (await env.database.query<{ n: number }>(q, p))[0].n;
const tokenOf = async (u: TestUser) =>
  (
    await createApiToken(
      {
        db: env.database.db,
        config: env.config,
        actor: (await loadActor(env.database.db, u.id, 'session', true, []))!.actor,
      },
      { name: 't', scopes: ['write'], expiresInDays: 1 },
    )
  ).token;
const api = async (u: TestUser, method: 'GET' | 'POST', url: string, payload?: unknown) => {
  const r = await env.app.inject({
    method,
    url,
    headers: {
      authorization: `Bearer ${await tokenOf(u)}`,
      ...(payload !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    payload: typeof payload === 'string' || Buffer.isBuffer(payload) ? payload : JSON.stringify(payload),
  });
  return r;
};

/** A password-pending browser session of the user (signed in with the password, second factor still to give). */
async function pendingSession(email: string): Promise<Agent> {
  const a = new Agent(env.app);
  const r = await a.post('/sign-in', { email, password: TEST_PASSWORD });
  assert.equal(r.statusCode, 303, r.body.slice(0, 300));
  assert.match(location(r), /two-factor/);
  return a;
}

// 1. The client's IP is the peer's unless TRUST_PROXY names the proxy.
test(`X-Forwarded-For is ignored unless TRUST_PROXY trusts the peer, in production too (${dbLabel()})`, async () => {
  const prod = (trustProxy?: string) =>
    loadConfig(
      {
        env: 'production',
        logLevel: 'silent',
        databaseUrl: 'postgres://unused.invalid/x',
        sessionSecret: 's'.repeat(40),
        auditKey: 'k'.repeat(40),
        secureCookies: false,
        signInRateLimit: 5,
        pageCacheSeconds: 0,
        ...(trustProxy === undefined ? {} : { trustProxy }),
      },
      {},
    );
  const app = await buildApp(prod(), { database: env.database, migrate: false });
  try {
    const statuses: number[] = [];
    const client = new Agent(app);
    for (let i = 0; i < 8; i++) {
      const r = await client.post(
        '/sign-in',
        { email: 'nobody@example.org', password: 'x' },
        { headers: { 'x-forwarded-for': `203.0.113.${i + 1}` } },
      );
      statuses.push(r.statusCode);
    }
    assert.ok(statuses.includes(429), `a rotating X-Forwarded-For header does not escape the limit: ${statuses}`);
    const ips = await env.database.query<{ ip: string | null }>(
      `select p.ip from audit_log l join audit_personal p on p.audit_id = l.id
       where l.action = 'auth.sign_in.failure' and p.actor_label = 'nobody@example.org'`,
    );
    assert.ok(ips.length > 0);
    assert.ok(
      ips.every((r) => !String(r.ip).startsWith('203.0.113.')),
      'the audit log keeps the peer, not the header',
    );
  } finally {
    await app.close();
  }
  // Behind a proxy at a known address, its header is believed.
  const behind = await buildApp(prod('127.0.0.1'), { database: env.database, migrate: false });
  try {
    const proxied = await new Agent(behind).post(
      '/sign-in',
      { email: 'proxied@example.org', password: 'x' },
      { headers: { 'x-forwarded-for': '198.51.100.7' } },
    );
    assert.equal(proxied.statusCode, 401);
    const [row] = await env.database.query<{ ip: string }>(
      `select p.ip from audit_log l join audit_personal p on p.audit_id = l.id
       where p.actor_label = 'proxied@example.org' order by l.id desc limit 1`,
    );
    assert.equal(row.ip, '198.51.100.7');
  } finally {
    await behind.close();
  }
});

// 2. A TOTP code is one-time even when five sessions send it at once.
test(`one TOTP code signs in one session only, under concurrency (${dbLabel()})`, async () => {
  const u = await makeUser(env, 'analyst', { orgSlug: 'cted' });
  // (An account that answered the first sign-in's time-zone question: signing in lands on the page asked for.)
  await env.database.query('update users set time_zone_confirmed_at = now() where id = $1', [u.id]);
  const agents = [];
  for (let i = 0; i < 8; i++) agents.push(await pendingSession(u.email));
  const csrf = await Promise.all(agents.map((a) => a.csrf()));
  const code = await generate({ secret: TEST_TOTP });
  // All eight requests leave together (their CSRF tokens fetched beforehand).
  const results = await Promise.all(
    agents.map((a, i) => a.post('/sign-in/two-factor', { code, next: '/account', _csrf: csrf[i] }, { csrf: false })),
  );
  const signedIn = results.filter((r) => r.statusCode === 303 && location(r) === '/account');
  assert.equal(signedIn.length, 1, `statuses: ${results.map((r) => r.statusCode)}`);
});

// 3. Wrong second-factor codes are limited per account: the pending session ends and the account locks.
test(`25 wrong second-factor codes, then the right one: not signed in (${dbLabel()})`, async () => {
  const u = await makeUser(env, 'analyst', { orgSlug: 'cted' });
  const a = await pendingSession(u.email);
  const right = await generate({ secret: TEST_TOTP });
  const wrong = String((Number(right) + 1) % 1_000_000).padStart(6, '0');
  for (let i = 0; i < 25; i++) await a.post('/sign-in/two-factor', { code: wrong });
  const last = await a.post('/sign-in/two-factor', { code: right, next: '/account' });
  assert.notEqual(location(last), '/account', 'the right code after 25 wrong ones does not sign in');
  const again = new Agent(env.app);
  const r = await again.post('/sign-in', { email: u.email, password: TEST_PASSWORD });
  assert.equal(r.statusCode, 401, 'the account is locked for a while');
  assert.equal(
    await count("select count(*)::int as n from audit_log where action = 'auth.mfa.lockout' and target_id = $1", [
      u.id,
    ]),
    1,
  );
});

// 4. The lockout counter loses no update.
test(`lockout: concurrent wrong passwords are all counted, then the right one is refused (${dbLabel()})`, async () => {
  const ctx = (config = env.config) => ({ db: env.database.db, config, actor: ANONYMOUS, ip: '192.0.2.1' });
  const a = await makeUser(env, 'observer', { mfa: false });
  const wrong = await Promise.all(Array.from({ length: 19 }, () => signIn(ctx(), a.email, 'wrong password!')));
  assert.ok(wrong.every((r) => !r.ok));
  assert.equal((await signIn(ctx(), a.email, TEST_PASSWORD)).ok, false, 'locked after the threshold');

  const b = await makeUser(env, 'observer', { mfa: false });
  const roomy = { ...env.config, lockoutThreshold: 100 };
  await Promise.all(Array.from({ length: 15 }, () => signIn(ctx(roomy), b.email, 'wrong password!')));
  assert.equal(await count('select failed_sign_ins as n from users where id = $1', [b.id]), 15);
});

// 5. No demo accounts in production.
test(`ctcp seed --demo is refused in production (${dbLabel()})`, async () => {
  const before = await count('select count(*)::int as n from users where is_demo');
  await assert.rejects(seedAll(env.database.db, { ...env.config, env: 'production' }, true), /production/i);
  assert.equal(await count('select count(*)::int as n from users where is_demo'), before);
});

// 7. Malformed Unicode: the same clear 400 as NUL, before anything reaches the database; no parameters in the log.
test(`lone surrogates and invalid UTF-8 get a clear 400 and store nothing (${dbLabel()})`, async () => {
  const analyst = await makeUser(env, 'analyst', { orgSlug: 'cted' });
  const admin = await makeUser(env, 'platform_admin');
  const arcadia = await orgId(env, 'demo-state-arcadia');
  const needsBefore = await count('select count(*)::int as n from ta_needs');
  const need = (text: string) =>
    `{"stateOrgId":"${arcadia}","source":"other","themes":["theme-cft"],` +
    `"descriptions":{"en":{"text":"${text}","status":"original"}}}`;
  const surrogate = need('x\\ud800y');
  const r1 = await api(analyst, 'POST', '/api/v1/needs', surrogate);
  assert.equal(r1.statusCode, 400, r1.body);
  assert.equal(r1.json().error.code, 'invalid_text');
  const [head, tail] = need('a|b').split('|');
  const raw = Buffer.concat([Buffer.from(head), Buffer.from([0xff, 0xfe]), Buffer.from(tail)]);
  const r2 = await api(analyst, 'POST', '/api/v1/needs', raw);
  assert.equal(r2.statusCode, 400, r2.body);
  assert.equal(await count('select count(*)::int as n from ta_needs'), needsBefore);

  const orgsBefore = await count('select count(*)::int as n from organizations');
  const r3 = await api(admin, 'POST', '/api/v1/organizations', '{"type":"cso","names":{"en":"Bad \\udc00 name"}}');
  assert.equal(r3.statusCode, 400, r3.body);
  assert.equal(await count('select count(*)::int as n from organizations'), orgsBefore);

  // A form field percent-encoding bytes that are not UTF-8, and a query string doing the same.
  const nameBefore = await count('select count(*)::int as n from users where name like $1', ['%\uFFFD%']);
  const form = await analyst.agent.post('/account/settings', { name: 'x', locale: 'en', timeZone: 'UTC' });
  assert.equal(form.statusCode, 303);
  const csrf = await analyst.agent.csrf();
  const bad = await env.app.inject({
    method: 'POST',
    url: '/account/settings',
    payload: `_csrf=${encodeURIComponent(csrf)}&name=Ana%FF%FE&locale=en&timeZone=UTC`,
    headers: {
      cookie: [...analyst.agent.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
      'content-type': 'application/x-www-form-urlencoded',
    },
  });
  assert.equal(bad.statusCode, 400);
  assert.match(bad.body, /not valid text/);
  assert.equal(await count('select count(*)::int as n from users where name like $1', ['%\uFFFD%']), nameBefore);
  assert.equal((await analyst.agent.get('/directory?q=%FF')).statusCode, 400);
  assert.equal((await analyst.agent.get('/directory?q=%ED%A0%80')).statusCode, 400, 'an encoded surrogate');
  assert.equal((await analyst.agent.get('/directory?q=caf%C3%A9')).statusCode, 200, 'valid UTF-8 passes');
});

test(`an unexpected database error logs no query parameters (${dbLabel()})`, async () => {
  const lines: string[] = [];
  const app = await buildApp(env.config, {
    database: env.database,
    migrate: false,
    logStream: { write: (l) => void lines.push(l) },
  });
  app.get('/boom', { config: { access: 'public' } }, async () => {
    await env.database.db.execute(sql`select ${'confidential-need-description'}::int`);
    return 'unreachable';
  });
  try {
    const r = await app.inject({ method: 'GET', url: '/boom', headers: { accept: 'application/json' } });
    assert.equal(r.statusCode, 500);
    assert.ok(!r.body.includes('confidential'));
    const logged = lines.join('\n');
    assert.match(logged, /unhandled error/, 'the error itself is logged');
    assert.ok(!logged.includes('confidential-need-description'), 'but not the query parameters');
  } finally {
    await app.close();
  }
});

// 8. Services accept only organizations the author may see.
test(`an unlisted CSO cannot be named by whom may not see it, even by id (${dbLabel()})`, async () => {
  const [hidden] = await env.database.query<{ id: string }>(
    "select id from organizations where type = 'cso' and not public_listing limit 1",
  );
  const entity = await makeUser(env, 'entity_focal_point', { orgSlug: 'unodc', focalPoint: true });
  const unodc = await orgId(env, 'unodc');
  // Co-organized with an unlisted CSO, named by its id.
  const form = {
    slug: 'hidden-cso-event',
    type: 'roundtable',
    status: 'draft',
    format: 'virtual',
    visibility: 'platform',
    title_en: 'Roundtable',
    title_en_status: 'original',
    organizers: [unodc],
    coOrganizers: [hidden.id],
    timeZone: 'UTC',
    startsAt: '2031-03-10T09:00',
    endsAt: '2031-03-10T12:00',
    registrationMode: 'closed',
    participantList: 'organizers',
    openTo: ['member_state'],
  };
  const r = await postForm(env, entity.agent, '/events', form);
  assert.equal(r.statusCode, 422);
  assert.equal(await count("select count(*)::int as n from events where slug = 'hidden-cso-event'"), 0);
  const coordinator = await makeUser(env, 'coordinator', { orgSlug: 'unoct' });
  const ok = await postForm(env, coordinator.agent, '/events', form);
  assert.equal(ok.statusCode, 303, 'a coordinator may name it');
});

// 9. One needs-visibility rule: a State's needs are its own, the secretariat's, and whom its consent covers.
test(`a State's needs not from a visit are hidden from other States (${dbLabel()})`, async () => {
  const arcadia = await orgId(env, 'demo-state-arcadia');
  const borealis = await orgId(env, 'demo-state-borealis');
  const own = await makeUser(env, 'member_state_focal_point', { orgId: arcadia, focalPoint: true });
  const other = await makeUser(env, 'member_state_focal_point', { orgId: borealis, focalPoint: true });
  const coordinator = await makeUser(env, 'coordinator', { orgSlug: 'unoct' });
  const created = await api(own, 'POST', '/api/v1/needs', {
    stateOrgId: arcadia,
    source: 'other',
    themes: ['theme-cft'],
    descriptions: { en: { text: 'Arcadia asks for border training', status: 'original' } },
  });
  assert.equal(created.statusCode, 201, created.body);
  const id = created.json().id;
  assert.equal((await api(own, 'GET', `/api/v1/needs/${id}`)).statusCode, 200);
  assert.equal((await api(coordinator, 'GET', `/api/v1/needs/${id}`)).statusCode, 200);
  assert.equal((await api(other, 'GET', `/api/v1/needs/${id}`)).statusCode, 404);
  assert.equal((await other.agent.get(`/needs/${id}`)).statusCode, 404);
  const list = await api(other, 'GET', `/api/v1/needs?state=${arcadia}`);
  assert.equal(list.json().total, 0);
  const gap = (await api(other, 'GET', '/api/v1/gap-analysis')).json();
  assert.ok(!gap.byState.some((s: { stateOrgId: string }) => s.stateOrgId === arcadia), 'not counted in the gaps');
});

// 10. The low findings.
test(`the session token is renewed when the second factor completes (${dbLabel()})`, async () => {
  const u = await makeUser(env, 'analyst', { orgSlug: 'cted' });
  await env.database.query('update users set time_zone_confirmed_at = now() where id = $1', [u.id]);
  const a = await pendingSession(u.email);
  const name = sessionCookieName(env.config.secureCookies);
  const pending = a.cookies.get(name)!;
  const r = await a.post('/sign-in/two-factor', { code: await generate({ secret: TEST_TOTP }), next: '/account' });
  assert.equal(location(r), '/account');
  const now = a.cookies.get(name)!;
  assert.ok(now && now !== pending, 'a new token');
  const stale = new Agent(env.app);
  stale.cookies.set(name, pending);
  assert.equal((await stale.get('/account')).statusCode, 303, 'the pending token no longer works');
  assert.equal((await a.get('/account')).statusCode, 200);
});

test(`GET /lang/:code sets the cookie only, not the account's language (${dbLabel()})`, async () => {
  const u = await makeUser(env, 'observer', { mfa: false });
  const r = await u.agent.get('/lang/ar?next=/account');
  assert.equal(r.statusCode, 303);
  assert.equal(
    (await env.database.query<{ locale: string }>('select locale from users where id = $1', [u.id]))[0].locale,
    'en',
  );
  assert.match((await u.agent.get('/account')).body, /<html[^>]+dir="rtl"/, 'the page follows the cookie');
});

test(`pages that carry a token or a pending sign-in are never stored (${dbLabel()})`, async () => {
  const u = await makeUser(env, 'analyst', { orgSlug: 'cted' });
  const a = await pendingSession(u.email);
  const twoFactor = await a.get('/sign-in/two-factor');
  assert.equal(twoFactor.statusCode, 200);
  assert.equal(twoFactor.headers['cache-control'], 'no-store');
  const anon = new Agent(env.app);
  for (const url of ['/password/reset/aaaaaaaaaaaaaaaa', '/invitations/aaaaaaaaaaaaaaaa', '/sign-in']) {
    const res = await anon.get(url);
    assert.equal(res.headers['cache-control'], 'no-store', url);
  }
});

test(`a form's 422 re-render ends the handler: no "Reply was already sent" (${dbLabel()})`, async () => {
  const u = await makeUser(env, 'observer', { mfa: false });
  const before = log.filter((l) => l.includes('Reply was already sent')).length;
  const r = await u.agent.post('/account/settings', { name: 'Someone', locale: 'en', timeZone: 'Mars/Olympus' });
  assert.equal(r.statusCode, 422);
  await new Promise((resolve) => setTimeout(resolve, 50));
  assert.equal(log.filter((l) => l.includes('Reply was already sent')).length, before);
});

test(`a role is given only to members of the organization types the policy allows (${dbLabel()})`, async () => {
  const admin = await makeUser(env, 'platform_admin');
  const cso = await orgId(env, 'demo-coastal-peacebuilders');
  const invitationsBefore = await count('select count(*)::int as n from invitations');
  const r = await admin.agent.post('/invitations', {
    email: 'state.person@example.org',
    name: 'State Person',
    role: 'member_state_focal_point',
    organizationId: cso,
    locale: 'en',
  });
  assert.equal(r.statusCode, 422);
  assert.equal(await count('select count(*)::int as n from invitations'), invitationsBefore);
  const fine = await admin.agent.post('/invitations', {
    email: 'cso.person@example.org',
    name: 'CSO Person',
    role: 'cso_representative',
    organizationId: cso,
    locale: 'en',
  });
  assert.equal(fine.statusCode, 303);
});
