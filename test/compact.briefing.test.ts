// The briefing pack to the Counter-Terrorism Committee: figures equal independent SQL counts over seeded data for a
// period (and exclude what lies outside it), confidential text and unlisted CSOs never appear (page, API, snapshot),
// versions and immutability (service and a raw UPDATE refused), approvals by both co-chairs before circulation,
// circulation notifies once, bad input answers 4xx; the pack in six languages, Arabic right-to-left.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { createBriefing, getBriefing, type Snapshot } from '../src/modules/compact/index.ts';
import { updateBriefingSnapshot } from '../src/modules/compact/briefing/briefing.service.ts';
import type { UserActor } from '../src/platform/auth/policy.ts';
import { dbLabel, makeTestEnv, makeUser, orgId, type TestEnv, type TestUser } from './helper.ts';

let env: TestEnv;
let coordinator: TestUser; // UNOCT, secretariat: generates, approves for UNOCT, circulates
let ctedFocal: TestUser; // CTED's focal point: approves for CTED
let outsider: TestUser; // UNODC's focal point: not on the CTC briefing body
const FROM = '2025-01-01';
const TO = '2025-06-30';
const SECRET_NEED = 'CONFIDENTIAL-NEED-TEXT-7f3a';
const UNLISTED_CSO = 'Quietwater Unlisted Collective 9c2e';
const INVITED_TITLE = 'Invitation-only closed meeting 5d1b';
const RECOMMENDATION = 'Strengthen fictional border data sharing 81aa';

const rowsOf = <T>(r: unknown): T[] => ((r as { rows?: T[] }).rows ?? (r as T[])) as T[];
const q = async <T = Record<string, unknown>>(s: ReturnType<typeof sql>) => rowsOf<T>(await env.database.db.execute(s));
const text = (en: string) => JSON.stringify({ en: { text: en, status: 'original' } });

