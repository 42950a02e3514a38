// Registration: eligibility, extra questions, automatic and moderated approval, capacity and waiting list with
// promotion, cancellation, idempotency (form and API), e-mails in the registrant's language with the .ics,
// delegations, participant lists (CSO participants hidden), exports, and 1,000 concurrent registrations.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { adoptPublishedEvents } from '../src/modules/events/index.ts';
import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { users } from '../src/platform/auth/auth.schema.ts';
import { mailOutbox } from '../src/platform/mail/mail.schema.ts';
import { createApiToken, loadActor } from '../src/modules/access/access.service.ts';
import {
  events,
  eventOrganizers,
  eventRegistrations,
  type RegistrationQuestion,
} from '../src/modules/events/events.schema.ts';
import { register } from '../src/modules/events/registration/registration.service.ts';
import type { UserActor } from '../src/platform/auth/policy.ts';
import { CONFIRMED, dbLabel, location, makeTestEnv, makeUser, orgId, type TestEnv, type TestUser } from './helper.ts';

let env: TestEnv;
before(async () => {
  env = await makeTestEnv();
});
after(async () => {
  await env?.close();
});

const QUESTIONS: RegistrationQuestion[] = [
  {
    id: 'interpretation',
    kind: 'choice',
    required: true,
    label: { en: { text: 'Interpretation', status: 'original' } },
    options: [
      { value: 'none', label: { en: { text: 'None', status: 'original' } } },
      { value: 'fr', label: { en: { text: 'French', status: 'original' } } },
    ],
  },
];

let n = 0;
async function makeEvent(over: Partial<typeof events.$inferInsert> = {}, organizer = 'unoct') {
  const slug = `test-event-${++n}-${randomUUID().slice(0, 8)}`;
  const start = new Date(Date.now() + 7 * 86400_000);
  const [e] = await env.database.db
    .insert(events)
    .values({
      slug,
      type: 'roundtable',
      title: {
        en: { text: `Test roundtable ${n}`, status: 'original' },
        fr: { text: `Table ronde d’essai ${n}`, status: 'reviewed' },
      },
      format: 'virtual',
      timeZone: 'America/New_York',
      startsAt: start,
      endsAt: new Date(start.getTime() + 2 * 3600_000),
      registrationMode: 'automatic',
      capacity: 2,
      waitlist: true,
      meetingUrl: 'https://meet.example.org/secret-room',
      openTo: ['cso', 'member_state', 'un_entity', 'academia'],
      ...over,
    })
    .returning();
  await env.database.db
    .insert(eventOrganizers)
    .values({ eventId: e.id, organizationId: await orgId(env, organizer), role: 'organizer' });
  // A row written behind the services: recorded as the upgrade records events published before the workflow.
  await adoptPublishedEvents(env.database.db);
  return e;
}
const regs = async (eventId: string) =>
  env.database.db.select().from(eventRegistrations).where(eq(eventRegistrations.eventId, eventId));
const mails = async (to: string) =>
  env.database.db.select().from(mailOutbox).where(eq(mailOutbox.to, to.toLowerCase()));
const cso = async (locale = 'en') => {
  const u = await makeUser(env, 'cso_representative', { orgSlug: 'demo-coastal-peacebuilders' });
  if (locale !== 'en') await env.database.db.update(users).set({ locale }).where(eq(users.id, u.id));
  return u;
};
const token = async (u: TestUser) =>
  (
    await createApiToken(
      {
        db: env.database.db,
        config: env.config,
        actor: (await loadActor(env.database.db, u.id, 'session', true, []))!.actor,
      },
      { name: 't', scopes: ['write'], expiresInDays: 1 },
    )
  ).token;

