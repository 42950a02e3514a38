// Rate limits on sign-in: past the limit, a translated 429 and no password check.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Agent, dbLabel, makeTestEnv, type TestEnv } from './helper.ts';

let env: TestEnv;
before(async () => {
  env = await makeTestEnv({ signInRateLimit: 3 }, false);
});
after(async () => {
  await env?.close();
});

test(`sign-in attempts beyond the limit get 429 with a translated message (${dbLabel()})`, async () => {
  const a = new Agent(env.app);
  const statuses: number[] = [];
  for (let i = 0; i < 5; i++)
    statuses.push(
      (
        await a.post(
          '/sign-in',
          { email: 'x@test.ctcp.localhost', password: 'whatever password' },
          { headers: { 'accept-language': 'fr' } },
        )
      ).statusCode,
    );
  assert.deepEqual(statuses, [401, 401, 401, 429, 429]);
  const res = await a.post(
    '/sign-in',
    { email: 'x@test.ctcp.localhost', password: 'whatever password' },
    { headers: { 'accept-language': 'fr' } },
  );
  assert.equal(res.statusCode, 429);
  assert.match(res.body, /<html lang="fr"/);
  const failures = await env.database.query<{ n: number }>(
    `select count(*)::int as n from audit_log where action = 'auth.sign_in.failure'`,
  );
  assert.equal(failures[0].n, 3, 'refused attempts never reach the password check');
});
