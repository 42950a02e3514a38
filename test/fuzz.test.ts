// Fuzzing from the OpenAPI document (fast-check): random paths, queries and bodies for every API operation,
// as an administrator with a write token. Figure: responses ≥ 500 (must be 0).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { createApiToken, loadActor } from '../src/modules/access/access.service.ts';
import { dbLabel, makeTestEnv, makeUser, type TestEnv } from './helper.ts';

let env: TestEnv;
let token = '';
before(async () => {
  env = await makeTestEnv();
  const admin = await makeUser(env, 'platform_admin', { orgSlug: 'unoct' });
  const actor = (await loadActor(env.database.db, admin.id, 'session', true, []))!.actor;
  token = (
    await createApiToken(
      { db: env.database.db, config: env.config, actor },
      { name: 'fuzz', scopes: ['write'], expiresInDays: 1 },
    )
  ).token;
});
after(async () => {
  await env?.close();
});

const nasty = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme' }),
  fc.integer().map(String),
  fc.constantFrom(
    '',
    ' ',
    '-1',
    '0',
    '1e309',
    'null',
    '../../etc/passwd',
    '%00',
    '\u0000',
    "' or 1=1 --",
    '<script>alert(1)</script>',
    'a'.repeat(5000),
    '00000000-0000-0000-0000-000000000000',
    'unoct',
  ),
);
const jsonValue = fc.jsonValue({ maxDepth: 3 });

test(`OpenAPI fuzz: no server errors (${dbLabel()})`, async () => {
  const doc = (await env.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as {
    paths: Record<string, Record<string, { parameters?: { in: string; name: string }[] }>>;
  };
  const ops = Object.entries(doc.paths).flatMap(([p, methods]) =>
    Object.entries(methods).map(([m, op]) => ({ path: p, method: m.toUpperCase(), op })),
  );
  assert.ok(ops.length >= 10);
  let calls = 0;
  const errors: string[] = [];
  for (const { path, method, op } of ops) {
    const queryNames = (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name);
    const errorsBefore = errors.length;
    await fc
      .assert(
        fc.asyncProperty(
          fc.array(nasty, { minLength: 3, maxLength: 3 }),
          fc.dictionary(fc.constantFrom(...(queryNames.length ? queryNames : ['x'])), nasty),
          fc.oneof(jsonValue, fc.dictionary(fc.string(), jsonValue)),
          async (segments, query, body) => {
            let i = 0;
            const url =
              path.replace(/\{[^}]+\}/g, () => encodeURIComponent(segments[i++ % segments.length]) || 'x') +
              '?' +
              new URLSearchParams(query as Record<string, string>).toString();
            const res = await env.app.inject({
              method: method as 'GET',
              url,
              headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
              ...(method === 'GET' || method === 'DELETE' ? {} : { payload: JSON.stringify(body) }),
            });
            calls++;
            if (res.statusCode >= 500) errors.push(`${method} ${url} → ${res.statusCode} ${res.body.slice(0, 200)}`);
            return res.statusCode < 500;
          },
        ),
        { numRuns: 40, seed: 20261125, endOnFailure: true },
      )
      .catch((err: unknown) => {
        // A response ≥ 500 is collected in `errors` and asserted below; any other failure (the property threw) is
        // reported as it is.
        if (errors.length === errorsBefore) throw err;
      });
  }
  console.log(`# fuzz: ${ops.length} operations, ${calls} calls, ${errors.length} responses ≥ 500`);
  assert.deepEqual(errors, []);
});
