// The Compact's register of decisions and actions: symbols without gaps or duplicates under concurrency, overdue
// computed, the one visibility rule (404 outside the body), who writes, an event's Chair's Summary actions in the same
// register, reminders sent once, the export, every input error at once, audit entries.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { and, eq, inArray, like, sql } from 'drizzle-orm';
import { loadActor, createApiToken } from '../src/modules/access/access.service.ts';
import {
  createAction,
  createDecision,
  listActions,
  listBodies,
  openActionsForBody,
  sendActionReminders,
  type Action,
} from '../src/modules/compact/index.ts';
import { compactActions } from '../src/modules/compact/register/register.schema.ts';
import { notifications } from '../src/platform/notify/notify.schema.ts';
import { mailOutbox } from '../src/platform/mail/mail.schema.ts';
import { auditLog } from '../src/platform/audit/audit.schema.ts';
import { parseTabular } from '../src/platform/export/tabular.ts';
import { original } from '../src/platform/i18n/text.ts';
import { calendarFor, tasksFor } from '../src/platform/modules/workspace.ts';
import { Agent, dbLabel, makeTestEnv, makeUser, orgId, type TestEnv, type TestUser } from './helper.ts';
import { eventWithSegment, postForm } from './events.helpers.ts';

let env: TestEnv;
let coord: TestUser; // secretariat
let chair: TestUser; // focal point of the working group's chair entity (UNODC)
let member: TestUser; // a person of a member entity (UNESCO), owner of actions
let observer: TestUser; // focal point of an observer State (Arcadia)
let outsider: TestUser; // a person of an entity outside the body and the Committee (UNICEF)
let analyst: TestUser;
let wg: { id: string; symbolPrefix: string };
let cc: { id: string; symbolPrefix: string };
const ids: Record<string, string> = {};

