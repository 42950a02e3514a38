// Time zones asked and remembered: the first sign-in asks (suggesting the zone of the person's organization's country,
// else UTC; the browser's own with JavaScript), the account page offers every zone grouped by region, the answer is
// remembered as confirmed, and pages and e-mails use it: a participant in Nairobi sees and is e-mailed Nairobi times.
import { adoptPublishedEvents } from '../src/modules/events/index.ts';
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { users } from '../src/platform/auth/auth.schema.ts';
import { auditLog } from '../src/platform/audit/audit.schema.ts';
import { mailOutbox } from '../src/platform/mail/mail.schema.ts';
import { eventOrganizers, events } from '../src/modules/events/events.schema.ts';
import { Agent, dbLabel, location, makeTestEnv, makeUser, orgId, TEST_PASSWORD, type TestEnv } from './helper.ts';

let env: TestEnv;
before(async () => {
  env = await makeTestEnv();
});
after(async () => {
  await env?.close();
});

const userRow = async (id: string) => (await env.database.db.select().from(users).where(eq(users.id, id)))[0];
const signIn = (a: Agent, email: string, next = '/events') =>
  a.post('/sign-in', { email, password: TEST_PASSWORD, next });
/** The selected option of the time-zone select. */
const selectedZone = (html: string) => {
  const select = html.slice(
    html.indexOf('name="timeZone"'),
    html.indexOf('</select>', html.indexOf('name="timeZone"')),
  );
  return /<option value="([^"]+)" selected/.exec(select)?.[1];
};

test(`the first sign-in asks the time zone, suggesting the organization country's; once (${dbLabel()})`, async () => {
  const u = await makeUser(env, 'cso_representative', { orgSlug: 'demo-coastal-peacebuilders' });
  const a = new Agent(env.app);
  const r = await signIn(a, u.email);
  assert.equal(r.statusCode, 303);
  assert.equal(location(r), '/account/time-zone?next=%2Fevents');
  const step = await a.get(location(r));
  assert.equal(step.statusCode, 200);
  assert.match(step.body, /<optgroup label="Africa">/);
  assert.equal(selectedZone(step.body), 'Africa/Nairobi', 'the country the organization works in (Kenya)');
  assert.match(step.body, /Suggested from your organization’s country: Kenya\./);
  assert.match(step.body, /<script src="\/static\/time-zone\.js" defer><\/script>/);
  assert.match(step.body, /<form method="post" action="\/account\/time-zone" novalidate/);

  const bad = await a.post('/account/time-zone', { timeZone: 'Mars/Olympus', next: '/events' });
  assert.equal(bad.statusCode, 422);
  assert.match(bad.body, /<a href="#f-timeZone">/);
  assert.equal((await userRow(u.id)).timeZoneConfirmedAt, null);

  const ok = await a.post('/account/time-zone', { timeZone: 'Africa/Nairobi', next: '/events' });
  assert.equal(ok.statusCode, 303);
  assert.equal(location(ok), '/events');
  const row = await userRow(u.id);
  assert.equal(row.timeZone, 'Africa/Nairobi');
  assert.ok(row.timeZoneConfirmedAt instanceof Date);
  const audit = await env.database.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.action, 'account.timezone.confirmed'), eq(auditLog.targetId, u.id)));
  assert.equal(audit.length, 1);

  const again = await signIn(new Agent(env.app), u.email);
  assert.equal(location(again), '/events', 'not asked a second time');
});

test(`no country known: UTC suggested; the account page offers zones by region, confirms (${dbLabel()})`, async () => {
  const u = await makeUser(env, 'observer');
  const step = await u.agent.get('/account/time-zone');
  assert.equal(selectedZone(step.body), 'UTC');
  const account = await u.agent.get('/account');
  assert.match(account.body, /<optgroup label="Africa">[\s\S]*<option value="Africa\/Nairobi">/);
  assert.match(account.body, /<optgroup label="Americas">[\s\S]*<option value="America\/Santiago">/);
  assert.match(account.body, /<script src="\/static\/time-zone\.js" defer><\/script>/);
  const saved = await u.agent.post('/account/settings', { name: 'Sam', locale: 'en', timeZone: 'Asia/Bangkok' });
  assert.equal(saved.statusCode, 303);
  const row = await userRow(u.id);
  assert.equal(row.timeZone, 'Asia/Bangkok');
  assert.ok(row.timeZoneConfirmedAt instanceof Date, 'choosing on the account page confirms it too');
});

test(`a participant in Nairobi sees and is e-mailed Africa/Nairobi times (${dbLabel()})`, async () => {
  const u = await makeUser(env, 'cso_representative', { orgSlug: 'demo-coastal-peacebuilders' });
  const a = new Agent(env.app);
  await signIn(a, u.email, '/');
  assert.equal((await a.post('/account/time-zone', { timeZone: 'Africa/Nairobi', next: '/' })).statusCode, 303);
  const start = new Date(Date.now() + 9 * 86400_000);
  const slug = `nairobi-${randomUUID().slice(0, 8)}`;
  const [e] = await env.database.db
    .insert(events)
    .values({
      slug,
      type: 'briefing',
      status: 'published',
      title: { en: { text: 'Briefing held in New York', status: 'original' } },
      format: 'virtual',
      timeZone: 'America/New_York',
      startsAt: start,
      endsAt: new Date(start.getTime() + 3600_000),
      registrationMode: 'automatic',
      openTo: ['cso'],
    })
    .returning();
  await adoptPublishedEvents(env.database.db); // a row written behind the services: as an upgrade
  await env.database.db
    .insert(eventOrganizers)
    .values({ eventId: e.id, organizationId: await orgId(env, 'unoct'), role: 'organizer' });
  const page = await a.get(`/events/${slug}`);
  assert.match(page.body, /In your time zone \(Africa\/Nairobi\): /);
  assert.doesNotMatch(page.body, /In your time zone \(UTC\)/);
  assert.equal((await a.post(`/events/${slug}/register`, {})).statusCode, 303);
  const [mail] = await env.database.db.select().from(mailOutbox).where(eq(mailOutbox.to, u.email.toLowerCase()));
  assert.match(mail.text, /In your time zone \(Africa\/Nairobi\): /);
});
