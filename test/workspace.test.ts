// The per-person workspace: notifications (platform/notify), the modules' tasks, the home page, the personal
// iCalendar feed. Through app.inject on both databases; concurrency on PostgreSQL uses real parallel connections.
import { adoptPublishedEvents } from '../src/modules/events/index.ts';
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { and, eq, like } from 'drizzle-orm';
import { notifications } from '../src/platform/notify/notify.schema.ts';
import { mailOutbox } from '../src/platform/mail/mail.schema.ts';
import { notify, notifyAndMail, resolveNotifications, unreadCount } from '../src/platform/notify/notify.service.ts';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { createApiToken, loadActor } from '../src/modules/access/access.service.ts';
import { createReport } from '../src/modules/assessments/reports/reports.service.ts';
import { assessmentVisits } from '../src/modules/assessments/assessments.schema.ts';
import { eventOrganizers, eventRegistrations, events } from '../src/modules/events/events.schema.ts';
import { needs } from '../src/modules/portfolio/portfolio.schema.ts';
import { dbLabel, location, makeTestEnv, makeUser, orgId, type TestEnv, type TestUser, CONFIRMED } from './helper.ts';

let env: TestEnv;
let filesDir: string;
let arcadia: string;

before(async () => {
  filesDir = await mkdtemp(path.join(tmpdir(), 'ctcp-workspace-files-'));
  env = await makeTestEnv({ filesDir });
  arcadia = await orgId(env, 'demo-state-arcadia');
});
after(async () => {
  await env?.close();
  if (filesDir) await rm(filesDir, { recursive: true, force: true });
});

/** A small well-formed PDF (checkReportFile reads the real type). */
function pdf(text = 'Assessment report'): Buffer {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 144] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    (() => {
      const s = `BT /F1 12 Tf 20 100 Td (${text}) Tj ET`;
      return `<< /Length ${s.length} >>\nstream\n${s}\nendstream`;
    })(),
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let out = '%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  out += offsets.map((n) => `${String(n).padStart(10, '0')} 00000 n \n`).join('');
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

const tokens = new Map<string, string>();
async function tokenFor(u: TestUser): Promise<string> {
  let t = tokens.get(u.id);
  if (!t) {
    const actor = (await loadActor(env.database.db, u.id, 'session', true, []))!.actor;
    t = (
      await createApiToken(
        { db: env.database.db, config: env.config, actor },
        { name: 'workspace test', scopes: ['write'], expiresInDays: 1 },
      )
    ).token;
    tokens.set(u.id, t);
  }
  return t;
}
const api = async (u: TestUser, method: 'GET' | 'POST', url: string) =>
  env.app.inject({
    method,
    url,
    headers: { authorization: `Bearer ${await tokenFor(u)}`, accept: 'application/json' },
  });
const tasksOf = async (u: TestUser) => {
  const r = await api(u, 'GET', '/api/v1/me/tasks');
  assert.equal(r.statusCode, 200, r.body);
  return (r.json() as { data: { kind: string; count: number | null; title: string; url: string }[] }).data;
};

async function newVisit(stateOrgId: string) {
  const [v] = await env.database.db
    .insert(assessmentVisits)
    .values({ stateOrgId, type: 'follow_up' as never, startDate: '2026-03-02', endDate: '2026-03-05' })
    .returning();
  return v;
}

async function newReport(visitId: string) {
  const analyst = await makeUser(env, 'analyst', { orgSlug: 'cted' });
  const actor = await loadActor(env.database.db, analyst.id, 'session', true, []);
  return createReport(
    { db: env.database.db, actor: actor!.actor, config: env.config, ip: '127.0.0.1' } as never,
    visitId,
    { title: `Report ${randomUUID().slice(0, 6)}`, classification: 'confidential', language: 'en' },
    { filename: 'report.pdf', data: pdf() },
  );
}

