// Personal-data rights, counted in rows: retention (data of every kind past and within its period; after the job,
// 0 rows or fields past it remain and the others are untouched; statistics unchanged), erasure (afterwards 0 hits of
// the person's e-mail address or name in any table, the audit chain verifies, the erasure is audited), the export
// (the person's records, none of another person's), and the advisory lock (two connections: the job runs once).
import { adoptPublishedEvents } from '../src/modules/events/index.ts';
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { apiTokens, sessions, users } from '../src/platform/auth/auth.schema.ts';
import { mailOutbox } from '../src/platform/mail/mail.schema.ts';
import { recoveryCodes, webauthnCredentials } from '../src/modules/access/passkeys/passkeys.schema.ts';
import { recordAudit, verifyAuditChain } from '../src/platform/audit/audit.service.ts';
import { openDatabase } from '../src/platform/db/client.ts';
import { invitations, passwordResets } from '../src/modules/access/access.schema.ts';
import { organizations, people } from '../src/modules/directory/directory.schema.ts';
import {
  meetingInvitees,
  meetingMinutes,
  meetings,
  minutesComments,
} from '../src/modules/compact/meetings/meetings.schema.ts';
import {
  eventRegistrations,
  eventSessions,
  eventSpeakers,
  eventStatements,
  events,
  type Gender,
  type RegistrationStatus,
} from '../src/modules/events/events.schema.ts';
import { computeStats } from '../src/modules/events/public/stats.service.ts';
import { MODULES } from '../src/modules/index.ts';
import { createApiToken, loadActor } from '../src/modules/access/access.service.ts';
import { applyRetention, ownersOf, retentionStatus } from '../src/platform/privacy/retention.ts';
import { retentionJob } from '../src/platform/jobs/platform.jobs.ts';
import { runJobOnce } from '../src/platform/jobs/queue.ts';
import type { JobDefinition } from '../src/platform/jobs/jobs.types.ts';
import { dbLabel, location, makeTestEnv, makeUser, type TestEnv, type TestUser, CONFIRMED } from './helper.ts';

const DAY = 86_400_000;
let env: TestEnv;
let orgA: string;
before(async () => {
  env = await makeTestEnv();
  const [o] = await env.database.db.select({ id: organizations.id }).from(organizations).limit(1);
  orgA = o.id;
});
after(async () => {
  await env?.close();
});

const db = () => env.database.db;
const hex = () => randomBytes(4).toString('hex');
const n = async (q: string, params: unknown[] = []) =>
  Number((await env.database.query<{ n: number }>(q, params))[0].n);

async function makeEvent(endsAt: Date, slug = `privacy-${hex()}`) {
  const [e] = await db()
    .insert(events)
    .values({
      slug,
      type: 'conference',
      title: { en: { text: `Event ${slug}`, status: 'original' } },
      format: 'in_person',
      timeZone: 'UTC',
      startsAt: new Date(endsAt.getTime() - DAY),
      endsAt,
      registrationMode: 'automatic',
    })
    .returning({ id: events.id });
  await adoptPublishedEvents(db()); // a row written behind the services: as an upgrade
  return e.id;
}

async function register(
  eventId: string,
  r: { name: string; email: string; status?: RegistrationStatus; gender?: Gender; userId?: string },
) {
  await db()
    .insert(eventRegistrations)
    .values({
      eventId,
      userId: r.userId ?? null,
      fullName: r.name,
      email: r.email,
      organizationId: orgA,
      orgType: 'member_state',
      status: r.status ?? 'accepted',
      gender: r.gender ?? null,
      answers: { q1: `answer of ${r.name}` },
    });
}

/** A user whose name is unique in the database (the scans below look for it). */
async function person(role: Parameters<typeof makeUser>[1]): Promise<TestUser & { name: string }> {
  const u = await makeUser(env, role, { orgId: orgA });
  const name = `Quillon Varga ${hex()}`;
  const [row] = await db().update(users).set({ name }).where(eq(users.id, u.id)).returning({ p: users.personId });
  if (row.p) await db().update(people).set({ fullName: name }).where(eq(people.id, row.p));
  return { ...u, name };
}

