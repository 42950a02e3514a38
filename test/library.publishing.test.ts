// Publishing library documents with two signatures: anonymous readers get nothing unpublished (list, page, API,
// download, search); once published they get the signed title and summary and only the signed file revisions (a newer
// upload or edit waits for the next publication) while signed-in readers keep the live document; the author cannot
// approve; an edit voids the approval; the defacement corpus in a title is refused at submission; text injected into
// a published row by SQL is withdrawn by the monitor (readers get the previous signed revision, or nothing); the demo
// seed publishes its public documents through the workflow.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { runMonitor } from '../src/modules/publishing/index.ts';
import { demoPdf, seedLibrary } from '../src/modules/library/library.seed.ts';
import { publishDemoDocuments } from '../src/modules/library/publishing/publication.seed.ts';
import { seedDemoAccounts } from '../src/modules/access/index.ts';
import { DEFACEMENT_CORPUS, INJECTED } from './fixtures/defacement.ts';
import { dbLabel, makeTestEnv, makeUser, orgId, type TestEnv, type TestUser } from './helper.ts';
import { api, apiUpload } from './api.helpers.ts';
import { postForm } from './events.helpers.ts';

let env: TestEnv;
let filesDir = '';
let author: TestUser; // coordinator: prepares, submits and publishes
let approver: TestUser; // platform administrator: the second signature
let observer: TestUser; // a signed-in reader
let analyst: TestUser; // an author of the owner organization (not a publisher)
const label = dbLabel();
const rowsOf = <T>(r: unknown): T[] => ((r as { rows?: T[] }).rows ?? (r as T[])) as T[];

before(async () => {
  filesDir = await mkdtemp(path.join(tmpdir(), 'ctcp-libpub-'));
  env = await makeTestEnv({ filesDir });
  const cted = await orgId(env, 'cted');
  author = await makeUser(env, 'coordinator', { orgSlug: 'unoct' });
  approver = await makeUser(env, 'platform_admin');
  observer = await makeUser(env, 'observer');
  analyst = await makeUser(env, 'analyst', { orgId: cted });
  ownerOrg = cted;
});
after(async () => {
  await env?.close();
  await rm(filesDir, { recursive: true, force: true });
});

let ownerOrg = '';
let serial = 0;
const symbol = () => `PUB/${label.toUpperCase()}/${++serial}`;
const en = (text: string) => ({ en: { text, status: 'original' as const } });

async function createPublic(titleText: string) {
  const body = {
    symbol: symbol(),
    title: en(titleText),
    summary: en(`Summary of ${titleText}`),
    originalLanguage: 'en',
    classification: 'unclassified',
    distribution: 'public',
    ownerOrgId: ownerOrg,
  };
  const r = await api(env, author, 'POST', '/api/v1/library', body);
  assert.equal(r.status, 201, r.body);
  const d = r.json() as { id: string; symbol: string };
  const up = await apiUpload(
    env,
    author,
    `/api/v1/library/${d.id}/files`,
    { language: 'en' },
    {
      name: 'a.pdf',
      data: demoPdf(`${titleText} rev 1`),
    },
  );
  assert.equal(up.status, 201, up.body);
  return { ...d, body, file: up.json() as { id: string; sha256: string } };
}

type Rev = { id: string; sha256: string; state: string };
const prepare = async (id: string, u = author) => api(env, u, 'POST', `/api/v1/library/${id}/publication`);
const step = (u: TestUser, id: string, name: string, r: Rev, acceptances?: { id: string; reason: string }[]) =>
  api(env, u, 'POST', `/api/v1/library/${id}/publication/${name}`, { revision: r.id, sha256: r.sha256, acceptances });

/** Prepared and submitted by the coordinator, approved by the administrator, published by the coordinator. */
async function publishTwoSignatures(id: string): Promise<Rev> {
  const p = await prepare(id);
  assert.equal(p.status, 200, p.body);
  const r = p.json() as Rev;
  assert.equal((await step(author, id, 'submit', r)).status, 200);
  assert.equal((await step(approver, id, 'approve', r)).status, 200);
  const pub = await step(author, id, 'publish', r);
  assert.equal(pub.status, 200, pub.body);
  return pub.json() as Rev;
}

