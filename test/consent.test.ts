// Assessment reports and the assessed State's consent, end to end through app.inject: uploads checked by their real
// type (nothing kept when refused), 404 for everyone the State's consent does not cover, grants to an organization,
// to all Compact entities or to a working group, e-mails to the recipients in their language, audited and named
// downloads, narrowing (never widening), expiry, revocation effective on the very next request, the history, who may
// decide, and the clearance ceiling that no consent lifts.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { and, eq, inArray } from 'drizzle-orm';
import { parse as parseDisposition } from 'content-disposition';
import { createApiToken, loadActor } from '../src/modules/access/access.service.ts';
import { assessmentReports, assessmentVisits } from '../src/modules/assessments/assessments.schema.ts';
import { consentCovers } from '../src/modules/assessments/index.ts';
import { organizations } from '../src/modules/directory/directory.schema.ts';
import { dbLabel, location, makeTestEnv, makeUser, orgId, type Agent, type TestEnv, type TestUser } from './helper.ts';

let env: TestEnv;
let filesDir: string;
let arcadia: string;
let borealis: string;
let analyst: TestUser;
let arcadiaFp: TestUser;
let borealisFp: TestUser;
let unodcFp: TestUser;
let tokens: Map<string, string>;

before(async () => {
  filesDir = await mkdtemp(path.join(tmpdir(), 'ctcp-consent-files-'));
  env = await makeTestEnv({ filesDir });
  arcadia = await orgId(env, 'demo-state-arcadia');
  borealis = await orgId(env, 'demo-state-borealis');
  analyst = await makeUser(env, 'analyst', { orgSlug: 'cted' });
  arcadiaFp = await makeUser(env, 'member_state_focal_point', { orgId: arcadia, focalPoint: true });
  borealisFp = await makeUser(env, 'member_state_focal_point', { orgId: borealis, focalPoint: true });
  unodcFp = await makeUser(env, 'entity_focal_point', { orgSlug: 'unodc', focalPoint: true });
  tokens = new Map();
});
after(async () => {
  await env?.close();
  if (filesDir) await rm(filesDir, { recursive: true, force: true });
});

// ---------- helpers ----------

const count = async (q: string, p: unknown[] = []) => (await env.database.query<{ n: number }>(q, p))[0].n;

/** A small but well-formed PDF (header, catalogue, page tree, one page, cross-reference table, trailer). */
function pdf(text = 'Assessment report'): Buffer {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 144] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    (() => {
      const s = `BT /F1 12 Tf 20 100 Td (${text}) Tj ET`;
      return `<< /Length ${s.length} >>\nstream\n${s}\nendstream`;
    })(),
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let out = '%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  out += offsets.map((n) => `${String(n).padStart(10, '0')} 00000 n \n`).join('');
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (b: Buffer) => {
  let c = 0xffffffff;
  for (const x of b) c = CRC_TABLE[(c ^ x) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};

/**
 * A minimal Word document: a stored (uncompressed) ZIP with [Content_Types].xml, the relationships and
 * word/document.xml.
 */
function docx(): Buffer {
  const entries: [string, string][] = [
    [
      '[Content_Types].xml',
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
        '<Default Extension="xml" ContentType="application/xml"/>' +
        '<Override PartName="/word/document.xml" ' +
        'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>' +
        '</Types>',
    ],
    [
      '_rels/.rels',
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        '<Relationship Id="rId1" ' +
        'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" ' +
        'Target="word/document.xml"/>' +
        '</Relationships>',
    ],
    [
      'word/document.xml',
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">' +
        '<w:body><w:p><w:r><w:t>Rapport d’évaluation</w:t></w:r></w:p></w:body></w:document>',
    ],
  ];
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of entries) {
    const n = Buffer.from(name, 'utf8');
    const d = Buffer.from(content, 'utf8');
    const crc = crc32(d);
    const lh = Buffer.alloc(30);
    lh.writeUInt32LE(0x04034b50, 0);
    lh.writeUInt16LE(20, 4);
    lh.writeUInt16LE(0x0800, 6);
    lh.writeUInt16LE(0, 8);
    lh.writeUInt16LE(0, 10);
    lh.writeUInt16LE(0x21, 12);
    lh.writeUInt32LE(crc, 14);
    lh.writeUInt32LE(d.length, 18);
    lh.writeUInt32LE(d.length, 22);
    lh.writeUInt16LE(n.length, 26);
    lh.writeUInt16LE(0, 28);
    const ch = Buffer.alloc(46);
    ch.writeUInt32LE(0x02014b50, 0);
    ch.writeUInt16LE(20, 4);
    ch.writeUInt16LE(20, 6);
    ch.writeUInt16LE(0x0800, 8);
    ch.writeUInt16LE(0, 10);
    ch.writeUInt16LE(0, 12);
    ch.writeUInt16LE(0x21, 14);
    ch.writeUInt32LE(crc, 16);
    ch.writeUInt32LE(d.length, 20);
    ch.writeUInt32LE(d.length, 24);
    ch.writeUInt16LE(n.length, 28);
    ch.writeUInt32LE(offset, 42);
    locals.push(lh, n, d);
    centrals.push(ch, n);
    offset += lh.length + n.length + d.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

/** A Windows executable's first bytes (an MZ header with a PE signature). */
const exe = () => {
  const b = Buffer.alloc(256);
  b.write('MZ', 0, 'latin1');
  b.writeUInt32LE(0x80, 0x3c);
  b.write('PE\0\0', 0x80, 'latin1');
  return b;
};

interface FilePart {
  filename: string;
  data: Buffer;
  contentType?: string;
}
function multipart(fields: Record<string, string>, file?: FilePart): { payload: Buffer; contentType: string } {
  const boundary = `----ctcp${randomBytes(12).toString('hex')}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields))
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`, 'utf8'));
  if (file) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.filename}"\r\n` +
          `Content-Type: ${file.contentType ?? 'application/octet-stream'}\r\n\r\n`,
        'utf8',
      ),
      file.data,
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

const cookieHeader = (agent: Agent) => [...agent.cookies].map(([k, v]) => `${k}=${v}`).join('; ');

