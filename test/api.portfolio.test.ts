// The API's twins of the portfolio's and assessments' pages: projects (create, replace, with partners, beneficiaries
// and governance in their JSON), needs and visits (replace), a report's language versions (upload). Each answers with
// the same service and rule as its page: success, 403 or 404 for a principal without the right, 4xx for bad input
// (never 500) with nothing stored, and the audit entry.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { dbLabel, makeTestEnv, makeUser, orgId, type TestEnv, type TestUser } from './helper.ts';
import { postForm, PDF } from './events.helpers.ts';
import { api, apiUpload, auditActions, count } from './api.helpers.ts';

let env: TestEnv;
let filesDir = '';
const ids: Record<string, string> = {};
let admin: TestUser;
let unodcFocal: TestUser; // focal point of UNODC: leads UNODC's projects only
let unescoFocal: TestUser;
let analyst: TestUser;
let coordinator: TestUser;
let observer: TestUser;
let arcadiaFocal: TestUser;
const missing = '00000000-0000-4000-8000-000000000000';

before(async () => {
  filesDir = await mkdtemp(path.join(tmpdir(), 'ctcp-api-portfolio-'));
  env = await makeTestEnv({ filesDir });
  for (const s of ['unodc', 'unesco', 'unoct', 'demo-state-arcadia', 'demo-state-borealis'])
    ids[s] = await orgId(env, s);
  admin = await makeUser(env, 'platform_admin', { orgSlug: 'unoct' });
  unodcFocal = await makeUser(env, 'entity_focal_point', { orgId: ids.unodc, focalPoint: true });
  unescoFocal = await makeUser(env, 'entity_focal_point', { orgId: ids.unesco, focalPoint: true });
  analyst = await makeUser(env, 'analyst', { orgSlug: 'cted' });
  coordinator = await makeUser(env, 'coordinator', { orgSlug: 'unoct' });
  observer = await makeUser(env, 'observer', { orgSlug: 'unoct' });
  arcadiaFocal = await makeUser(env, 'member_state_focal_point', {
    orgId: ids['demo-state-arcadia'],
    focalPoint: true,
  });
});
after(async () => {
  await env?.close();
  if (filesDir) await rm(filesDir, { recursive: true, force: true });
});

const project = (o: Record<string, unknown> = {}) => ({
  kind: 'project',
  titles: { en: { text: 'Border security training', status: 'original' }, fr: { text: 'Formation', status: 'draft' } },
  summary: 'Training of border officials.',
  leadOrgId: ids.unodc,
  partnerOrgIds: [ids.unesco],
  beneficiaryStateIds: [ids['demo-state-arcadia']],
  regions: [],
  themes: ['theme-cft'],
  pillars: ['pillar-2'],
  budgetUsd: 500000,
  fundsReceivedUsd: 200000,
  startDate: '2026-01-01',
  endDate: '2027-06-30',
  status: 'active',
  governance: [{ body: 'Steering committee', organizationId: ids.unoct, role: 'chair' }],
  ...o,
});

test(`projects: create and replace via the API, with partners, beneficiaries, governance (${dbLabel()})`, async () => {
  const created = await api(env, unodcFocal, 'POST', '/api/v1/projects', project());
  assert.equal(created.status, 201, created.body);
  const p = created.json();
  assert.equal(p.leadOrgId, ids.unodc);
  assert.deepEqual(
    p.partners.map((o: { id: string }) => o.id),
    [ids.unesco],
  );
  assert.deepEqual(
    p.beneficiaries.map((o: { id: string }) => o.id),
    [ids['demo-state-arcadia']],
  );
  assert.deepEqual(p.governance, [
    { body: 'Steering committee', role: 'chair', organizationId: ids.unoct, acronym: 'UNOCT' },
  ]);
  assert.equal(p.titles.fr.text, 'Formation');
  assert.deepEqual(await auditActions(env, p.id), ['project.created']);

  // The project's JSON shows them too.
  const one = await api(env, observer, 'GET', `/api/v1/projects/${p.id}`);
  assert.equal(one.status, 200);
  assert.equal(one.json().project.summary, 'Training of border officials.');
  assert.equal(one.json().project.partners[0].id, ids.unesco);
  assert.equal(one.json().project.governance[0].body, 'Steering committee');

  // Replace: other partners and beneficiaries, no governance, one language.
  const put = await api(
    env,
    unodcFocal,
    'PUT',
    `/api/v1/projects/${p.id}`,
    project({
      titles: { en: { text: 'Border security', status: 'original' } },
      partnerOrgIds: [],
      beneficiaryStateIds: [ids['demo-state-borealis'], ids['demo-state-arcadia']],
      governance: [],
      status: 'completed',
    }),
  );
  assert.equal(put.status, 200, put.body);
  assert.deepEqual(put.json().partners, []);
  assert.equal(put.json().beneficiaries.length, 2);
  assert.deepEqual(put.json().governance, []);
  assert.equal(put.json().titles.fr, undefined);
  assert.equal(put.json().status, 'completed');
  assert.deepEqual(await auditActions(env, p.id), ['project.created', 'project.updated']);

  // Coordinators write every project; the page sees the API's change.
  assert.equal((await api(env, coordinator, 'PUT', `/api/v1/projects/${p.id}`, project())).status, 200);
  const page = await coordinator.agent.get(`/portfolio/${p.id}`);
  assert.match(page.body, /Steering committee/);
});

