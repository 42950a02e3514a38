// The reader keeps resolved sessions and API tokens (CREDENTIAL_CACHE_SECONDS) and drops a user's entries when the
// change channel announces a change of their credentials or rights. The announcements come from database triggers
// (drizzle/0029_live_changes.sql), so even a change written straight to the database, by no request of this app,
// ends or changes what is kept within a second: a role, an organization tie, a revoked token, a deleted session, a
// disabled account.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { eq, sql } from 'drizzle-orm';
import { users, sessions, apiTokens } from '../src/platform/auth/auth.schema.ts';
import { memberships } from '../src/modules/directory/directory.schema.ts';
import { sessionCookieName } from '../src/platform/auth/session.ts';
import { createApiToken, loadActor } from '../src/modules/access/access.service.ts';
import { dbLabel, makeTestEnv, makeUser, type TestEnv, type TestUser } from './helper.ts';

let env: TestEnv;
before(async () => {
  env = await makeTestEnv({ credentialCacheSeconds: 30 });
});
after(async () => {
  await env?.close();
});

async function tokenFor(u: TestUser) {
  const actor = (await loadActor(env.database.db, u.id, 'session', true, []))!.actor;
  return (
    await createApiToken(
      { db: env.database.db, config: env.config, actor },
      { name: 't', scopes: ['read'], expiresInDays: 1 },
    )
  ).token;
}
const me = (token: string) =>
  env.app.inject({ method: 'GET', url: '/api/v1/me', headers: { authorization: `Bearer ${token}` } });
/** Asks until `ok` holds, for at most one second (the announcement arrives a moment after the change commits). */
async function within1s<T>(ask: () => Promise<T>, ok: (r: T) => boolean): Promise<T> {
  const deadline = Date.now() + 1000;
  let r = await ask();
  while (!ok(r) && Date.now() < deadline) {
    await new Promise((res) => setTimeout(res, 10));
    r = await ask();
  }
  return r;
}

test(`kept credentials follow changes written to the database by anyone (${dbLabel()})`, async () => {
  const u = await makeUser(env, 'coordinator', { orgSlug: 'unoct' });
  const token = await tokenFor(u);
  const first = await me(token);
  assert.equal(first.statusCode, 200);
  assert.equal(first.json().role, 'coordinator');
  assert.equal(first.json().organizationIds.length, 1);

  // Kept: a change made with the triggers off is not announced, so it is not seen while the answer is kept.
  await env.database.db.transaction(async (tx) => {
    await tx.execute(sql`set local session_replication_role = replica`);
    await tx.update(users).set({ role: 'observer' }).where(eq(users.id, u.id));
  });
  assert.equal((await me(token)).json().role, 'coordinator', 'the kept answer');

  // A role changed by another process (the same value again, now announced).
  await env.database.db.update(users).set({ role: 'observer' }).where(eq(users.id, u.id));
  assert.equal(
    (
      await within1s(
        () => me(token),
        (r) => r.json().role === 'observer',
      )
    ).json().role,
    'observer',
  );

  // An organization tie removed.
  const [person] = await env.database.db.select({ p: users.personId }).from(users).where(eq(users.id, u.id));
  await env.database.db.delete(memberships).where(eq(memberships.personId, person.p!));
  const untied = await within1s(
    () => me(token),
    (r) => r.json().organizationIds.length === 0,
  );
  assert.deepEqual(untied.json().organizationIds, []);

  // The token revoked.
  await env.database.db.update(apiTokens).set({ revokedAt: new Date() }).where(eq(apiTokens.userId, u.id));
  assert.equal(
    (
      await within1s(
        () => me(token),
        (r) => r.statusCode === 401,
      )
    ).statusCode,
    401,
  );
});

test(`a kept session ends when it is deleted or its account disabled (${dbLabel()})`, async () => {
  const cookie = (u: TestUser) => ({ cookie: `${sessionCookieName(env.config.secureCookies)}=${u.sessionToken}` });
  const account = (u: TestUser) =>
    env.app.inject({ method: 'GET', url: '/account', headers: { accept: 'text/html', ...cookie(u) } });
  const a = await makeUser(env, 'coordinator', { orgSlug: 'unoct' });
  assert.equal((await account(a)).statusCode, 200);
  await env.database.db.delete(sessions).where(eq(sessions.userId, a.id));
  assert.notEqual(
    (
      await within1s(
        () => account(a),
        (r) => r.statusCode !== 200,
      )
    ).statusCode,
    200,
  );

  const b = await makeUser(env, 'coordinator', { orgSlug: 'unoct' });
  assert.equal((await account(b)).statusCode, 200);
  await env.database.db.update(users).set({ disabledAt: new Date() }).where(eq(users.id, b.id));
  assert.notEqual(
    (
      await within1s(
        () => account(b),
        (r) => r.statusCode !== 200,
      )
    ).statusCode,
    200,
  );
});
