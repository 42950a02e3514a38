// Publishing with two signatures (news items): the author and the last editor cannot approve; an edit after submission
// voids the approval, which is bound to the hash; the audit chain holds hash, author and approver; force-publish only
// by the administrator, with a reason, flagged until a second approval (overdue after 24 h); two approvers at once
// give one approval; the pre-publish check blocks "缅北禁地" in English and the mojibake language menu, an acceptance
// needs a reason and is audited; the monitor withdraws a tampered row within one run; the defacement corpus is refused.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { loadActor } from '../src/modules/access/access.service.ts';
import {
  approve,
  checkContent,
  contentSha256,
  FindingsError,
  getRevision,
  monitorJob,
  saveDraft,
  submit,
  type PublicContent,
  type PublishingContext,
} from '../src/modules/publishing/index.ts';
import { runJobOnce } from '../src/platform/jobs/queue.ts';
import type { JobDefinition } from '../src/platform/jobs/jobs.types.ts';
import type { UserActor } from '../src/platform/auth/policy.ts';
import { DEFACEMENT_CORPUS, INJECTED } from './fixtures/defacement.ts';
import { tokenOf } from './api.helpers.ts';
import { CONFIRMED, dbLabel, location, makeTestEnv, makeUser, type TestEnv, type TestUser } from './helper.ts';

let env: TestEnv;
let author: TestUser; // coordinator
let editor: TestUser; // a second coordinator
let admin: TestUser; // platform administrator
let admin2: TestUser;
let analyst: TestUser;
const label = dbLabel();

const rowsOf = <T>(r: unknown): T[] => ((r as { rows?: T[] }).rows ?? (r as T[])) as T[];
const q = async <T = Record<string, unknown>>(s: ReturnType<typeof sql>) => rowsOf<T>(await env.database.db.execute(s));
const actorOf = async (u: TestUser): Promise<UserActor> =>
  (await loadActor(env.database.db, u.id, 'session', true, []))!.actor as UserActor;
const ctxOf = async (u: TestUser): Promise<PublishingContext> => ({
  db: env.database.db,
  config: env.config,
  actor: await actorOf(u),
});

let n = 0;
/** The form of a news item in English and French (the English body given). */
const form = (body: string, extra: Record<string, string> = {}) => ({
  title_en: 'Fictional roundtable concludes',
  title_en_status: 'original',
  title_fr: 'Fin de la table ronde fictive',
  title_fr_status: 'reviewed',
  summary_en: 'Participants exchanged experience (demo).',
  summary_en_status: 'original',
  summary_fr: 'Les participants ont échangé leurs expériences (démonstration).',
  summary_fr_status: 'reviewed',
  body_en: body,
  body_en_status: 'original',
  body_fr: 'Les organisations citées sont fictives.',
  body_fr_status: 'reviewed',
  date: '2026-11-20',
  event: '',
  ...extra,
});

async function create(by: TestUser, body = 'The organizations named are fictional.'): Promise<string> {
  const slug = `test-news-${++n}-${label}`;
  const res = await by.agent.post('/news/manage', { ...form(body), slug });
  assert.equal(res.statusCode, 303, res.body.slice(0, 2000));
  return location(res).split('/').pop()!;
}

const latest = async (id: string) =>
  (
    await q<{ id: string; sha256: string; state: string; number: number }>(
      sql`select id, sha256, state, number from publishing_revisions where subject_id = ${id}
        order by number desc limit 1`,
    )
  )[0];

const step = async (u: TestUser, id: string, path: string, extra: Record<string, string> = {}) => {
  const r = await latest(id);
  return u.agent.post(`/news/manage/${id}/${path}`, { revision: r.id, sha256: r.sha256, ...extra });
};

/** Creates, submits (author), approves (approver) and publishes (author) one item; returns its id and slug. */
async function published(body?: string) {
  const id = await create(author, body);
  assert.equal((await step(author, id, 'submit')).statusCode, 303);
  assert.equal((await step(admin, id, 'approve')).statusCode, 303);
  assert.equal((await step(author, id, 'publish')).statusCode, 303);
  const [{ slug }] = await q<{ slug: string }>(sql`select slug from news_items where id = ${id}`);
  return { id, slug };
}