const actorOf = async (u: TestUser) => (await loadActor(env.database.db, u.id, 'session', true, []))!.actor;
const ctxOf = async (u: TestUser) => ({ db: env.database.db, actor: await actorOf(u), ip: '127.0.0.1' });
const tomorrow = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
const json = (body: string) => JSON.parse(body);
const tokens = new Map<string, string>();
/** GET through the JSON API with the user's API token (the API takes bearer tokens, not the session). */
async function api(u: TestUser, url: string) {
  if (!tokens.has(u.id))
    tokens.set(
      u.id,
      (
        await createApiToken(
          { db: env.database.db, config: env.config, actor: await actorOf(u) },
          { name: 't', scopes: ['write'], expiresInDays: 1 },
        )
      ).token,
    );
  return env.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${tokens.get(u.id)}` } });
}

before(async () => {
  env = await makeTestEnv();
  for (const s of ['unodc', 'unesco', 'unicef', 'unoct', 'cted', 'demo-state-arcadia']) ids[s] = await orgId(env, s);
  const bodies = await listBodies(env.database.db);
  cc = bodies.find((b) => b.kind === 'coordination_committee')!;
  wg = bodies.find((b) => b.kind === 'working_group')!;
  // A known membership: UNODC chairs the working group, UNESCO is a member, Arcadia an observer; the Committee has
  // only UNOCT (so UNICEF is outside both).
  await env.database.exec(`delete from compact_body_members where body_id in ('${cc.id}', '${wg.id}')`);
  await env.database.exec(`insert into compact_body_members (body_id, organization_id, role) values
    ('${wg.id}', '${ids.unodc}', 'chair'), ('${wg.id}', '${ids.unesco}', 'member'),
    ('${wg.id}', '${ids['demo-state-arcadia']}', 'observer'), ('${cc.id}', '${ids.unoct}', 'chair')`);
  await env.database.exec(`delete from compact_body_members where organization_id = '${ids.unicef}'`);
  coord = await makeUser(env, 'coordinator', { orgSlug: 'unoct' });
  chair = await makeUser(env, 'entity_focal_point', { orgSlug: 'unodc', focalPoint: true });
  member = await makeUser(env, 'entity_focal_point', { orgSlug: 'unesco', focalPoint: true });
  observer = await makeUser(env, 'member_state_focal_point', { orgSlug: 'demo-state-arcadia', focalPoint: true });
  outsider = await makeUser(env, 'entity_focal_point', { orgSlug: 'unicef', focalPoint: true });
  analyst = await makeUser(env, 'analyst', { orgSlug: 'cted' });
});
after(async () => {
  await env?.close();
});

test(`decision symbols: 10 concurrent creations get 1..10, no gaps, no duplicates (${dbLabel()})`, async () => {
  const ctx = await ctxOf(coord);
  const made = await Promise.all(
    Array.from({ length: 10 }, (_, i) =>
      createDecision(ctx, {
        bodyId: wg.id,
        text: original('en', `Decision ${i}`),
        decidedOn: '2026-03-0' + ((i % 9) + 1),
      }),
    ),
  );
  assert.deepEqual(
    made.map((d) => d.number).sort((a, b) => a - b),
    [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
  );
  assert.equal(new Set(made.map((d) => d.symbol)).size, 10);
  assert.ok(made.every((d) => d.symbol === `${wg.symbolPrefix}/2026/${d.number}`));
  // Another year and another body start at 1; a failed creation gives no number away.
  await assert.rejects(createDecision(ctx, { bodyId: wg.id, text: {}, decidedOn: '2026-04-01' }), /validation/);
  const next = await createDecision(ctx, { bodyId: wg.id, text: original('fr', 'Suite'), decidedOn: '2026-05-01' });
  assert.equal(next.symbol, `${wg.symbolPrefix}/2026/11`);
  const other = await createDecision(ctx, { bodyId: cc.id, text: original('en', 'CC one'), decidedOn: '2027-01-10' });
  assert.equal(other.symbol, `${cc.symbolPrefix}/2027/1`);
  ids.decision = made[0].id;
  ids.decisionSymbol = made[0].symbol;
  // The chair entity's focal point creates in its body, not in the Committee; a member does not create.
  const byChair = await createDecision(await ctxOf(chair), {
    bodyId: wg.id,
    text: original('en', 'By the chair'),
    decidedOn: '2026-06-01',
  });
  assert.equal(byChair.number, 12);
  await assert.rejects(
    createDecision(await ctxOf(chair), { bodyId: cc.id, text: original('en', 'x'), decidedOn: '2026-06-01' }),
    /forbidden/,
  );
  await assert.rejects(
    createDecision(await ctxOf(member), { bodyId: wg.id, text: original('en', 'x'), decidedOn: '2026-06-01' }),
    /forbidden/,
  );
});

test(`actions: overdue is computed in SQL, never stored; open actions of a body (${dbLabel()})`, async () => {
  const ctx = await ctxOf(coord);
  const late = await createAction(ctx, {
    decisionId: ids.decision,
    title: original('en', 'Draft the terms of reference'),
    ownerOrgId: ids.unesco,
    dueOn: tomorrow(-3),
    links: [{ kind: 'output', id: '00000000-0000-4000-8000-000000000001' }],
  });
  const soon = await createAction(ctx, {
    bodyId: wg.id,
    sourceKind: 'meeting',
    sourceId: '00000000-0000-4000-8000-0000000000aa',
    title: original('en', 'Circulate the draft'),
    ownerOrgId: ids.unodc,
    dueOn: tomorrow(3),
  });
  ids.late = late.id;
  ids.soon = soon.id;
  assert.equal(late.status, 'open');
  assert.equal(late.bodyId, wg.id, 'an action following a decision is in its body');
  const overdue = await listActions(ctx, { status: 'overdue' });
  assert.deepEqual(
    overdue.items.map((a) => a.id),
    [late.id],
  );
  const open = await openActionsForBody(env.database.db, wg.id);
  const byId = new Map(open.map((a: Action) => [a.id, a]));
  assert.equal(byId.get(late.id)?.overdue, true);
  assert.equal(byId.get(soon.id)?.overdue, false);
  const [{ n }] = await env.database.query<{ n: number }>(
    `select count(*)::int as n from information_schema.columns
      where table_name = 'compact_actions' and column_name = 'overdue'`,
  );
  assert.equal(n, 0, 'no stored overdue column');
});

test(`visibility: outside entity 404 on pages and API; member, observer, secretariat see (${dbLabel()})`, async () => {
  for (const url of [`/compact/register/decisions/${ids.decision}`, `/compact/register/actions/${ids.soon}`]) {
    assert.equal((await outsider.agent.get(url)).statusCode, 404, `${url} outside`);
    for (const u of [member, observer, analyst, coord, chair]) assert.equal((await u.agent.get(url)).statusCode, 200);
  }
  assert.equal((await api(outsider, `/api/v1/compact/decisions/${ids.decision}`)).statusCode, 404);
  assert.equal((await api(outsider, `/api/v1/compact/actions/${ids.soon}`)).statusCode, 404);
  const list = json((await api(outsider, '/api/v1/compact/actions')).body);
  assert.equal(list.total, 0);
  const decisions = json((await api(outsider, '/api/v1/compact/decisions')).body);
  assert.equal(decisions.total, 0);
  const page = await outsider.agent.get('/compact/register');
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /No actions match\./);
  const mine = json((await api(observer, `/api/v1/compact/decisions/${encodeURIComponent(ids.decisionSymbol)}`)).body);
  assert.equal(mine.data.symbol, ids.decisionSymbol);
  assert.equal(mine.actions.length, 1);
  const reg = await member.agent.get(`/compact/register?body=${wg.id}&status=overdue`);
  assert.match(reg.body, /Draft the terms of reference/);
  assert.doesNotMatch(reg.body, /Circulate the draft/);
  const signedOut = await new Agent(env.app).get(`/compact/register/actions/${ids.soon}`);
  assert.equal(signedOut.statusCode, 303);
});

test(`progress: the owner entity's people update; others 403 or 404; done needs evidence (${dbLabel()})`, async () => {
  const url = `/compact/register/actions/${ids.late}/progress`;
  assert.equal((await postForm(env, observer.agent, url, { status: 'in_progress', note: 'x' })).statusCode, 403);
  assert.equal((await postForm(env, outsider.agent, url, { status: 'in_progress', note: 'x' })).statusCode, 404);
  const noEvidence = await postForm(env, member.agent, url, { status: 'done', note: '', evidenceUrl: '' });
  assert.equal(noEvidence.statusCode, 422);
  assert.match(noEvidence.body, /give evidence \(a link or a note\)/);
  const bad = await postForm(env, member.agent, url, { status: 'bogus', evidenceUrl: 'javascript:alert(1)' });
  assert.equal(bad.statusCode, 422);
  assert.match(bad.body, /Choose one of the options/);
  assert.match(bad.body, /Enter a web address/);
  const step = await postForm(env, member.agent, url, { status: 'in_progress', note: 'First draft shared.' });
  assert.equal(step.statusCode, 303);
  const done = await postForm(env, member.agent, url, {
    status: 'done',
    evidenceUrl: 'https://example.org/tor.pdf',
  });
  assert.equal(done.statusCode, 303);
  const page = await member.agent.get(`/compact/register/actions/${ids.late}`);
  assert.match(page.body, /First draft shared\./);
  assert.match(page.body, /https:\/\/example.org\/tor.pdf/);
  const [a] = await env.database.db.select().from(compactActions).where(eq(compactActions.id, ids.late));
  assert.equal(a.status, 'done');
  assert.ok(a.closedAt);
  const viaApi = json((await api(member, `/api/v1/compact/actions/${ids.late}`)).body);
  assert.deepEqual(
    viaApi.notes.map((n: { status: string | null }) => n.status),
    ['in_progress', 'done'],
  );
});

