// Consent to a working group follows the Compact's one membership model: the members of the group's body
// (compact_body_members, changed on the body's page). An entity that joins the body gains the consented access on its
// next request, one that leaves loses it; an observer's seat and a seat whose term has ended give none; the grant's
// e-mails go to the focal points of the body's members. And migration 0027 carries the old working_group_members rows
// over into the bodies' seats before dropping that table.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createApiToken, loadActor } from '../src/modules/access/access.service.ts';
import { MIGRATIONS_DIR } from '../src/platform/db/client.ts';
import { dbLabel, location, makeTestEnv, makeUser, orgId, CONFIRMED, type TestEnv, type TestUser } from './helper.ts';

let env: TestEnv;
let coordinator: TestUser;
let analyst: TestUser;
let arcadiaFp: TestUser;
let unodcFp: TestUser;
const GROUP = 'wg-human-rights-victims';

before(async () => {
  env = await makeTestEnv();
  coordinator = await makeUser(env, 'coordinator', { orgSlug: 'unoct' });
  analyst = await makeUser(env, 'analyst', { orgSlug: 'cted' });
  arcadiaFp = await makeUser(env, 'member_state_focal_point', { orgSlug: 'demo-state-arcadia', focalPoint: true });
  unodcFp = await makeUser(env, 'entity_focal_point', { orgSlug: 'unodc', focalPoint: true });
});
after(async () => {
  await env?.close();
});

const tokens = new Map<string, string>();
async function api(u: TestUser, method: 'GET' | 'POST', url: string, payload?: object) {
  let token = tokens.get(u.id);
  if (!token) {
    const actor = (await loadActor(env.database.db, u.id, 'session', true, []))!.actor;
    token = (
      await createApiToken(
        { db: env.database.db, config: env.config, actor },
        { name: 'groups', scopes: ['write'], expiresInDays: 1 },
      )
    ).token;
    tokens.set(u.id, token);
  }
  return env.app.inject({
    method,
    url,
    headers: { authorization: `Bearer ${token}`, ...(payload ? { 'content-type': 'application/json' } : {}) },
    ...(payload ? { payload } : {}),
  });
}

/** What UNODC's focal point gets for the visit: its page and the API. */
async function unodcReads(visitId: string) {
  const page = await unodcFp.agent.get(`/assessments/visits/${visitId}`);
  const json = await api(unodcFp, 'GET', `/api/v1/assessments/visits/${visitId}`);
  return [page.statusCode, json.statusCode];
}

/** UNODC's seat in the group's body, through the body's page (the coordinator manages every body). */
async function seat(role: string, term: { termStart?: string; termEnd?: string } = {}) {
  const res = await coordinator.agent.post(`/compact/bodies/${GROUP}/members`, {
    organizationId: await orgId(env, 'unodc'),
    role,
    termStart: term.termStart ?? '',
    termEnd: term.termEnd ?? '',
  });
  assert.equal(res.statusCode, 303, res.body);
}
async function unseat() {
  const [m] = await env.database.query<{ id: string }>(
    `select m.id from compact_body_members m join compact_bodies b on b.id = m.body_id
      join organizations o on o.id = m.organization_id where b.slug = $1 and o.slug = 'unodc'`,
    [GROUP],
  );
  const res = await coordinator.agent.post(`/compact/bodies/${GROUP}/members/${m.id}/remove`, CONFIRMED);
  assert.equal(res.statusCode, 303, res.body);
  assert.equal(location(res), `/compact/bodies/${GROUP}#members`);
}

