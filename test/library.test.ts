// The document library: who receives what (distribution × classification × role: 0 leaks, 0 wrong refusals, every
// read of a confidential document audited), revisions and language parity, revision numbers under concurrency, bad
// input (a lying file type, a file too big) refused with nothing stored, legal hold against deletion and retention.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { storeFile } from '../src/platform/files/storage.ts';
import { CLEARANCE } from '../src/platform/auth/classification.ts';
import type { Role } from '../src/platform/auth/auth.schema.ts';
import { loadActor } from '../src/modules/access/access.service.ts';
import { compactMemberOrgIds } from '../src/modules/directory/index.ts';
import { listWorkingGroups, workingGroupMemberOrgIds } from '../src/modules/compact/index.ts';
import { expireDocuments, listDocuments } from '../src/modules/library/documents/documents.service.ts';
import { demoPdf } from '../src/modules/library/library.seed.ts';
import { dbLabel, makeTestEnv, makeUser, orgId, type TestEnv, type TestUser } from './helper.ts';
import { createPublishedEvent } from './events.helpers.ts';
import { api, apiUpload, count, tokenOf } from './api.helpers.ts';

let env: TestEnv;
let filesDir = '';
before(async () => {
  filesDir = await mkdtemp(path.join(tmpdir(), 'ctcp-library-'));
  env = await makeTestEnv({ filesDir });
});
after(async () => {
  await env?.close();
  await rm(filesDir, { recursive: true, force: true });
});

const pdf = (s = 'library test') => demoPdf(s);
let serial = 0;
const symbol = (prefix = 'TEST') => `${prefix}/${dbLabel().toUpperCase()}/${++serial}`;
const title = (text: string) => ({ en: { text, status: 'original' as const } });

async function create(u: TestUser, body: Record<string, unknown>) {
  const r = await api(env, u, 'POST', '/api/v1/library', {
    symbol: symbol(),
    title: title('A document'),
    originalLanguage: 'en',
    classification: 'unclassified',
    distribution: 'signed_in',
    ...body,
  });
  assert.equal(r.status, 201, r.body);
  return r.json() as { id: string; symbol: string };
}

/** Prepared and submitted by a coordinator, approved by an administrator, published (library publication API). */
async function publishTwoSignatures(id: string) {
  const coordinator = await makeUser(env, 'coordinator', { orgSlug: 'unoct' });
  const admin = await makeUser(env, 'platform_admin');
  const p = await api(env, coordinator, 'POST', `/api/v1/library/${id}/publication`);
  assert.equal(p.status, 200, p.body);
  const r = p.json() as { id: string; sha256: string };
  const step = (u: TestUser, name: string) =>
    api(env, u, 'POST', `/api/v1/library/${id}/publication/${name}`, { revision: r.id, sha256: r.sha256 });
  assert.equal((await step(coordinator, 'submit')).status, 200);
  assert.equal((await step(admin, 'approve')).status, 200);
  assert.equal((await step(coordinator, 'publish')).status, 200);
}

const RANK = ['public', 'internal', 'confidential', 'strictly_confidential'];
const LEVEL: Record<string, string> = { confidential: 'confidential', strictly_confidential: 'strictly_confidential' };