before(async () => {
  env = await makeTestEnv();
  coordinator = await makeUser(env, 'coordinator', { orgSlug: 'unoct', focalPoint: true });
  ctedFocal = await makeUser(env, 'entity_focal_point', { orgSlug: 'cted', focalPoint: true });
  outsider = await makeUser(env, 'entity_focal_point', { orgSlug: 'unodc', focalPoint: true });
  const db = env.database.db;
  // Fictional States only.
  const [a] = await q<{ id: string }>(sql`insert into organizations (slug, type, names, regional_group, is_demo)
    values ('briefing-state-a', 'member_state', '{"en":"Republic of Aurelia (fictional)"}', 'african', true)
    returning id`);
  const [b] = await q<{ id: string }>(sql`insert into organizations (slug, type, names, regional_group, is_demo)
    values ('briefing-state-b', 'member_state', '{"en":"Borealia (fictional)"}', 'eastern_european', true)
    returning id`);
  const [cso] = await q<{ id: string }>(sql`insert into organizations (slug, type, names, public_listing, is_demo)
    values ('briefing-unlisted-cso', 'cso', ${JSON.stringify({ en: UNLISTED_CSO })}, false, true) returning id`);
  const unoct = await orgId(env, 'unoct');
  // Visits: inside (3 made, 1 planned, 1 cancelled) and outside the period.
  const visit = (state: string, type: string, start: string, status: string) =>
    q<{ id: string }>(sql`insert into assessment_visits (state_org_id, type, start_date, end_date, status, is_demo)
      values (${state}, ${type}::visit_type, ${start}::date, ${start}::date, ${status}::visit_status, true)
      returning id`);
  const [v1] = await visit(a!.id, 'comprehensive', '2025-02-01', 'conducted');
  await visit(a!.id, 'focused', '2025-03-10', 'report_adopted');
  await visit(b!.id, 'follow_up', '2025-06-30', 'report_drafted');
  await visit(b!.id, 'focused', '2025-04-01', 'planned');
  await visit(b!.id, 'focused', '2025-04-02', 'cancelled');
  await visit(a!.id, 'comprehensive', '2024-12-31', 'conducted');
  await visit(b!.id, 'comprehensive', '2025-07-01', 'conducted');
  // Needs: inside and outside; one confidential (from the visit, without consent).
  const need = async (state: string, pillars: string[], at: string, desc: string, visitId: string | null = null) =>
    (
      await q<{ id: string }>(sql`insert into ta_needs (state_org_id, source, visit_id, pillars, descriptions,
        created_at, is_demo) values (${state}, ${visitId ? 'assessment_visit' : 'other'}::need_source, ${visitId},
        ${`{${pillars.join(',')}}`}::text[], ${desc}::jsonb, ${at}::timestamptz, true) returning id`)
    )[0]!.id;
  const n1 = await need(a!.id, ['pillar-1', 'pillar-2'], '2025-01-15T10:00:00Z', text(SECRET_NEED), v1!.id);
  const n2 = await need(a!.id, ['pillar-2'], '2025-03-15T10:00:00Z', text('Need two'));
  const n3 = await need(b!.id, ['pillar-4'], '2025-06-30T22:00:00Z', text('Need three'));
  const n4 = await need(b!.id, ['pillar-1'], '2024-12-31T22:00:00Z', text('Need before'));
  await need(b!.id, ['pillar-3'], '2025-07-01T01:00:00Z', text('Need after'));
  // Projects answering needs: p1 answers n1 (agreed, in the period) and n4 (delivered, in the period); p2 proposes.
  const project = async (budget: number, received: number) =>
    (
      await q<{ id: string }>(sql`insert into projects (kind, titles, lead_org_id, budget_usd, funds_received_usd,
        status, pillars, is_demo) values ('project', ${text('A project')}::jsonb, ${unoct}, ${budget}, ${received},
        'active', '{pillar-1}', true) returning id`)
    )[0]!.id;
  const p1 = await project(1_000_000, 250_000);
  const p2 = await project(500_000, 0);
  const link = (p: string, n: string, status: string, at: string) =>
    q(sql`insert into project_needs (project_id, need_id, status, covered_percent, created_at)
      values (${p}, ${n}, ${status}::link_status, 50, ${at}::timestamptz)`);
  await link(p1, n1, 'agreed', '2025-02-01T00:00:00Z');
  await link(p1, n4, 'delivered', '2025-05-01T00:00:00Z');
  await link(p2, n2, 'proposed', '2025-05-01T00:00:00Z');
  await link(p2, n3, 'agreed', '2025-08-01T00:00:00Z');
  // Events: a public one with registrations (an unlisted CSO among them) and a recommendation, a platform one with
  // published figures, an invited one (left out), one outside the period.
  const event = async (slug: string, title: string, at: string, visibility: string, figures: unknown = null) =>
    (
      await q<{ id: string }>(sql`insert into events (slug, type, status, title, format, time_zone, starts_at,
        ends_at, visibility, published_figures, is_demo) values (${slug}, 'conference', 'published',
        ${text(title)}::jsonb, 'in_person', 'UTC', ${at}::timestamptz, ${at}::timestamptz + interval '1 day',
        ${visibility}::event_visibility, ${figures ? JSON.stringify(figures) : null}::jsonb, true) returning id`)
    )[0]!.id;
  const e1 = await event('briefing-e1', 'Fictional regional conference', '2025-03-01T09:00:00Z', 'public');
  const figure = (kind: string, value: number) => ({
    kind,
    value,
    qualifier: 'exact',
    mode: null,
    orgKinds: [],
    source: 0,
  });
  await event('briefing-e2', 'Platform roundtable', '2025-05-05T09:00:00Z', 'platform', {
    sources: [{ label: { en: { text: 'organizer', status: 'original' } }, url: null, quote: null, quoteLang: null }],
    figures: [figure('participants', 40), figure('memberStates', 12)],
  });
  await event('briefing-e3', INVITED_TITLE, '2025-04-04T09:00:00Z', 'invited');
  await event('briefing-e4', 'Outside conference', '2025-07-02T09:00:00Z', 'public');
  const reg = (org: string, type: string, i: number) =>
    q(sql`insert into event_registrations (event_id, full_name, email, status, organization_id, org_type)
      values (${e1}, ${`Person ${i}`}, ${`p${i}@example.org`}, 'accepted', ${org}, ${type}::org_type)`);
  await reg(a!.id, 'member_state', 1);
  await reg(b!.id, 'member_state', 2);
  await reg(cso!.id, 'cso', 3);
  await q(sql`insert into event_summary_items (event_id, kind, sort, language, body)
    values (${e1}, 'recommendation', 1, 'en', ${RECOMMENDATION})`);
  // The register: decisions in and out of the period; actions with statuses, one overdue, one owned by the CSO.
  const [body] = await q<{ id: string }>(sql`select id from compact_bodies where slug = 'coordination-committee'`);
  const decision = (n: number, on: string) =>
    q(sql`insert into compact_decisions (body_id, year, number, symbol, text, decided_on)
      values (${body!.id}, 2025, ${n}, ${`CC/2025/${n}`}, ${text(`Decision ${n}`)}::jsonb, ${on}::date)`);
  await decision(1, '2025-02-02');
  await decision(2, '2025-06-30');
  await decision(3, '2025-07-01');
  const action = (title: string, status: string, due: string | null, owner: string | null, at: string) =>
    q(sql`insert into compact_actions (body_id, source_kind, title, owner_org_id, status, due_on, created_at)
      values (${body!.id}, 'decision', ${text(title)}::jsonb, ${owner}, ${status}, ${due}::date,
        ${at}::timestamptz)`);
  await action('Open overdue', 'open', '2025-03-01', unoct, '2025-02-03T00:00:00Z');
  await action('In progress', 'in_progress', '2999-01-01', cso!.id, '2024-06-01T00:00:00Z');
  await action('Done in period', 'done', null, unoct, '2025-04-01T00:00:00Z');
  await action('Done before', 'done', null, unoct, '2024-04-01T00:00:00Z');
  void db;
});
after(async () => {
  await env?.close();
});

