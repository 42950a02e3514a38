// Passkeys and recovery codes end to end through app.inject, with a software authenticator (node:crypto, ES256 on
// P-256, attestation "none"): registration, the second factor, passwordless sign-in, refusals (replayed challenge,
// wrong origin, counter going back, no user verification, disabled and locked accounts), one-time recovery codes
// (also two at once on PostgreSQL), a role that requires a second factor satisfied with a passkey, the JSON API.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { and, eq } from 'drizzle-orm';
import { isoCBOR } from '@simplewebauthn/server/helpers';
import { auditLog } from '../src/platform/audit/audit.schema.ts';
import { sessions, users } from '../src/platform/auth/auth.schema.ts';
import { sha256 } from '../src/platform/auth/session.ts';
import { createApiToken, loadActor } from '../src/modules/access/access.service.ts';
import { webauthnCredentials } from '../src/modules/access/passkeys/passkeys.schema.ts';
import { useRecoveryCode } from '../src/modules/access/passkeys/passkeys.service.ts';
import { Agent, TEST_PASSWORD, dbLabel, location, makeTestEnv, makeUser, type TestEnv } from './helper.ts';

let env: TestEnv;
/** A test account that has answered the first sign-in's time-zone question (so sign-in lands on the page asked for). */
async function zonedUser(...args: Parameters<typeof makeUser>) {
  const u = await makeUser(...args);
  await env.database.query('update users set time_zone_confirmed_at = now() where id = $1', [u.id]);
  return u;
}
before(async () => {
  env = await makeTestEnv({ lockoutThreshold: 3 });
});
after(async () => {
  await env?.close();
});

const ORIGIN = 'http://localhost:3000';
const COOKIE = '__Host-ctcp_session';
const b64u = (b: Uint8Array | Buffer | string) => Buffer.from(b as Uint8Array).toString('base64url');
const hash = (b: Buffer | string) => createHash('sha256').update(b).digest();

/** A software authenticator: one ES256 credential, a signature counter, attestation "none". */
class SoftAuthenticator {
  private key: { publicKey: KeyObject; privateKey: KeyObject } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  readonly credentialId = randomBytes(16);
  counter = 0;
  userHandle = '';
  constructor(private rpId = 'localhost') {}
  get id() {
    return b64u(this.credentialId);
  }
  private coseKey(): Uint8Array {
    const jwk = this.key.publicKey.export({ format: 'jwk' }) as { x: string; y: string };
    const m = new Map<number, number | Uint8Array>([
      [1, 2],
      [3, -7],
      [-1, 1],
      [-2, new Uint8Array(Buffer.from(jwk.x, 'base64url'))],
      [-3, new Uint8Array(Buffer.from(jwk.y, 'base64url'))],
    ]);
    return isoCBOR.encode(m);
  }
  private authData(flags: number, counter: number, attested: boolean): Buffer {
    const c = Buffer.alloc(4);
    c.writeUInt32BE(counter);
    const parts = [hash(this.rpId), Buffer.from([flags]), c];
    if (attested) {
      const len = Buffer.alloc(2);
      len.writeUInt16BE(this.credentialId.length);
      parts.push(Buffer.alloc(16), len, this.credentialId, Buffer.from(this.coseKey()));
    }
    return Buffer.concat(parts);
  }
  register(options: { challenge: string; user: { id: string } }, opts: { origin?: string } = {}) {
    this.userHandle = options.user.id;
    const clientData = Buffer.from(
      JSON.stringify({ type: 'webauthn.create', challenge: options.challenge, origin: opts.origin ?? ORIGIN }),
    );
    const attestation = isoCBOR.encode(
      new Map<string, unknown>([
        ['fmt', 'none'],
        ['attStmt', new Map()],
        ['authData', new Uint8Array(this.authData(0x45, 0, true))],
      ]) as never,
    );
    return {
      id: this.id,
      rawId: this.id,
      type: 'public-key',
      response: { clientDataJSON: b64u(clientData), attestationObject: b64u(attestation), transports: ['internal'] },
      clientExtensionResults: {},
    };
  }
  /** An assertion; `counter` overrides the next counter value, `uv: false` leaves user verification out. */
  assert(options: { challenge: string }, opts: { origin?: string; counter?: number; uv?: boolean } = {}) {
    const counter = opts.counter ?? ++this.counter;
    const authData = this.authData(opts.uv === false ? 0x01 : 0x05, counter, false);
    const clientData = Buffer.from(
      JSON.stringify({ type: 'webauthn.get', challenge: options.challenge, origin: opts.origin ?? ORIGIN }),
    );
    const signature = sign('sha256', Buffer.concat([authData, hash(clientData)]), this.key.privateKey);
    return {
      id: this.id,
      rawId: this.id,
      type: 'public-key',
      response: {
        clientDataJSON: b64u(clientData),
        authenticatorData: b64u(authData),
        signature: b64u(signature),
        userHandle: this.userHandle,
      },
      clientExtensionResults: {},
    };
  }
}

