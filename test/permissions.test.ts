// The permission matrix: every route (from Fastify's onRoute) × anonymous and every role.
// A route missing from the matrix, or a matrix row for a route that no longer exists, fails the suite.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { ROLES, type Role } from '../src/platform/auth/auth.schema.ts';
import { createSession, sessionCookieName } from '../src/platform/auth/session.ts';
import { createApiToken } from '../src/modules/access/access.service.ts';
import { loadActor } from '../src/modules/access/access.service.ts';
import { Agent, dbLabel, makeTestEnv, makeUser, type TestEnv, type TestUser } from './helper.ts';
import { MATRIX, ALL, type Principal } from './permissions.matrix.ts';

let env: TestEnv;
const users = new Map<Role, TestUser>();
const tokens = new Map<Role, string>();
let personId = '';

before(async () => {
  env = await makeTestEnv();
  for (const role of ROLES) {
    const u = await makeUser(env, role, {
      orgSlug: role === 'cso_representative' ? 'demo-coastal-peacebuilders' : 'unoct',
      focalPoint: true,
    });
    users.set(role, u);
    const loaded = await loadActor(env.database.db, u.id, 'session', true, []);
    const t = await createApiToken(
      { db: env.database.db, config: env.config, actor: loaded!.actor },
      { name: 'matrix', scopes: ['write'], expiresInDays: null },
    );
    tokens.set(role, t.token);
  }
  const admin = users.get('platform_admin')!;
  const a = await admin.agent.get('/directory/organizations/unoct');
  personId = /\/directory\/people\/([0-9a-f-]{36})/.exec(a.body)![1];
});
after(async () => {
  await env?.close();
});

function fill(url: string): string {
  return url
    .replace(':slug', 'unoct')
    .replace('/api/v1/organizations/:id', '/api/v1/organizations/unoct')
    .replace('/api/v1/people/:id', `/api/v1/people/${personId}`)
    .replace(/\/people\/:id/, `/people/${personId}`)
    .replace(':token', 'x'.repeat(43))
    .replace(':code', 'fr')
    .replace(':orgId', randomUUID())
    .replace(':id', randomUUID())
    .replace('*', 'app.css');
}

const matrixKey = (method: string, url: string) =>
  url.startsWith('/api/docs') ? `${method} /api/docs*` : `${method} ${url}`;

test(`every route is in the permission matrix, and every matrix row is a route (${dbLabel()})`, () => {
  const keys = new Set(
    env.app.platform.routes.filter((r) => r.method !== 'HEAD').map((r) => matrixKey(r.method, r.url)),
  );
  const missing = [...keys].filter((k) => !(k in MATRIX));
  const stale = Object.keys(MATRIX).filter((k) => !keys.has(k));
  assert.deepEqual(missing, [], `routes missing from test/permissions.matrix.ts: ${missing.join(', ')}`);
  assert.deepEqual(stale, [], `matrix rows for routes that do not exist: ${stale.join(', ')}`);
  for (const r of env.app.platform.routes) assert.ok(r.access !== undefined, `${r.method} ${r.url} declares no access`);
  console.log(`# permission matrix: ${keys.size} routes × ${ALL.length} principals`);
});

/** The part of a route that names its area: "/api/v1/compact/…" and "/compact/…" are both "compact". */
const area = (url: string) =>
  url
    .replace(/^\/api\/v1/, '')
    .split('/')[1]
    ?.split(/[.:]/)[0] || '(root)';
/** One test per area, so that each stays well within the per-test time limit however many routes there are. */
const AREAS = [...new Set(Object.keys(MATRIX).map((k) => area(k.split(' ')[1])))].sort();

for (const a of AREAS)
  test(`route access matches the matrix for anonymous and every role: ${a} (${dbLabel()})`, async () => {
    const unexpected: string[] = [];
    let checks = 0;
    const routes = env.app.platform.routes.filter(
      (r) => r.method !== 'HEAD' && !(r.url.startsWith('/api/docs') && r.url !== '/api/docs') && area(r.url) === a,
    );
    assert.ok(routes.length > 0, `routes of ${a}`);
    for (const r of routes) {
      const allowed = new Set<Principal>(MATRIX[matrixKey(r.method, r.url)]);
      for (const who of ALL) {
        const url = fill(r.url);
        let status: number;
        let loc = '';
        if (r.url.startsWith('/api/v1')) {
          const headers: Record<string, string> = { accept: 'application/json' };
          if (who !== 'anonymous') headers.authorization = `Bearer ${tokens.get(who)}`;
          const res = await env.app.inject({
            method: r.method as 'GET',
            url,
            headers,
            ...(r.method === 'POST' || r.method === 'PUT' ? { payload: {} } : {}),
          });
          status = res.statusCode;
        } else {
          const agent = new Agent(env.app);
          if (who !== 'anonymous') {
            const token = await createSession(env.database.db, users.get(who)!.id, true, {
              idleMinutes: 60,
              maxHours: 1,
            });
            agent.cookies.set(sessionCookieName(env.config.secureCookies), token);
          }
          const res = r.method === 'GET' ? await agent.get(url) : await agent.post(url, {});
          status = res.statusCode;
          loc = String(res.headers.location ?? '');
        }
        const denied = status === 401 || status === 403 || (status === 303 && loc.startsWith('/sign-in'));
        if (status >= 500) unexpected.push(`${r.method} ${r.url} as ${who}: server error ${status}`);
        else if (denied === allowed.has(who))
          unexpected.push(
            `${r.method} ${r.url} as ${who}: ${denied ? 'denied' : 'allowed'} ` +
              `(${status}), matrix says ${allowed.has(who) ? 'allow' : 'deny'}`,
          );
        checks++;
      }
    }
    console.log(`# permission matrix, ${a}: ${checks} checks, ${unexpected.length} unexpected`);
    assert.deepEqual(unexpected, []);
  });
