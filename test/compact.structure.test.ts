// The Compact's structure: bodies, their members and representatives, the one visibility rule (SQL and JS twin),
// the seeded reference structure, pages, API and membership management.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import type { Role } from '../src/platform/auth/auth.schema.ts';
import { ANONYMOUS, type Actor, type UserActor } from '../src/platform/auth/policy.ts';
import {
  bodyMemberOrgIds,
  bodyPeople,
  bodyRef,
  bodyVisibleSql,
  canManageBody,
  canSeeBody,
  getBody,
  groupsOfOrgsSql,
  listBodies,
} from '../src/modules/compact/index.ts';
import { seedCompact } from '../src/modules/compact/compact.seed.ts';
import { createApiToken, loadActor } from '../src/modules/access/access.service.ts';
import { dbLabel, makeTestEnv, makeUser, orgId, type TestEnv, type TestUser, CONFIRMED } from './helper.ts';

let env: TestEnv;
before(async () => {
  env = await makeTestEnv();
});
after(async () => {
  await env?.close();
});

const actor = (role: Role, orgIds: string[] = [], focalOrgIds: string[] = []): UserActor => ({
  kind: 'user',
  userId: '00000000-0000-4000-8000-000000000000',
  email: 'x@example.org',
  name: 'X',
  role,
  personId: null,
  orgIds,
  focalOrgIds,
  mfa: true,
  via: 'session',
  scopes: [],
});

const rowsOf = <T>(r: unknown): T[] => ((r as { rows?: T[] }).rows ?? (r as T[])) as T[];

/** The bodies the SQL rule lets the actor see, by slug. */
async function visibleBySql(a: Actor): Promise<string[]> {
  const rows = await env.database.db.execute(
    sql`select b.slug from compact_bodies b where ${bodyVisibleSql(a, sql.raw('b.id'))} order by b.slug`,
  );
  return rowsOf<{ slug: string }>(rows).map((r) => r.slug);
}
async function visibleByJs(a: Actor): Promise<string[]> {
  const out: string[] = [];
  for (const b of await listBodies(env.database.db))
    if (canSeeBody(a, await bodyRef(env.database.db, b.id))) out.push(b.slug);
  return out.sort();
}

test('bodies API: list, get by id or slug, the working groups keep their ids ' + `(${dbLabel()})`, async () => {
  const bodies = await listBodies(env.database.db, 'fr');
  assert.equal(bodies[0].kind, 'coordination_committee');
  assert.ok(bodies.some((b) => b.kind === 'heads_meeting' && b.symbolPrefix === 'HM'));
  assert.ok(bodies.some((b) => b.kind === 'ctc_briefing' && b.symbolPrefix === 'CTC'));
  const wg = bodies.find((b) => b.kind === 'working_group')!;
  assert.ok(wg.workingGroupId);
  assert.equal((await getBody(env.database.db, wg.slug))?.id, wg.id);
  assert.equal((await getBody(env.database.db, wg.id))?.slug, wg.slug);
  assert.equal(await getBody(env.database.db, 'no-such-body'), null);
  const count = async () =>
    (
      await env.database.query<{ n: string }>(
        `select (select count(*) from compact_bodies) || '/' || (select count(*) from compact_body_members) || '/' ||
           (select count(*) from compact_priorities) || '/' || (select count(*) from compact_outputs) as n`,
      )
    )[0].n;
  const first = await count();
  await seedCompact(env.database.db, { demo: true });
  assert.equal(await count(), first, 'seeding again changes nothing');
  const grp = await env.database.query<{ n: number }>(
    `select count(*)::int as n from compact_bodies b join working_groups g on g.id = b.working_group_id`,
  );
  assert.equal(grp[0].n, bodies.filter((b) => b.kind === 'working_group').length);
  // groupsOfOrgsSql (consent to a working group) answers from the bodies' membership.
  const unodc = await orgId(env, 'unodc');
  const r = await env.database.db.execute(sql`select count(*)::int as n from (${groupsOfOrgsSql([unodc])}) x`);
  assert.ok(Number(rowsOf<{ n: number }>(r)[0].n) >= 1);
});