async function apiCreate(user: TestUser, body: Record<string, string>) {
  return user.agent.post('/compact/briefings', body);
}
const idFrom = (loc: string) => /\/compact\/briefings\/([0-9a-f-]{36})/.exec(loc)?.[1] ?? '';

let packId = '';
let snapshot: Snapshot;
const section = <T>(key: string) => snapshot.sections.find((s) => s.key === key)!.figures as T;

test(`the pack's figures equal independent SQL counts for the period (${dbLabel()})`, async () => {
  const res = await apiCreate(coordinator, { from: FROM, to: TO });
  assert.equal(res.statusCode, 303, res.body.slice(0, 500));
  packId = idFrom(String(res.headers.location));
  const [row] = await q<{ snapshot: Snapshot }>(sql`select snapshot from compact_briefings where id = ${packId}`);
  snapshot = row!.snapshot;
  assert.deepEqual(
    snapshot.sections.map((s) => s.key),
    ['visits', 'needs', 'events', 'register'],
  );

  // Visits by region and type.
  const visits = section<{
    total: number;
    byRegion: { key: string; count: number }[];
    byType: { key: string; count: number }[];
  }>('visits');
  const vr = await q<{ key: string; n: number }>(sql`select coalesce(o.regional_group::text, 'none') as key,
    count(*)::int as n from assessment_visits v join organizations o on o.id = v.state_org_id
    where v.status in ('conducted', 'report_drafted', 'report_adopted') and v.start_date between ${FROM} and ${TO}
    group by 1 order by 1`);
  assert.deepEqual(
    visits.byRegion.map((r) => ({ key: r.key, n: r.count })).sort((x, y) => x.key.localeCompare(y.key)),
    vr.map((r) => ({ key: r.key, n: Number(r.n) })),
  );
  const vt = await q<{ key: string; n: number }>(sql`select type::text as key, count(*)::int as n
    from assessment_visits where status in ('conducted', 'report_drafted', 'report_adopted')
    and start_date between ${FROM} and ${TO} group by 1`);
  for (const t of visits.byType) assert.equal(t.count, Number(vt.find((r) => r.key === t.key)?.n ?? 0), t.key);
  assert.equal(
    visits.total,
    3 +
      Number(
        (
          await q<{ n: number }>(sql`select count(*)::int as n from assessment_visits
    where status in ('conducted', 'report_drafted', 'report_adopted') and start_date between ${FROM} and ${TO}
    and state_org_id not in (select id from organizations where slug like 'briefing-state-%')`)
        )[0]!.n,
      ),
  );

  // Needs identified by pillar and region, with coverage (answered by a link beyond "proposed").
  type NeedRow = { key: string; needs: number; answered: number; coverage: number };
  const needs = section<{
    identified: { total: NeedRow; byPillar: NeedRow[]; byRegion: NeedRow[] };
    addressed: { total: NeedRow; byPillar: NeedRow[]; byRegion: NeedRow[] };
    response: { projects: number; needsAnswered: number; budgetUsd: number; receivedUsd: number; gapUsd: number };
  }>('needs');
  const inPeriod = sql`n.created_at >= ${FROM}::date and n.created_at < ${TO}::date + 1`;
  const answered = sql`exists (select 1 from project_needs pn where pn.need_id = n.id and pn.status <> 'proposed')`;
  const byPillar = await q<{ key: string; n: number; a: number }>(sql`select p as key, count(*)::int as n,
    (count(*) filter (where ${answered}))::int as a from ta_needs n, unnest(n.pillars) p where ${inPeriod}
    group by p`);
  for (const r of needs.identified.byPillar) {
    const x = byPillar.find((y) => y.key === r.key);
    assert.equal(r.needs, Number(x?.n ?? 0), r.key);
    assert.equal(r.answered, Number(x?.a ?? 0), r.key);
  }
  const byRegion = await q<{ key: string; n: number; a: number }>(sql`select coalesce(o.regional_group::text,
    'none') as key, count(*)::int as n, (count(*) filter (where ${answered}))::int as a from ta_needs n
    join organizations o on o.id = n.state_org_id where ${inPeriod} group by 1 order by 1`);
  assert.deepEqual(
    needs.identified.byRegion
      .map((r) => ({ key: r.key, n: r.needs, a: r.answered }))
      .sort((x, y) => x.key.localeCompare(y.key)),
    byRegion.map((r) => ({ key: r.key, n: Number(r.n), a: Number(r.a) })),
  );
  const aurelia = needs.identified.byRegion.find((r) => r.key === 'african')!;
  assert.equal(aurelia.coverage, Math.round((aurelia.answered / aurelia.needs) * 1000) / 10);
  // Addressed: first answering link made in the period (n1 and n4; n3's link is after, n2's only proposed).
  const [addr] = await q<{ n: number }>(sql`select count(*)::int as n from ta_needs n where (select min(pn.created_at)
    from project_needs pn where pn.need_id = n.id and pn.status <> 'proposed') between ${FROM}::date
    and ${TO}::date + interval '1 day' - interval '1 microsecond'`);
  assert.equal(needs.addressed.total.needs, Number(addr!.n));
  // Response: projects with an answering link made in the period; their funding gap.
  const [resp] = await q<{ n: number; budget: string; gap: string }>(sql`select count(*)::int as n,
    coalesce(sum(budget_usd), 0)::bigint as budget,
    coalesce(sum(greatest(coalesce(budget_usd, 0) - coalesce(funds_received_usd, 0), 0)), 0)::bigint as gap
    from projects where id in (select project_id from project_needs where status <> 'proposed'
    and created_at >= ${FROM}::date and created_at < ${TO}::date + 1)`);
  assert.equal(needs.response.projects, Number(resp!.n));
  assert.equal(needs.response.budgetUsd, Number(resp!.budget));
  assert.equal(needs.response.gapUsd, Number(resp!.gap));

  // Events held: public and platform, not invited, not outside; participation from registrations or reported.
  const events = section<{
    total: number;
    events: { slug: string; figures: { participants: number } | null; recommendations: { body: string }[] }[];
  }>('events');
  const [ev] = await q<{ n: number }>(sql`select count(*)::int as n from events where status = 'published'
    and visibility in ('public', 'platform') and starts_at >= ${FROM}::date and starts_at < ${TO}::date + 1`);
  assert.equal(events.total, Number(ev!.n));
  const e1 = events.events.find((e) => e.slug === 'briefing-e1')!;
  const [regs] = await q<{ n: number }>(sql`select count(*)::int as n from event_registrations r join events e
    on e.id = r.event_id where e.slug = 'briefing-e1' and r.status = 'accepted'`);
  assert.equal(e1.figures?.participants, Number(regs!.n));
  assert.deepEqual(
    e1.recommendations.map((r) => r.body),
    [RECOMMENDATION],
  );
  assert.equal(events.events.find((e) => e.slug === 'briefing-e2')?.figures?.participants, 40);
  assert.ok(!events.events.some((e) => e.slug === 'briefing-e3' || e.slug === 'briefing-e4'));

  // Decisions of the period and actions by status (overdue as of the day of generation).
  const register = section<{
    decisions: { symbol: string }[];
    actions: { byStatus: { key: string; count: number }[]; overdue: number; total: number };
  }>('register');
  const [dec] = await q<{ n: number }>(sql`select count(*)::int as n from compact_decisions
    where decided_on between ${FROM} and ${TO}`);
  assert.equal(register.decisions.length, Number(dec!.n));
  assert.ok(!register.decisions.some((d) => d.symbol === 'CC/2025/3'));
  const st = await q<{ status: string; n: number; overdue: number }>(sql`select status, count(*)::int as n,
    (count(*) filter (where status in ('open', 'in_progress') and due_on < current_date))::int as overdue
    from compact_actions where body_id is not null and (status in ('open', 'in_progress')
    or (created_at >= ${FROM}::date and created_at < ${TO}::date + 1)) group by status`);
  for (const s of register.actions.byStatus)
    assert.equal(s.count, Number(st.find((r) => r.status === s.key)?.n ?? 0), s.key);
  assert.equal(
    register.actions.overdue,
    st.reduce((x, r) => x + Number(r.overdue), 0),
  );
  assert.ok(register.actions.overdue >= 1);
});

