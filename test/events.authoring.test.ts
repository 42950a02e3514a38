// Secretariat authoring: create and edit an event (translations with status, organizers, registration settings,
// questions), sessions with speakers, order, published programme versions with a changelog, per-session iCalendar,
// documents with language versions (PDF/DOCX checked by content), and validation that stores nothing in part.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import { events, eventDocuments, eventOrganizers } from '../src/modules/events/events.schema.ts';
import { seedEvents } from '../src/modules/events/index.ts';
import { diffProgramme } from '../src/modules/events/programme/programme.service.ts';
import { Agent, dbLabel, makeTestEnv, makeUser, orgId, type TestEnv, type TestUser } from './helper.ts';
import { PDF, postForm, postUpload, publishSigned } from './events.helpers.ts';

let env: TestEnv;
let coord: TestUser;
let unoct: string;
let unodc: string;
let cted: string;
before(async () => {
  env = await makeTestEnv();
  await seedEvents(env.database.db, { demo: true });
  coord = await makeUser(env, 'coordinator', { orgSlug: 'unoct' });
  [unoct, unodc, cted] = await Promise.all([orgId(env, 'unoct'), orgId(env, 'unodc'), orgId(env, 'cted')]);
});
after(async () => {
  await env?.close();
});

const form = (o: Record<string, string | string[]>) => o;
/** A form posted; a new event saved as published has its text published with two other people's signatures. */
const post = async (agent: Agent, url: string, values: Record<string, string | string[]>) => {
  const r = await postForm(env, agent, url, values);
  if (url === '/events' && r.statusCode === 303 && values.status === 'published')
    await publishSigned(env, String(values.slug));
  return r;
};

const base = () =>
  form({
    slug: 'test-roundtable-2031',
    type: 'roundtable',
    status: 'published',
    format: 'hybrid',
    visibility: 'public',
    title_en: 'Roundtable on border security',
    title_en_status: 'original',
    title_fr: 'Table ronde sur la sécurité des frontières',
    title_fr_status: 'reviewed',
    title_ar: 'مائدة مستديرة بشأن أمن الحدود',
    title_ar_status: 'draft',
    summary_en: 'A test event.',
    summary_en_status: 'original',
    organizers: [unoct],
    coOrganizers: [unodc, cted],
    pillars: ['pillar-2'],
    themes: ['theme-pcve'],
    venue: 'Vienna International Centre',
    meetingUrl: 'https://meet.example.org/x',
    timeZone: 'Europe/Vienna',
    startsAt: '2031-03-10T09:00',
    endsAt: '2031-03-11T17:00',
    openTo: ['member_state', 'cso'],
    registrationMode: 'moderated',
    capacity: '40',
    waitlist: 'on',
    participantList: 'participants',
    questions:
      'diet | text | optional | Dietary needs\ninterp | choice | required | Interpretation | None; French; Arabic',
  });

test(`create an event: every field, translations with their status, organizers, questions (${dbLabel()})`, async () => {
  const page = await coord.agent.get('/events/new');
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /name="title_ar_status"/);
  const res = await post(coord.agent, '/events', base());
  assert.equal(res.statusCode, 303, res.body.slice(0, 500));
  assert.equal(res.headers.location, '/events/test-roundtable-2031');
  const [e] = await env.database.db.select().from(events).where(eq(events.slug, 'test-roundtable-2031'));
  assert.equal(e.startsAt.toISOString(), '2031-03-10T08:00:00.000Z', '09:00 in Vienna (CET)');
  assert.deepEqual(e.title.fr, { text: 'Table ronde sur la sécurité des frontières', status: 'reviewed' });
  assert.equal(e.capacity, 40);
  assert.equal(e.questions.length, 2);
  assert.deepEqual(
    e.questions[1].options?.map((o) => o.value),
    ['None', 'French', 'Arabic'],
  );
  const orgs = await env.database.db.select().from(eventOrganizers).where(eq(eventOrganizers.eventId, e.id));
  assert.deepEqual(orgs.map((o) => o.role).sort(), ['co_organizer', 'co_organizer', 'organizer']);
  const shown = await new Agent(env.app).get('/events/test-roundtable-2031', { 'accept-language': 'fr' });
  assert.match(shown.body, /Table ronde sur la sécurité des frontières/);
  const edit = await coord.agent.get('/events/test-roundtable-2031/edit');
  // The check-your-answers page of the event: the questions' rows (carried in hidden fields) and their summary.
  assert.match(edit.body, /name="q_id_1" value="interp"/);
  assert.match(edit.body, /name="q_options_1" value="None\nFrench\nArabic"/);
  assert.match(
    edit.body,
    /<bdi>Interpretation<\/bdi> — One choice from a list — required: <bdi>None · French · Arabic/,
  );
});

