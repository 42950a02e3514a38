// Accounts end to end through app.inject: sign-in, lockout, two-factor, invitations through the outbox,
// password reset, settings, API tokens, CSRF, headers.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { desc, eq } from 'drizzle-orm';
import { generate } from 'otplib';
import { mailOutbox } from '../src/platform/mail/mail.schema.ts';
import { auditLog } from '../src/platform/audit/audit.schema.ts';
import { users } from '../src/platform/auth/auth.schema.ts';
import {
  Agent,
  TEST_PASSWORD,
  TEST_TOTP,
  dbLabel,
  location,
  makeTestEnv,
  makeUser,
  orgId,
  type TestEnv,
} from './helper.ts';

let env: TestEnv;
before(async () => {
  env = await makeTestEnv({ lockoutThreshold: 3 });
});
after(async () => {
  await env?.close();
});

const lastMail = async (to: string) =>
  (
    await env.database.db
      .select()
      .from(mailOutbox)
      .where(eq(mailOutbox.to, to))
      .orderBy(desc(mailOutbox.createdAt))
      .limit(1)
  )[0];
const linkIn = (text: string) => /(http:\/\/localhost:3000\/\S+)/.exec(text)![1].replace('http://localhost:3000', '');
const auditActions = async () =>
  (await env.database.db.select({ action: auditLog.action }).from(auditLog)).map((r) => r.action);

test(`sign-in: wrong password and unknown account get the same answer; both are audited (${dbLabel()})`, async () => {
  const u = await makeUser(env, 'observer');
  const a = new Agent(env.app);
  const wrong = await a.post('/sign-in', { email: u.email, password: 'not the password at all' });
  const unknown = await a.post('/sign-in', {
    email: 'nobody@test.ctcp.localhost',
    password: 'not the password at all',
  });
  assert.equal(wrong.statusCode, 401);
  assert.equal(unknown.statusCode, 401);
  const msg = (b: string) => /class="error" id="f-email-error">([^<]+)</.exec(b)?.[1];
  assert.ok(msg(wrong.body));
  assert.equal(msg(wrong.body), msg(unknown.body));
  const actions = await auditActions();
  assert.ok(actions.filter((x) => x === 'auth.sign_in.failure').length >= 2);
});

test(`sign-in without a CSRF token is refused and changes nothing (${dbLabel()})`, async () => {
  const u = await makeUser(env, 'observer');
  const a = new Agent(env.app);
  const res = await a.post('/sign-in', { email: u.email, password: TEST_PASSWORD }, { csrf: false });
  assert.equal(res.statusCode, 403);
  assert.equal(a.cookies.has('__Host-ctcp_session'), false);
});

test(
  'sign-in for a role without two-factor, then sign-out invalidates the session on the server ' + `(${dbLabel()})`,
  async () => {
    const u = await makeUser(env, 'observer');
    const a = new Agent(env.app);
    const res = await a.post('/sign-in', { email: u.email.toUpperCase(), password: TEST_PASSWORD, next: '/directory' });
    assert.equal(res.statusCode, 303);
    // The first sign-in asks for the time zone, then goes on to where the person was going.
    assert.equal(location(res), '/account/time-zone?next=%2Fdirectory');
    const cookie = res.cookies.find((c) => c.name === '__Host-ctcp_session')!;
    assert.ok(cookie.httpOnly && cookie.secure && cookie.sameSite === 'Lax' && cookie.path === '/');
    assert.ok(Buffer.from(cookie.value, 'base64url').length >= 16, 'token of at least 128 bits');
    const oldToken = cookie.value;
    assert.equal((await a.get('/directory')).statusCode, 200);
    assert.equal((await a.post('/sign-out', {})).statusCode, 303);
    const replay = new Agent(env.app);
    replay.cookies.set('__Host-ctcp_session', oldToken);
    const after = await replay.get('/directory');
    assert.equal(after.statusCode, 303);
    assert.match(location(after), /^\/sign-in/);
  },
);

test(`lockout after repeated failures: even the right password is refused while locked (${dbLabel()})`, async () => {
  const u = await makeUser(env, 'observer');
  const a = new Agent(env.app);
  for (let i = 0; i < 3; i++)
    assert.equal((await a.post('/sign-in', { email: u.email, password: `wrong password ${i}!!` })).statusCode, 401);
  assert.equal((await a.post('/sign-in', { email: u.email, password: TEST_PASSWORD })).statusCode, 401);
  assert.ok((await auditActions()).includes('auth.lockout'));
});