/** What anonymous readers get of a document: list (API and page), page, API, search. */
async function anonymous(d: { id: string; symbol: string }) {
  const list = await api(env, null, 'GET', '/api/v1/library?pageSize=100');
  const html = await env.app.inject({ method: 'GET', url: '/library' });
  const page = await env.app.inject({ method: 'GET', url: `/library/${d.id}` });
  const one = await api(env, null, 'GET', `/api/v1/library/${d.id}`);
  const search = await api(env, null, 'GET', `/api/v1/search?q=${encodeURIComponent(d.symbol)}`);
  return {
    listed: (list.json().data as { id: string; title: { en?: { text: string } } }[]).find((x) => x.id === d.id),
    inHtmlList: html.body.includes(d.symbol),
    page,
    one,
    searched: search.body.includes(`/library/${d.id}`),
  };
}

const download = (id: string, fileId: string, u?: TestUser) =>
  u
    ? api(env, u, 'GET', `/api/v1/library/${id}/files/${fileId}`)
    : env.app.inject({ method: 'GET', url: `/library/${id}/files/${fileId}` }).then((r) => ({ status: r.statusCode }));

test(`anonymous readers get nothing unpublished, then only the signed content (${label})`, async () => {
  const d = await createPublic('Unpublished guidance (demo)');
  let a = await anonymous(d);
  assert.equal(a.listed, undefined, 'not in the list');
  assert.equal(a.inHtmlList, false, 'not in the list page');
  assert.equal(a.page.statusCode, 404, 'no page');
  assert.equal(a.one.status, 404, 'no API read');
  assert.equal(a.searched, false, 'not found by search');
  assert.equal((await download(d.id, d.file.id)).status, 404, 'no download');
  // Signed-in readers are not the public: they keep receiving it by its distribution.
  assert.equal((await api(env, observer, 'GET', `/api/v1/library/${d.id}`)).status, 200);
  assert.equal((await download(d.id, d.file.id, observer)).status, 200);
  // Only a public unclassified document is published; only a publisher prepares.
  const internal = await api(env, author, 'POST', '/api/v1/library', {
    ...d.body,
    symbol: symbol(),
    distribution: 'signed_in',
  });
  assert.equal((await prepare((internal.json() as { id: string }).id)).status, 422);
  assert.equal((await prepare(d.id, analyst)).status, 403);

  // The author cannot approve their own revision.
  const r = (await prepare(d.id)).json() as Rev;
  assert.equal(r.state, 'draft');
  assert.equal((await step(approver, d.id, 'approve', r)).status, 409, 'a draft is not approved');
  assert.equal((await step(author, d.id, 'submit', r)).status, 200);
  assert.equal((await step(author, d.id, 'approve', r)).status, 403, 'the author cannot approve');
  assert.equal((await anonymous(d)).one.status, 404, 'submitted is not published');
  assert.equal((await step(approver, d.id, 'approve', r)).status, 200);
  assert.equal((await anonymous(d)).one.status, 404, 'approved is not published');
  assert.equal((await step(author, d.id, 'publish', r)).status, 200);

  a = await anonymous(d);
  assert.equal(a.listed?.title.en?.text, 'Unpublished guidance (demo)');
  assert.equal(a.inHtmlList, true);
  assert.equal(a.page.statusCode, 200);
  assert.equal(a.one.status, 200);
  assert.equal((await download(d.id, d.file.id)).status, 200);

  // An edit and a newer upload wait for the next signed publication.
  const put = await api(env, author, 'PUT', `/api/v1/library/${d.id}`, { ...d.body, title: en('Edited later title') });
  assert.equal(put.status, 200, put.body);
  const up = await apiUpload(
    env,
    author,
    `/api/v1/library/${d.id}/files`,
    { language: 'en' },
    {
      name: 'b.pdf',
      data: demoPdf('rev 2'),
    },
  );
  const rev2 = up.json() as { id: string };
  a = await anonymous(d);
  assert.equal(a.listed?.title.en?.text, 'Unpublished guidance (demo)', 'the signed title');
  assert.doesNotMatch(a.page.body, /Edited later title/);
  // Search too: the document is indexed as signed, so the unsigned title is neither found nor shown to the public.
  const found = async (q: string) =>
    (await api(env, null, 'GET', `/api/v1/search?q=${encodeURIComponent(q)}`)).json() as {
      total: number;
      data: { url: string; title: string }[];
    };
  assert.equal((await found('Edited later title')).total, 0, 'the unsigned title is not found');
  const signedHit = (await found('Unpublished guidance')).data.find((h) => h.url === `/library/${d.id}`);
  assert.ok(signedHit, 'found by its signed title');
  assert.doesNotMatch(JSON.stringify(signedHit), /Edited later/);
  const files = (a.one.json() as { files: { id: string; revision: number }[] }).files;
  assert.deepEqual(
    files.map((f) => f.revision),
    [1],
    'only the signed revision',
  );
  assert.equal((await download(d.id, rev2.id)).status, 404, 'the newer upload is not public yet');
  assert.equal((await download(d.id, rev2.id, observer)).status, 200, 'signed-in readers get it');
  assert.equal(
    ((await api(env, observer, 'GET', `/api/v1/library/${d.id}`)).json() as { title: { en: { text: string } } }).title
      .en.text,
    'Edited later title',
  );
  // The next publication carries them.
  await publishTwoSignatures(d.id);
  a = await anonymous(d);
  assert.equal(a.listed?.title.en?.text, 'Edited later title');
  assert.equal((await download(d.id, rev2.id)).status, 200);

  // The pages: the publisher sees the state on the document page and the review page.
  const docPage = await author.agent.get(`/library/${d.id}`);
  assert.match(docPage.body, /id="publication-state"/);
  const review = await approver.agent.get(`/library/${d.id}/publication`);
  assert.equal(review.statusCode, 200);
  assert.match(review.body, /Published: anonymous readers get the signed revision/);
});

