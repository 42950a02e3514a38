// Side events of an umbrella week: a proposal with co-organizers, validation, acceptance (a draft side event whose
// organizers count at once in the week's sentence), rejection with a reason (e-mail in the proposer's language),
// scheduling into the week.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import { users } from '../src/platform/auth/auth.schema.ts';
import { mailOutbox } from '../src/platform/mail/mail.schema.ts';
import { eventSideEventProposals, events } from '../src/modules/events/events.schema.ts';
import { seedEvents } from '../src/modules/events/index.ts';
import { sideEventsSentence } from '../src/modules/events/public/stats.service.ts';
import { Agent, dbLabel, makeTestEnv, makeUser, orgId, type TestEnv, type TestUser } from './helper.ts';
import { createEvent, eventForm, postForm, publishSigned } from './events.helpers.ts';

let env: TestEnv;
let coord: TestUser;
let cso: TestUser;
const week = 'test-ct-week-2031';
let day = '';
before(async () => {
  env = await makeTestEnv();
  await seedEvents(env.database.db, { demo: true });
  coord = await makeUser(env, 'coordinator', { orgSlug: 'unoct' });
  cso = await makeUser(env, 'cso_representative', { orgSlug: 'demo-coastal-peacebuilders', focalPoint: true });
  await env.database.db.update(users).set({ locale: 'fr' }).where(eq(users.id, cso.id));
  const f = eventForm(week, [await orgId(env, 'unoct')], { type: 'week' });
  day = String(f.startsAt).slice(0, 10);
  f.endsAt = `${new Date(Date.parse(day) + 4 * 86400_000).toISOString().slice(0, 10)}T18:00`;
  const r = await createEvent(env, coord.agent, f);
  assert.equal(r.statusCode, 303);
});
after(async () => {
  await env?.close();
});