/** A JSON request in the agent's browser session (cookies and the page's CSRF token), keeping the cookies it sets. */
async function json(a: Agent, url: string, body: unknown = {}): Promise<LightMyRequestResponse> {
  const csrf = await a.csrf();
  const res = await env.app.inject({
    method: 'POST',
    url,
    payload: JSON.stringify(body),
    headers: {
      cookie: [...a.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
      'content-type': 'application/json',
      accept: 'application/json',
      'x-csrf-token': csrf,
    },
  });
  for (const c of res.cookies as { name: string; value: string }[])
    if (c.value) a.cookies.set(c.name, c.value);
    else a.cookies.delete(c.name);
  return res;
}

async function addPasskey(a: Agent, auth = new SoftAuthenticator(), name = 'Laptop') {
  const opts = await json(a, '/account/passkeys/options');
  assert.equal(opts.statusCode, 200, opts.body);
  const res = await json(a, '/account/passkeys', { name, response: auth.register(opts.json()) });
  assert.equal(res.statusCode, 201, res.body);
  return { auth, id: res.json().id as string };
}

async function passwordStep(email: string) {
  const a = new Agent(env.app);
  const res = await a.post('/sign-in', { email, password: TEST_PASSWORD, next: '/directory' });
  assert.equal(res.statusCode, 303);
  return a;
}

const audits = async (action: string, userId?: string) =>
  (await env.database.db.select().from(auditLog).where(eq(auditLog.action, action))).filter(
    (r) => !userId || r.targetId === userId || r.actorId === userId,
  );

test(`register a passkey, then use it as the second factor after the password (${dbLabel()})`, async () => {
  const u = await zonedUser(env, 'observer', { orgSlug: 'unoct' });
  const { auth } = await addPasskey(u.agent);
  const row = (await env.database.db.select().from(webauthnCredentials).where(eq(webauthnCredentials.userId, u.id)))[0];
  assert.equal(row.name, 'Laptop');
  assert.equal(row.credentialId, auth.id);
  assert.deepEqual(row.transports, ['internal']);
  const page = await u.agent.get('/account/passkeys');
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /Laptop/);
  assert.match(page.body, /<script src="\/static\/passkeys\.js" defer>/);

  // The password alone is not enough any more: a passkey is a second factor.
  const a = await passwordStep(u.email);
  const blocked = await a.get('/directory');
  assert.equal(blocked.statusCode, 303);
  assert.equal(location(blocked), '/sign-in/two-factor');
  const twoFactor = await a.get('/sign-in/two-factor');
  assert.match(twoFactor.body, /data-passkey="second-factor"[^>]* hidden/);
  assert.match(twoFactor.body, /action="\/sign-in\/two-factor\/recovery"/);
  // A pending session cannot add a passkey of its own (that would skip the second factor).
  const sneaky = await json(a, '/account/passkeys/options');
  assert.ok([401, 403].includes(sneaky.statusCode), `pending session got ${sneaky.statusCode}`);

  const opts = await json(a, '/sign-in/two-factor/passkey/options');
  assert.equal(opts.statusCode, 200);
  assert.deepEqual(
    opts.json().allowCredentials.map((c: { id: string }) => c.id),
    [auth.id],
  );
  const ok = await json(a, '/sign-in/two-factor/passkey', { response: auth.assert(opts.json()), next: '/directory' });
  assert.equal(ok.statusCode, 200, ok.body);
  assert.equal(ok.json().redirect, '/directory');
  assert.equal((await a.get('/directory')).statusCode, 200);
  const success = (await audits('auth.mfa.success', u.id)).at(-1);
  assert.deepEqual(success?.details, { method: 'passkey' });
  const after = (await env.database.db.select().from(webauthnCredentials).where(eq(webauthnCredentials.id, row.id)))[0];
  assert.equal(after.counter, 1);
  assert.ok(after.lastUsedAt);
});

