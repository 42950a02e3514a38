// The organizers' management area of an event: the event form in steps (each step's errors at once, answers carried
// in hidden fields, a questions editor whose rows are added and removed without JavaScript, a time zone suggested
// from the venue's country), the check-your-answers page that saves, the overview with its tasks and menu, and
// cloning into a new draft (page and API).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import { events, eventOrganizers, eventSessions } from '../src/modules/events/events.schema.ts';
import { Agent, dbLabel, makeTestEnv, makeUser, orgId, type TestEnv, type TestUser } from './helper.ts';
import { formFields, postForm, type FormField } from './forms.ts';
import { api, auditActions } from './api.helpers.ts';

let env: TestEnv;
let coord: TestUser;
let unoct: string;
let unodc: string;
before(async () => {
  env = await makeTestEnv();
  coord = await makeUser(env, 'coordinator', { orgSlug: 'unoct' });
  [unoct, unodc] = await Promise.all([orgId(env, 'unoct'), orgId(env, 'unodc')]);
});
after(async () => {
  await env?.close();
});

/** Presses a button of the page's form: its fields as served, some changed, and the button's name and value. */
async function press(
  u: TestUser,
  html: string,
  url: string,
  changes: Record<string, string | string[]>,
  button: FormField | null,
) {
  const fields = formFields(html, 'form[action^="/events"]').filter(([k]) => !(k in changes));
  for (const [k, v] of Object.entries(changes)) for (const x of Array.isArray(v) ? v : [v]) fields.push([k, x]);
  if (button) fields.push(button);
  return postForm(env.app, u.agent, url, fields);
}
const errorsOf = (html: string) =>
  [...(/<div class="error-summary"[\s\S]*?<\/div>/.exec(html)?.[0] ?? '').matchAll(/href="#f-([^"]+)"/g)].map(
    (m) => m[1],
  );
const heading = (html: string) => /<h1>([^<]*)<\/h1>/.exec(html)?.[1] ?? '';

