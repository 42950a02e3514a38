// The main navigation offers only pages the reader may open: for anonymous readers and for each demo account (one per
// role, bound to its organization as in the demo), every link the header shows answers 200. And a link that depends on
// data follows it: the briefings appear to an entity's focal point when the entity joins the CTC briefing body.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import { users } from '../src/platform/auth/auth.schema.ts';
import { createSession, sessionCookieName } from '../src/platform/auth/session.ts';
import { DEMO_ACCOUNTS, seedDemoAccounts } from '../src/modules/access/access.seed.ts';
import { Agent, dbLabel, makeTestEnv, orgId, type TestEnv } from './helper.ts';

let env: TestEnv;
before(async () => {
  env = await makeTestEnv();
  await seedDemoAccounts(env.database.db, env.config.sessionSecret);
});
after(async () => {
  await env?.close();
});

/** A signed-in agent of a demo account (second factor verified). */
async function agentOf(email: string): Promise<Agent> {
  const [u] = await env.database.db.select({ id: users.id }).from(users).where(eq(users.email, email));
  assert.ok(u, email);
  const agent = new Agent(env.app);
  const token = await createSession(env.database.db, u.id, true, { idleMinutes: 60, maxHours: 1 });
  agent.cookies.set(sessionCookieName(env.config.secureCookies), token);
  return agent;
}

/** The main navigation's links on a page. */
function navLinks(html: string): string[] {
  const nav = /<nav class="main-nav"[^>]*>([\s\S]*?)<\/nav>/.exec(html);
  assert.ok(nav, 'the page has the main navigation');
  return [...nav[1].matchAll(/href="([^"]+)"/g)].map((m) => m[1].replaceAll('&amp;', '&'));
}

test(`every link of the main navigation answers 200: anonymous readers and each demo role (${dbLabel()})`, async () => {
  const failures: string[] = [];
  const shown: Record<string, string[]> = {};
  for (const who of ['anonymous', ...DEMO_ACCOUNTS.map((a) => a.email)]) {
    const agent = who === 'anonymous' ? new Agent(env.app) : await agentOf(who);
    const home = await agent.get('/');
    assert.equal(home.statusCode, 200, `${who}: the home page`);
    const links = navLinks(home.body);
    shown[who] = links;
    for (const href of links) {
      const res = await agent.get(href);
      if (res.statusCode !== 200) failures.push(`${who}: ${href} answers ${res.statusCode}`);
    }
  }
  assert.deepEqual(failures, [], 'links the reader may not open');
  // The menu is not empty for the roles that use it, and the secretariat sees the briefings.
  assert.ok(shown['coordinator@demo.ctcp.localhost'].includes('/compact/briefings'));
  assert.ok(shown['entity@demo.ctcp.localhost'].includes('/compact/meetings'));
  assert.ok(!shown.anonymous.includes('/api/docs'), 'the API documentation: signed-in readers');
});

test(`the briefings link follows the CTC briefing body's membership (${dbLabel()})`, async () => {
  // The demo entity focal point is UNODC's, which is not a member of the CTC briefing body (UNOCT and CTED are).
  const agent = await agentOf('entity@demo.ctcp.localhost');
  assert.ok(!navLinks((await agent.get('/')).body).includes('/compact/briefings'));
  assert.equal((await agent.get('/compact/briefings')).statusCode, 403);
  const unodc = await orgId(env, 'unodc');
  await env.database.exec(`insert into compact_body_members (body_id, organization_id, role)
    select id, '${unodc}', 'member' from compact_bodies where kind = 'ctc_briefing'`);
  try {
    assert.ok(navLinks((await agent.get('/')).body).includes('/compact/briefings'), 'a member entity: shown');
    assert.equal((await agent.get('/compact/briefings')).statusCode, 200);
  } finally {
    await env.database.exec(`delete from compact_body_members where organization_id = '${unodc}'
      and body_id in (select id from compact_bodies where kind = 'ctc_briefing')`);
  }
  assert.ok(!navLinks((await agent.get('/')).body).includes('/compact/briefings'), 'it left: hidden again');
});
