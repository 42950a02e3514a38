// The API's twins of the events' pages: authoring (events, sessions, documents, programme versions), side-event
// proposals and decisions, the Chair's Summary and its follow-up actions (in the Compact's register), check-in, the
// speakers' list and statements. Each uses the page's service and rule: success with its audit entry, 403 or 404 for
// a principal without the right (the page answers the same), 4xx for bad input (never 500) with nothing stored.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { FLOOR_TOPIC } from '../src/modules/events/floor/floor.service.ts';
import { dbLabel, makeTestEnv, makeUser, orgId, type TestEnv, type TestUser } from './helper.ts';
import {
  createPublishedEvent,
  eventApiBody,
  eventForm,
  postForm,
  PDF,
  publishSigned,
  publishSignedSummary,
} from './events.helpers.ts';
import { api, apiUpload, auditActions, count } from './api.helpers.ts';

let env: TestEnv;
let filesDir = '';
const ids: Record<string, string> = {};
let unodcFocal: TestUser; // organizes the events below (UNODC)
let unescoFocal: TestUser; // an entity focal point who organizes none of them
let coordinator: TestUser;
let observer: TestUser;
let cso: TestUser;
let arcadia: TestUser; // Member State focal point: a delegation on speakers' lists
const missing = '00000000-0000-4000-8000-000000000000';
const day = new Date(Date.now() + 10 * 86400_000).toISOString().slice(0, 10);

const eventBody = (slug: string, o: Record<string, unknown> = {}) => eventApiBody(slug, [ids.unodc], o);
const events = () => count(env, 'select count(*)::int as n from events');

before(async () => {
  filesDir = await mkdtemp(path.join(tmpdir(), 'ctcp-api-events-'));
  env = await makeTestEnv({ filesDir });
  for (const s of ['unodc', 'unesco', 'unoct', 'demo-state-arcadia', 'demo-coastal-peacebuilders', 'cted'])
    ids[s] = await orgId(env, s);
  unodcFocal = await makeUser(env, 'entity_focal_point', { orgId: ids.unodc, focalPoint: true });
  unescoFocal = await makeUser(env, 'entity_focal_point', { orgId: ids.unesco, focalPoint: true });
  coordinator = await makeUser(env, 'coordinator', { orgSlug: 'unoct' });
  observer = await makeUser(env, 'observer', { orgSlug: 'unoct' });
  cso = await makeUser(env, 'cso_representative', { orgId: ids['demo-coastal-peacebuilders'], focalPoint: true });
  arcadia = await makeUser(env, 'member_state_focal_point', { orgId: ids['demo-state-arcadia'], focalPoint: true });
});
/** Creates an event by the API as UNODC's focal point and publishes its text with two other people's signatures. */
const createPublished = (slug: string, o: Parameters<typeof eventBody>[1] = {}) =>
  createPublishedEvent(env, unodcFocal, eventBody(slug, o));

after(async () => {
  await env?.close();
  if (filesDir) await rm(filesDir, { recursive: true, force: true });
});

test(`events: create, read and replace the settings through the API (${dbLabel()})`, async () => {
  const created = await createPublished('api-conference-1');
  assert.equal(created.status, 201, created.body);
  const s = created.json();
  assert.equal(s.slug, 'api-conference-1');
  assert.deepEqual(s.organizers, [ids.unodc]);
  assert.equal(s.startsAt, `${day}T09:00`);
  const pub = await api(env, null, 'GET', '/api/v1/events/api-conference-1');
  assert.equal(pub.status, 200);
  const eventId = pub.json().event.id;
  assert.deepEqual(await auditActions(env, eventId), ['event.created']);

  // The settings read back are what PUT takes: sending them unchanged changes nothing.
  const settings = await api(env, unodcFocal, 'GET', '/api/v1/events/api-conference-1/settings');
  assert.equal(settings.status, 200);
  assert.deepEqual(settings.json(), s);
  const same = await api(env, unodcFocal, 'PUT', '/api/v1/events/api-conference-1', settings.json());
  assert.equal(same.status, 200, same.body);
  assert.deepEqual(same.json(), s);

  // A real change: a venue, a co-organizer, registration questions, a French title.
  const changed = await api(env, unodcFocal, 'PUT', `/api/v1/events/${eventId}`, {
    ...s,
    venue: 'Conference Room 4, New York',
    coOrganizers: [ids.unesco],
    title: { ...s.title, fr: { text: 'Conférence', status: 'reviewed' } },
    questions: [
      { id: 'diet', kind: 'choice', required: true, label: 'Dietary needs', options: ['None', 'Vegetarian'] },
      { id: 'bio', kind: 'text', required: false, label: 'Short biography' },
    ],
  });
  assert.equal(changed.status, 200, changed.body);
  assert.equal(changed.json().venue, 'Conference Room 4, New York');
  assert.deepEqual(changed.json().coOrganizers, [ids.unesco]);
  assert.deepEqual(changed.json().questions[0].options, ['None', 'Vegetarian']);
  assert.equal(changed.json().title.fr.text, 'Conférence');
  assert.deepEqual(await auditActions(env, eventId), ['event.created', 'event.updated', 'event.updated']);
  // Readers keep the signed text until the edit is published with two signatures.
  assert.doesNotMatch((await api(env, null, 'GET', '/api/v1/events/api-conference-1')).body, /Conference Room 4/);
  await publishSigned(env, 'api-conference-1');
  const page = await unodcFocal.agent.get('/events/api-conference-1');
  assert.match(page.body, /Conference Room 4, New York/);
});