test('visibility: SQL rule and JS twin agree; management rule ' + `(${dbLabel()})`, async () => {
  const db = env.database.db;
  const cc = (await getBody(db, 'coordination-committee'))!;
  const wg = (await listBodies(db)).find((b) => b.kind === 'working_group')!;
  // Organizations outside the Committee (every Compact entity sits on it, and so sees every body's records).
  const [member, observer, outsider, committee, state] = await Promise.all([
    orgId(env, 'au'),
    orgId(env, 'eu'),
    orgId(env, 'oas'),
    orgId(env, 'undp'),
    firstState(),
  ]);
  await env.database.exec(`delete from compact_body_members where body_id = '${wg.id}'`);
  await env.database.exec(`insert into compact_body_members (body_id, organization_id, role, term_start) values
    ('${wg.id}', '${member}', 'chair', '2024-01-01'), ('${wg.id}', '${observer}', 'observer', null),
    ('${wg.id}', '${outsider}', 'member', '2020-01-01')`);
  // An ended term does not count.
  await env.database.exec(
    `update compact_body_members set term_end = '2021-01-01'
      where organization_id = '${outsider}' and body_id = '${wg.id}'`,
  );
  const ccMember = await env.database.query<{ n: number }>(
    'select count(*)::int as n from compact_body_members where body_id = $1 and organization_id = $2',
    [cc.id, committee],
  );
  assert.equal(ccMember[0].n, 1, 'UNDP sits on the Committee');
  const cases: [string, Actor, boolean][] = [
    ['anonymous', ANONYMOUS, false],
    ['outside entity', actor('entity_focal_point', [outsider], [outsider]), false],
    ['member entity', actor('entity_focal_point', [member]), true],
    ['observer entity', actor('observer', [observer]), true],
    ['committee member', actor('entity_focal_point', [committee]), true],
    ['coordinator', actor('coordinator'), true],
    ['analyst', actor('analyst'), true],
    ['platform admin', actor('platform_admin'), true],
    ['Member State focal point', actor('member_state_focal_point', [state], [state]), false],
    ['CSO', actor('cso_representative', []), false],
  ];
  for (const [label, a, sees] of cases) {
    const bySql = await visibleBySql(a);
    assert.deepEqual(bySql, await visibleByJs(a), `${label}: SQL and JS agree`);
    assert.equal(bySql.includes(wg.slug), sees, `${label} sees the working group: ${sees}`);
    if (label === 'member entity' || label === 'observer entity')
      assert.deepEqual(bySql, [wg.slug], `${label} sees only its own body`);
  }
  // A Member State whose organization sits on the body sees it.
  await env.database.exec(
    `insert into compact_body_members (body_id, organization_id, role) values ('${wg.id}', '${state}', 'observer')`,
  );
  const ms = actor('member_state_focal_point', [state], [state]);
  assert.deepEqual(await visibleBySql(ms), [wg.slug]);
  assert.deepEqual(await visibleByJs(ms), [wg.slug]);
  // A Compact entity sees every body (it sits on the Committee).
  const all = (await listBodies(db)).map((b) => b.slug).sort();
  assert.deepEqual(await visibleBySql(actor('entity_focal_point', [committee])), all);
  const ref = await bodyRef(db, wg.id);
  assert.deepEqual(new Set(await bodyMemberOrgIds(db, wg.id)), new Set([member, observer, state]));
  assert.equal(canManageBody(actor('entity_focal_point', [member], [member]), ref), true, 'chair focal point');
  assert.equal(canManageBody(actor('entity_focal_point', [member], []), ref), false, 'chair, not focal point');
  assert.equal(canManageBody(actor('entity_focal_point', [observer], [observer]), ref), false, 'observer');
  assert.equal(canManageBody(actor('coordinator'), ref), true);
  assert.equal(canManageBody(actor('analyst'), ref), false);
  assert.equal(canManageBody(ANONYMOUS, ref), false);
  assert.deepEqual(await bodyPeople(db, wg.id), []);
  await env.database.exec(`delete from compact_body_members where body_id = '${wg.id}'`);
});

// ---- The seeded reference structure ----

const LOCALES6 = ['ar', 'en', 'es', 'fr', 'ru', 'zh'] as const;

