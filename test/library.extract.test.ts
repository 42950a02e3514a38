// The text of library files in search: a real PDF and a real DOCX uploaded through the API, read by the
// library.extract job, found by a word that appears only inside the file — by a reader who may read the document, and
// by no one else (0 hits, 0 in the counts and facets). A newer revision replaces the text; the nightly rebuild keeps
// it; an event document's file is found as the event document, under the event's rule. Malformed and lying files (a
// "PDF" that is not one, truncated files, an encrypted PDF, a ZIP bomb) end as a failed or too-large status, never a
// 500, and their upload is unaffected.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { crc32, deflateRawSync } from 'node:zlib';
import { JobQueue, runJobOnce } from '../src/platform/jobs/queue.ts';
import type { JobDefinition } from '../src/platform/jobs/jobs.types.ts';
import { libraryExtractJob } from '../src/modules/library/extract/extract.job.ts';
import { extractionDue } from '../src/modules/library/extract/extract.service.ts';
import { extractFileText, EXTRACT_LIMITS } from '../src/modules/library/extract/extract.ts';
import { rebuildSearchIndex } from '../src/modules/search/index.ts';
import { dbLabel, makeTestEnv, makeUser, orgId, type TestEnv, type TestUser } from './helper.ts';
import { createPublishedEvent } from './events.helpers.ts';
import { api, apiUpload } from './api.helpers.ts';

let env: TestEnv;
let filesDir = '';
before(async () => {
  filesDir = await mkdtemp(path.join(tmpdir(), 'ctcp-extract-'));
  env = await makeTestEnv({ filesDir });
});
after(async () => {
  await env?.close();
  await rm(filesDir, { recursive: true, force: true });
});

// ---------------------------------------------------------------- files made here

/** A valid PDF with these lines of text (standard font: ASCII); `encrypt` adds an encryption dictionary whose
 * password is not empty, as a protected file has. */
function pdf(lines: string[], o: { encrypt?: boolean } = {}): Buffer {
  const esc = (s: string) => s.replace(/([()\\])/g, '\\$1');
  const content = `BT /F1 12 Tf 72 720 Td 14 TL ${lines.map((l) => `(${esc(l)}) Tj T*`).join(' ')} ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  const hex = (n: number, seed: number) =>
    Array.from({ length: n }, (_, i) => ((i * 37 + seed) % 256).toString(16).padStart(2, '0')).join('');
  if (o.encrypt)
    objects.push(`<< /Filter /Standard /V 1 /R 2 /Length 40 /O <${hex(32, 7)}> /U <${hex(32, 11)}> /P -44 >>`);
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((obj, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${obj}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const off of offsets) out += `${String(off).padStart(10, '0')} 00000 n \n`;
  const enc = o.encrypt ? ` /Encrypt 6 0 R /ID [<${hex(16, 3)}> <${hex(16, 3)}>]` : '';
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R${enc} >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

/** A ZIP of deflated entries; `declare` makes an entry state another uncompressed size than its real one. */
function zip(entries: { name: string; data: Buffer; declare?: number }[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name);
    const data = deflateRawSync(e.data);
    const crc = crc32(e.data);
    const size = e.declare ?? e.data.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, data);
    centrals.push(central, name);
    offset += local.length + name.length + data.length;
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

const xmlEsc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A minimal real DOCX (content types, package relationships, the main document) with these paragraphs. */
function docx(paragraphs: string[], o: { padding?: number; declare?: number } = {}): Buffer {
  const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
  const body = paragraphs.map((p) => `<w:p><w:r><w:t xml:space="preserve">${xmlEsc(p)}</w:t></w:r></w:p>`).join('');
  const head = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="${W}"><w:body>${body}`;
  const document = Buffer.concat([
    Buffer.from(head),
    Buffer.alloc(o.padding ?? 0, 0x20),
    Buffer.from('</w:body></w:document>'),
  ]);
  const types =
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
    '<Default Extension="xml" ContentType="application/xml"/>' +
    '<Override PartName="/word/document.xml" ' +
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>';
  const rels =
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
    '<Relationship Id="rId1" ' +
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" ' +
    'Target="word/document.xml"/></Relationships>';
  return zip([
    { name: '[Content_Types].xml', data: Buffer.from(types) },
    { name: '_rels/.rels', data: Buffer.from(rels) },
    { name: 'word/document.xml', data: document, declare: o.declare },
  ]);
}

