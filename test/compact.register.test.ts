// The Compact's register of decisions and actions: symbols without gaps or duplicates under concurrency, overdue
// computed, the one visibility rule (404 outside the body), who writes, an event's Chair's Summary actions in the same
// register, reminders sent once, the export, every input error at once, audit entries; editing decisions and actions
// (history, after the minutes' adoption), the owner-person rule, the link pickers' search and what they refuse.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { and, asc, eq, inArray, like, sql } from 'drizzle-orm';
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
import {
  compactActionLinks,
  compactActions,
  compactDecisions,
  compactRegisterChanges,
} from '../src/modules/compact/register/register.schema.ts';
import { notifications } from '../src/platform/notify/notify.schema.ts';
import { mailOutbox } from '../src/platform/mail/mail.schema.ts';
import { auditLog } from '../src/platform/audit/audit.schema.ts';
import { parseTabular } from '../src/platform/export/tabular.ts';
import { original } from '../src/platform/i18n/text.ts';
import { calendarFor, tasksFor } from '../src/platform/modules/workspace.ts';
import { Agent, dbLabel, makeTestEnv, makeUser, orgId, type TestEnv, type TestUser } from './helper.ts';
import { eventWithSegment, postForm } from './events.helpers.ts';
import { formFields, postForm as postFields } from './forms.ts';

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
  const [output] = await env.database.query<{ id: string }>('select id from compact_outputs order by code limit 1');
  ids.output = output.id;
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
    links: [{ kind: 'output', id: ids.output }],
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

// ---- Editing after creation ----

/** A JSON request with the user's API token. */
async function apiSend(u: TestUser, method: 'PUT' | 'POST', url: string, payload: unknown) {
  await api(u, '/api/v1/compact/actions?pageSize=1'); // makes the token
  return env.app.inject({
    method,
    url,
    headers: { authorization: `Bearer ${tokens.get(u.id)}`, 'content-type': 'application/json' },
    payload: payload as object,
  });
}
const changesOfRow = (where: ReturnType<typeof eq>) =>
  env.database.db.select().from(compactRegisterChanges).where(where).orderBy(asc(compactRegisterChanges.createdAt));
const decisionRow = async (id: string) =>
  (await env.database.db.select().from(compactDecisions).where(eq(compactDecisions.id, id)))[0];
const actionRow = async (id: string) =>
  (await env.database.db.select().from(compactActions).where(eq(compactActions.id, id)))[0];
const linksOf = async (id: string) =>
  (await env.database.db.select().from(compactActionLinks).where(eq(compactActionLinks.actionId, id)))
    .map((l) => `${l.targetKind}:${l.targetId}`)
    .sort();