test(`refused: replayed challenge, wrong origin, counter going back, another's passkey (${dbLabel()})`, async () => {
  const u = await zonedUser(env, 'observer', { orgSlug: 'unoct' });
  const { auth } = await addPasskey(u.agent);

  // Registration from another origin is refused and stores nothing.
  const other = new SoftAuthenticator();
  const regOpts = await json(u.agent, '/account/passkeys/options');
  const badReg = await json(u.agent, '/account/passkeys', {
    name: 'Evil',
    response: other.register(regOpts.json(), { origin: 'https://evil.example' }),
  });
  assert.equal(badReg.statusCode, 400);
  assert.equal(badReg.json().error.code, 'passkey_refused');
  assert.equal(
    (await env.database.db.select().from(webauthnCredentials).where(eq(webauthnCredentials.userId, u.id))).length,
    1,
  );

  const a = await passwordStep(u.email);
  // Wrong origin: refused, and the challenge is spent.
  const o1 = (await json(a, '/sign-in/two-factor/passkey/options')).json();
  const wrongOrigin = await json(a, '/sign-in/two-factor/passkey', {
    response: auth.assert(o1, { origin: 'https://evil.example' }),
  });
  assert.equal(wrongOrigin.statusCode, 401);
  assert.equal(wrongOrigin.json().error.code, 'passkey_refused');
  const spent = await json(a, '/sign-in/two-factor/passkey', { response: auth.assert(o1) });
  assert.equal(spent.statusCode, 401, 'a challenge is used once, even by a failed attempt');

  // A good assertion works once; replaying it (same challenge) is refused.
  const o2 = (await json(a, '/sign-in/two-factor/passkey/options')).json();
  const good = auth.assert(o2);
  assert.equal((await json(a, '/sign-in/two-factor/passkey', { response: good })).statusCode, 200);
  const b = await passwordStep(u.email);
  const replay = await json(b, '/sign-in/two-factor/passkey', { response: good });
  assert.equal(replay.statusCode, 401);
  assert.equal((await b.get('/directory')).statusCode, 303, 'the replay gave no access');

  // Counter going back (a cloned authenticator): refused.
  const o3 = (await json(b, '/sign-in/two-factor/passkey/options')).json();
  const regress = await json(b, '/sign-in/two-factor/passkey', { response: auth.assert(o3, { counter: 1 }) });
  assert.equal(regress.statusCode, 401);
  const failures = (await audits('auth.mfa.failure', u.id)).map((r) => (r.details as { reason?: string }).reason);
  assert.ok(failures.includes('counter'), `failure reasons: ${failures.join(', ')}`);
  assert.ok(failures.includes('challenge'));
  assert.ok(failures.includes('signature'));

  // Another account's passkey is not this account's second factor.
  const v = await zonedUser(env, 'observer', { orgSlug: 'unoct' });
  const { auth: vAuth } = await addPasskey(v.agent);
  const o4 = (await json(b, '/sign-in/two-factor/passkey/options')).json();
  assert.equal((await json(b, '/sign-in/two-factor/passkey', { response: vAuth.assert(o4) })).statusCode, 401);
  assert.equal((await b.get('/directory')).statusCode, 303);
});

