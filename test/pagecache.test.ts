// Public pages for anonymous readers are kept for config.pageCacheSeconds: what another process changes shows when
// the seconds are over, what this process changes (any state-changing request) shows at once; signed-in readers,
// other languages and pages with a flash message are never served a kept page; a kept page carries no form token.
import { adoptPublishedEvents } from '../src/modules/events/index.ts';
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { events, eventOrganizers } from '../src/modules/events/events.schema.ts';
import { dbLabel, makeTestEnv, makeUser, orgId, type TestEnv } from './helper.ts';

let env: TestEnv;
before(async () => {
  env = await makeTestEnv({ pageCacheSeconds: 300 });
});
after(async () => {
  await env?.close();
});

const anonymous = (url: string, headers: Record<string, string> = {}) =>
  env.app.inject({ method: 'GET', url, headers: { accept: 'text/html', 'accept-language': 'en', ...headers } });

test(
  'the public event page: kept for anonymous readers, fresh after a ' +
    `change made here, never kept for a signed-in reader (${dbLabel()})`,
  async () => {
    const slug = `cached-${randomUUID().slice(0, 8)}`;
    const start = new Date(Date.now() + 7 * 86400_000);
    const [e] = await env.database.db
      .insert(events)
      .values({
        slug,
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

    const first = await anonymous(`/events/${slug}`);
    assert.equal(first.statusCode, 200);
    assert.match(first.body, /Kept roundtable/);
    assert.match(first.body, /Seats taken: 0 of 10/);
    assert.ok(!first.headers['set-cookie'], 'no form token, so no cookie, on a page without a form');
    assert.doesNotMatch(first.body, /name="_csrf"/);

    // Another process changes the capacity (read from the row; the title is signed text, see events.publishing.test):
    // anonymous readers get the kept page until the seconds are over.
    await env.database.db.update(events).set({ capacity: 12 }).where(eq(events.id, e.id));
    const kept = await anonymous(`/events/${slug}`);
    assert.equal(kept.body, first.body, 'served from the kept page');
    assert.match(
      (await anonymous(`/events/${slug}`, { 'accept-language': 'fr' })).body,
      /Places occupées : 0 sur 12/,
      'another language is another page',
    );
    const admin = await makeUser(env, 'platform_admin', { orgSlug: 'unoct' });
    assert.match(
      (await admin.agent.get(`/events/${slug}`)).body,
      /Seats taken: 0 of 12/,
      'a signed-in reader always gets a fresh page',
    );

    // A change made through this process (here: a registration) drops the kept pages at once.
    const cso = await makeUser(env, 'cso_representative', { orgSlug: 'demo-coastal-peacebuilders' });
    assert.equal((await cso.agent.post(`/events/${slug}/register`, {})).statusCode, 303);
    const after = await anonymous(`/events/${slug}`);
    assert.match(after.body, /Kept roundtable/);
    assert.match(after.body, /Seats taken: 1 of 12/);
  },
);

test(`pages with a form token or a flash message are not kept (${dbLabel()})`, async () => {
  const a = await anonymous('/sign-in');
  assert.match(a.body, /name="_csrf" value="([^"]+)"/);
  const b = await anonymous('/sign-in');
  assert.notEqual(
    /name="_csrf" value="([^"]+)"/.exec(a.body)![1],
    /name="_csrf" value="([^"]+)"/.exec(b.body)![1],
    'each reader gets their own token',
  );
  const list = await anonymous('/events', { cookie: `ctcp_flash=${Buffer.from('Saved').toString('base64url')}` });
  assert.match(list.body, /class="flash"/);
  assert.doesNotMatch((await anonymous('/events')).body, /class="flash"/, 'the flash went to its reader only');
});