/** The page form: multipart with the agent's session and a CSRF token taken from a page, as a browser would send it. */
async function uploadPage(agent: Agent, url: string, fields: Record<string, string>, file?: FilePart) {
  const csrf = await agent.csrf();
  const { payload, contentType } = multipart({ _csrf: csrf, ...fields }, file);
  return env.app.inject({
    method: 'POST',
    url,
    payload,
    headers: { cookie: cookieHeader(agent), 'content-type': contentType, accept: 'text/html' },
  });
}

async function tokenFor(u: TestUser): Promise<string> {
  let t = tokens.get(u.id);
  if (!t) {
    const actor = (await loadActor(env.database.db, u.id, 'session', true, []))!.actor;
    t = (
      await createApiToken(
        { db: env.database.db, config: env.config, actor },
        { name: 'consent test', scopes: ['write'], expiresInDays: 1 },
      )
    ).token;
    tokens.set(u.id, t);
  }
  return t;
}

async function api(u: TestUser, method: 'GET' | 'POST', url: string, payload?: unknown) {
  return env.app.inject({
    method,
    url,
    headers: {
      authorization: `Bearer ${await tokenFor(u)}`,
      ...(payload !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    ...(payload !== undefined ? { payload: payload as object } : {}),
  });
}

async function uploadApi(u: TestUser, visitId: string, fields: Record<string, string>, file?: FilePart) {
  const { payload, contentType } = multipart(fields, file);
  return env.app.inject({
    method: 'POST',
    url: `/api/v1/assessments/visits/${visitId}/reports`,
    payload,
    headers: { authorization: `Bearer ${await tokenFor(u)}`, 'content-type': contentType },
  });
}

/** A folder that does not exist (yet) holds no file; any other error reading it fails the test. */
const filesIn = (dir: string) =>
  readdir(dir).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return [] as string[];
    throw err;
  });

async function storedFiles(): Promise<string[]> {
  const out: string[] = [];
  for (const d of await filesIn(filesDir)) for (const f of await filesIn(path.join(filesDir, d))) out.push(`${d}/${f}`);
  return out.sort();
}

async function newVisit(stateOrgId = arcadia): Promise<string> {
  const r = await api(analyst, 'POST', '/api/v1/assessments/visits', {
    stateOrgId,
    type: 'comprehensive',
    status: 'report_adopted',
    startDate: '2026-03-02',
    endDate: '2026-03-06',
  });
  assert.equal(r.statusCode, 201, r.body);
  return r.json().id;
}

/** A visit with one report (a PDF in English); returns the ids and the PDF. */
async function visitWithReport(classification: 'confidential' | 'strictly_confidential' = 'confidential') {
  const visitId = await newVisit();
  const data = pdf(`Report ${randomBytes(4).toString('hex')}`);
  const r = await uploadApi(
    analyst,
    visitId,
    { title: `Assessment report ${classification}`, classification, language: 'en' },
    { filename: 'report.pdf', data, contentType: 'application/pdf' },
  );
  assert.equal(r.statusCode, 201, r.body);
  const reportId: string = r.json().id;
  const fileId = (
    await env.database.query<{ id: string }>(
      'select f.id from library_files f join assessment_reports r on r.library_document_id = f.document_id ' +
        'where r.id = $1',
      [reportId],
    )
  )[0].id;
  return { visitId, reportId, fileId, data };
}

const grant = (visitId: string, body: Record<string, unknown>, by = arcadiaFp) =>
  api(by, 'POST', `/api/v1/assessments/visits/${visitId}/consent`, body);

/**
 * What a reader gets: the visit page, the report page, the download, and the API for the report and the visit's
 * reports.
 */
async function reads(u: TestUser, ids: { visitId: string; reportId: string; fileId: string }) {
  const [visit, report, file, apiReport, apiFile, apiList] = [
    await u.agent.get(`/assessments/visits/${ids.visitId}`),
    await u.agent.get(`/assessments/reports/${ids.reportId}`),
    await u.agent.get(`/assessments/reports/${ids.reportId}/files/${ids.fileId}`),
    await api(u, 'GET', `/api/v1/assessments/reports/${ids.reportId}`),
    await api(u, 'GET', `/api/v1/assessments/reports/${ids.reportId}/files/${ids.fileId}`),
    await api(u, 'GET', `/api/v1/assessments/visits/${ids.visitId}/reports`),
  ];
  return {
    visit: visit.statusCode,
    report: report.statusCode,
    file: file.statusCode,
    apiReport: apiReport.statusCode,
    apiFile: apiFile.statusCode,
    apiList: apiList.statusCode,
    listed: apiList.statusCode === 200 ? (apiList.json().data as { id: string }[]).map((r) => r.id) : [],
    fileRes: file,
  };
}

const fullyHidden = { visit: 404, report: 404, file: 404, apiReport: 404, apiFile: 404, apiList: 404 };
const statuses = (r: Awaited<ReturnType<typeof reads>>) => ({
  visit: r.visit,
  report: r.report,
  file: r.file,
  apiReport: r.apiReport,
  apiFile: r.apiFile,
  apiList: r.apiList,
});
const nameSlug = (name: string) => name.toLowerCase().replace(/\s+/g, '-');

// ---------- uploads ----------