test(`edit a decision: form and API, every error at once, nothing stored, history, audit (${dbLabel()})`, async () => {
  const d = await createDecision(await ctxOf(coord), {
    bodyId: wg.id,
    text: original('en', 'The group agrees on a work plan.'),
    decidedOn: '2026-03-10',
  });
  const url = `/compact/register/decisions/${d.id}/edit`;
  // Same rule as creation: the body's managers and the secretariat; a member 403, an outsider 404.
  assert.equal((await member.agent.get(url)).statusCode, 403);
  assert.equal((await outsider.agent.get(url)).statusCode, 404);
  const form = await chair.agent.get(url);
  assert.equal(form.statusCode, 200);
  assert.match(form.body, /The group agrees on a work plan\./);
  assert.ok(form.body.includes(d.symbol));

  const before = await decisionRow(d.id);
  const bad = await postForm(env, chair.agent, url, {
    text_en: '',
    text_en_status: 'original',
    decidedOn: '2027-01-05',
    reviewOn: 'soon',
    meetingId: '00000000-0000-4000-8000-0000000000ff',
  });
  assert.equal(bad.statusCode, 422);
  assert.match(bad.body, /There are 4 problems/);
  for (const m of [
    /Write this field in at least one language/,
    /The date must stay in 2026/,
    /Enter a date as YYYY-MM-DD/,
    /Choose a meeting of this body/,
  ])
    assert.match(bad.body, m);
  assert.deepEqual(await decisionRow(d.id), before, 'nothing stored');
  assert.equal((await changesOfRow(eq(compactRegisterChanges.decisionId, d.id))).length, 0);

  const ok = await postForm(env, chair.agent, url, {
    text_en: 'The group agrees on a work plan for 2026.',
    text_en_status: 'original',
    text_fr: 'Le groupe adopte un plan de travail pour 2026.',
    text_fr_status: 'reviewed',
    decidedOn: '2026-03-10',
    reviewOn: '2026-09-01',
    meetingId: '',
  });
  assert.equal(ok.statusCode, 303);
  const after = await decisionRow(d.id);
  assert.equal(after.symbol, d.symbol, 'the symbol never changes');
  assert.equal(after.text.fr?.status, 'reviewed');
  assert.equal(after.reviewOn, '2026-09-01');
  const [c1] = await changesOfRow(eq(compactRegisterChanges.decisionId, d.id));
  assert.deepEqual(c1.fields, ['text.en', 'text.fr', 'reviewOn']);
  assert.equal(c1.afterAdoption, false);
  // Saving the same values again stores nothing.
  const same = await postForm(env, chair.agent, url, {
    text_en: 'The group agrees on a work plan for 2026.',
    text_en_status: 'original',
    text_fr: 'Le groupe adopte un plan de travail pour 2026.',
    text_fr_status: 'reviewed',
    decidedOn: '2026-03-10',
    reviewOn: '2026-09-01',
  });
  assert.equal(same.statusCode, 303);
  assert.equal((await changesOfRow(eq(compactRegisterChanges.decisionId, d.id))).length, 1);

  // The API: PUT, every error at once, then a change.
  const apiBad = await apiSend(chair, 'PUT', `/api/v1/compact/decisions/${d.id}`, {
    text: {},
    decidedOn: '2026-02-30',
    reviewOn: '2025-01-01',
  });
  assert.equal(apiBad.statusCode, 422);
  const fields = json(apiBad.body).error.fields.map((f: { field: string }) => f.field);
  for (const f of ['text', 'decidedOn']) assert.ok(fields.includes(f), `${f} in ${fields}`);
  assert.equal((await member.agent.get(`/compact/register/decisions/${d.id}`)).statusCode, 200);
  assert.equal(
    (await apiSend(member, 'PUT', `/api/v1/compact/decisions/${d.id}`, { text: {}, decidedOn: '2026-01-01' }))
      .statusCode,
    403,
  );
  const apiOk = await apiSend(chair, 'PUT', `/api/v1/compact/decisions/${d.id}`, {
    text: after.text,
    decidedOn: '2026-03-12',
    reviewOn: '2026-09-01',
  });
  assert.equal(apiOk.statusCode, 200);
  assert.deepEqual(json(apiOk.body).changed, ['decidedOn']);
  assert.equal(json(apiOk.body).data.symbol, d.symbol);

  // The page shows who changed which fields.
  const page = await member.agent.get(`/compact/register/decisions/${d.id}`);
  assert.match(page.body, /Change history/);
  assert.match(
    page.body,
    /Changed: Text of the decision \(English\), Text of the decision \(Français\) and Review date/,
  );
  assert.match(page.body, /Changed: Date of decision/);
  const viaApi = json((await api(member, `/api/v1/compact/decisions/${d.id}`)).body);
  assert.deepEqual(
    viaApi.changes.map((c: { fields: string[] }) => c.fields),
    [['text.en', 'text.fr', 'reviewOn'], ['decidedOn']],
  );
  const audits = await env.database.db
    .select({ details: auditLog.details })
    .from(auditLog)
    .where(and(eq(auditLog.action, 'compact.decision.updated'), eq(auditLog.targetId, d.id)));
  assert.equal(audits.length, 2);
  assert.ok(
    audits.some(
      (a) => JSON.stringify((a.details as { was: unknown }).was) === JSON.stringify({ decidedOn: '2026-03-10' }),
    ),
  );
});

