// The events' forms as people meet them: "New event" offered to those who may create events (and nobody else),
// drafts shown as drafts everywhere and published by an explicit action, eligibility and one's own registration shown
// before any form, every error of a form in one pass with a summary naming each field, and one Chair's Summary
// (the event page, its form and the outcome report read the same record; the demo data too).
import { adoptPublishedEvents } from '../src/modules/events/index.ts';
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { auditLog } from '../src/platform/audit/audit.schema.ts';
import {
  eventDocuments,
  eventOrganizers,
  eventRegistrations,
  events,
  eventSummaryItems,
  type RegistrationQuestion,
} from '../src/modules/events/events.schema.ts';
import { seedEvents } from '../src/modules/events/index.ts';
import { Agent, dbLabel, location, makeTestEnv, makeUser, orgId, type TestEnv, type TestUser } from './helper.ts';
import { eventForm, postForm, publishSigned } from './events.helpers.ts';

let env: TestEnv;
let coord: TestUser;
let cso: TestUser;
before(async () => {
  env = await makeTestEnv();
  await seedEvents(env.database.db, { demo: true });
  coord = await makeUser(env, 'coordinator', { orgSlug: 'unoct' });
  cso = await makeUser(env, 'cso_representative', { orgSlug: 'demo-coastal-peacebuilders' });
});
after(async () => {
  await env?.close();
});

const QUESTIONS: RegistrationQuestion[] = [
  {
    id: 'interpretation',
    kind: 'choice',
    required: true,
    label: { en: { text: 'Interpretation needed', status: 'original' } },
    options: [
      { value: 'none', label: { en: { text: 'None', status: 'original' } } },
      { value: 'fr', label: { en: { text: 'French', status: 'original' } } },
    ],
  },
  {
    id: 'topic',
    kind: 'text',
    required: true,
    label: { en: { text: 'Topic you would raise', status: 'original' } },
  },
];

let n = 0;
async function makeEvent(over: Partial<typeof events.$inferInsert> = {}) {
  const slug = `forms-event-${++n}-${randomUUID().slice(0, 8)}`;
  const start = new Date(Date.now() + 7 * 86400_000);
  const [e] = await env.database.db
    .insert(events)
    .values({
      slug,
      type: 'roundtable',
      status: 'published',
      title: { en: { text: `Forms roundtable ${n} ${slug}`, status: 'original' } },
      format: 'virtual',
      timeZone: 'America/New_York',
      startsAt: start,
      endsAt: new Date(start.getTime() + 2 * 3600_000),
      registrationMode: 'automatic',
      capacity: 20,
      openTo: ['cso', 'member_state', 'un_entity'],
      ...over,
    })
    .returning();
  await adoptPublishedEvents(env.database.db); // a row written behind the services: as an upgrade
  await env.database.db
    .insert(eventOrganizers)
    .values({ eventId: e.id, organizationId: await orgId(env, 'unoct'), role: 'organizer' });
  return e;
}
const main = (html: string) => html.slice(html.indexOf('<main'), html.indexOf('</main>'));
const header = (html: string) => html.slice(html.indexOf('<header'), html.indexOf('</header>'));
/** The list item (or the page) of one event in a listing. */
const itemOf = (html: string, slug: string) => {
  const i = html.indexOf(`href="/events/${slug}"`);
  assert.ok(i >= 0, `${slug} is listed`);
  return html.slice(html.lastIndexOf('<li', i), html.indexOf('</li>', i));
};

test(`"New event" in the events list and the menu, for those who may create events only (${dbLabel()})`, async () => {
  const entity = await makeUser(env, 'entity_focal_point', { orgSlug: 'unodc', focalPoint: true });
  for (const u of [coord, entity]) {
    const page = await u.agent.get('/events');
    assert.match(main(page.body), /href="\/events\/new"/, `${u.role}: in the list`);
    assert.match(header(page.body), /href="\/events\/new"/, `${u.role}: in the menu`);
    // The menu marks one entry as the current page: "New event" on its form, "Events" on the list.
    const form = await u.agent.get('/events/new');
    assert.match(header(form.body), /<a href="\/events\/new" aria-current="page">/);
    assert.doesNotMatch(header(form.body), /<a href="\/events" aria-current="page">/);
  }
  const analyst = await makeUser(env, 'analyst', { orgSlug: 'cted' });
  for (const a of [cso.agent, analyst.agent, new Agent(env.app)]) {
    const page = await a.get('/events');
    assert.equal(page.statusCode, 200);
    assert.doesNotMatch(page.body, /href="\/events\/new"/);
  }
});

