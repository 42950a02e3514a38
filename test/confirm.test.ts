// Destructive page actions go through the platform's confirmation page (platform/http/confirm.tsx): every such POST
// route sends an unconfirmed form to its confirmation page (303) and changes nothing; the page (GET) says what will
// happen, carries the action's fields and `confirmed=yes`, and uses the danger style; the confirmed POST acts. The list
// pages link to the confirmation page instead of posting in one click.
import { adoptPublishedEvents } from '../src/modules/events/index.ts';
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { users } from '../src/platform/auth/auth.schema.ts';
import { events, eventOrganizers, eventRegistrations, eventSessions } from '../src/modules/events/events.schema.ts';
import { CONFIRMED, dbLabel, location, makeTestEnv, makeUser, orgId, type TestEnv, type TestUser } from './helper.ts';
import { MATRIX, type Principal } from './permissions.matrix.ts';

let env: TestEnv;
let coordinator: TestUser;
before(async () => {
  env = await makeTestEnv();
  coordinator = await makeUser(env, 'coordinator', { orgSlug: 'unoct' });
});
after(async () => {
  await env?.close();
});

/** A page action that destroys, revokes, removes, declines, cancels, disables, erases (or adopts: it locks). */
const DESTRUCTIVE = /\/(delete|remove|revoke|disable|cancel|withdraw|erase\/:id|run|adopt|decision)$/;
/** What asks again in its own way: the passkey's removal and turning two-factor off both ask for the password. */
const OWN_CONFIRMATION = new Set(['POST /account/passkeys/:id/remove', 'POST /account/two-factor/disable']);
/** Form fields a route needs to reach its confirmation step (schema validation comes first). */
const FIELDS: Record<string, Record<string, string>> = {
  'POST /events/:slug/registrations/:id/decision': { decision: 'decline' },
  'POST /events/:slug/side-events/proposals/:pid/decision': { decision: 'declined', reason: 'x' },
  'POST /admin/users/:id/disable': { disabled: '1' },
  'POST /assessments/consent/:id/revoke': { visitId: randomUUID() },
};
/** Decisions that are not destructive as a whole (a side-event proposal's review has its reason field). */
const NOT_CONFIRMED = new Set(['POST /events/:slug/side-events/proposals/:pid/decision']);

test(`every destructive page action sends an unconfirmed POST to its confirmation page (${dbLabel()})`, async () => {
  const routes = env.app.platform.routes.filter(
    (r) => r.method === 'POST' && !r.url.startsWith('/api/') && DESTRUCTIVE.test(r.url),
  );
  assert.ok(routes.length >= 18, `destructive page actions found: ${routes.length}`);
  const users = new Map<Principal, TestUser>();
  const userFor = async (p: Principal) => {
    const orgSlug = p === 'cso_representative' ? 'demo-coastal-peacebuilders' : 'unoct';
    if (!users.has(p)) users.set(p, await makeUser(env, p as never, { orgSlug, focalPoint: true }));
    return users.get(p)!;
  };
  const unexpected: string[] = [];
  for (const r of routes) {
    const key = `POST ${r.url}`;
    if (OWN_CONFIRMATION.has(key) || NOT_CONFIRMED.has(key)) continue;
    const who = (MATRIX[key] ?? []).find((p) => p !== 'anonymous');
    if (!who) {
      unexpected.push(`${key}: nobody may post it`);
      continue;
    }
    const url = r.url.replace(/:[a-z]+/gi, (m) => (m === ':slug' ? 'no-such-event' : randomUUID()));
    const page = url.replace(/\?.*/, '');
    assert.ok(env.app.hasRoute({ method: 'GET', url: r.url }), `${key} has its confirmation page`);
    const res = await (await userFor(who)).agent.post(url, FIELDS[key] ?? {});
    const to = location(res);
    if (res.statusCode !== 303 || to.split('?')[0] !== page)
      unexpected.push(`${key} as ${who}: ${res.statusCode} → ${to || '(no redirect)'}`);
    for (const [k, v] of Object.entries(FIELDS[key] ?? {}))
      if (!to.includes(`${k}=${encodeURIComponent(v)}`)) unexpected.push(`${key}: ${k} not carried to the page`);
  }
  assert.deepEqual(unexpected, []);
});