test(`a decision of a meeting with adopted minutes: editable, the change marked so (${dbLabel()})`, async () => {
  const [m] = await env.database.query<{ id: string }>(
    `insert into meetings (body_id, kind, title, time_zone, starts_at, ends_at, format)
     values ($1, 'working_group', '{"en":{"text":"Fourth meeting","status":"original"}}', 'UTC',
       '2026-04-01T10:00Z', '2026-04-01T12:00Z', 'virtual') returning id`,
    [wg.id],
  );
  await env.database.query(
    `insert into meeting_minutes (meeting_id, version, status, sha256, adopted_at)
     values ($1, 1, 'adopted', 'x', now())`,
    [m.id],
  );
  // A meeting of another body is refused (422), never a 500.
  await assert.rejects(
    createDecision(await ctxOf(coord), {
      bodyId: cc.id,
      text: original('en', 'Wrong meeting'),
      decidedOn: '2026-04-01',
      meetingId: m.id,
    }),
    /validation/,
  );
  const d = await createDecision(await ctxOf(coord), {
    bodyId: wg.id,
    text: original('en', 'Taken at the fourth meeting.'),
    decidedOn: '2026-04-01',
    meetingId: m.id,
  });
  const page = await chair.agent.get(`/compact/register/decisions/${d.id}`);
  assert.match(page.body, /Minutes adopted/);
  assert.match(page.body, /Fourth meeting/);
  const form = await chair.agent.get(`/compact/register/decisions/${d.id}/edit`);
  assert.match(form.body, /have been adopted\. You may still correct the decision/);
  const res = await postForm(env, chair.agent, `/compact/register/decisions/${d.id}/edit`, {
    text_en: 'Taken at the fourth meeting (corrected).',
    text_en_status: 'original',
    decidedOn: '2026-04-01',
    meetingId: m.id,
  });
  assert.equal(res.statusCode, 303);
  const [c] = await changesOfRow(eq(compactRegisterChanges.decisionId, d.id));
  assert.deepEqual([c.fields, c.afterAdoption], [['text.en'], true]);
  const shown = await member.agent.get(`/compact/register/decisions/${d.id}`);
  assert.match(shown.body, /after the minutes were adopted/);
  const [audit] = await env.database.db
    .select({ details: auditLog.details })
    .from(auditLog)
    .where(and(eq(auditLog.action, 'compact.decision.updated'), eq(auditLog.targetId, d.id)));
  assert.equal((audit.details as { minutesAdopted: boolean }).minutesAdopted, true);
});

