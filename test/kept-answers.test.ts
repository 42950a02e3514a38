// Kept answers (platform/http/kept-answers.ts): the directory's API list is kept per class of readers — those who see
// the same organizations — and dropped when the organizations change, whoever changes them: a database trigger
// announces it on the change channel (another process, a job, an operator's SQL), and any state-changing request of
// this process drops it at once. A reader never gets a list kept for readers who see other organizations. An event's
// page for signed-in readers keeps the part every reader gets alike; each reader's own is read every time.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { organizations } from '../src/modules/directory/directory.schema.ts';
import { api, type ApiResponse } from './api.helpers.ts';
import { dbLabel, makeTestEnv, makeUser, orgId, type TestEnv } from './helper.ts';
import { createPublishedEvent, eventApiBody, postForm } from './events.helpers.ts';
import { notifications } from '../src/platform/notify/notify.schema.ts';

let env: TestEnv;
before(async () => {
  env = await makeTestEnv({ keptAnswerSeconds: 300 });
});
after(async () => {
  await env?.close();
});

const names = (r: ApiResponse): string[] => {
  assert.equal(r.status, 200, r.body);
  return r.json().data.map((o: { names: { en: string } }) => o.names.en);
};
const rename = (id: string, en: string) =>
  env.database.db.update(organizations).set({ names: { en } }).where(eq(organizations.id, id));
const trigger = (on: boolean) =>
  env.database.db.execute(
    sql.raw(`alter table organizations ${on ? 'enable' : 'disable'} trigger organizations_changed`),
  );

test(`the directory's list: kept per class of readers, dropped on any change (${dbLabel()})`, async () => {
  const suffix = randomBytes(3).toString('hex');
  // A civil-society organization that is not publicly listed: its own members see it, other readers do not.
  const [cso] = await env.database.db
    .insert(organizations)
    .values({ slug: `kept-${suffix}`, type: 'cso', names: { en: `Aardvark Society ${suffix}` }, publicListing: false })
    .returning();
  const member = await makeUser(env, 'cso_representative', { orgId: cso.id });
  const observer = await makeUser(env, 'observer', { orgSlug: 'unoct' });
  const url = '/api/v1/organizations?type=cso&pageSize=100';

  // Each reader, in either order, gets the list of their own class, never the other's.
  for (let round = 0; round < 2; round++) {
    assert.ok(names(await api(env, member, 'GET', url)).includes(`Aardvark Society ${suffix}`));
    assert.ok(!names(await api(env, observer, 'GET', url)).includes(`Aardvark Society ${suffix}`), 'not leaked');
  }

  // Kept: a change that nobody announces (the trigger off) is not seen — the list was kept, not read again.
  await trigger(false);
  try {
    await rename(cso.id, `Aardvark Renamed ${suffix}`);
  } finally {
    await trigger(true);
  }
  assert.ok(names(await api(env, member, 'GET', url)).includes(`Aardvark Society ${suffix}`), 'served as kept');

  // Any change of the table, here an operator's SQL, is announced by the trigger when it commits: the kept list is
  // dropped within milliseconds (waited for here, at most 5 s).
  await env.database.db.execute(sql`update organizations set website = website where id = ${cso.id}`);
  let fresh: string[] = [];
  for (const started = Date.now(); Date.now() - started < 5000; await new Promise((r) => setTimeout(r, 50))) {
    fresh = names(await api(env, member, 'GET', url));
    if (fresh.includes(`Aardvark Renamed ${suffix}`)) break;
  }
  assert.ok(fresh.includes(`Aardvark Renamed ${suffix}`), 'the change reached the kept list');

  // A state-changing request of this process drops the kept lists at once, before anything is announced.
  assert.ok(names(await api(env, member, 'GET', url)).includes(`Aardvark Renamed ${suffix}`));
  await trigger(false);
  try {
    await rename(cso.id, `Aardvark Third ${suffix}`);
  } finally {
    await trigger(true);
  }
  const write = await api(env, observer, 'POST', '/api/v1/organizations', {});
  assert.ok(write.status >= 400, 'a refused write is still a state-changing request');
  assert.ok(names(await api(env, member, 'GET', url)).includes(`Aardvark Third ${suffix}`), 'read afresh at once');
});

