// Assessment visits: confidential, analysts record them, the visited State's focal points see their own,
// other States' focal points get 404 (no existence leak), every read is audited, bad input stores nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createApiToken, loadActor } from '../src/modules/access/access.service.ts';
import { seedDemoVisits } from '../src/modules/assessments/assessments.seed.ts';
import { dbLabel, location, makeTestEnv, makeUser, orgId, type TestEnv } from './helper.ts';

let env: TestEnv;
before(async () => {
  env = await makeTestEnv();
});
after(async () => {
  await env?.close();
});

const count = async (q: string, p: unknown[] = []) => (await env.database.query<{ n: number }>(q, p))[0].n;

test(
  'an analyst records a visit; the visited State sees it; ' +
    `another State gets 404; reads are audited (${dbLabel()})`,
  async () => {
    const arcadia = await orgId(env, 'demo-state-arcadia');
    const borealis = await orgId(env, 'demo-state-borealis');
    const analyst = await makeUser(env, 'analyst', { orgSlug: 'cted' });
    const before = await count('select count(*)::int as n from assessment_visits');
    const bad = await analyst.agent.post('/assessments/visits', {
      stateOrgId: arcadia,
      type: 'comprehensive',
      status: 'planned',
      startDate: '2026-05-10',
      endDate: '2026-05-01',
    });
    assert.equal(bad.statusCode, 422);
    const notState = await analyst.agent.post('/assessments/visits', {
      stateOrgId: await orgId(env, 'unodc'),
      type: 'focused',
      status: 'planned',
      startDate: '2026-05-01',
      endDate: '2026-05-02',
    });
    assert.equal(notState.statusCode, 422);
    assert.equal(
      await count('select count(*)::int as n from assessment_visits'),
      before,
      'nothing stored for bad input',
    );
    const ok = await analyst.agent.post('/assessments/visits', {
      stateOrgId: arcadia,
      type: 'comprehensive',
      status: 'conducted',
      startDate: '2026-05-01',
      endDate: '2026-05-05',
      team: 'Équipe 🌍',
      onBehalfOfCtc: 'on',
    });
    assert.equal(ok.statusCode, 303);
    const url = location(ok);
    const id = url.split('/').pop()!;

    const own = await makeUser(env, 'member_state_focal_point', { orgId: arcadia, focalPoint: true });
    const other = await makeUser(env, 'member_state_focal_point', { orgId: borealis, focalPoint: true });
    const ownPage = await own.agent.get(url);
    assert.equal(ownPage.statusCode, 200);
    assert.match(ownPage.body, /Équipe 🌍/);
    assert.equal(ownPage.headers['cache-control'], 'no-store');
    const otherPage = await other.agent.get(url);
    assert.equal(otherPage.statusCode, 404, 'no existence leak');
    const guessed = await other.agent.get('/assessments/visits/00000000-0000-4000-8000-000000000000');
    assert.equal(guessed.statusCode, 404);
    assert.equal(
      otherPage.body.replace(/name="_csrf" value="[^"]+"/g, '').replace(/Reference: [\w-]+|[0-9a-f-]{36}/g, ''),
      guessed.body.replace(/name="_csrf" value="[^"]+"/g, '').replace(/Reference: [\w-]+|[0-9a-f-]{36}/g, ''),
      'same answer as for an id that does not exist',
    );
    const otherList = await other.agent.get('/assessments/visits');
    assert.doesNotMatch(otherList.body, new RegExp(id));

    const observer = await makeUser(env, 'observer');
    assert.equal((await observer.agent.get('/assessments/visits')).statusCode, 403);
    const coordinator = await makeUser(env, 'coordinator', { orgSlug: 'unoct' });
    assert.equal((await coordinator.agent.get(url)).statusCode, 404, 'without the State’s consent, others get 404');

    const reads = await env.database.query<{ action: string; actor_label: string }>(
      `select l.action, p.actor_label from audit_log l left join audit_personal p on p.audit_id = l.id
        where l.target_id = $1 order by l.id`,
      [id],
    );
    assert.deepEqual(
      reads.map((r) => r.action),
      [
        'assessment.visit.created',
        'assessment.visit.read',
        'assessment.visit.read_denied',
        'assessment.visit.read_denied',
      ],
    );
    assert.equal(reads[1].actor_label, own.email);
  },
);

test(`the API: analysts list and create; a focal point sees only their State; others 403 (${dbLabel()})`, async () => {
  await seedDemoVisits(env.database.db);
  const token = async (u: { id: string }) =>
    (
      await createApiToken(
        {
          db: env.database.db,
          config: env.config,
          actor: (await loadActor(env.database.db, u.id, 'session', true, []))!.actor,
        },
        { name: 't', scopes: ['write'], expiresInDays: 1 },
      )
    ).token;
  const analyst = await makeUser(env, 'analyst', { orgSlug: 'cted' });
  const borealisFp = await makeUser(env, 'member_state_focal_point', {
    orgId: await orgId(env, 'demo-state-borealis'),
    focalPoint: true,
  });
  const h = (t: string) => ({ authorization: `Bearer ${t}`, 'content-type': 'application/json' });
  const all = await env.app.inject({
    method: 'GET',
    url: '/api/v1/assessments/visits',
    headers: h(await token(analyst)),
  });
  assert.equal(all.statusCode, 200);
  assert.ok(all.json().total >= 2);
  const mine = await env.app.inject({
    method: 'GET',
    url: '/api/v1/assessments/visits',
    headers: h(await token(borealisFp)),
  });
  assert.ok(mine.json().data.length >= 1);
  assert.ok(mine.json().data.every((v: { stateName: string }) => /Borealis/.test(v.stateName)));
  const bad = await env.app.inject({
    method: 'POST',
    url: '/api/v1/assessments/visits',
    headers: h(await token(analyst)),
    payload: { stateOrgId: 'x', type: 'nope' },
  });
  assert.equal(bad.statusCode, 400);
  const fpCreate = await env.app.inject({
    method: 'POST',
    url: '/api/v1/assessments/visits',
    headers: h(await token(borealisFp)),
    payload: {
      stateOrgId: await orgId(env, 'demo-state-borealis'),
      type: 'focused',
      startDate: '2027-01-01',
      endDate: '2027-01-02',
    },
  });
  assert.equal(fpCreate.statusCode, 403, 'the State decides on consent; CTED records visits');
});