test(`visibility by distribution × classification × role: 0 leaks, reads audited (${dbLabel()})`, async () => {
  const db = env.database.db;
  let group = (await listWorkingGroups(db))[0];
  let groupOrgs: string[] = [];
  for (const g of await listWorkingGroups(db)) {
    groupOrgs = await workingGroupMemberOrgIds(db, g.id);
    group = g;
    if (groupOrgs.length) break;
  }
  const compactOrgs = new Set(await compactMemberOrgIds(db));
  assert.ok(groupOrgs.length > 0, 'the demo working group has member entities');
  const cted = await orgId(env, 'cted');
  const unodc = await orgId(env, 'unodc');
  const outsider = (
    await env.database.query<{ id: string }>(
      `select id from organizations where type = 'un_entity' and not compact_member limit 1`,
    )
  )[0]?.id;
  const author = await makeUser(env, 'analyst', { orgId: cted });
  const readers: { who: string; u: TestUser | null; role: Role | null; orgs: string[] }[] = [
    { who: 'anonymous', u: null, role: null, orgs: [] },
  ];
  const add = async (who: string, role: Role, org?: string) =>
    readers.push({
      who,
      u: await makeUser(env, role, { orgId: org, focalPoint: !!org }),
      role,
      orgs: org ? [org] : [],
    });
  await add('observer', 'observer');
  await add('cso', 'cso_representative');
  await add('coordinator (librarian)', 'coordinator', await orgId(env, 'unoct'));
  await add('admin (librarian)', 'platform_admin');
  await add('entity fp of a working group member', 'entity_focal_point', groupOrgs[0]);
  await add('entity fp of UNODC', 'entity_focal_point', unodc);
  if (outsider) await add('entity fp outside the Compact', 'entity_focal_point', outsider);
  await add('State fp', 'member_state_focal_point', await orgId(env, 'demo-state-arcadia'));
  await add('analyst of another entity', 'analyst', unodc);
  readers.push({ who: 'author', u: author, role: 'analyst', orgs: [cted] });

  const docs: { id: string; classification: string; distribution: string; orgs: string[] }[] = [];
  for (const classification of ['unclassified', 'confidential', 'strictly_confidential'])
    for (const distribution of ['public', 'signed_in', 'compact', 'working_group', 'organizations']) {
      if (distribution === 'public' && classification !== 'unclassified') continue;
      const orgs = distribution === 'organizations' ? [unodc] : [];
      const d = await create(author, {
        classification,
        distribution,
        ownerOrgId: cted,
        ...(distribution === 'working_group' ? { workingGroupId: group.id } : {}),
        ...(distribution === 'organizations' ? { organizationIds: orgs } : {}),
      });
      const up = await apiUpload(
        env,
        author,
        `/api/v1/library/${d.id}/files`,
        { language: 'en' },
        {
          name: 'a.pdf',
          data: pdf(),
        },
      );
      assert.equal(up.status, 201, up.body);
      // A public document reaches anonymous readers once published with two signatures.
      if (distribution === 'public') await publishTwoSignatures(d.id);
      docs.push({ id: d.id, classification, distribution, orgs });
    }

  // The model: anonymous readers get public unclassified documents; a signed-in reader gets what their clearance
  // reaches and then what is distributed to them (the librarians: everything within their clearance).
  const expected = (r: (typeof readers)[number], d: (typeof docs)[number]) => {
    if (!r.role) return d.distribution === 'public';
    if (d.classification !== 'unclassified' && RANK.indexOf(CLEARANCE[r.role]) < RANK.indexOf(LEVEL[d.classification]))
      return false;
    if (r.role === 'platform_admin' || r.role === 'coordinator') return true;
    if (d.distribution === 'public' || d.distribution === 'signed_in') return true;
    if (r.orgs.includes(cted)) return true;
    if (d.distribution === 'compact') return r.orgs.some((o) => compactOrgs.has(o));
    if (d.distribution === 'working_group') return r.orgs.some((o) => groupOrgs.includes(o));
    return r.orgs.some((o) => d.orgs.includes(o));
  };

  let leaks = 0;
  let refusals = 0;
  let checks = 0;
  let confidentialReads = 0;
  const auditBefore = await count(
    env,
    `select count(*)::int as n from audit_log where action = 'library.document.read'`,
  );
  const downloadsBefore = await count(
    env,
    `select count(*)::int as n from audit_log where action = 'library.file.downloaded'`,
  );
  let confidentialDownloads = 0;
  for (const r of readers) {
    const list = r.u
      ? await api(env, r.u, 'GET', '/api/v1/library?pageSize=100')
      : await api(env, null, 'GET', '/api/v1/library?pageSize=100');
    assert.equal(list.status, 200, list.body);
    const listed = new Set((list.json().data as { id: string }[]).map((d) => d.id));
    for (const d of docs) {
      const want = expected(r, d);
      const one = await api(env, r.u, 'GET', `/api/v1/library/${d.id}`);
      checks += 2;
      for (const got of [listed.has(d.id), one.status === 200]) {
        if (got && !want) leaks++;
        if (!got && want) refusals++;
      }
      if (!want) assert.equal(one.status, 404, `${r.who} reads ${d.classification}/${d.distribution}`);
      else {
        if (d.classification !== 'unclassified') confidentialReads++;
        const file = (one.json().files as { href: string }[])[0];
        const dl = await env.app.inject({
          method: 'GET',
          url: file.href,
          headers: r.u ? { authorization: `Bearer ${await tokenOf(env, r.u)}` } : {},
        });
        assert.equal(dl.statusCode, 200);
        assert.equal(dl.headers['content-type'], 'application/pdf');
        if (d.classification !== 'unclassified') {
          confidentialDownloads++;
          assert.match(String(dl.headers['content-disposition']), /-rev1-.+-\d{4}-\d{2}-\d{2}T\d{6}Z\.pdf/);
        }
      }
    }
  }
  console.log(
    `# library visibility: ${readers.length} readers × ${docs.length} documents, ${checks} checks, ` +
      `${leaks} leaks, ${refusals} wrong refusals`,
  );
  assert.equal(leaks, 0, 'no reader gets a document not distributed to them');
  assert.equal(refusals, 0, 'every reader gets what is distributed to them');
  const audited =
    (await count(env, `select count(*)::int as n from audit_log where action = 'library.document.read'`)) - auditBefore;
  console.log(`# library confidential reads: ${confidentialReads}, audited: ${audited}`);
  assert.equal(audited, confidentialReads, 'every read of a confidential document is audited');
  const downloads =
    (await count(env, `select count(*)::int as n from audit_log where action = 'library.file.downloaded'`)) -
    downloadsBefore;
  assert.equal(downloads, confidentialDownloads, 'every download of a confidential document is audited');

  // A second factor is part of the clearance: the same analyst without it gets no confidential document.
  const actor = (await loadActor(db, author.id, 'session', false, []))!.actor;
  const withoutMfa = await listDocuments({ db, actor }, { page: 1, pageSize: 100 });
  assert.ok(withoutMfa.rows.length > 0);
  assert.ok(
    withoutMfa.rows.every((d) => d.classification === 'unclassified'),
    'no confidential without 2FA',
  );
});