test(
  'propose, accept, reject with a reason, schedule; the count ' +
    `sentence follows accepted side events (${dbLabel()})`,
  async () => {
    const [coastal, unodc, cted, iss] = await Promise.all(
      ['demo-coastal-peacebuilders', 'unodc', 'cted', 'demo-institute-security-studies'].map((s) => orgId(env, s)),
    );
    const page = await cso.agent.get(`/events/${week}`);
    assert.match(page.body, new RegExp(`href="/events/${week}/side-events/propose"`));
    assert.equal((await cso.agent.get(`/events/${week}/side-events/propose`)).statusCode, 200);
    const bad = await postForm(env, cso.agent, `/events/${week}/side-events/proposals`, {
      proposerOrgId: unodc,
      coOrganizerOrgIds: [],
      title: '',
      summary: '',
      language: 'xx',
      format: 'party',
    });
    assert.equal(bad.statusCode, 422);
    for (const m of [/Choisissez au moins un co-organisateur/, /Choisissez l’une des options|Choisissez/])
      assert.match(bad.body, m);
    assert.equal((await env.database.db.select().from(eventSideEventProposals)).length, 0);
    const propose = (title: string) =>
      postForm(env, cso.agent, `/events/${week}/side-events/proposals`, {
        proposerOrgId: coastal,
        coOrganizerOrgIds: [unodc, cted],
        title,
        summary: 'Youth-led prevention in coastal communities.',
        language: 'en',
        format: 'hybrid',
        preferredTime: 'Tuesday morning',
      });
    assert.equal((await propose('Youth and resilience on the coast')).statusCode, 303);
    assert.equal((await propose('A second idea')).statusCode, 303);
    const past = await postForm(env, cso.agent, '/events/2023-ct-week/side-events/proposals', {
      proposerOrgId: coastal,
      coOrganizerOrgIds: [unodc],
      title: 'x',
      summary: 'x',
      language: 'en',
      format: 'hybrid',
    });
    assert.equal(past.statusCode, 409, 'the 2023 week is over');
    // review
    assert.equal((await cso.agent.get(`/events/${week}/side-events/proposals`)).statusCode, 403);
    const list = await coord.agent.get(`/events/${week}/side-events/proposals`);
    const ids = [...list.body.matchAll(/side-events\/proposals\/([0-9a-f-]{36})"/g)].map((m) => m[1]);
    assert.equal(ids.length, 2);
    const [first, second] = await Promise.all(
      ids.map(
        async (id) =>
          (await env.database.db.select().from(eventSideEventProposals).where(eq(eventSideEventProposals.id, id)))[0],
      ),
    ).then((ps) => ps.sort((a, b) => a.title.localeCompare(b.title)).reverse());
    const noReason = await postForm(env, coord.agent, `/events/${week}/side-events/proposals/${second.id}/decision`, {
      decision: 'reject',
      reason: '',
    });
    assert.equal(noReason.statusCode, 422);
    assert.match(noReason.body, /Give the reason for the rejection/);
    assert.equal(
      (
        await postForm(env, coord.agent, `/events/${week}/side-events/proposals/${second.id}/decision`, {
          decision: 'reject',
          reason: 'The programme is full.',
        })
      ).statusCode,
      303,
    );
    assert.equal(
      (
        await postForm(env, coord.agent, `/events/${week}/side-events/proposals/${first.id}/decision`, {
          decision: 'accept',
        })
      ).statusCode,
      303,
    );
    assert.equal(
      (
        await postForm(env, coord.agent, `/events/${week}/side-events/proposals/${first.id}/decision`, {
          decision: 'reject',
          reason: 'x',
        })
      ).statusCode,
      409,
      'decided once',
    );
    const mails = await env.database.db.select().from(mailOutbox).where(eq(mailOutbox.to, cso.email));
    assert.deepEqual(mails.map((m) => m.subject).sort(), [
      'Manifestation parallèle acceptée : Youth and resilience on the coast',
      'Manifestation parallèle non retenue : A second idea',
    ]);
    assert.match(mails.find((m) => /non retenue/.test(m.subject))!.text, /Motif : The programme is full\./);
    // the accepted side event counts at once: 1 side event, 3 organizations
    const weekPage = await new Agent(env.app).get(`/events/${week}`);
    assert.match(weekPage.body, /1 side event co-organized by 3 stakeholders/);
    // scheduling
    const outside = await postForm(env, coord.agent, `/events/${week}/side-events/proposals/${first.id}/schedule`, {
      startsAt: '2020-01-01T10:00',
      endsAt: '2020-01-01T11:00',
      room: '',
    });
    assert.equal(outside.statusCode, 422);
    assert.match(outside.body, /outside the event’s dates/);
    assert.match(outside.body, /Fill in this field/);
    assert.equal(
      (
        await postForm(env, coord.agent, `/events/${week}/side-events/proposals/${first.id}/schedule`, {
          startsAt: `${day}T13:15`,
          endsAt: `${day}T14:30`,
          room: 'Conference Room 6',
        })
      ).statusCode,
      303,
    );
    const [p] = await env.database.db
      .select()
      .from(eventSideEventProposals)
      .where(eq(eventSideEventProposals.id, first.id));
    const [se] = await env.database.db.select().from(events).where(eq(events.id, p.eventId!));
    assert.equal(se.status, 'published');
    assert.match(se.venue ?? '', /Conference Room 6/);
    // Its text reaches readers once two people signed it.
    assert.doesNotMatch((await new Agent(env.app).get(`/events/${week}`)).body, /Youth and resilience on the coast/);
    await publishSigned(env, se.id);
    const after = await new Agent(env.app).get(`/events/${week}`);
    assert.match(after.body, /Youth and resilience on the coast/);
    assert.match(after.body, /1 side event co-organized by 3 stakeholders/);
    void iss;
  },
);

test('the side-events sentence: Arabic and Russian plural forms', () => {
  assert.equal(
    sideEventsSentence('ru', 1, 3, false),
    '1 параллельное мероприятие, организованное совместно 3 заинтересованными сторонами',
  );
  assert.equal(
    sideEventsSentence('ru', 5, 21, false),
    '5 параллельных мероприятий, организованных совместно 21 заинтересованной стороной',
  );
  assert.equal(sideEventsSentence('ar', 2, 11, false), 'حدثان جانبيان شارك في تنظيمها 11 جهة معنية');
});