test(
  'a CSO registers: accepted, e-mail in their language with the .ics and ' +
    `the meeting link; a double submit gives one registration (${dbLabel()})`,
  async () => {
    const e = await makeEvent({ questions: QUESTIONS });
    const u = await cso('fr');
    const form = await u.agent.get(`/events/${e.slug}/register`);
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /name="q_interpretation"/);
    const missing = await u.agent.post(`/events/${e.slug}/register`, {});
    assert.equal(missing.statusCode, 422, 'required question');
    assert.match(missing.body, /error-summary/);
    const wrong = await u.agent.post(`/events/${e.slug}/register`, { q_interpretation: 'klingon' });
    assert.equal(wrong.statusCode, 422);
    assert.equal((await regs(e.id)).length, 0, 'nothing stored for bad input');
    const [a, b] = await Promise.all([
      u.agent.post(`/events/${e.slug}/register`, { q_interpretation: 'fr' }),
      u.agent.post(`/events/${e.slug}/register`, { q_interpretation: 'fr' }),
    ]);
    assert.deepEqual([a.statusCode, b.statusCode], [303, 303]);
    const rows = await regs(e.id);
    assert.equal(rows.length, 1, 'double submit: one registration');
    assert.equal(rows[0].status, 'accepted');
    assert.deepEqual(rows[0].answers, { interpretation: 'fr' });
    const m = await mails(u.email);
    assert.equal(m.length, 1, 'one confirmation');
    assert.equal(m[0].locale, 'fr');
    assert.match(m[0].subject, /^Inscription confirmée : Table ronde d’essai/);
    assert.match(m[0].text, /meet\.example\.org\/secret-room/);
    assert.equal(m[0].attachments.length, 1);
    assert.match(m[0].attachments[0].content, /BEGIN:VEVENT/);
    assert.match(m[0].attachments[0].content, /secret-room/);
    const page = await u.agent.get(location(a));
    assert.match(
      page.body,
      /href="https:\/\/meet\.example\.org\/secret-room"/,
      'the link, for an accepted participant',
    );
    const other = await cso();
    assert.doesNotMatch((await other.agent.get(`/events/${e.slug}`)).body, /secret-room/);
  },
);

test(
  'capacity and waiting list: the third goes on the list, a ' +
    `cancellation promotes them with an e-mail (${dbLabel()})`,
  async () => {
    const e = await makeEvent();
    const [u1, u2, u3] = [await cso(), await cso(), await cso('ru')];
    for (const u of [u1, u2, u3]) assert.equal((await u.agent.post(`/events/${e.slug}/register`, {})).statusCode, 303);
    const status = async () => Object.fromEntries((await regs(e.id)).map((r) => [r.userId, r.status]));
    assert.deepEqual(await status(), { [u1.id]: 'accepted', [u2.id]: 'accepted', [u3.id]: 'waitlisted' });
    assert.match((await mails(u3.email))[0].subject, /^Лист ожидания/);
    assert.equal((await mails(u3.email))[0].attachments.length, 0);
    const cancel = await u1.agent.post(`/events/${e.slug}/cancel`, CONFIRMED);
    assert.equal(cancel.statusCode, 303);
    assert.deepEqual(await status(), { [u1.id]: 'cancelled', [u2.id]: 'accepted', [u3.id]: 'accepted' });
    const promoted = (await mails(u3.email)).find((m) => m.kind === 'event_promoted');
    assert.ok(promoted, 'the promoted registrant is told');
    assert.equal(promoted.locale, 'ru');
    assert.equal(promoted.attachments.length, 1);
    assert.equal(
      (await u1.agent.post(`/events/${e.slug}/cancel`, CONFIRMED)).statusCode,
      409,
      'nothing left to cancel',
    );
    // Re-registering after a cancellation: the event is full again, so the waiting list.
    assert.equal((await u1.agent.post(`/events/${e.slug}/register`, {})).statusCode, 303);
    assert.equal((await status())[u1.id], 'waitlisted');
  },
);

test(`closed registration refuses with its reason; eligibility by organization type (${dbLabel()})`, async () => {
  const closed = await makeEvent({ registrationClosesAt: new Date(Date.now() - 3600_000) });
  const u = await cso();
  const r = await u.agent.post(`/events/${closed.slug}/register`, {});
  assert.equal(r.statusCode, 409);
  assert.match(r.body, /Registration closed on/);
  const full = await makeEvent({ capacity: 0, waitlist: false });
  const f = await u.agent.post(`/events/${full.slug}/register`, {});
  assert.equal(f.statusCode, 409);
  assert.match(f.body, /full and has no waiting list/);
  const statesOnly = await makeEvent({ openTo: ['member_state'] });
  const ne = await u.agent.post(`/events/${statesOnly.slug}/register`, {});
  assert.equal(ne.statusCode, 403);
  assert.match(ne.body, /not open to your organization’s stakeholder category/);
  const observer = await makeUser(env, 'observer');
  const noOrg = await observer.agent.post(`/events/${statesOnly.slug}/register`, {});
  assert.match(noOrg.body, /Registration needs an organization/);
  const api = await env.app.inject({
    method: 'POST',
    url: `/api/v1/events/${closed.id}/registrations`,
    headers: { authorization: `Bearer ${await token(u)}`, 'accept-language': 'es' },
    payload: {},
  });
  assert.equal(api.statusCode, 409);
  assert.equal(api.json().error.code, 'registration_closed');
  assert.match(api.json().error.message, /La inscripción se cerró el/);
  for (const ev of [closed, full, statesOnly]) assert.equal((await regs(ev.id)).length, 0);
});