test(`confidential text and unlisted CSOs never appear: page, API, snapshot (${dbLabel()})`, async () => {
  const page = await coordinator.agent.get(`/compact/briefings/${packId}`);
  assert.equal(page.statusCode, 200);
  const api = await env.app.inject({
    method: 'GET',
    url: `/api/v1/compact/briefings/${packId}`,
    headers: {
      cookie: `${[...coordinator.agent.cookies].map(([k, v]) => `${k}=${v}`).join('; ')}`,
      accept: 'application/json',
    },
  });
  const json = JSON.stringify(snapshot);
  for (const [where, body] of [
    ['page', page.body],
    ['api', api.body],
    ['snapshot', json],
  ] as const) {
    assert.ok(!body.includes(SECRET_NEED), `${where}: a need's description`);
    assert.ok(!body.includes(UNLISTED_CSO), `${where}: an unlisted CSO`);
    assert.ok(!body.includes(INVITED_TITLE), `${where}: an invitation-only event`);
    assert.ok(!body.includes('Aurelia') && !body.includes('Borealia'), `${where}: a State's name`);
  }
  assert.ok(page.body.includes(RECOMMENDATION));
});

test(`the pack in six languages; Arabic right-to-left, numbers per locale (${dbLabel()})`, async () => {
  for (const lang of ['ar', 'zh', 'en', 'fr', 'ru', 'es']) {
    const res = await coordinator.agent.get(`/compact/briefings/${packId}?lang=${lang}`);
    assert.equal(res.statusCode, 200, lang);
    assert.match(res.body, new RegExp(`<html[^>]*lang="${lang}"`), lang);
    if (lang === 'ar') assert.match(res.body, /<html[^>]*dir="rtl"/);
  }
  const fr = await coordinator.agent.get(`/compact/briefings/${packId}?lang=fr`);
  assert.ok(fr.body.includes('Dossier d’exposé au Comité contre le terrorisme'));
  assert.match(fr.body, /1\u202f000\u202f000|1 000 000/); // a budget in French digits grouping
});