/** Every table of the database, for the full-text scans. */
async function allTables(): Promise<string[]> {
  const rows = await env.database.query<{ t: string }>(
    `select table_name as t from information_schema.tables
     where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`,
  );
  return rows.map((r) => r.t);
}

async function hitsAnywhere(text: string): Promise<Record<string, number>> {
  const hits: Record<string, number> = {};
  for (const t of await allTables()) {
    const c = await n(`select count(*)::int as n from "${t}" x where x::text ilike $1`, [`%${text}%`]);
    if (c > 0) hits[t] = c;
  }
  return hits;
}

/** Data of every kind for one person: registrations with answers, statement, speakers' list, e-mail, token, audit. */
async function dataFor(u: TestUser & { name: string }, eventId: string, sessionId: string) {
  await register(eventId, { name: u.name, email: u.email, userId: u.id, gender: 'woman' });
  await db().insert(eventStatements).values({
    eventId,
    sessionId,
    organizationId: orgA,
    speakerName: u.name,
    language: 'en',
    body: 'Statement text',
    createdBy: u.id,
  });
  await db()
    .insert(eventSpeakers)
    .values({ sessionId, organizationId: orgA, speakerName: u.name, status: 'spoken', position: 1, requestedBy: u.id });
  await db()
    .insert(mailOutbox)
    .values({ to: u.email, locale: 'en', kind: 'test', subject: `Hello ${u.name}`, text: u.name, html: u.name });
  await db()
    .insert(apiTokens)
    .values({ userId: u.id, name: 'script', prefix: `ctcp_${hex()}`, tokenHash: hex() + hex(), scopes: ['read'] });
  await db()
    .insert(invitations)
    .values({
      email: u.email,
      name: u.name,
      role: 'observer',
      tokenHash: hex() + hex(),
      expiresAt: new Date(Date.now() + DAY),
      acceptedAt: new Date(),
    });
  await db()
    .insert(passwordResets)
    .values({ userId: u.id, tokenHash: hex() + hex(), expiresAt: new Date(Date.now() + DAY) });
  await db()
    .insert(webauthnCredentials)
    .values({ userId: u.id, credentialId: hex() + hex(), publicKey: hex(), name: 'Laptop' });
  await db()
    .insert(recoveryCodes)
    .values({ userId: u.id, codeHash: hex() + hex() });
  // A meeting: the person invited (attendance) and a comment on its minutes.
  const [body] = await env.database.query<{ id: string }>('select id from compact_bodies order by slug limit 1');
  const [mt] = await db()
    .insert(meetings)
    .values({
      bodyId: body.id,
      kind: 'ad_hoc',
      title: { en: { text: 'Meeting', status: 'original' } },
      timeZone: 'UTC',
      startsAt: new Date(Date.now() - 2 * DAY),
      endsAt: new Date(Date.now() - 2 * DAY + 3600_000),
      format: 'virtual',
      meetingLink: 'https://meet.example.org/x',
    })
    .returning({ id: meetings.id });
  const [pr] = await db().select({ p: users.personId }).from(users).where(eq(users.id, u.id));
  if (pr?.p) await db().insert(meetingInvitees).values({ meetingId: mt.id, personId: pr.p, attendance: 'present' });
  const [mm] = await db()
    .insert(meetingMinutes)
    .values({ meetingId: mt.id, status: 'circulated' })
    .returning({ id: meetingMinutes.id });
  await db()
    .insert(minutesComments)
    .values({ minutesId: mm.id, authorUserId: u.id, authorName: u.name, body: `Comment by ${u.name}` });
  // A passkey is a second factor: the person's session has given it.
  await env.database.query('update sessions set mfa_verified = true where user_id = $1', [u.id]);
  await recordAudit(db(), {
    action: 'test.by_person',
    actor: { id: u.id, label: u.email },
    ip: '198.51.100.23',
    details: {},
  });
}

let subject: TestUser & { name: string };
let other: TestUser & { name: string };
let admin: TestUser;
let sharedEvent: string;
let sharedSession: string;