test(`an edit voids the approval; an edit the draft does not hold blocks publication (${label})`, async () => {
  const d = await createPublic('Approval voided (demo)');
  const r = (await prepare(d.id)).json() as Rev;
  await step(author, d.id, 'submit', r);
  assert.equal((await step(approver, d.id, 'approve', r)).status, 200);
  // A publisher's edit goes into the draft: back to draft, the approval void.
  await api(env, author, 'PUT', `/api/v1/library/${d.id}`, { ...d.body, title: en('Changed after approval') });
  const now = (await api(env, author, 'GET', `/api/v1/library/${d.id}/publication`)).json() as {
    revision: Rev & { approverId: string | null };
    stale: boolean;
  };
  assert.equal(now.revision.state, 'draft');
  assert.equal(now.revision.approverId, null);
  assert.notEqual(now.revision.sha256, r.sha256);
  assert.equal((await step(author, d.id, 'publish', r)).status, 409, 'the approved hash is gone');
  assert.equal((await anonymous(d)).one.status, 404);
  // An edit by the owner organization's analyst (not a publisher) leaves the draft stale: no approval, no publication.
  const r2 = now.revision;
  await step(author, d.id, 'submit', r2);
  await step(approver, d.id, 'approve', r2);
  const put = await api(env, analyst, 'PUT', `/api/v1/library/${d.id}`, { ...d.body, title: en('Analyst edit') });
  assert.equal(put.status, 200, put.body);
  assert.equal((await step(author, d.id, 'publish', r2)).status, 409, 'the document changed since');
  assert.equal(
    ((await api(env, author, 'GET', `/api/v1/library/${d.id}/publication`)).json() as { stale: boolean }).stale,
    true,
  );
  assert.equal((await anonymous(d)).one.status, 404);
});

const defaced = (lang: string, text: string) => ({
  en: { text: 'Defacement target (demo)', status: 'original' },
  [lang]: { text, status: lang === 'en' ? 'original' : 'reviewed' },
});

test(`the defacement corpus in a title is refused at submission (${label})`, async () => {
  const d = await createPublic('Defacement target (demo)');
  let refused = 0;
  for (const c of DEFACEMENT_CORPUS) {
    // Written behind the form (its own checks are not what is tested here): the title in the case's language.
    await env.database.db.execute(sql`update library_documents
      set title = ${JSON.stringify(defaced(c.lang, c.text))}::jsonb
      where id = ${d.id}`);
    const p = await prepare(d.id);
    assert.equal(p.status, 200, p.body);
    const r = p.json() as Rev;
    const s = await step(author, d.id, 'submit', r);
    assert.equal(s.status, 422, c.name);
    assert.match(s.body, /accept\./, c.name);
    const after = (await api(env, author, 'GET', `/api/v1/library/${d.id}/publication`)).json() as {
      revision: Rev;
      findings: { kind: string }[];
    };
    assert.equal(after.revision.state, 'draft', c.name);
    assert.ok(
      after.findings.some((f) => f.kind === c.expectKind),
      `${c.name}: ${c.expectKind}`,
    );
    refused++;
  }
  assert.equal(refused, DEFACEMENT_CORPUS.length);
  assert.equal((await anonymous(d)).one.status, 404);
});