// ---------------------------------------------------------------- helpers

let serial = 0;
const symbol = () => `TEXT/${dbLabel().toUpperCase()}/${++serial}`;

async function createDocument(u: TestUser, body: Record<string, unknown>) {
  const r = await api(env, u, 'POST', '/api/v1/library', {
    symbol: symbol(),
    title: { en: { text: 'Working paper', status: 'original' } },
    originalLanguage: 'en',
    classification: 'unclassified',
    distribution: 'signed_in',
    ...body,
  });
  assert.equal(r.status, 201, r.body);
  return r.json() as { id: string };
}

async function upload(u: TestUser, id: string, language: string, name: string, data: Buffer) {
  const r = await apiUpload(env, u, `/api/v1/library/${id}/files`, { language }, { name, data });
  assert.equal(r.status, 201, r.body);
  return r.json() as { id: string; revision: number; text: { status: string } };
}

const runExtraction = () =>
  runJobOnce(
    libraryExtractJob,
    { limit: 100 },
    { db: env.database.db, database: env.database, config: env.config, log: { info() {}, warn() {}, error() {} } },
  ) as Promise<{ done: number; failed: number; tooLarge: number; deferred: number }>;

interface Found {
  total: number;
  data: { kind: string; id: string; language: string; snippet: string }[];
  facets: { kinds: Record<string, number>; languages: Record<string, number> };
}
async function find(u: TestUser | null, q: string, extra = ''): Promise<Found> {
  const r = await api(env, u, 'GET', `/api/v1/search?q=${encodeURIComponent(q)}${extra}`);
  assert.equal(r.status, 200, r.body);
  return r.json();
}
const nothing = (f: Found) =>
  f.total === 0 &&
  f.data.length === 0 &&
  !Object.keys(f.facets.kinds).length &&
  !Object.keys(f.facets.languages).length;

async function textOf(fileId: string) {
  return (
    await env.database.query<{ status: string; reason: string | null; characters: number; text: string }>(
      'select status, reason, characters, text from library_file_texts where file_id = $1',
      [fileId],
    )
  )[0];
}

// ---------------------------------------------------------------- tests