test(`an event's page for signed-in readers: shared part kept, the reader's own read anew (${dbLabel()})`, async () => {
  const suffix = randomBytes(3).toString('hex');
  const unodc = await orgId(env, 'unodc');
  const focal = await makeUser(env, 'entity_focal_point', { orgId: unodc, focalPoint: true });
  const [a, b] = [
    await makeUser(env, 'cso_representative', { orgSlug: 'demo-coastal-peacebuilders' }),
    await makeUser(env, 'cso_representative', { orgSlug: 'demo-coastal-peacebuilders' }),
  ];
  const body = (slug: string, o: Record<string, unknown> = {}) =>
    eventApiBody(slug, [unodc], { visibility: 'platform', waitlist: false, ...o });
  const slug = `kept-${suffix}`;
  const room = `https://meet.example.org/${suffix}`;
  const created = await createPublishedEvent(
    env,
    focal,
    body(slug, { type: 'week', format: 'hybrid', meetingUrl: room, venue: 'Vienna' }),
  );
  assert.equal(created.status, 201, created.body);
  const idOf = async (s: string) =>
    (await env.database.query<{ id: string }>('select id from events where slug = $1', [s]))[0].id;
  const id = await idOf(slug);
  const page = async (u: typeof a) => {
    const r = await u.agent.get(`/events/${slug}`);
    assert.equal(r.statusCode, 200);
    return r.body;
  };
  assert.doesNotMatch(await page(a), /You are registered for this event/);
  const attend = { attendance: 'virtual' };
  assert.equal((await api(env, a, 'POST', `/api/v1/events/${id}/registrations`, attend)).status, 201);
  // Each reader's own part: a sees their registration and the meeting link, b (served from the same kept part and
  // the same kept HTML of the page's shared parts) does not.
  assert.match(await page(a), /You are registered for this event/);
  assert.match(await page(a), new RegExp(`href="${room}"`));
  assert.doesNotMatch(await page(b), /You are registered for this event/);
  assert.doesNotMatch(await page(b), new RegExp(room));
  // The shared parts' HTML is kept per time zone (and language): b, in Tokyo's, is told the times in their zone;
  // a, in the event's own (New York), is not; neither page carries the other reader's name.
  await env.database.db.execute(
    sql`update users set time_zone = 'Asia/Tokyo', time_zone_confirmed_at = now() where id = ${b.id}`,
  );
  await env.database.db.execute(
    sql`update users set time_zone = 'America/New_York', time_zone_confirmed_at = now() where id = ${a.id}`,
  );
  const [pa, pb] = [await page(a), await page(b)];
  assert.match(pb, /Asia\/Tokyo/);
  assert.doesNotMatch(pa, /Asia\/Tokyo/);
  assert.ok(!pa.includes(b.email) && !pb.includes(a.email));
  // The shared parts kept from other readers' pages are what this reader's page renders afresh: with nothing kept,
  // each reader's page is the same (but for the form token).
  const sansToken = (html: string) => html.replace(/name="_csrf" value="[^"]*"/g, '');
  env.config.keptAnswerSeconds = 0;
  try {
    assert.equal(sansToken(await page(a)), sansToken(pa));
    assert.equal(sansToken(await page(b)), sansToken(pb));
  } finally {
    env.config.keptAnswerSeconds = 300;
  }
  // The shared part is kept: a co-organizer added by SQL (no request, no announcement) is not shown yet…
  await env.database.db.execute(
    sql`insert into event_organizers (event_id, organization_id, role, sort)
      select ${id}, id, 'co_organizer', 1 from organizations where slug = 'unesco'`,
  );
  assert.doesNotMatch(await page(b), /UNESCO/);
  // …and any state-changing request drops it.
  assert.equal((await api(env, b, 'POST', `/api/v1/events/${id}/registrations`, attend)).status, 201);
  assert.match(await page(b), /UNESCO/);
  assert.match(await page(b), /You are registered for this event/);
  // A side event for invited readers only: the page is then read for each reader (nothing kept), so the reader
  // registered to it sees it among the side events, and the other does not.
  const side = `${slug}-side`;
  const sideEvent = await createPublishedEvent(env, focal, body(side, { parent: slug, visibility: 'invited' }));
  assert.equal(sideEvent.status, 201, sideEvent.body);
  await env.database.db.execute(
    sql`insert into event_registrations (event_id, user_id, full_name, email, status, locale)
      values (${await idOf(side)}, ${a.id}, 'A', ${a.email}, 'accepted', 'en')`,
  );
  assert.match(await page(a), new RegExp(`/events/${side}`));
  assert.doesNotMatch(await page(b), new RegExp(`/events/${side}`));
  assert.equal((await b.agent.get(`/events/${side}`)).statusCode, 404);
});

test(`the header's unread count: kept per reader, dropped when notifications change (${dbLabel()})`, async () => {
  const [reader, other] = [
    await makeUser(env, 'observer', { orgSlug: 'unoct' }),
    await makeUser(env, 'observer', { orgSlug: 'unoct' }),
  ];
  const badge = async (u = reader) => {
    const page = await u.agent.get('/events');
    assert.equal(page.statusCode, 200);
    return Number(/data-testid="unread-count">(\d+)</.exec(page.body)?.[1] ?? 0);
  };
  const add = (userId = reader.id) =>
    env.database.db.insert(notifications).values({ userId, kind: 'test', messageKey: 'notifications.marked' });
  const untilBadge = async (n: number) => {
    let seen = await badge();
    for (const started = Date.now(); seen !== n && Date.now() - started < 5000; seen = await badge())
      await new Promise((r) => setTimeout(r, 50));
    return seen;
  };
  const triggerOn = (on: boolean) =>
    env.database.db.execute(
      sql.raw(`alter table notifications ${on ? 'enable' : 'disable'} trigger notifications_changed`),
    );
  assert.equal(await badge(), 0);
  // Kept: a notification that nobody announces (the trigger off) is not counted — the count was kept.
  await triggerOn(false);
  try {
    await add();
  } finally {
    await triggerOn(true);
  }
  assert.equal(await badge(), 0, 'served as kept');
  // Any change of the table (here as a job makes it, straight to the database) is announced when it commits.
  await add();
  assert.equal(await untilBadge(2), 2, 'the change reached the kept count');
  // Counts are the reader's own: another reader's notification does not show on this reader's badge.
  await add(other.id);
  assert.equal(await badge(other), 1);
  assert.equal(await badge(), 2);
  // The reader's own state-changing request drops the kept counts at once.
  await triggerOn(false);
  try {
    const r = await postForm(env, reader.agent, '/notifications/read-all', {});
    assert.equal(r.statusCode, 303);
  } finally {
    await triggerOn(true);
  }
  assert.equal(await badge(), 0, 'read afresh at once');
});