test(`consent to a working group: joining its body gains the access, leaving loses it (${dbLabel()})`, async () => {
  const visit = await api(analyst, 'POST', '/api/v1/assessments/visits', {
    stateOrgId: await orgId(env, 'demo-state-arcadia'),
    type: 'focused',
    status: 'report_adopted',
    startDate: '2026-04-06',
    endDate: '2026-04-08',
  });
  assert.equal(visit.statusCode, 201, visit.body);
  const visitId: string = visit.json().id;
  const [{ id: groupId }] = await env.database.query<{ id: string }>('select id from working_groups where slug = $1', [
    GROUP,
  ]);
  const granted = await api(arcadiaFp, 'POST', `/api/v1/assessments/visits/${visitId}/consent`, {
    granteeKind: 'working_group',
    granteeGroupId: groupId,
    scope: 'both',
  });
  assert.equal(granted.statusCode, 201, granted.body);
  const grantId: string = granted.json().id;
  assert.deepEqual(await unodcReads(visitId), [404, 404], 'UNODC does not sit on the group’s body');

  await seat('member');
  assert.deepEqual(await unodcReads(visitId), [200, 200], 'UNODC joined the body: the consent covers it');
  // The State narrows the grant: the e-mail goes to the focal points of the body's members, UNODC's among them.
  const narrowed = await api(arcadiaFp, 'POST', `/api/v1/assessments/consent/${grantId}/narrow`, { scope: 'needs' });
  assert.equal(narrowed.statusCode, 204, narrowed.body);
  const told = await env.database.query<{ to: string }>(`select "to" from mail_outbox where kind = 'consent_narrowed'`);
  assert.ok(
    told.some((m) => m.to === unodcFp.email),
    'the member’s focal point is told',
  );

  await unseat();
  assert.deepEqual(await unodcReads(visitId), [404, 404], 'UNODC left the body: the consent no longer covers it');

  await seat('observer');
  assert.deepEqual(await unodcReads(visitId), [404, 404], 'an observer is not a member of the group');
  await unseat();
  await seat('member', { termStart: '2020-01-01', termEnd: '2021-12-31' });
  assert.deepEqual(await unodcReads(visitId), [404, 404], 'a seat whose term has ended does not count');
  await unseat();
  await seat('co_chair', { termStart: '2020-01-01' });
  assert.deepEqual(await unodcReads(visitId), [200, 200], 'a co-chair in its term is a member');
  await unseat();
});

test(`migration 0027 carries working_group_members into the bodies' seats and drops it (${dbLabel()})`, async () => {
  const db = env.database;
  const [unodc, ohchr, osce] = [await orgId(env, 'unodc'), await orgId(env, 'ohchr'), await orgId(env, 'osce')];
  const [{ id: groupId }] = await db.query<{ id: string }>('select id from working_groups where slug = $1', [GROUP]);
  // The table as it was (0004), with rows: UNODC (no seat yet), OSCE (an observer's seat already: it stays one).
  await db.exec(`create table working_group_members (
      group_id uuid not null references working_groups(id) on delete cascade,
      organization_id uuid not null references organizations(id) on delete cascade);
    insert into working_group_members values ('${groupId}', '${unodc}'), ('${groupId}', '${osce}'),
      ('${groupId}', '${ohchr}');
    insert into compact_body_members (body_id, organization_id, role)
      select id, '${osce}', 'observer' from compact_bodies where working_group_id = '${groupId}'`);
  const sqlText = readFileSync(path.join(MIGRATIONS_DIR, '0027_consent_body_membership.sql'), 'utf8');
  await db.exec(sqlText);
  const seats = await db.query<{ slug: string; role: string }>(
    `select o.slug, m.role from compact_body_members m join compact_bodies b on b.id = m.body_id
      join organizations o on o.id = m.organization_id
      where b.working_group_id = $1 and o.slug in ('unodc', 'osce', 'ohchr') order by o.slug`,
    [groupId],
  );
  assert.deepEqual(
    seats.map((s) => `${s.slug}:${s.role}`),
    ['ohchr:member', 'osce:observer', 'unodc:member'],
  );
  const [{ t }] = await db.query<{ t: string | null }>(`select to_regclass('public.working_group_members')::text as t`);
  assert.equal(t, null, 'the old table is gone');
  await db.exec(sqlText); // idempotent
  await db.exec(`delete from compact_body_members where organization_id in ('${unodc}', '${osce}')
    and body_id in (select id from compact_bodies where working_group_id = '${groupId}')`);
});