test(`events: the page's rule and bad input — 401, 403, 404, 400, 422 with nothing stored (${dbLabel()})`, async () => {
  await createPublished('api-conference-2');
  const before = await events();
  // An entity's focal point must name their own entity among the organizers: page and API alike.
  assert.equal((await createPublished('x-other', { organizers: [ids.unesco] })).status, 403);
  assert.equal(
    (await postForm(env, unodcFocal.agent, '/events', eventForm('x-other-page', [ids.unesco]))).statusCode,
    403,
  );
  for (const u of [observer, cso, arcadia])
    assert.equal((await api(env, u, 'POST', '/api/v1/events', eventBody(`x-${u.role}`))).status, 403, u.role);
  assert.equal((await api(env, null, 'POST', '/api/v1/events', eventBody('x-anon'))).status, 401);
  // UNESCO's focal point does not manage UNODC's event: 403 on the settings, the replacement and the page.
  const settings = (await api(env, unodcFocal, 'GET', '/api/v1/events/api-conference-2/settings')).json();
  assert.equal((await api(env, unescoFocal, 'GET', '/api/v1/events/api-conference-2/settings')).status, 403);
  assert.equal((await api(env, unescoFocal, 'PUT', '/api/v1/events/api-conference-2', settings)).status, 403);
  const pageEdit = await postForm(env, unescoFocal.agent, '/events/api-conference-2/edit', eventForm('x', [ids.unodc]));
  assert.equal(pageEdit.statusCode, 403);
  // Nor may the organizer lock themselves out by naming another entity alone.
  const lockOut = { ...settings, organizers: [ids.unesco] };
  assert.equal((await api(env, unodcFocal, 'PUT', '/api/v1/events/api-conference-2', lockOut)).status, 403);
  assert.equal((await api(env, coordinator, 'PUT', `/api/v1/events/${missing}`, settings)).status, 404);
  assert.equal((await api(env, coordinator, 'GET', '/api/v1/events/no-such-event/settings')).status, 404);

  const bad = await api(
    env,
    unodcFocal,
    'POST',
    '/api/v1/events',
    eventBody('api-conference-2', {
      endsAt: `${day}T08:00`,
      coOrganizers: [missing],
      title: { en: { text: 'x', status: 'draft' }, fr: { text: 'y', status: 'draft' } },
    }),
  );
  assert.equal(bad.status, 422, bad.body);
  const fields = bad.json().error.fields.map((f: { field: string }) => f.field);
  for (const f of ['slug', 'endsAt', 'organizers', 'title.en']) assert.ok(fields.includes(f), f);
  const zone = await createPublished('x-zone', { timeZone: 'Mars/Olympus' });
  assert.equal(zone.status, 422);
  assert.equal(zone.json().error.fields[0].field, 'timeZone');
  assert.equal((await createPublished('x-notitle', { title: {} })).status, 422);
  for (const body of [
    eventBody('Not A Slug'),
    eventBody('x-time', { startsAt: 'tomorrow' }),
    eventBody('x-type', { type: 'party' }),
    eventBody('x-q', { questions: [{ id: 'a', kind: 'text', required: true, label: 'A | B' }] }),
    eventBody('x-extra', { colour: 'blue' }),
    { slug: 'x-empty' },
  ]) {
    const r = await api(env, unodcFocal, 'POST', '/api/v1/events', body);
    assert.equal(r.status, 400, r.body);
  }
  assert.equal(await events(), before);
});

