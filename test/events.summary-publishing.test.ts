// An event's Chair's Summary under the two-signature workflow (kind chairs_summary): saved, it is a draft readers do
// not see (page and JSON API); its author submits it, a second person approves it, then it is published and shown; an
// edit after publication stays invisible until signed; an injected string in English is refused at submission; the
// author cannot approve their own; summaries shown before the workflow are recorded by the system, flagged until a
// second approval, and the monitor checks them.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { runMonitor } from '../src/modules/publishing/index.ts';
import { adoptPublishedSummaries, SUMMARY_ADOPTION_REASON } from '../src/modules/events/index.ts';
import { INJECTED } from './fixtures/defacement.ts';
import { tokenOf } from './api.helpers.ts';
import { dbLabel, makeTestEnv, makeUser, orgId, type TestEnv, type TestUser } from './helper.ts';
import { eventForm, postForm } from './events.helpers.ts';

let env: TestEnv;
let author: TestUser; // coordinator
let second: TestUser; // another coordinator
let unoct: string;
const label = dbLabel();

const rowsOf = <T>(r: unknown): T[] => ((r as { rows?: T[] }).rows ?? (r as T[])) as T[];
const q = async <T = Record<string, unknown>>(s: ReturnType<typeof sql>) => rowsOf<T>(await env.database.db.execute(s));
const anon = (url: string) => env.app.inject({ method: 'GET', url });

before(async () => {
  env = await makeTestEnv();
  unoct = await orgId(env, 'unoct');
  author = await makeUser(env, 'coordinator', { orgSlug: 'unoct' });
  second = await makeUser(env, 'coordinator', { orgSlug: 'unoct' });
});
after(async () => env?.close());

const latest = async (kind: string, id: string) =>
  (
    await q<{ id: string; sha256: string; state: string; number: number }>(
      sql`select id, sha256, state, number from publishing_revisions where subject_kind = ${kind}
        and subject_id = ${id} order by number desc limit 1`,
    )
  )[0];

const eventStep = async (u: TestUser, slug: string, path: string, id: string) => {
  const r = await latest('event', id);
  return postForm(env, u.agent, `/events/${slug}/publishing/${path}`, { revision: r.id, sha256: r.sha256 });
};
const step = async (u: TestUser, slug: string, path: string, id: string) => {
  const r = await latest('chairs_summary', id);
  return postForm(env, u.agent, `/events/${slug}/summary/publishing/${path}`, { revision: r.id, sha256: r.sha256 });
};

let n = 0;
/** A published event (signed by two people), so that its page is public. */
async function create() {
  const slug = `summary-event-${++n}-${label}`;
  const res = await postForm(env, author.agent, '/events', {
    ...eventForm(slug, [unoct], { title_en: `Summary conference ${n}`, venue: 'Fictional Hall' }),
  });
  assert.equal(res.statusCode, 303, res.body.slice(0, 2000));
  const [{ id }] = await q<{ id: string }>(sql`select id from events where slug = ${slug}`);
  assert.equal((await eventStep(author, slug, 'submit', id)).statusCode, 303);
  assert.equal((await eventStep(second, slug, 'approve', id)).statusCode, 303);
  assert.equal((await eventStep(author, slug, 'publish', id)).statusCode, 303);
  return { slug, id };
}

const save = (slug: string, conclusions: string, recommendations = '') =>
  postForm(env, author.agent, `/events/${slug}/summary`, { language: 'en', conclusions, recommendations });

