// Assessment reports and briefing packs live in the library (migration 0039; the library.keep job for packs): rows
// written in the shape before the move are moved by the migrations' functions, and the files are the same before and
// after — count, language, key, size and SHA-256 —; the owners' pages and API read them through the library, under
// the owners' rules (the assessed State's consent for a report: given, then revoked), and the library's own list never
// shows them.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readStoredFile, storeFile } from '../src/platform/files/storage.ts';
import { demoPdf } from '../src/modules/library/library.seed.ts';
import { briefingPacksWaiting, keepBriefingPacks } from '../src/modules/library/index.ts';
import { dbLabel, makeTestEnv, makeUser, orgId, type TestEnv, type TestUser } from './helper.ts';
import { api, apiUpload, count } from './api.helpers.ts';

let env: TestEnv;
let filesDir = '';
before(async () => {
  filesDir = await mkdtemp(path.join(tmpdir(), 'ctcp-library-move-'));
  env = await makeTestEnv({ filesDir });
});
after(async () => {
  await env?.close();
  await rm(filesDir, { recursive: true, force: true });
});

const sha = (x: Buffer) => createHash('sha256').update(x).digest('hex');

test(`assessment reports move into the library: the same files, consent still decides (${dbLabel()})`, async () => {
  const arcadia = await orgId(env, 'demo-state-arcadia');
  const unodc = await orgId(env, 'unodc');
  const analyst = await makeUser(env, 'analyst', { orgSlug: 'cted' });
  const arcadiaFp = await makeUser(env, 'member_state_focal_point', { orgId: arcadia, focalPoint: true });
  const unodcFp: TestUser = await makeUser(env, 'entity_focal_point', { orgId: unodc, focalPoint: true });
  const visit = await api(env, analyst, 'POST', '/api/v1/assessments/visits', {
    stateOrgId: arcadia,
    type: 'comprehensive',
    status: 'report_adopted',
    startDate: '2026-03-02',
    endDate: '2026-03-06',
  });
  assert.equal(visit.status, 201, visit.body);
  const visitId: string = visit.json().id;

  // Rows in the shape before migration 0039: reports with their files in report_files.
  const bytes = new Map<string, Buffer>();
  const file = async (reportId: string, language: string, at: string) => {
    const data = demoPdf(`report ${reportId.slice(0, 8)} ${language}`);
    const f = await storeFile(env.config, data);
    bytes.set(f.key, data);
    await env.database.query(
      `insert into report_files (report_id, language, original_name, storage_key, content_type, size, sha256,
         uploaded_by, uploaded_at) values ($1, $2, $3, $4, 'application/pdf', $5, $6, $7, $8)`,
      [reportId, language, `${language}.pdf`, f.key, f.size, f.sha256, analyst.id, at],
    );
  };
  const report = async (title: string, classification: string) =>
    (
      await env.database.query<{ id: string }>(
        `insert into assessment_reports (visit_id, title, classification, created_by) values ($1, $2, $3, $4)
           returning id`,
        [visitId, title, classification, analyst.id],
      )
    )[0].id;
  const a = await report('Rapport d’évaluation — Arcadie', 'confidential');
  await file(a, 'fr', '2026-03-10T10:00:00Z');
  await file(a, 'en', '2026-03-11T10:00:00Z');
  await file(a, 'ar', '2026-03-12T10:00:00Z');
  const b = await report('Follow-up report', 'strictly_confidential');
  await file(b, 'en', '2026-03-13T10:00:00Z');

  type F = { id: string; report: string; language: string; key: string; size: number; sha256: string };
  const sortF = (x: F[]) => x.map((f) => JSON.stringify(f)).sort();
  const before = await env.database.query<F>(
    `select f.id, f.report_id as report, f.language, f.storage_key as key, f.size, f.sha256 from report_files f
       join assessment_reports r on r.id = f.report_id where r.visit_id = $1`,
    [visitId],
  );
  assert.equal(before.length, 4);
  const [{ n }] = await env.database.query<{ n: number }>('select library_import_assessment_reports() as n');
  assert.equal(n, 2, 'every report has its library document');
  const after = await env.database.query<F>(
    `select f.id, r.id as report, f.language, f.file_key as key, f.size, f.sha256 from assessment_reports r
       join library_files f on f.document_id = r.library_document_id where r.visit_id = $1`,
    [visitId],
  );
  console.log(`# assessment reports moved: ${before.length} files before, ${after.length} after, hashes compared`);
  assert.deepEqual(sortF(after), sortF(before), 'the same files (and ids), keys, sizes and SHA-256');
  assert.equal(await count(env, 'select count(*)::int as n from report_files'), 0, 'the old table is left empty');
  const [{ n: again }] = await env.database.query<{ n: number }>('select library_import_assessment_reports() as n');
  assert.equal(again, 0, 'idempotent');
  const docs = await env.database.query<{
    id: string;
    symbol: string;
    classification: string;
    source: string;
    original_language: string;
    owner_org_id: string;
  }>(
    `select r.id, d.symbol, d.classification, d.source, d.original_language, d.owner_org_id from assessment_reports r
       join library_documents d on d.id = r.library_document_id where r.visit_id = $1 order by r.created_at, r.id`,
    [visitId],
  );
  assert.deepEqual(
    docs.map((d) => [d.symbol, d.classification, d.source, d.original_language, d.owner_org_id]).sort(),
    [
      [`RPT/${a.toUpperCase()}`, 'confidential', 'assessment_report', 'fr', arcadia],
      [`RPT/${b.toUpperCase()}`, 'strictly_confidential', 'assessment_report', 'en', arcadia],
    ].sort(),
  );
  const translations = await env.database.query<{ language: string; t: number | null }>(
    `select f.language, f.translated_from_revision as t from library_files f join assessment_reports r
       on r.library_document_id = f.document_id where r.id = $1 order by f.language`,
    [a],
  );
  assert.deepEqual(
    translations.map((r) => [r.language, r.t]),
    [
      ['ar', 1],
      ['en', 1],
      ['fr', null],
    ],
  );

  // Read through the report's pages and API: refused without consent, served with it, refused again once revoked.
  const en = before.find((f) => f.report === a && f.language === 'en')!;
  const reads = async (u: TestUser) => ({
    page: (await u.agent.get(`/assessments/reports/${a}`)).statusCode,
    file: (await u.agent.get(`/assessments/reports/${a}/files/${en.id}`)).statusCode,
    api: (await api(env, u, 'GET', `/api/v1/assessments/reports/${a}`)).status,
    apiFile: (await api(env, u, 'GET', `/api/v1/assessments/reports/${a}/files/${en.id}`)).status,
  });
  const refused = { page: 404, file: 404, api: 404, apiFile: 404 };
  const served = { page: 200, file: 200, api: 200, apiFile: 200 };
  assert.deepEqual(await reads(unodcFp), refused, 'no consent: refused');
  assert.deepEqual(await reads(arcadiaFp), served, 'the assessed State reads its report');
  const g = await api(env, arcadiaFp, 'POST', `/api/v1/assessments/visits/${visitId}/consent`, {
    granteeKind: 'organization',
    granteeOrgId: unodc,
    scope: 'report',
  });
  assert.equal(g.status, 201, g.body);
  assert.deepEqual(await reads(unodcFp), served, 'consent given: served');
  const got = await api(env, unodcFp, 'GET', `/api/v1/assessments/reports/${a}`);
  const files = got.json().files as { id: string; language: string; sha256: string; size: number; revision: number }[];
  assert.deepEqual(
    files.map((f) => [f.id, f.language, f.sha256, f.size, f.revision]),
    before
      .filter((f) => f.report === a)
      .sort((x, y) => x.language.localeCompare(y.language))
      .map((f) => [f.id, f.language, f.sha256, f.size, 1]),
  );
  const dl = await unodcFp.agent.get(`/assessments/reports/${a}/files/${en.id}`);
  assert.equal(sha(dl.rawPayload), en.sha256, 'the same bytes');
  assert.deepEqual(dl.rawPayload, bytes.get(en.key));
  assert.match(String(dl.headers['content-disposition']), /-en-/);
  assert.ok(
    (await count(
      env,
      `select count(*)::int as n from audit_log where action = 'assessment.report.downloaded' and target_id = $1
         and actor_id = $2`,
      [a, unodcFp.id],
    )) >= 1,
    'downloads still audited',
  );
  const strict = await api(env, unodcFp, 'GET', `/api/v1/assessments/reports/${b}`);
  assert.equal(strict.status, 404, 'strictly confidential: above the reader’s clearance, consent or not');
  const rev = await api(env, arcadiaFp, 'POST', `/api/v1/assessments/consent/${g.json().id}/revoke`);
  assert.equal(rev.status, 204, rev.body);
  assert.deepEqual(await reads(unodcFp), refused, 'consent revoked: refused on the next request');

  // A new upload of a language is its next revision, under the library row's lock; the report serves the newest.
  const fr2 = demoPdf('fr second revision');
  const up = await apiUpload(
    env,
    analyst,
    `/api/v1/assessments/reports/${a}/files`,
    { language: 'fr' },
    { name: 'fr2.pdf', data: fr2 },
  );
  assert.equal(up.status, 201, up.body);
  const fr = (up.json().files as { language: string; revision: number; sha256: string; id: string }[]).find(
    (f) => f.language === 'fr',
  )!;
  assert.deepEqual([fr.revision, fr.sha256], [2, sha(fr2)]);
  const served2 = await arcadiaFp.agent.get(`/assessments/reports/${a}/files/${fr.id}`);
  assert.equal(sha(served2.rawPayload), sha(fr2));
  assert.equal(
    await count(
      env,
      `select count(*)::int as n from library_files f join assessment_reports r on r.library_document_id = f.document_id
         where r.id = $1 and f.language = 'fr'`,
      [a],
    ),
    2,
    'revision 1 is kept',
  );

  // A report uploaded now is in the library from the start.
  const made = await apiUpload(
    env,
    analyst,
    `/api/v1/assessments/visits/${visitId}/reports`,
    { title: 'New report', classification: 'confidential', language: 'es' },
    { name: 'es.pdf', data: demoPdf('nuevo') },
  );
  assert.equal(made.status, 201, made.body);
  const [m] = await env.database.query<{ symbol: string; source: string; n: number }>(
    `select d.symbol, d.source, (select count(*)::int from library_files f where f.document_id = d.id) as n
       from assessment_reports r join library_documents d on d.id = r.library_document_id where r.id = $1`,
    [made.json().id],
  );
  assert.deepEqual([m.symbol, m.source, m.n], [`RPT/${String(made.json().id).toUpperCase()}`, 'assessment_report', 1]);

  // The library's own list and pages never show a report: the assessments module decides who reads it.
  const admin = await makeUser(env, 'platform_admin');
  const listed = (await api(env, admin, 'GET', '/api/v1/library?pageSize=100')).json().data as { symbol: string }[];
  assert.ok(!listed.some((d) => d.symbol.startsWith('RPT/')));
  const libId = (
    await env.database.query<{ id: string }>('select library_document_id as id from assessment_reports where id = $1', [
      a,
    ])
  )[0].id;
  assert.equal((await api(env, admin, 'GET', `/api/v1/library/${libId}`)).status, 404);
  assert.equal((await api(env, analyst, 'GET', `/api/v1/library/${libId}`)).status, 404);
});