test(
  'an analyst uploads a report as a page form and through the API; the real ' +
    `type is checked and the file stored under a server key (${dbLabel()})`,
  async () => {
    const visitId = await newVisit();
    const data = pdf('Rapport');
    const before = await storedFiles();
    const res = await uploadPage(
      analyst.agent,
      `/assessments/visits/${visitId}/reports`,
      { title: 'Rapport d’évaluation — Arcadie 🌍', classification: 'confidential', language: 'fr' },
      { filename: '../../etc/Rapport final.PDF', data, contentType: 'application/pdf' },
    );
    assert.equal(res.statusCode, 303, res.body.slice(0, 2000));
    const reportId = location(res).split('/').pop()!;
    assert.match(location(res), /^\/assessments\/reports\/[0-9a-f-]{36}$/);
    const [row] = await env.database.query<{
      title: string;
      classification: string;
      original_name: string;
      storage_key: string;
      content_type: string;
      size: number;
      sha256: string;
      language: string;
    }>(
      'select r.title, r.classification, f.file_name as original_name, f.file_key as storage_key, ' +
        'f.media_type as content_type, f.size, f.sha256, f.language from assessment_reports r ' +
        'join library_files f on f.document_id = r.library_document_id where r.id = $1',
      [reportId],
    );
    assert.equal(row.title, 'Rapport d’évaluation — Arcadie 🌍');
    assert.equal(row.classification, 'confidential');
    assert.equal(row.content_type, 'application/pdf');
    assert.equal(row.language, 'fr');
    assert.equal(row.size, data.length);
    assert.equal(row.sha256, createHash('sha256').update(data).digest('hex'));
    assert.match(row.storage_key, /^[0-9a-f]{2}\/[0-9a-f-]{36}$/, 'a server-made key, never the uploaded name');
    const after = await storedFiles();
    assert.deepEqual(
      after.filter((f) => !before.includes(f)),
      [row.storage_key],
    );
    assert.deepEqual(await readFile(path.join(filesDir, row.storage_key)), data);

    const page = await analyst.agent.get(`/assessments/reports/${reportId}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Rapport d’évaluation — Arcadie 🌍/);

    // a second language version (DOCX) on the page, then a report through the API
    const add = await uploadPage(
      analyst.agent,
      `/assessments/reports/${reportId}/files`,
      { language: 'en' },
      { filename: 'report.docx', data: docx() },
    );
    assert.equal(add.statusCode, 303, add.body.slice(0, 2000));
    assert.deepEqual(
      (
        await env.database.query<{ language: string; content_type: string }>(
          'select f.language, f.media_type as content_type from library_files f join assessment_reports r ' +
            'on r.library_document_id = f.document_id where r.id = $1 order by f.language',
          [reportId],
        )
      ).map((r) => `${r.language}:${r.content_type}`),
      ['en:application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'fr:application/pdf'],
    );

    const viaApi = await uploadApi(
      analyst,
      visitId,
      { title: 'API report', classification: 'strictly_confidential', language: 'en' },
      { filename: 'api.docx', data: docx() },
    );
    assert.equal(viaApi.statusCode, 201, viaApi.body);
    const got = await api(analyst, 'GET', `/api/v1/assessments/reports/${viaApi.json().id}`);
    assert.equal(got.statusCode, 200);
    assert.equal(got.json().classification, 'strictly_confidential');
    assert.equal(
      got.json().files[0].contentType,
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
    const created = await env.database.query<{ action: string; actor_id: string }>(
      `select action, actor_id from audit_log where action = 'assessment.report.created' and target_id in ($1, $2)`,
      [reportId, viaApi.json().id],
    );
    assert.equal(created.length, 2);
    assert.ok(created.every((a) => a.actor_id === analyst.id));
  },
);

test(
  'refused uploads answer 422 with a clear message and store ' +
    `nothing — no report row, no file on disk (${dbLabel()})`,
  async () => {
    const visitId = await newVisit();
    const good = { title: 'A report', classification: 'confidential', language: 'en' };
    const cases: { name: string; fields: Record<string, string>; file?: FilePart; field: string; message: RegExp }[] = [
      {
        name: 'a .pdf that is really text',
        fields: good,
        file: {
          filename: 'report.pdf',
          data: Buffer.from('This is not a PDF at all.\n'.repeat(20)),
          contentType: 'application/pdf',
        },
        field: 'file',
        message: /The file’s content is not a PDF file, whatever its name says\./,
      },
      {
        name: 'a .docx that is a PDF',
        fields: good,
        file: { filename: 'report.docx', data: pdf() },
        field: 'file',
        message: /The file’s content is not a DOCX file, whatever its name says\./,
      },
      {
        name: 'an .exe',
        fields: good,
        file: { filename: 'report.exe', data: exe(), contentType: 'application/x-msdownload' },
        field: 'file',
        message: /Only PDF \(\.pdf\) and Word \(\.docx\) files are accepted\./,
      },
      {
        name: 'a PDF named .exe',
        fields: good,
        file: { filename: 'report.pdf.exe', data: pdf() },
        field: 'file',
        message: /Only PDF \(\.pdf\) and Word \(\.docx\) files are accepted\./,
      },
      { name: 'no file', fields: good, field: 'file', message: /Choose a file\./ },
      {
        name: 'an empty file',
        fields: good,
        file: { filename: 'empty.pdf', data: Buffer.alloc(0) },
        field: 'file',
        message: /Choose a file\./,
      },
      {
        name: 'a missing title',
        fields: { classification: 'confidential', language: 'en' },
        file: { filename: 'report.pdf', data: pdf() },
        field: 'title',
        message: /Fill in this field\./,
      },
      {
        name: 'a blank title',
        fields: { ...good, title: '   ' },
        file: { filename: 'report.pdf', data: pdf() },
        field: 'title',
        message: /Fill in this field\./,
      },
      {
        name: 'a title over 300 characters',
        fields: { ...good, title: 'T'.repeat(301) },
        file: { filename: 'report.pdf', data: pdf() },
        field: 'title',
        message: /Use at most 300 characters\./,
      },
      {
        name: 'an unknown language',
        fields: { ...good, language: 'xx' },
        file: { filename: 'report.pdf', data: pdf() },
        field: 'language',
        message: /Choose one of the options\./,
      },
      {
        name: 'an unknown classification',
        fields: { ...good, classification: 'top_secret' },
        file: { filename: 'report.pdf', data: pdf() },
        field: 'classification',
        message: /Choose one of the options\./,
      },
    ];
    const reportsBefore = await count('select count(*)::int as n from assessment_reports');
    const filesBefore = await count('select count(*)::int as n from library_files');
    const diskBefore = await storedFiles();
    for (const c of cases) {
      const page = await uploadPage(analyst.agent, `/assessments/visits/${visitId}/reports`, c.fields, c.file);
      assert.equal(page.statusCode, 422, `page: ${c.name}`);
      assert.match(page.body, c.message, `page message: ${c.name}`);
      assert.match(page.body, /class="error-summary"/, `page error summary: ${c.name}`);
      const viaApi = await uploadApi(analyst, visitId, c.fields, c.file);
      assert.equal(viaApi.statusCode, 422, `API: ${c.name}`);
      const body = viaApi.json() as { error: { code: string; fields: { field: string; message: string }[] } };
      assert.equal(body.error.code, 'validation_failed');
      const f = body.error.fields.find((x) => x.field === c.field);
      assert.ok(f, `API names the field ${c.field}: ${c.name} — ${viaApi.body}`);
      assert.match(f.message, c.message, `API message: ${c.name}`);
    }
    // a version added to an existing report is checked the same way
    const { reportId } = await visitWithReport();
    const reportsMid = await count('select count(*)::int as n from assessment_reports');
    const filesMid = await count('select count(*)::int as n from library_files');
    const diskMid = await storedFiles();
    const bad = await uploadPage(
      analyst.agent,
      `/assessments/reports/${reportId}/files`,
      { language: 'ar' },
      { filename: 'ar.docx', data: pdf() },
    );
    assert.equal(bad.statusCode, 422);
    assert.match(bad.body, /The file’s content is not a DOCX file/);
    assert.equal(await count('select count(*)::int as n from assessment_reports'), reportsMid);
    assert.equal(await count('select count(*)::int as n from library_files'), filesMid);
    assert.deepEqual(await storedFiles(), diskMid);

    assert.equal(reportsMid, reportsBefore + 1, 'only the one good upload made a report');
    assert.equal(filesMid, filesBefore + 1);
    assert.equal(diskMid.length, diskBefore.length + 1);

    // not an analyst: refused before anything is read
    const fpUpload = await uploadPage(arcadiaFp.agent, `/assessments/visits/${visitId}/reports`, good, {
      filename: 'report.pdf',
      data: pdf(),
    });
    assert.equal(fpUpload.statusCode, 403);
    const noVisit = await uploadApi(analyst, '00000000-0000-4000-8000-000000000000', good, {
      filename: 'report.pdf',
      data: pdf(),
    });
    assert.equal(noVisit.statusCode, 404);
    assert.deepEqual(await storedFiles(), diskMid);
  },
);

// ---------- reading before and after consent ----------

test(
  'before consent only CTED and the visited State read; a grant to UNODC opens the report to UNODC, ' +
    `tells its focal points in their language, and every view and download is audited (${dbLabel()})`,
  async () => {
    const ids = await visitWithReport();
    const unodcFr = await makeUser(env, 'entity_focal_point', { orgSlug: 'unodc', focalPoint: true });
    await env.database.query(`update users set locale = 'fr' where id = $1`, [unodcFr.id]);
    const unodcMember = await makeUser(env, 'entity_focal_point', { orgSlug: 'unodc', focalPoint: false });
    const unodcCso = await makeUser(env, 'cso_representative', { orgSlug: 'unodc' });
    const unodcObserver = await makeUser(env, 'observer', { orgSlug: 'unodc' });
    const ohchrFp = await makeUser(env, 'entity_focal_point', { orgSlug: 'ohchr', focalPoint: true });

    assert.deepEqual(statuses(await reads(unodcFp, ids)), fullyHidden, 'UNODC before consent');
    assert.deepEqual(statuses(await reads(borealisFp, ids)), fullyHidden, 'another State');
    const own = await reads(arcadiaFp, ids);
    assert.deepEqual(
      statuses(own),
      { visit: 200, report: 200, file: 200, apiReport: 200, apiFile: 200, apiList: 200 },
      'the visited State',
    );
    assert.deepEqual(own.listed, [ids.reportId]);
    assert.deepEqual(own.fileRes.rawPayload, ids.data);
    const cted = await reads(analyst, ids);
    assert.equal(cted.report, 200);

    // the State grants (page form), scope: the report
    const mailBefore = await count('select count(*)::int as n from mail_outbox');
    const g = await arcadiaFp.agent.post(`/assessments/visits/${ids.visitId}/consent`, {
      granteeKind: 'organization',
      granteeOrgId: await orgId(env, 'unodc'),
      scope: 'report',
      note: 'For the technical assistance programme',
    });
    assert.equal(g.statusCode, 303, g.body.slice(0, 2000));
    assert.equal(location(g), `/assessments/visits/${ids.visitId}#consent`);
    const mails = await env.database.query<{
      to: string;
      locale: string;
      kind: string;
      subject: string;
      text: string;
      status: string;
    }>(`select "to", locale, kind, subject, text, status from mail_outbox order by created_at offset $1`, [mailBefore]);
    assert.ok(mails.every((m) => m.kind === 'consent_granted' && m.status === 'held'));
    const to = (u: TestUser) => mails.find((m) => m.to === u.email);
    assert.equal(to(unodcFp)?.locale, 'en');
    assert.equal(to(unodcFp)?.subject, 'Republic of Arcadia (fictional, demo) has shared assessment material with you');
    assert.match(to(unodcFp)!.text, /has consented to share the report of the assessment visit/);
    assert.equal(to(unodcFr)?.locale, 'fr');
    assert.equal(
      to(unodcFr)?.subject,
      'République d’Arcadie (fictive, démo) a partagé avec vous des éléments d’évaluation',
    );
    assert.match(to(unodcFr)!.text, /le rapport/);
    assert.equal(to(unodcMember), undefined, 'only focal points are told');
    assert.equal(to(ohchrFp), undefined, 'nobody outside the grant is told');
    assert.equal(to(borealisFp), undefined);
    assert.ok(
      mails.every((m) => !m.text.includes('Report ')),
      'no confidential content in the e-mail',
    );

    const covered = await reads(unodcFp, ids);
    assert.deepEqual(
      statuses(covered),
      { visit: 200, report: 200, file: 200, apiReport: 200, apiFile: 200, apiList: 200 },
      'UNODC under the grant',
    );
    assert.deepEqual(covered.listed, [ids.reportId]);
    assert.equal(covered.fileRes.headers['content-type'], 'application/pdf');
    assert.equal(covered.fileRes.headers['cache-control'], 'no-store');
    assert.deepEqual(covered.fileRes.rawPayload, ids.data);
    const cd = String(covered.fileRes.headers['content-disposition']);
    const fileName = parseDisposition(cd).parameters.filename ?? '';
    assert.equal(parseDisposition(cd).type, 'attachment');
    assert.ok(
      fileName.includes(nameSlug((await loadActor(env.database.db, unodcFp.id, 'session', true, []))!.actor.name)),
      `the reader's name in ${fileName}`,
    );
    assert.match(fileName, /-\d{4}-\d{2}-\d{2}T\d{6}Z\.pdf$/, `a UTC time stamp in ${fileName}`);
    const stamp = /(\d{4}-\d{2}-\d{2})T(\d{2})(\d{2})(\d{2})Z\.pdf$/.exec(fileName)!;
    assert.ok(
      Math.abs(Date.parse(`${stamp[1]}T${stamp[2]}:${stamp[3]}:${stamp[4]}Z`) - Date.now()) < 5 * 60_000,
      'the time of the download',
    );
    assert.equal(
      (await unodcMember.agent.get(`/assessments/reports/${ids.reportId}`)).statusCode,
      200,
      'the grant addresses the organization, not only its focal points',
    );
    // a reader whose name is not in Latin script is named too (not "reader")
    await env.database.query(`update users set name = $2 where id = $1`, [unodcFr.id, 'Анна Каренина 李明']);
    const nonLatin = await unodcFr.agent.get(`/assessments/reports/${ids.reportId}/files/${ids.fileId}`);
    assert.equal(nonLatin.statusCode, 200);
    const nonLatinName = parseDisposition(String(nonLatin.headers['content-disposition'])).parameters.filename ?? '';
    assert.match(
      nonLatinName,
      /^assessment-report-confidential-en-анна-каренина-李明-\d{4}-\d{2}-\d{2}T\d{6}Z\.pdf$/,
      nonLatinName,
    );

    const audit = await env.database.query<{ action: string; actor_id: string; details: Record<string, unknown> }>(
      `select action, actor_id, details from audit_log where target_id = $1 and actor_id = $2 order by id`,
      [ids.reportId, unodcFp.id],
    );
    const actions = audit.map((a) => a.action);
    assert.ok(actions.includes('assessment.report.viewed'), actions.join());
    assert.ok(actions.includes('assessment.report.downloaded'), actions.join());
    assert.equal(
      actions.filter((a) => a === 'assessment.report.read_denied').length,
      4,
      'the denied reads before the grant (page, download, API, API download) were audited too',
    );
    const dl = audit.find((a) => a.action === 'assessment.report.downloaded')!;
    assert.equal(dl.details.fileName, fileName);
    assert.equal(dl.details.reader, (await loadActor(env.database.db, unodcFp.id, 'session', true, []))!.actor.name);
    assert.equal(audit.find((a) => a.action === 'assessment.report.viewed')!.details.consent, true);

    // roles below confidential never see assessment material, even in the granted organization
    for (const u of [unodcCso, unodcObserver]) {
      assert.equal((await u.agent.get(`/assessments/visits/${ids.visitId}`)).statusCode, 403, u.role);
      assert.equal((await u.agent.get(`/assessments/reports/${ids.reportId}`)).statusCode, 403, u.role);
      assert.equal(
        (await u.agent.get(`/assessments/reports/${ids.reportId}/files/${ids.fileId}`)).statusCode,
        403,
        u.role,
      );
      assert.equal((await api(u, 'GET', `/api/v1/assessments/reports/${ids.reportId}`)).statusCode, 403, u.role);
    }
    assert.deepEqual(statuses(await reads(borealisFp, ids)), fullyHidden, 'another State is still not covered');
    assert.deepEqual(
      statuses(await reads(ohchrFp, ids)),
      fullyHidden,
      'another Compact entity is not covered by a grant to UNODC',
    );
    // the grantee does not see the consent panel or the history
    assert.equal((await api(unodcFp, 'GET', `/api/v1/assessments/visits/${ids.visitId}/consent`)).statusCode, 404);
  },
);

test(
  'a grant to all Compact entities covers UNOCT; a grant to ' +
    `a working group covers its members only (${dbLabel()})`,
  async () => {
    const unoctCoordinator = await makeUser(env, 'coordinator', { orgSlug: 'unoct' });
    const unoctFp = await makeUser(env, 'entity_focal_point', { orgSlug: 'unoct', focalPoint: true });
    const osceFp = await makeUser(env, 'entity_focal_point', { orgSlug: 'osce', focalPoint: true });
    const ohchrFp = await makeUser(env, 'entity_focal_point', { orgSlug: 'ohchr', focalPoint: true });

    const compact = await visitWithReport();
    assert.deepEqual(statuses(await reads(unoctCoordinator, compact)), fullyHidden);
    const mailBefore = await count('select count(*)::int as n from mail_outbox');
    const g1 = await grant(compact.visitId, { granteeKind: 'compact', scope: 'both' });
    assert.equal(g1.statusCode, 201, g1.body);
    for (const u of [unoctCoordinator, unoctFp, unodcFp, ohchrFp]) {
      const r = await reads(u, compact);
      assert.deepEqual(
        statuses(r),
        { visit: 200, report: 200, file: 200, apiReport: 200, apiFile: 200, apiList: 200 },
        `${u.role} ${u.email}`,
      );
    }
    assert.deepEqual(statuses(await reads(osceFp, compact)), fullyHidden, 'OSCE is not a Compact entity');
    assert.deepEqual(statuses(await reads(borealisFp, compact)), fullyHidden);
    const told = (
      await env.database.query<{ to: string }>(`select "to" from mail_outbox order by created_at offset $1`, [
        mailBefore,
      ])
    ).map((m) => m.to);
    assert.ok(told.includes(unoctFp.email) && told.includes(unodcFp.email) && told.includes(ohchrFp.email));
    assert.ok(!told.includes(osceFp.email) && !told.includes(borealisFp.email));

    // working groups: their members are their bodies' members (the demo seats are seeded; make sure of the ones this
    // test relies on)
    const group = (
      await env.database.query<{ id: string }>(`select id from working_groups where slug = 'wg-human-rights-victims'`)
    )[0].id;
    await env.database.query(
      "insert into compact_body_members (body_id, organization_id, role) select b.id, o.id, 'member' " +
        "from compact_bodies b, organizations o where b.working_group_id = $1 and o.slug in ('ohchr', 'unoct') " +
        'on conflict do nothing',
      [group],
    );
    assert.equal(
      await count(
        'select count(*)::int as n from compact_body_members m join compact_bodies b on b.id = m.body_id ' +
          "join organizations o on o.id = m.organization_id where b.working_group_id = $1 and o.slug = 'unodc'",
        [group],
      ),
      0,
      'UNODC is not in this group',
    );
    const wg = await visitWithReport();
    const g2 = await grant(wg.visitId, { granteeKind: 'working_group', granteeGroupId: group, scope: 'report' });
    assert.equal(g2.statusCode, 201, g2.body);
    for (const u of [ohchrFp, unoctFp]) assert.equal((await reads(u, wg)).report, 200, `member ${u.email}`);
    // the grant names the group in the reader's language (working-group names are translatable text)
    for (const [lang, name] of [
      ['en', 'Working Group on Promoting and Protecting Human Rights'],
      ['fr', 'Groupe de travail sur la promotion et la protection des droits humains'],
    ]) {
      const listed = await env.app.inject({
        method: 'GET',
        url: `/api/v1/assessments/visits/${wg.visitId}/consent`,
        headers: { authorization: `Bearer ${await tokenFor(arcadiaFp)}`, 'accept-language': lang },
      });
      assert.equal(listed.statusCode, 200, listed.body);
      const byGroup = listed.json().grants.find((x: { granteeGroupId: string | null }) => x.granteeGroupId === group);
      assert.ok(byGroup?.granteeName?.startsWith(name), `${lang}: ${byGroup?.granteeName}`);
    }
    for (const u of [unodcFp, osceFp, borealisFp])
      assert.deepEqual(statuses(await reads(u, wg)), fullyHidden, `not a member ${u.email}`);

    // a group that does not exist, or an organization missing, is refused
    const bad1 = await grant(wg.visitId, {
      granteeKind: 'working_group',
      granteeGroupId: '00000000-0000-4000-8000-000000000000',
      scope: 'report',
    });
    assert.equal(bad1.statusCode, 422);
    assert.match(bad1.json().error.fields[0].message, /Choose the working group/);
    const bad2 = await grant(wg.visitId, { granteeKind: 'organization', scope: 'report' });
    assert.equal(bad2.statusCode, 422);
    assert.match(bad2.json().error.fields[0].message, /Choose the organization/);
    const self = await grant(wg.visitId, { granteeKind: 'organization', granteeOrgId: arcadia, scope: 'report' });
    assert.equal(self.statusCode, 422, 'the State does not grant to itself');
  },
);

test(
  'scope, narrowing, expiry, revocation on the very next request, the history, and who may decide ' + `(${dbLabel()})`,
  async () => {
    const ids = await visitWithReport();
    const unodc = await orgId(env, 'unodc');

    // 'needs' shows the visit but not the report
    const needs = await grant(ids.visitId, { granteeKind: 'organization', granteeOrgId: unodc, scope: 'needs' });
    assert.equal(needs.statusCode, 201, needs.body);
    const needsId: string = needs.json().id;
    const r1 = await reads(unodcFp, ids);
    assert.equal(r1.visit, 200, 'a needs grant shows the visit');
    assert.deepEqual(
      { report: r1.report, file: r1.file, apiReport: r1.apiReport, apiFile: r1.apiFile },
      { report: 404, file: 404, apiReport: 404, apiFile: 404 },
      'but not the report',
    );
    assert.deepEqual(r1.listed, []);

    // both → report (narrower) works; report → both (wider) is refused
    const both = await grant(ids.visitId, {
      granteeKind: 'organization',
      granteeOrgId: unodc,
      scope: 'both',
      expiresOn: '2099-12-31',
    });
    assert.equal(both.statusCode, 201, both.body);
    const bothId: string = both.json().id;
    assert.equal((await reads(unodcFp, ids)).report, 200);
    const narrow = await api(arcadiaFp, 'POST', `/api/v1/assessments/consent/${bothId}/narrow`, {
      scope: 'report',
      expiresOn: '2099-06-30',
    });
    assert.equal(narrow.statusCode, 204, narrow.body);
    assert.equal((await reads(unodcFp, ids)).report, 200, 'still covered for the report');
    const widen = await api(arcadiaFp, 'POST', `/api/v1/assessments/consent/${bothId}/narrow`, { scope: 'both' });
    assert.equal(widen.statusCode, 422);
    assert.match(widen.json().error.fields[0].message, /can only narrow/);
    const later = await api(arcadiaFp, 'POST', `/api/v1/assessments/consent/${bothId}/narrow`, {
      scope: 'report',
      expiresOn: '2099-12-31',
    });
    assert.equal(later.statusCode, 422, 'a later end date widens');
    const widenPage = await arcadiaFp.agent.post(`/assessments/consent/${needsId}/narrow`, {
      scope: 'both',
      visitId: ids.visitId,
    });
    assert.equal(widenPage.statusCode, 422);
    assert.match(widenPage.body, /can only narrow/);
    const [g] = await env.database.query<{ scope: string; expires_at: Date }>(
      'select scope, expires_at from consent_grants where id = $1',
      [bothId],
    );
    assert.equal(g.scope, 'report');
    assert.equal(new Date(g.expires_at).toISOString(), '2099-06-30T23:59:59.999Z');

    // an end date in the past is refused (API and page), nothing stored
    const grantsBefore = await count('select count(*)::int as n from consent_grants where visit_id = $1', [
      ids.visitId,
    ]);
    const past = await grant(ids.visitId, {
      granteeKind: 'organization',
      granteeOrgId: unodc,
      scope: 'report',
      expiresOn: '2020-01-01',
    });
    assert.equal(past.statusCode, 422);
    assert.match(past.json().error.fields[0].message, /The end date must be in the future\./);
    const yesterday = new Date(Date.now() - 86400_000).toISOString().slice(0, 10);
    const pastPage = await arcadiaFp.agent.post(`/assessments/visits/${ids.visitId}/consent`, {
      granteeKind: 'compact',
      scope: 'report',
      expiresOn: yesterday,
    });
    assert.equal(pastPage.statusCode, 422);
    assert.match(pastPage.body, /The end date must be in the future\./);
    const pastNarrow = await api(arcadiaFp, 'POST', `/api/v1/assessments/consent/${bothId}/narrow`, {
      scope: 'report',
      expiresOn: yesterday,
    });
    assert.equal(pastNarrow.statusCode, 422);
    assert.equal(
      await count('select count(*)::int as n from consent_grants where visit_id = $1', [ids.visitId]),
      grantsBefore,
    );

    // who decides: not CTED (403), not another State (404, not even the existence)
    const byCted = await api(analyst, 'POST', `/api/v1/assessments/visits/${ids.visitId}/consent`, {
      granteeKind: 'compact',
      scope: 'report',
    });
    assert.equal(byCted.statusCode, 403);
    const byCtedPage = await analyst.agent.post(`/assessments/visits/${ids.visitId}/consent`, {
      granteeKind: 'compact',
      scope: 'report',
    });
    assert.equal(byCtedPage.statusCode, 403);
    assert.equal((await api(analyst, 'POST', `/api/v1/assessments/consent/${bothId}/revoke`)).statusCode, 403);
    const byOther = await grant(
      ids.visitId,
      { granteeKind: 'organization', granteeOrgId: borealis, scope: 'both' },
      borealisFp,
    );
    assert.equal(byOther.statusCode, 404);
    const byOtherPage = await borealisFp.agent.post(`/assessments/visits/${ids.visitId}/consent`, {
      granteeKind: 'compact',
      scope: 'both',
    });
    assert.equal(byOtherPage.statusCode, 404);
    assert.equal(
      (await api(borealisFp, 'POST', `/api/v1/assessments/consent/${bothId}/narrow`, { scope: 'report' })).statusCode,
      404,
    );
    assert.equal((await api(borealisFp, 'POST', `/api/v1/assessments/consent/${bothId}/revoke`)).statusCode, 404);
    assert.equal((await api(borealisFp, 'GET', `/api/v1/assessments/visits/${ids.visitId}/consent`)).statusCode, 404);
    assert.equal(
      (
        await api(unodcFp, 'POST', `/api/v1/assessments/visits/${ids.visitId}/consent`, {
          granteeKind: 'compact',
          scope: 'both',
        })
      ).statusCode,
      403,
      'a grantee cannot pass it on',
    );
    assert.equal(
      await count('select count(*)::int as n from consent_grants where visit_id = $1', [ids.visitId]),
      grantsBefore,
    );

    // revoke: the very next request is 404 (page and API), no cache
    assert.equal((await unodcFp.agent.get(`/assessments/reports/${ids.reportId}`)).statusCode, 200);
    const rev = await arcadiaFp.agent.post(`/assessments/consent/${bothId}/revoke`, {
      visitId: ids.visitId,
      confirmed: 'yes',
    });
    assert.equal(rev.statusCode, 303);
    assert.equal((await unodcFp.agent.get(`/assessments/reports/${ids.reportId}`)).statusCode, 404);
    assert.equal(
      (await api(unodcFp, 'GET', `/api/v1/assessments/reports/${ids.reportId}/files/${ids.fileId}`)).statusCode,
      404,
    );
    assert.equal(
      (await api(unodcFp, 'GET', `/api/v1/assessments/visits/${ids.visitId}`)).statusCode,
      200,
      'the needs grant still shows the visit',
    );
    const rev2 = await api(arcadiaFp, 'POST', `/api/v1/assessments/consent/${needsId}/revoke`);
    assert.equal(rev2.statusCode, 204);
    assert.deepEqual(statuses(await reads(unodcFp, ids)), fullyHidden, 'nothing left');
    const again = await api(arcadiaFp, 'POST', `/api/v1/assessments/consent/${needsId}/revoke`);
    assert.equal(again.statusCode, 409);
    assert.equal(
      (await api(arcadiaFp, 'POST', `/api/v1/assessments/consent/${needsId}/narrow`, { scope: 'needs' })).statusCode,
      409,
    );
    const revokedMail = await env.database.query<{ subject: string }>(
      `select subject from mail_outbox where "to" = $1 and kind = 'consent_revoked'`,
      [unodcFp.email],
    );
    assert.ok(
      revokedMail.length >= 2 &&
        revokedMail.every((m) => m.subject === 'Republic of Arcadia (fictional, demo) has withdrawn its consent'),
    );

    // the history, in order, for the State and for CTED
    for (const u of [arcadiaFp, analyst]) {
      const h = await api(u, 'GET', `/api/v1/assessments/visits/${ids.visitId}/consent`);
      assert.equal(h.statusCode, 200, h.body);
      const body = h.json() as {
        grants: { id: string; live: boolean; scope: string; revokedAt: string | null }[];
        history: { grantId: string; action: string; scope: string; by: string; at: string }[];
      };
      assert.deepEqual(
        body.history.map((e) => `${e.grantId === bothId ? 'both' : 'needs'}:${e.action}:${e.scope}`),
        [
          'needs:granted:needs',
          'both:granted:both',
          'both:narrowed:report',
          'both:revoked:report',
          'needs:revoked:needs',
        ],
      );
      assert.ok(body.history.every((e) => e.by === arcadiaFp.email));
      const ats = body.history.map((e) => Date.parse(e.at));
      assert.deepEqual(
        ats,
        [...ats].sort((a, b) => a - b),
      );
      assert.ok(body.grants.every((x) => !x.live && x.revokedAt));
    }
    const audited = await env.database.query<{ action: string }>(
      `select action from audit_log where target_id in ($1, $2) and action like 'assessment.consent.%' order by id`,
      [needsId, bothId],
    );
    assert.deepEqual(
      audited.map((a) => a.action),
      [
        'assessment.consent.granted',
        'assessment.consent.granted',
        'assessment.consent.narrowed',
        'assessment.consent.revoked',
        'assessment.consent.revoked',
      ],
    );

    // an expired grant no longer covers (time passing, simulated in SQL)
    const soon = await grant(ids.visitId, {
      granteeKind: 'organization',
      granteeOrgId: unodc,
      scope: 'report',
      expiresOn: new Date(Date.now() + 86400_000).toISOString().slice(0, 10),
    });
    assert.equal(soon.statusCode, 201);
    assert.equal((await reads(unodcFp, ids)).report, 200);
    await env.database.query(`update consent_grants set expires_at = now() - interval '1 second' where id = $1`, [
      soon.json().id,
    ]);
    assert.deepEqual(statuses(await reads(unodcFp, ids)), fullyHidden, 'expired');
    const h = await api(analyst, 'GET', `/api/v1/assessments/visits/${ids.visitId}/consent`);
    assert.equal(
      (h.json().grants as { id: string; live: boolean }[]).find((x) => x.id === soon.json().id)?.live,
      false,
    );
  },
);

test(
  'a strictly confidential report stays out of reach of an ' +
    `entity focal point, whatever the consent (${dbLabel()})`,
  async () => {
    const strict = await visitWithReport('strictly_confidential');
    // a confidential report on the same visit, to see that the grant itself works
    const conf = await uploadApi(
      analyst,
      strict.visitId,
      { title: 'Confidential annex', classification: 'confidential', language: 'en' },
      { filename: 'annex.pdf', data: pdf('Annex') },
    );
    assert.equal(conf.statusCode, 201);
    const g = await grant(strict.visitId, {
      granteeKind: 'organization',
      granteeOrgId: await orgId(env, 'unodc'),
      scope: 'both',
    });
    assert.equal(g.statusCode, 201);
    const r = await reads(unodcFp, strict);
    assert.equal(r.visit, 200);
    assert.deepEqual(
      { report: r.report, file: r.file, apiReport: r.apiReport, apiFile: r.apiFile },
      { report: 404, file: 404, apiReport: 404, apiFile: 404 },
    );
    assert.deepEqual(r.listed, [conf.json().id], 'only the confidential report is listed');
    assert.equal((await unodcFp.agent.get(`/assessments/reports/${conf.json().id}`)).statusCode, 200);
    const page = await unodcFp.agent.get(`/assessments/visits/${strict.visitId}`);
    assert.doesNotMatch(page.body, new RegExp(strict.reportId));
    // the clearance ceiling also holds for the Compact-wide grant and for a UNOCT coordinator
    await grant(strict.visitId, { granteeKind: 'compact', scope: 'both' });
    const coordinator = await makeUser(env, 'coordinator', { orgSlug: 'unoct' });
    assert.equal((await coordinator.agent.get(`/assessments/reports/${strict.reportId}`)).statusCode, 404);
    assert.equal((await coordinator.agent.get(`/assessments/reports/${conf.json().id}`)).statusCode, 200);
    // the State and CTED read it
    assert.equal((await arcadiaFp.agent.get(`/assessments/reports/${strict.reportId}`)).statusCode, 200);
    assert.equal(
      (await analyst.agent.get(`/assessments/reports/${strict.reportId}/files/${strict.fileId}`)).statusCode,
      200,
    );
    const denied = await count(
      'select count(*)::int as n from audit_log where action = ' +
        "'assessment.report.read_denied' and target_id = $1 and actor_id = $2",
      [strict.reportId, unodcFp.id],
    );
    assert.ok(denied >= 4, 'denied reads are audited');
  },
);

test(`consentCovers gives the same answer whatever the shape of the caller's query (${dbLabel()})`, async () => {
  // Drizzle writes the fields of a one-table select without their table ("id", "visit_id"): inside the consent
  // subquery such a name must still mean the caller's row, not a column of consent_grants.
  const shared = await visitWithReport();
  const other = await visitWithReport();
  assert.equal(
    (
      await grant(shared.visitId, {
        granteeKind: 'organization',
        granteeOrgId: await orgId(env, 'unodc'),
        scope: 'both',
      })
    ).statusCode,
    201,
  );
  const actor = (await loadActor(env.database.db, unodcFp.id, 'session', true, []))!.actor;
  const db = env.database.db;
  const viaVisit = async (id: string) =>
    (
      await db
        .select({ ok: consentCovers(actor, assessmentVisits.id, 'report').mapWith(Boolean) })
        .from(assessmentVisits)
        .where(eq(assessmentVisits.id, id))
    )[0].ok;
  const viaVisitJoined = async (id: string) =>
    (
      await db
        .select({ ok: consentCovers(actor, assessmentVisits.id, 'report').mapWith(Boolean) })
        .from(assessmentVisits)
        .innerJoin(organizations, eq(organizations.id, assessmentVisits.stateOrgId))
        .where(eq(assessmentVisits.id, id))
    )[0].ok;
  const viaReport = async (id: string) =>
    (
      await db
        .select({ ok: consentCovers(actor, assessmentReports.visitId, 'report').mapWith(Boolean) })
        .from(assessmentReports)
        .where(eq(assessmentReports.id, id))
    )[0].ok;
  const viaWhere = async () =>
    (
      await db
        .select({ id: assessmentReports.id })
        .from(assessmentReports)
        .where(
          and(
            inArray(assessmentReports.id, [shared.reportId, other.reportId]),
            consentCovers(actor, assessmentReports.visitId, 'report'),
          ),
        )
    ).map((r) => r.id);
  const viaString = async (id: string) =>
    (
      await db
        .select({ ok: consentCovers(actor, id, 'needs').mapWith(Boolean) })
        .from(organizations)
        .limit(1)
    )[0].ok;
  assert.deepEqual(
    [
      await viaVisit(shared.visitId),
      await viaVisitJoined(shared.visitId),
      await viaReport(shared.reportId),
      await viaString(shared.visitId),
    ],
    [true, true, true, true],
    'the covered visit',
  );
  assert.deepEqual(
    [
      await viaVisit(other.visitId),
      await viaVisitJoined(other.visitId),
      await viaReport(other.reportId),
      await viaString(other.visitId),
    ],
    [false, false, false, false],
    'a visit without a grant',
  );
  assert.deepEqual(await viaWhere(), [shared.reportId]);
});