test(`projects: the page's rule — 403 for another entity's project and other roles, 404 (${dbLabel()})`, async () => {
  const p = (await api(env, admin, 'POST', '/api/v1/projects', project())).json();
  // UNESCO's focal point may neither create a project led by UNODC nor change UNODC's: on the page as in the API.
  assert.equal((await api(env, unescoFocal, 'POST', '/api/v1/projects', project())).status, 403);
  assert.equal((await api(env, unescoFocal, 'PUT', `/api/v1/projects/${p.id}`, project())).status, 403);
  const pageForm = {
    kind: 'project',
    title_en: 'X',
    title_en_status: 'original',
    leadOrgId: ids.unodc,
    status: 'pipeline',
  };
  assert.equal((await postForm(env, unescoFocal.agent, '/portfolio', pageForm)).statusCode, 403);
  assert.equal((await postForm(env, unescoFocal.agent, `/portfolio/${p.id}`, pageForm)).statusCode, 403);
  // Nor may they make it theirs by naming themselves the lead.
  assert.equal(
    (await api(env, unescoFocal, 'PUT', `/api/v1/projects/${p.id}`, project({ leadOrgId: ids.unesco }))).status,
    403,
  );
  for (const u of [observer, analyst, arcadiaFocal]) {
    assert.equal((await api(env, u, 'POST', '/api/v1/projects', project())).status, 403, u.role);
    assert.equal((await api(env, u, 'PUT', `/api/v1/projects/${p.id}`, project())).status, 403, u.role);
  }
  assert.equal((await api(env, null, 'POST', '/api/v1/projects', project())).status, 401);
  assert.equal((await api(env, admin, 'PUT', `/api/v1/projects/${missing}`, project())).status, 404);
  assert.equal((await api(env, admin, 'PUT', '/api/v1/projects/not-an-id', project())).status, 404);
  assert.deepEqual(await auditActions(env, p.id), ['project.created']);
});

test(`projects: bad input is 400 or 422 with every field, nothing stored (${dbLabel()})`, async () => {
  const before = await count(env, 'select count(*)::int as n from projects');
  const bad = await api(
    env,
    admin,
    'POST',
    '/api/v1/projects',
    project({
      themes: ['theme-nope'],
      startDate: '2027-01-01',
      endDate: '2026-01-01',
      beneficiaryStateIds: [ids.unesco],
      governance: [{ body: 'Board', organizationId: missing }],
    }),
  );
  assert.equal(bad.status, 422, bad.body);
  const fields = bad.json().error.fields.map((f: { field: string }) => f.field);
  for (const f of ['themes', 'endDate', 'beneficiaryStateIds', 'governance']) assert.ok(fields.includes(f), f);
  assert.equal((await api(env, admin, 'POST', '/api/v1/projects', project({ titles: {} }))).status, 422);
  for (const body of [
    project({ budgetUsd: 'lots' }),
    project({ kind: 'portfolio' }),
    project({ leadOrgId: 'UNODC' }),
    project({ unknown: 1 }),
    { kind: 'project' },
  ]) {
    const r = await api(env, admin, 'POST', '/api/v1/projects', body);
    assert.equal(r.status, 400, r.body);
  }
  assert.equal(await count(env, 'select count(*)::int as n from projects'), before);
});