test(
  'eight working groups with names in six languages; the bodies; the programme’s five priorities ' + `(${dbLabel()})`,
  async () => {
    const groups = await env.database.query<{ slug: string; names: Record<string, { text: string; status: string }> }>(
      `select b.slug, b.names from compact_bodies b join working_groups g on g.id = b.working_group_id
     where b.kind = 'working_group'`,
    );
    assert.equal(groups.length, 8);
    for (const g of groups) {
      for (const l of LOCALES6) assert.ok(g.names[l]?.text?.trim(), `${g.slug} ${l}`);
      assert.equal(g.names.en.status, 'original', g.slug);
      for (const l of LOCALES6) assert.notEqual(l !== 'en' && g.names[l].status, 'original');
    }
    // Names not found in any official source are drafts, never "reviewed".
    const gender = groups.find((g) => g.slug === 'wg-gender')!;
    assert.match(gender.names.en.text, /Gender-Sensitive Approach/);
    for (const l of ['fr', 'es', 'ru', 'zh', 'ar']) assert.equal(gender.names[l].status, 'draft');
    const prefixes = await env.database.query<{ p: string }>('select symbol_prefix as p from compact_bodies');
    assert.ok(['CC', 'HM', 'CTC', 'WG-BM'].every((p) => prefixes.some((r) => r.p === p)));
    const wgIds = await env.database.query<{ n: number }>(
      'select count(*)::int as n from working_groups g ' +
        'where exists (select 1 from compact_bodies b where b.working_group_id = g.id)',
    );
    assert.equal(wgIds[0].n, 8, 'every working group (and its id) is kept and has its body');
    const pri = await env.database.query<{ code: string; source: string }>(
      'select code, source from compact_priorities',
    );
    assert.deepEqual(pri.map((p) => p.code).sort(), ['P1', 'P2', 'P3', 'P4', 'P5']);
    assert.ok(pri.every((p) => p.source.startsWith('https://www.un.org/counterterrorism/')));
    const demo = await env.database.query<{ n: number }>(
      'select count(*)::int as n from compact_outputs where not is_demo',
    );
    assert.equal(demo[0].n, 0, 'every output is a marked demo record');
  },
);

test(
  'the Committee: UNOCT chairs, CTED and every Compact entity are members; heads’ meeting and CTC briefing ' +
    `(${dbLabel()})`,
  async () => {
    const rows = await env.database.query<{ body: string; slug: string; role: string }>(
      `select b.slug as body, o.slug, m.role from compact_body_members m join compact_bodies b on b.id = m.body_id
     join organizations o on o.id = m.organization_id where b.kind <> 'working_group'`,
    );
    const of = (body: string) => rows.filter((r) => r.body === body);
    const cc = of('coordination-committee');
    assert.deepEqual(
      cc.filter((r) => r.role === 'chair').map((r) => r.slug),
      ['unoct'],
    );
    assert.ok(cc.some((r) => r.slug === 'cted' && r.role === 'member'));
    const compact = await env.database.query<{ slug: string }>('select slug from organizations where compact_member');
    for (const c of compact)
      assert.ok(
        cc.some((r) => r.slug === c.slug),
        `${c.slug} on the Committee`,
      );
    for (const b of ['heads-meeting', 'ctc-briefing'])
      assert.deepEqual(
        of(b)
          .map((r) => `${r.slug}:${r.role}`)
          .sort(),
        ['cted:co_chair', 'unoct:co_chair'],
      );
    const joined = await env.database.query<{ slug: string; joined_on: string | null }>(
      `select o.slug, e.joined_on::text from compact_entities e join organizations o on o.id = e.organization_id`,
    );
    assert.equal(joined.length, compact.length);
    assert.equal(joined.find((j) => j.slug === 'unoct')?.joined_on, '2018-02-23');
    assert.equal(joined.find((j) => j.slug === 'unodc')?.joined_on, null, 'not public: null');
  },
);

// ---- Pages, API and management ----