test(`programme: sessions with speakers, order, deletion, published versions (${dbLabel()})`, async () => {
  await createPublished('api-programme');
  const url = '/api/v1/events/api-programme';
  const session = (title: string, o: Record<string, unknown> = {}) => ({
    kind: 'thematic_plenary',
    title: { en: { text: title, status: 'original' } },
    startsAt: `${day}T10:00`,
    endsAt: `${day}T11:00`,
    room: 'Room A',
    speakers: [
      { name: 'Dr. A (fictional)', affiliation: 'UNODC', role: 'keynote', minutes: 10, time: '10:00' },
      { name: 'Ms. B (fictional)' },
    ],
    ...o,
  });
  const a = await api(env, unodcFocal, 'POST', `${url}/sessions`, session('Opening plenary'));
  assert.equal(a.status, 201, a.body);
  assert.equal(a.json().speakers.length, 2);
  assert.equal(a.json().speakers[0].role, 'keynote');
  const b = await api(env, unodcFocal, 'POST', `${url}/sessions`, session('Second plenary', { room: 'Room B' }));
  assert.equal(b.status, 201);
  const put = await api(env, unodcFocal, 'PUT', `${url}/sessions/${b.json().id}`, session('Second', { speakers: [] }));
  assert.equal(put.status, 200, put.body);
  assert.deepEqual(put.json().speakers, []);
  const moved = await api(env, unodcFocal, 'POST', `${url}/sessions/${b.json().id}/move`, { direction: 'up' });
  assert.equal(moved.status, 200);
  assert.deepEqual(
    moved.json().data.map((x: { id: string }) => x.id),
    [b.json().id, a.json().id],
  );
  assert.deepEqual(await auditActions(env, a.json().id), ['event.session.created']);
  assert.deepEqual(await auditActions(env, b.json().id), ['event.session.created', 'event.session.updated']);

  // Published versions: the first, then nothing changed (409), then a change.
  const v1 = await api(env, unodcFocal, 'POST', `${url}/programme/versions`, { note: 'First programme' });
  assert.equal(v1.status, 201, v1.body);
  assert.equal(v1.json().number, 1);
  assert.equal((await api(env, unodcFocal, 'POST', `${url}/programme/versions`, {})).status, 409);
  assert.equal((await api(env, unodcFocal, 'DELETE', `${url}/sessions/${a.json().id}`)).status, 204);
  const v2 = await api(env, unodcFocal, 'POST', `${url}/programme/versions`, {});
  assert.equal(v2.json().number, 2);
  assert.deepEqual(v2.json().changes, [{ change: 'removed', title: 'Opening plenary', fields: [] }]);
  const versions = await api(env, null, 'GET', `${url}/programme/versions`);
  assert.deepEqual(
    versions.json().data.map((v: { number: number }) => v.number),
    [2, 1],
  );

  // Who may not, and bad input.
  assert.equal((await api(env, unescoFocal, 'POST', `${url}/sessions`, session('X'))).status, 403);
  assert.equal((await api(env, unescoFocal, 'POST', `${url}/programme/versions`, {})).status, 403);
  assert.equal((await api(env, observer, 'DELETE', `${url}/sessions/${b.json().id}`)).status, 403);
  assert.equal((await api(env, unodcFocal, 'PUT', `${url}/sessions/${missing}`, session('X'))).status, 404);
  assert.equal((await api(env, unodcFocal, 'DELETE', `${url}/sessions/${missing}`)).status, 404);
  const sessions = () => count(env, 'select count(*)::int as n from event_sessions');
  const n = await sessions();
  const late = session('X', { startsAt: `${day}T22:00`, endsAt: `${day}T23:00` });
  const outside = await api(env, unodcFocal, 'POST', `${url}/sessions`, late);
  assert.equal(outside.status, 422);
  assert.deepEqual(
    outside.json().error.fields.map((f: { field: string }) => f.field),
    ['startsAt', 'endsAt'],
  );
  const pipe = session('X', { speakers: [{ name: 'A | B' }] });
  assert.equal((await api(env, unodcFocal, 'POST', `${url}/sessions`, pipe)).status, 400);
  assert.equal((await api(env, unodcFocal, 'POST', `${url}/sessions`, session('X', { kind: 'gala' }))).status, 400);
  assert.equal(await sessions(), n);
});