test(`bad input: 422 with every error at once, on the form and the API (${dbLabel()})`, async () => {
  const r = await postForm(env, coord.agent, '/compact/register/decisions', {
    bodyId: '',
    text_en: '',
    decidedOn: '2026-02-31x',
    reviewOn: 'soon',
    meetingId: 'nope',
  });
  assert.equal(r.statusCode, 422);
  for (const m of [/Choose one of the options/, /Enter a date as YYYY-MM-DD/, /at least one language|one language/i])
    assert.match(r.body, m);
  assert.match(r.body, /There are [4-9] problems/);
  const token = (
    await createApiToken(
      { db: env.database.db, config: env.config, actor: await actorOf(coord) },
      { name: 't', scopes: ['write'], expiresInDays: 1 },
    )
  ).token;
  const api = await env.app.inject({
    method: 'POST',
    url: '/api/v1/compact/actions',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    payload: { bodyId: wg.id, title: {}, ownerOrgId: 'x', dueOn: '2026-13-01' },
  });
  assert.equal(api.statusCode, 422);
  const fields = json(api.body).error.fields.map((f: { field: string }) => f.field);
  for (const f of ['title', 'ownerOrgId', 'dueOn']) assert.ok(fields.includes(f), `${f} in ${fields}`);
  const okApi = await env.app.inject({
    method: 'POST',
    url: '/api/v1/compact/actions',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    payload: {
      bodyId: wg.id,
      title: { en: { text: 'Via the API', status: 'original' } },
      ownerOrgId: ids.unesco,
      dueOn: tomorrow(30),
    },
  });
  assert.equal(okApi.statusCode, 201);
  assert.equal(json(okApi.body).data.overdue, false);
});