before(async () => {
  env = await makeTestEnv();
  author = await makeUser(env, 'coordinator', { orgSlug: 'unoct' });
  editor = await makeUser(env, 'coordinator', { orgSlug: 'unoct' });
  admin = await makeUser(env, 'platform_admin');
  admin2 = await makeUser(env, 'platform_admin');
  analyst = await makeUser(env, 'analyst', { orgSlug: 'cted' });
});
after(async () => env?.close());

test(`a news item goes draft → submitted → approved → published and only then is public (${label})`, async () => {
  const id = await create(author);
  const [{ slug }] = await q<{ slug: string }>(sql`select slug from news_items where id = ${id}`);
  assert.equal((await author.agent.get(`/news/${slug}`)).statusCode, 404, 'a draft is not public');
  assert.equal((await analyst.agent.get(`/news/manage/${id}`)).statusCode, 403);
  assert.equal((await step(author, id, 'submit')).statusCode, 303);
  assert.equal((await latest(id)).state, 'submitted');
  assert.equal((await step(admin, id, 'approve')).statusCode, 303);
  assert.equal((await step(author, id, 'publish')).statusCode, 303);
  const page = await env.app.inject({ method: 'GET', url: `/news/${slug}` });
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /Fictional roundtable concludes/);
  const list = await env.app.inject({ method: 'GET', url: '/news' });
  assert.match(list.body, new RegExp(`/news/${slug}`));
  const api = await env.app.inject({ method: 'GET', url: `/api/v1/news/${slug}` });
  assert.equal(api.statusCode, 200);
  assert.equal(api.json().title.en.text, 'Fictional roundtable concludes');
  // A later edit is a new draft revision: the public page keeps the published one.
  const res = await author.agent.post(`/news/manage/${id}/edit`, form('A new draft text.'));
  assert.equal(res.statusCode, 303);
  const again = await env.app.inject({ method: 'GET', url: `/news/${slug}` });
  assert.doesNotMatch(again.body, /A new draft text/);
  assert.match(again.body, /The organizations named are fictional/);
});

test(`the author cannot approve (${label})`, async () => {
  const id = await create(author);
  await step(author, id, 'submit');
  const res = await step(author, id, 'approve');
  assert.equal(res.statusCode, 403);
  assert.equal((await latest(id)).state, 'submitted');
  await assert.rejects(
    approve(await ctxOf(author), (await latest(id)).id, (await latest(id)).sha256),
    (e: Error & { status?: number }) => e.status === 403,
  );
});

test(`the last editor cannot approve (${label})`, async () => {
  const id = await create(author);
  // A second coordinator edits the author's draft: the last editor.
  assert.equal((await editor.agent.post(`/news/manage/${id}/edit`, form('Edited by a colleague.'))).statusCode, 303);
  await step(author, id, 'submit');
  assert.equal((await step(editor, id, 'approve')).statusCode, 403);
  assert.equal((await step(author, id, 'approve')).statusCode, 403);
  assert.equal((await step(admin, id, 'approve')).statusCode, 303);
  assert.equal((await latest(id)).state, 'approved');
});