test(`edit an action: the entity's people only, visible links only, all errors at once (${dbLabel()})`, async () => {
  const [need] = await env.database.query<{ id: string }>(
    `insert into ta_needs (state_org_id, source, descriptions)
     values ($1, 'other', '{"en":{"text":"Border screening equipment for Arcadia","status":"original"}}')
     returning id`,
    [ids['demo-state-arcadia']],
  );
  const a = await createAction(await ctxOf(coord), {
    bodyId: wg.id,
    title: original('en', 'Map the screening needs'),
    ownerOrgId: ids.unodc,
    dueOn: '2031-05-01',
    links: [{ kind: 'output', id: ids.output }],
  });
  const chairPerson = (await actorOf(chair)).personId!;
  const memberPerson = (await actorOf(member)).personId!;
  const url = `/compact/register/actions/${a.id}/edit`;
  assert.equal((await member.agent.get(url)).statusCode, 403, 'a member entity does not edit');
  assert.equal((await outsider.agent.get(url)).statusCode, 404);

  // The owner-person picker: people grouped by entity, each group named by its entity.
  const form = await chair.agent.get(url);
  assert.equal(form.statusCode, 200);
  assert.match(form.body, new RegExp(`<optgroup label="[^"]+" data-group="${ids.unodc}">`));
  assert.match(form.body, /src="\/static\/register\.js"/);

  // The link search: a need the editor may not read never appears, on the page and in the API.
  const q = encodeURIComponent('border screening');
  const byChair = await chair.agent.get(`${url}?q=${q}`);
  assert.equal(byChair.statusCode, 200);
  assert.doesNotMatch(byChair.body, /Border screening equipment/);
  assert.match(byChair.body, /Nothing found that you may link/);
  const byCoord = await coord.agent.get(`${url}?q=${q}&kind=need`);
  assert.match(byCoord.body, new RegExp(`name="link" value="need:${need.id}"`));
  assert.match(byCoord.body, /Border screening equipment/);
  const apiChair = json((await api(chair, `/api/v1/compact/link-targets?q=${q}`)).body);
  assert.ok(!apiChair.data.some((h: { id: string }) => h.id === need.id));
  const apiCoord = json((await api(coord, `/api/v1/compact/link-targets?q=${q}&kind=need`)).body);
  assert.deepEqual(
    apiCoord.data.map((h: { kind: string; id: string }) => `${h.kind}:${h.id}`),
    [`need:${need.id}`],
  );
  // A "Link" button (GET, without JavaScript) carries the chosen links along.
  const picked = await coord.agent.get(`${url}?picked=1&link=output:${ids.output}&link=need:${need.id}`);
  assert.match(picked.body, new RegExp(`name="link" value="need:${need.id}" checked`));

  // Every error at once, nothing stored: a person of another entity, an invisible need, a bad date and pillar.
  const before = await actionRow(a.id);
  const bad = await postForm(env, chair.agent, url, {
    title_en: '',
    title_en_status: 'original',
    ownerOrgId: ids.unodc,
    ownerPersonId: memberPerson,
    dueOn: '2031-02-30x',
    pillar: 'pillar-9',
    link: [`output:${ids.output}`, `need:${need.id}`],
  });
  assert.equal(bad.statusCode, 422);
  assert.match(bad.body, /There are 5 problems/);
  for (const m of [
    /Write this field in at least one language/,
    /Choose a person of the owner entity/,
    /Enter a date as YYYY-MM-DD/,
    /Choose one of the options/,
    /One link names something you cannot link/,
  ])
    assert.match(bad.body, m);
  assert.deepEqual(await actionRow(a.id), before);
  assert.deepEqual(await linksOf(a.id), [`output:${ids.output}`]);
  const apiBad = await apiSend(chair, 'PUT', `/api/v1/compact/actions/${a.id}`, {
    title: {},
    ownerOrgId: ids.unodc,
    ownerPersonId: memberPerson,
    dueOn: 'soon',
    pillar: 'pillar-9',
    links: [{ kind: 'need', id: need.id }],
  });
  assert.equal(apiBad.statusCode, 422);
  assert.deepEqual([...new Set(json(apiBad.body).error.fields.map((f: { field: string }) => f.field))].sort(), [
    'dueOn',
    'links',
    'ownerPersonId',
    'pillar',
    'title',
  ]);
  assert.deepEqual(await actionRow(a.id), before);
  assert.equal((await changesOfRow(eq(compactRegisterChanges.actionId, a.id))).length, 0);

  // A valid edit: the owner entity's own person, a pillar, a new due date; the output stays linked.
  const ok = await postForm(env, chair.agent, url, {
    title_en: 'Map the screening needs of the region',
    title_en_status: 'original',
    ownerOrgId: ids.unodc,
    ownerPersonId: chairPerson,
    dueOn: '2031-06-30',
    pillar: 'pillar-2',
    link: [`output:${ids.output}`],
  });
  assert.equal(ok.statusCode, 303);
  const saved = await actionRow(a.id);
  assert.deepEqual([saved.ownerPersonId, saved.dueOn, saved.pillar], [chairPerson, '2031-06-30', 'pillar-2']);
  const [c] = await changesOfRow(eq(compactRegisterChanges.actionId, a.id));
  assert.deepEqual(c.fields, ['title.en', 'ownerPersonId', 'dueOn', 'pillar']);
  // The coordinator (who may read the need) links it through the API; the chair then sets her list without it:
  // the need she cannot see stays.
  const linked = await apiSend(coord, 'PUT', `/api/v1/compact/actions/${a.id}`, {
    title: saved.title,
    ownerOrgId: ids.unodc,
    ownerPersonId: chairPerson,
    dueOn: '2031-06-30',
    pillar: 'pillar-2',
    links: [
      { kind: 'output', id: ids.output },
      { kind: 'need', id: need.id },
    ],
  });
  assert.equal(linked.statusCode, 200);
  assert.deepEqual(json(linked.body).changed, ['links']);
  const cleared = await postForm(env, chair.agent, url, {
    title_en: 'Map the screening needs of the region',
    title_en_status: 'original',
    ownerOrgId: ids.unodc,
    ownerPersonId: chairPerson,
    dueOn: '2031-06-30',
    pillar: 'pillar-2',
  });
  assert.equal(cleared.statusCode, 303);
  assert.deepEqual(await linksOf(a.id), [`need:${need.id}`]);
  // The action's page: the pillar, the history (who, which fields).
  const page = await member.agent.get(`/compact/register/actions/${a.id}`);
  assert.match(page.body, /Change history/);
  assert.match(page.body, /Changed: Action \(English\), Owner person, Due date and Pillar/);
  assert.match(page.body, /Changed: What it serves/);
  const viaApi = json((await api(member, `/api/v1/compact/actions/${a.id}`)).body);
  assert.equal(viaApi.data.pillar, 'pillar-2');
  assert.equal(viaApi.changes.length, 3);
  const audits = await env.database.db
    .select({ details: auditLog.details })
    .from(auditLog)
    .where(and(eq(auditLog.action, 'compact.action.edited'), eq(auditLog.targetId, a.id)));
  assert.equal(audits.length, 3);
  assert.ok(
    audits.some((x) => (x.details as { linksRemoved: string[] }).linksRemoved?.includes(`output:${ids.output}`)),
  );

  // Creation refuses the same: a need the creator may not read, a person of another entity.
  const created = await postForm(env, chair.agent, '/compact/register/actions', {
    bodyId: wg.id,
    title_en: 'Another',
    title_en_status: 'original',
    ownerOrgId: ids.unodc,
    ownerPersonId: memberPerson,
    dueOn: '2031-01-01',
    link: `need:${need.id}`,
  });
  assert.equal(created.statusCode, 422);
  assert.match(created.body, /There are 2 problems/);

  // An event's follow-up action is edited on the event's page.
  const [ev] = await env.database.db.select().from(compactActions).where(eq(compactActions.sourceKind, 'event'));
  assert.equal((await coord.agent.get(`/compact/register/actions/${ev.id}/edit`)).statusCode, 409);
});