test(`documents: a link, an upload, another language; the file's type checked (${dbLabel()})`, async () => {
  await createPublished('api-documents');
  const url = '/api/v1/events/api-documents/documents';
  const link = await apiUpload(env, unodcFocal, url, {
    kind: 'concept_note',
    title: 'Concept note',
    titleLanguage: 'en',
    language: 'en',
    status: 'original',
    url: 'https://www.un.org/counterterrorism/',
  });
  assert.equal(link.status, 201, link.body);
  assert.equal(link.json().versions.en.url, 'https://www.un.org/counterterrorism/');
  const fr = await apiUpload(
    env,
    unodcFocal,
    `${url}/${link.json().id}/versions`,
    { language: 'fr', status: 'reviewed', title: 'Note conceptuelle' },
    { name: 'note.pdf', data: PDF },
  );
  assert.equal(fr.status, 201, fr.body);
  assert.equal(fr.json().title.fr.text, 'Note conceptuelle');
  assert.equal(fr.json().versions.fr.file.contentType, 'application/pdf');
  const download = await env.app.inject({ method: 'GET', url: new URL(fr.json().versions.fr.file.href).pathname });
  assert.equal(download.statusCode, 200);
  assert.deepEqual(await auditActions(env, link.json().id), ['event.document.added', 'event.document.version']);

  const docs = () => count(env, 'select count(*)::int as n from event_documents');
  const n = await docs();
  const fields = { kind: 'agenda', title: 'Agenda', titleLanguage: 'en', language: 'en', status: 'original' };
  assert.equal((await apiUpload(env, unodcFocal, url, fields)).status, 422, 'a file or a link');
  assert.equal((await apiUpload(env, unodcFocal, url, { ...fields, url: 'http://example.org' })).status, 422);
  const exe = await apiUpload(env, unodcFocal, url, fields, { name: 'agenda.pdf', data: Buffer.from('MZ not a pdf') });
  assert.equal(exe.status, 422);
  assert.equal((await apiUpload(env, unodcFocal, url, { ...fields, kind: 'memo', url: 'https://x.org' })).status, 422);
  assert.equal(await docs(), n);
  assert.equal((await apiUpload(env, unescoFocal, url, { ...fields, url: 'https://x.org' })).status, 403);
  const unknown = await apiUpload(env, unodcFocal, `${url}/${missing}/versions`, { ...fields, url: 'https://x.org' });
  assert.equal(unknown.status, 404);
});

