// The permission matrix extended to roles × consent states: for each role (in the recipient organization, in the
// assessed State, in another State) and each state of the State's consent, who reads the report and who sees the
// needs. Reads go through the JSON API; the expected answer is written out as a table, not computed by the code
// under test.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { createApiToken, loadActor } from '../src/modules/access/access.service.ts';
import { assessmentReports, consentGrants, reportFiles } from '../src/modules/assessments/assessments.schema.ts';
import { dbLabel, makeTestEnv, makeUser, orgId, type TestEnv, type TestUser } from './helper.ts';

let env: TestEnv;
before(async () => {
  env = await makeTestEnv();
});
after(async () => {
  await env?.close();
});

type ConsentState = 'none' | 'report' | 'needs' | 'both' | 'expired' | 'revoked';
const STATES: ConsentState[] = ['none', 'report', 'needs', 'both', 'expired', 'revoked'];
type Principal =
  | 'analyst'
  | 'own_state'
  | 'other_state'
  | 'admin_in_unodc'
  | 'coordinator_in_unodc'
  | 'entity_in_unodc'
  | 'entity_elsewhere'
  | 'cso_in_unodc'
  | 'observer_in_unodc';
const ALWAYS = { report: true, needs: true };
const NEVER = { report: false, needs: false };
const BY_GRANT = (s: ConsentState) => ({
  report: s === 'report' || s === 'both',
  needs: s === 'needs' || s === 'both',
});
const EXPECTED: Record<Principal, (s: ConsentState) => { report: boolean; needs: boolean }> = {
  analyst: () => ALWAYS,
  own_state: () => ALWAYS,
  other_state: () => NEVER,
  admin_in_unodc: BY_GRANT,
  coordinator_in_unodc: BY_GRANT,
  entity_in_unodc: BY_GRANT,
  entity_elsewhere: () => NEVER,
  cso_in_unodc: () => NEVER,
  observer_in_unodc: () => NEVER,
};

test(`roles × consent states: report and needs (${dbLabel()})`, async () => {
  const arcadia = await orgId(env, 'demo-state-arcadia');
  const borealis = await orgId(env, 'demo-state-borealis');
  const unodc = await orgId(env, 'unodc');
  const users: Record<Principal, TestUser> = {
    analyst: await makeUser(env, 'analyst', { orgSlug: 'cted' }),
    own_state: await makeUser(env, 'member_state_focal_point', { orgId: arcadia, focalPoint: true }),
    other_state: await makeUser(env, 'member_state_focal_point', { orgId: borealis, focalPoint: true }),
    admin_in_unodc: await makeUser(env, 'platform_admin', { orgId: unodc }),
    coordinator_in_unodc: await makeUser(env, 'coordinator', { orgId: unodc }),
    entity_in_unodc: await makeUser(env, 'entity_focal_point', { orgId: unodc, focalPoint: true }),
    entity_elsewhere: await makeUser(env, 'entity_focal_point', { orgSlug: 'ohchr', focalPoint: true }),
    cso_in_unodc: await makeUser(env, 'cso_representative', { orgId: unodc }),
    observer_in_unodc: await makeUser(env, 'observer', { orgId: unodc }),
  };
  const tokens = new Map<string, string>();
  const token = async (u: TestUser) => {
    if (!tokens.has(u.id))
      tokens.set(
        u.id,
        (
          await createApiToken(
            {
              db: env.database.db,
              config: env.config,
              actor: (await loadActor(env.database.db, u.id, 'session', true, []))!.actor,
            },
            { name: 'm', scopes: ['write'], expiresInDays: 1 },
          )
        ).token,
      );
    return tokens.get(u.id)!;
  };
  const call = async (u: TestUser, method: 'GET' | 'POST', url: string, payload?: unknown) =>
    env.app.inject({
      method,
      url,
      headers: {
        authorization: `Bearer ${await token(u)}`,
        ...(payload ? { 'content-type': 'application/json' } : {}),
      },
      payload: payload ? JSON.stringify(payload) : undefined,
    });

  const visit = (
    await call(users.analyst, 'POST', '/api/v1/assessments/visits', {
      stateOrgId: arcadia,
      type: 'comprehensive',
      status: 'conducted',
      startDate: '2026-02-01',
      endDate: '2026-02-05',
    })
  ).json().id;
  const need = (
    await call(users.analyst, 'POST', '/api/v1/needs', {
      stateOrgId: arcadia,
      source: 'assessment_visit',
      visitId: visit,
      themes: ['theme-cft'],
      descriptions: { en: { text: 'Matrix need', status: 'original' } },
    })
  ).json().id;
  const [report] = await env.database.db
    .insert(assessmentReports)
    .values({ visitId: visit, title: 'Matrix report', classification: 'confidential' })
    .returning({ id: assessmentReports.id });
  await env.database.db.insert(reportFiles).values({
    reportId: report.id,
    language: 'en',
    originalName: 'r.pdf',
    storageKey: '00/00000000-0000-4000-8000-000000000000',
    contentType: 'application/pdf',
    size: 1,
    sha256: 'x',
  });
  // Written in the shape before migration 0039, then moved into the library as the migration does.
  await env.database.db.execute(sql`select library_import_assessment_reports()`);

  const setState = async (s: ConsentState) => {
    await env.database.db.execute(
      sql`update consent_grants set revoked_at = now() where visit_id = ${visit} and revoked_at is null`,
    );
    if (s === 'none') return;
    const scope = s === 'expired' || s === 'revoked' ? 'both' : s;
    const r = await call(users.own_state, 'POST', `/api/v1/assessments/visits/${visit}/consent`, {
      granteeKind: 'organization',
      granteeOrgId: unodc,
      scope,
    });
    assert.equal(r.statusCode, 201, r.body);
    const id = r.json().id;
    if (s === 'expired')
      await env.database.db
        .update(consentGrants)
        .set({ expiresAt: new Date(Date.now() - 1000) })
        .where(sql`${consentGrants.id} = ${id}`);
    if (s === 'revoked')
      assert.equal((await call(users.own_state, 'POST', `/api/v1/assessments/consent/${id}/revoke`)).statusCode, 204);
  };

  const divergences: string[] = [];
  let checks = 0;
  for (const s of STATES) {
    await setState(s);
    for (const [p, u] of Object.entries(users) as [Principal, TestUser][]) {
      const expected = EXPECTED[p](s);
      const rep = await call(u, 'GET', `/api/v1/assessments/reports/${report.id}`);
      const nd = await call(u, 'GET', `/api/v1/needs/${need}`);
      const got = { report: rep.statusCode === 200, needs: nd.statusCode === 200 };
      for (const part of ['report', 'needs'] as const) {
        checks++;
        if (got[part] !== expected[part])
          divergences.push(
            `${s} × ${p} × ${part}: expected ${expected[part] ? 'read' : 'refused'}, ` +
              `got ${part === 'report' ? rep.statusCode : nd.statusCode}`,
          );
      }
      // Refusals never reveal existence to those who may hold confidential material at all: 404 (403 only for roles
      // without it).
      for (const r of [rep, nd])
        if (r.statusCode !== 200) assert.ok([403, 404].includes(r.statusCode), `${s} × ${p}: ${r.statusCode}`);
    }
  }
  console.log(
    `# consent matrix: ${Object.keys(users).length} principals × ${STATES.length} ` +
      `consent states × 2 parts = ${checks} checks, ${divergences.length} divergences`,
  );
  assert.deepEqual(divergences, []);
});