test(`an unsigned summary is not shown; two signatures publish it; an edit waits for them (${label})`, async () => {
  const { slug, id } = await create();
  assert.equal((await save(slug, 'Signed conclusion one', 'Signed recommendation one')).statusCode, 303);
  // Saved: a draft of kind chairs_summary, written with the rows.
  assert.equal((await latest('chairs_summary', id)).state, 'draft');
  const page = await anon(`/events/${slug}`);
  assert.equal(page.statusCode, 200);
  assert.doesNotMatch(page.body, /Signed conclusion one|id="chairs-summary"/);
  const api = (await anon(`/api/v1/events/${id}/summary`)).json();
  assert.deepEqual(api, { language: null, conclusions: [], recommendations: [] });
  // Its managers still see the working copy on their form, which links to the publishing page.
  const form = await author.agent.get(`/events/${slug}/summary`);
  assert.match(form.body, /Signed conclusion one/);
  assert.match(form.body, new RegExp(`href="/events/${slug}/summary/publishing"`));
  const review = await author.agent.get(`/events/${slug}/summary/publishing`);
  assert.equal(review.statusCode, 200);
  assert.match(review.body, /id="submit-revision"/);
  assert.match(review.body, /Signed recommendation one/);

  assert.equal((await step(author, slug, 'submit', id)).statusCode, 303);
  assert.equal((await latest('chairs_summary', id)).state, 'submitted');
  // The author cannot approve their own (page and API), nor publish what nobody approved.
  assert.equal((await step(author, slug, 'approve', id)).statusCode, 403);
  assert.equal((await step(author, slug, 'publish', id)).statusCode, 409);
  const r = await latest('chairs_summary', id);
  const own = await env.app.inject({
    method: 'POST',
    url: `/api/v1/events/${id}/summary/publishing/approve`,
    headers: { authorization: `Bearer ${await tokenOf(env, author)}` },
    payload: { revision: r.id, sha256: r.sha256 },
  });
  assert.equal(own.statusCode, 403);
  assert.doesNotMatch((await anon(`/events/${slug}`)).body, /Signed conclusion one/);
  // A second person approves the exact hash (JSON API); the author publishes; readers get it.
  const ok = await env.app.inject({
    method: 'POST',
    url: `/api/v1/events/${id}/summary/publishing/approve`,
    headers: { authorization: `Bearer ${await tokenOf(env, second)}` },
    payload: { revision: r.id, sha256: r.sha256 },
  });
  assert.equal(ok.statusCode, 200, ok.body);
  assert.equal(ok.json().state, 'approved');
  assert.equal((await step(author, slug, 'publish', id)).statusCode, 303);
  assert.equal((await latest('chairs_summary', id)).state, 'published');
  const shown = await anon(`/events/${slug}`);
  assert.match(shown.body, /id="chairs-summary"/);
  assert.match(shown.body, /Signed conclusion one/);
  assert.match(shown.body, /Signed recommendation one/);
  const json = (await anon(`/api/v1/events/${id}/summary`)).json();
  assert.equal(json.language, 'en');
  assert.deepEqual(
    json.conclusions.map((c: { text: string }) => c.text),
    ['Signed conclusion one'],
  );
  assert.equal(json.recommendations[0].text, 'Signed recommendation one');
  assert.ok(json.recommendations[0].id, 'the item keeps the id of its row (its follow-up action names it)');
  const state = await env.app.inject({
    method: 'GET',
    url: `/api/v1/events/${id}/summary/publishing`,
    headers: { authorization: `Bearer ${await tokenOf(env, author)}` },
  });
  assert.equal(state.json().public, 'current');

  // An edit after publication: a new draft, invisible to readers until two people sign it.
  assert.equal((await save(slug, 'Unsigned replacement conclusion', 'Signed recommendation one')).statusCode, 303);
  const next = await latest('chairs_summary', id);
  assert.equal(next.state, 'draft');
  assert.equal(next.number, 2);
  for (const res of [await anon(`/events/${slug}`), await anon(`/api/v1/events/${id}/summary`)]) {
    assert.equal(res.statusCode, 200);
    assert.doesNotMatch(res.body, /Unsigned replacement conclusion/);
    assert.match(res.body, /Signed conclusion one/);
  }
  assert.match((await author.agent.get(`/events/${slug}/summary`)).body, /Unsigned replacement conclusion/);
  // Saving the published text again starts no new draft.
  assert.equal((await step(author, slug, 'submit', id)).statusCode, 303);
  assert.equal((await step(second, slug, 'approve', id)).statusCode, 303);
  assert.equal((await step(second, slug, 'publish', id)).statusCode, 303);
  assert.match((await anon(`/events/${slug}`)).body, /Unsigned replacement conclusion/);
  assert.equal((await save(slug, 'Unsigned replacement conclusion', 'Signed recommendation one')).statusCode, 303);
  assert.equal((await latest('chairs_summary', id)).state, 'published');
  // The monitor checks published summaries (the kind is registered): a clean one stays.
  assert.equal((await runMonitor(env.database.db, env.config)).withdrawn, 0);
});