test(
  'API: Idempotency-Key replay gives the same registration; reuse for another event is refused ' + `(${dbLabel()})`,
  async () => {
    const e = await makeEvent({ questions: QUESTIONS });
    const other = await makeEvent();
    const u = await cso();
    const h = {
      authorization: `Bearer ${await token(u)}`,
      'content-type': 'application/json',
      'idempotency-key': 'key-0123456789',
    };
    const bad = await env.app.inject({
      method: 'POST',
      url: `/api/v1/events/${e.id}/registrations`,
      headers: h,
      payload: { answers: { interpretation: 'xx' } },
    });
    assert.equal(bad.statusCode, 422);
    assert.equal(bad.json().error.fields[0].field, 'q_interpretation');
    const first = await env.app.inject({
      method: 'POST',
      url: `/api/v1/events/${e.id}/registrations`,
      headers: h,
      payload: { answers: { interpretation: 'none' } },
    });
    assert.equal(first.statusCode, 201);
    const replay = await env.app.inject({
      method: 'POST',
      url: `/api/v1/events/${e.id}/registrations`,
      headers: h,
      payload: { answers: { interpretation: 'none' } },
    });
    assert.equal(replay.statusCode, 200);
    assert.equal(replay.json().id, first.json().id);
    const reuse = await env.app.inject({
      method: 'POST',
      url: `/api/v1/events/${other.id}/registrations`,
      headers: h,
      payload: {},
    });
    assert.equal(reuse.statusCode, 422);
    const badKey = await env.app.inject({
      method: 'POST',
      url: `/api/v1/events/${other.id}/registrations`,
      headers: { ...h, 'idempotency-key': 'short' },
      payload: {},
    });
    assert.equal(badKey.statusCode, 400);
    assert.equal((await regs(e.id)).length, 1);
    assert.equal((await regs(other.id)).length, 0);
    const cancel = await env.app.inject({
      method: 'DELETE',
      url: `/api/v1/events/${e.id}/registrations/mine`,
      headers: { authorization: h.authorization },
    });
    assert.equal(cancel.json().status, 'cancelled');
  },
);