test(`revisions and language parity; pages in Arabic right to left (${dbLabel()})`, async () => {
  const u = await makeUser(env, 'coordinator', { orgSlug: 'unoct' });
  const d = await create(u, { title: { en: { text: 'Parity', status: 'original' } } });
  const up = (language: string, extra: Record<string, string> = {}, data = pdf(`${language}`)) =>
    apiUpload(env, u, `/api/v1/library/${d.id}/files`, { language, ...extra }, { name: 'v.pdf', data });
  const early = await up('fr');
  assert.equal(early.status, 422, 'a translation needs a revision of the original first');
  assert.equal((await up('en')).status, 201);
  const fr = await up('fr');
  assert.equal(fr.status, 201);
  assert.equal(fr.json().translatedFromRevision, 1);
  assert.equal((await up('en')).status, 201);
  assert.equal((await up('es', { translatedFrom: '9' })).status, 422, 'no revision 9 of the original');
  assert.equal((await up('es', { translatedFrom: '2' })).status, 201);
  const parity = (await api(env, u, 'GET', `/api/v1/library/${d.id}/parity`)).json().data as {
    language: string;
    state: string;
    behind: number;
  }[];
  const of = (l: string) => parity.find((p) => p.language === l)!;
  assert.equal(of('en').state, 'original');
  assert.deepEqual([of('fr').state, of('fr').behind], ['lagging', 1]);
  assert.equal(of('es').state, 'up_to_date');
  assert.deepEqual([of('zh').state, of('ar').state, of('ru').state], ['missing', 'missing', 'missing']);
  const doc = (await api(env, u, 'GET', `/api/v1/library/${d.id}`)).json();
  assert.deepEqual(
    (doc.files as { language: string; revision: number; sha256: string; size: number }[])
      .filter((f) => f.language === 'en')
      .map((f) => f.revision),
    [2, 1],
  );
  assert.ok((doc.files as { sha256: string }[]).every((f) => /^[0-9a-f]{64}$/.test(f.sha256)));

  const page = await u.agent.get(`/library/${d.id}/parity`);
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /Behind the original by 1 revision/);
  u.agent.cookies.set('ctcp_lang', 'ar');
  const ar = await u.agent.get(`/library/${d.id}/parity`, { 'accept-language': 'ar' });
  u.agent.cookies.delete('ctcp_lang');
  assert.match(ar.body, /<html[^>]+dir="rtl"/);
  assert.match(ar.body, /متأخرة بتنقيح واحد/);
  const list = await u.agent.get('/library');
  assert.equal(list.statusCode, 200);
  assert.match(list.body, new RegExp(d.symbol.replace(/[/.]/g, '\\$&')));
  const anon = await env.app.inject({ method: 'GET', url: '/library' });
  assert.equal(anon.statusCode, 200, 'the list is open to anonymous readers (public documents only)');
});