test(`notify: one notification and one e-mail for one dedupe key under concurrency (${dbLabel()})`, async () => {
  const u = await makeUser(env, 'analyst', { orgSlug: 'cted' });
  const key = `test:concurrency:${u.id}`;
  const results = await Promise.all(
    Array.from({ length: 8 }, () =>
      env.database.db.transaction((tx) =>
        notifyAndMail(tx, {
          userId: u.id,
          kind: 'test',
          messageKey: 'feed.revoked',
          values: {},
          url: '/account',
          dedupeKey: key,
          mail: { subjectKey: 'feed.revoked', kind: 'test_notify', baseUrl: 'http://x', smtpConfigured: false },
        }),
      ),
    ),
  );
  assert.equal(results.filter((r) => r.created).length, 1);
  assert.equal(results.filter((r) => r.mailed).length, 1);
  const rows = await env.database.db.select().from(notifications).where(eq(notifications.dedupeKey, key));
  assert.equal(rows.length, 1);
  const mails = await env.database.db
    .select()
    .from(mailOutbox)
    .where(and(eq(mailOutbox.to, u.email), eq(mailOutbox.kind, 'test_notify')));
  assert.equal(mails.length, 1);
});

test('notify without a dedupe key always creates; resolve settles a key family by segment prefix', async () => {
  const u = await makeUser(env, 'analyst', { orgSlug: 'cted' });
  const db = env.database.db;
  assert.equal((await notify(db, { userId: u.id, kind: 'x', messageKey: 'feed.revoked' })).created, true);
  assert.equal((await notify(db, { userId: u.id, kind: 'x', messageKey: 'feed.revoked' })).created, true);
  await notify(db, { userId: u.id, kind: 'x', messageKey: 'feed.revoked', dedupeKey: `fam:1:${u.id}` });
  await notify(db, { userId: u.id, kind: 'x', messageKey: 'feed.revoked', dedupeKey: `fam:10:${u.id}` });
  assert.equal(await unreadCount(db, u.id), 4);
  assert.equal(await resolveNotifications(db, 'fam:1'), 1);
  assert.equal(await unreadCount(db, u.id), 3);
  const left = await db.select().from(notifications).where(like(notifications.dedupeKey, 'fam:10:%'));
  assert.equal(left[0].resolvedAt, null);
});

test('focal point: a new report notifies her once (in-app, e-mail), is a task; her grant resolves both', async () => {
  const fp = await makeUser(env, 'member_state_focal_point', { orgId: arcadia, focalPoint: true });
  const visit = await newVisit(arcadia);
  const before = (await tasksOf(fp)).find((t) => t.kind === 'consent.decide')?.count ?? 0;
  const reportId = await newReport(visit.id);
  const mine = await env.database.db.select().from(notifications).where(eq(notifications.userId, fp.id));
  assert.equal(mine.length, 1);
  assert.equal(mine[0].dedupeKey, `consent:report:${reportId}:${fp.id}`);
  const mails = await env.database.db
    .select()
    .from(mailOutbox)
    .where(and(eq(mailOutbox.to, fp.email), eq(mailOutbox.kind, 'consent_report_available')));
  assert.equal(mails.length, 1);
  assert.doesNotMatch(mails[0].text, /Report [0-9a-f]{6}/, 'no report title (confidential) in the e-mail');
  const task = (await tasksOf(fp)).find((t) => t.kind === 'consent.decide');
  assert.equal(task?.count, before + 1);
  // Home page: the task, and the notification in bold; the header's count without JavaScript.
  const home = await fp.agent.get('/');
  assert.equal(home.statusCode, 200);
  assert.match(home.body, /data-kind="consent.decide"/);
  assert.match(home.body, /class="unread"/);
  assert.match(home.body, /1 unread notification</);
  // She grants: the notification is resolved (out of the unread count) and the task is gone.
  const unodc = await orgId(env, 'unodc');
  const g = await fp.agent.post(`/assessments/visits/${visit.id}/consent`, {
    granteeKind: 'organization',
    granteeOrgId: unodc,
    scope: 'report',
  });
  assert.equal(g.statusCode, 303, g.body);
  const [n] = await env.database.db.select().from(notifications).where(eq(notifications.userId, fp.id));
  assert.ok(n.resolvedAt);
  assert.equal(await unreadCount(env.database.db, fp.id), 0);
  assert.equal((await tasksOf(fp)).find((t) => t.kind === 'consent.decide')?.count ?? 0, before);
  const home2 = await fp.agent.get('/');
  assert.match(home2.body, /No unread notifications</);
  assert.doesNotMatch(home2.body, /data-kind="consent.decide"/);
});