test(`an edit after submission voids the approval, which is bound to the hash (${label})`, async () => {
  const id = await create(author);
  await step(author, id, 'submit');
  const submitted = await latest(id);
  // The author edits after submission: back to draft, another hash.
  assert.equal((await author.agent.post(`/news/manage/${id}/edit`, form('Changed after submission.'))).statusCode, 303);
  const edited = await latest(id);
  assert.equal(edited.id, submitted.id);
  assert.equal(edited.state, 'draft');
  assert.notEqual(edited.sha256, submitted.sha256);
  // Approving what was reviewed before the edit: refused.
  const stale = await admin.agent.post(`/news/manage/${id}/approve`, {
    revision: submitted.id,
    sha256: submitted.sha256,
  });
  assert.equal(stale.statusCode, 409);
  await step(author, id, 'submit');
  const old = await admin.agent.post(`/news/manage/${id}/approve`, {
    revision: submitted.id,
    sha256: submitted.sha256,
  });
  assert.equal(old.statusCode, 409, 'the approval is for the hash submitted, not another');
  assert.equal((await step(admin, id, 'approve')).statusCode, 303);
  // An edit after approval voids it too.
  await author.agent.post(`/news/manage/${id}/edit`, form('Changed after approval.'));
  const [r] = await q<{ state: string; approver_id: string | null; approved_sha256: string | null }>(
    sql`select state, approver_id, approved_sha256 from publishing_revisions where id = ${edited.id}`,
  );
  assert.deepEqual(r, { state: 'draft', approver_id: null, approved_sha256: null });
  assert.equal((await step(author, id, 'publish')).statusCode, 409);
});

test(`publication records hash, author and approver in the audit chain (${label})`, async () => {
  const { id } = await published();
  const r = await latest(id);
  const [a] = await q<{ details: Record<string, unknown>; actor_id: string }>(
    sql`select details, actor_id from audit_log where action = 'publishing.published' and target_id = ${r.id}`,
  );
  assert.equal(a.details.sha256, r.sha256);
  assert.equal(a.details.author, author.id);
  assert.equal(a.details.approver, admin.id);
  assert.equal(a.actor_id, author.id);
  const [ap] = await q<{ details: Record<string, unknown>; actor_id: string }>(
    sql`select details, actor_id from audit_log where action = 'publishing.approved' and target_id = ${r.id}`,
  );
  assert.equal(ap.actor_id, admin.id);
  assert.equal(ap.details.sha256, r.sha256);
  const [rev] = await q<{ content: PublicContent }>(sql`select content from publishing_revisions where id = ${r.id}`);
  assert.equal(contentSha256(rev.content), r.sha256, 'the hash is the canonical content’s');
});

test(`force-publish: administrator only, with a reason, flagged until a second approval (${label})`, async () => {
  const id = await create(author);
  assert.equal((await step(author, id, 'force-publish', { reason: 'urgent', ...CONFIRMED })).statusCode, 403);
  const noReason = await step(admin, id, 'force-publish', { reason: '', ...CONFIRMED });
  assert.equal(noReason.statusCode, 422);
  const noConfirm = await step(admin, id, 'force-publish', { reason: 'Urgent correction' });
  assert.equal(noConfirm.statusCode, 422);
  assert.equal((await latest(id)).state, 'draft');
  assert.equal((await step(admin, id, 'force-publish', { reason: 'Urgent correction', ...CONFIRMED })).statusCode, 303);
  const r = await latest(id);
  assert.equal(r.state, 'published');
  const [audit] = await q<{ details: Record<string, unknown> }>(
    sql`select details from audit_log where action = 'publishing.force_published' and target_id = ${r.id}`,
  );
  assert.equal(audit.details.reason, 'Urgent correction');
  assert.equal(audit.details.sha256, r.sha256);
  let flags = await admin.agent.get('/admin/publishing');
  assert.match(flags.body, /data-flag="awaiting"/);
  // The publisher cannot give the second approval; after 24 hours the flag is overdue.
  assert.equal((await step(admin, id, 'second-approval')).statusCode, 403);
  await env.database.db.execute(
    sql`update publishing_revisions set force_deadline = now() - interval '1 minute' where id = ${r.id}`,
  );
  flags = await admin.agent.get('/admin/publishing');
  assert.match(flags.body, /data-flag="overdue"/);
  assert.equal((await step(admin2, id, 'second-approval')).statusCode, 303);
  flags = await admin.agent.get('/admin/publishing');
  assert.doesNotMatch(flags.body, new RegExp(r.id));
  const [second] = await q<{ details: Record<string, unknown>; actor_id: string }>(
    sql`select details, actor_id from audit_log where action = 'publishing.second_approved' and target_id = ${r.id}`,
  );
  assert.equal(second.actor_id, admin2.id);
  assert.equal(second.details.late, true);
});

