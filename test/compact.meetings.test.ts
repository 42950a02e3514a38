// Meetings and minutes of the Compact's bodies: recurrence across a DST change, visibility (the body's one rule), the
// agenda's order and the automatic review of open actions, circulation (e-mails in each invitee's language with an
// .ics, once per version, also concurrently), the minutes' lifecycle, the lock on adopted minutes (service and
// database), corrigenda, bad input; editing a meeting or the following meetings of a series (wall-clock shift across
// DST), update and cancellation e-mails (METHOD:REQUEST / CANCEL, SEQUENCE, VTIMEZONE, CRLF) once per invitee and
// version under parallel requests, and named invitees through the people picker (directory visibility).
import { localTime } from '../src/platform/i18n/time.ts';
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { eq, sql } from 'drizzle-orm';
import { users } from '../src/platform/auth/auth.schema.ts';
import type { UserActor } from '../src/platform/auth/policy.ts';
import { createApiToken, loadActor } from '../src/modules/access/access.service.ts';
import { createAction, createDecision, getBody } from '../src/modules/compact/index.ts';
import {
  addAgendaItem,
  agendaOf,
  circulateAgenda,
  createMeeting,
  getMeeting,
  moveAgendaItem,
  occurrences,
  recordAttendance,
  ruleOf,
  type MeetingsContext,
} from '../src/modules/compact/meetings/meetings.service.ts';
import {
  adoptMinutes,
  circulateMinutes,
  commentOnMinutes,
  corrigendum,
  createMinutes,
  minutesSha256,
  saveMinutes,
} from '../src/modules/compact/minutes/minutes.service.ts';
import { original } from '../src/platform/i18n/text.ts';
import { icsLines, icsZones } from '../src/platform/calendar/ical.ts';
import { dbLabel, location, makeTestEnv, makeUser, orgId, type TestEnv, type TestUser, CONFIRMED } from './helper.ts';

let env: TestEnv;
let bodyId: string;
const u: Record<string, TestUser> = {};
const actors: Record<string, UserActor> = {};

/** The database's refusal (drizzle wraps the driver's error in `cause`). */
const lockedError = (e: unknown) => /adopted minutes are locked/.test(String((e as { cause?: unknown }).cause ?? e));
const rowsOf = <T>(r: unknown): T[] => ((r as { rows?: T[] }).rows ?? (r as T[])) as T[];
const ctx = (who: string): MeetingsContext => ({
  db: env.database.db,
  config: env.config,
  actor: actors[who],
  ip: '127.0.0.1',
});
const token = async (who: string) =>
  (
    await createApiToken(
      { db: env.database.db, config: env.config, actor: actors[who] },
      { name: 't', scopes: ['write'], expiresInDays: 1 },
    )
  ).token;