test(`text injected by SQL into a published title is withdrawn by the monitor (${label})`, async () => {
  const twice = await createPublic('First signed title');
  await publishTwoSignatures(twice.id);
  await api(env, author, 'PUT', `/api/v1/library/${twice.id}`, { ...twice.body, title: en('Second signed title') });
  await publishTwoSignatures(twice.id);
  const once = await createPublic('Only signed title');
  await publishTwoSignatures(once.id);
  assert.equal((await runMonitor(env.database.db, env.config)).withdrawn, 0, 'nothing withdrawn while all verify');
  for (const x of [twice, once])
    await env.database.db.execute(sql`update publishing_revisions
      set content = jsonb_set(content, '{text,title,en,text}',
        to_jsonb(${INJECTED} || (content #>> '{text,title,en,text}')))
      where subject_kind = 'library' and subject_id = ${x.id} and state = 'published'`);
  // Even before the monitor runs, a row that no longer verifies is never served.
  assert.doesNotMatch((await anonymous(twice)).page.body, new RegExp(INJECTED));
  const run = await runMonitor(env.database.db, env.config);
  assert.equal(run.withdrawn, 2);
  const [w] = rowsOf<{ state: string; withdrawn_reason: string }>(
    await env.database.db.execute(sql`select state, withdrawn_reason from publishing_revisions
      where subject_kind = 'library' and subject_id = ${once.id} order by number desc limit 1`),
  );
  assert.equal(w.state, 'withdrawn');
  assert.match(w.withdrawn_reason, /hash_mismatch/);
  // The document published twice: readers get the previous signed revision; the other: nothing.
  const a = await anonymous(twice);
  assert.equal(a.page.statusCode, 200);
  assert.doesNotMatch(a.page.body, new RegExp(INJECTED));
  assert.match(a.page.body, /First signed title/);
  assert.equal(a.listed?.title.en?.text, 'First signed title');
  const b = await anonymous(once);
  assert.equal(b.page.statusCode, 404);
  assert.equal(b.listed, undefined);
  assert.equal(b.one.status, 404);
  assert.equal((await runMonitor(env.database.db, env.config)).withdrawn, 0, 'withdrawn once');
});

test(`a publisher withdraws a published document, with a reason and a confirmation (${label})`, async () => {
  const d = await createPublic('Withdrawable guide');
  const pub = await publishTwoSignatures(d.id);
  assert.equal((await anonymous(d)).page.statusCode, 200);
  // A newer draft open meanwhile: what is withdrawn is what readers get (the form names it).
  const edited = await api(env, author, 'PUT', `/api/v1/library/${d.id}`, {
    ...d.body,
    title: en('Withdrawable guide, next draft'),
  });
  assert.equal(edited.status, 200, edited.body);
  assert.equal((await prepare(d.id)).status, 200);
  const page = await author.agent.get(`/library/${d.id}/publication`);
  assert.match(page.body, /id="withdraw-publication"/);
  assert.match(page.body, new RegExp(`name="revision" value="${pub.id}"`));
  const url = `/library/${d.id}/publication/withdraw`;
  const form = { revision: pub.id, sha256: pub.sha256, reason: 'Superseded guidance' };
  const unconfirmed = await postForm(env, author.agent, url, form);
  assert.equal(unconfirmed.statusCode, 303);
  assert.match(String(unconfirmed.headers.location), new RegExp(`^${url}\\?`));
  assert.match((await author.agent.get(String(unconfirmed.headers.location))).body, /Superseded guidance/);
  assert.equal((await anonymous(d)).page.statusCode, 200, 'nothing changed before the confirmation');
  const empty = await postForm(env, author.agent, url, { ...form, reason: ' ', confirmed: 'yes' });
  assert.equal(empty.statusCode, 422);
  const done = await postForm(env, author.agent, url, { ...form, confirmed: 'yes' });
  assert.equal(done.statusCode, 303, done.body.slice(0, 500));
  // Off line for the public: list, page, API, file, search; signed-in users still reach it.
  const gone = await anonymous(d);
  assert.equal(gone.listed, undefined);
  assert.equal(gone.inHtmlList, false);
  assert.equal(gone.page.statusCode, 404);
  assert.equal(gone.one.status, 404);
  assert.equal(gone.searched, false);
  assert.equal((await download(d.id, d.file.id)).status, 404);
  assert.equal((await api(env, observer, 'GET', `/api/v1/library/${d.id}`)).status, 200);
  const audit = rowsOf<{ n: number }>(
    await env.database.db.execute(sql`select count(*)::int as n from audit_log
      where action = 'publishing.withdrawn' and details->>'subjectId' = ${d.id}`),
  );
  assert.equal(audit[0].n, 1);
  // The JSON API: a new publication, then withdrawn by a publisher (a reason is required), off line again.
  const again = await publishTwoSignatures(d.id);
  assert.equal((await anonymous(d)).page.statusCode, 200);
  const noReason = await step(author, d.id, 'withdraw', again);
  assert.equal(noReason.status, 422);
  const viaApi = await api(env, author, 'POST', `/api/v1/library/${d.id}/publication/withdraw`, {
    revision: again.id,
    sha256: again.sha256,
    reason: 'Withdrawn through the API',
  });
  assert.equal(viaApi.status, 200, viaApi.body);
  assert.equal(viaApi.json().state, 'withdrawn');
  assert.equal((await anonymous(d)).page.statusCode, 404);
});

