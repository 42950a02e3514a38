// Import of needs and projects: a dry run lists every row's errors and stores nothing; a commit stores all rows or
// none.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createApiToken, loadActor } from '../src/modules/access/access.service.ts';
import { toXlsx } from '../src/platform/export/tabular.ts';
import { dbLabel, makeTestEnv, makeUser, type TestEnv, type TestUser } from './helper.ts';

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
function multipart(filename: string, data: Buffer, type: string) {
  const boundary = '----ctcp' + Math.random().toString(16).slice(2);
  const body = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; ` +
        `filename="${filename}"\r\nContent-Type: ${type}\r\n\r\n`,
    ),
    data,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { body, contentType: `multipart/form-data; boundary=${boundary}` };
}
const upload = async (u: TestUser, url: string, filename: string, data: Buffer, type = 'text/csv') => {
  const m = multipart(filename, data, type);
  const r = await env.app.inject({
    method: 'POST',
    url,
    headers: { authorization: `Bearer ${await tokenOf(u)}`, 'content-type': m.contentType },
    payload: m.body,
  });
  return { status: r.statusCode, json: () => r.json() };
};
const count = async (t: string) =>
  (await env.database.query<{ n: number }>(`select count(*)::int as n from ${t}`))[0].n;

const NEEDS_CSV = [
  'iso3,source,themes,pillars,priority,status,description_en,description_fr',
  '#country+code,#meta+source,#sector+theme,#sector+pillar,#priority,#status,#description+en,#description+fr',
  'XAR,other,theme-victims,pillar-1,high,identified,Support to victims (test),Soutien aux victimes (test)',
  'XBO,other,theme-cft;theme-criminal-justice,pillar-2,medium,validated,"Training, with a comma (test)",',
].join('\r\n');

test(`needs import: dry run, all-or-nothing commit, row errors (${dbLabel()})`, async () => {
  const coordinator = await makeUser(env, 'coordinator', { orgSlug: 'unoct' });
  const before = await count('ta_needs');
  const dry = await upload(coordinator, '/api/v1/import/needs?dryRun=true', 'needs.csv', Buffer.from(NEEDS_CSV));
  assert.equal(dry.status, 200, JSON.stringify(dry.json()));
  assert.deepEqual({ rows: dry.json().rows, committed: dry.json().committed }, { rows: 2, committed: false });
  assert.equal(await count('ta_needs'), before, 'a dry run stores nothing');

  const bad = NEEDS_CSV + '\r\nZZZ,other,theme-nope,,urgent,identified,,';
  const rejected = await upload(coordinator, '/api/v1/import/needs', 'needs.csv', Buffer.from(bad));
  assert.equal(rejected.status, 422);
  const fields = rejected.json().error.fields.map((f: { field: string }) => f.field);
  // The bad row is the fifth line of the file (header, hashtags, two rows, then it), as a spreadsheet numbers it.
  assert.ok(fields.includes('row 5: iso3'), fields.join(' | '));
  assert.equal(await count('ta_needs'), before, 'one bad row: nothing stored');

  const ok = await upload(coordinator, '/api/v1/import/needs', 'needs.csv', Buffer.from(NEEDS_CSV));
  assert.equal(ok.status, 200);
  assert.equal(ok.json().ids.length, 2);
  assert.equal(await count('ta_needs'), before + 2);

  const fake = await upload(coordinator, '/api/v1/import/needs', 'needs.xlsx', Buffer.from(NEEDS_CSV));
  assert.equal(fake.status, 422, 'an .xlsx that is text is refused');
  assert.equal(
    (
      await upload(
        await makeUser(env, 'cso_representative'),
        '/api/v1/import/needs',
        'needs.csv',
        Buffer.from(NEEDS_CSV),
      )
    ).status,
    403,
  );
});

test(`projects import from XLSX, unknown organization refused (${dbLabel()})`, async () => {
  const coordinator = await makeUser(env, 'coordinator', { orgSlug: 'unoct' });
  const cols = [
    'kind',
    'code',
    'title_en',
    'lead',
    'partners',
    'beneficiaries',
    'regions',
    'themes',
    'pillars',
    'budget_usd',
    'funds_received_usd',
    'start_date',
    'end_date',
    'status',
  ];
  const rows = [
    [
      'project',
      'TEST-001',
      'Border project (test)',
      'UNOCT',
      'UNODC;ICAO',
      'XAR',
      'african',
      'theme-border-security',
      'pillar-2',
      '250000',
      '100000',
      '2027-01-01',
      '2027-12-31',
      'pipeline',
    ],
    ['project', 'TEST-002', 'Another (test)', 'NOPE', '', '', '', 'theme-cft', '', '', '', '', '', 'active'],
  ];
  const columns = cols.map((c, i) => ({ key: c, header: c, value: (r: string[]) => r[i] }));
  const before = await count('projects');
  const withError = await upload(
    coordinator,
    '/api/v1/import/projects',
    'projects.xlsx',
    await toXlsx(columns, rows),
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  );
  assert.equal(withError.status, 422);
  assert.ok(withError.json().error.fields.some((f: { field: string }) => f.field === 'row 3: lead'));
  assert.equal(await count('projects'), before);
  const good = await upload(
    coordinator,
    '/api/v1/import/projects',
    'projects.xlsx',
    await toXlsx(columns, rows.slice(0, 1)),
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  );
  assert.equal(good.status, 200, JSON.stringify(good.json()));
  assert.equal(await count('projects'), before + 1);
  assert.equal(await count('project_partners'), 2);
});