test(`two approvers at once: exactly one approval (${label})`, async () => {
  for (let round = 0; round < 3; round++) {
    const id = await create(author);
    await step(author, id, 'submit');
    const r = await latest(id);
    const [c1, c2, c3] = await Promise.all([ctxOf(editor), ctxOf(admin), ctxOf(admin2)]);
    const results = await Promise.allSettled([
      approve(c1, r.id, r.sha256),
      approve(c2, r.id, r.sha256),
      approve(c3, r.id, r.sha256),
    ]);
    assert.equal(results.filter((x) => x.status === 'fulfilled').length, 1, JSON.stringify(results));
    for (const x of results)
      if (x.status === 'rejected') assert.equal((x.reason as { status?: number }).status, 409, String(x.reason));
    const [{ c }] = await q<{ c: number }>(
      sql`select count(*)::int as c from audit_log where action = 'publishing.approved' and target_id = ${r.id}`,
    );
    assert.equal(c, 1);
  }
});

test(`the check blocks "缅北禁地" in English; an acceptance needs a reason and is audited (${label})`, async () => {
  const id = await create(author, `Collaboration at the heart of ${INJECTED}counter-terrorism efforts.`);
  const res = await step(author, id, 'submit');
  assert.equal(res.statusCode, 422);
  assert.match(res.body, /integrity-findings/);
  assert.match(res.body, /<mark/);
  assert.equal((await latest(id)).state, 'draft');
  const r = await latest(id);
  const [finding] = (await getRevisionFindings(r.id)).filter((f) => f.match.includes('缅'));
  assert.ok(finding, 'a finding on the injected string');
  const noReason = await step(author, id, 'submit', { [`accept.${finding.id}`]: 'on' });
  assert.equal(noReason.statusCode, 422);
  assert.match(noReason.body, new RegExp(`f-reason\\.${finding.id}-error`));
  assert.equal((await latest(id)).state, 'draft');
  const reason = 'A quotation of the string under discussion';
  const ok = await step(author, id, 'submit', { [`accept.${finding.id}`]: 'on', [`reason.${finding.id}`]: reason });
  assert.equal(ok.statusCode, 303);
  const [a] = await q<{ details: Record<string, unknown>; actor_id: string }>(
    sql`select details, actor_id from audit_log where action = 'publishing.finding_accepted' and target_id = ${r.id}`,
  );
  assert.equal(a.details.reason, reason);
  assert.equal(a.details.finding, finding.id);
  assert.equal(a.actor_id, author.id);
  const [stored] = await q<{ acceptances: { id: string; reason: string }[] }>(
    sql`select acceptances from publishing_revisions where id = ${r.id}`,
  );
  assert.equal(stored.acceptances[0].reason, reason);
});

async function getRevisionFindings(revisionId: string) {
  return checkContent((await getRevision(env.database.db, revisionId)).content);
}

test(`the mojibake language menu is refused at submission (${label})`, async () => {
  const id = await create(author, 'English | Fran?ais | Espa?ol | ???? | Русский | 中文');
  const res = await step(author, id, 'submit');
  assert.equal(res.statusCode, 422);
  assert.match(res.body, /Fran\?ais/);
  assert.equal((await latest(id)).state, 'draft');
  const api = await env.app.inject({
    method: 'POST',
    url: `/api/v1/news/manage/${id}/submit`,
    headers: { authorization: `Bearer ${await token(author)}` },
    payload: { revision: (await latest(id)).id, sha256: (await latest(id)).sha256 },
  });
  assert.equal(api.statusCode, 422);
  assert.ok(api.json().error.fields.some((f: { field: string }) => f.field.startsWith('accept.')));
});

const token = (u: TestUser) => tokenOf(env, u);