let n = 0;
async function makeEvent() {
  const start = new Date(Date.now() + 7 * 86400_000);
  const [e] = await env.database.db
    .insert(events)
    .values({
      slug: `confirm-${++n}-${randomUUID().slice(0, 8)}`,
      type: 'roundtable',
      status: 'published',
      title: { en: { text: `Confirmation roundtable ${n}`, status: 'original' } },
      format: 'virtual',
      timeZone: 'UTC',
      startsAt: start,
      endsAt: new Date(start.getTime() + 3600_000),
      registrationMode: 'automatic',
      capacity: 10,
      openTo: ['cso', 'member_state', 'un_entity', 'academia'],
    })
    .returning();
  await adoptPublishedEvents(env.database.db); // a row written behind the services: as an upgrade
  await env.database.db
    .insert(eventOrganizers)
    .values({ eventId: e.id, organizationId: await orgId(env, 'unoct'), role: 'organizer' });
  return e;
}
const statusOf = async (id: string) =>
  (await env.database.db.select().from(eventRegistrations).where(eq(eventRegistrations.id, id)))[0].status;
/** The confirmation form of a page: its action, hidden fields and the danger button. */
function confirmForm(body: string) {
  const form = /<form method="post" action="([^"]+)"[^>]*class="confirm-actions"[^>]*>([\s\S]*?)<\/form>/.exec(body);
  assert.ok(form, 'a confirmation form');
  const hidden = Object.fromEntries(
    [...form[2].matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)].map((m) => [m[1], m[2]]),
  );
  assert.match(form[2], /<button type="submit" class="danger">/, 'the danger style');
  return { action: form[1], hidden };
}

const DECLINE = 'declining a registration: the list links to its confirmation, one click declines nothing';
test(`${DECLINE} (${dbLabel()})`, async () => {
  const e = await makeEvent();
  const cso = await makeUser(env, 'cso_representative', { orgSlug: 'demo-coastal-peacebuilders' });
  assert.equal((await cso.agent.post(`/events/${e.slug}/register`, {})).statusCode, 303);
  const [reg] = await env.database.db.select().from(eventRegistrations).where(eq(eventRegistrations.eventId, e.id));
  assert.equal(reg.status, 'accepted');

  const list = await coordinator.agent.get(`/events/${e.slug}/registrations`);
  const confirmUrl = `/events/${e.slug}/registrations/${reg.id}/decision?decision=decline`;
  assert.ok(list.body.includes(`<a class="danger" href="${confirmUrl}">Decline</a>`), 'Decline is a link');
  assert.ok(!/name="decision" value="decline"/.test(list.body), 'no one-click decline form');

  // The old one-click form: nothing happens, the confirmation page is next.
  const oneClick = await coordinator.agent.post(`/events/${e.slug}/registrations/${reg.id}/decision`, {
    decision: 'decline',
  });
  assert.equal(oneClick.statusCode, 303);
  assert.equal(location(oneClick), confirmUrl);
  assert.equal(await statusOf(reg.id), 'accepted', 'nothing declined without the confirmation');

  const page = await coordinator.agent.get(confirmUrl);
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /<h1>Decline this registration\?<\/h1>/);
  assert.ok(page.body.includes(cso.email), 'the page names whom it is about');
  const f = confirmForm(page.body);
  assert.equal(f.action, `/events/${e.slug}/registrations/${reg.id}/decision`);
  assert.deepEqual(
    { decision: f.hidden.decision, confirmed: f.hidden.confirmed },
    { decision: 'decline', ...CONFIRMED },
  );
  assert.ok(page.body.includes(`href="/events/${e.slug}/registrations">Go back</a>`), 'the way back');

  const done = await coordinator.agent.post(f.action, { decision: 'decline', ...CONFIRMED });
  assert.equal(done.statusCode, 303);
  assert.equal(location(done), `/events/${e.slug}/registrations`);
  assert.equal(await statusOf(reg.id), 'declined');
  // Accepting again needs no confirmation (not destructive).
  await coordinator.agent.post(f.action, { decision: 'accept' });
  assert.equal(await statusOf(reg.id), 'accepted');
  // A confirmation page for anything but declining does not exist.
  const accept = await coordinator.agent.get(`/events/${e.slug}/registrations/${reg.id}/decision?decision=accept`);
  assert.equal(accept.statusCode, 404);
});