test(`passwordless sign-in; refused without user verification, disabled or locked (${dbLabel()})`, async () => {
  const u = await zonedUser(env, 'analyst', { orgSlug: 'cted' });
  const { auth } = await addPasskey(u.agent);
  const a = new Agent(env.app);
  const signInPage = await a.get('/sign-in');
  assert.match(signInPage.body, /data-passkey="sign-in"[^>]* hidden/);
  const o = await json(a, '/sign-in/passkey/options');
  assert.equal(o.statusCode, 200);
  assert.equal(o.json().userVerification, 'required');
  assert.equal(o.json().allowCredentials, undefined, 'usernameless: no credential list is given out');
  const ok = await json(a, '/sign-in/passkey', { response: auth.assert(o.json()), next: '/directory' });
  assert.equal(ok.statusCode, 200, ok.body);
  assert.equal(ok.json().redirect, '/directory');
  const token = a.cookies.get(COOKIE)!;
  const s = (
    await env.database.db
      .select()
      .from(sessions)
      .where(eq(sessions.id, sha256(token)))
  )[0];
  assert.equal(s.userId, u.id);
  assert.equal(s.mfaVerified, true, 'a passkey sign-in is a verified second factor');
  assert.equal((await a.get('/directory')).statusCode, 200);

  // Without user verification (possession only): refused.
  const b = new Agent(env.app);
  const o2 = (await json(b, '/sign-in/passkey/options')).json();
  const noUv = await json(b, '/sign-in/passkey', { response: auth.assert(o2, { uv: false }) });
  assert.equal(noUv.statusCode, 401);
  assert.equal(b.cookies.has(COOKIE), false);

  // A passkey whose user handle names someone else: refused.
  const o3 = (await json(b, '/sign-in/passkey/options')).json();
  const forged = auth.assert(o3);
  forged.response.userHandle = b64u(Buffer.from(randomBytes(16).toString('hex')));
  assert.equal((await json(b, '/sign-in/passkey', { response: forged })).statusCode, 401);

  // Disabled account: refused.
  await env.database.db.update(users).set({ disabledAt: new Date() }).where(eq(users.id, u.id));
  const o4 = (await json(b, '/sign-in/passkey/options')).json();
  assert.equal((await json(b, '/sign-in/passkey', { response: auth.assert(o4) })).statusCode, 401);
  // Locked account: refused.
  await env.database.db
    .update(users)
    .set({ disabledAt: null, lockedUntil: new Date(Date.now() + 600_000) })
    .where(eq(users.id, u.id));
  const o5 = (await json(b, '/sign-in/passkey/options')).json();
  assert.equal((await json(b, '/sign-in/passkey', { response: auth.assert(o5) })).statusCode, 401);
  assert.equal(b.cookies.has(COOKIE), false);
  const reasons = (await audits('auth.sign_in.failure'))
    .filter((r) => (r.details as { method?: string }).method === 'passkey')
    .map((r) => (r.details as { reason: string }).reason);
  for (const r of ['signature', 'user_handle', 'disabled', 'locked']) assert.ok(reasons.includes(r), `no ${r}`);
  // An account without passkeys is unaffected: its password sign-in is as before.
  const plain = await zonedUser(env, 'observer');
  const p = new Agent(env.app);
  const res = await p.post('/sign-in', { email: plain.email, password: TEST_PASSWORD, next: '/directory' });
  assert.equal(location(res), '/directory');
  assert.equal((await p.get('/directory')).statusCode, 200);
});