test(`revision numbers under parallel uploads: 1..N without gaps or duplicates (${dbLabel()})`, async () => {
  const u = await makeUser(env, 'coordinator', { orgSlug: 'unoct' });
  const d = await create(u, {});
  const N = 8;
  const results = await Promise.all(
    Array.from({ length: N }, (_, i) =>
      apiUpload(env, u, `/api/v1/library/${d.id}/files`, { language: 'en' }, { name: 'p.pdf', data: pdf(`p${i}`) }),
    ),
  );
  assert.deepEqual(
    results.map((r) => r.status),
    Array(N).fill(201),
  );
  const numbers = (
    await env.database.query<{ revision: number }>(
      'select revision from library_files where document_id = $1 order by revision',
      [d.id],
    )
  ).map((r) => r.revision);
  console.log(`# library parallel uploads: ${N} → revisions ${numbers.join(',')}`);
  assert.deepEqual(
    numbers,
    Array.from({ length: N }, (_, i) => i + 1),
  );
});

test(`bad input answers 4xx and stores nothing: lying file type, too big, bad symbols (${dbLabel()})`, async () => {
  const u = await makeUser(env, 'coordinator', { orgSlug: 'unoct' });
  const d = await create(u, {});
  const files = () => count(env, 'select count(*)::int as n from library_files');
  const docs = () => count(env, 'select count(*)::int as n from library_documents');
  const before = await files();
  const lying = await apiUpload(
    env,
    u,
    `/api/v1/library/${d.id}/files`,
    { language: 'en' },
    {
      name: 'report.pdf',
      data: Buffer.from('<html><script>alert(1)</script></html>'),
    },
  );
  assert.equal(lying.status, 422, lying.body);
  const big = Buffer.concat([pdf(), Buffer.alloc(26 * 1024 * 1024, 0x20)]);
  const tooBig = await apiUpload(
    env,
    u,
    `/api/v1/library/${d.id}/files`,
    { language: 'en' },
    {
      name: 'big.pdf',
      data: big,
    },
  );
  assert.ok(tooBig.status >= 400 && tooBig.status < 500, `too big: ${tooBig.status}`);
  const badLang = await apiUpload(
    env,
    u,
    `/api/v1/library/${d.id}/files`,
    { language: 'xx' },
    {
      name: 'a.pdf',
      data: pdf(),
    },
  );
  assert.ok(badLang.status === 400 || badLang.status === 422);
  assert.equal(await files(), before, 'no file row for refused uploads');

  const n = await docs();
  const post = (body: Record<string, unknown>) =>
    api(env, u, 'POST', '/api/v1/library', {
      title: title('X'),
      originalLanguage: 'en',
      classification: 'unclassified',
      distribution: 'signed_in',
      ...body,
    });
  assert.equal((await post({ symbol: 'bad symbol!' })).status, 422);
  assert.equal((await post({ symbol: d.symbol })).status, 422, 'a symbol is unique');
  assert.equal((await post({ symbol: `${symbol()}/Rev.1` })).status, 422, 'a revision of a missing document');
  assert.equal(
    (await post({ symbol: symbol(), classification: 'confidential', distribution: 'public' })).status,
    422,
    'a confidential document is not public',
  );
  assert.equal(
    (await post({ symbol: symbol(), classification: 'strictly_confidential' })).status,
    422,
    'above the author’s clearance',
  );
  assert.equal((await post({ symbol: symbol(), distribution: 'organizations', organizationIds: [] })).status, 422);
  assert.equal(await docs(), n, 'nothing stored');
  const rev = await post({ symbol: `${d.symbol}/Rev.1` });
  assert.equal(rev.status, 201);
  assert.deepEqual([rev.json().relatedId, rev.json().relation], [d.id, 'rev']);
  const page = await u.agent.get(`/library/${d.id}`);
  assert.match(page.body, /Revisions, addenda and corrigenda/);
});

