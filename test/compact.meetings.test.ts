// Meetings and minutes of the Compact's bodies: recurrence across a DST change, visibility (the body's one rule), the
// agenda's order and the automatic review of open actions, circulation (e-mails in each invitee's language with an
// .ics, once per version, also concurrently), the minutes' lifecycle, the lock on adopted minutes (service and
// database), corrigenda, bad input.
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
const api = async (who: string, method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: unknown) =>
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
