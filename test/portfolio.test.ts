// Needs follow the assessed State's consent; matching, gap analysis and exports show only what the reader may see.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createApiToken, loadActor } from '../src/modules/access/access.service.ts';
import { dbLabel, makeTestEnv, makeUser, orgId, type TestEnv, type TestUser } from './helper.ts';

let env: TestEnv;
before(async () => {
  env = await makeTestEnv();
});
after(async () => {
  await env?.close();
});

const tokenOf = async (u: TestUser) =>
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
const api = async (u: TestUser, method: 'GET' | 'POST', url: string, payload?: unknown) => {
  const r = await env.app.inject({
    method,
    url,
    headers: {
      authorization: `Bearer ${await tokenOf(u)}`,
      ...(payload ? { 'content-type': 'application/json' } : {}),
    },
    payload: payload ? JSON.stringify(payload) : undefined,
  });
  return { status: r.statusCode, json: () => r.json(), body: r.body, headers: r.headers };
};
const count = async (q: string, p: unknown[] = []) => (await env.database.query<{ n: number }>(q, p))[0].n;

test(
  "needs from a visit follow the State's consent; matching, gap analysis and exports respect it " + `(${dbLabel()})`,
  async () => {
    const arcadia = await orgId(env, 'demo-state-arcadia');
    const unodc = await orgId(env, 'unodc');
    const analyst = await makeUser(env, 'analyst', { orgSlug: 'cted' });
    const state = await makeUser(env, 'member_state_focal_point', { orgId: arcadia, focalPoint: true });
    const entity = await makeUser(env, 'entity_focal_point', { orgId: unodc, focalPoint: true });
    const cso = await makeUser(env, 'cso_representative', { orgSlug: 'demo-coastal-peacebuilders' });
    const coordinator = await makeUser(env, 'coordinator', { orgSlug: 'unoct' });

    const visit = await api(analyst, 'POST', '/api/v1/assessments/visits', {
      stateOrgId: arcadia,
      type: 'focused',
      status: 'conducted',
      startDate: '2026-04-01',
      endDate: '2026-04-03',
    });
    assert.equal(visit.status, 201);
    const visitId = visit.json().id;

    // Bad input stores nothing.
    const before = await count('select count(*)::int as n from ta_needs');
    const bad = await api(analyst, 'POST', '/api/v1/needs', {
      stateOrgId: arcadia,
      source: 'assessment_visit',
      visitId,
      themes: ['theme-nope'],
      descriptions: {},
    });
    assert.equal(bad.status, 422);
    assert.ok(bad.json().error.fields.some((f: { field: string }) => f.field === 'themes'));
    assert.ok(bad.json().error.fields.some((f: { field: string }) => f.field === 'description'));
    assert.equal(await count('select count(*)::int as n from ta_needs'), before);
    const wrongVisit = await api(coordinator, 'POST', '/api/v1/needs', {
      stateOrgId: arcadia,
      source: 'assessment_visit',
      visitId,
      themes: ['theme-cft'],
      descriptions: { en: { text: 'x', status: 'original' } },
    });
    assert.equal(wrongVisit.status, 403, 'only CTED attaches needs to an assessment visit');

    const created = await api(analyst, 'POST', '/api/v1/needs', {
      stateOrgId: arcadia,
      source: 'assessment_visit',
      visitId,
      themes: ['theme-cft'],
      pillars: ['pillar-2'],
      priority: 'high',
      descriptions: {
        en: { text: 'Financial intelligence unit training', status: 'original' },
        fr: { text: 'Formation de la cellule de renseignement financier', status: 'reviewed' },
      },
    });
    assert.equal(created.status, 201);
    const needId = created.json().id;

    // A project that could answer it.
    const project = await api(coordinator, 'GET', '/api/v1/projects');
    assert.equal(project.status, 200);
    const { db } = env.database;
    const { projects } = await import('../src/modules/portfolio/portfolio.schema.ts');
    const [p] = await db
      .insert(projects)
      .values({
        kind: 'project',
        titles: { en: { text: 'CFT training (test)', status: 'original' } },
        leadOrgId: unodc,
        themes: ['theme-cft'],
        pillars: ['pillar-2'],
        regions: ['african'],
        budgetUsd: 100,
        fundsReceivedUsd: 40,
        status: 'active',
      })
      .returning({ id: projects.id });

    // Before consent: the State and CTED see the need; UNODC does not (404), nor in lists, matching or gap analysis.
    assert.equal((await api(state, 'GET', `/api/v1/needs/${needId}`)).status, 200);
    assert.equal((await api(entity, 'GET', `/api/v1/needs/${needId}`)).status, 404);
    assert.equal((await entity.agent.get(`/needs/${needId}`)).statusCode, 404);
    assert.ok(!(await api(entity, 'GET', '/api/v1/needs')).json().data.some((n: { id: string }) => n.id === needId));
    assert.equal((await api(entity, 'GET', '/api/v1/gap-analysis')).json().totals.open, 0);
    assert.equal((await api(cso, 'GET', '/api/v1/needs')).status, 403);

    // Matching shows the reasons.
    const seen = await api(analyst, 'GET', `/api/v1/needs/${needId}`);
    const match = seen.json().matches.find((m: { projectId: string }) => m.projectId === p.id);
    assert.ok(match, 'the project is a candidate');
    assert.ok(
      match.reasons.includes('theme:theme-cft') && match.reasons.includes('region') && match.reasons.includes('funded'),
    );
    const page = await analyst.agent.get(`/needs/${needId}`);
    assert.match(page.body, /CFT training \(test\)/);

    // The State grants the needs (not the report) to UNODC: visible at once.
    const grant = await api(state, 'POST', `/api/v1/assessments/visits/${visitId}/consent`, {
      granteeKind: 'organization',
      granteeOrgId: unodc,
      scope: 'needs',
    });
    assert.equal(grant.status, 201);
    assert.equal((await api(entity, 'GET', `/api/v1/needs/${needId}`)).status, 200);
    const gap = (await api(entity, 'GET', '/api/v1/gap-analysis')).json();
    assert.equal(gap.totals.open, 1);
    assert.equal(gap.totals.unanswered, 1);
    assert.equal(gap.byState[0].iso3, 'XAR');
    const csv = await entity.agent.get('/needs?format=csv');
    assert.equal(csv.statusCode, 200);
    assert.match(String(csv.headers['content-type']), /text\/csv; charset=utf-8/);
    const lines = csv.body.replace(/^\uFEFF/, '').split(/\r?\n/);
    assert.match(lines[1], /^#indicator\+id,#country\+name,#country\+code/, 'HXL hashtag row');
    assert.equal(lines.filter((l) => l.includes(needId)).length, 1);
    const xlsx = await entity.agent.get('/gap-analysis?table=region&format=xlsx');
    assert.equal(xlsx.statusCode, 200);
    assert.equal(xlsx.rawPayload.subarray(0, 2).toString(), 'PK');
    const gapPage = await entity.agent.get('/gap-analysis');
    assert.equal(gapPage.statusCode, 200);
    assert.match(gapPage.body, /<svg[^>]*role="(img|group)"/);

    // Linking the project answers the need: coverage moves.
    assert.equal(
      (
        await api(coordinator, 'POST', `/api/v1/projects/${p.id}/needs`, {
          needId,
          coveredPercent: 60,
          status: 'agreed',
        })
      ).status,
      404,
      'UNOCT is not covered by the consent',
    );
    const link = await api(entity, 'POST', `/api/v1/projects/${p.id}/needs`, {
      needId,
      coveredPercent: 60,
      status: 'agreed',
    });
    assert.equal(link.status, 204, 'the lead entity, covered by the consent, links its project');
    const after = (await api(analyst, 'GET', '/api/v1/gap-analysis')).json();
    assert.ok(after.byState.some((s: { iso3: string; unanswered: number }) => s.iso3 === 'XAR' && s.unanswered === 0));
    assert.equal((await api(analyst, 'GET', `/api/v1/needs/${needId}`)).json().need.coveragePercent, 60);

    // The State revokes: the very next request is refused, the need leaves lists and totals.
    const history = (await api(state, 'GET', `/api/v1/assessments/visits/${visitId}/consent`)).json();
    assert.equal((await api(state, 'POST', `/api/v1/assessments/consent/${history.grants[0].id}/revoke`)).status, 204);
    assert.equal((await api(entity, 'GET', `/api/v1/needs/${needId}`)).status, 404);
    assert.equal((await api(entity, 'GET', '/api/v1/gap-analysis')).json().totals.open, 0);
    const readsLogged = await count(
      `select count(*)::int as n from audit_log where target_id = $1 and action = 'need.read'`,
      [needId],
    );
    assert.ok(readsLogged >= 3, 'every read of a confidential need is audited');
  },
);

test(
  'roadmaps and plans: the State and the Compact side read ' +
    `them, items hide needs the reader may not see (${dbLabel()})`,
  async () => {
    const borealis = await orgId(env, 'demo-state-borealis');
    const arcadia = await orgId(env, 'demo-state-arcadia');
    const coordinator = await makeUser(env, 'coordinator', { orgSlug: 'unoct' });
    const analyst = await makeUser(env, 'analyst', { orgSlug: 'cted' });
    const bState = await makeUser(env, 'member_state_focal_point', { orgId: borealis, focalPoint: true });
    const aState = await makeUser(env, 'member_state_focal_point', { orgId: arcadia, focalPoint: true });
    const open = await api(bState, 'POST', '/api/v1/needs', {
      stateOrgId: borealis,
      source: 'other',
      themes: ['theme-victims'],
      descriptions: { ru: { text: 'Помощь жертвам (тест)', status: 'original' } },
    });
    assert.equal(open.status, 201);
    assert.equal(
      (await api(bState, 'GET', `/api/v1/needs/${open.json().id}`)).json().need.coveragePercent,
      0,
      'no response: 0 % covered',
    );
    const visit = await api(analyst, 'POST', '/api/v1/assessments/visits', {
      stateOrgId: borealis,
      type: 'follow_up',
      startDate: '2026-06-01',
      endDate: '2026-06-02',
    });
    const secret = await api(analyst, 'POST', '/api/v1/needs', {
      stateOrgId: borealis,
      source: 'assessment_visit',
      visitId: visit.json().id,
      themes: ['theme-cft'],
      descriptions: { en: { text: 'Confidential need (test)', status: 'original' } },
    });
    assert.equal(secret.status, 201);
    assert.equal(
      (
        await api(bState, 'POST', `/api/v1/needs`, {
          stateOrgId: borealis,
          source: 'assessment_visit',
          visitId: visit.json().id,
          themes: ['theme-cft'],
          descriptions: { en: { text: 'x', status: 'original' } },
        })
      ).status,
      403,
      'a State does not attach needs to CTED’s visit',
    );

    const rm = await api(coordinator, 'POST', '/api/v1/roadmaps', {
      stateOrgId: borealis,
      title: 'Roadmap (test)',
      status: 'agreed',
      consultationDate: '2026-07-01',
    });
    assert.equal(rm.status, 201);
    const id = rm.json().id;
    assert.equal(
      (
        await api(coordinator, 'POST', `/api/v1/roadmaps/${id}/items`, {
          needId: open.json().id,
          rank: 1,
          status: 'in_progress',
          milestones: 'Law drafted',
        })
      ).status,
      204,
    );
    assert.equal(
      (
        await api(coordinator, 'POST', `/api/v1/roadmaps/${id}/items`, {
          needId: secret.json().id,
          rank: 2,
          status: 'not_started',
        })
      ).status,
      422,
      'UNOCT cannot put a need it may not see on a roadmap',
    );
    assert.equal(
      (
        await api(analyst, 'POST', `/api/v1/roadmaps/${id}/items`, {
          needId: secret.json().id,
          rank: 2,
          status: 'not_started',
        })
      ).status,
      204,
    );
    const asCoordinator = (await api(coordinator, 'GET', `/api/v1/roadmaps/${id}`)).json();
    assert.deepEqual(
      asCoordinator.items.map((i: { needVisible: boolean }) => i.needVisible),
      [true, false],
    );
    assert.equal((await api(bState, 'GET', `/api/v1/roadmaps/${id}`)).status, 200);
    assert.equal((await api(aState, 'GET', `/api/v1/roadmaps/${id}`)).status, 404, 'another State: no existence leak');
    const page = await coordinator.agent.get(`/roadmaps/${id}`);
    assert.equal(page.statusCode, 200);
    assert.doesNotMatch(page.body, /Confidential need \(test\)/);

    const plan = await api(bState, 'POST', '/api/v1/plans', {
      scope: 'national',
      stateOrgId: borealis,
      title: 'National plan (test)',
      needIds: [open.json().id],
    });
    assert.equal(plan.status, 201);
    assert.equal(
      (
        await api(aState, 'POST', '/api/v1/plans', {
          scope: 'national',
          stateOrgId: borealis,
          title: 'Not mine',
          needIds: [],
        })
      ).status,
      422,
    );
    assert.ok(
      (await api(coordinator, 'GET', '/api/v1/plans'))
        .json()
        .data.some((p: { title: string; needs: number }) => p.title === 'National plan (test)' && p.needs === 1),
    );
  },
);

test(
  'projects through the pages: create with governance, bad ' +
    `input stores nothing, edit, lead entity only (${dbLabel()})`,
  async () => {
    const coordinator = await makeUser(env, 'coordinator', { orgSlug: 'unoct' });
    const unodcFp = await makeUser(env, 'entity_focal_point', { orgSlug: 'unodc', focalPoint: true });
    const unoct = await orgId(env, 'unoct');
    const form = {
      kind: 'programme',
      title_en: 'Page programme (test)',
      leadOrgId: unoct,
      themes: 'theme-cft',
      pillars: 'pillar-2',
      status: 'active',
      budgetUsd: '1,000,000',
      fundsReceivedUsd: '250000',
    };
    const before = await count('select count(*)::int as n from projects');
    const bad = await coordinator.agent.post('/portfolio', {
      ...form,
      governance: 'Steering committee | NOPE | member',
    });
    assert.equal(bad.statusCode, 422);
    assert.match(bad.body, /governance line needs a body and an organization/);
    const badAmount = await coordinator.agent.post('/portfolio', { ...form, budgetUsd: 'a lot' });
    assert.equal(badAmount.statusCode, 422);
    assert.equal(await count('select count(*)::int as n from projects'), before, 'nothing stored');
    const ok = await coordinator.agent.post('/portfolio', {
      ...form,
      governance: 'Steering committee | CTED | member',
    });
    assert.equal(ok.statusCode, 303, ok.body.slice(0, 300));
    const url = String(ok.headers.location);
    const page = await coordinator.agent.get(url);
    assert.match(page.body, /Steering committee/);
    assert.match(page.body, /750,000 USD/, 'funding gap computed');
    assert.equal((await unodcFp.agent.get(`${url}/edit`)).statusCode, 403, 'only the lead entity or UNOCT edits');
    const edit = await coordinator.agent.get(`${url}/edit`);
    assert.equal(edit.statusCode, 200);
    assert.match(edit.body, /Steering committee \| CTED \| member/);
    const saved = await coordinator.agent.post(url, {
      ...form,
      status: 'completed',
      governance: 'Steering committee | CTED | member',
    });
    assert.equal(saved.statusCode, 303);
    assert.match((await coordinator.agent.get(url)).body, /Completed/);
  },
);