test(`legal hold blocks deletion and retention expiry (${dbLabel()})`, async () => {
  const librarian = await makeUser(env, 'coordinator', { orgSlug: 'unoct' });
  const author = await makeUser(env, 'entity_focal_point', { orgSlug: 'unodc', focalPoint: true });
  const unodc = await orgId(env, 'unodc');
  const held = await create(author, { ownerOrgId: unodc, retainUntil: '2020-01-01', legalHold: true });
  const plain = await create(author, { ownerOrgId: unodc, retainUntil: '2020-01-01' });
  for (const d of [held, plain])
    assert.equal(
      (
        await apiUpload(
          env,
          author,
          `/api/v1/library/${d.id}/files`,
          { language: 'en' },
          { name: 'a.pdf', data: pdf() },
        )
      ).status,
      201,
    );
  const row = async (id: string) =>
    (
      await env.database.query<{ legal_hold: boolean }>('select legal_hold from library_documents where id = $1', [id])
    )[0];
  assert.equal((await row(held.id)).legal_hold, false, 'only the secretariat sets a legal hold');
  const put = await api(env, librarian, 'PUT', `/api/v1/library/${held.id}`, {
    title: title('A document'),
    originalLanguage: 'en',
    classification: 'unclassified',
    distribution: 'signed_in',
    ownerOrgId: unodc,
    retainUntil: '2020-01-01',
    legalHold: true,
  });
  assert.equal(put.status, 200, put.body);
  assert.equal((await row(held.id)).legal_hold, true);
  assert.equal((await api(env, author, 'DELETE', `/api/v1/library/${held.id}`)).status, 403, 'authors do not delete');
  assert.equal((await api(env, librarian, 'DELETE', `/api/v1/library/${held.id}`)).status, 409);
  await assert.rejects(
    env.database.query('delete from library_documents where id = $1', [held.id]),
    /legal hold/,
    'the database refuses it too',
  );
  const confirm = await librarian.agent.get(`/library/${held.id}/delete`);
  assert.equal(confirm.statusCode, 200);
  assert.match(confirm.body, /under legal hold/);
  const keys = await env.database.query<{ file_key: string }>(
    'select file_key from library_files where document_id = $1',
    [plain.id],
  );
  const removed = await expireDocuments(env.database.db, env.config, new Date());
  assert.ok(removed >= 1);
  assert.ok(await row(held.id), 'a held document outlives its retention date');
  assert.equal(await row(plain.id), undefined, 'an expired document is removed');
  const { readStoredFile } = await import('../src/platform/files/storage.ts');
  await assert.rejects(readStoredFile(env.config, keys[0].file_key), 'and its files');
  const audit = await count(env, `select count(*)::int as n from audit_log where action = 'library.document.expired'`);
  assert.ok(audit >= 1);
});