test(`needs: replace through the API by the need's writers (${dbLabel()})`, async () => {
  const need = {
    stateOrgId: ids['demo-state-arcadia'],
    source: 'other',
    themes: ['theme-cft'],
    descriptions: { en: { text: 'Financial intelligence unit staffing', status: 'original' } },
  };
  const created = await api(env, arcadiaFocal, 'POST', '/api/v1/needs', need);
  assert.equal(created.status, 201, created.body);
  const id = created.json().id;
  const put = await api(env, arcadiaFocal, 'PUT', `/api/v1/needs/${id}`, {
    ...need,
    priority: 'high',
    descriptions: {
      en: { text: 'FIU staffing and training', status: 'original' },
      es: { text: 'Personal de la UIF', status: 'draft' },
    },
  });
  assert.equal(put.status, 200, put.body);
  assert.equal(put.json().priority, 'high');
  assert.equal(put.json().descriptions.es.text, 'Personal de la UIF');
  assert.deepEqual(await auditActions(env, id), ['need.created', 'need.updated']);
  // Another State's focal point: 404 (the need is not theirs to see) on the page and in the API alike.
  const borealis = await makeUser(env, 'member_state_focal_point', {
    orgId: ids['demo-state-borealis'],
    focalPoint: true,
  });
  const other = await api(env, borealis, 'PUT', `/api/v1/needs/${id}`, need);
  const otherPage = await postForm(env, borealis.agent, `/needs/${id}`, {
    stateOrgId: need.stateOrgId,
    source: need.source,
    themes: need.themes,
    priority: 'high',
    status: 'identified',
    description_en: 'x',
  });
  assert.ok([403, 404].includes(other.status), String(other.status));
  assert.equal(otherPage.statusCode, other.status);
  assert.equal((await api(env, observer, 'PUT', `/api/v1/needs/${id}`, need)).status, 403);
  assert.equal((await api(env, arcadiaFocal, 'PUT', `/api/v1/needs/${missing}`, need)).status, 404);
  const bad = await api(env, arcadiaFocal, 'PUT', `/api/v1/needs/${id}`, { ...need, themes: [], descriptions: {} });
  assert.equal(bad.status, 422);
  assert.equal((await api(env, arcadiaFocal, 'PUT', `/api/v1/needs/${id}`, { ...need, priority: 'x' })).status, 400);
  assert.deepEqual(await auditActions(env, id), ['need.created', 'need.updated']);
});

test(`visits and a report's language versions: CTED through the API (${dbLabel()})`, async () => {
  const visit = {
    stateOrgId: ids['demo-state-arcadia'],
    type: 'focused',
    status: 'planned',
    startDate: '2026-04-01',
    endDate: '2026-04-03',
  };
  const v = (await api(env, analyst, 'POST', '/api/v1/assessments/visits', visit)).json().id;
  const put = await api(env, analyst, 'PUT', `/api/v1/assessments/visits/${v}`, {
    ...visit,
    status: 'conducted',
    team: 'Two analysts',
  });
  assert.equal(put.status, 200, put.body);
  assert.equal(put.json().status, 'conducted');
  assert.equal(put.json().team, 'Two analysts');
  assert.deepEqual(
    (await auditActions(env, v)).filter((a) => a !== 'assessment.visit.read'),
    ['assessment.visit.created', 'assessment.visit.updated'],
  );
  for (const u of [coordinator, arcadiaFocal, observer])
    assert.equal((await api(env, u, 'PUT', `/api/v1/assessments/visits/${v}`, visit)).status, 403, u.role);
  assert.equal((await api(env, analyst, 'PUT', `/api/v1/assessments/visits/${missing}`, visit)).status, 404);
  const bad = await api(env, analyst, 'PUT', `/api/v1/assessments/visits/${v}`, { ...visit, endDate: '2026-03-01' });
  assert.equal(bad.status, 422);
  assert.equal(bad.json().error.fields[0].field, 'endDate');
  const badDate = { ...visit, startDate: '1 April' };
  assert.equal((await api(env, analyst, 'PUT', `/api/v1/assessments/visits/${v}`, badDate)).status, 400);

  // A report, then its French version through the new operation.
  const report = await apiUpload(
    env,
    analyst,
    `/api/v1/assessments/visits/${v}/reports`,
    { title: 'Report', classification: 'confidential', language: 'en' },
    { name: 'report.pdf', data: PDF },
  );
  assert.equal(report.status, 201, report.body);
  const rid = report.json().id;
  const fr = await apiUpload(
    env,
    analyst,
    `/api/v1/assessments/reports/${rid}/files`,
    { language: 'fr' },
    {
      name: 'rapport.pdf',
      data: PDF,
    },
  );
  assert.equal(fr.status, 201, fr.body);
  assert.deepEqual(
    fr
      .json()
      .files.map((f: { language: string }) => f.language)
      .sort(),
    ['en', 'fr'],
  );
  const filesBefore = await count(env, 'select count(*)::int as n from library_files');
  const notPdf = await apiUpload(
    env,
    analyst,
    `/api/v1/assessments/reports/${rid}/files`,
    { language: 'es' },
    { name: 'x.pdf', data: Buffer.from('not a pdf') },
  );
  assert.equal(notPdf.status, 422);
  const noLang = await apiUpload(env, analyst, `/api/v1/assessments/reports/${rid}/files`, { language: 'xx' });
  assert.equal(noLang.status, 422);
  assert.equal(await count(env, 'select count(*)::int as n from library_files'), filesBefore);
  const coordUpload = await apiUpload(
    env,
    coordinator,
    `/api/v1/assessments/reports/${rid}/files`,
    { language: 'es' },
    {
      name: 'x.pdf',
      data: PDF,
    },
  );
  assert.equal(coordUpload.status, 403);
  const unknown = await apiUpload(
    env,
    analyst,
    `/api/v1/assessments/reports/${missing}/files`,
    { language: 'es' },
    {
      name: 'x.pdf',
      data: PDF,
    },
  );
  assert.equal(unknown.status, 404);
});