test(`versions; approved packs are immutable — service and raw UPDATE refused (${dbLabel()})`, async () => {
  const again = await apiCreate(coordinator, { from: FROM, to: TO });
  const second = idFrom(String(again.headers.location));
  const [v] = await q<{ version: number }>(sql`select version from compact_briefings where id = ${second}`);
  assert.equal(Number(v!.version), 2);
  // Both co-chairs approve version 1.
  const one = await coordinator.agent.post(`/compact/briefings/${packId}/approve`, {});
  assert.equal(one.statusCode, 303);
  const twice = await coordinator.agent.post(`/compact/briefings/${packId}/approve`, {});
  assert.equal(twice.statusCode, 409);
  // After one approval the snapshot is already frozen.
  await assert.rejects(() =>
    env.database.db.execute(sql`update compact_briefings set snapshot = '{}'::jsonb where id = ${packId}`),
  );
  const two = await ctedFocal.agent.post(`/compact/briefings/${packId}/approve`, {});
  assert.equal(two.statusCode, 303);
  const [s] = await q<{ status: string }>(sql`select status from compact_briefings where id = ${packId}`);
  assert.equal(s!.status, 'approved');
  await assert.rejects(() =>
    env.database.db.execute(sql`update compact_briefings set snapshot = '{"x":1}'::jsonb where id = ${packId}`),
  );
  await assert.rejects(() =>
    env.database.db.execute(sql`update compact_briefings set sha256 = 'x' where id = ${packId}`),
  );
  await assert.rejects(() => env.database.db.execute(sql`delete from compact_briefings where id = ${packId}`));
  const ctx = { db: env.database.db, actor: await actorOf(coordinator) };
  await assert.rejects(
    () => updateBriefingSnapshot(ctx, packId, snapshot),
    (e: { status?: number }) => e.status === 409,
  );
  const d = await getBriefing(ctx, packId);
  assert.deepEqual(d.snapshot, snapshot);
  assert.equal(d.approvals.length, 2);
  assert.ok(d.approvals.every((a) => a.userLabel && a.approvedAt));
  // A draft's snapshot may still be replaced by the service (not once approved).
  await updateBriefingSnapshot(ctx, second, snapshot);
  // Audit: created, approved (twice), each with the snapshot's SHA-256.
  const audit = await q<{ action: string; details: { sha256?: string } }>(sql`select action, details from audit_log
    where target_id = ${packId} order by id`);
  assert.deepEqual(
    audit.map((a) => a.action),
    ['compact.briefing.created', 'compact.briefing.approved', 'compact.briefing.approved'],
  );
  assert.ok(audit.every((a) => typeof a.details.sha256 === 'string' && a.details.sha256.length === 64));
});