test(`the monitor withdraws a tampered row in one run; readers get the last approved revision (${label})`, async () => {
  const clean = await runJobOnce(monitorJob as JobDefinition, {}, jobCtx());
  assert.equal((clean as { withdrawn: number }).withdrawn, 0, 'nothing withdrawn while every row verifies');
  // One item published twice (a previous approved revision exists), one published once.
  const twice = await published('First approved text.');
  await author.agent.post(`/news/manage/${twice.id}/edit`, form('Second approved text.'));
  await step(author, twice.id, 'submit');
  await step(admin, twice.id, 'approve');
  assert.equal((await step(author, twice.id, 'publish')).statusCode, 303);
  const once = await published('Only approved text.');
  const mailsBefore = await mailCount();
  // A direct UPDATE injects the string into the published English body of both.
  for (const x of [twice, once])
    await env.database.db.execute(sql`update publishing_revisions
      set content = jsonb_set(content, '{text,body,en,text}',
        to_jsonb(${INJECTED} || (content #>> '{text,body,en,text}')))
      where subject_id = ${x.id} and state = 'published'`);
  const run = (await runJobOnce(monitorJob as JobDefinition, {}, jobCtx())) as { withdrawn: number };
  assert.equal(run.withdrawn, 2);
  for (const x of [twice, once]) {
    const [r] = await q<{ state: string; withdrawn_reason: string }>(
      sql`select state, withdrawn_reason from publishing_revisions where subject_id = ${x.id}
        order by number desc limit 1`,
    );
    assert.equal(r.state, 'withdrawn');
    assert.match(r.withdrawn_reason, /hash_mismatch/);
    const page = await env.app.inject({ method: 'GET', url: `/news/${x.slug}` });
    assert.equal(page.statusCode, 200);
    assert.doesNotMatch(page.body, new RegExp(INJECTED));
    const api = await env.app.inject({ method: 'GET', url: `/api/v1/news/${x.slug}` });
    assert.doesNotMatch(api.body, new RegExp(INJECTED));
  }
  const prev = await env.app.inject({ method: 'GET', url: `/news/${twice.slug}` });
  assert.match(prev.body, /First approved text/);
  assert.match(prev.body, /id="news-previous"/);
  const review = await env.app.inject({ method: 'GET', url: `/news/${once.slug}` });
  assert.match(review.body, /id="news-under-review"/);
  const flags = await admin.agent.get('/admin/publishing');
  assert.equal((flags.body.match(/data-flag="withdrawn"/g) ?? []).length >= 2, true);
  assert.ok((await mailCount()) > mailsBefore, 'the publishers were e-mailed');
  const [m] = await q<{ n: number }>(
    sql`select count(*)::int as n from mail_outbox where kind = 'publishing_withdrawn' and "to" = ${admin.email}`,
  );
  assert.equal(m.n, 2);
  // A second run finds nothing more to withdraw and sends nothing more.
  const again = (await runJobOnce(monitorJob as JobDefinition, {}, jobCtx())) as { withdrawn: number };
  assert.equal(again.withdrawn, 0);
});

test(`the monitor catches rewritten hashes (the audit chain keeps the signed one) (${label})`, async () => {
  const x = await published('A text whose hash columns will be forged.');
  await env.database.db.execute(sql`update publishing_revisions
    set content = jsonb_set(content, '{text,title,en,text}', to_jsonb(${`${INJECTED} title`}::text))
    where subject_id = ${x.id} and state = 'published'`);
  const [row] = await q<{ id: string; content: PublicContent }>(
    sql`select id, content from publishing_revisions where subject_id = ${x.id} and state = 'published'`,
  );
  const forged = contentSha256(row.content);
  await env.database.db.execute(sql`update publishing_revisions set sha256 = ${forged}, published_sha256 = ${forged},
    approved_sha256 = ${forged}, submitted_sha256 = ${forged} where id = ${row.id}`);
  const run = (await runJobOnce(monitorJob as JobDefinition, {}, jobCtx())) as { withdrawn: number };
  assert.equal(run.withdrawn, 1);
  const [r] = await q<{ state: string; withdrawn_reason: string }>(
    sql`select state, withdrawn_reason from publishing_revisions where id = ${row.id}`,
  );
  assert.equal(r.state, 'withdrawn');
  assert.match(r.withdrawn_reason, /audit_mismatch/);
  const page = await env.app.inject({ method: 'GET', url: `/news/${x.slug}` });
  assert.doesNotMatch(page.body, new RegExp(INJECTED));
});