test(`the event form in steps: each step's errors, the questions' editor, check, save (${dbLabel()})`, async () => {
  const page = await coord.agent.get('/events/new');
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /Step 1 of 5/);
  // Step 1 with nothing written: its own errors only (the organizers of step 4 are not asked yet).
  let res = await press(coord, page.body, '/events/new', {}, ['_go', 'next']);
  assert.equal(res.statusCode, 422);
  assert.deepEqual(errorsOf(res.body).sort(), ['slug', 'title_ar']);
  assert.match(res.body, /<a href="#f-slug">Address name: /, 'each error named by its field');
  res = await press(
    coord,
    res.body,
    '/events/new',
    { slug: 'steps-roundtable-2031', type: 'roundtable', title_en: 'Roundtable in steps' },
    ['_go', 'next'],
  );
  assert.equal(res.statusCode, 200, errorsOf(res.body).join());
  assert.match(res.body, /Step 2 of 5/);
  assert.match(res.body, /name="slug" value="steps-roundtable-2031"/, 'the first step is carried');
  // Step 2, the place: the venue names Austria, so step 3 suggests Vienna's zone.
  res = await press(
    coord,
    res.body,
    '/events/new',
    { format: 'in_person', venue: 'Vienna International Centre, Vienna, Austria' },
    ['_go', 'next'],
  );
  assert.match(res.body, /Step 3 of 5/);
  assert.match(res.body, /<option value="Europe\/Vienna" selected/);
  assert.match(res.body, /Suggested from the venue’s country: Austria/);
  assert.doesNotMatch(res.body, /data-browser-hint/, "the venue's zone is not replaced by the browser's");
  // Step 3: the end before the start, said with the step's other error.
  const dates = res.body;
  res = await press(coord, dates, '/events/new', { startsAt: '2031-03-10T09:00', endsAt: '2031-03-09T09:00' }, [
    '_go',
    'next',
  ]);
  assert.equal(res.statusCode, 422);
  assert.deepEqual(errorsOf(res.body), ['endsAt']);
  res = await press(coord, res.body, '/events/new', { endsAt: '2031-03-11T17:00' }, ['_go', 'next']);
  assert.match(res.body, /Step 4 of 5/);
  assert.match(res.body, /class="filter-picker"/, 'the organization pickers are searchable with JavaScript');
  res = await press(coord, res.body, '/events/new', { organizers: [unoct], coOrganizers: [unodc] }, ['_go', 'next']);
  assert.match(res.body, /Step 5 of 5/);
  assert.doesNotMatch(res.body, /name="q_label_0"/, 'no question yet');
  // The questions' editor without JavaScript: two rows added, the first removed.
  res = await press(coord, res.body, '/events/new', { registrationMode: 'moderated' }, ['_go', 'add']);
  assert.match(res.body, /name="q_label_0"/);
  res = await press(coord, res.body, '/events/new', { q_label_0: 'To be removed' }, ['_go', 'add']);
  assert.match(res.body, /name="q_label_1"/);
  res = await press(coord, res.body, '/events/new', { q_label_1: 'Interpretation', q_kind_1: 'choice' }, [
    '_go',
    'remove-0',
  ]);
  assert.doesNotMatch(res.body, /To be removed/);
  assert.match(res.body, /name="q_label_0"[^>]* value="Interpretation"/);
  assert.doesNotMatch(res.body, /name="q_label_1"/);
  assert.match(res.body, /name="registrationMode"[^>]*>[\s\S]*?<option value="moderated" selected/);
  // A choice needs two choices: the row's error, named and linked.
  res = await press(coord, res.body, '/events/new', { q_options_0: 'French' }, ['_go', 'next']);
  assert.equal(res.statusCode, 422);
  assert.deepEqual(errorsOf(res.body), ['q_options_0']);
  assert.match(res.body, /<a href="#f-q_options_0">Choices of question 1: Give at least two choices/);
  assert.match(res.body, /Give at least two choices, one a line/);
  res = await press(coord, res.body, '/events/new', { q_options_0: 'None\nFrench\nArabic', q_required_0: 'on' }, [
    '_go',
    'next',
  ]);
  assert.equal(res.statusCode, 200, errorsOf(res.body).join());
  assert.match(heading(res.body), /Check your answers/);
  for (const s of [
    'steps-roundtable-2031',
    'Roundtable in steps',
    'Vienna International Centre, Vienna, Austria',
    'Europe/Vienna',
    '2031-03-10 09:00',
    'United Nations Office of Counter-Terrorism',
    'Organizers decide',
    'None · French · Arabic',
  ])
    assert.ok(res.body.includes(s), s);
  // "Change" goes back to a step; continuing returns to the check page (not to the next step).
  const check = res.body;
  res = await press(coord, check, '/events/new', {}, ['_go', 'step-place']);
  assert.match(res.body, /Step 2 of 5/);
  assert.match(res.body, /Continue to check your answers/);
  res = await press(coord, res.body, '/events/new', { venue: 'Vienna International Centre, Austria' }, ['_go', 'next']);
  assert.match(heading(res.body), /Check your answers/);
  assert.ok(res.body.includes('Vienna International Centre, Austria'));
  // Create: a draft, with the question from the editor.
  const saved = await press(coord, res.body, '/events', {}, null);
  assert.equal(saved.statusCode, 303);
  assert.equal(saved.headers.location, '/events/steps-roundtable-2031');
  const [e] = await env.database.db.select().from(events).where(eq(events.slug, 'steps-roundtable-2031'));
  assert.equal(e.status, 'draft');
  assert.equal(e.timeZone, 'Europe/Vienna');
  assert.equal(e.startsAt.toISOString(), '2031-03-10T08:00:00.000Z');
  assert.equal(e.questions.length, 1);
  assert.equal(e.questions[0].id, 'q1');
  assert.equal(e.questions[0].required, true);
  assert.deepEqual(
    e.questions[0].options?.map((o) => o.value),
    ['None', 'French', 'Arabic'],
  );
  // A save that fails (the address taken meanwhile): the check page again, the error in its step's section.
  const again = await press(coord, res.body, '/events', {}, null);
  assert.equal(again.statusCode, 422);
  assert.match(again.body, /<p class="error" id="f-slug">Another event already uses this name/);
});