test(
  'moderated: pending, an organizer decides; an entity focal point of another entity may not ' + `(${dbLabel()})`,
  async () => {
    const e = await makeEvent({ registrationMode: 'moderated', capacity: 1, waitlist: false }, 'unodc');
    const [u1, u2] = [await cso(), await cso()];
    await u1.agent.post(`/events/${e.slug}/register`, {});
    await u2.agent.post(`/events/${e.slug}/register`, {});
    const rows = await regs(e.id);
    assert.deepEqual(
      rows.map((r) => r.status),
      ['pending', 'pending'],
    );
    assert.match((await mails(u1.email))[0].subject, /^Registration received/);
    const stranger = await makeUser(env, 'entity_focal_point', { orgSlug: 'unicef', focalPoint: true });
    assert.equal((await stranger.agent.get(`/events/${e.slug}/registrations`)).statusCode, 403);
    const organizer = await makeUser(env, 'entity_focal_point', { orgSlug: 'unodc', focalPoint: true });
    const list = await organizer.agent.get(`/events/${e.slug}/registrations`);
    assert.equal(list.statusCode, 200);
    const r1 = rows.find((r) => r.userId === u1.id)!;
    const r2 = rows.find((r) => r.userId === u2.id)!;
    assert.equal(
      (await organizer.agent.post(`/events/${e.slug}/registrations/${r1.id}/decision`, { decision: 'accept' }))
        .statusCode,
      303,
    );
    const over = await organizer.agent.post(`/events/${e.slug}/registrations/${r2.id}/decision`, {
      decision: 'accept',
    });
    assert.equal(over.statusCode, 409, 'capacity holds for decisions too');
    await organizer.agent.post(`/events/${e.slug}/registrations/${r2.id}/decision`, {
      decision: 'decline',
      ...CONFIRMED,
    });
    assert.ok((await mails(u1.email)).some((m) => m.kind === 'event_accepted' && m.attachments.length === 1));
    assert.ok((await mails(u2.email)).some((m) => m.kind === 'event_declined'));
    assert.equal(
      (await u2.agent.post(`/events/${e.slug}/register`, {})).statusCode,
      409,
      'a declined registrant cannot resubmit',
    );
    assert.equal(
      (await organizer.agent.post(`/events/${e.slug}/registrations/${r1.id}/check-in`, { present: '1' })).statusCode,
      303,
    );
    const csv = await organizer.agent.get(`/events/${e.slug}/registrations.csv`);
    assert.equal(csv.statusCode, 200);
    const lines = csv.body.replace(/^\uFEFF/, '').split(/\r?\n/);
    assert.match(lines[1], /^#contact\+name,#contact\+email/, 'HXL hashtag row');
    assert.equal(lines.filter((l) => l.includes('@test.ctcp.localhost')).length, 2);
    const xlsx = await organizer.agent.get(`/events/${e.slug}/registrations.xlsx`);
    assert.equal(xlsx.rawPayload.subarray(0, 2).toString(), 'PK');
    const audit = await env.database.query<{ action: string }>(
      `select action from audit_log where target_id = $1 or details->>'eventId' = $2 order by id`,
      [e.id, e.id],
    );
    assert.ok(audit.some((a) => a.action === 'event.registrations.exported'));
    assert.ok(audit.some((a) => a.action === 'event.registration.accepted'));
  },
);

test(
  'a delegation keeps the order it was entered in: listed head first, ' +
    `and its waiting list is promoted in that order (${dbLabel()})`,
  async () => {
    const e = await makeEvent({ capacity: 1 });
    const arcadia = await orgId(env, 'demo-state-arcadia');
    const fp = await makeUser(env, 'member_state_focal_point', { orgId: arcadia, focalPoint: true });
    const people = ['Head', 'First', 'Second', 'Third', 'Fourth'].map((n) => ({
      name: `${n} delegate (fictional)`,
      email: `${n.toLowerCase()}.order@arcadia.example`,
    }));
    const form: Record<string, string> = {
      stateOrgId: arcadia,
      locale: 'en',
      headName: people[0].name,
      headEmail: people[0].email,
    };
    people.slice(1).forEach((p, i) => {
      form[`member${i + 1}Name`] = p.name;
      form[`member${i + 1}Email`] = p.email;
    });
    assert.equal((await fp.agent.post(`/events/${e.slug}/delegation`, form)).statusCode, 303);
    const page = await fp.agent.get(`/events/${e.slug}/delegation`);
    const listed = [...page.body.matchAll(/<li><bdi>([^<]+)<\/bdi>/g)].map((m) => m[1]);
    assert.deepEqual(
      listed,
      people.map((p) => p.name),
      'head first, then the members as entered',
    );
    const status = async () => {
      const rows = await regs(e.id);
      return people.map((p) => rows.find((r) => r.email === p.email)!.status);
    };
    assert.deepEqual(await status(), ['accepted', 'waitlisted', 'waitlisted', 'waitlisted', 'waitlisted']);
    const admin = await makeUser(env, 'platform_admin', { orgSlug: 'unoct' });
    const idOf = async (email: string) => (await regs(e.id)).find((r) => r.email === email)!.id;
    assert.equal(
      (
        await admin.agent.post(`/events/${e.slug}/registrations/${await idOf(people[0].email)}/decision`, {
          decision: 'decline',
          ...CONFIRMED,
        })
      ).statusCode,
      303,
    );
    assert.deepEqual(
      await status(),
      ['declined', 'accepted', 'waitlisted', 'waitlisted', 'waitlisted'],
      'the first member takes the freed seat',
    );
    assert.equal(
      (
        await admin.agent.post(`/events/${e.slug}/registrations/${await idOf(people[1].email)}/decision`, {
          decision: 'decline',
          ...CONFIRMED,
        })
      ).statusCode,
      303,
    );
    assert.deepEqual(
      await status(),
      ['declined', 'declined', 'accepted', 'waitlisted', 'waitlisted'],
      'then the second',
    );
  },
);

test(
  "delegation by a Member State's focal point; participant list hides CSO participants by default " + `(${dbLabel()})`,
  async () => {
    const e = await makeEvent({ capacity: 10, participantList: 'participants' });
    const arcadia = await orgId(env, 'demo-state-arcadia');
    const fp = await makeUser(env, 'member_state_focal_point', { orgId: arcadia, focalPoint: true });
    const form = await fp.agent.get(`/events/${e.slug}/delegation`);
    assert.equal(form.statusCode, 200);
    const bad = await fp.agent.post(`/events/${e.slug}/delegation`, {
      stateOrgId: arcadia,
      locale: 'ar',
      headName: 'Head',
      headEmail: 'not-an-email',
      member1Name: 'M',
      member1Email: 'm@x.org',
    });
    assert.equal(bad.statusCode, 422);
    assert.equal((await regs(e.id)).length, 0);
    const other = await fp.agent.post(`/events/${e.slug}/delegation`, {
      stateOrgId: await orgId(env, 'demo-state-borealis'),
      locale: 'ar',
      headName: 'Head',
      headEmail: 'head@arcadia.example',
    });
    assert.equal(other.statusCode, 403, 'only their own State');
    const ok = await fp.agent.post(`/events/${e.slug}/delegation`, {
      stateOrgId: arcadia,
      locale: 'ar',
      headName: 'Rania Head (fictional)',
      headEmail: 'head@arcadia.example',
      member1Name: 'Omar Member (fictional)',
      member1Email: 'member@arcadia.example',
    });
    assert.equal(ok.statusCode, 303);
    const rows = await regs(e.id);
    assert.deepEqual(rows.map((r) => [r.delegationRole, r.status, r.orgType]).sort(), [
      ['head', 'accepted', 'member_state'],
      ['member', 'accepted', 'member_state'],
    ]);
    const m = await mails('head@arcadia.example');
    assert.equal(m[0].locale, 'ar');
    assert.match(m[0].subject, /^تأكيد التسجيل/);
    const again = await fp.agent.post(`/events/${e.slug}/delegation`, {
      stateOrgId: arcadia,
      locale: 'ar',
      headName: 'X',
      headEmail: 'head@arcadia.example',
    });
    assert.equal(again.statusCode, 422, 'already registered');
    const c = await cso();
    await c.agent.post(`/events/${e.slug}/register`, {});
    const list = await c.agent.get(`/events/${e.slug}/participants`);
    assert.equal(list.statusCode, 200);
    assert.match(list.body, /Rania Head \(fictional\)/);
    assert.doesNotMatch(list.body, /<td><bdi>Test cso_representative/, 'CSO participants hidden by default');
    assert.match(list.body, /1 participant from a civil-society organization is not listed/);
    const outsider = await makeUser(env, 'observer');
    assert.equal((await outsider.agent.get(`/events/${e.slug}/participants`)).statusCode, 403, 'participants only');
    const admin = await makeUser(env, 'platform_admin', { orgSlug: 'unoct' });
    assert.match(
      (await admin.agent.get(`/events/${e.slug}/participants`)).body,
      /<td><bdi>Test cso_representative/,
      'organizers see everyone',
    );
  },
);

/** n fictional CSO users of one organization, created in one statement, as actors of their own. */
async function burstActors(n: number): Promise<UserActor[]> {
  const org = await orgId(env, 'demo-youth-voices');
  const tag = randomUUID().slice(0, 8);
  const ids = await env.database.db
    .insert(users)
    .values(
      Array.from({ length: n }, (_, i) => ({
        email: `burst-${tag}-${i}@test.ctcp.localhost`,
        name: `Burst ${i}`,
        role: 'cso_representative' as const,
      })),
    )
    .returning({ id: users.id, email: users.email });
  return ids.map((u) => ({
    kind: 'user',
    userId: u.id,
    email: u.email,
    name: u.email,
    role: 'cso_representative',
    personId: null,
    orgIds: [org],
    focalOrgIds: [],
    mfa: false,
    via: 'session',
    scopes: [],
  }));
}

test(`1,000 concurrent registrations never exceed capacity and never duplicate (${dbLabel()})`, async () => {
  const CAP = 50,
    N = 1000;
  const e = await makeEvent({ capacity: CAP, waitlist: false });
  const ids = await burstActors(N);
  const t0 = Date.now();
  // Every user twice (a double submission), all at once.
  const results = await Promise.allSettled(
    [...ids, ...ids.slice(0, 100)].map((actor) =>
      register({ db: env.database.db, config: env.config, actor }, e.id, { answers: {} }),
    ),
  );
  const ms = Date.now() - t0;
  const errors = results
    .filter((r) => r.status === 'rejected')
    .map((r) => (r as PromiseRejectedResult).reason as { code?: string });
  assert.ok(
    errors.every((x) => x.code === 'registration_closed'),
    `only "full" refusals: ${[...new Set(errors.map((x) => x.code))].join(',')}`,
  );
  const [{ accepted, total, distinct }] = await env.database.db
    .select({
      accepted: sql<number>`count(*) filter (where status = 'accepted')::int`,
      total: sql<number>`count(*)::int`,
      distinct: sql<number>`count(distinct user_id)::int`,
    })
    .from(eventRegistrations)
    .where(eq(eventRegistrations.eventId, e.id));
  assert.equal(accepted, CAP, 'exactly the capacity');
  assert.equal(total, distinct, 'no duplicates');
  const created = results.filter((r) => r.status === 'fulfilled' && r.value.created).length;
  assert.equal(created, total, 'rows equal successful creations');
  console.log(
    `# burst: ${N + 100} concurrent registrations in ${ms} ms, ${accepted} accepted of ` +
      `${CAP} seats, ${errors.length} refused as full, 0 over capacity (${dbLabel()})`,
  );
});

test(`registrations arriving together: free seats, then the waiting list, each told so (${dbLabel()})`, async () => {
  const e = await makeEvent({ capacity: 5, waitlist: true });
  const actors = await burstActors(20);
  const results = await Promise.all(
    actors.map((actor) => register({ db: env.database.db, config: env.config, actor }, e.id, { answers: {} })),
  );
  assert.ok(results.every((r) => r.created));
  const statuses = results.map((r) => r.registration.status);
  assert.equal(statuses.filter((x) => x === 'accepted').length, 5, 'five get the seats');
  assert.equal(statuses.filter((x) => x === 'waitlisted').length, 15, 'the others wait');
  const rows = await regs(e.id);
  assert.equal(rows.length, 20);
  const [seats] = await env.database.db.select({ n: events.seatsTaken }).from(events).where(eq(events.id, e.id));
  assert.equal(seats.n, 5, 'the counter agrees');
  // Each is told what they got: the e-mail of their own status.
  for (const [i, actor] of actors.entries()) {
    const m = await mails(actor.email);
    assert.equal(m.length, 1, `one e-mail to ${actor.email}`);
    assert.match(m[0].subject, statuses[i] === 'accepted' ? /^Registration confirmed/ : /^On the waiting list/);
  }
  const audited = await env.database.query<{ n: number }>(
    `select count(*)::int as n from audit_log where action = 'event.registration.created' and details->>'eventId' = $1`,
    [e.id],
  );
  assert.equal(audited[0].n, 20, 'each registration audited');
});

test(
  'the database keeps the seat counter and refuses a seat beyond capacity, whatever the code path ' + `(${dbLabel()})`,
  async () => {
    const e = await makeEvent({ capacity: 2, waitlist: true });
    const seats = async () =>
      (await env.database.db.select({ n: events.seatsTaken }).from(events).where(eq(events.id, e.id)))[0].n;
    const accepted = async () => (await regs(e.id)).filter((r) => r.status === 'accepted').length;
    const people = [await cso(), await cso(), await cso()];
    for (const u of people) assert.equal((await u.agent.post(`/events/${e.slug}/register`, {})).statusCode, 303);
    assert.deepEqual([await seats(), await accepted()], [2, 2], 'two seats, the third on the waiting list');
    // Writing around the application cannot overfill the event either.
    const waiting = (await regs(e.id)).find((r) => r.status === 'waitlisted')!;
    await assert.rejects(
      env.database.db
        .update(eventRegistrations)
        .set({ status: 'accepted' })
        .where(eq(eventRegistrations.id, waiting.id)),
      (err: { code?: string; cause?: { code?: string } }) => (err.cause?.code ?? err.code) === 'CT409',
    );
    assert.equal(await seats(), 2);
    // A cancellation frees a seat and promotes the waiting registrant: the counter follows.
    assert.equal((await people[0].agent.post(`/events/${e.slug}/cancel`, CONFIRMED)).statusCode, 303);
    assert.deepEqual([await seats(), await accepted()], [2, 2]);
    await env.database.db.delete(eventRegistrations).where(eq(eventRegistrations.eventId, e.id));
    assert.equal(await seats(), 0, 'deleting registrations gives the seats back');
  },
);

test(
  "API: an organizer decides on a registration; a State's focal point registers a delegation " + `(${dbLabel()})`,
  async () => {
    const e = await makeEvent({
      registrationMode: 'moderated',
      capacity: 3,
      waitlist: true,
      openTo: ['cso', 'member_state'],
    });
    const u = await cso();
    const json = (t: string) => ({ authorization: `Bearer ${t}`, 'content-type': 'application/json' });
    const mine = await env.app.inject({
      method: 'POST',
      url: `/api/v1/events/${e.id}/registrations`,
      headers: json(await token(u)),
      payload: {},
    });
    assert.equal(mine.json().status, 'pending');
    const organizer = await makeUser(env, 'entity_focal_point', { orgSlug: 'unoct', focalPoint: true });
    const stranger = await makeUser(env, 'entity_focal_point', { orgSlug: 'unicef', focalPoint: true });
    const url = `/api/v1/events/${e.id}/registrations/${mine.json().id}/decision`;
    assert.equal(
      (
        await env.app.inject({
          method: 'POST',
          url,
          headers: json(await token(stranger)),
          payload: { decision: 'accept' },
        })
      ).statusCode,
      403,
      'organizers only',
    );
    const unknown = await env.app.inject({
      method: 'POST',
      url,
      headers: json(await token(organizer)),
      payload: { decision: 'maybe' },
    });
    assert.equal(unknown.statusCode, 400);
    const ok = await env.app.inject({
      method: 'POST',
      url,
      headers: json(await token(organizer)),
      payload: { decision: 'accept' },
    });
    assert.equal(ok.statusCode, 200);
    assert.equal(ok.json().status, 'accepted');
    assert.ok(
      (await mails(u.email)).some((m) => m.kind === 'event_accepted' && m.attachments.length === 1),
      'the decision e-mail with the .ics',
    );

    const arcadia = await orgId(env, 'demo-state-arcadia');
    const fp = await makeUser(env, 'member_state_focal_point', { orgId: arcadia, focalPoint: true });
    const durl = `/api/v1/events/${e.slug}/delegations`;
    const head = { fullName: 'Head of delegation (fictional)', email: 'api-head@arcadia.example' };
    const bad = await env.app.inject({
      method: 'POST',
      url: durl,
      headers: json(await token(fp)),
      payload: { stateOrgId: arcadia, head, members: [{ fullName: 'Member', email: 'not-an-address' }] },
    });
    assert.equal(bad.statusCode, 422);
    assert.equal(bad.json().error.fields[0].field, 'member1Email');
    const created = await env.app.inject({
      method: 'POST',
      url: durl,
      headers: json(await token(fp)),
      payload: {
        stateOrgId: arcadia,
        locale: 'es',
        head,
        members: [{ fullName: 'Member (fictional)', email: 'api-member@arcadia.example' }],
      },
    });
    assert.equal(created.statusCode, 201);
    assert.deepEqual(
      created.json().data.map((r: { delegationRole: string; status: string }) => [r.delegationRole, r.status]),
      [
        ['head', 'pending'],
        ['member', 'pending'],
      ],
      'a moderated event: the organizers decide',
    );
    assert.equal((await mails('api-head@arcadia.example'))[0].locale, 'es');
    const again = await env.app.inject({
      method: 'POST',
      url: durl,
      headers: json(await token(fp)),
      payload: { stateOrgId: arcadia, head, members: [] },
    });
    assert.equal(again.statusCode, 422, 'no one registered twice');
    assert.equal((await regs(e.id)).length, 3);
    // A hybrid event asks how the delegation attends, in the same answer as the other mistakes.
    const hybrid = await makeEvent({ format: 'hybrid', openTo: ['member_state'] });
    const both = await env.app.inject({
      method: 'POST',
      url: `/api/v1/events/${hybrid.id}/delegations`,
      headers: json(await token(fp)),
      payload: { stateOrgId: arcadia, head: { fullName: 'Head', email: 'broken' }, members: [] },
    });
    assert.equal(both.statusCode, 422);
    assert.deepEqual(
      both
        .json()
        .error.fields.map((f: { field: string }) => f.field)
        .sort(),
      ['attendance', 'headEmail'],
    );
    assert.equal((await regs(hybrid.id)).length, 0);
  },
);