test(`an event's Chair's Summary actions live in the register and on the event (${dbLabel()})`, async () => {
  const slug = 'register-conference';
  await eventWithSegment(env, coord.agent, slug, [ids.unoct]);
  const saved = await postForm(env, coord.agent, `/events/${slug}/summary`, {
    language: 'fr',
    conclusions: 'La coopération est essentielle.',
    recommendations: 'Créer un réseau régional.',
  });
  assert.equal(saved.statusCode, 303);
  const rows = await env.database.db.select().from(compactActions).where(eq(compactActions.sourceKind, 'event'));
  assert.equal(rows.length, 1);
  assert.deepEqual(rows[0].title, { fr: { text: 'Créer un réseau régional.', status: 'original' } });
  assert.equal(rows[0].bodyId, null);
  const onEvent = await coord.agent.get(`/events/${slug}/actions`);
  assert.match(onEvent.body, /Créer un réseau régional\./);
  const inRegister = json((await api(coord, '/api/v1/compact/actions')).body);
  const ev = inRegister.data.find((a: { id: string }) => a.id === rows[0].id);
  assert.equal(ev.sourceKind, 'event');
  const page = await coord.agent.get(`/compact/register/actions/${rows[0].id}`);
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /href="\/events\/register-conference"/);
  // The event's rule: its managers; others do not see its follow-up actions (404).
  assert.equal((await member.agent.get(`/compact/register/actions/${rows[0].id}`)).statusCode, 404);
  // Updated from the event page, the register has it.
  const upd = await postForm(env, coord.agent, `/events/${slug}/actions/${rows[0].id}`, {
    ownerOrgId: ids.unodc,
    status: 'in_progress',
    dueOn: '2032-06-30',
    note: 'Started.',
  });
  assert.equal(upd.statusCode, 303);
  const [after] = await env.database.db.select().from(compactActions).where(eq(compactActions.id, rows[0].id));
  assert.deepEqual([after.status, after.ownerOrgId, after.dueOn], ['in_progress', ids.unodc, '2032-06-30']);
  // Now owned by UNODC: its people see it in the register.
  assert.equal((await chair.agent.get(`/compact/register/actions/${rows[0].id}`)).statusCode, 200);
});