async function apiToken(u: TestUser): Promise<string> {
  const loaded = await loadActor(env.database.db, u.id, 'session', true, []);
  return (
    await createApiToken(
      { db: env.database.db, config: env.config, actor: loaded!.actor },
      { name: 'compact', scopes: ['write'], expiresInDays: null },
    )
  ).token;
}
async function api(token: string, method: 'GET' | 'POST' | 'DELETE', url: string, payload?: unknown) {
  const res = await env.app.inject({
    method,
    url,
    headers: { authorization: `Bearer ${token}`, accept: 'application/json', 'accept-language': 'fr' },
    ...(payload !== undefined ? { payload: payload as object } : {}),
  });
  return { status: res.statusCode, json: res.body ? JSON.parse(res.body) : null };
}
const audits = (action: string) =>
  env.database.query<{ target_id: string; details: Record<string, unknown> }>(
    'select target_id, details from audit_log where action = $1 order by id',
    [action],
  );

test(
  'pages: /compact, a body, the programme, in six languages; tables stack on a phone ' + `(${dbLabel()})`,
  async () => {
    const u = await makeUser(env, 'member_state_focal_point', { orgId: await firstState(), focalPoint: true });
    for (const l of LOCALES6) {
      await u.agent.get(`/lang/${l}?next=/compact`);
      const home = await u.agent.get('/compact');
      assert.equal(home.statusCode, 200, l);
      assert.match(home.body, /href="\/compact\/bodies\/coordination-committee"/);
      assert.match(home.body, /href="\/compact\/programme"/);
      assert.match(home.body, /<table class="stack">/);
      if (l === 'ar') assert.match(home.body, /dir="rtl"/);
      const body = await u.agent.get('/compact/bodies/wg-gender');
      assert.equal(body.statusCode, 200, l);
      assert.doesNotMatch(body.body, /action="\/compact\/bodies\/wg-gender\/members"/, 'no management form');
      const prog = await u.agent.get('/compact/programme');
      assert.equal(prog.statusCode, 200);
      assert.match(prog.body, /P5/);
    }
    await u.agent.get('/lang/en?next=/compact');
    const prog = await u.agent.get('/compact/programme');
    assert.match(prog.body, /Demo record/);
    assert.match(prog.body, /wg-gender/);
    const home = await u.agent.get('/compact');
    assert.match(home.body, /2018/, 'UNOCT’s joining date');
    assert.match(home.body, /—/, 'dates not public');
    assert.match(home.body, /href="\/compact"[^>]*>Compact</, 'nav entry');
    assert.equal((await u.agent.get('/compact/bodies/no-such-body')).statusCode, 404);
    const anon = await env.app.inject({ method: 'GET', url: '/compact' });
    assert.equal(anon.statusCode, 303, 'signed-in users only');
  },
);

async function firstState(): Promise<string> {
  return (
    await env.database.query<{ id: string }>(`select id from organizations where type = 'member_state' limit 1`)
  )[0].id;
}