test(`PDF and DOCX text: found by who may read the document, by no one else (${dbLabel()})`, async () => {
  const cted = await orgId(env, 'cted');
  const unodc = await orgId(env, 'unodc');
  const unoct = await orgId(env, 'unoct');
  const author = await makeUser(env, 'analyst', { orgId: cted });
  const reader = await makeUser(env, 'entity_focal_point', { orgId: unodc, focalPoint: true });
  const outsider = await makeUser(env, 'entity_focal_point', { orgId: unoct, focalPoint: true });
  const doc = await createDocument(author, {
    distribution: 'organizations',
    organizationIds: [unodc],
    ownerOrgId: cted,
  });
  const en = await upload(
    author,
    doc.id,
    'en',
    'paper.pdf',
    pdf(['Cooperation on border management.', 'The quillworts of the northern marshes were counted.']),
  );
  const fr = await upload(
    author,
    doc.id,
    'fr',
    'document.docx',
    docx(['Coopération frontalière.', 'Les cormorandières du littoral furent recensées avec soin.']),
  );
  assert.equal(en.text.status, 'pending');
  assert.ok(await extractionDue(env.database.db), 'the wake-up check sees work');
  assert.ok(nothing(await find(reader, 'quillworts')), 'nothing before the job has read the file');

  const pending = await reader.agent.get(`/library/${doc.id}`);
  assert.equal(pending.statusCode, 200);
  assert.match(pending.body, /data-text-status="pending">Waiting to be read</);

  const run = await runExtraction();
  assert.ok(run.done >= 2, JSON.stringify(run));
  assert.equal(await extractionDue(env.database.db), false);
  assert.equal((await textOf(en.id)).status, 'done');
  assert.equal((await textOf(fr.id)).status, 'done');

  // The reader who receives the document finds it by a word only inside each file, in its language.
  const hit = await find(reader, 'quillworts');
  assert.equal(hit.total, 1, JSON.stringify(hit));
  assert.deepEqual([hit.data[0].kind, hit.data[0].id, hit.data[0].language], ['library', doc.id, 'en']);
  assert.match(hit.data[0].snippet, /<mark>quillworts<\/mark>/);
  assert.equal(hit.facets.kinds.library, 1);
  const stem = await find(reader, 'quillwort'); // English stemming reaches the plural in the file
  assert.equal(stem.total, 1);
  const french = await find(reader, 'cormorandières');
  assert.equal(french.total, 1);
  assert.equal(french.data[0].language, 'fr');
  assert.equal((await find(author, 'cormorandières', '&kind=library')).total, 1, 'the author too');

  // Anyone else: 0 hits and 0 in every count and facet.
  for (const [who, u] of [
    ['outsider', outsider],
    ['anonymous', null],
  ] as const) {
    for (const q of ['quillworts', 'cormorandières', 'quillworts cormorandières'])
      assert.ok(nothing(await find(u, q)), `${who} finds nothing for ${q}`);
    assert.ok(nothing(await find(u, 'quillworts', '&kind=library&lang=en')), `${who}: none under filters either`);
  }

  // The document page and API say, per revision, that the text is searchable.
  const one = await api(env, reader, 'GET', `/api/v1/library/${doc.id}`);
  assert.equal(one.status, 200);
  const files = one.json().files as { id: string; text: { status: string; characters: number } }[];
  assert.equal(files.find((f) => f.id === en.id)!.text.status, 'done');
  assert.ok(files.find((f) => f.id === fr.id)!.text.characters > 20);
  const shown = await reader.agent.get(`/library/${doc.id}`);
  assert.equal((shown.body.match(/data-text-status="done">Searchable \(\d+ characters\)</g) ?? []).length, 2);

  // The nightly rebuild keeps the text.
  await rebuildSearchIndex(env.database.db);
  assert.equal((await find(reader, 'quillworts')).total, 1, 'after the rebuild');
  assert.ok(nothing(await find(outsider, 'quillworts')));

  // A newer revision replaces the language's text: the old words go at once, the new ones come with the job.
  const en2 = await upload(author, doc.id, 'en', 'paper-2.pdf', pdf(['The marsh survey now counts bladderworts.']));
  assert.equal(en2.revision, 2);
  assert.ok(nothing(await find(reader, 'quillworts')), 'the first revision is not the document any more');
  await runExtraction();
  assert.equal((await find(reader, 'bladderworts')).total, 1);
  assert.ok(nothing(await find(reader, 'quillworts')));
  assert.ok(nothing(await find(outsider, 'bladderworts')));
});

test(`Chinese DOCX text is segmented and found in Chinese (${dbLabel()})`, async () => {
  const admin = await makeUser(env, 'platform_admin');
  const doc = await createDocument(admin, {
    title: { zh: { text: '工作文件', status: 'original' } },
    originalLanguage: 'zh',
  });
  const f = await upload(admin, doc.id, 'zh', 'zh.docx', docx(['各国应当加强海关合作与边境管理。']));
  await runExtraction();
  assert.equal((await textOf(f.id)).status, 'done');
  const hit = await find(admin, '海关合作');
  assert.equal(hit.total, 1, JSON.stringify(hit));
  assert.equal(hit.data[0].language, 'zh');
  assert.match(hit.data[0].snippet, /<mark>海关<\/mark>/);
});