test(`the editor's buttons with odd values remove nothing; 20 questions at most (${dbLabel()})`, async () => {
  const rows = (n: number) =>
    Object.fromEntries(
      Array.from({ length: n }, (_, i) => [
        [`q_kind_${i}`, 'text'],
        [`q_label_${i}`, `Question ${i}`],
      ]).flat(),
    ) as Record<string, string>;
  await coord.agent.get('/events/new');
  const csrf = await coord.agent.csrf();
  const send = async (go: string, n: number) => {
    const fields: FormField[] = [...Object.entries({ ...rows(n), _step: 'registration', _go: go }), ['_csrf', csrf]];
    const res = await postForm(env.app, coord.agent, '/events/new', fields);
    assert.equal(res.statusCode, 200, go);
    return [...res.body.matchAll(/name="q_label_\d+"/g)].length;
  };
  assert.equal(await send('remove-x', 2), 2);
  assert.equal(await send('remove-7', 2), 2);
  assert.equal(await send('remove-1', 2), 1);
  assert.equal(await send('add', 20), 20, 'no 21st row, and none removed');
  assert.equal(await send('step-nowhere', 1), 1);
});

test(`editing: the check page, a step changed, saved; questions keep their ids (${dbLabel()})`, async () => {
  const page = await coord.agent.get('/events/steps-roundtable-2031/edit');
  assert.equal(page.statusCode, 200);
  assert.match(heading(page.body), /Edit the event: Check your answers/);
  assert.match(page.body, /<nav class="manage-menu"/);
  let res = await press(coord, page.body, '/events/steps-roundtable-2031/edit/steps', {}, ['_go', 'step-registration']);
  assert.match(res.body, /name="q_id_0" value="q1"/);
  res = await press(coord, res.body, '/events/steps-roundtable-2031/edit/steps', { capacity: '25' }, ['_go', 'add']);
  res = await press(
    coord,
    res.body,
    '/events/steps-roundtable-2031/edit/steps',
    { q_label_1: 'Dietary needs', q_kind_1: 'text' },
    ['_go', 'next'],
  );
  assert.match(heading(res.body), /Check your answers/);
  const saved = await press(coord, res.body, '/events/steps-roundtable-2031/edit', {}, null);
  assert.equal(saved.statusCode, 303);
  const [e] = await env.database.db.select().from(events).where(eq(events.slug, 'steps-roundtable-2031'));
  assert.equal(e.capacity, 25);
  assert.deepEqual(
    e.questions.map((q) => q.id),
    ['q1', 'q2'],
  );
});

test(`the overview: tasks, figures, the publish action, the menu; managers only (${dbLabel()})`, async () => {
  const page = await coord.agent.get('/events/steps-roundtable-2031/manage');
  assert.equal(page.statusCode, 200);
  for (const href of ['edit', 'programme', 'registrations', 'documents', 'summary', 'figures', 'clone'])
    assert.match(page.body, new RegExp(`<a href="/events/steps-roundtable-2031/${href}"`), href);
  assert.doesNotMatch(page.body, /side-events\/proposals/, 'not an umbrella week');
  assert.match(page.body, /href="\/events\/steps-roundtable-2031\/publishing"/, 'a draft: its publishing page');
  assert.match(page.body, /Nothing is waiting for you/);
  // The event's page links its managers to the overview; others do not see the link.
  const eventPage = await coord.agent.get('/events/steps-roundtable-2031');
  assert.match(eventPage.body, /href="\/events\/steps-roundtable-2031\/manage"/);
  const cso = await makeUser(env, 'cso_representative', { orgSlug: 'demo-coastal-peacebuilders', focalPoint: true });
  assert.equal((await cso.agent.get('/events/steps-roundtable-2031/manage')).statusCode, 403);
  const other = await makeUser(env, 'entity_focal_point', { orgSlug: 'unesco', focalPoint: true });
  // A draft of another entity's is not found (its existence is not disclosed).
  assert.equal((await other.agent.get('/events/steps-roundtable-2031/manage')).statusCode, 404, 'not their event');
  assert.equal((await new Agent(env.app).get('/events/steps-roundtable-2031/manage')).statusCode, 303);
  const json = await api(env, coord, 'GET', '/api/v1/events/steps-roundtable-2031/management');
  assert.equal(json.status, 200, json.body);
  assert.equal(json.json().data.status, 'draft');
  assert.equal(json.json().data.registrations.pending, 0);
  assert.equal((await api(env, other, 'GET', '/api/v1/events/steps-roundtable-2031/management')).status, 404);
});