const jobCtx = () => ({
  db: env.database.db,
  database: env.database,
  config: env.config,
  log: { info() {}, warn() {}, error() {} },
});
const mailCount = async () =>
  (await q<{ n: number }>(sql`select count(*)::int as n from mail_outbox where kind = 'publishing_withdrawn'`))[0].n;

test(`every entry of the defacement corpus is refused at submission (${label})`, async () => {
  const ctx = await ctxOf(author);
  let refused = 0;
  for (const c of DEFACEMENT_CORPUS) {
    const subject = { kind: 'news', id: crypto.randomUUID() };
    const content: PublicContent = {
      text: { body: { [c.lang]: { text: c.text, status: 'original' } } },
      values: { date: '2026-11-20' },
    };
    const r = await saveDraft(ctx, subject, content);
    await assert.rejects(submit(ctx, r.id, r.sha256), (e) => e instanceof FindingsError, c.name);
    const after = await getRevision(env.database.db, r.id);
    assert.equal(after.state, 'draft', c.name);
    refused++;
  }
  assert.equal(refused, DEFACEMENT_CORPUS.length);
});

test(`the demo news are published by two people and pass the monitor (${label})`, async () => {
  const { seedDemoAccounts } = await import('../src/modules/access/access.seed.ts');
  const { seedEvents } = await import('../src/modules/events/index.ts');
  const { seedNews } = await import('../src/modules/news/news.seed.ts');
  await seedDemoAccounts(env.database.db, env.config.sessionSecret);
  await seedEvents(env.database.db, { demo: true });
  assert.equal(await seedNews(env.database.db), 2);
  assert.equal(await seedNews(env.database.db), 0, 'once');
  const rows = await q<{ author_id: string; approver_id: string; state: string }>(
    sql`select author_id, approver_id, state from publishing_revisions r join news_items n on n.id = r.subject_id
      where n.slug like 'demo-%'`,
  );
  assert.equal(rows.length, 2);
  for (const r of rows) {
    assert.equal(r.state, 'published');
    assert.notEqual(r.author_id, r.approver_id);
  }
  const run = (await runJobOnce(monitorJob as JobDefinition, {}, jobCtx())) as { withdrawn: number };
  assert.equal(run.withdrawn, 0);
});

test(`a publisher withdraws an item after the confirmation page: it goes off line (${label})`, async () => {
  const x = await published('A text to be withdrawn by a person.');
  const unconfirmed = await step(editor, x.id, 'withdraw', { reason: 'Outdated figures' });
  assert.equal(unconfirmed.statusCode, 303);
  assert.match(location(unconfirmed), new RegExp(`/news/manage/${x.id}/withdraw\\?`));
  const page = await editor.agent.get(location(unconfirmed));
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /Outdated figures/);
  assert.equal((await latest(x.id)).state, 'published', 'nothing changes before the confirmation');
  assert.equal((await step(editor, x.id, 'withdraw', { reason: '', ...CONFIRMED })).statusCode, 422);
  const done = await step(editor, x.id, 'withdraw', { reason: 'Outdated figures', ...CONFIRMED });
  assert.equal(done.statusCode, 303);
  assert.equal((await latest(x.id)).state, 'withdrawn');
  assert.equal((await env.app.inject({ method: 'GET', url: `/news/${x.slug}` })).statusCode, 404);
  const [a] = await q<{ details: Record<string, unknown>; actor_id: string }>(
    sql`select details, actor_id from audit_log where action = 'publishing.withdrawn'
      and target_id = ${(await latest(x.id)).id}`,
  );
  assert.equal(a.actor_id, editor.id);
  assert.equal(a.details.reason, 'Outdated figures');
});