const api = async (who: string, method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, payload?: unknown) =>
  env.app.inject({
    method,
    url,
    headers: {
      authorization: `Bearer ${await token(who)}`,
      ...(payload !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    payload: payload === undefined ? undefined : JSON.stringify(payload),
  });

/** 'YYYY-MM-DDTHH:MM' some days from now (local wall clock, as the form sends it). */
const inDays = (days: number, hh = '10:00') =>
  `${new Date(Date.now() + days * 86400_000).toISOString().slice(0, 10)}T${hh}`;

before(async () => {
  env = await makeTestEnv();
  const db = env.database.db;
  const wg = rowsOf<{ id: string }>(
    await db.execute(sql`select id from compact_bodies where kind = 'working_group' order by sort_order limit 1`),
  )[0];
  bodyId = wg.id;
  const cc = (await getBody(db, 'coordination-committee'))!;
  const [member, observer, committee, outsider] = await Promise.all(
    ['unicef', 'unhcr', 'undp', 'imo'].map((s) => orgId(env, s)),
  );
  await env.database.exec(`delete from compact_body_members where body_id in ('${cc.id}', '${bodyId}')`);
  await env.database.exec(`insert into compact_body_members (body_id, organization_id, role) values
    ('${bodyId}', '${member}', 'chair'), ('${bodyId}', '${observer}', 'observer'),
    ('${cc.id}', '${committee}', 'member')`);
  u.coordinator = await makeUser(env, 'coordinator', { orgSlug: 'unoct' });
  u.chair = await makeUser(env, 'entity_focal_point', { orgId: member, focalPoint: true });
  u.member = await makeUser(env, 'entity_focal_point', { orgId: member });
  u.observer = await makeUser(env, 'observer', { orgId: observer });
  u.committee = await makeUser(env, 'entity_focal_point', { orgId: committee });
  u.outsider = await makeUser(env, 'entity_focal_point', { orgId: outsider, focalPoint: true });
  for (const [k, x] of Object.entries(u))
    actors[k] = (await loadActor(db, x.id, 'session', true, []))!.actor as UserActor;
  // Languages of the invitees' accounts: French, Arabic, Chinese.
  await db.update(users).set({ locale: 'fr' }).where(eq(users.id, u.chair.id));
  await db.update(users).set({ locale: 'ar' }).where(eq(users.id, u.member.id));
  await db.update(users).set({ locale: 'zh' }).where(eq(users.id, u.observer.id));
  // The three are their entities' representatives in the body (bodyPeople: the invitees).
  for (const [k, org] of [
    ['chair', member],
    ['member', member],
    ['observer', observer],
  ] as const) {
    const pid = actors[k].personId!;
    await env.database.exec(`insert into compact_body_representatives (member_id, person_id)
      select id, '${pid}' from compact_body_members where body_id = '${bodyId}' and organization_id = '${org}'`);
  }
});
after(async () => {
  await env?.close();
});

const meetingInput = (over: Record<string, unknown> = {}) => ({
  bodyId,
  kind: 'working_group',
  title: original('en', 'Working group meeting'),
  timeZone: 'America/New_York',
  start: inDays(10),
  end: inDays(10, '12:00'),
  format: 'hybrid',
  venue: 'UN Headquarters, Conference Room 7',
  meetingLink: 'https://meet.example.org/wg',
  ...over,
});

test(`recurrence: a monthly series gives 12 occurrences at 10:00 local across DST (${dbLabel()})`, async () => {
  const occ = occurrences('2027-01-12T10:00', 'America/New_York', ruleOf('monthly')!);
  assert.equal(occ.length, 12);
  assert.ok(occ.every((d) => localTime(d, 'America/New_York').endsWith('T10:00')));
  assert.equal(occ[0].toISOString(), '2027-01-12T15:00:00.000Z', 'EST: UTC−5');
  assert.equal(occ[3].toISOString(), '2027-04-12T14:00:00.000Z', 'EDT: UTC−4 after the change of 14 March');
  assert.equal(occureTwice().length, 12);
  function occureTwice() {
    return occurrences('2027-01-12T10:00', 'Europe/Zurich', ruleOf('twice_yearly')!);
  }
  assert.deepEqual(
    occureTwice()
      .slice(0, 3)
      .map((d) => localTime(d, 'Europe/Zurich')),
    ['2027-01-12T10:00', '2027-07-12T10:00', '2028-01-12T10:00'],
  );
  const r = await createMeeting(
    ctx('coordinator'),
    meetingInput({
      kind: 'heads_coordination',
      recurrence: 'monthly',
      start: '2027-01-12T10:00',
      end: '2027-01-12T11:30',
    }),
  );
  assert.equal(r.ids.length, 12);
  const rows = rowsOf<{ starts_at: Date | string; ends_at: Date | string; series_id: string }>(
    await env.database.db.execute(
      sql`select starts_at, ends_at, series_id from meetings
        where series_id = (select series_id from meetings where id = ${r.id}) order by starts_at`,
    ),
  );
  assert.equal(rows.length, 12);
  for (const row of rows) {
    assert.equal(localTime(new Date(row.starts_at), 'America/New_York').slice(11), '10:00');
    assert.equal(localTime(new Date(row.ends_at), 'America/New_York').slice(11), '11:30');
  }
});

test(`visibility: outsider 404 (pages, API); member, observer, committee, secretariat see (${dbLabel()})`, async () => {
  const { id } = await createMeeting(ctx('chair'), meetingInput());
  for (const who of ['member', 'observer', 'committee', 'coordinator', 'chair']) {
    const page = await u[who].agent.get(`/compact/meetings/${id}`);
    assert.equal(page.statusCode, 200, `${who} sees the page`);
    const j = await api(who, 'GET', `/api/v1/compact/meetings/${id}`);
    assert.equal(j.statusCode, 200, `${who} reads the API`);
  }
  assert.equal((await u.outsider.agent.get(`/compact/meetings/${id}`)).statusCode, 404);
  assert.equal((await u.outsider.agent.get(`/compact/meetings/${id}.ics`)).statusCode, 404);
  assert.equal((await api('outsider', 'GET', `/api/v1/compact/meetings/${id}`)).statusCode, 404);
  const list = await api('outsider', 'GET', `/api/v1/compact/meetings?body=${bodyId}`);
  assert.equal(list.json().total, 0, 'the outsider lists none');
  assert.ok((await api('observer', 'GET', `/api/v1/compact/meetings?body=${bodyId}`)).json().total >= 1);
  // The link: invitees and managers only.
  assert.equal(
    (await api('observer', 'GET', `/api/v1/compact/meetings/${id}`)).json().meetingLink,
    'https://meet.example.org/wg',
  );
  assert.equal((await api('committee', 'GET', `/api/v1/compact/meetings/${id}`)).json().meetingLink, null);
  // Managing: the secretariat and the chair's focal point; not the observer, not the committee, not the outsider.
  assert.equal((await api('observer', 'POST', `/api/v1/compact/meetings/${id}/circulate`)).statusCode, 403);
  assert.equal((await api('committee', 'POST', `/api/v1/compact/meetings/${id}/circulate`)).statusCode, 403);
  assert.equal((await api('outsider', 'POST', `/api/v1/compact/meetings/${id}/circulate`)).statusCode, 404);
  const anon = await env.app.inject({ method: 'GET', url: `/compact/meetings/${id}` });
  assert.equal(anon.statusCode, 303);
  // The list page with its empty state for the outsider.
  const empty = await u.outsider.agent.get('/compact/meetings');
  assert.equal(empty.statusCode, 200);
  assert.match(empty.body, /No upcoming meetings/);
});

test(`agenda: order, up/down, delete closes the gap; the automatic review of open actions (${dbLabel()})`, async () => {
  const c = ctx('coordinator');
  const { id } = await createMeeting(c, meetingInput());
  const a = await addAgendaItem(c, id, { type: 'information', title: original('en', 'A') });
  const b = await addAgendaItem(c, id, { type: 'discussion', title: original('en', 'B'), durationMinutes: 30 });
  const d = await addAgendaItem(c, id, {
    type: 'decision',
    title: original('en', 'C'),
    startTime: '11:00',
    documents: [{ label: 'Paper', url: 'https://example.org/p.pdf' }],
  });
  const order = async () => (await agendaOf(env.database.db, id)).map((i) => i.title.en!.text).join('');
  assert.equal(await order(), 'ABC');
  await moveAgendaItem(c, id, d.id, 'up');
  assert.equal(await order(), 'ACB');
  await moveAgendaItem(c, id, a.id, 'up');
  assert.equal(await order(), 'ACB', 'the first item does not move up');
  // Through the page form (POST up/down) and the confirmation of a delete.
  const moved = await u.coordinator.agent.post(`/compact/meetings/${id}/agenda/${b.id}/move`, { direction: 'up' });
  assert.equal(moved.statusCode, 303);
  assert.equal(await order(), 'ABC');
  const confirm = await u.coordinator.agent.get(`/compact/meetings/${id}/agenda/${a.id}/delete`);
  assert.equal(confirm.statusCode, 200);
  assert.match(confirm.body, /cannot be undone/);
  assert.equal(
    (await u.coordinator.agent.post(`/compact/meetings/${id}/agenda/${a.id}/delete`, CONFIRMED)).statusCode,
    303,
  );
  assert.equal(await order(), 'BC');
  assert.deepEqual(
    (await agendaOf(env.database.db, id)).map((i) => i.position),
    [1, 2],
  );
  // The register's open actions of the body due on or before the meeting's date (not later ones).
  const dec = await createDecision(
    { db: env.database.db, actor: actors.coordinator, ip: '127.0.0.1' },
    {
      bodyId,
      text: original('en', 'Decision for the test'),
      decidedOn: new Date().toISOString().slice(0, 10),
      meetingId: id,
    },
  );
  const due = new Date(Date.now() - 86400_000).toISOString().slice(0, 10);
  const late = new Date(Date.now() + 60 * 86400_000).toISOString().slice(0, 10);
  const rctx = { db: env.database.db, config: env.config, actor: actors.coordinator, ip: '127.0.0.1' };
  await createAction(rctx, {
    bodyId,
    decisionId: dec.id,
    title: original('en', 'Overdue action'),
    dueOn: due,
    ownerOrgId: await orgId(env, 'unicef'),
  });
  await createAction(rctx, {
    bodyId,
    decisionId: dec.id,
    title: original('en', 'Later action'),
    dueOn: late,
    ownerOrgId: await orgId(env, 'unicef'),
  });
  const m = await getMeeting(ctx('member'), id);
  assert.deepEqual(
    m.openActions.map((x) => [typeof x.title === 'string' ? x.title : x.title.en?.text, x.overdue]),
    [['Overdue action', true]],
  );
  const page = await u.committee.agent.get(`/compact/meetings/${id}`);
  assert.match(page.body, /Review of open actions/);
  assert.match(page.body, /Overdue action/);
  assert.doesNotMatch(page.body, /Later action/);
});

test(`circulation: each invitee's language, an .ics, once per version, also concurrently (${dbLabel()})`, async () => {
  const c = ctx('coordinator');
  const { id } = await createMeeting(
    c,
    meetingInput({
      title: { en: { text: 'Agenda test', status: 'original' }, fr: { text: 'Essai', status: 'reviewed' } },
    }),
  );
  await addAgendaItem(c, id, { type: 'discussion', title: original('en', 'Item one') });
  const outbox = async () =>
    rowsOf<{ to: string; locale: string; subject: string; attachments: { filename: string; content: string }[] }>(
      await env.database.db.execute(
        sql`select "to", locale, subject, attachments from mail_outbox
          where kind = 'meeting_agenda' and text like ${`%${id}%`} order by locale`,
      ),
    );
  // Twice at the same time: the conditional inserts let one of them send each e-mail.
  const results = await Promise.allSettled([circulateAgenda(c, id), circulateAgenda(c, id)]);
  assert.ok(
    results.every((r) => r.status === 'fulfilled'),
    'both calls succeed; the second sends nothing',
  );
  const first = await outbox();
  assert.deepEqual(
    first.map((m) => m.locale),
    ['ar', 'fr', 'zh'],
    'one e-mail per invitee, each in the account language',
  );
  assert.match(first.find((m) => m.locale === 'fr')!.subject, /Invitation : Essai/);
  assert.match(first.find((m) => m.locale === 'ar')!.subject, /دعوة/);
  for (const m of first) {
    const ics = m.attachments[0].content;
    assert.equal(m.attachments[0].filename, 'meeting.ics');
    assert.match(ics, /^METHOD:REQUEST\r?$/m);
    assert.match(ics, new RegExp(`^UID:meeting-${id}@ctcp\\r?$`, 'm'));
    assert.match(ics, /^DTSTART;TZID=America\/New_York:\d{8}T100000\r?$/m);
    assert.match(ics, /^SEQUENCE:1\r?$/m, 'version 1: the agenda item raised it once');
  }
  // The same version again: nothing new.
  const again = await circulateAgenda(c, id);
  assert.equal(again.sent, 0);
  assert.equal((await outbox()).length, 3);
  // In-app notifications, once per person and version.
  const notes = rowsOf<{ n: number }>(
    await env.database.db.execute(
      sql`select count(*)::int as n from notifications where dedupe_key like ${`meeting:${id}:agenda:%`}`,
    ),
  );
  assert.equal(Number(notes[0].n), 3);
  // A change makes a new version, which goes out again with SEQUENCE 2.
  await addAgendaItem(c, id, { type: 'information', title: original('en', 'Item two') });
  const v2 = await circulateAgenda(c, id);
  assert.equal(v2.version, 2);
  assert.equal(v2.sent, 3);
  assert.equal((await outbox()).filter((m) => /SEQUENCE:2/.test(m.attachments[0].content)).length, 3);
  // The page button through the form.
  const res = await u.coordinator.agent.post(`/compact/meetings/${id}/circulate`, {});
  assert.equal(res.statusCode, 303);
  assert.equal(location(res), `/compact/meetings/${id}`);
  // The .ics download.
  const ics = await u.observer.agent.get(`/compact/meetings/${id}.ics`);
  assert.equal(ics.statusCode, 200);
  assert.match(ics.body, /METHOD:PUBLISH/);
  assert.match(ics.body, /DTSTART;TZID=America\/New_York/);
});

test(`a meeting in the past cannot be circulated (422) (${dbLabel()})`, async () => {
  const { id } = await createMeeting(ctx('coordinator'), meetingInput({ start: inDays(-3), end: inDays(-3, '11:00') }));
  const r = await api('coordinator', 'POST', `/api/v1/compact/meetings/${id}/circulate`);
  assert.equal(r.statusCode, 422);
  assert.match(r.json().error.message, /already started/);
});

test(`minutes: draft → circulated → comment → adopted; locked (service, DB); corrigendum (${dbLabel()})`, async () => {
  const c = ctx('coordinator');
  const { id } = await createMeeting(c, meetingInput({ start: inDays(-2), end: inDays(-2, '11:00') }));
  const item = await addAgendaItem(c, id, { type: 'decision', title: original('en', 'Budget') });
  const invitees = (await getMeeting(c, id)).invitees;
  await recordAttendance(c, id, Object.fromEntries(invitees.map((i, n) => [i.id, n === 0 ? 'excused' : 'present'])));
  const m = await createMinutes(c, id);
  assert.equal(m.status, 'draft');
  await saveMinutes(c, m.id, {
    summary: {
      en: { text: 'We met.', status: 'original' },
      fr: { text: 'Nous nous sommes réunis.', status: 'reviewed' },
    },
    items: { [item.id]: { discussion: original('en', 'Long talk'), outcome: original('en', 'Agreed') } },
  });
  // An invitee cannot comment on a draft.
  await assert.rejects(commentOnMinutes(ctx('observer'), m.id, 'Too early'), /forbidden/);
  await circulateMinutes(c, m.id, new Date(Date.now() + 7 * 86400_000));
  await commentOnMinutes(ctx('observer'), m.id, 'Please add our statement.');
  await assert.rejects(commentOnMinutes(ctx('committee'), m.id, 'Not invited'), /forbidden/);
  // Comments: the secretariat and the author see it; another invitee does not.
  const forCoord = (await api('coordinator', 'GET', `/api/v1/compact/meetings/${id}`)).json();
  assert.equal(forCoord.comments.length, 1);
  assert.equal((await api('observer', 'GET', `/api/v1/compact/meetings/${id}`)).json().comments.length, 1);
  assert.equal((await api('member', 'GET', `/api/v1/compact/meetings/${id}`)).json().comments.length, 0);
  const adopted = await adoptMinutes(c, m.id);
  assert.match(adopted.sha256, /^[0-9a-f]{64}$/);
  const row = rowsOf<{ summary: unknown; items: unknown; version: number; meeting_id: string; sha256: string }>(
    await env.database.db.execute(sql`select * from meeting_minutes where id = ${m.id}`),
  )[0];
  assert.equal(
    minutesSha256({
      meetingId: row.meeting_id,
      version: row.version,
      summary: row.summary as never,
      items: row.items as never,
    }),
    adopted.sha256,
    'the hash is of the stored text',
  );
  // Locked: the service refuses…
  await assert.rejects(
    saveMinutes(c, m.id, { summary: original('en', 'Changed'), items: {} }),
    (e: Error & { status?: number }) => e.status === 409,
  );
  const put = await api('coordinator', 'PUT', `/api/v1/compact/meetings/${id}/minutes/${m.id}`, {
    summary: { en: { text: 'Changed', status: 'original' } },
  });
  assert.equal(put.statusCode, 409);
  // …and so does the database, for a raw UPDATE of the text.
  await assert.rejects(
    env.database.db.execute(
      sql`update meeting_minutes set summary = '{"en":{"text":"forged","status":"original"}}'::jsonb
        where id = ${m.id}`,
    ),
    lockedError,
  );
  await assert.rejects(
    env.database.db.execute(sql`update meeting_minutes set status = 'draft' where id = ${m.id}`),
    lockedError,
  );
  await assert.rejects(env.database.db.execute(sql`delete from meeting_minutes where id = ${m.id}`), lockedError);
  // The page shows the SHA-256.
  const page = await u.member.agent.get(`/compact/meetings/${id}`);
  assert.ok(page.body.includes(adopted.sha256));
  // Corrigendum: version 2 references version 1; both kept; its own hash and audit entry.
  const v2 = await corrigendum(c, m.id);
  assert.equal(v2.version, 2);
  assert.equal(v2.previousId, m.id);
  await saveMinutes(c, v2.id, {
    summary: { en: { text: 'We met on Tuesday.', status: 'original' } },
    items: {},
  });
  const adopted2 = await adoptMinutes(c, v2.id);
  assert.notEqual(adopted2.sha256, adopted.sha256);
  const audits = rowsOf<{ details: { sha256?: string } }>(
    await env.database.db.execute(
      sql`select details from audit_log where action = 'minutes.adopt' and target_id in (${m.id}, ${v2.id})`,
    ),
  ).map((r) => (typeof r.details === 'string' ? JSON.parse(r.details) : r.details).sha256);
  assert.deepEqual(new Set(audits), new Set([adopted.sha256, adopted2.sha256]));
  const both = (await api('member', 'GET', `/api/v1/compact/meetings/${id}`)).json().minutes;
  assert.deepEqual(
    both.map((x: { version: number; status: string }) => [x.version, x.status]),
    [
      [2, 'adopted'],
      [1, 'adopted'],
    ],
  );
  // A corrigendum of the older version is refused.
  await assert.rejects(corrigendum(c, m.id), (e: Error & { status?: number }) => e.status === 409);
});

test(`bad input answers 4xx with every field's error (${dbLabel()})`, async () => {
  const bad = await api('coordinator', 'POST', '/api/v1/compact/meetings', {
    ...meetingInput(),
    timeZone: 'Mars/Olympus',
    start: '2027-13-40T10:00',
    meetingLink: 'javascript:alert(1)',
    venue: '',
  });
  assert.equal(bad.statusCode, 422);
  const fields = bad.json().error.fields.map((f: { field: string }) => f.field);
  for (const f of ['timeZone', 'meetingLink', 'venue']) assert.ok(fields.includes(f), `${f} reported`);
  const end = await api('coordinator', 'POST', '/api/v1/compact/meetings', meetingInput({ end: inDays(9) }));
  assert.equal(end.statusCode, 422);
  assert.equal((await api('coordinator', 'POST', '/api/v1/compact/meetings', { bodyId })).statusCode, 400);
  const notUuid = await api('coordinator', 'GET', '/api/v1/compact/meetings/not-a-uuid');
  assert.equal(notUuid.statusCode, 404);
  // The page form: one 422 with all errors at once.
  const form = await u.coordinator.agent.post('/compact/meetings', {
    bodyId,
    kind: 'working_group',
    title_en: '',
    timeZone: 'Nowhere/City',
    start: 'x',
    end: 'y',
    format: 'virtual',
    recurrence: 'none',
  });
  assert.equal(form.statusCode, 422);
  assert.match(form.body, /Choose a time zone from the list/);
  assert.match(form.body, /meeting link/i);
  const item = await createMeeting(ctx('coordinator'), meetingInput());
  const badItem = await api('coordinator', 'POST', `/api/v1/compact/meetings/${item.id}/agenda`, {
    type: 'decision',
    title: { en: { text: 'X', status: 'original' } },
    startTime: '25:99',
    durationMinutes: -4,
    documents: [{ label: 'x', url: 'ftp://nope' }],
  });
  assert.equal(badItem.statusCode, 422);
  assert.equal(badItem.json().error.fields.length, 3);
});

// ---------------------------------------------------------------- editing, cancelling, named invitees

interface OutMail {
  to: string;
  locale: string;
  kind: string;
  subject: string;
  text: string;
  attachments: { filename: string; contentType: string; content: string }[];
}
/** The outbox's e-mails about one meeting (its id is in the link of each), oldest first. */
const mailsOf = async (id: string, kind?: string) =>
  rowsOf<OutMail>(
    await env.database.db.execute(
      sql`select "to", locale, kind, subject, text, attachments from mail_outbox
        where text like ${`%${id}%`} ${kind ? sql`and kind = ${kind}` : sql``} order by id`,
    ),
  );
/** One property of the .ics's calendar (METHOD) or VEVENT (unfolded lines), without its parameters. */
const prop = (ics: string, name: string) => {
  const l = icsLines(ics);
  const from = name === 'METHOD' ? 0 : Math.max(0, l.indexOf('BEGIN:VEVENT'));
  return (
    l
      .slice(from)
      .find((x) => x.startsWith(`${name}:`) || x.startsWith(`${name};`))
      ?.replace(/^[^:]*:/, '') ?? null
  );
};
/** The VEVENT's DTSTART line (with its TZID). */
const dtstart = (ics: string) => {
  const l = icsLines(ics);
  return l.slice(l.indexOf('BEGIN:VEVENT')).find((x) => x.startsWith('DTSTART'));
};
/** An .ics as calendar clients need it: CRLF only, a final CRLF, a VTIMEZONE for every TZID used. */
function wellFormed(ics: string, zone: string) {
  assert.ok(ics.endsWith('END:VCALENDAR\r\n'), 'a final CRLF');
  assert.doesNotMatch(ics.replace(/\r\n/g, ''), /[\r\n]/, 'no bare CR or LF');
  assert.deepEqual(icsZones(ics), { used: [zone], defined: [zone] }, 'a VTIMEZONE for the TZID used');
}
const seqOf = async (id: string) =>
  Number(
    rowsOf<{ s: number }>(await env.database.db.execute(sql`select sequence as s from meetings where id = ${id}`))[0].s,
  );
const auditCount = async (action: string, targetId: string) =>
  Number(
    rowsOf<{ n: number }>(
      await env.database.db.execute(
        sql`select count(*)::int as n from audit_log where action = ${action} and target_id = ${targetId}`,
      ),
    )[0].n,
  );
/** The API's PUT body for a meeting (the creation's fields without the body). */
const putBody = (over: Record<string, unknown> = {}) => {
  const { bodyId: _b, ...rest } = meetingInput();
  return { ...rest, title: { en: { text: 'Working group meeting', status: 'original' } }, ...over };
};

test(`edit page: prefilled without JS; every error at once (form and API); 403/404 (${dbLabel()})`, async () => {
  const { id } = await createMeeting(ctx('chair'), meetingInput({ start: inDays(12), end: inDays(12, '12:00') }));
  const page = await u.coordinator.agent.get(`/compact/meetings/${id}/edit`);
  assert.equal(page.statusCode, 200);
  assert.ok(page.body.includes(`value="${inDays(12)}"`), 'the local start');
  assert.ok(page.body.includes(`value="${inDays(12, '12:00')}"`), 'the local end');
  assert.match(page.body, /<option value="America\/New_York" selected/);
  assert.match(page.body, /value="UN Headquarters, Conference Room 7"/);
  assert.match(page.body, /value="Working group meeting"/);
  assert.doesNotMatch(page.body, /name="bodyId"|name="recurrence"/, 'neither the body nor the recurrence');
  assert.doesNotMatch(page.body, /name="scope"/, 'no scope outside a series');
  assert.equal((await u.observer.agent.get(`/compact/meetings/${id}/edit`)).statusCode, 403);
  assert.equal((await u.outsider.agent.get(`/compact/meetings/${id}/edit`)).statusCode, 404);
  // The form: every error in one answer, translated; nothing stored.
  const badForm = {
    kind: 'working_group',
    title_en: '',
    timeZone: 'Mars/Olympus',
    start: inDays(12),
    end: inDays(11),
    format: 'hybrid',
    venue: '',
    meetingLink: 'javascript:alert(1)',
  };
  const bad = await u.coordinator.agent.post(`/compact/meetings/${id}/edit`, badForm);
  assert.equal(bad.statusCode, 422);
  for (const msg of [
    /Choose a time zone from the list/,
    /web address starting with https/,
    /needs a venue/,
    /in at least one language/,
  ])
    assert.match(bad.body, msg);
  // In the manager's language (the chair's account is in French): the end before the start.
  const fr = await u.chair.agent.post(`/compact/meetings/${id}/edit`, {
    ...badForm,
    title_en: 'X',
    timeZone: 'America/New_York',
    venue: 'Room',
    meetingLink: '',
    format: 'in_person',
  });
  assert.equal(fr.statusCode, 422);
  assert.match(fr.body, /La fin doit suivre le début/);
  assert.equal(await seqOf(id), 0, 'nothing stored');
  const apiBad = await api('coordinator', 'PUT', `/api/v1/compact/meetings/${id}`, {
    ...putBody(),
    timeZone: 'Mars/Olympus',
    venue: '',
    meetingLink: 'ftp://example.org',
    scope: 'following',
  });
  assert.equal(apiBad.statusCode, 422);
  assert.deepEqual(
    apiBad
      .json()
      .error.fields.map((f: { field: string }) => f.field)
      .sort(),
    ['meetingLink', 'scope', 'timeZone', 'venue'],
  );
  const order = await api(
    'coordinator',
    'PUT',
    `/api/v1/compact/meetings/${id}`,
    putBody({ start: inDays(12), end: inDays(11) }),
  );
  assert.equal(order.statusCode, 422);
  assert.match(order.json().error.fields[0].message, /end must come after the start/);
  assert.equal((await api('coordinator', 'PUT', `/api/v1/compact/meetings/${id}`, { kind: 'x' })).statusCode, 400);
  assert.equal((await api('observer', 'PUT', `/api/v1/compact/meetings/${id}`, putBody())).statusCode, 403);
  assert.equal((await api('outsider', 'PUT', `/api/v1/compact/meetings/${id}`, putBody())).statusCode, 404);
  assert.equal(await seqOf(id), 0);
  // A valid edit through the page: saved, SEQUENCE up, audited; a second identical save changes nothing.
  const ok = await u.chair.agent.post(`/compact/meetings/${id}/edit`, {
    kind: 'working_group',
    title_en: 'Working group meeting (revised)',
    title_en_status: 'original',
    timeZone: 'America/New_York',
    start: inDays(12, '09:00'),
    end: inDays(12, '12:00'),
    format: 'hybrid',
    venue: 'UN Headquarters, Conference Room 7',
    meetingLink: 'https://meet.example.org/wg',
  });
  assert.equal(ok.statusCode, 303);
  assert.equal(location(ok), `/compact/meetings/${id}`);
  assert.equal(await seqOf(id), 1);
  const same = await api(
    'chair',
    'PUT',
    `/api/v1/compact/meetings/${id}`,
    putBody({
      title: original('en', 'Working group meeting (revised)'),
      start: inDays(12, '09:00'),
      end: inDays(12, '12:00'),
    }),
  );
  assert.equal(same.statusCode, 200);
  assert.deepEqual(same.json().changed, []);
  assert.equal(await seqOf(id), 1, 'no change, no new version');
  assert.equal(await auditCount('meeting.update', id), 1);
  assert.equal((await mailsOf(id)).length, 0, 'never circulated: nobody is written to');
});

test(`series: "this and following" shifts each later meeting's wall-clock time across DST (${dbLabel()})`, async () => {
  const c = ctx('coordinator');
  const r = await createMeeting(
    c,
    meetingInput({ recurrence: 'monthly', start: '2027-01-12T10:00', end: '2027-01-12T11:30' }),
  );
  const rows = async () =>
    rowsOf<{ id: string; starts_at: string; ends_at: string; venue: string; time_zone: string; sequence: number }>(
      await env.database.db.execute(
        sql`select id, starts_at, ends_at, venue, time_zone, sequence from meetings
          where series_id = (select series_id from meetings where id = ${r.id}) order by starts_at`,
      ),
    );
  const local = (x: { starts_at: string; ends_at: string; time_zone: string }) =>
    `${localTime(new Date(x.starts_at), x.time_zone).slice(5)}–` +
    localTime(new Date(x.ends_at), x.time_zone).slice(11);
  const third = r.ids[2]; // 12 March 2027, before the change to daylight-saving time on 14 March
  const form = await u.coordinator.agent.get(`/compact/meetings/${third}/edit`);
  assert.match(form.body, /name="scope" value="following"/);
  assert.match(form.body, /This and all following meetings of the series \(10 meetings\)/);
  // From the third meeting on: 14:00–16:00 instead of 10:00–11:30 (the page form, without JavaScript).
  const res = await u.coordinator.agent.post(`/compact/meetings/${third}/edit`, {
    kind: 'working_group',
    title_en: 'Working group meeting',
    title_en_status: 'original',
    timeZone: 'America/New_York',
    start: '2027-03-12T14:00',
    end: '2027-03-12T16:00',
    format: 'hybrid',
    venue: 'UN Headquarters, Conference Room 7',
    meetingLink: 'https://meet.example.org/wg',
    scope: 'following',
  });
  assert.equal(res.statusCode, 303);
  let all = await rows();
  assert.deepEqual(all.slice(0, 4).map(local), [
    '01-12T10:00–11:30',
    '02-12T10:00–11:30',
    '03-12T14:00–16:00',
    '04-12T14:00–16:00',
  ]);
  assert.ok(
    all.slice(2).every((x) => local(x).endsWith('T14:00–16:00')),
    'every later one at 14:00 local',
  );
  assert.equal(new Date(all[2].starts_at).toISOString(), '2027-03-12T19:00:00.000Z', 'EST');
  assert.equal(new Date(all[3].starts_at).toISOString(), '2027-04-12T18:00:00.000Z', 'EDT');
  assert.deepEqual(
    all.map((x) => Number(x.sequence)),
    [0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1],
  );
  // This meeting only (the API): the fifth meeting's venue; the others keep theirs.
  const fifth = all[4].id;
  const only = await api(
    'coordinator',
    'PUT',
    `/api/v1/compact/meetings/${fifth}`,
    putBody({
      start: localTime(new Date(all[4].starts_at), 'America/New_York'),
      end: localTime(new Date(all[4].ends_at), 'America/New_York'),
      venue: 'Palais des Nations',
      scope: 'this',
    }),
  );
  assert.equal(only.statusCode, 200);
  assert.deepEqual(only.json().changed, ['venue']);
  all = await rows();
  assert.deepEqual(
    all.map((x) => x.venue === 'Palais des Nations'),
    [false, false, false, false, true, false, false, false, false, false, false, false],
  );
  // From the tenth on, a new zone: the wall-clock time stays 14:00, now in Geneva; the series' zone follows.
  const tenth = all[9];
  const zone = await api(
    'coordinator',
    'PUT',
    `/api/v1/compact/meetings/${tenth.id}`,
    putBody({
      timeZone: 'Europe/Zurich',
      start: localTime(new Date(tenth.starts_at), 'America/New_York'),
      end: localTime(new Date(tenth.ends_at), 'America/New_York'),
      scope: 'following',
    }),
  );
  assert.equal(zone.statusCode, 200);
  assert.deepEqual(zone.json().changed, ['timeZone']);
  all = await rows();
  assert.deepEqual(
    all.slice(9).map((x) => [x.time_zone, local(x)]),
    [
      ['Europe/Zurich', '10-12T14:00–16:00'],
      ['Europe/Zurich', '11-12T14:00–16:00'],
      ['Europe/Zurich', '12-12T14:00–16:00'],
    ],
  );
  const series = rowsOf<{ time_zone: string }>(
    await env.database.db.execute(sql`select s.time_zone from meeting_series s join meetings m on m.series_id = s.id
      where m.id = ${r.id}`),
  );
  assert.equal(series[0].time_zone, 'Europe/Zurich');
  assert.equal(await auditCount('meeting.series.update', third), 1);
});

test(`after circulation: an update e-mail per invitee in their language with the new .ics (${dbLabel()})`, async () => {
  const c = ctx('coordinator');
  const { id } = await createMeeting(
    c,
    meetingInput({
      title: {
        en: { text: 'Update test', status: 'original' },
        fr: { text: 'Essai de mise à jour', status: 'reviewed' },
      },
    }),
  );
  await circulateAgenda(c, id);
  const agenda = await mailsOf(id, 'meeting_agenda');
  assert.equal(agenda.length, 3);
  for (const m of agenda) {
    const ics = m.attachments[0].content;
    wellFormed(ics, 'America/New_York');
    assert.equal(prop(ics, 'METHOD'), 'REQUEST');
    assert.equal(prop(ics, 'SEQUENCE'), '0');
  }
  // A title change alone: a new version, but nobody is written to.
  const t = await api(
    'coordinator',
    'PUT',
    `/api/v1/compact/meetings/${id}`,
    putBody({ title: original('en', 'Update test, renamed') }),
  );
  assert.equal(t.statusCode, 200);
  assert.equal(t.json().sent, 0);
  assert.equal((await mailsOf(id, 'meeting_update')).length, 0);
  // The time changes: each invitee gets the update once, in their language, with SEQUENCE 2 and the same UID.
  const moved = await api(
    'coordinator',
    'PUT',
    `/api/v1/compact/meetings/${id}`,
    putBody({ title: original('en', 'Update test, renamed'), start: inDays(10, '11:00'), end: inDays(10, '12:30') }),
  );
  assert.equal(moved.statusCode, 200);
  assert.equal(moved.json().sent, 3);
  const updates = await mailsOf(id, 'meeting_update');
  assert.deepEqual(updates.map((m) => m.locale).sort(), ['ar', 'fr', 'zh']);
  assert.match(updates.find((m) => m.locale === 'fr')!.subject, /^Mise à jour : /);
  assert.match(updates.find((m) => m.locale === 'ar')!.subject, /^تحديث: /);
  for (const m of updates) {
    const ics = m.attachments[0].content;
    assert.match(m.attachments[0].contentType, /method=REQUEST/);
    wellFormed(ics, 'America/New_York');
    assert.equal(prop(ics, 'METHOD'), 'REQUEST');
    assert.equal(prop(ics, 'UID'), `meeting-${id}@ctcp`);
    assert.equal(prop(ics, 'SEQUENCE'), '2');
    assert.equal(dtstart(ics), `DTSTART;TZID=America/New_York:${inDays(10).slice(0, 10).replace(/-/g, '')}T110000`);
    assert.ok(icsLines(ics).some((l) => l.startsWith('ATTENDEE;') && l.endsWith(`:MAILTO:${m.to}`)));
    assert.match(m.text, /meet\.example\.org\/wg/, 'the link, for invitees');
  }
  assert.equal(await auditCount('meeting.update', id), 2);
  // The page says which version went out; the .ics download carries SEQUENCE 2 with its VTIMEZONE.
  const dl = await u.observer.agent.get(`/compact/meetings/${id}.ics`);
  wellFormed(dl.body, 'America/New_York');
  assert.equal(prop(dl.body, 'SEQUENCE'), '2');
  assert.equal(prop(dl.body, 'METHOD'), 'PUBLISH');
  // The invitee's personal calendar feed carries the same SEQUENCE and the VTIMEZONE.
  const tok = await u.observer.agent.post('/account/calendar', {});
  const feedUrl = /\/calendar\/ctcpcal_[A-Za-z0-9_-]{43}\.ics/.exec(tok.body)?.[0];
  assert.ok(feedUrl, 'the feed address is shown once');
  const feed = await env.app.inject({ method: 'GET', url: feedUrl! });
  assert.equal(feed.statusCode, 200);
  assert.ok(feed.body.endsWith('END:VCALENDAR\r\n'));
  const { used, defined } = icsZones(feed.body);
  assert.ok(used.includes('America/New_York'));
  assert.deepEqual(defined, used, 'a VTIMEZONE for each TZID of the feed');
  const ev = feed.body.split('BEGIN:VEVENT').find((b) => b.includes(`meeting-${id}@ctcp`))!;
  assert.equal(prop(ev, 'SEQUENCE'), '2');
});

test(`cancel: a confirmation page without JS, METHOD:CANCEL to each invitee; then 409 (${dbLabel()})`, async () => {
  const c = ctx('coordinator');
  const { id } = await createMeeting(c, meetingInput({ title: original('en', 'To be cancelled') }));
  await circulateAgenda(c, id);
  const confirm = await u.coordinator.agent.get(`/compact/meetings/${id}/cancel`);
  assert.equal(confirm.statusCode, 200);
  assert.match(confirm.body, /Every invitee who received the agenda gets a cancellation/);
  assert.match(confirm.body, /<form method="post" action="\/compact\/meetings\/[0-9a-f-]+\/cancel"/);
  assert.equal((await u.observer.agent.get(`/compact/meetings/${id}/cancel`)).statusCode, 403);
  assert.equal((await u.observer.agent.post(`/compact/meetings/${id}/cancel`, CONFIRMED)).statusCode, 403);
  const done = await u.chair.agent.post(`/compact/meetings/${id}/cancel`, CONFIRMED);
  assert.equal(done.statusCode, 303);
  const cancels = await mailsOf(id, 'meeting_cancel');
  assert.deepEqual(cancels.map((m) => m.locale).sort(), ['ar', 'fr', 'zh']);
  for (const m of cancels) {
    const ics = m.attachments[0].content;
    assert.match(m.attachments[0].contentType, /method=CANCEL/);
    wellFormed(ics, 'America/New_York');
    assert.equal(prop(ics, 'METHOD'), 'CANCEL');
    assert.equal(prop(ics, 'STATUS'), 'CANCELLED');
    assert.equal(prop(ics, 'UID'), `meeting-${id}@ctcp`);
    assert.equal(prop(ics, 'SEQUENCE'), '1');
  }
  assert.match(cancels.find((m) => m.locale === 'fr')!.subject, /^Annulée : /);
  const page = await u.committee.agent.get(`/compact/meetings/${id}`);
  assert.match(page.body, /This meeting was cancelled/);
  assert.doesNotMatch(page.body, /\/circulate"/);
  // Cancelled: no edit, no second cancellation, no circulation (409, translated), nothing sent again.
  const again = await api('coordinator', 'POST', `/api/v1/compact/meetings/${id}/cancel`);
  assert.equal(again.statusCode, 409);
  assert.match(again.json().error.message, /was cancelled/);
  assert.equal((await api('chair', 'PUT', `/api/v1/compact/meetings/${id}`, putBody())).statusCode, 409);
  assert.equal((await api('chair', 'POST', `/api/v1/compact/meetings/${id}/circulate`)).statusCode, 409);
  assert.equal((await u.chair.agent.get(`/compact/meetings/${id}/edit`)).statusCode, 409);
  assert.equal((await mailsOf(id, 'meeting_cancel')).length, 3);
  const dl = await u.observer.agent.get(`/compact/meetings/${id}.ics`);
  assert.equal(prop(dl.body, 'STATUS'), 'CANCELLED');
  assert.equal((await api('observer', 'GET', `/api/v1/compact/meetings/${id}`)).json().status, 'cancelled');
  assert.equal(await auditCount('meeting.cancel', id), 1);
  // A series from its fourth meeting on (the API); never circulated, so nobody is written to.
  const s = await createMeeting(
    c,
    meetingInput({ recurrence: 'twice_yearly', start: inDays(20), end: inDays(20, '11:00') }),
  );
  const r = await api('coordinator', 'POST', `/api/v1/compact/meetings/${s.ids[3]}/cancel?scope=following`);
  assert.equal(r.statusCode, 200);
  assert.equal(r.json().ids.length, 9);
  assert.equal(r.json().sent, 0);
  const statuses = rowsOf<{ status: string }>(
    await env.database.db.execute(
      sql`select status from meetings where series_id = (select series_id from meetings where id = ${s.id})
        order by starts_at`,
    ),
  ).map((x) => x.status);
  assert.deepEqual(statuses, [...Array(3).fill('scheduled'), ...Array(9).fill('cancelled')]);
  const bad = await api('coordinator', 'POST', `/api/v1/compact/meetings/${id}/cancel?scope=sometimes`);
  assert.equal(bad.statusCode, 400);
  const past = await createMeeting(c, meetingInput({ start: inDays(-3), end: inDays(-3, '11:00') }));
  assert.equal((await api('coordinator', 'POST', `/api/v1/compact/meetings/${past.id}/cancel`)).statusCode, 409);
});

test(`concurrency: parallel edits, cancellations, invitations: once per invitee, version (${dbLabel()})`, async () => {
  const c = ctx('coordinator');
  const { id } = await createMeeting(c, meetingInput({ title: original('en', 'Race') }));
  await circulateAgenda(c, id);
  const tokens = await Promise.all([0, 1, 2, 3, 4, 5, 6, 7].map(() => token('coordinator')));
  const call = (i: number, method: 'PUT' | 'POST', url: string, payload?: unknown) =>
    env.app.inject({
      method,
      url,
      headers: {
        authorization: `Bearer ${tokens[i % tokens.length]}`,
        ...(payload !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      payload: payload === undefined ? undefined : JSON.stringify(payload),
    });
  // Eight edits at once: four move the meeting to 11:00, four to 15:00 — each that changes something makes a
  // version, and each version is sent to each invitee exactly once.
  const edits = await Promise.all(
    [0, 1, 2, 3, 4, 5, 6, 7].map((i) =>
      call(
        i,
        'PUT',
        `/api/v1/compact/meetings/${id}`,
        putBody({ start: inDays(10, i % 2 ? '11:00' : '15:00'), end: inDays(10, i % 2 ? '12:00' : '16:00') }),
      ),
    ),
  );
  assert.deepEqual(
    edits.map((r) => r.statusCode),
    Array(8).fill(200),
  );
  const versions = await seqOf(id);
  const changedCount = edits.filter((r) => r.json().changed.length > 0).length;
  assert.equal(versions, changedCount, 'one version per edit that changed something');
  const updates = await mailsOf(id, 'meeting_update');
  const byVersionAndTo = new Map<string, number>();
  for (const m of updates) {
    const k = `${prop(m.attachments[0].content, 'SEQUENCE')}|${m.to}`;
    byVersionAndTo.set(k, (byVersionAndTo.get(k) ?? 0) + 1);
  }
  assert.ok(
    [...byVersionAndTo.values()].every((n) => n === 1),
    'never twice the same version to the same person',
  );
  assert.equal(updates.length, 3 * changedCount, 'every invitee got every version');
  // The same version circulated four times at once: nothing new (everyone already has it).
  const circ = await Promise.all([0, 1, 2, 3].map((i) => call(i, 'POST', `/api/v1/compact/meetings/${id}/circulate`)));
  assert.deepEqual(
    circ.map((r) => r.json().sent),
    [0, 0, 0, 0],
  );
  // The same person invited five times at once: one invitation, one e-mail.
  const extra = await makeUser(env, 'entity_focal_point', { orgId: await orgId(env, 'unicef') });
  const extraPerson = (await loadActor(env.database.db, extra.id, 'session', true, []))!.actor as UserActor;
  const inv = await Promise.all(
    [0, 1, 2, 3, 4].map((i) =>
      call(i, 'POST', `/api/v1/compact/meetings/${id}/invitees`, { personId: extraPerson.personId }),
    ),
  );
  assert.deepEqual(inv.map((r) => r.statusCode).sort(), [200, 200, 200, 200, 201]);
  assert.equal((await mailsOf(id, 'meeting_agenda')).filter((m) => m.to === extra.email).length, 1);
  // Cancelled four times at once: one succeeds, three answer 409; one cancellation per invitee.
  const cancels = await Promise.all([0, 1, 2, 3].map((i) => call(i, 'POST', `/api/v1/compact/meetings/${id}/cancel`)));
  assert.deepEqual(cancels.map((r) => r.statusCode).sort(), [200, 409, 409, 409]);
  const cancelMails = await mailsOf(id, 'meeting_cancel');
  assert.equal(cancelMails.length, 4);
  assert.equal(new Set(cancelMails.map((m) => m.to)).size, 4);
});

test(`people picker: only people the manager may see; invite/remove without JS; API (${dbLabel()})`, async () => {
  const db = env.database;
  const uniq = Math.random().toString(36).slice(2, 8);
  // A hidden CSO's member, a person with no organization, and a fictional State's official.
  const [hidden] = rowsOf<{ id: string }>(
    await db.db.execute(sql`insert into organizations (slug, type, names, public_listing)
      values (${`hidden-cso-${uniq}`}, 'cso', ${JSON.stringify({ en: 'Quiet Harbour Network' })}::jsonb, false)
      returning id`),
  );
  const person = async (name: string, email: string, org?: string) => {
    const [p] = rowsOf<{ id: string }>(
      await db.db.execute(sql`insert into people (full_name, email) values (${name}, ${email}) returning id`),
    );
    if (org) await db.db.execute(sql`insert into memberships (person_id, organization_id) values (${p.id}, ${org})`);
    return p.id;
  };
  const xar = rowsOf<{ id: string }>(await db.db.execute(sql`select id from organizations where iso3 = 'XAR'`))[0].id;
  const visible = await person(`Ana Pickerton ${uniq}`, `ana.${uniq}@example.org`, xar);
  const cso = await person(`Zahra Pickerton ${uniq}`, `zahra.${uniq}@example.org`, hidden.id);
  const lone = await person(`Nadia Pickerton ${uniq}`, `nadia.${uniq}@example.org`);
  const { id } = await createMeeting(ctx('coordinator'), meetingInput({ title: original('en', 'Picker') }));
  // The chair's focal point searches (a GET form): only the State's official is listed, with an "Invite" button.
  const found = await u.chair.agent.get(`/compact/meetings/${id}?q=${encodeURIComponent(`pickerton ${uniq}`)}`);
  assert.equal(found.statusCode, 200);
  assert.match(found.body, /<form method="get" action="\/compact\/meetings\/[0-9a-f-]+#invitees" role="search"/);
  assert.ok(found.body.includes(`Ana Pickerton ${uniq}`));
  assert.ok(!found.body.includes(`Zahra Pickerton ${uniq}`), 'a hidden CSO’s member is not listed');
  assert.ok(!found.body.includes(`Nadia Pickerton ${uniq}`), 'nor a person without an organization');
  assert.match(found.body, new RegExp(`name="personId" value="${visible}"`));
  assert.match(found.body, /<script src="\/static\/people-picker\.js" defer>/);
  // By e-mail address too, without case.
  const byMail = await u.chair.agent.get(`/compact/meetings/${id}?q=${encodeURIComponent(`ANA.${uniq}@example.org`)}`);
  assert.ok(byMail.body.includes(`Ana Pickerton ${uniq}`));
  assert.match((await u.chair.agent.get(`/compact/meetings/${id}?q=a`)).body, /Saisissez au moins deux lettres/);
  // Readers who do not manage the meeting get no picker, and no search.
  const reader = await u.member.agent.get(`/compact/meetings/${id}?q=${encodeURIComponent(`pickerton ${uniq}`)}`);
  assert.ok(!reader.body.includes(`Ana Pickerton ${uniq}`));
  assert.doesNotMatch(reader.body, /data-picker/);
  // Invite (the button's form): back to the search, the person invited and marked.
  const invited = await u.chair.agent.post(`/compact/meetings/${id}/invitees`, {
    personId: visible,
    q: `pickerton ${uniq}`,
  });
  assert.equal(invited.statusCode, 303);
  assert.equal(location(invited), `/compact/meetings/${id}?q=${encodeURIComponent(`pickerton ${uniq}`)}#invitees`);
  const after = await u.chair.agent.get(location(invited).replace(/#.*$/, ''));
  assert.match(after.body, /Invité\(e\)<\/span>/, 'marked as invited, in French');
  // Hidden people are refused (422, as an unknown id), on the page and through the API; nothing stored.
  const refused = await u.chair.agent.post(`/compact/meetings/${id}/invitees`, { personId: cso });
  assert.equal(refused.statusCode, 422);
  assert.match(refused.body, /Choisissez une personne de l/);
  assert.equal(
    (await api('chair', 'POST', `/api/v1/compact/meetings/${id}/invitees`, { personId: lone })).statusCode,
    422,
  );
  assert.equal(
    (await api('chair', 'POST', `/api/v1/compact/meetings/${id}/invitees`, { personId: 'nope' })).statusCode,
    422,
  );
  const names = async () =>
    (await api('coordinator', 'GET', `/api/v1/compact/meetings/${id}`))
      .json()
      .invitees.map((i: { name: string }) => i.name);
  assert.ok(!(await names()).includes(`Zahra Pickerton ${uniq}`));
  // The API's search: the same rule; a coordinator sees hidden CSOs' members and may invite them.
  const apiFound = (
    await api('chair', 'GET', `/api/v1/compact/meetings/${id}/people?q=${encodeURIComponent(`Pickerton ${uniq}`)}`)
  ).json().data;
  assert.deepEqual(
    apiFound.map((p: { name: string; invited: boolean }) => [p.name, p.invited]),
    [[`Ana Pickerton ${uniq}`, true]],
  );
  const coordSearch = (
    await api(
      'coordinator',
      'GET',
      `/api/v1/compact/meetings/${id}/people?q=${encodeURIComponent(`Pickerton ${uniq}`)}`,
    )
  ).json().data;
  assert.equal(coordSearch.length, 3);
  assert.equal(
    (await api('coordinator', 'POST', `/api/v1/compact/meetings/${id}/invitees`, { personId: cso })).statusCode,
    201,
  );
  assert.equal((await api('observer', 'GET', `/api/v1/compact/meetings/${id}/people?q=ana`)).statusCode, 403);
  assert.equal(
    (await api('outsider', 'POST', `/api/v1/compact/meetings/${id}/invitees`, { personId: visible })).statusCode,
    404,
  );
  // Removal: a confirmation page, then the POST (no JavaScript); the API's DELETE.
  const m = await getMeeting(ctx('coordinator'), id);
  const ana = m.invitees.find((i) => i.personId === visible)!;
  const confirm = await u.coordinator.agent.get(`/compact/meetings/${id}/invitees/${ana.id}/remove`);
  assert.equal(confirm.statusCode, 200);
  assert.ok(confirm.body.includes(`Remove \u2068Ana Pickerton ${uniq}\u2069 from the invitees?`));
  assert.equal(
    (await u.chair.agent.post(`/compact/meetings/${id}/invitees/${ana.id}/remove`, CONFIRMED)).statusCode,
    303,
  );
  assert.ok(!(await names()).includes(`Ana Pickerton ${uniq}`));
  const zahra = (await getMeeting(ctx('coordinator'), id)).invitees.find((i) => i.personId === cso)!;
  assert.equal(
    (await api('coordinator', 'DELETE', `/api/v1/compact/meetings/${id}/invitees/${zahra.id}`)).statusCode,
    204,
  );
  assert.equal(
    (await api('coordinator', 'DELETE', `/api/v1/compact/meetings/${id}/invitees/${zahra.id}`)).statusCode,
    404,
  );
  assert.equal(await auditCount('meeting.invitee.add', id), 2);
  assert.equal(await auditCount('meeting.invitee.remove', id), 2);
  // After circulation: a new invitee gets the agenda at once; a removed one a cancellation; invited again, the agenda.
  await circulateAgenda(ctx('coordinator'), id);
  await api('chair', 'POST', `/api/v1/compact/meetings/${id}/invitees`, { personId: visible });
  const toAna = async (kind: string) => (await mailsOf(id, kind)).filter((x) => x.to === `ana.${uniq}@example.org`);
  assert.equal((await toAna('meeting_agenda')).length, 1);
  const ana2 = (await getMeeting(ctx('coordinator'), id)).invitees.find((i) => i.personId === visible)!;
  await api('chair', 'DELETE', `/api/v1/compact/meetings/${id}/invitees/${ana2.id}`);
  const removed = await toAna('meeting_removed');
  assert.equal(removed.length, 1);
  assert.equal(prop(removed[0].attachments[0].content, 'METHOD'), 'CANCEL');
  assert.doesNotMatch(removed[0].attachments[0].content, /meet\.example\.org/, 'no link for who is no longer invited');
  await api('chair', 'POST', `/api/v1/compact/meetings/${id}/invitees`, { personId: visible });
  assert.equal((await toAna('meeting_agenda')).length, 2, 'invited again: the agenda again');
});