test(`event form: every error at once, translated, and nothing stored (${dbLabel()})`, async () => {
  const bad = {
    ...base(),
    slug: 'Bad Slug',
    title_en: '',
    title_fr: '',
    title_ar: '',
    timeZone: 'Mars/Olympus',
    endsAt: '2031-03-09T09:00',
    meetingUrl: 'http://insecure',
    organizers: [] as string[],
    capacity: '0',
    questions: 'x | nope',
  };
  const res = await post(coord.agent, '/events', bad);
  assert.equal(res.statusCode, 422);
  for (const m of [
    /Lower-case Latin letters/,
    /at least one language/,
    /IANA time-zone/,
    /https:\/\//,
    /at least one organizer/,
    /whole number from 1 to 100000/,
    /Line 1 of the questions/,
  ])
    assert.match(res.body, m);
  const ar = await post(coord.agent, '/events', { ...bad });
  assert.equal(ar.statusCode, 422);
  const n = await env.database.db.select().from(events).where(eq(events.slug, 'bad-slug'));
  assert.equal(n.length, 0);
  const taken = await post(coord.agent, '/events', base());
  assert.equal(taken.statusCode, 422);
  assert.match(taken.body, /Another event already uses this name/);
  // in Arabic
  await coord.agent.get('/lang/ar');
  const arRes = await post(coord.agent, '/events', { ...bad });
  assert.match(arRes.body, /اكتب هذا الحقل بلغة واحدة على الأقل/);
  await coord.agent.get('/lang/en');
});

test(`who may author: an entity focal point only for their entity's events; others 403 (${dbLabel()})`, async () => {
  const entity = await makeUser(env, 'entity_focal_point', { orgSlug: 'unodc', focalPoint: true });
  const notTheirs = await post(entity.agent, '/events', {
    ...base(),
    slug: 'entity-event-1',
    organizers: [cted],
    coOrganizers: [],
  });
  assert.equal(notTheirs.statusCode, 403);
  const theirs = await post(entity.agent, '/events', {
    ...base(),
    slug: 'entity-event-2',
    organizers: [unodc],
    coOrganizers: [],
  });
  assert.equal(theirs.statusCode, 303);
  const cso = await makeUser(env, 'cso_representative', { orgSlug: 'demo-coastal-peacebuilders', focalPoint: true });
  assert.equal((await cso.agent.get('/events/new')).statusCode, 403);
  assert.equal((await cso.agent.get('/events/test-roundtable-2031/edit')).statusCode, 403);
  const other = await makeUser(env, 'entity_focal_point', { orgSlug: 'cted', focalPoint: true });
  assert.equal((await other.agent.get('/events/entity-event-2/edit')).statusCode, 403, 'not their event');
});