test('setup: two people with data of every kind, and an administrator', async () => {
  admin = await makeUser(env, 'platform_admin');
  subject = await person('cso_representative');
  other = await person('observer');
  sharedEvent = await makeEvent(new Date(Date.now() - 3 * DAY));
  const [s] = await db()
    .insert(eventSessions)
    .values({
      eventId: sharedEvent,
      kind: 'interactive_segment',
      title: { en: { text: 'Segment', status: 'original' } },
    })
    .returning({ id: eventSessions.id });
  sharedSession = s.id;
  await dataFor(subject, sharedEvent, sharedSession);
  await dataFor(other, sharedEvent, sharedSession);
});

test(`export: my-data.json has the person's records and none of another person's (${dbLabel()})`, async () => {
  const res = await subject.agent.get('/account/my-data.json');
  assert.equal(res.statusCode, 200);
  assert.match(String(res.headers['content-disposition']), /attachment; filename="my-data.json"/);
  assert.equal(res.headers['cache-control'], 'no-store');
  const body = res.body;
  const data = JSON.parse(body) as { data: Record<string, Record<string, unknown[]>> };
  assert.equal(data.data.platform.account.length, 1);
  assert.equal(data.data.platform.apiTokens.length, 1);
  assert.ok(data.data.platform.sessions.length >= 1);
  assert.ok(data.data.platform.auditEntries.length >= 1);
  assert.equal(data.data.events.registrations.length, 1);
  assert.equal(data.data.events.statements.length, 1);
  assert.equal(data.data.directory.memberships.length, 1);
  assert.equal(data.data.compact.minutesComments.length, 1);
  assert.equal(data.data.compact.meetingInvitations.length, 1);
  assert.ok(body.includes(`answer of ${subject.name}`), 'answers exported');
  assert.ok(!body.includes(other.email) && !body.includes(other.name), "nothing of the other person's");
  assert.ok(!body.includes(createHash('sha256').update(subject.sessionToken).digest('hex')), 'no session hash');
  assert.ok(!/tokenHash|passwordHash|totpSecret/.test(body), 'no secrets');
  // The account page links to it.
  const page = await subject.agent.get('/account');
  assert.ok(page.body.includes('/account/my-data.json'));
});

test('admin pages: retention overview, run confirmation, bad input answers 4xx', async () => {
  const page = await admin.agent.get('/admin/privacy');
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /class="stack"/);
  for (const kind of [
    'sessions',
    'outbox',
    'audit_ips',
    'invitations',
    'password_resets',
    'registrations',
    'notifications',
    'calendar_feed_tokens',
  ])
    assert.ok(page.body.includes(`privacy.kind.${kind}`) === false, `${kind} is translated`);
  assert.equal((await admin.agent.get('/admin/privacy/run')).statusCode, 200);
  const run = await admin.agent.post('/admin/privacy/run', CONFIRMED);
  assert.equal(run.statusCode, 303);
  assert.equal((await admin.agent.get('/admin/privacy/erase?email=nobody%40example.org')).statusCode, 404);
  assert.equal((await admin.agent.get('/admin/privacy/erase/not-a-uuid')).statusCode < 500, true);
  assert.equal((await admin.agent.get('/admin/privacy/erase?email=')).statusCode < 500, true);
  assert.equal((await subject.agent.get('/admin/privacy')).statusCode, 403);
  const actor = (await loadActor(db(), admin.id, 'session', true, []))?.actor;
  assert.ok(actor);
  const { token } = await createApiToken(
    { db: db(), config: env.config, actor },
    { name: 'privacy', scopes: ['write'], expiresInDays: 1 },
  );
  const headers = { authorization: `Bearer ${token}` };
  const api = await env.app.inject({ method: 'GET', url: '/api/v1/privacy/retention', headers });
  assert.equal(api.statusCode, 200);
  assert.equal((JSON.parse(api.body) as { rules: unknown[] }).rules.length, 8);
  const missing = await env.app.inject({
    method: 'GET',
    url: '/api/v1/privacy/erasures/00000000-0000-4000-8000-000000000000',
    headers,
  });
  assert.equal(missing.statusCode, 404);
  const bad = await env.app.inject({ method: 'POST', url: '/api/v1/privacy/erasures/nope', headers });
  assert.ok(bad.statusCode >= 400 && bad.statusCode < 500);
  const mine = await env.app.inject({ method: 'GET', url: '/api/v1/me/data', headers });
  assert.equal(mine.statusCode, 200);
  assert.equal(mine.headers['cache-control'], 'no-store');
});