test(`briefing packs move into the library: snapshots as revisions, compact decides (${dbLabel()})`, async () => {
  const coordinator = await makeUser(env, 'coordinator', { orgSlug: 'unoct', focalPoint: true });
  // Packs in the shape before the move: a snapshot and the SHA-256 of its JSON as generated (keys in the generator's
  // order, which the jsonb column does not keep).
  const generated = (n: number) => ({
    period: { from: '2024-01-01', to: '2024-06-30', asOf: '2024-07-01' },
    generatedAt: `2024-07-01T0${n}:00:00.000Z`,
    sections: [{ key: 'register', figures: { decisions: n, actions: { open: 2, overdue: 1 }, note: 'تقرير — 报告' } }],
  });
  for (const n of [1, 2]) {
    const s = generated(n);
    await env.database.query(
      `insert into compact_briefings (period_from, period_to, version, snapshot, sha256, created_by)
         values ('2024-01-01', '2024-06-30', $1, $2, $3, $4)`,
      [n, JSON.stringify(s), sha(Buffer.from(JSON.stringify(s))), coordinator.id],
    );
  }
  type P = { id: string; sha256: string; snapshot: unknown };
  const packsBefore = await env.database.query<P>('select id, sha256, snapshot from compact_briefings order by id');
  assert.equal(packsBefore.length, 2);
  const keep = async () => keepBriefingPacks(env.database.db, env.config);
  assert.deepEqual(await keep(), { documents: 2, revisions: 2 });
  assert.deepEqual(await keep(), { documents: 0, revisions: 0 }, 'idempotent');

  type R = { pack: string; revision: number; key: string; size: number; sha256: string; media_type: string };
  const revisions = async () =>
    env.database.query<R>(
      `select substr(d.symbol, 5) as pack, f.revision, f.file_key as key, f.size, f.sha256, f.media_type
         from library_documents d join library_files f on f.document_id = d.id
        where d.source = 'briefing_pack' order by d.symbol, f.revision`,
    );
  const kept = await revisions();
  console.log(`# briefing packs moved: ${packsBefore.length} packs before, ${kept.length} revisions after`);
  assert.deepEqual(
    kept.map((r) => [r.pack, r.revision, r.media_type]),
    packsBefore.map((p) => [p.id.toUpperCase(), 1, 'application/json']).sort(),
  );
  for (const p of packsBefore) {
    const r = kept.find((k) => k.pack === p.id.toUpperCase())!;
    const data = await readStoredFile(env.config, r.key);
    assert.equal(r.size, data.length);
    assert.equal(r.sha256, sha(data), 'the revision’s SHA-256 is its bytes’');
    assert.deepEqual(data, Buffer.from(JSON.stringify(p.snapshot)), 'the bytes: the snapshot as read from the row');
    assert.deepEqual(JSON.parse(data.toString('utf8')), p.snapshot, 'nothing lost');
  }
  assert.deepEqual(
    await env.database.query<P>('select id, sha256, snapshot from compact_briefings order by id'),
    packsBefore,
    'the packs themselves unchanged, their recorded SHA-256 too',
  );

  // A pack generated now records the SHA-256 of the bytes the library keeps.
  const made = await api(env, coordinator, 'POST', '/api/v1/compact/briefings', {
    from: '2025-01-01',
    to: '2025-03-31',
  });
  assert.equal(made.status, 201, made.body);
  const packId: string = made.json().id;
  assert.equal(await briefingPacksWaiting(env.database.db), true, 'the job is woken');
  assert.deepEqual(await keep(), { documents: 1, revisions: 1 });
  assert.equal(await briefingPacksWaiting(env.database.db), false);
  const [row] = await env.database.query<P>('select id, sha256, snapshot from compact_briefings where id = $1', [
    packId,
  ]);
  const mine = (await revisions()).find((r) => r.pack === packId.toUpperCase())!;
  assert.equal(mine.sha256, row.sha256, 'the library’s revision and the pack: one SHA-256');
  assert.equal(sha(await readStoredFile(env.config, mine.key)), row.sha256);

  // A draft's new snapshot is the next revision; the earlier one is kept.
  const { updateBriefingSnapshot } = await import('../src/modules/compact/briefing/briefing.service.ts');
  const { loadActor } = await import('../src/modules/access/access.service.ts');
  const actor = (await loadActor(env.database.db, coordinator.id, 'session', true, []))!.actor;
  const changed = { ...(row.snapshot as Record<string, unknown>), generatedAt: '2025-04-01T00:00:00.000Z' };
  await updateBriefingSnapshot({ db: env.database.db, actor }, packId, changed as never);
  assert.deepEqual(await keep(), { documents: 0, revisions: 1 });
  const [after] = await env.database.query<P>('select id, sha256 from compact_briefings where id = $1', [packId]);
  const two = (await revisions()).filter((r) => r.pack === packId.toUpperCase());
  assert.deepEqual(
    two.map((r) => r.revision),
    [1, 2],
  );
  assert.equal(two[1].sha256, after.sha256);

  // Read rules unchanged: the compact module's pages and API serve the pack; the library never shows it.
  assert.equal((await coordinator.agent.get(`/compact/briefings/${packId}`)).statusCode, 200);
  assert.equal((await api(env, coordinator, 'GET', `/api/v1/compact/briefings/${packId}`)).status, 200);
  const outsider = await makeUser(env, 'cso_representative');
  assert.notEqual((await outsider.agent.get(`/compact/briefings/${packId}`)).statusCode, 200);
  const admin = await makeUser(env, 'platform_admin');
  const listed = (await api(env, admin, 'GET', '/api/v1/library?pageSize=100')).json().data as { symbol: string }[];
  assert.ok(!listed.some((d) => d.symbol.startsWith('BRF/')));
  const [doc] = await env.database.query<{ id: string }>('select id from library_documents where symbol = $1', [
    `BRF/${packId.toUpperCase()}`,
  ]);
  assert.equal((await api(env, admin, 'GET', `/api/v1/library/${doc.id}`)).status, 404);
});