test(`cancelling one's registration and deleting a session are confirmed first (${dbLabel()})`, async () => {
  const e = await makeEvent();
  const cso = await makeUser(env, 'cso_representative', { orgSlug: 'demo-coastal-peacebuilders' });
  await cso.agent.post(`/events/${e.slug}/register`, {});
  const [reg] = await env.database.db.select().from(eventRegistrations).where(eq(eventRegistrations.eventId, e.id));
  const eventPage = await cso.agent.get(`/events/${e.slug}`);
  assert.ok(eventPage.body.includes(`<a class="button secondary danger" href="/events/${e.slug}/cancel">`));
  const oneClick = await cso.agent.post(`/events/${e.slug}/cancel`, {});
  assert.equal(location(oneClick), `/events/${e.slug}/cancel`);
  assert.equal(await statusOf(reg.id), 'accepted');
  const page = await cso.agent.get(`/events/${e.slug}/cancel`);
  assert.match(page.body, /Your registration for “Confirmation roundtable \d+” will be cancelled/);
  confirmForm(page.body);
  assert.equal((await cso.agent.post(`/events/${e.slug}/cancel`, CONFIRMED)).statusCode, 303);
  assert.equal(await statusOf(reg.id), 'cancelled');
  assert.equal((await cso.agent.get(`/events/${e.slug}/cancel`)).statusCode, 409, 'nothing left to cancel');

  const [s] = await env.database.db
    .insert(eventSessions)
    .values({ eventId: e.id, kind: 'opening', title: { en: { text: 'Opening (test)', status: 'original' } }, sort: 0 })
    .returning();
  const programme = await coordinator.agent.get(`/events/${e.slug}/programme`);
  assert.ok(programme.body.includes(`<a class="danger" href="/events/${e.slug}/sessions/${s.id}/delete">Delete</a>`));
  await coordinator.agent.post(`/events/${e.slug}/sessions/${s.id}/delete`, {});
  const left = await env.database.db.select().from(eventSessions).where(eq(eventSessions.id, s.id));
  assert.equal(left.length, 1, 'the session is still there');
  const confirm = await coordinator.agent.get(`/events/${e.slug}/sessions/${s.id}/delete`);
  assert.match(confirm.body, /“Opening \(test\)” will be removed from the programme/);
  await coordinator.agent.post(confirmForm(confirm.body).action, CONFIRMED);
  assert.equal((await env.database.db.select().from(eventSessions).where(eq(eventSessions.id, s.id))).length, 0);
});

test(`disabling an account is confirmed first, in the reader's language (${dbLabel()})`, async () => {
  const admin = await makeUser(env, 'platform_admin', { orgSlug: 'unoct' });
  const target = await makeUser(env, 'observer');
  const disabledAt = async () =>
    (await env.database.db.select().from(users).where(eq(users.id, target.id)))[0].disabledAt;
  await admin.agent.post(`/admin/users/${target.id}/disable`, { disabled: '1' });
  assert.equal(await disabledAt(), null, 'one click disables nothing');
  admin.agent.cookies.set('ctcp_lang', 'ar');
  const ar = await admin.agent.get(`/admin/users/${target.id}/disable?disabled=1`);
  assert.match(ar.body, /<html lang="ar" dir="rtl">/);
  assert.match(ar.body, /هل تريد تعطيل هذا الحساب؟/);
  const f = confirmForm(ar.body);
  assert.equal(f.hidden.disabled, '1');
  await admin.agent.post(f.action, { disabled: '1', ...CONFIRMED });
  assert.ok(await disabledAt(), 'disabled once confirmed');
  // Enabling it again is one click.
  await admin.agent.post(`/admin/users/${target.id}/disable`, { disabled: '0' });
  assert.equal(await disabledAt(), null);
  // The confirmation page has the action's access: 403 for anyone but an administrator.
  const observer = await makeUser(env, 'observer');
  assert.equal((await observer.agent.get(`/admin/users/${admin.id}/disable?disabled=1`)).statusCode, 403);
});