test(
  'two-factor: password alone gives no access; a valid code does; a replayed code is refused ' + `(${dbLabel()})`,
  async () => {
    const u = await makeUser(env, 'analyst', { orgSlug: 'cted' });
    const a = new Agent(env.app);
    const res = await a.post('/sign-in', { email: u.email, password: TEST_PASSWORD });
    assert.equal(res.statusCode, 303);
    assert.match(location(res), /^\/sign-in\/two-factor/);
    const blocked = await a.get('/directory');
    assert.equal(blocked.statusCode, 303);
    assert.equal(location(blocked), '/sign-in/two-factor');
    assert.equal((await a.post('/sign-in/two-factor', { code: '000000' })).statusCode, 401);
    const code = await generate({ secret: TEST_TOTP });
    const ok = await a.post('/sign-in/two-factor', { code, next: '/directory' });
    assert.equal(ok.statusCode, 303);
    assert.equal((await a.get('/directory')).statusCode, 200);
    const b = new Agent(env.app);
    await b.post('/sign-in', { email: u.email, password: TEST_PASSWORD });
    assert.equal((await b.post('/sign-in/two-factor', { code })).statusCode, 401, 'the same code cannot be used twice');
  },
);

test(
  'a role that sees confidential material must enrol a second factor before anything else ' + `(${dbLabel()})`,
  async () => {
    const u = await makeUser(env, 'coordinator', { orgSlug: 'unoct', mfa: false });
    const res = await u.agent.get('/directory');
    assert.equal(res.statusCode, 303);
    assert.equal(location(res), '/account/two-factor?required=1');
    const page = await u.agent.get('/account/two-factor?required=1');
    assert.equal(page.statusCode, 200);
    const secret = /data-testid="totp-secret" dir="ltr">([A-Z2-7]+)</.exec(page.body)![1];
    assert.equal((await u.agent.post('/account/two-factor', { code: '123456' })).statusCode, 422);
    const done = await u.agent.post('/account/two-factor', { code: await generate({ secret }) });
    assert.equal(done.statusCode, 303);
    assert.equal((await u.agent.get('/directory')).statusCode, 200);
  },
);

test(
  "invitation by an administrator: the e-mail in the invitee's language, " +
    `the link sets the password, the account works (${dbLabel()})`,
  async () => {
    const admin = await makeUser(env, 'platform_admin', { orgSlug: 'unoct' });
    const unodc = await orgId(env, 'unodc');
    const email = `invitee.${Date.now()}@test.ctcp.localhost`;
    const bad = await admin.agent.post('/invitations', {
      email: 'not-an-address',
      name: '',
      role: 'observer',
      locale: 'fr',
    });
    assert.equal(bad.statusCode, 422);
    assert.equal(await lastMail('not-an-address'), undefined, 'nothing stored for bad input');
    const res = await admin.agent.post('/invitations', {
      email,
      name: 'Inès Invitée',
      role: 'entity_focal_point',
      organizationId: unodc,
      focalPoint: 'on',
      locale: 'fr',
    });
    assert.equal(res.statusCode, 303);
    const mail = await lastMail(email);
    assert.equal(mail.locale, 'fr');
    assert.match(mail.subject, /Invitation|invitation/);
    assert.match(mail.text, /Inès Invitée/);
    const link = linkIn(mail.text);
    const form = await new Agent(env.app).get(link);
    assert.equal(form.statusCode, 200);
    const invitee = new Agent(env.app);
    const weak = await invitee.post(link, { name: 'Inès Invitée', password: 'password1234' });
    assert.equal(weak.statusCode, 422, 'a common password is refused');
    const accepted = await invitee.post(link, { name: 'Inès Invitée', password: 'Un mot de passe long et sûr 2026' });
    assert.equal(accepted.statusCode, 303);
    assert.equal(
      (await new Agent(env.app).post(link, { name: 'X', password: 'Another long password 2026' })).statusCode,
      410,
      'a link works once',
    );
    const u = (await env.database.db.select().from(users).where(eq(users.email, email)))[0];
    assert.equal(u.role, 'entity_focal_point');
    assert.equal(u.locale, 'fr');
    // The entity focal point must now enrol a second factor.
    const next = await invitee.get('/directory');
    assert.equal(location(next), '/account/two-factor?required=1');
    assert.ok((await auditActions()).includes('invitation.accepted'));
  },
);