test(`clone: a new draft, its dates moved, organizers, questions, sessions; page and API (${dbLabel()})`, async () => {
  const [source] = await env.database.db.select().from(events).where(eq(events.slug, 'steps-roundtable-2031'));
  await env.database.db.insert(eventSessions).values({
    eventId: source.id,
    kind: 'opening',
    title: { en: { text: 'Opening', status: 'original' } },
    startsAt: new Date('2031-03-10T08:00:00Z'),
    endsAt: new Date('2031-03-10T09:00:00Z'),
  });
  const form = await coord.agent.get('/events/steps-roundtable-2031/clone');
  assert.equal(form.statusCode, 200);
  assert.match(form.body, /name="slug"[^>]* value="steps-roundtable-2031-copy"/);
  assert.match(form.body, /name="startsAt"[^>]* value="2031-03-10T09:00"/);
  const bad = await press(
    coord,
    form.body,
    '/events/steps-roundtable-2031/clone',
    { slug: 'Bad!', startsAt: '' },
    null,
  );
  assert.equal(bad.statusCode, 422);
  assert.deepEqual(errorsOf(bad.body).sort(), ['slug', 'startsAt']);
  const taken = await press(
    coord,
    form.body,
    '/events/steps-roundtable-2031/clone',
    { slug: 'steps-roundtable-2031' },
    null,
  );
  assert.match(taken.body, /Another event already uses this name/);
  // Moved to a week after the summer clock change: the same wall-clock hours in Vienna.
  const res = await press(
    coord,
    form.body,
    '/events/steps-roundtable-2031/clone',
    { slug: 'steps-roundtable-2032', startsAt: '2032-06-14T10:00' },
    null,
  );
  assert.equal(res.statusCode, 303, errorsOf(res.body).join());
  assert.equal(res.headers.location, '/events/steps-roundtable-2032/manage');
  const [copy] = await env.database.db.select().from(events).where(eq(events.slug, 'steps-roundtable-2032'));
  assert.equal(copy.status, 'draft');
  assert.equal(copy.startsAt.toISOString(), '2032-06-14T08:00:00.000Z', '10:00 in Vienna (summer time)');
  assert.equal(copy.endsAt.toISOString(), '2032-06-15T16:00:00.000Z', 'the next day at 18:00 in Vienna');
  assert.deepEqual(copy.questions, source.questions);
  assert.deepEqual(copy.title, source.title);
  const orgs = await env.database.db.select().from(eventOrganizers).where(eq(eventOrganizers.eventId, copy.id));
  assert.deepEqual(orgs.map((o) => o.role).sort(), ['co_organizer', 'organizer']);
  const sessions = await env.database.db.select().from(eventSessions).where(eq(eventSessions.eventId, copy.id));
  assert.equal(sessions.length, 1);
  assert.equal(sessions[0].startsAt?.toISOString(), '2032-06-14T08:00:00.000Z');
  assert.deepEqual(await auditActions(env, copy.id), ['event.cloned']);
  // The API's twin.
  const viaApi = await api(env, coord, 'POST', '/api/v1/events/steps-roundtable-2031/clone', {
    slug: 'steps-roundtable-2033',
    startsAt: '2033-03-10T09:00',
  });
  assert.equal(viaApi.status, 201, viaApi.body);
  assert.equal(viaApi.json().data.status, 'draft');
  const clash = await api(env, coord, 'POST', '/api/v1/events/steps-roundtable-2031/clone', {
    slug: 'steps-roundtable-2033',
    startsAt: '2033-03-10T09:00',
  });
  assert.equal(clash.status, 422);
  const observer = await makeUser(env, 'observer', { orgSlug: 'unoct' });
  assert.equal((await observer.agent.get('/events/steps-roundtable-2031/clone')).statusCode, 403);
  assert.equal(
    (
      await api(env, observer, 'POST', '/api/v1/events/steps-roundtable-2031/clone', {
        slug: 'x-y-z',
        startsAt: '2033-03-10T09:00',
      })
    ).status,
    403,
  );
});