test('erasure: refused for the last platform administrator', async () => {
  const preview = await admin.agent.get(`/admin/privacy/erase/${admin.id}`);
  assert.equal(preview.statusCode, 200);
  assert.ok(!preview.body.includes(`action="/admin/privacy/erase/${admin.id}"`), 'no erase button');
  const res = await admin.agent.post(`/admin/privacy/erase/${admin.id}`, CONFIRMED);
  assert.equal(res.statusCode, 409);
  assert.equal(await n('select count(*)::int as n from users where id = $1 and disabled_at is null', [admin.id]), 1);
});

test(`erasure: 0 hits of the person's e-mail or name anywhere; chain verifies; audited (${dbLabel()})`, async () => {
  assert.ok(Object.keys(await hitsAnywhere(subject.email)).length > 3, 'the data is there before');
  // The workspace's tables (platform/notify): a notification and a calendar feed token of the subject.
  await env.database.query(
    `insert into notifications (user_id, kind, message_key) values ($1, 'test', 'feed.revoked')`,
    [subject.id],
  );
  await env.database.query(
    `insert into calendar_feed_tokens (user_id, prefix, token_hash) values ($1, 'ctcpcal_x', md5(random()::text))`,
    [subject.id],
  );
  // The compact register (register/personal-data.service.ts): an action the subject owns, a progress note she wrote.
  const [{ id: actionId }] = await env.database.query<{ id: string }>(
    `insert into compact_actions (source_kind, title, owner_org_id, owner_person_id, due_on)
     select 'meeting', '{"en":{"text":"Privacy action","status":"original"}}'::jsonb, $1, person_id, current_date
     from users where id = $2 returning id`,
    [orgA, subject.id],
  );
  await env.database.query(
    `insert into compact_action_notes (action_id, body, author_user_id, author_person_id, author_name)
     select $1, 'Progress.', id, person_id, name from users where id = $2`,
    [actionId, subject.id],
  );
  // The register's change history names who changed an action.
  await env.database.query(
    `insert into compact_register_changes (action_id, fields, author_user_id, author_person_id, author_name)
     select $1, '{dueOn}', id, person_id, name from users where id = $2`,
    [actionId, subject.id],
  );
  const find = await admin.agent.get(`/admin/privacy/erase?email=${encodeURIComponent(subject.email.toUpperCase())}`);
  assert.equal(find.statusCode, 303);
  assert.equal(location(find), `/admin/privacy/erase/${subject.id}`);
  const confirm = await admin.agent.get(location(find));
  assert.equal(confirm.statusCode, 200);
  assert.ok(confirm.body.includes(subject.email));
  const res = await admin.agent.post(`/admin/privacy/erase/${subject.id}`, CONFIRMED);
  assert.equal(res.statusCode, 303);

  assert.deepEqual(await hitsAnywhere(subject.email), {}, 'no table holds the e-mail address');
  assert.deepEqual(await hitsAnywhere(subject.name), {}, 'no table holds the name');
  const [u] = await db().select().from(users).where(eq(users.id, subject.id));
  assert.match(u.email, /^erased-[0-9a-f]+@invalid$/);
  assert.equal(u.passwordHash, null);
  assert.equal(u.totpSecret, null);
  assert.ok(u.disabledAt);
  assert.equal(await n('select count(*)::int as n from sessions where user_id = $1', [subject.id]), 0);
  assert.equal(await n('select count(*)::int as n from api_tokens where user_id = $1', [subject.id]), 0);
  assert.equal(await n('select count(*)::int as n from notifications where user_id = $1', [subject.id]), 0);
  assert.equal(await n('select count(*)::int as n from calendar_feed_tokens where user_id = $1', [subject.id]), 0);
  assert.equal(
    await n('select count(*)::int as n from compact_action_notes where author_user_id = $1', [subject.id]),
    0,
  );
  assert.equal(await n('select count(*)::int as n from compact_actions where owner_person_id = $1', [u.personId]), 0);
  assert.equal(
    await n('select count(*)::int as n from compact_register_changes where author_user_id = $1', [subject.id]),
    0,
  );
  assert.equal(await n('select count(*)::int as n from memberships where person_id = $1', [u.personId]), 0);
  assert.equal(await n('select count(*)::int as n from password_resets where user_id = $1', [subject.id]), 0);
  assert.equal(await n('select count(*)::int as n from webauthn_credentials where user_id = $1', [subject.id]), 0);
  assert.equal(await n('select count(*)::int as n from recovery_codes where user_id = $1', [subject.id]), 0);
  assert.equal(await n('select count(*)::int as n from webauthn_credentials where user_id = $1', [other.id]), 1);
  assert.equal(
    await n(
      `select count(*)::int as n from event_registrations where event_id = $1 and answers <> '{}'::jsonb
      and email like 'erased-%'`,
      [sharedEvent],
    ),
    0,
  );
  // The other person is untouched.
  assert.ok(Object.keys(await hitsAnywhere(other.email)).length > 3);
  assert.equal(await n('select count(*)::int as n from event_statements where speaker_name = $1', [other.name]), 1);
  // The chain verifies, and the erasure is audited under the pseudonym, without personal data.
  assert.equal((await verifyAuditChain(db())).ok, true);
  const audit = await env.database.query<{ target_id: string; details: unknown }>(
    `select target_id, details from audit_log where action = 'privacy.erasure'`,
  );
  assert.equal(audit.length, 1);
  assert.equal(audit[0].target_id, u.name);
  assert.ok(!JSON.stringify(audit[0]).includes(subject.email));
  // The other person can still sign in; the erased one cannot reach a page any more.
  assert.equal((await subject.agent.get('/account')).statusCode, 303);
});