test(
  'sessions, speakers, order, published versions with a changelog, per-session iCalendar ' + `(${dbLabel()})`,
  async () => {
    const slug = 'test-roundtable-2031';
    const s1 = await post(coord.agent, `/events/${slug}/sessions`, {
      kind: 'opening',
      title_en: 'Opening',
      title_en_status: 'original',
      startsAt: '2031-03-10T09:00',
      endsAt: '2031-03-10T09:30',
      chairName: 'A. Chair',
      chairRole: 'chair',
      speakers: 'Jane Doe | UNOCT | keynote | 10 | 09:05',
    });
    assert.equal(s1.statusCode, 303, s1.body.slice(0, 400));
    const s2 = await post(coord.agent, `/events/${slug}/sessions`, {
      kind: 'interactive_segment',
      title_en: 'Interactive segment',
      title_en_status: 'original',
      startsAt: '2031-03-10T10:00',
      endsAt: '2031-03-10T12:00',
      pillar: 'pillar-2',
      statementMinutes: '5',
    });
    assert.equal(s2.statusCode, 303);
    const badS = await post(coord.agent, `/events/${slug}/sessions`, {
      kind: 'party',
      title_en: '',
      startsAt: '2040-01-01T10:00',
      speakers: ' | x',
    });
    assert.equal(badS.statusCode, 422);
    assert.match(badS.body, /outside the event/);
    assert.match(badS.body, /Line 1 of the speakers/);
    const p1 = await post(coord.agent, `/events/${slug}/programme/publish`, { note: 'First programme' });
    assert.equal(p1.statusCode, 303);
    const again = await post(coord.agent, `/events/${slug}/programme/publish`, {});
    assert.equal(again.statusCode, 422 === again.statusCode ? 422 : 409);
    assert.match(again.body, /has not changed since the last version/);
    const prog = await coord.agent.get(`/events/${slug}/programme`);
    const ids = [...prog.body.matchAll(/\/sessions\/([0-9a-f-]{36})\/edit/g)].map((m) => m[1]);
    assert.equal(ids.length, 2);
    // edit the opening's time, move the segment up, publish version 2
    const edit = await coord.agent.get(`/events/${slug}/sessions/${ids[0]}/edit`);
    assert.match(edit.body, /Jane Doe \| UNOCT \| keynote \| 10 \| 09:05/);
    assert.equal(
      (
        await post(coord.agent, `/events/${slug}/sessions/${ids[0]}/edit`, {
          kind: 'opening',
          title_en: 'Opening',
          title_en_status: 'original',
          startsAt: '2031-03-10T09:15',
          endsAt: '2031-03-10T09:45',
          room: 'Board room B',
        })
      ).statusCode,
      303,
    );
    assert.equal(
      (await post(coord.agent, `/events/${slug}/sessions/${ids[1]}/move`, { direction: 'up' })).statusCode,
      303,
    );
    assert.equal((await post(coord.agent, `/events/${slug}/programme/publish`, {})).statusCode, 303);
    const page = await new Agent(env.app).get(`/events/${slug}`);
    assert.match(page.body, /Programme, version 2/);
    // The managers' programme page lists every version under the same title as the event page's latest.
    const versions = (await coord.agent.get(`/events/${slug}/programme`)).body;
    assert.match(versions, /<h3>Programme, version 2 \([^<]+\)<\/h3>[\s\S]*<h3>Programme, version 1 \([^<]+\)<\/h3>/);
    assert.match(page.body, /Changed: <span dir="auto">Opening<\/span> \(start, end, room, chair, speakers\)/);
    const ics = await new Agent(env.app).get(`/events/${slug}/sessions/${ids[0]}/calendar.ics`);
    assert.equal(ics.statusCode, 200);
    assert.match(ics.body, /^DTSTART;TZID=Europe\/Vienna:20310310T091500\r$/m, '09:15 in Vienna');
    assert.match(ics.body, /SUMMARY:Opening/);
    assert.equal((await new Agent(env.app).get(`/events/${slug}/sessions/not-a-uuid/calendar.ics`)).statusCode, 404);
  },
);

test('diffProgramme: added, removed, changed fields', () => {
  const a = {
    id: '1',
    kind: 'opening' as const,
    title: 'A',
    startsAt: null,
    endsAt: null,
    room: null,
    chairName: null,
    speakers: [],
  };
  const b = { ...a, id: '2', title: 'B' };
  assert.deepEqual(
    diffProgramme(
      [a, b],
      [
        { ...a, room: 'R' },
        { ...b, id: '3', title: 'C' },
      ],
    ),
    [
      { change: 'changed', title: 'A', fields: ['room'] },
      { change: 'added', title: 'C', fields: [] },
      { change: 'removed', title: 'B', fields: [] },
    ],
  );
});

const upload = (agent: Agent, url: string, fields: Record<string, string>, file?: { name: string; data: Buffer }) =>
  postUpload(env, agent, url, fields, file);