test(
  'management: coordinator adds a chair (Committee seat by office), 422 stores nothing, confirmation, audit ' +
    `(${dbLabel()})`,
  async () => {
    const coord = await makeUser(env, 'coordinator', { orgSlug: 'unoct' });
    const slug = 'wg-national-regional-strategies';
    const osce = await orgId(env, 'osce');
    // Bad input: every field's error at once, translated, nothing stored.
    const before = (await audits('compact.member.added')).length;
    await coord.agent.get('/lang/fr?next=/compact');
    const bad = await coord.agent.post(`/compact/bodies/${slug}/members`, {
      organizationId: 'nope',
      role: 'emperor',
      termStart: '2025-02-30',
      termEnd: '2024-01-01',
    });
    assert.equal(bad.statusCode, 422);
    assert.match(bad.body, /Choisissez l’une des options|Saisissez une date/);
    const order = await coord.agent.post(`/compact/bodies/${slug}/members`, {
      organizationId: osce,
      role: 'vice_chair',
      termStart: '2025-01-01',
      termEnd: '2024-01-01',
    });
    assert.equal(order.statusCode, 422);
    assert.match(order.body, /Le mandat ne peut pas se terminer avant de commencer/);
    assert.equal((await audits('compact.member.added')).length, before, 'nothing audited');
    const none = await env.database.query<{ n: number }>(
      `select count(*)::int as n from compact_body_members m join compact_bodies b on b.id = m.body_id
     where b.slug = $1 and m.organization_id = $2`,
      [slug, osce],
    );
    assert.equal(none[0].n, 0, 'nothing stored');
    // A good one: OSCE (not a Compact entity) becomes vice-chair and sits on the Committee by office.
    const ok = await coord.agent.post(`/compact/bodies/${slug}/members`, {
      organizationId: osce,
      role: 'vice_chair',
      termStart: '2025-01-01',
      termEnd: '',
    });
    assert.equal(ok.statusCode, 303);
    const seat = await env.database.query<{ by: string | null; wg: string }>(
      `select m.by_office_of as by, (select id from compact_bodies where slug = $1) as wg from compact_body_members m
     join compact_bodies b on b.id = m.body_id where b.kind = 'coordination_committee' and m.organization_id = $2`,
      [slug, osce],
    );
    assert.equal(seat.length, 1, 'Committee seat by office');
    assert.equal(seat[0].by, seat[0].wg);
    const added = (await audits('compact.member.added')).at(-1)!;
    assert.equal(added.details.organizationId, osce);
    assert.equal(added.details.role, 'vice_chair');
    // Twice: refused with a field error.
    const twice = await coord.agent.post(`/compact/bodies/${slug}/members`, { organizationId: osce, role: 'member' });
    assert.equal(twice.statusCode, 422);
    // Removal needs a confirmation page, then a POST.
    const member = (
      await env.database.query<{ id: string }>(
        `select m.id from compact_body_members m join compact_bodies b on b.id = m.body_id
       where b.slug = $1 and m.organization_id = $2`,
        [slug, osce],
      )
    )[0].id;
    const confirm = await coord.agent.get(`/compact/bodies/${slug}/members/${member}/remove`);
    assert.equal(confirm.statusCode, 200);
    assert.match(confirm.body, new RegExp(`action="/compact/bodies/${slug}/members/${member}/remove"`));
    const gone = await coord.agent.post(`/compact/bodies/${slug}/members/${member}/remove`, CONFIRMED);
    assert.equal(gone.statusCode, 303);
    assert.equal((await audits('compact.member.removed')).at(-1)!.details.memberId, member);
    const cc = await env.database.query<{ by: string | null }>(
      `select m.by_office_of as by from compact_body_members m join compact_bodies b on b.id = m.body_id
     where b.kind = 'coordination_committee' and m.organization_id = $1`,
      [osce],
    );
    assert.equal(cc[0]?.by ?? null, null, 'no longer by office');
    assert.equal(
      (await coord.agent.post(`/compact/bodies/${slug}/members/${member}/remove`, CONFIRMED)).statusCode,
      404,
    );
  },
);

test(
  'management rights: chair’s focal point yes; other entity 403; Member State 403; unknown 404 ' + `(${dbLabel()})`,
  async () => {
    const slug = 'wg-resource-mobilization-me';
    const coord = await makeUser(env, 'coordinator', { orgSlug: 'unoct' });
    const undp = await orgId(env, 'undp');
    const token = await apiToken(coord);
    const made = await api(token, 'POST', `/api/v1/compact/bodies/${slug}/members`, {
      organizationId: undp,
      role: 'chair',
      termStart: '2024-01-01',
      termEnd: null,
    });
    assert.equal(made.status, 201);
    const chairFp = await makeUser(env, 'entity_focal_point', { orgSlug: 'undp', focalPoint: true });
    const otherFp = await makeUser(env, 'entity_focal_point', { orgSlug: 'unesco', focalPoint: true });
    const chairStaff = await makeUser(env, 'entity_focal_point', { orgSlug: 'undp', focalPoint: false });
    const stateFp = await makeUser(env, 'member_state_focal_point', { orgId: await firstState(), focalPoint: true });
    const analyst = await makeUser(env, 'analyst', { orgSlug: 'cted' });
    const form = { organizationId: await orgId(env, 'unesco'), role: 'member', termStart: '', termEnd: '' };
    assert.equal((await otherFp.agent.post(`/compact/bodies/${slug}/members`, form)).statusCode, 403);
    assert.equal((await chairStaff.agent.post(`/compact/bodies/${slug}/members`, form)).statusCode, 403);
    assert.equal((await stateFp.agent.post(`/compact/bodies/${slug}/members`, form)).statusCode, 403);
    assert.equal((await analyst.agent.post(`/compact/bodies/${slug}/members`, form)).statusCode, 403);
    assert.equal((await chairFp.agent.post('/compact/bodies/no-such-body/members', form)).statusCode, 404);
    const page = await chairFp.agent.get(`/compact/bodies/${slug}`);
    assert.match(
      page.body,
      new RegExp(`action="/compact/bodies/${slug}/members"`),
      'the chair’s focal point sees the form',
    );
    assert.equal((await chairFp.agent.post(`/compact/bodies/${slug}/members`, form)).statusCode, 303);
    // The API answers the same.
    const otherToken = await apiToken(otherFp);
    const refused = await api(otherToken, 'POST', `/api/v1/compact/bodies/${slug}/members`, {
      organizationId: await orgId(env, 'unicef'),
      role: 'member',
    });
    assert.equal(refused.status, 403);
    const badApi = await api(token, 'POST', `/api/v1/compact/bodies/${slug}/members`, {
      organizationId: undp,
      role: 'member',
      termStart: 'yesterday',
    });
    assert.equal(badApi.status, 422);
    assert.ok(badApi.json.error.fields.some((f: { field: string }) => f.field === 'organizationId'));
    assert.ok(badApi.json.error.fields.some((f: { field: string }) => f.field === 'termStart'));
    const unknownField = await api(token, 'POST', `/api/v1/compact/bodies/${slug}/members`, { x: 1 });
    assert.ok(unknownField.status >= 400 && unknownField.status < 500);
  },
);