test(
  'drafts: badged in the list, search results and the workspace; the page says Draft, registers nobody; ' +
    `publishing is an explicit, audited action (${dbLabel()})`,
  async () => {
    const e = await makeEvent({ status: 'draft', openTo: ['cso', 'un_entity', 'member_state'] });
    const badge = /<span class="badge draft">Draft<\/span>/;
    assert.match(itemOf((await coord.agent.get('/events')).body, e.slug), badge, 'list');
    const found = await coord.agent.get(`/events?q=${encodeURIComponent(e.slug)}`);
    assert.match(itemOf(found.body, e.slug), badge, 'search results');
    const home = await coord.agent.get('/');
    assert.match(itemOf(home.body, e.slug), badge, 'workspace');
    const page = await coord.agent.get(`/events/${e.slug}`);
    assert.match(main(page.body), badge);
    assert.doesNotMatch(page.body, /<dt>Visibility<\/dt><dd>Public<\/dd>/);
    assert.match(page.body, /Draft: only its organizers see this event/);
    assert.doesNotMatch(page.body, new RegExp(`href="/events/${e.slug}/register"`));
    assert.match(page.body, /Registration opens once the event is published\./);
    assert.match(page.body, new RegExp(`href="/events/${e.slug}/publishing"`));
    // Registering is refused while it is a draft, even for someone who can see it.
    const early = await postForm(env, coord.agent, `/events/${e.slug}/register`, {});
    assert.equal(early.statusCode, 409);
    // The new-event form saves a draft: it has no status field, and publishing is the event page's button.
    const form = await coord.agent.get('/events/new');
    assert.doesNotMatch(form.body, /name="status"/);
    const created = await postForm(env, coord.agent, '/events', {
      ...eventForm(`forms-new-${randomUUID().slice(0, 8)}`, [await orgId(env, 'unoct')]),
      status: [],
    });
    assert.equal(created.statusCode, 303);
    const slug = location(created).replace('/events/', '');
    assert.equal((await env.database.db.select().from(events).where(eq(events.slug, slug)))[0].status, 'draft');

    assert.equal((await postForm(env, cso.agent, `/events/${e.slug}/publish`, {})).statusCode, 403);
    // One person alone cannot publish: the text is submitted, approved by a second person, then published.
    assert.equal((await postForm(env, coord.agent, `/events/${e.slug}/publish`, {})).statusCode, 409);
    await publishSigned(env, e.id);
    const [row] = await env.database.db.select().from(events).where(eq(events.id, e.id));
    assert.equal(row.status, 'published');
    const audit = await env.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'event.published'), eq(auditLog.targetId, e.id)));
    assert.equal(audit.length, 1);
    const anon = await new Agent(env.app).get(`/events/${e.slug}`);
    assert.equal(anon.statusCode, 200);
    assert.doesNotMatch(anon.body, badge);
    assert.match(anon.body, /<dt>Visibility<\/dt><dd>Public<\/dd>/);
    // Publishing twice changes nothing (409, no second entry).
    assert.equal((await postForm(env, coord.agent, `/events/${e.slug}/publish`, {})).statusCode, 409);
  },
);