test(
  'documents: an uploaded PDF checked by content, language versions, downloads for readers ' + `(${dbLabel()})`,
  async () => {
    const slug = 'test-roundtable-2031';
    const fake = await upload(
      coord.agent,
      `/events/${slug}/documents`,
      { kind: 'concept_note', title: 'Concept note', titleLanguage: 'en', language: 'en', status: 'original' },
      { name: 'note.pdf', data: Buffer.from('not a pdf at all') },
    );
    assert.equal(fake.statusCode, 422);
    const [ev] = await env.database.db.select().from(events).where(eq(events.slug, slug));
    assert.equal(
      (await env.database.db.select().from(eventDocuments).where(eq(eventDocuments.eventId, ev.id))).length,
      0,
      'nothing stored',
    );
    const none = await upload(coord.agent, `/events/${slug}/documents`, {
      kind: 'concept_note',
      title: '',
      titleLanguage: 'en',
      language: 'en',
      status: 'original',
    });
    assert.equal(none.statusCode, 422);
    assert.match(none.body, /Attach a file or give a link/);
    const ok = await upload(
      coord.agent,
      `/events/${slug}/documents`,
      { kind: 'concept_note', title: 'Concept note', titleLanguage: 'en', language: 'en', status: 'original' },
      { name: 'note.pdf', data: PDF },
    );
    assert.equal(ok.statusCode, 303, ok.body.slice(0, 300));
    const [doc] = await env.database.db.select().from(eventDocuments).where(eq(eventDocuments.eventId, ev.id));
    const fr = await upload(coord.agent, `/events/${slug}/documents/${doc.id}/versions`, {
      title: 'Note de cadrage',
      language: 'fr',
      status: 'reviewed',
      url: 'https://example.org/note-fr.pdf',
    });
    assert.equal(fr.statusCode, 303);
    const anon = new Agent(env.app);
    const page = await anon.get(`/events/${slug}`, { 'accept-language': 'fr' });
    assert.match(page.body, /Note de cadrage/);
    const dl = await anon.get(`/events/${slug}/documents/${doc.id}/en`);
    assert.equal(dl.statusCode, 200);
    assert.equal(dl.headers['content-type'], 'application/pdf');
    assert.equal((await anon.get(`/events/${slug}/documents/${doc.id}/zh`)).statusCode, 404);
  },
);

/** The values a browser would send back from an edit form as served. */
function formValues(html: string) {
  const form = { body: html };
  const values: Record<string, string | string[]> = {};
  for (const [tag] of form.body.matchAll(/<input[^>]*>/g)) {
    const name = /name="([^"]+)"/.exec(tag)?.[1];
    const value = /value="([^"]*)"/.exec(tag)?.[1] ?? '';
    if (!name || (tag.includes('type="checkbox"') && !/\schecked/.test(tag))) continue;
    values[name] = name in values ? [...([] as string[]).concat(values[name]), value] : value;
  }
  for (const m of form.body.matchAll(/<select[^>]*name="([^"]+)"[^>]*>([\s\S]*?)<\/select>/g)) {
    const sel = [...m[2].matchAll(/<option value="([^"]*)" selected/g)].map((x) => x[1]);
    if (sel.length) values[m[1]] = sel.length > 1 || /multiple/.test(m[0]) ? sel : sel[0];
  }
  for (const m of form.body.matchAll(/<textarea[^>]*name="([^"]+)"[^>]*>([\s\S]*?)<\/textarea>/g))
    values[m[1]] = m[2]
      .replace(/&amp;/g, '&')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"');
  delete values._csrf;
  return values;
}

test(
  'editing the demo event keeps the other languages of its questions, and partners stay partners ' + `(${dbLabel()})`,
  async () => {
    const form = await coord.agent.get('/events/demo-roundtable-registration/edit');
    assert.equal(form.statusCode, 200);
    const values = formValues(form.body);
    const res = await post(coord.agent, '/events/demo-roundtable-registration/edit', values);
    assert.equal(res.statusCode, 303, res.body.slice(0, 3000).replace(/[\s\S]*error-summary/, ''));
    const [e] = await env.database.db.select().from(events).where(eq(events.slug, 'demo-roundtable-registration'));
    assert.equal(e.questions[0].label.fr?.text, 'Interprétation nécessaire', 'translations of an unchanged label kept');
    assert.equal(e.questions[0].options?.[0].label.ar?.text, 'لا حاجة');
    assert.equal(e.capacity, 8);
    const sym = await coord.agent.get('/events/2011-09-sg-symposium-international-ct-cooperation/edit');
    assert.equal(sym.statusCode, 200);
    assert.equal(
      (await post(coord.agent, '/events/2011-09-sg-symposium-international-ct-cooperation/edit', formValues(sym.body)))
        .statusCode,
      303,
    );
    const [s2] = await env.database.db
      .select()
      .from(events)
      .where(eq(events.slug, '2011-09-sg-symposium-international-ct-cooperation'));
    const roles = await env.database.db.select().from(eventOrganizers).where(eq(eventOrganizers.eventId, s2.id));
    assert.deepEqual(roles.map((r) => r.role).sort(), ['organizer', 'partner']);
    assert.equal(s2.title.fr?.status, 'draft', 'statuses kept');
  },
);