test(`"${INJECTED}" in an English summary is refused at submission (${label})`, async () => {
  const { slug, id } = await create();
  assert.equal((await save(slug, `Conclusion ${INJECTED} injected`)).statusCode, 303);
  const res = await step(author, slug, 'submit', id);
  assert.equal(res.statusCode, 422);
  assert.match(res.body, /class="finding"/);
  assert.equal((await latest('chairs_summary', id)).state, 'draft');
  const r = await latest('chairs_summary', id);
  const api = await env.app.inject({
    method: 'POST',
    url: `/api/v1/events/${id}/summary/publishing/submit`,
    headers: { authorization: `Bearer ${await tokenOf(env, author)}` },
    payload: { revision: r.id, sha256: r.sha256 },
  });
  assert.equal(api.statusCode, 422);
  assert.doesNotMatch((await anon(`/events/${slug}`)).body, new RegExp(INJECTED));
});

test(`"${INJECTED}" in a published summary by SQL: never shown, withdrawn by a monitor run (${label})`, async () => {
  const { slug, id } = await create();
  assert.equal((await save(slug, 'Tamper target conclusion')).statusCode, 303);
  assert.equal((await step(author, slug, 'submit', id)).statusCode, 303);
  assert.equal((await step(second, slug, 'approve', id)).statusCode, 303);
  assert.equal((await step(author, slug, 'publish', id)).statusCode, 303);
  assert.match((await anon(`/events/${slug}`)).body, /Tamper target conclusion/);
  // The working rows changed behind the services: readers keep the signed text.
  await env.database.db.execute(sql`update event_summary_items set body = ${`Rows ${INJECTED} changed`}
    where event_id = ${id}`);
  const rows = await anon(`/events/${slug}`);
  assert.doesNotMatch(rows.body, new RegExp(INJECTED));
  assert.match(rows.body, /Tamper target conclusion/);
  // The signed revision itself changed: it no longer verifies, so readers get nothing of it even before the monitor
  // runs; one run withdraws it.
  const r = await latest('chairs_summary', id);
  await env.database.db.execute(sql`update publishing_revisions
    set content = jsonb_set(content, '{text,conclusions,en,text}', to_jsonb(${`Tamper ${INJECTED} conclusion`}::text))
    where id = ${r.id}`);
  for (const res of [await anon(`/events/${slug}`), await anon(`/api/v1/events/${id}/summary`)]) {
    assert.equal(res.statusCode, 200);
    assert.doesNotMatch(res.body, new RegExp(INJECTED));
  }
  const run = await runMonitor(env.database.db, env.config);
  assert.equal(run.withdrawn, 1);
  assert.equal((await latest('chairs_summary', id)).state, 'withdrawn');
  const after = await anon(`/events/${slug}`);
  assert.equal(after.statusCode, 200, 'the event itself stays published: only its summary is withdrawn');
  assert.doesNotMatch(after.body, new RegExp(INJECTED));
  assert.doesNotMatch(after.body, /id="chairs-summary"/);
});

test(`summaries shown before the workflow: recorded by the system, flagged until approved (${label})`, async () => {
  const { slug, id } = await create();
  // Rows written behind the services, as before the workflow.
  await env.database.query(
    `insert into event_summary_items (event_id, kind, sort, language, body) values
      ($1, 'conclusion', 0, 'en', 'Legacy conclusion'), ($1, 'recommendation', 0, 'en', 'Legacy recommendation')`,
    [id],
  );
  assert.doesNotMatch((await anon(`/events/${slug}`)).body, /Legacy conclusion/);
  assert.ok((await adoptPublishedSummaries(env.database.db)) >= 1);
  assert.equal(await adoptPublishedSummaries(env.database.db), 0, 'idempotent');
  const [r] = await q<{ forced: boolean; force_reason: string; published_by: string | null; state: string }>(
    sql`select forced, force_reason, published_by, state from publishing_revisions
      where subject_kind = 'chairs_summary' and subject_id = ${id}`,
  );
  assert.deepEqual(r, { forced: true, force_reason: SUMMARY_ADOPTION_REASON, published_by: null, state: 'published' });
  assert.match((await anon(`/events/${slug}`)).body, /Legacy recommendation/);
  const admin = await makeUser(env, 'platform_admin');
  assert.match((await admin.agent.get('/admin/publishing')).body, new RegExp(`/events/${slug}/summary/publishing`));
  assert.equal((await runMonitor(env.database.db, env.config)).withdrawn, 0);
  assert.equal((await step(second, slug, 'second-approval', id)).statusCode, 303);
  assert.match((await author.agent.get(`/events/${slug}/summary/publishing`)).body, /id="publication-state"/);
});