test(`a focal point invites only into their own organization (${dbLabel()})`, async () => {
  const fp = await makeUser(env, 'entity_focal_point', { orgSlug: 'unodc', focalPoint: true });
  const own = await orgId(env, 'unodc');
  const other = await orgId(env, 'unoct');
  const email = `fp-invitee.${Date.now()}@test.ctcp.localhost`;
  assert.equal(
    (
      await fp.agent.post('/invitations', {
        email,
        name: 'Other Org',
        role: 'observer',
        organizationId: other,
        locale: 'en',
      })
    ).statusCode,
    403,
  );
  assert.equal(
    (
      await fp.agent.post('/invitations', {
        email,
        name: 'Admin Wannabe',
        role: 'platform_admin',
        organizationId: own,
        locale: 'en',
      })
    ).statusCode,
    403,
  );
  assert.equal(
    (
      await fp.agent.post('/invitations', {
        email,
        name: 'Own Org',
        role: 'observer',
        organizationId: own,
        locale: 'en',
      })
    ).statusCode,
    303,
  );
});

test(
  'password reset: same answer for known and unknown addresses; ' +
    `the link works once and ends other sessions (${dbLabel()})`,
  async () => {
    const u = await makeUser(env, 'observer');
    const a = new Agent(env.app);
    const known = await a.post('/password/forgot', { email: u.email });
    const unknown = await a.post('/password/forgot', { email: 'ghost@test.ctcp.localhost' });
    assert.equal(known.statusCode, 200);
    assert.equal(unknown.statusCode, 200);
    const strip = (s: string) => s.replace(/name="_csrf" value="[^"]+"/g, '');
    assert.equal(strip(known.body), strip(unknown.body));
    assert.equal(await lastMail('ghost@test.ctcp.localhost'), undefined);
    const link = linkIn((await lastMail(u.email)).text);
    assert.equal((await a.post(link, { password: 'short' })).statusCode, 422);
    assert.equal((await a.post(link, { password: 'A brand new long passphrase 77' })).statusCode, 303);
    assert.equal((await a.get(link)).statusCode, 410);
    assert.equal((await u.agent.get('/account')).statusCode, 303, 'old session ended');
    assert.equal(
      (await new Agent(env.app).post('/sign-in', { email: u.email, password: 'A brand new long passphrase 77' }))
        .statusCode,
      303,
    );
  },
);

test(
  "settings: language and time zone are validated and saved; the page follows the user's language " + `(${dbLabel()})`,
  async () => {
    const u = await makeUser(env, 'observer');
    assert.equal(
      (await u.agent.post('/account/settings', { name: 'Sam', locale: 'xx', timeZone: 'Mars/Olympus' })).statusCode,
      422,
    );
    assert.equal(
      (await u.agent.post('/account/settings', { name: 'Sam', locale: 'ar', timeZone: 'Asia/Riyadh' })).statusCode,
      303,
    );
    const page = await u.agent.get('/account', { 'accept-language': 'en' });
    assert.match(page.body, /<html lang="ar" dir="rtl">/);
  },
);

test(`language: cookie, then Accept-Language; every page declares lang, dir and charset (${dbLabel()})`, async () => {
  const a = new Agent(env.app);
  const ru = await a.get('/', { 'accept-language': 'ru-RU,ru;q=0.9,en;q=0.5' });
  assert.match(ru.body, /<html lang="ru" dir="ltr">/);
  assert.match(String(ru.headers['content-type']), /charset=utf-8/);
  const sw = await a.get('/lang/ar?next=/sign-in');
  assert.equal(location(sw), '/sign-in');
  const ar = await a.get('/sign-in', { 'accept-language': 'ru' });
  assert.match(ar.body, /<html lang="ar" dir="rtl">/);
  assert.match(ar.body, /العربية/);
  const evil = await a.get('/lang/fr?next=//evil.example');
  assert.equal(location(evil), '/');
});