test('focal point: live grants expiring within 30 days', async () => {
  const fp = await makeUser(env, 'member_state_focal_point', { orgId: arcadia, focalPoint: true });
  const visit = await newVisit(arcadia);
  const unodc = await orgId(env, 'unodc');
  const soon = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
  const before = (await tasksOf(fp)).find((t) => t.kind === 'consent.expiring')?.count ?? 0;
  const g = await fp.agent.post(`/assessments/visits/${visit.id}/consent`, {
    granteeKind: 'organization',
    granteeOrgId: unodc,
    scope: 'both',
    expiresOn: soon,
  });
  assert.equal(g.statusCode, 303);
  assert.equal((await tasksOf(fp)).find((t) => t.kind === 'consent.expiring')?.count, before + 1);
});

test('organizer: pending registrations to decide; deciding one removes it from her tasks', async () => {
  const org = await makeUser(env, 'entity_focal_point', { orgSlug: 'unodc', focalPoint: true });
  const other = await makeUser(env, 'entity_focal_point', { orgSlug: 'unicri', focalPoint: true });
  const slug = `ws-event-${randomUUID().slice(0, 8)}`;
  const start = new Date(Date.now() + 7 * 86_400_000);
  const [e] = await env.database.db
    .insert(events)
    .values({
      slug,
      type: 'roundtable',
      title: { en: { text: 'Workspace roundtable', status: 'original' } },
      format: 'virtual',
      timeZone: 'UTC',
      startsAt: start,
      endsAt: new Date(start.getTime() + 3_600_000),
      registrationMode: 'moderated',
      visibility: 'platform',
    })
    .returning();
  await adoptPublishedEvents(env.database.db); // a row written behind the services: as an upgrade
  await env.database.db
    .insert(eventOrganizers)
    .values({ eventId: e.id, organizationId: await orgId(env, 'unodc'), role: 'organizer' });
  const people = await Promise.all([1, 2, 3].map(() => makeUser(env, 'observer')));
  const regs = await env.database.db
    .insert(eventRegistrations)
    .values(
      people.map((p, i) => ({
        eventId: e.id,
        userId: p.id,
        fullName: `Person ${i}`,
        email: p.email,
        status: 'pending' as const,
      })),
    )
    .returning();
  const task = () =>
    tasksOf(org).then((ts) => ts.find((t) => t.kind === 'registration.decide' && t.url.includes(slug)));
  assert.equal((await task())?.count, 3);
  assert.match((await task())!.title, /Workspace roundtable: 3 registrations to decide/);
  assert.equal(
    (await tasksOf(other)).some((t) => t.url.includes(slug)),
    false,
    'not her event',
  );
  const d = await org.agent.post(`/events/${slug}/registrations/${regs[0].id}/decision`, { decision: 'accept' });
  assert.equal(d.statusCode, 303, d.body);
  assert.equal((await task())?.count, 2);

  // The feed: a registered person's platform-only event, not another person's.
  const p0 = people[0];
  const created = await p0.agent.post('/account/calendar', {});
  assert.equal(created.statusCode, 200);
  const url = /data-testid="feed-url"[^>]*>([^<]+)</.exec(created.body)?.[1];
  assert.ok(url, 'the URL is shown once');
  const feedPath = new URL(url!).pathname;
  const feed = await env.app.inject({ method: 'GET', url: feedPath });
  assert.equal(feed.statusCode, 200);
  assert.match(String(feed.headers['content-type']), /text\/calendar/);
  assert.equal(feed.headers['cache-control'], 'private, max-age=300');
  assert.match(feed.body, /SUMMARY:Workspace roundtable/);
  assert.match(feed.body, new RegExp(`UID:${e.id}@ctcp`));
  const lone = await makeUser(env, 'observer');
  const c2 = await lone.agent.post('/account/calendar', {});
  const url2 = /data-testid="feed-url"[^>]*>([^<]+)</.exec(c2.body)![1];
  const feed2 = await env.app.inject({ method: 'GET', url: new URL(url2).pathname });
  assert.equal(feed2.statusCode, 200);
  assert.doesNotMatch(feed2.body, /Workspace roundtable/);
  // The page shows no URL again; revoked → 404; unknown → 404.
  const again = await p0.agent.get('/account/calendar');
  assert.doesNotMatch(again.body, /data-testid="feed-url"/);
  const rv = await p0.agent.post('/account/calendar/revoke', CONFIRMED);
  assert.equal(location(rv), '/account/calendar');
  assert.equal((await env.app.inject({ method: 'GET', url: feedPath })).statusCode, 404);
  assert.equal((await env.app.inject({ method: 'GET', url: '/calendar/ctcpcal_nothing.ics' })).statusCode, 404);
  const audit = await env.database.query<{ n: number }>(
    `select count(*)::int as n from audit_log where action in ('calendar.feed.created', 'calendar.feed.revoked')
      and actor_id = $1`,
    [p0.id],
  );
  assert.equal(audit[0].n, 2);
});