test(`event documents move into the library: counts and hashes equal before and after (${dbLabel()})`, async () => {
  const unodc = await orgId(env, 'unodc');
  const focal = await makeUser(env, 'entity_focal_point', { orgId: unodc, focalPoint: true });
  const slug = `library-move-${dbLabel()}`;
  const day = new Date(Date.now() + 10 * 86400_000).toISOString().slice(0, 10);
  const created = await createPublishedEvent(env, focal, {
    slug,
    type: 'conference',
    status: 'published',
    format: 'in_person',
    visibility: 'public',
    title: { en: { text: 'Library move', status: 'original' } },
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
  const eventId = (await env.database.query<{ id: string }>('select id from events where slug = $1', [slug]))[0].id;
  // Rows in the shape before migration 0036: the file inside the language version.
  const stored = async (s: string) => {
    const data = pdf(s);
    const f = await storeFile(env.config, data);
    return { key: f.key, name: `${s}.pdf`, contentType: 'application/pdf', size: f.size, sha256: f.sha256 };
  };
  const rows = [
    {
      title: { en: { text: 'Concept note', status: 'original' }, fr: { text: 'Note', status: 'reviewed' } },
      versions: {
        en: { status: 'original', file: await stored('en') },
        fr: { status: 'reviewed', file: await stored('fr') },
      },
    },
    {
      title: { en: { text: 'Agenda', status: 'original' } },
      versions: {
        en: { status: 'original', url: 'https://example.org/agenda' },
        es: { status: 'draft', file: await stored('es') },
      },
    },
    {
      title: { en: { text: 'Link only', status: 'original' } },
      versions: { en: { status: 'original', url: 'https://example.org' } },
    },
  ];
  for (const [i, r] of rows.entries())
    await env.database.query(
      `insert into event_documents (event_id, kind, title, versions, sort) values ($1, 'concept_note', $2, $3, $4)`,
      [eventId, JSON.stringify(r.title), JSON.stringify(r.versions), i],
    );
  type F = { doc: string; language: string; key: string; sha256: string; size: number };
  const sortF = (a: F[]) => a.map((f) => JSON.stringify(f)).sort();
  const before = await env.database.query<F>(
    `select e.id as doc, x.key as language, x.value->'file'->>'key' as key, x.value->'file'->>'sha256' as sha256,
       (x.value->'file'->>'size')::int as size
     from event_documents e, jsonb_each(e.versions) x where e.event_id = $1 and x.value ? 'file'`,
    [eventId],
  );
  const docsBefore = await count(env, 'select count(*)::int as n from event_documents where event_id = $1', [eventId]);
  const [{ n }] = await env.database.query<{ n: number }>('select library_import_event_documents() as n');
  assert.equal(n, 3, 'every event document has its library document');
  const after = await env.database.query<F>(
    `select e.id as doc, f.language, f.file_key as key, f.sha256, f.size
     from event_documents e join library_files f on f.document_id = e.library_document_id where e.event_id = $1`,
    [eventId],
  );
  console.log(`# event documents moved: ${before.length} files before, ${after.length} after, hashes compared`);
  assert.equal(after.length, before.length);
  assert.deepEqual(sortF(after), sortF(before), 'the same files, keys, sizes and SHA-256');
  assert.equal(
    await count(env, 'select count(*)::int as n from event_documents where event_id = $1', [eventId]),
    docsBefore,
  );
  assert.equal(
    await count(
      env,
      `select count(*)::int as n from event_documents e, jsonb_each(e.versions) x
       where e.event_id = $1 and x.value ? 'file'`,
      [eventId],
    ),
    0,
    'no file left inside a language version',
  );
  const [{ n: again }] = await env.database.query<{ n: number }>('select library_import_event_documents() as n');
  assert.equal(again, 0, 'idempotent');
  const revisions = await env.database.query<{ language: string; translated_from_revision: number | null }>(
    `select f.language, f.translated_from_revision from library_files f
       join event_documents e on e.library_document_id = f.document_id where e.event_id = $1 order by f.language`,
    [eventId],
  );
  assert.deepEqual(
    revisions.map((r) => [r.language, r.translated_from_revision]),
    [
      ['en', null],
      ['es', null],
      ['fr', 1],
    ],
  );

  // The event's pages and API read the files through the library: the same bytes, links kept.
  const [a, b] = await env.database.query<{ id: string }>(
    'select id from event_documents where event_id = $1 order by sort',
    [eventId],
  );
  const sha = (x: Buffer) => createHash('sha256').update(x).digest('hex');
  const fr = await env.app.inject({ method: 'GET', url: `/events/${slug}/documents/${a.id}/fr` });
  assert.equal(fr.statusCode, 200);
  assert.equal(sha(fr.rawPayload), before.find((f) => f.doc === a.id && f.language === 'fr')!.sha256);
  const es = await env.app.inject({ method: 'GET', url: `/events/${slug}/documents/${b.id}/es` });
  assert.equal(es.statusCode, 200);
  const page = await env.app.inject({ method: 'GET', url: `/events/${slug}` });
  assert.match(page.body, /https:\/\/example\.org\/agenda/);
  // A new upload of a language is its next revision in the library; the page serves the newest.
  const up = await apiUpload(
    env,
    focal,
    `/api/v1/events/${slug}/documents/${a.id}/versions`,
    { language: 'fr', status: 'reviewed' },
    { name: 'fr2.pdf', data: pdf('fr2') },
  );
  assert.equal(up.status, 201, up.body);
  assert.equal(up.json().versions.fr.file.size, pdf('fr2').length);
  const fr2 = await env.app.inject({ method: 'GET', url: `/events/${slug}/documents/${a.id}/fr` });
  assert.equal(sha(fr2.rawPayload), sha(pdf('fr2')));
  assert.equal(
    await count(
      env,
      `select count(*)::int as n from library_files f join event_documents e on e.library_document_id = f.document_id
        where e.id = $1 and f.language = 'fr'`,
      [a.id],
    ),
    2,
  );
  const listed = (await api(env, null, 'GET', '/api/v1/library?pageSize=100')).json().data as { symbol: string }[];
  assert.ok(!listed.some((d) => d.symbol.startsWith('EVT/')), 'the event decides who reads them, not the library');
});

test(`the demo: every document in the library with its languages and revisions (${dbLabel()})`, async () => {
  const { seedEvents } = await import('../src/modules/events/index.ts');
  const { seedLibrary } = await import('../src/modules/library/library.seed.ts');
  await seedEvents(env.database.db, { demo: true });
  assert.equal(await seedLibrary(env.database.db, env.config), 5);
  assert.equal(await seedLibrary(env.database.db, env.config), 0, 'seeding twice adds nothing');
  const eventDocs = await count(env, 'select count(*)::int as n from event_documents');
  assert.ok(eventDocs > 0);
  assert.equal(
    await count(env, 'select count(*)::int as n from event_documents where library_document_id is null'),
    0,
    'every event document is kept in the library',
  );
  const files = await env.database.query<{ symbol: string; language: string; revision: number }>(
    `select d.symbol, f.language, f.revision from library_files f join library_documents d on d.id = f.document_id
      where d.symbol like 'CTCP/%' order by d.symbol, f.language, f.revision`,
  );
  console.log(`# demo library: 5 documents, ${files.length} revisions; ${eventDocs} event documents kept`);
  assert.equal(files.length, 13);
  const admin = await makeUser(env, 'coordinator', { orgSlug: 'unoct' });
  const list = (await api(env, admin, 'GET', '/api/v1/library?pageSize=100')).json().data as { symbol: string }[];
  for (const s of ['CTCP/WG.2/2026/1', 'CTCP/2026/2', 'CTCP/2026/2/Corr.1', 'CTCP/WG.1/2026/3'])
    assert.ok(
      list.some((d) => d.symbol === s),
      s,
    );
  // Anonymous visitors of the demo get its public documents: the demo seed publishes them with two signatures.
  const { seedDemoAccounts } = await import('../src/modules/access/index.ts');
  const { publishDemoDocuments } = await import('../src/modules/library/publishing/publication.seed.ts');
  await seedDemoAccounts(env.database.db, env.config.sessionSecret);
  assert.ok((await publishDemoDocuments(env.database.db)) > 0);
  const first = list.find((d) => d.symbol === 'CTCP/WG.2/2026/1') as unknown as { id: string };
  const parity = (await api(env, null, 'GET', `/api/v1/library/${first.id}/parity`)).json().data as {
    language: string;
    state: string;
  }[];
  assert.deepEqual(
    parity.map((p) => `${p.language}:${p.state}`),
    ['ar:up_to_date', 'zh:missing', 'en:original', 'fr:lagging', 'ru:missing', 'es:up_to_date'],
  );
});