test(
  'representatives: people of the member entity only; shown to those who may see people; audited ' + `(${dbLabel()})`,
  async () => {
    const slug = 'wg-pcve';
    const coord = await makeUser(env, 'coordinator', { orgSlug: 'unoct' });
    const token = await apiToken(coord);
    const unicef = await orgId(env, 'unicef');
    const m = await api(token, 'POST', `/api/v1/compact/bodies/${slug}/members`, {
      organizationId: unicef,
      role: 'member',
    });
    assert.equal(m.status, 201);
    const repUser = await makeUser(env, 'entity_focal_point', { orgSlug: 'unicef', focalPoint: true });
    const outsider = await makeUser(env, 'entity_focal_point', { orgSlug: 'imo' });
    const personOf = async (userId: string) =>
      (await env.database.query<{ p: string }>('select person_id as p from users where id = $1', [userId]))[0].p;
    const rep = { ...repUser, personId: await personOf(repUser.id) };
    const wrong = await api(token, 'POST', `/api/v1/compact/bodies/${slug}/members/${m.json.id}/representatives`, {
      personId: await personOf(outsider.id),
    });
    assert.equal(wrong.status, 422, 'a person of another entity');
    const ok = await api(token, 'POST', `/api/v1/compact/bodies/${slug}/members/${m.json.id}/representatives`, {
      personId: rep.personId,
      roleTitle: 'Senior Adviser',
    });
    assert.equal(ok.status, 201);
    assert.equal((await audits('compact.representative.added')).at(-1)!.details.personId, rep.personId);
    const detail = await api(token, 'GET', `/api/v1/compact/bodies/${slug}`);
    assert.equal(detail.status, 200);
    const seat = detail.json.members.find((x: { id: string }) => x.id === m.json.id);
    assert.equal(seat.representatives[0].roleTitle, 'Senior Adviser');
    assert.equal(seat.role, 'member');
    assert.equal(typeof detail.json.canSeeRecords, 'boolean');
    assert.equal(detail.json.body.kind, 'working_group');
    // bodyPeople for invitations.
    const people = await bodyPeople(env.database.db, detail.json.body.id);
    const repPerson = people.find((p) => p.personId === rep.personId);
    assert.equal(repPerson?.roleTitle, 'Senior Adviser');
    assert.equal(repPerson?.organizationId, unicef);
    assert.equal(repPerson?.email, rep.email);
    const page = await coord.agent.get(`/compact/bodies/${slug}`);
    assert.match(page.body, /Senior Adviser/);
    const confirm = await coord.agent.get(`/compact/bodies/${slug}/representatives/${ok.json.id}/remove`);
    assert.equal(confirm.statusCode, 200);
    const removed = await coord.agent.post(`/compact/bodies/${slug}/representatives/${ok.json.id}/remove`, CONFIRMED);
    assert.equal(removed.statusCode, 303);
    assert.equal((await audits('compact.representative.removed')).length >= 1, true);
    const del = await api(token, 'DELETE', `/api/v1/compact/bodies/${slug}/members/${m.json.id}`);
    assert.equal(del.status, 204);
    assert.equal((await api(token, 'DELETE', `/api/v1/compact/bodies/${slug}/members/${m.json.id}`)).status, 404);
  },
);