test('analyst: needs without a response (no project link beyond proposed)', async () => {
  const analyst = await makeUser(env, 'analyst', { orgSlug: 'cted' });
  const r = await env.database.query<{ n: number }>(
    `select count(*)::int as n from ta_needs n where not exists
      (select 1 from project_needs pn where pn.need_id = n.id and pn.status <> 'proposed')`,
  );
  const t = (await tasksOf(analyst)).find((x) => x.kind === 'need.respond');
  assert.equal(t?.count ?? 0, r[0].n);
  await env.database.db.insert(needs).values({
    stateOrgId: arcadia,
    source: 'other',
    descriptions: { en: { text: 'Border screening', status: 'original' } },
  });
  assert.equal((await tasksOf(analyst)).find((x) => x.kind === 'need.respond')?.count, r[0].n + 1);
  const fp = await makeUser(env, 'observer');
  assert.deepEqual(await tasksOf(fp), []);
});

test('notifications: list, read, read all, open; API shapes; another person’s answers 404', async () => {
  const a = await makeUser(env, 'observer');
  const b = await makeUser(env, 'observer');
  const db = env.database.db;
  const one = await notify(db, {
    userId: a.id,
    kind: 'x',
    messageKey: 'notifications.consentReport',
    values: { visitDate: '2026-01-01' },
    url: '/account',
  });
  await notify(db, { userId: a.id, kind: 'x', messageKey: 'feed.revoked', url: 'https://evil.example/' });
  await notify(db, { userId: a.id, kind: 'x', messageKey: 'feed.revoked' });
  const list = await api(a, 'GET', '/api/v1/me/notifications?pageSize=2');
  assert.equal(list.statusCode, 200);
  const body = list.json() as {
    data: { id: string; message: string; url: string | null }[];
    total: number;
    unread: number;
    page: number;
    pageSize: number;
  };
  assert.equal(body.total, 3);
  assert.equal(body.unread, 3);
  assert.equal(body.data.length, 2);
  assert.equal(body.pageSize, 2);
  const all = (await api(a, 'GET', '/api/v1/me/notifications')).json() as typeof body;
  assert.ok(all.data.some((n) => /assessment visit of 2026-01-01/.test(n.message)));
  assert.ok(
    all.data.every((n) => n.url === null || n.url.startsWith('/')),
    'no outside URL kept',
  );
  // Another person: 404 on read (page and API), on open.
  assert.equal((await api(b, 'POST', `/api/v1/me/notifications/${one.id}/read`)).statusCode, 404);
  assert.equal((await b.agent.post(`/notifications/${one.id}/read`, {})).statusCode, 404);
  assert.equal((await b.agent.post(`/notifications/${one.id}/open`, {})).statusCode, 404);
  assert.equal((await api(b, 'GET', '/api/v1/me/notifications')).json().total, 0);
  // Open marks read and goes to the local URL.
  const open = await a.agent.post(`/notifications/${one.id}/open`, {});
  assert.equal(open.statusCode, 303);
  assert.equal(location(open), '/account');
  assert.equal(await unreadCount(db, a.id), 2);
  const page = await a.agent.get('/notifications');
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /2 unread notifications/);
  const ids = all.data.filter((n) => n.id !== one.id).map((n) => n.id);
  const r1 = await a.agent.post(`/notifications/${ids[0]}/read`, {});
  assert.equal(r1.statusCode, 303);
  assert.equal(await unreadCount(db, a.id), 1);
  const api1 = await api(a, 'POST', `/api/v1/me/notifications/${ids[1]}/read`);
  assert.equal(api1.statusCode, 200);
  assert.ok(api1.json().readAt);
  await notify(db, { userId: a.id, kind: 'x', messageKey: 'feed.revoked' });
  const ra = await a.agent.post('/notifications/read-all', {});
  assert.equal(ra.statusCode, 303);
  assert.equal(await unreadCount(db, a.id), 0);
  assert.equal((await api(a, 'POST', '/api/v1/me/notifications/read-all')).json().marked, 0);
  // Without CSRF the form is refused.
  assert.equal((await a.agent.post('/notifications/read-all', {}, { csrf: false })).statusCode, 403);
});