test(`malformed and lying files: a status with a reason, never a 500, the upload kept (${dbLabel()})`, async () => {
  const admin = await makeUser(env, 'platform_admin');
  const doc = await createDocument(admin, {});
  const good = pdf(['A perfectly ordinary page.']);
  const cases: { name: string; data: Buffer; status: string; reason: string }[] = [
    {
      name: 'not-a-pdf.pdf',
      data: Buffer.from('%PDF-1.7\nthis is no PDF at all, only words'),
      status: 'failed',
      reason: 'unreadable',
    },
    { name: 'truncated.pdf', data: good.subarray(0, 120), status: 'failed', reason: 'unreadable' },
    { name: 'encrypted.pdf', data: pdf(['secret words'], { encrypt: true }), status: 'failed', reason: 'encrypted' },
  ];
  const whole = docx(['Some words.']);
  cases.push({
    name: 'truncated.docx',
    data: whole.subarray(0, whole.length - 40),
    status: 'failed',
    reason: 'unreadable',
  });
  // A ZIP bomb that lies: its document declares 2 KB and inflates to more than the limit.
  cases.push({
    name: 'bomb.docx',
    data: docx(['boom'], { padding: EXTRACT_LIMITS.maxInflated + 1024 * 1024, declare: 2048 }),
    status: 'too_large',
    reason: 'inflated',
  });
  const uploaded: { id: string; c: (typeof cases)[number] }[] = [];
  for (const c of cases) {
    const r = await apiUpload(env, admin, `/api/v1/library/${doc.id}/files`, { language: 'en' }, c);
    assert.equal(r.status, 201, `${c.name}: the upload itself is fine (${r.body})`);
    uploaded.push({ id: r.json().id, c });
  }
  const run = await runExtraction();
  assert.equal(run.failed + run.tooLarge, cases.length, JSON.stringify(run));
  for (const u of uploaded) {
    const t = await textOf(u.id);
    assert.deepEqual([t.status, t.reason], [u.c.status, u.c.reason], u.c.name);
  }
  // The page shows each revision's state, translated (English and Arabic).
  const page = await admin.agent.get(`/library/${doc.id}`);
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /Not searchable: the file is protected by a password/);
  assert.match(page.body, /Not searchable: the file unpacks to too much data/);
  assert.equal((page.body.match(/Not searchable: the file could not be read/g) ?? []).length, 3);
  admin.agent.cookies.set('ctcp_lang', 'ar');
  const ar = await admin.agent.get(`/library/${doc.id}`, { 'accept-language': 'ar' });
  assert.equal(ar.statusCode, 200);
  assert.match(ar.body, /<html[^>]+dir="rtl"/);
  assert.match(ar.body, /غير قابل للبحث: الملف محمي بكلمة مرور/);
  admin.agent.cookies.delete('ctcp_lang');
  const detail = await api(env, admin, 'GET', `/api/v1/library/${doc.id}`);
  assert.equal(detail.status, 200);
  assert.ok((detail.json().files as { text: { status: string } }[]).every((f) => f.text.status !== 'pending'));
});

test(`the reader itself: a timeout and a type it does not read are outcomes, not throws (${dbLabel()})`, async () => {
  const slow = await extractFileText(pdf(['x']), 'application/pdf', { ...EXTRACT_LIMITS, timeoutMs: 1 });
  assert.deepEqual([slow.status, slow.reason], ['failed', 'timeout']);
  const other = await extractFileText(Buffer.from('hello'), 'text/plain');
  assert.deepEqual([other.status, other.reason], ['failed', 'unsupported']);
  const cut = await extractFileText(pdf(['alpha beta gamma delta epsilon']), 'application/pdf', {
    ...EXTRACT_LIMITS,
    maxChars: 12,
  });
  assert.equal(cut.status, 'too_large');
  assert.equal(cut.reason, 'characters');
  assert.ok(cut.text.length <= 12 && cut.text.startsWith('alpha'));
});

test(`an event document's file is found as the event document, under the event's rule (${dbLabel()})`, async () => {
  const unodc = await orgId(env, 'unodc');
  const focal = await makeUser(env, 'entity_focal_point', { orgId: unodc, focalPoint: true });
  const signedIn = await makeUser(env, 'observer');
  const slug = `extract-${dbLabel()}`;
  const day = new Date(Date.now() + 10 * 86400_000).toISOString().slice(0, 10);
  const created = await createPublishedEvent(env, focal, {
    slug,
    type: 'conference',
    status: 'published',
    format: 'in_person',
    visibility: 'platform',
    title: { en: { text: 'Text extraction meeting', status: 'original' } },
    timeZone: 'UTC',
    startsAt: `${day}T09:00`,
    endsAt: `${day}T18:00`,
    openTo: ['un_entity'],
    registrationMode: 'automatic',
    waitlist: false,
    participantList: 'organizers',
    organizers: [unodc],
  });
  assert.equal(created.status, 201, created.body);
  const added = await apiUpload(
    env,
    focal,
    `/api/v1/events/${slug}/documents`,
    { kind: 'concept_note', title: 'Concept note', titleLanguage: 'en', language: 'en', status: 'original' },
    { name: 'note.pdf', data: pdf(['Participants discussed the hornworts of the delta.']) },
  );
  assert.equal(added.status, 201, added.body);
  const docId = added.json().id as string;
  assert.ok(nothing(await find(focal, 'hornworts')));
  await runExtraction();
  const hit = await find(signedIn, 'hornworts');
  assert.equal(hit.total, 1, JSON.stringify(hit));
  assert.deepEqual([hit.data[0].kind, hit.data[0].id], ['document', docId]);
  assert.ok(nothing(await find(null, 'hornworts')), 'the event is for signed-in users only');
  assert.equal(
    (
      await env.database.query<{ n: number }>(
        `select count(*)::int as n from search_passages p join search_passage_texts t on t.passage_id = p.id
          where p.kind = 'library' and t.body like '%hornworts%'`,
      )
    )[0].n,
    0,
    'never indexed as a library document',
  );
  await rebuildSearchIndex(env.database.db);
  assert.equal((await find(signedIn, 'hornworts')).total, 1, 'after the rebuild');
  assert.ok(nothing(await find(null, 'hornworts')));
});