test('API shapes: /api/v1/compact, bodies, one body, programme ' + `(${dbLabel()})`, async () => {
  const u = await makeUser(env, 'observer', { orgSlug: 'unoct' });
  const token = await apiToken(u);
  const home = await api(token, 'GET', '/api/v1/compact');
  assert.equal(home.status, 200);
  assert.ok(
    home.json.entities.some(
      (e: { slug: string; joinedOn: string | null }) => e.slug === 'cted' && e.joinedOn === '2018-02-23',
    ),
  );
  assert.ok(home.json.bodies.length >= 11);
  const list = await api(token, 'GET', '/api/v1/compact/bodies');
  assert.deepEqual(Object.keys(list.json.data[0]).sort(), [
    'id',
    'kind',
    'names',
    'pillars',
    'slug',
    'source',
    'symbolPrefix',
    'themes',
    'workingGroupId',
  ]);
  const cc = await api(token, 'GET', '/api/v1/compact/bodies/coordination-committee');
  assert.equal(cc.status, 200);
  assert.equal(cc.json.members[0].role, 'chair');
  assert.equal(cc.json.members[0].organizationSlug, 'unoct');
  assert.equal(cc.json.canManage, false);
  const byId = await api(token, 'GET', `/api/v1/compact/bodies/${cc.json.body.id}`);
  assert.equal(byId.json.body.slug, 'coordination-committee');
  const prog = await api(token, 'GET', '/api/v1/compact/programme');
  assert.equal(prog.json.data.length, 5);
  assert.ok(
    prog.json.data
      .flatMap((p: { outputs: { isDemo: boolean }[] }) => p.outputs)
      .every((o: { isDemo: boolean }) => o.isDemo),
  );
  assert.equal((await api(token, 'GET', '/api/v1/compact/bodies/nope')).status, 404);
  const anon = await env.app.inject({ method: 'GET', url: '/api/v1/compact', headers: { accept: 'application/json' } });
  assert.equal(anon.statusCode, 401);
});

test(
  'personal data: a representative’s seats are in their data download and go with an erasure ' + `(${dbLabel()})`,
  async () => {
    const slug = 'wg-gender';
    const admin = await makeUser(env, 'platform_admin', { orgSlug: 'unoct' });
    const token = await apiToken(admin);
    const m = await api(token, 'POST', `/api/v1/compact/bodies/${slug}/members`, {
      organizationId: await orgId(env, 'un-women'),
      role: 'chair',
    });
    assert.equal(m.status, 201);
    const subject = await makeUser(env, 'entity_focal_point', { orgSlug: 'un-women', focalPoint: true });
    const personId = (
      await env.database.query<{ p: string }>('select person_id as p from users where id = $1', [subject.id])
    )[0].p;
    const rep = await api(token, 'POST', `/api/v1/compact/bodies/${slug}/members/${m.json.id}/representatives`, {
      personId,
      roleTitle: 'Gender Adviser',
    });
    assert.equal(rep.status, 201);
    const mine = await api(await apiToken(subject), 'GET', '/api/v1/me/data');
    assert.equal(mine.status, 200);
    assert.equal(mine.json.data.compact.compactRepresentations[0].roleTitle, 'Gender Adviser');
    const erased = await api(token, 'POST', `/api/v1/privacy/erasures/${subject.id}`, {});
    assert.ok(erased.status < 300, `erasure: ${erased.status}`);
    const left = await env.database.query<{ n: number }>(
      'select count(*)::int as n from compact_body_representatives where person_id = $1',
      [personId],
    );
    assert.equal(left[0].n, 0);
  },
);