test(`the edit forms posted back unchanged store nothing: no history, the same rows (${dbLabel()})`, async () => {
  const d = await createDecision(await ctxOf(coord), {
    bodyId: wg.id,
    text: { en: { text: 'Resaved decision', status: 'original' }, ar: { text: 'مقرر', status: 'machine' } },
    decidedOn: '2026-07-01',
    reviewOn: '2026-12-01',
  });
  const a = await createAction(await ctxOf(coord), {
    decisionId: d.id,
    title: { en: { text: 'Resaved action', status: 'original' }, zh: { text: '行动', status: 'draft' } },
    ownerOrgId: ids.unodc,
    ownerPersonId: (await actorOf(chair)).personId,
    dueOn: '2031-07-01',
    pillar: 'pillar-3',
    links: [{ kind: 'output', id: ids.output }],
  });
  const before = [await decisionRow(d.id), await actionRow(a.id), await linksOf(a.id)];
  for (const [page, action] of [
    [`/compact/register/decisions/${d.id}/edit`, `/compact/register/decisions/${d.id}/edit`],
    [`/compact/register/actions/${a.id}/edit`, `/compact/register/actions/${a.id}/edit`],
  ]) {
    const html = (await chair.agent.get(page)).body;
    const fields = formFields(html, `form[action="${action}"]`);
    assert.ok(!fields.some(([k]) => k === 'q'), 'the search box belongs to the search form');
    const res = await postFields(env.app, chair.agent, action, fields);
    assert.equal(res.statusCode, 303, `${action}: ${res.body.slice(0, 300)}`);
  }
  assert.deepEqual([await decisionRow(d.id), await actionRow(a.id), await linksOf(a.id)], before);
  assert.equal((await changesOfRow(eq(compactRegisterChanges.decisionId, d.id))).length, 0);
  assert.equal((await changesOfRow(eq(compactRegisterChanges.actionId, a.id))).length, 0);
});
