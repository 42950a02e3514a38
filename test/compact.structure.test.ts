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
import { dbLabel, makeTestEnv, orgId, type TestEnv } from './helper.ts';

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

test(`bodies API: list, get by id or slug, the working groups keep their ids (${dbLabel()})`, async () => {
  const bodies = await listBodies(env.database.db, 'fr');
  assert.equal(bodies[0].kind, 'coordination_committee');
  assert.ok(bodies.some((b) => b.kind === 'heads_meeting' && b.symbolPrefix === 'HM'));
  assert.ok(bodies.some((b) => b.kind === 'ctc_briefing' && b.symbolPrefix === 'CTC'));
  const wg = bodies.find((b) => b.kind === 'working_group')!;
  assert.ok(wg.workingGroupId);
  assert.equal((await getBody(env.database.db, wg.slug))?.id, wg.id);
  assert.equal((await getBody(env.database.db, wg.id))?.slug, wg.slug);
  assert.equal(await getBody(env.database.db, 'no-such-body'), null);
  const grp = await env.database.query<{ n: number }>(
    `select count(*)::int as n from compact_bodies b join working_groups g on g.id = b.working_group_id`,
  );
  assert.equal(grp[0].n, bodies.filter((b) => b.kind === 'working_group').length);
  // groupsOfOrgsSql still answers from working_group_members.
  const unodc = await orgId(env, 'unodc');
  const r = await env.database.db.execute(sql`select count(*)::int as n from (${groupsOfOrgsSql([unodc])}) x`);
  assert.ok(Number(rowsOf<{ n: number }>(r)[0].n) >= 1);
});

test(`visibility: SQL rule and JS twin agree; management rule (${dbLabel()})`, async () => {
  const db = env.database.db;
  const cc = (await getBody(db, 'coordination-committee'))!;
  const wg = (await listBodies(db)).find((b) => b.kind === 'working_group')!;
  const [member, observer, outsider, committee, state] = await Promise.all(
    ['unicef', 'unhcr', 'imo', 'undp']
      .map((s) => orgId(env, s))
      .concat([
        env.database
          .query<{ id: string }>(`select id from organizations where type = 'member_state' limit 1`)
          .then((r) => r[0].id),
      ]),
  );
  await env.database.exec(`delete from compact_body_members where body_id in ('${cc.id}', '${wg.id}')`);
  await env.database.exec(`insert into compact_body_members (body_id, organization_id, role, term_start) values
    ('${wg.id}', '${member}', 'chair', '2024-01-01'), ('${wg.id}', '${observer}', 'observer', null),
    ('${cc.id}', '${committee}', 'member', '2024-01-01'),
    ('${wg.id}', '${outsider}', 'member', '2020-01-01')`);
  // An ended term does not count.
  await env.database.exec(
    `update compact_body_members set term_end = '2021-01-01'
      where organization_id = '${outsider}' and body_id = '${wg.id}'`,
  );
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
  }
  // A Member State whose organization sits on the body sees it.
  await env.database.exec(
    `insert into compact_body_members (body_id, organization_id, role) values ('${wg.id}', '${state}', 'observer')`,
  );
  const ms = actor('member_state_focal_point', [state], [state]);
  assert.deepEqual(await visibleBySql(ms), [wg.slug]);
  assert.deepEqual(await visibleByJs(ms), [wg.slug]);
  const ref = await bodyRef(db, wg.id);
  assert.deepEqual(new Set(await bodyMemberOrgIds(db, wg.id)), new Set([member, observer, state]));
  assert.equal(canManageBody(actor('entity_focal_point', [member], [member]), ref), true, 'chair focal point');
  assert.equal(canManageBody(actor('entity_focal_point', [member], []), ref), false, 'chair, not focal point');
  assert.equal(canManageBody(actor('entity_focal_point', [observer], [observer]), ref), false, 'observer');
  assert.equal(canManageBody(actor('coordinator'), ref), true);
  assert.equal(canManageBody(actor('analyst'), ref), false);
  assert.equal(canManageBody(ANONYMOUS, ref), false);
  assert.deepEqual(await bodyPeople(db, wg.id), []);
});