test(`a role that requires a second factor is satisfied by a passkey, without TOTP (${dbLabel()})`, async () => {
  const u = await zonedUser(env, 'analyst', { orgSlug: 'cted', mfa: false });
  const before = await u.agent.get('/directory');
  assert.equal(before.statusCode, 303);
  assert.equal(location(before), '/account/two-factor?required=1');
  assert.match((await u.agent.get('/account/two-factor?required=1')).body, /href="\/account\/passkeys"/);
  assert.equal((await u.agent.get('/account/passkeys')).statusCode, 200, 'enrolment page reachable');
  const { id } = await addPasskey(u.agent);
  assert.equal((await u.agent.get('/directory')).statusCode, 200);
  const loaded = await loadActor(env.database.db, u.id, 'session', true, []);
  assert.equal(loaded?.totpEnabled, true, 'has a second factor');
  assert.equal(loaded?.actor.mfa, true);
  // Its only second factor cannot be removed.
  const confirm = await u.agent.get(`/account/passkeys/${id}/remove`);
  assert.equal(confirm.statusCode, 200);
  const wrong = await u.agent.post(`/account/passkeys/${id}/remove`, { password: 'not my password at all' });
  assert.equal(wrong.statusCode, 422);
  const last = await u.agent.post(`/account/passkeys/${id}/remove`, { password: TEST_PASSWORD });
  assert.equal(last.statusCode, 409);
  assert.equal(
    (await env.database.db.select().from(webauthnCredentials).where(eq(webauthnCredentials.id, id))).length,
    1,
  );
  // With a second passkey, the first can go.
  await addPasskey(u.agent, new SoftAuthenticator(), 'Key');
  const removed = await u.agent.post(`/account/passkeys/${id}/remove`, { password: TEST_PASSWORD });
  assert.equal(removed.statusCode, 303);
  assert.equal((await audits('auth.passkey.removed', u.id)).length, 1);
});

const codesIn = (body: string) =>
  [...body.matchAll(/<li><code>([a-z0-9]{5}-[a-z0-9]{5})<\/code><\/li>/g)].map((m) => m[1]);

test(`recovery codes: ten shown once, one-time, regenerating invalidates the old ones (${dbLabel()})`, async () => {
  const u = await zonedUser(env, 'analyst', { orgSlug: 'cted' });
  assert.equal((await u.agent.post('/account/recovery-codes', { password: 'wrong password here' })).statusCode, 422);
  const gen = await u.agent.post('/account/recovery-codes', { password: TEST_PASSWORD });
  assert.equal(gen.statusCode, 201);
  const codes = codesIn(gen.body);
  assert.equal(codes.length, 10);
  assert.equal(new Set(codes).size, 10);
  const page = await u.agent.get('/account/passkeys');
  assert.deepEqual(codesIn(page.body), [], 'codes are shown only once');
  assert.match(page.body, /10 of your 10 recovery codes are unused/);

  const a = await passwordStep(u.email);
  const wrong = await a.post('/sign-in/two-factor/recovery', { recoveryCode: 'aaaaa-bbbbb', next: '/directory' });
  assert.equal(wrong.statusCode, 401);
  assert.match(wrong.body, /not valid or has already been used/);
  const ok = await a.post('/sign-in/two-factor/recovery', { recoveryCode: codes[0].toUpperCase(), next: '/directory' });
  assert.equal(ok.statusCode, 303);
  assert.equal(location(ok), '/directory');
  assert.equal((await a.get('/directory')).statusCode, 200);
  const success = (await audits('auth.mfa.success', u.id)).at(-1);
  assert.deepEqual(success?.details, { method: 'recovery_code' });

  const b = await passwordStep(u.email);
  assert.equal((await b.post('/sign-in/two-factor/recovery', { recoveryCode: codes[0] })).statusCode, 401, 'used');
  assert.equal((await b.get('/directory')).statusCode, 303);
  assert.match((await u.agent.get('/account/passkeys')).body, /9 of your 10 recovery codes are unused/);

  const regen = codesIn((await u.agent.post('/account/recovery-codes', { password: TEST_PASSWORD })).body);
  assert.equal(regen.length, 10);
  assert.equal((await b.post('/sign-in/two-factor/recovery', { recoveryCode: codes[1] })).statusCode, 401, 'old');
  assert.equal((await b.post('/sign-in/two-factor/recovery', { recoveryCode: regen[0] })).statusCode, 303);
});