test(`a confidential document's file is never read: no text stored, none indexed (${dbLabel()})`, async () => {
  const admin = await makeUser(env, 'platform_admin');
  const cted = await orgId(env, 'cted');
  const doc = await createDocument(admin, {
    classification: 'confidential',
    distribution: 'organizations',
    organizationIds: [cted],
  });
  const f = await upload(admin, doc.id, 'en', 'c.pdf', pdf(['The liverworts are classified.']));
  await runExtraction();
  // Not even kept in the texts' table: a copy there would be read without the audited read the document requires.
  const stored = await textOf(f.id);
  assert.equal(stored.status, 'failed');
  assert.equal(stored.reason, 'confidential');
  assert.equal(stored.text, '');
  assert.equal(
    (
      await env.database.query<{ n: number }>(
        `select count(*)::int as n from search_passage_texts where body like '%liverworts%'`,
      )
    )[0].n,
    0,
  );
});

test(`a document made confidential keeps no text of its files; unclassified, read again (${dbLabel()})`, async () => {
  const admin = await makeUser(env, 'platform_admin');
  const cted = await orgId(env, 'cted');
  const fields = {
    symbol: symbol(),
    title: { en: { text: 'Working paper', status: 'original' } },
    originalLanguage: 'en',
  };
  const doc = await createDocument(admin, fields);
  const f = await upload(admin, doc.id, 'en', 'r.pdf', pdf(['The sphagnum mosses are reclassified.']));
  await runExtraction();
  assert.equal((await textOf(f.id)).status, 'done');
  const found = await find(admin, 'sphagnum');
  assert.equal(found.total, 1, JSON.stringify(found));
  const change = async (body: Record<string, unknown>) => {
    const r = await api(env, admin, 'PUT', `/api/v1/library/${doc.id}`, { ...fields, ...body });
    assert.equal(r.status, 200, r.body);
  };
  await change({ classification: 'confidential', distribution: 'organizations', organizationIds: [cted] });
  // At once, in the same transaction as the change: no copy of a confidential file's text is left to be read
  // without the audited read (nor to be indexed by a later rebuild).
  const kept = await textOf(f.id);
  assert.deepEqual([kept.status, kept.reason, kept.text, kept.characters], ['failed', 'confidential', '', 0]);
  const passages = await env.database.query<{ n: number }>(
    `select count(*)::int as n from search_passage_texts where body like '%sphagnum%'`,
  );
  assert.equal(passages[0].n, 0);
  await change({ classification: 'unclassified', distribution: 'signed_in' });
  assert.equal((await textOf(f.id)).status, 'pending');
  await runExtraction();
  assert.equal((await textOf(f.id)).status, 'done');
  assert.equal((await find(admin, 'sphagnum')).total, 1);
});

test(`on the job queue: an upload is read by a runner woken by the pending text (${dbLabel()})`, async () => {
  const admin = await makeUser(env, 'platform_admin');
  const doc = await createDocument(admin, {});
  const queue = new JobQueue({
    database: env.database,
    config: env.config,
    log: { info() {}, warn() {}, error() {} },
    definitions: [libraryExtractJob as JobDefinition],
    work: true,
    pollSeconds: 0.5,
  });
  await queue.start();
  try {
    const f = await upload(admin, doc.id, 'en', 'q.pdf', pdf(['The spleenworts grow on old walls.']));
    const until = Date.now() + 60_000;
    while ((await textOf(f.id)).status === 'pending' && Date.now() < until)
      await new Promise((r) => setTimeout(r, 250));
    assert.equal((await textOf(f.id)).status, 'done');
    assert.equal((await find(admin, 'spleenworts')).total, 1);
  } finally {
    await queue.stop(5000);
  }
});