test(`side events: propose, decide (the proposer is told), schedule; 403, 404, 409, 422 (${dbLabel()})`, async () => {
  const end = new Date(Date.parse(day) + 4 * 86400_000).toISOString().slice(0, 10);
  const week = await createPublished('api-week', { type: 'week' });
  assert.equal(week.status, 201, week.body);
  await api(env, unodcFocal, 'PUT', '/api/v1/events/api-week', { ...week.json(), endsAt: `${end}T18:00` });
  const url = '/api/v1/events/api-week/side-events/proposals';
  const proposal = {
    proposerOrgId: ids['demo-coastal-peacebuilders'],
    coOrganizerOrgIds: [ids.unodc],
    title: 'Youth and prevention',
    summary: 'A side event on prevention led by young people.',
    language: 'en',
    format: 'hybrid',
  };
  const bad = await api(env, cso, 'POST', url, { ...proposal, coOrganizerOrgIds: [], title: '' });
  assert.equal(bad.status, 422);
  assert.equal((await api(env, cso, 'POST', url, { ...proposal, language: 'xx' })).status, 400);
  const p = await api(env, cso, 'POST', url, proposal);
  assert.equal(p.status, 201, p.body);
  assert.equal(p.json().status, 'submitted');
  const pid = p.json().id;
  assert.equal(
    (await api(env, cso, 'POST', '/api/v1/events/api-documents/side-events/proposals', proposal)).status,
    404,
  );
  // Not the proposer's organization: 422, as on the page.
  assert.equal((await api(env, cso, 'POST', url, { ...proposal, proposerOrgId: ids.unesco })).status, 422);

  assert.equal((await api(env, unescoFocal, 'GET', url)).status, 403);
  assert.equal((await api(env, cso, 'GET', url)).status, 403);
  const list = await api(env, unodcFocal, 'GET', url);
  assert.deepEqual(
    list.json().data.map((x: { id: string }) => x.id),
    [pid],
  );
  assert.equal((await api(env, unodcFocal, 'GET', `${url}/${missing}`)).status, 404);
  assert.equal((await api(env, unodcFocal, 'POST', `${url}/${pid}/decision`, { decision: 'reject' })).status, 422);
  assert.equal((await api(env, unescoFocal, 'POST', `${url}/${pid}/decision`, { decision: 'accept' })).status, 403);
  assert.equal(
    (
      await api(env, unodcFocal, 'POST', `${url}/${pid}/schedule`, {
        startsAt: `${day}T10:00`,
        endsAt: `${day}T11:00`,
        room: 'B',
      })
    ).status,
    409,
  );
  const mails = () => count(env, "select count(*)::int as n from mail_outbox where kind like 'side_event_%'");
  const m = await mails();
  const accepted = await api(env, unodcFocal, 'POST', `${url}/${pid}/decision`, { decision: 'accept' });
  assert.equal(accepted.status, 200, accepted.body);
  assert.equal(accepted.json().status, 'accepted');
  assert.ok(accepted.json().sideEventId);
  assert.equal(await mails(), m + 1, 'the proposer is told by e-mail');
  assert.equal(
    (await api(env, unodcFocal, 'POST', `${url}/${pid}/decision`, { decision: 'reject', reason: 'x' })).status,
    409,
  );
  const when = { startsAt: `${day}T10:00`, endsAt: `${day}T11:00`, room: 'Conference Room 2' };
  const badTime = await api(env, unodcFocal, 'POST', `${url}/${pid}/schedule`, { ...when, endsAt: `${day}T09:00` });
  assert.equal(badTime.status, 422);
  const scheduled = await api(env, unodcFocal, 'POST', `${url}/${pid}/schedule`, when);
  assert.equal(scheduled.status, 200, scheduled.body);
  assert.equal(await mails(), m + 2);
  // Scheduled: its text (the room in its venue) is a draft until two people sign it.
  assert.equal((await api(env, null, 'GET', `/api/v1/events/${accepted.json().sideEventId}`)).status, 404);
  await publishSigned(env, accepted.json().sideEventId);
  const sideEvent = await api(env, null, 'GET', `/api/v1/events/${accepted.json().sideEventId}`);
  assert.equal(sideEvent.status, 200, 'published once scheduled and signed');
  assert.deepEqual(await auditActions(env, pid), ['event.side_event.proposed', 'event.side_event.accepted']);
});

test(`Chair's Summary and its follow-up actions in the Compact's register (${dbLabel()})`, async () => {
  await createPublished('api-outputs');
  const url = '/api/v1/events/api-outputs';
  const summary = {
    language: 'en',
    conclusions: ['Participants stressed prevention.', 'Cooperation must continue.'],
    recommendations: ['Hold a regional workshop.', 'Publish a good-practice guide.'],
  };
  const saved = await api(env, unodcFocal, 'PUT', `${url}/summary`, summary);
  assert.equal(saved.status, 200, saved.body);
  assert.deepEqual(
    saved.json().recommendations.map((r: { text: string }) => r.text),
    summary.recommendations,
  );
  // Readers get nothing until two people sign it (kind chairs_summary); then the signed text, the same items.
  assert.deepEqual((await api(env, null, 'GET', `${url}/summary`)).json(), {
    language: null,
    conclusions: [],
    recommendations: [],
  });
  await publishSignedSummary(env, 'api-outputs');
  const read = await api(env, null, 'GET', `${url}/summary`);
  assert.deepEqual(read.json(), saved.json());
  const actions = await api(env, unodcFocal, 'GET', `${url}/actions`);
  assert.equal(actions.status, 200);
  const [first] = actions.json().data;
  assert.equal(first.title, 'Hold a regional workshop.');
  assert.equal(first.recommendationId, saved.json().recommendations[0].id);
  // The same action in the Compact's register.
  const inRegister = await api(env, unodcFocal, 'GET', `/api/v1/compact/actions/${first.id}`);
  assert.equal(inRegister.status, 200, inRegister.body);

  const put = (body: unknown, u = unodcFocal, aid = first.id) => api(env, u, 'PUT', `${url}/actions/${aid}`, body);
  const noOwner = await put({ status: 'in_progress' });
  assert.equal(noOwner.status, 422);
  assert.equal(noOwner.json().error.fields[0].field, 'ownerOrgId');
  assert.equal((await put({ status: 'stalled' })).status, 400);
  assert.equal((await put({ status: 'open', dueOn: '31/12/2026' })).status, 400);
  const ok = await put({ ownerOrgId: ids.unodc, status: 'in_progress', dueOn: '2027-03-31', note: 'Venue found' });
  assert.equal(ok.status, 200, ok.body);
  assert.equal(ok.json().status, 'in_progress');
  assert.equal(ok.json().dueOn, '2027-03-31');
  assert.ok((await auditActions(env, first.id)).includes('event.action.updated'));
  assert.equal((await put({ status: 'open' }, unescoFocal)).status, 403);
  assert.equal((await put({ status: 'open' }, unodcFocal, missing)).status, 404);
  assert.equal((await api(env, unescoFocal, 'GET', `${url}/actions`)).status, 403);
  assert.equal((await api(env, unescoFocal, 'PUT', `${url}/summary`, summary)).status, 403);
  const empty = await api(env, unodcFocal, 'PUT', `${url}/summary`, {
    language: 'en',
    conclusions: [],
    recommendations: [],
  });
  assert.equal(empty.status, 422);
  const newline = { ...summary, conclusions: ['one\ntwo'] };
  assert.equal((await api(env, unodcFocal, 'PUT', `${url}/summary`, newline)).status, 400);
  assert.equal((await api(env, unodcFocal, 'GET', `${url}/actions`)).json().data.length, 2);
});