async function actorOf(u: TestUser): Promise<UserActor> {
  const { loadActor } = await import('../src/modules/access/access.service.ts');
  return (await loadActor(env.database.db, u.id, 'session', true, []))!.actor as UserActor;
}

test(`circulation needs both approvals (409), the secretariat (403), and notifies once (${dbLabel()})`, async () => {
  const ctx = { db: env.database.db, actor: await actorOf(coordinator), config: env.config };
  const draft = await createBriefing(ctx, { from: '2025-01-01', to: '2025-03-31' });
  assert.equal((await coordinator.agent.post(`/compact/briefings/${draft.id}/circulate`, {})).statusCode, 409);
  await coordinator.agent.post(`/compact/briefings/${draft.id}/approve`, {});
  assert.equal((await coordinator.agent.post(`/compact/briefings/${draft.id}/circulate`, {})).statusCode, 409);
  // Not on the body: neither reads nor approves.
  assert.equal((await outsider.agent.get('/compact/briefings')).statusCode, 403);
  assert.equal((await outsider.agent.post(`/compact/briefings/${draft.id}/approve`, {})).statusCode, 403);
  // A co-chair's focal point does not circulate.
  await ctedFocal.agent.post(`/compact/briefings/${draft.id}/approve`, {});
  assert.equal((await ctedFocal.agent.post(`/compact/briefings/${draft.id}/circulate`, {})).statusCode, 403);
  const done = await coordinator.agent.post(`/compact/briefings/${draft.id}/circulate`, {});
  assert.equal(done.statusCode, 303);
  const again = await coordinator.agent.post(`/compact/briefings/${draft.id}/circulate`, {});
  assert.equal(again.statusCode, 409);
  const notes = await q<{ user_id: string }>(sql`select user_id from notifications
    where dedupe_key like ${`briefing:circulated:${draft.id}:%`}`);
  assert.ok(notes.length >= 2, `notified ${notes.length}`);
  assert.equal(new Set(notes.map((n) => n.user_id)).size, notes.length);
  assert.ok(notes.some((n) => n.user_id === ctedFocal.id));
  const [s] = await q<{ status: string }>(sql`select status from compact_briefings where id = ${draft.id}`);
  assert.equal(s!.status, 'circulated');
  await assert.rejects(() =>
    env.database.db.execute(sql`update compact_briefings set status = 'draft' where id = ${draft.id}`),
  );
  const page = await ctedFocal.agent.get(`/compact/briefings/${draft.id}`);
  assert.equal(page.statusCode, 200);
});