test(`retention: 0 rows past their period, the rest untouched, statistics unchanged (${dbLabel()})`, async () => {
  // The job runs 181 days from now; the data is placed around that moment.
  const now = new Date(Date.now() + 181 * DAY);
  const ago = (days: number) => new Date(now.getTime() - days * DAY);
  const config = { ...env.config, retentionIntervalMinutes: 0 };
  const owners = ownersOf(MODULES);

  const oldEvent = await makeEvent(ago(400));
  const recentEvent = await makeEvent(ago(10));
  const genders: Gender[] = ['woman', 'woman', 'woman', 'man', 'man', 'other'];
  for (const [i, g] of genders.entries())
    await register(oldEvent, { name: `Old Person ${i}`, email: `old.${i}@example.org`, gender: g });
  await register(oldEvent, {
    name: 'Old Declined',
    email: 'old.declined@example.org',
    status: 'declined',
    gender: 'man',
  });
  await register(recentEvent, { name: 'Recent Person', email: 'recent.1@example.org', gender: 'woman' });
  await register(recentEvent, { name: 'Recent Other', email: 'recent.2@example.org' });
  const statsBefore = await computeStats(db(), oldEvent);
  assert.deepEqual(statsBefore.gender, { woman: 3, man: 2, other: 1 });

  const u = admin.id;
  await db()
    .insert(sessions)
    .values([
      { id: `expired-${hex()}`, userId: u, expiresAt: ago(1) },
      { id: `live-${hex()}`, userId: u, expiresAt: new Date(now.getTime() + DAY) },
    ]);
  const mail = (createdAt: Date, status: string) => ({
    to: 'someone@example.org',
    locale: 'en',
    kind: 'test',
    subject: 'S',
    text: 'body',
    html: '<p>body</p>',
    status,
    createdAt,
  });
  await db()
    .insert(mailOutbox)
    .values([mail(ago(100), 'sent'), mail(ago(100), 'failed'), mail(ago(10), 'sent'), mail(ago(100), 'pending')]);
  const inv = (expiresAt: Date, acceptedAt: Date | null = null) => ({
    email: `inv.${hex()}@example.org`,
    name: 'Invited',
    role: 'observer' as const,
    tokenHash: hex() + hex(),
    expiresAt,
    acceptedAt,
  });
  await db()
    .insert(invitations)
    .values([inv(ago(40)), inv(now, ago(35)), inv(ago(10)), inv(new Date(now.getTime() + DAY))]);
  await db()
    .insert(passwordResets)
    .values([
      { userId: u, tokenHash: hex() + hex(), expiresAt: ago(40) },
      { userId: u, tokenHash: hex() + hex(), expiresAt: now, usedAt: ago(31) },
      { userId: u, tokenHash: hex() + hex(), expiresAt: ago(5) },
    ]);
  await recordAudit(db(), { action: 'test.ip', actor: { id: null, label: 'test' }, ip: '203.0.113.7' });

  // Audit IPs within their period (365 days here) stay.
  const ips = () => n('select count(*)::int as n from audit_personal where ip is not null');
  const ipsBefore = await ips();
  assert.ok(ipsBefore > 0);
  const big = { ...config, retentionEventDays: 36500, retentionOutboxDays: 36500, retentionInvitationDays: 36500 };
  await applyRetention(db(), owners, { ...big, retentionAuditIpDays: 365 }, { now });
  assert.equal(await ips(), ipsBefore, 'IP addresses within their period untouched');

  const status = await retentionStatus(db(), owners, config, now);
  const due = Object.fromEntries(status.lines.map((l) => [l.kind, l.due]));
  assert.equal(due.registrations, 7);
  assert.equal(due.outbox, 2);
  // Two of this test's and the other person's (accepted, or expired, more than 30 days before `now`).
  assert.equal(due.invitations, 3);
  assert.equal(due.password_resets, 3);
  assert.ok(due.audit_ips >= 1);
  const next = status.lines.find((l) => l.kind === 'registrations')?.next;
  // The next registrations to go: the earliest event still within its period (here the shared one) + 365 days.
  assert.ok(next && next > now && next <= new Date(ago(10).getTime() + 365 * DAY));

  const r = await applyRetention(db(), owners, config, { now });
  assert.equal(r.ran, true);
  assert.equal(r.counts.registrations, 7);
  assert.equal(r.counts.outbox, 2);
  assert.equal(r.counts.invitations, 3);
  assert.equal(r.counts.password_resets, 3);

  // Registrations: 0 personal fields left on the old event; the recent one untouched; statistics the same.
  const q = (where: string, p: unknown[]) => n(`select count(*)::int as n from event_registrations where ${where}`, p);
  assert.equal(await q(`event_id = $1 and email not like 'erased-%@invalid'`, [oldEvent]), 0);
  assert.equal(await q(`event_id = $1 and (answers <> '{}'::jsonb or gender is not null)`, [oldEvent]), 0);
  assert.equal(await q(`event_id = $1 and full_name like 'Old %'`, [oldEvent]), 0);
  assert.equal(await q('event_id = $1', [oldEvent]), 7, 'rows kept for the counts');
  assert.deepEqual(await hitsAnywhere('old.0@example.org'), {});
  assert.equal(await q(`event_id = $1 and email like 'recent.%' and answers <> '{}'::jsonb`, [recentEvent]), 2);
  assert.deepEqual(await computeStats(db(), oldEvent), statsBefore, 'the statistics did not change');
  // The event page passes the event's row it has just read: the tally kept in it counts the same.
  const [oldRow] = await db().select().from(events).where(eq(events.id, oldEvent));
  assert.deepEqual(await computeStats(db(), oldEvent, oldRow), statsBefore, 'the same from the event row in hand');
  // Sessions, outbox, invitations, password resets.
  assert.equal(await n('select count(*)::int as n from sessions where expires_at < $1', [now]), 0);
  assert.equal(await n('select count(*)::int as n from sessions where id like $1', ['live-%']), 1);
  const outbox = (where: string) => n(`select count(*)::int as n from mail_outbox where subject = 'S' and ${where}`);
  assert.equal(await outbox(`created_at < '${ago(90).toISOString()}' and status <> 'pending' and "to" <> ''`), 0);
  assert.equal(await outbox(`"to" = '' and text = '' and html = ''`), 2);
  assert.equal(await outbox(`created_at > '${ago(90).toISOString()}' and "to" <> ''`), 1);
  assert.equal(await outbox(`status = 'pending' and "to" <> ''`), 1);
  assert.equal(await n(`select count(*)::int as n from invitations where email like 'inv.%'`), 2);
  assert.equal(await n('select count(*)::int as n from password_resets where user_id = $1', [u]), 1);
  // Audit IPs older than 180 days: 0; the chain still verifies.
  assert.equal(
    await n(
      `select count(*)::int as n from audit_personal p join audit_log a on a.id = p.audit_id
       where p.ip is not null and a.at < $1`,
      [ago(180)],
    ),
    0,
  );
  assert.equal((await verifyAuditChain(db())).ok, true);
  const applied = await env.database.query<{ details: { counts: Record<string, number> } }>(
    `select details from audit_log where action = 'privacy.retention.applied' order by id desc limit 1`,
  );
  assert.equal(applied[0].details.counts.registrations, 7);
  // Idempotent: a second run changes nothing.
  const again = await applyRetention(db(), owners, config, { now });
  assert.equal(again.total, 0);
});