test(`check-in: the organizers check accepted participants in and out (${dbLabel()})`, async () => {
  await createPublished('api-check-in');
  const url = '/api/v1/events/api-check-in';
  const reg = await api(env, cso, 'POST', `${url}/registrations`, {});
  assert.equal(reg.status, 201, reg.body);
  const rid = reg.json().id;
  const checkIn = (present: unknown, u = unodcFocal, r = rid) =>
    api(env, u, 'POST', `${url}/registrations/${r}/check-in`, { present });
  const r = await checkIn(true);
  assert.equal(r.status, 200, r.body);
  assert.deepEqual(r.json(), { id: rid, checkedIn: true });
  const listed = await api(env, unodcFocal, 'GET', `${url}/registrations`);
  assert.equal(listed.json().data.find((x: { id: string }) => x.id === rid).checkedIn, true);
  assert.equal((await checkIn(false)).json().checkedIn, false);
  assert.deepEqual(await auditActions(env, rid), [
    'event.registration.created',
    'event.attendance.checked_in',
    'event.attendance.undone',
  ]);
  assert.equal((await checkIn(true, unescoFocal)).status, 403);
  assert.equal((await checkIn(true, cso)).status, 403);
  assert.equal((await checkIn(true, unodcFocal, missing)).status, 404);
  assert.equal((await checkIn('maybe')).status, 400);
});