test(`bad input answers 4xx, every error at once (${dbLabel()})`, async () => {
  const form = await coordinator.agent.post('/compact/briefings', { from: '2025-13-01', to: '' });
  assert.equal(form.statusCode, 422);
  assert.match(form.body, /f-from/);
  assert.match(form.body, /f-to/);
  const order = await coordinator.agent.post('/compact/briefings', { from: '2025-06-01', to: '2025-01-01' });
  assert.equal(order.statusCode, 422);
  const future = await coordinator.agent.post('/compact/briefings', { from: '2025-01-01', to: '2999-01-01' });
  assert.equal(future.statusCode, 422);
  const newForm = await coordinator.agent.get('/compact/briefings/new');
  assert.equal(newForm.statusCode, 200);
  assert.match(newForm.body, /name="from"[^>]*value="\d{4}-\d{2}-\d{2}"|value="\d{4}-\d{2}-\d{2}"[^>]*name="from"/);
  assert.equal((await coordinator.agent.get(`/compact/briefings/${randomUUID()}`)).statusCode, 404);
  assert.equal((await coordinator.agent.get('/compact/briefings/not-a-uuid')).statusCode, 404);
  const api = await env.app.inject({
    method: 'POST',
    url: '/api/v1/compact/briefings',
    headers: { authorization: 'Bearer nope', 'content-type': 'application/json' },
    payload: { from: 'x' },
  });
  assert.ok(api.statusCode >= 400 && api.statusCode < 500);
  const list = await coordinator.agent.get('/compact/briefings');
  assert.equal(list.statusCode, 200);
  assert.match(list.body, /briefings\/[0-9a-f-]{36}/);
});