test(`security headers: strict CSP, nosniff, frame-ancestors, no-store when signed in (${dbLabel()})`, async () => {
  const res = await new Agent(env.app).get('/');
  const csp = String(res.headers['content-security-policy']);
  assert.match(csp, /script-src 'self'/);
  assert.doesNotMatch(csp, /unsafe-inline/);
  assert.match(csp, /object-src 'none'/);
  assert.match(csp, /base-uri 'none'/);
  assert.match(csp, /frame-ancestors 'none'/);
  assert.equal(res.headers['x-content-type-options'], 'nosniff');
  const docs = await env.app.inject({ method: 'GET', url: '/api/docs/' });
  assert.equal(docs.statusCode, 200);
  assert.equal(docs.headers['content-security-policy'], csp, 'the API docs get the same policy as every page');
  const u = await makeUser(env, 'observer');
  assert.equal((await u.agent.get('/directory')).headers['cache-control'], 'no-store');
  const api = await env.app.inject({ method: 'GET', url: '/api/v1/organizations' });
  assert.equal(api.statusCode, 401);
  assert.match(String(api.headers['content-type']), /application\/json; charset=utf-8/);
  assert.deepEqual(Object.keys(api.json()).sort(), ['error', 'requestId']);
});

test(`API tokens: created once, hashed, scoped, revocable (${dbLabel()})`, async () => {
  const u = await makeUser(env, 'observer');
  const page = await u.agent.post('/account/tokens', { name: 'script', scope: 'read', expiresInDays: '30' });
  assert.equal(page.statusCode, 201);
  const token = /data-testid="new-token" dir="ltr">(ctcp_[\w-]+)</.exec(page.body)![1];
  const auth = { authorization: `Bearer ${token}`, 'accept-language': 'es' };
  const me = await env.app.inject({ method: 'GET', url: '/api/v1/me', headers: auth });
  assert.equal(me.statusCode, 200);
  assert.equal(me.json().email, u.email);
  const list = await env.app.inject({
    method: 'GET',
    url: '/api/v1/organizations?pageSize=5&type=member_state',
    headers: auth,
  });
  assert.equal(list.statusCode, 200);
  assert.equal(list.json().data.length, 5);
  assert.equal(list.json().total, 195, '193 Member States and 2 fictional demo States');
  const bad = await env.app.inject({ method: 'GET', url: '/api/v1/organizations?pageSize=500', headers: auth });
  assert.equal(bad.statusCode, 400);
  assert.equal(bad.json().error.code, 'validation_failed');
  assert.match(bad.json().error.message, /campo|válido/i, 'message translated to Spanish');
  const id = /\/account\/tokens\/([0-9a-f-]{36})\/revoke/.exec(page.body)![1];
  assert.equal((await u.agent.post(`/account/tokens/${id}/revoke`, { confirmed: 'yes' })).statusCode, 303);
  assert.equal((await env.app.inject({ method: 'GET', url: '/api/v1/me', headers: auth })).statusCode, 401);
});

test(
  'a first-time visitor can post the form of the first page ' +
    `it loads (one CSRF secret per response) (${dbLabel()})`,
  async () => {
    const u = await makeUser(env, 'observer');
    const page = await env.app.inject({ method: 'GET', url: '/sign-in' });
    const secrets = page.cookies.filter((c) => c.name === '__Host-ctcp_csrf');
    assert.equal(secrets.length, 1);
    const token = /name="_csrf" value="([^"]+)"/.exec(page.body)![1];
    const res = await env.app.inject({
      method: 'POST',
      url: '/sign-in',
      headers: { cookie: `__Host-ctcp_csrf=${secrets[0].value}`, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ _csrf: token, email: u.email, password: TEST_PASSWORD }).toString(),
    });
    assert.equal(res.statusCode, 303);
  },
);

test(`returning to a path with non-ASCII characters after a language switch (${dbLabel()})`, async () => {
  const a = new Agent(env.app);
  const r = await a.get(`/lang/zh?next=${encodeURIComponent('/directory?q=肯尼亚')}`);
  assert.equal(r.statusCode, 303);
  assert.equal(location(r), `/directory?q=${encodeURIComponent('肯尼亚')}`);
});