test(`speakers' list and statements through the API, announced to the room view (${dbLabel()})`, async () => {
  await createPublished('api-floor');
  const s = await api(env, unodcFocal, 'POST', '/api/v1/events/api-floor/sessions', {
    kind: 'interactive_segment',
    title: { en: { text: 'Interactive segment', status: 'original' } },
    startsAt: `${day}T10:00`,
    endsAt: `${day}T12:00`,
  });
  const url = `/api/v1/events/api-floor/sessions/${s.json().id}`;
  const changes: string[] = [];
  env.app.platform.changes.subscribe(FLOOR_TOPIC, (c) => changes.push(String(c.s)));

  const req = await api(env, arcadia, 'POST', `${url}/speakers/request`, {
    organizationId: ids['demo-state-arcadia'],
    speakerName: 'Ambassador A. (fictional)',
  });
  assert.equal(req.status, 201, req.body);
  assert.equal(req.json().speakers[0].status, 'waiting');
  assert.equal(
    (await api(env, arcadia, 'POST', `${url}/speakers/request`, { organizationId: ids['demo-state-arcadia'] })).status,
    409,
  );
  assert.equal((await api(env, arcadia, 'POST', `${url}/speakers/request`, { organizationId: ids.unodc })).status, 422);
  assert.equal(
    (await api(env, cso, 'POST', `${url}/speakers/request`, { organizationId: ids['demo-coastal-peacebuilders'] }))
      .status,
    403,
    'not a delegation',
  );
  assert.equal((await api(env, arcadia, 'POST', `${url}/speakers`, { organizationId: ids.unodc })).status, 403);
  const added = await api(env, unodcFocal, 'POST', `${url}/speakers`, { organizationId: ids.unodc });
  assert.equal(added.status, 201);
  const unodcRow = added.json().speakers.find((x: { organizationId: string }) => x.organizationId === ids.unodc);
  const moved = await api(env, unodcFocal, 'POST', `${url}/speakers/${unodcRow.id}/move`, { direction: 'up' });
  assert.equal(moved.json().speakers[0].organizationId, ids.unodc);
  assert.equal(
    (await api(env, unodcFocal, 'PUT', `${url}/speakers/minutes`, { minutes: 3 })).json().statementMinutes,
    3,
  );
  assert.equal((await api(env, unodcFocal, 'PUT', `${url}/speakers/minutes`, { minutes: 90 })).status, 400);
  const next = await api(env, unodcFocal, 'POST', `${url}/speakers/next`);
  assert.equal(next.status, 200, next.body);
  assert.equal(next.json().speakers[0].status, 'speaking');
  assert.equal(next.json().speakers[0].allowedMinutes, 3);
  assert.equal((await api(env, observer, 'POST', `${url}/speakers/next`)).status, 403);
  const arcadiaRow = next.json().speakers.find((x: { organizationId: string }) => x.organizationId !== ids.unodc);
  assert.equal((await api(env, unodcFocal, 'POST', `${url}/speakers/${unodcRow.id}/spoken`)).status, 200);
  assert.equal((await api(env, unodcFocal, 'POST', `${url}/speakers/${unodcRow.id}/spoken`)).status, 409);
  assert.equal((await api(env, cso, 'POST', `${url}/speakers/${arcadiaRow.id}/withdraw`)).status, 403);
  const withdrawn = await api(env, arcadia, 'POST', `${url}/speakers/${arcadiaRow.id}/withdraw`);
  assert.equal(withdrawn.status, 200, withdrawn.body);
  assert.equal((await api(env, unodcFocal, 'POST', `${url}/speakers/${missing}/spoken`)).status, 404);
  // The announcements arrive on the change channel once each change commits (on PostgreSQL, a moment later).
  for (let i = 0; i < 50 && changes.length < 6; i++) await new Promise((r) => setTimeout(r, 20));
  assert.ok(changes.length >= 6, `changes announced: ${changes.length}`);
  assert.ok(changes.every((c) => c === s.json().id));

  // Statements: a delegation for itself, the organizers for anyone (with a file); nothing else.
  const st = `${url}/statements`;
  const own = await apiUpload(env, arcadia, st, {
    organizationId: ids['demo-state-arcadia'],
    speakerName: 'Ambassador A. (fictional)',
    language: 'en',
    body: 'Arcadia supports the draft conclusions.',
  });
  assert.equal(own.status, 201, own.body);
  assert.equal(own.json().event, 'api-floor');
  assert.deepEqual(await auditActions(env, own.json().id), ['event.statement.recorded']);
  const statements = () => count(env, 'select count(*)::int as n from event_statements');
  const n = await statements();
  const forOther = await apiUpload(env, arcadia, st, {
    organizationId: ids.unodc,
    speakerName: 'X',
    language: 'en',
    body: 'x',
  });
  assert.equal(forOther.status, 422);
  const empty = await apiUpload(env, unodcFocal, st, { organizationId: ids.unodc, speakerName: 'X', language: 'en' });
  assert.equal(empty.status, 422);
  assert.equal(await statements(), n);
  const withFile = await apiUpload(
    env,
    unodcFocal,
    st,
    { organizationId: ids.unodc, speakerName: 'UNODC representative', language: 'fr' },
    { name: 'statement.pdf', data: PDF },
  );
  assert.equal(withFile.status, 201, withFile.body);
  assert.match(withFile.json().file, /\/events\/statements\/[0-9a-f-]{36}\/file$/);
  assert.equal(
    (await apiUpload(env, cso, st, { organizationId: ids.unodc, speakerName: 'X', language: 'en', body: 'x' })).status,
    403,
  );
  const unknown = await apiUpload(env, unodcFocal, `/api/v1/events/api-floor/sessions/${missing}/statements`, {
    organizationId: ids.unodc,
    speakerName: 'X',
    language: 'en',
    body: 'x',
  });
  assert.equal(unknown.status, 404);
});