test(`who may not register is told why before any form; a registrant sees it, and cancel (${dbLabel()})`, async () => {
  const states = await makeEvent({ openTo: ['member_state'] });
  const why = new RegExp(
    'This event is open to these stakeholder categories: Member State\\. Your organization, ' +
      'Coastal Peacebuilders Network \\(demo\\), is in the category “Civil-society organization”\\.',
  );
  const page = await cso.agent.get(`/events/${states.slug}`);
  assert.match(page.body, why);
  assert.doesNotMatch(page.body, new RegExp(`href="/events/${states.slug}/register"`));
  const form = await cso.agent.get(`/events/${states.slug}/register`);
  assert.equal(form.statusCode, 403);
  assert.match(form.body, why);
  assert.doesNotMatch(form.body, new RegExp(`action="/events/${states.slug}/register"`));
  assert.doesNotMatch(form.body, /Reference:/);
  assert.match(form.body, new RegExp(`href="/events/${states.slug}"`));
  const post = await postForm(env, cso.agent, `/events/${states.slug}/register`, { q_x: 'y' });
  assert.equal(post.statusCode, 403);
  assert.match(post.body, why);
  assert.doesNotMatch(post.body, /Reference:/);
  assert.equal(
    (await env.database.db.select().from(eventRegistrations).where(eq(eventRegistrations.eventId, states.id))).length,
    0,
  );

  // No organization, and the event is not open to "other": the person is told to ask for one.
  const observer = await makeUser(env, 'observer');
  const noOrg = await observer.agent.get(`/events/${states.slug}/register`);
  assert.equal(noOrg.statusCode, 403);
  assert.match(noOrg.body, /Registration needs an organization/);
  assert.match((await observer.agent.get(`/events/${states.slug}`)).body, /Registration needs an organization/);

  // Registered: the form page shows the registration and the way to cancel it, not a second form.
  const open = await makeEvent({ questions: [] });
  const done = await postForm(env, cso.agent, `/events/${open.slug}/register`, {});
  assert.equal(done.statusCode, 303);
  const again = await cso.agent.get(`/events/${open.slug}/register`);
  assert.equal(again.statusCode, 200);
  assert.match(again.body, /You are registered for this event\./);
  // The event page says it too (the reader's own rows read with the event), and only to them.
  assert.match((await cso.agent.get(`/events/${open.slug}`)).body, /You are registered for this event\./);
  assert.doesNotMatch((await observer.agent.get(`/events/${open.slug}`)).body, /You are registered for this event/);
  // Cancelling goes through its confirmation page (a link, then the confirmed POST).
  assert.match(again.body, new RegExp(`<a class="button secondary danger" href="/events/${open.slug}/cancel"`));
  assert.doesNotMatch(again.body, new RegExp(`action="/events/${open.slug}/register"`));
});

test(`registration form: every error at once, the summary naming and linking each field (${dbLabel()})`, async () => {
  const e = await makeEvent({ format: 'hybrid', questions: QUESTIONS });
  const form = await cso.agent.get(`/events/${e.slug}/register`);
  assert.match(form.body, /<form method="post" action="[^"]+\/register" novalidate/);
  assert.match(form.body, /<select id="f-q_interpretation" name="q_interpretation" required/);
  const r = await postForm(env, cso.agent, `/events/${e.slug}/register`, { gender: 'nonsense' });
  assert.equal(r.statusCode, 422);
  const summary = r.body.slice(
    r.body.indexOf('class="error-summary"'),
    r.body.indexOf('</ul>', r.body.indexOf('class="error-summary"')),
  );
  for (const [field, label] of [
    ['attendance', 'Participation'],
    ['q_interpretation', 'Interpretation needed'],
    ['q_topic', 'Topic you would raise'],
    ['gender', 'Gender'],
  ]) {
    assert.match(summary, new RegExp(`<a href="#f-${field}">${label}[^<]*: `), field);
    assert.match(r.body, new RegExp(`id="f-${field}"`), `${field} is on the page`);
  }
  assert.match(summary, /There are 4 problems/);
  assert.equal(
    (await env.database.db.select().from(eventRegistrations).where(eq(eventRegistrations.eventId, e.id))).length,
    0,
  );
  const ok = await postForm(env, cso.agent, `/events/${e.slug}/register`, {
    attendance: 'virtual',
    q_interpretation: 'fr',
    q_topic: 'Youth',
  });
  assert.equal(ok.statusCode, 303);
});

test(`the event form and the delegation form give every error at once (${dbLabel()})`, async () => {
  const unoct = await orgId(env, 'unoct');
  const r = await postForm(env, coord.agent, '/events', {
    ...eventForm('x', [unoct]),
    title_en: '',
    timeZone: 'Nairobi',
    startsAt: '2031-05-02T10:00',
    endsAt: '2031-05-01T10:00',
  });
  assert.equal(r.statusCode, 422);
  for (const field of ['slug', 'title_en', 'timeZone', 'endsAt'])
    assert.match(r.body, new RegExp(`<a href="#f-${field}">`), field);
  assert.match(r.body, /The end must come after the start\./);

  const e = await makeEvent({ openTo: ['member_state'], format: 'hybrid' });
  const state = await makeUser(env, 'member_state_focal_point', { orgSlug: 'demo-state-arcadia', focalPoint: true });
  const d = await postForm(env, state.agent, `/events/${e.slug}/delegation`, {
    stateOrgId: await orgId(env, 'demo-state-arcadia'),
    locale: 'en',
    headName: '',
    headEmail: 'not-an-address',
    member1Name: 'A member',
  });
  assert.equal(d.statusCode, 422);
  for (const field of ['headName', 'headEmail', 'member1Email', 'attendance'])
    assert.match(d.body, new RegExp(`<a href="#f-${field}">`), field);
});