test(`one recovery code used by concurrent requests: exactly one succeeds (${dbLabel()})`, async () => {
  const u = await zonedUser(env, 'analyst', { orgSlug: 'cted' });
  const [code] = codesIn((await u.agent.post('/account/recovery-codes', { password: TEST_PASSWORD })).body);
  // Through the pages: two sessions at the password step post the same code at once.
  const agents = await Promise.all([passwordStep(u.email), passwordStep(u.email)]);
  const csrf = await Promise.all(agents.map((a) => a.csrf()));
  const results = await Promise.all(
    agents.map((a, i) =>
      env.app.inject({
        method: 'POST',
        url: '/sign-in/two-factor/recovery',
        payload: new URLSearchParams({ recoveryCode: code, _csrf: csrf[i] }).toString(),
        headers: {
          cookie: [...a.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
          'content-type': 'application/x-www-form-urlencoded',
        },
      }),
    ),
  );
  assert.deepEqual(results.map((r) => r.statusCode).sort(), [303, 401]);
  // Through the service, eight at once over the pool's connections.
  const [code2] = codesIn((await u.agent.post('/account/recovery-codes', { password: TEST_PASSWORD })).body);
  const pending = await Promise.all(Array.from({ length: 8 }, () => passwordStep(u.email)));
  const ids = pending.map((a) => sha256(a.cookies.get(COOKIE)!));
  const outcomes = await Promise.all(
    ids.map((sessionId) =>
      useRecoveryCode(
        { db: env.database.db, config: env.config, actor: { kind: 'anonymous' } as never, ip: '127.0.0.1' },
        { userId: u.id, sessionId, code: code2 },
      ),
    ),
  );
  assert.equal(outcomes.filter((o) => o !== null).length, 1);
  const verified = await env.database.db
    .select({ id: sessions.id })
    .from(sessions)
    .where(and(eq(sessions.userId, u.id), eq(sessions.mfaVerified, true)));
  // The winner's pending session was replaced by a new, verified one (a new token); no pending session was promoted.
  const winner = outcomes.find((o) => o !== null)!;
  assert.equal(verified.filter((s) => ids.includes(s.id)).length, 0);
  assert.equal(verified.filter((s) => s.id === sha256(winner.token!)).length, 1);
});

test(`JSON API: list and remove my passkeys, recovery-code status (${dbLabel()})`, async () => {
  const u = await zonedUser(env, 'observer', { orgSlug: 'unoct' });
  const { id } = await addPasskey(u.agent, new SoftAuthenticator(), 'Phone');
  const loaded = await loadActor(env.database.db, u.id, 'session', true, []);
  const { token } = await createApiToken(
    { db: env.database.db, config: env.config, actor: loaded!.actor },
    { name: 't', scopes: ['write'], expiresInDays: null },
  );
  const auth = { authorization: `Bearer ${token}`, accept: 'application/json' };
  const list = await env.app.inject({ method: 'GET', url: '/api/v1/account/passkeys', headers: auth });
  assert.equal(list.statusCode, 200);
  assert.deepEqual(
    list.json().data.map((p: { id: string; name: string }) => [p.id, p.name]),
    [[id, 'Phone']],
  );
  const status = await env.app.inject({ method: 'GET', url: '/api/v1/account/recovery-codes', headers: auth });
  assert.deepEqual(status.json(), { remaining: 0, total: 0 });
  // Registering through a token is refused: a token must not add a way into the account.
  const viaToken = await env.app.inject({ method: 'POST', url: '/account/passkeys/options', headers: auth });
  assert.ok([401, 403].includes(viaToken.statusCode));
  const del = (password: string) =>
    env.app.inject({
      method: 'DELETE',
      url: `/api/v1/account/passkeys/${id}`,
      headers: { ...auth, 'content-type': 'application/json' },
      payload: { password },
    });
  assert.equal((await del('not the right password')).statusCode, 422);
  assert.equal((await del(TEST_PASSWORD)).statusCode, 204);
  assert.equal((await del(TEST_PASSWORD)).statusCode, 404);
});