test('concurrency: two processes at once, the job runs once (advisory lock, two connections)', {
  skip: dbLabel() !== 'postgres' && 'PostgreSQL only (TEST_DATABASE_URL)',
}, async () => {
  const [{ name }] = await env.database.query<{ name: string }>('select current_database() as name');
  const url = new URL(process.env.TEST_DATABASE_URL as string);
  url.pathname = `/${name}`;
  const second = await openDatabase({ databaseUrl: url.toString(), dataDir: 'memory://', poolSize: 1 });
  try {
    const owners = ownersOf(MODULES);
    const pids = new Set<number>();
    let inner: Awaited<ReturnType<typeof applyRetention>> | null = null;
    const outer = await applyRetention(env.database.db, owners, env.config, {
      hold: async (tx) => {
        const rows = (await tx.execute(sql`select pg_backend_pid() as pid`)) as unknown as { rows: { pid: number }[] };
        pids.add(rows.rows[0].pid);
        const [{ pid }] = await second.query<{ pid: number }>('select pg_backend_pid() as pid');
        pids.add(pid);
        inner = await applyRetention(second.db, owners, env.config, {});
      },
    });
    assert.equal(pids.size, 2, 'two connections');
    assert.equal(outer.ran, true);
    assert.deepEqual(inner, { ran: false, counts: {}, total: 0 }, 'the second process did nothing');
    // Once the first has committed, the lock is free again.
    assert.equal((await applyRetention(second.db, owners, env.config, {})).ran, true);
  } finally {
    await second.close();
  }
});

test('the retention job: not scheduled when the interval is 0; its handler applies the registered rules', async () => {
  assert.equal(retentionJob.schedule?.({ ...env.config, retentionIntervalMinutes: 0 }), null);
  assert.deepEqual(retentionJob.schedule?.({ ...env.config, retentionIntervalMinutes: 60 }), {
    cron: '0 * * * *',
    payload: {},
  });
  const logs: string[] = [];
  const log = {
    info: (_o: object, m: string) => logs.push(m),
    warn() {},
    error: (_o: object, m: string) => logs.push(m),
  };
  const r = (await runJobOnce(
    retentionJob as JobDefinition,
    {},
    { db: db(), database: env.database, config: env.config, log },
  )) as {
    ran: boolean;
  };
  assert.equal(r.ran, true);
  await assert.rejects(
    runJobOnce(
      retentionJob as JobDefinition,
      { extra: 1 },
      { db: db(), database: env.database, config: env.config, log },
    ),
    /invalid payload/,
  );
});