test(`one Chair's Summary: the demo conference's page, summary form, outcome report agree (${dbLabel()})`, async () => {
  const slug = '2023-third-high-level-conference-heads-ct-agencies';
  const [e] = await env.database.db.select().from(events).where(eq(events.slug, slug));
  const items = await env.database.db.select().from(eventSummaryItems).where(eq(eventSummaryItems.eventId, e.id));
  assert.equal(items.length, 5, 'the five conclusions are the summary itself');
  const docs = await env.database.db.select().from(eventDocuments).where(eq(eventDocuments.eventId, e.id));
  assert.ok(
    docs.every((d) => Object.values(d.versions).every((v) => !v?.body)),
    'no document holds a second copy of its text',
  );
  const page = await new Agent(env.app).get(`/events/${slug}`);
  assert.match(page.body, /<h2 id="chairs-summary">Chair’s Summary<\/h2>/);
  assert.match(page.body, /The centrality of human rights in the fight against terrorism/);
  assert.equal(
    page.body.split('The centrality of human rights in the fight against terrorism').length,
    2,
    'shown once',
  );
  const form = await coord.agent.get(`/events/${slug}/summary`);
  assert.match(form.body, /The centrality of human rights in the fight against terrorism/);
  const report = await coord.agent.get(`/events/${slug}/report`);
  assert.match(report.body, /The centrality of human rights in the fight against terrorism/);
  assert.doesNotMatch(report.body, /has not been written yet/);
});

test(`migration 0023 moves a Chair's Summary document's text into the summary, once (${dbLabel()})`, async () => {
  const { readFileSync } = await import('node:fs');
  const statements = readFileSync(new URL('../drizzle/0023_time_zones_chairs_summary.sql', import.meta.url), 'utf8')
    .split('--> statement-breakpoint')
    .slice(1);
  const e = await makeEvent();
  const linked = await makeEvent();
  await env.database.db.insert(eventDocuments).values([
    {
      eventId: e.id,
      kind: 'chairs_summary',
      title: { en: { text: 'Chair’s summary', status: 'original' } },
      versions: { fr: { body: '1. Première conclusion.\n\n2) Seconde conclusion.', status: 'original' } },
    },
    {
      eventId: linked.id,
      kind: 'chairs_summary',
      title: { en: { text: 'Chair’s summary (PDF)', status: 'original' } },
      versions: { en: { url: 'https://example.org/summary.pdf', body: 'A copy of its text.', status: 'original' } },
    },
  ]);
  for (let run = 0; run < 2; run++) for (const sql of statements) await env.database.exec(sql);
  const items = await env.database.db.select().from(eventSummaryItems).where(eq(eventSummaryItems.eventId, e.id));
  assert.deepEqual(
    items.sort((a, b) => a.sort - b.sort).map((i) => [i.kind, i.sort, i.language, i.body]),
    [
      ['conclusion', 0, 'fr', 'Première conclusion.'],
      ['conclusion', 1, 'fr', 'Seconde conclusion.'],
    ],
  );
  assert.equal((await env.database.db.select().from(eventDocuments).where(eq(eventDocuments.eventId, e.id))).length, 0);
  const [doc] = await env.database.db.select().from(eventDocuments).where(eq(eventDocuments.eventId, linked.id));
  assert.deepEqual(doc.versions, { en: { url: 'https://example.org/summary.pdf', status: 'original' } });
  // The linked document's text became its event's summary; the link stays, shown with that summary.
  const linkedItems = await env.database.db
    .select()
    .from(eventSummaryItems)
    .where(eq(eventSummaryItems.eventId, linked.id));
  assert.deepEqual(
    linkedItems.map((i) => i.body),
    ['A copy of its text.'],
  );
  const page = await new Agent(env.app).get(`/events/${linked.slug}`);
  assert.match(page.body, /<section aria-labelledby="chairs-summary"[\s\S]*https:\/\/example\.org\/summary\.pdf/);
});