test(`reminders: due soon and overdue, once each, even run twice and concurrently (${dbLabel()})`, async () => {
  const ctx = await ctxOf(coord);
  const due = await createAction(ctx, {
    bodyId: wg.id,
    title: original('en', 'Reminded soon'),
    ownerOrgId: ids.unodc,
    dueOn: tomorrow(2),
  });
  const late = await createAction(ctx, {
    bodyId: wg.id,
    title: original('en', 'Reminded late'),
    ownerOrgId: ids.unodc,
    dueOn: tomorrow(-1),
  });
  const cfg = { ...env.config, actionReminderDays: 7 };
  await Promise.all([sendActionReminders(env.database.db, cfg), sendActionReminders(env.database.db, cfg)]);
  await sendActionReminders(env.database.db, cfg);
  const keyed = async (prefix: string) =>
    env.database.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, chair.id), like(notifications.dedupeKey, `${prefix}%`)));
  assert.equal((await keyed(`action:${due.id}:due-soon`)).length, 1);
  assert.equal((await keyed(`action:${late.id}:overdue`)).length, 1);
  const mails = await env.database.db
    .select()
    .from(mailOutbox)
    .where(and(eq(mailOutbox.to, chair.email), inArray(mailOutbox.kind, ['action_due_soon', 'action_overdue'])));
  const about = (id: string) => mails.filter((m) => m.text.includes(id) || m.html.includes(id)).length;
  assert.equal(about(due.id), 1);
  assert.equal(about(late.id), 1);
  // Done: the reminders are resolved.
  await postForm(env, chair.agent, `/compact/register/actions/${late.id}/progress`, {
    status: 'done',
    evidenceNote: 'Held on time after all.',
  });
  const [n] = await keyed(`action:${late.id}:overdue`);
  assert.ok(n.resolvedAt);
  // Tasks: the chair's entity has open actions due within 14 days.
  const tasks = await tasksFor({ db: env.database.db, actor: (await actorOf(chair)) as never, locale: 'en' });
  const t = tasks.find((x) => x.kind === 'compact.actions.due');
  assert.ok(t && (t.count ?? 0) >= 1);
  // Calendar: the open action's due date is an all-day item of the owner entity's people; the done one is gone.
  const items = await calendarFor(env.database.db, chair.id);
  const item = items.find((i) => i.uid === `action-${due.id}@ctcp`);
  assert.ok(item?.allDay);
  assert.equal(item!.start.toISOString().slice(0, 10), due.dueOn);
  assert.ok(!items.some((i) => i.uid === `action-${late.id}@ctcp`));
});

test(`export: CSV and XLSX through sendTable, with the register's columns (${dbLabel()})`, async () => {
  const csv = await coord.agent.get(`/compact/register/export?format=csv&body=${wg.id}`);
  assert.equal(csv.statusCode, 200);
  assert.match(String(csv.headers['content-type']), /text\/csv/);
  const header = csv.body.replace(/^\uFEFF/, '').split('\r\n')[0];
  assert.equal(header, 'ID,Action,Body,Decision,Owner entity,Due date,Status,Overdue,Source,Evidence');
  assert.match(csv.body, /Draft the terms of reference/);
  const xlsx = await coord.agent.get(`/compact/register/export?format=xlsx&body=${wg.id}`);
  assert.equal(xlsx.statusCode, 200);
  const parsed = await parseTabular(xlsx.rawPayload, 'x.xlsx');
  assert.deepEqual(parsed.headers, header.split(','));
  assert.ok(parsed.rows.some((r) => r.Action === 'Circulate the draft'));
  // The outsider's export is empty (same rule).
  const none = await outsider.agent.get(`/compact/register/export?format=csv`);
  assert.equal(
    none.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n').length,
    1,
  );
});

test(`audit: every change has its entry (${dbLabel()})`, async () => {
  const rows = await env.database.db
    .select({ action: auditLog.action, targetId: auditLog.targetId })
    .from(auditLog)
    .where(sql`${auditLog.action} like 'compact.%' or ${auditLog.action} = 'event.action.updated'`);
  const count = (a: string) => rows.filter((r) => r.action === a).length;
  assert.ok(count('compact.decision.created') >= 13);
  assert.ok(count('compact.action.created') >= 5);
  assert.ok(count('compact.action.updated') >= 3);
  assert.ok(rows.some((r) => r.action === 'compact.action.updated' && r.targetId === ids.late));
  assert.equal(count('event.action.updated'), 1);
});