test(`the demo seed publishes its public documents through the workflow (${label})`, async () => {
  await seedDemoAccounts(env.database.db, env.config.sessionSecret);
  assert.ok((await seedLibrary(env.database.db, env.config)) > 0);
  const published = await publishDemoDocuments(env.database.db);
  assert.ok(published > 0, 'public demo documents published');
  assert.equal(await publishDemoDocuments(env.database.db), 0, 'once');
  const list = await api(env, null, 'GET', '/api/v1/library?pageSize=100');
  const symbols = (list.json().data as { symbol: string }[]).map((d) => d.symbol);
  assert.ok(symbols.includes('CTCP/WG.2/2026/1'), symbols.join(', '));
  const [row] = rowsOf<{ two: boolean }>(
    await env.database.db.execute(sql`select bool_and(author_id <> approver_id) as two
      from publishing_revisions where subject_kind = 'library' and state = 'published'`),
  );
  assert.equal(row.two, true, 'two different people signed each');
});

test(`the pages: findings in place, accepted with a reason, approved by another person (${label})`, async () => {
  const d = await createPublic('Page flow (demo)');
  // An English title quoting a word in Russian: a finding the author may accept with a reason.
  await api(env, author, 'PUT', `/api/v1/library/${d.id}`, { ...d.body, title: en('Page flow: the word «Привет»') });
  assert.equal((await author.agent.post(`/library/${d.id}/publication/prepare`, {})).statusCode, 303);
  const page = await author.agent.get(`/library/${d.id}/publication`);
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /<mark class="finding"/, 'the finding is marked in place');
  const rev = (await api(env, author, 'GET', `/api/v1/library/${d.id}/publication`)).json() as {
    revision: Rev;
    findings: { id: string }[];
  };
  assert.ok(rev.findings.length > 0);
  const form = { revision: rev.revision.id, sha256: rev.revision.sha256 };
  const blocked = await author.agent.post(`/library/${d.id}/publication/submit`, form);
  assert.equal(blocked.statusCode, 422, 'a finding not accepted blocks submission');
  assert.match(blocked.body, /name="accept\./);
  const accepted = Object.fromEntries(
    rev.findings.flatMap((f) => [
      [`accept.${f.id}`, 'on'],
      [`reason.${f.id}`, 'A quotation in Russian, intended.'],
    ]),
  );
  const noReason = await author.agent.post(`/library/${d.id}/publication/submit`, {
    ...form,
    ...Object.fromEntries(rev.findings.map((f) => [`accept.${f.id}`, 'on'])),
  });
  assert.equal(noReason.statusCode, 422, 'an acceptance needs a reason');
  assert.equal(
    (await author.agent.post(`/library/${d.id}/publication/submit`, { ...form, ...accepted })).statusCode,
    303,
  );
  const own = await author.agent.get(`/library/${d.id}/publication`);
  assert.doesNotMatch(own.body, /id="approve-publication"/, 'no approve button for the author');
  assert.match((await approver.agent.get(`/library/${d.id}/publication`)).body, /id="approve-publication"/);
  assert.equal((await approver.agent.post(`/library/${d.id}/publication/approve`, form)).statusCode, 303);
  assert.equal((await author.agent.post(`/library/${d.id}/publication/publish`, form)).statusCode, 303);
  const anon = await env.app.inject({ method: 'GET', url: `/library/${d.id}` });
  assert.equal(anon.statusCode, 200);
  assert.match(anon.body, /Привет/);
});
