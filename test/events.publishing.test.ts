// An event's public text under the two-signature workflow: one coordinator alone cannot publish it; its author cannot
// approve it; an edit voids the approval; after publication an edit is a new draft and every public reading (page,
// listing, iCalendar, all-events feed, JSON API) keeps the signed text; a row tampered with by SQL is withdrawn by one
// monitor run; the defacement corpus submitted as event text is refused; events published before the workflow are
// recorded by the system, flagged until a second approval.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { loadActor } from '../src/modules/access/access.service.ts';
import { FindingsError, runMonitor, saveDraft, type PublicContent } from '../src/modules/publishing/index.ts';
import { adoptPublishedEvents, ADOPTION_REASON } from '../src/modules/events/index.ts';
import { rebuildSearchIndex } from '../src/modules/search/index.ts';
import { runEventStep } from '../src/modules/events/publication/publication.service.ts';
import type { UserActor } from '../src/platform/auth/policy.ts';
import { DEFACEMENT_CORPUS, INJECTED } from './fixtures/defacement.ts';
import { tokenOf } from './api.helpers.ts';
import { dbLabel, makeTestEnv, makeUser, orgId, type TestEnv, type TestUser } from './helper.ts';
import { eventForm, postForm } from './events.helpers.ts';

let env: TestEnv;
let author: TestUser; // coordinator
let second: TestUser; // another coordinator
let focal: TestUser; // the organizing entity's focal point
let unoct: string;
const label = dbLabel();

const rowsOf = <T>(r: unknown): T[] => ((r as { rows?: T[] }).rows ?? (r as T[])) as T[];
const q = async <T = Record<string, unknown>>(s: ReturnType<typeof sql>) => rowsOf<T>(await env.database.db.execute(s));
const actorOf = async (u: TestUser): Promise<UserActor> =>
  (await loadActor(env.database.db, u.id, 'session', true, []))!.actor as UserActor;
const anon = (url: string) => env.app.inject({ method: 'GET', url });

before(async () => {
  env = await makeTestEnv();
  unoct = await orgId(env, 'unoct');
  author = await makeUser(env, 'coordinator', { orgSlug: 'unoct' });
  second = await makeUser(env, 'coordinator', { orgSlug: 'unoct' });
  focal = await makeUser(env, 'entity_focal_point', { orgSlug: 'unoct', focalPoint: true });
});
after(async () => env?.close());

let n = 0;
async function create(by: TestUser, o: Record<string, string> = {}) {
  const slug = `signed-event-${++n}-${label}`;
  const res = await postForm(env, by.agent, '/events', {
    ...eventForm(slug, [unoct], { title_en: `Signed conference ${n}`, venue: 'Fictional Hall', ...o }),
  });
  assert.equal(res.statusCode, 303, res.body.slice(0, 2000));
  const [{ id }] = await q<{ id: string }>(sql`select id from events where slug = ${slug}`);
  return { slug, id };
}

const latest = async (id: string) =>
  (
    await q<{ id: string; sha256: string; state: string; number: number }>(
      sql`select id, sha256, state, number from publishing_revisions where subject_kind = 'event'
        and subject_id = ${id} order by number desc limit 1`,
    )
  )[0];

const step = async (u: TestUser, slug: string, path: string, id: string, extra: Record<string, string> = {}) => {
  const r = await latest(id);
  return postForm(env, u.agent, `/events/${slug}/publishing/${path}`, { revision: r.id, sha256: r.sha256, ...extra });
};

async function publishTwo(slug: string, id: string) {
  assert.equal((await step(author, slug, 'submit', id)).statusCode, 303);
  assert.equal((await step(second, slug, 'approve', id)).statusCode, 303);
  assert.equal((await step(author, slug, 'publish', id)).statusCode, 303);
}

test(`one coordinator alone cannot publish an event; the author cannot approve; another can (${label})`, async () => {
  const { slug, id } = await create(author);
  assert.equal((await latest(id)).state, 'draft');
  // Saved as "published" on the form, yet nothing is public before two signatures.
  assert.equal((await anon(`/events/${slug}`)).statusCode, 404);
  assert.doesNotMatch((await anon('/events')).body, new RegExp(slug));
  // The old one-step publication is refused.
  assert.equal((await postForm(env, author.agent, `/events/${slug}/publish`, {})).statusCode, 409);
  const review = await author.agent.get(`/events/${slug}/publishing`);
  assert.equal(review.statusCode, 200);
  assert.match(review.body, /id="submit-revision"/);
  assert.equal((await step(author, slug, 'submit', id)).statusCode, 303);
  assert.equal((await latest(id)).state, 'submitted');
  // The author cannot approve (page and API), nor publish a revision nobody approved.
  assert.equal((await step(author, slug, 'approve', id)).statusCode, 403);
  assert.equal((await step(author, slug, 'publish', id)).statusCode, 409);
  const api = await env.app.inject({
    method: 'POST',
    url: `/api/v1/events/${id}/publishing/approve`,
    headers: { authorization: `Bearer ${await tokenOf(env, author)}` },
    payload: { revision: (await latest(id)).id, sha256: (await latest(id)).sha256 },
  });
  assert.equal(api.statusCode, 403);
  assert.equal((await anon(`/events/${slug}`)).statusCode, 404);
  // A second coordinator approves the exact hash; then it is published and public.
  const ok = await env.app.inject({
    method: 'POST',
    url: `/api/v1/events/${id}/publishing/approve`,
    headers: { authorization: `Bearer ${await tokenOf(env, second)}` },
    payload: { revision: (await latest(id)).id, sha256: (await latest(id)).sha256 },
  });
  assert.equal(ok.statusCode, 200, ok.body);
  assert.equal(ok.json().state, 'approved');
  assert.equal((await step(author, slug, 'publish', id)).statusCode, 303);
  assert.equal((await latest(id)).state, 'published');
  const page = await anon(`/events/${slug}`);
  assert.equal(page.statusCode, 200);
  assert.match(page.body, new RegExp(`Signed conference ${n}`));
  const [audit] = await q<{ n: number }>(
    sql`select count(*)::int as n from audit_log
      where action = 'publishing.published' and target_id = ${(await latest(id)).id}`,
  );
  assert.equal(audit.n, 1);
});

test(`an organizing entity's focal point submits; only a publisher approves and publishes (${label})`, async () => {
  const { slug, id } = await create(focal);
  assert.equal((await step(focal, slug, 'submit', id)).statusCode, 303);
  assert.equal((await step(focal, slug, 'approve', id)).statusCode, 403);
  assert.equal((await step(second, slug, 'approve', id)).statusCode, 303);
  assert.equal((await step(focal, slug, 'publish', id)).statusCode, 403);
  assert.equal((await step(second, slug, 'publish', id)).statusCode, 303);
  assert.equal((await anon(`/events/${slug}`)).statusCode, 200);
});

test(`an edit voids the approval; after publication readers keep the signed text everywhere (${label})`, async () => {
  const { slug, id } = await create(author);
  assert.equal((await step(author, slug, 'submit', id)).statusCode, 303);
  assert.equal((await step(second, slug, 'approve', id)).statusCode, 303);
  const approved = await latest(id);
  // An edit of the approved text: back to draft, the approval void, publishing it refused.
  const edit = await postForm(env, author.agent, `/events/${slug}/edit`, {
    ...eventForm(slug, [unoct], { title_en: `Signed conference ${n} (edited)`, venue: 'Fictional Hall' }),
  });
  assert.equal(edit.statusCode, 303, edit.body.slice(0, 1000));
  const draft = await latest(id);
  assert.equal(draft.state, 'draft');
  assert.equal(draft.id, approved.id);
  assert.notEqual(draft.sha256, approved.sha256);
  assert.equal(
    (
      await postForm(env, author.agent, `/events/${slug}/publishing/publish`, {
        revision: approved.id,
        sha256: approved.sha256,
      })
    ).statusCode,
    409,
  );
  await publishTwo(slug, id);
  // After publication: an edit is a new draft; the page, listing, iCalendar, feed and API keep the signed text.
  const after = await postForm(env, author.agent, `/events/${slug}/edit`, {
    ...eventForm(slug, [unoct], { title_en: 'Unsigned replacement title', venue: 'Unsigned Hall' }),
  });
  assert.equal(after.statusCode, 303);
  const next = await latest(id);
  assert.equal(next.state, 'draft');
  assert.equal(next.number, 2);
  const readings = [
    await anon(`/events/${slug}`),
    await anon('/events'),
    await anon(`/events/${slug}/calendar.ics`),
    await anon('/events/calendar.ics'),
    await anon(`/api/v1/events/${slug}`),
    await anon('/api/v1/events'),
  ];
  for (const r of readings) {
    assert.equal(r.statusCode, 200, r.body.slice(0, 300));
    assert.doesNotMatch(r.body, /Unsigned replacement title|Unsigned Hall/);
    assert.match(r.body, /\(edited\)/);
  }
  // Search too: the event is indexed as signed, so the unsigned title is neither found nor shown.
  const unsigned = await anon(`/api/v1/search?q=${encodeURIComponent('Unsigned replacement title')}`);
  assert.equal(unsigned.json().total, 0, 'the unsigned title is not found');
  const signedHits = await anon(`/api/v1/search?q=${encodeURIComponent(`Signed conference ${n}`)}`);
  assert.ok(signedHits.body.includes(`/events/${slug}`), 'found by its signed title');
  assert.doesNotMatch(signedHits.body, /Unsigned replacement title|Unsigned Hall/);
  // An edit of dates alone starts no new revision.
  await publishTwo(slug, id);
  const dates = await postForm(env, author.agent, `/events/${slug}/edit`, {
    ...eventForm(slug, [unoct], { title_en: 'Unsigned replacement title', venue: 'Unsigned Hall', capacity: '40' }),
  });
  assert.equal(dates.statusCode, 303);
  assert.equal((await latest(id)).state, 'published');
  assert.match((await anon(`/events/${slug}`)).body, /Unsigned replacement title/);
});

test(`"${INJECTED}" in a published event's text by SQL: withdrawn in one monitor run (${label})`, async () => {
  const { slug, id } = await create(author, { title_en: 'Tamper target' });
  await publishTwo(slug, id);
  const clean = await runMonitor(env.database.db, env.config);
  assert.equal(clean.withdrawn, 0);
  const r = await latest(id);
  await env.database.db.execute(sql`update publishing_revisions
    set content = jsonb_set(content, '{text,title,en,text}', to_jsonb(${`Tamper ${INJECTED}target`}::text))
    where id = ${r.id}`);
  // Before the monitor runs, readers already get nothing that does not verify.
  assert.doesNotMatch((await anon(`/events/${slug}`)).body, new RegExp(INJECTED));
  const run = await runMonitor(env.database.db, env.config);
  assert.equal(run.withdrawn, 1);
  assert.equal((await latest(id)).state, 'withdrawn');
  const page = await anon(`/events/${slug}`);
  assert.doesNotMatch(page.body, new RegExp(INJECTED));
  assert.equal(page.statusCode, 404);
  assert.doesNotMatch((await anon('/events')).body, new RegExp(INJECTED));
  assert.doesNotMatch((await anon('/events/calendar.ics')).body, new RegExp(INJECTED));
  // Search neither: with nothing signed that verifies, readers get no hit of the event, not even of its row's text
  // (which no one signed) after the index is rebuilt from the rows.
  await env.database.db.execute(sql`update events set title = jsonb_set(title, '{en,text}',
    to_jsonb(${`Tamper ${INJECTED} quillworts`}::text)) where id = ${id}`);
  await rebuildSearchIndex(env.database.db);
  for (const word of ['quillworts', 'Tamper target', INJECTED]) {
    const found = await anon(`/api/v1/search?q=${encodeURIComponent(word)}`);
    assert.equal(found.statusCode, 200);
    assert.doesNotMatch(found.body, new RegExp(`/events/${slug}`), word);
  }
});

test(`a publisher withdraws a published event page, with a reason and a confirmation (${label})`, async () => {
  const { slug, id } = await create(author, { title_en: 'Withdrawal target' });
  await publishTwo(slug, id);
  assert.equal((await anon(`/events/${slug}`)).statusCode, 200);
  const searched = async () => (await anon(`/api/v1/search?q=${encodeURIComponent('Withdrawal target')}`)).body;
  assert.match(await searched(), new RegExp(`/events/${slug}`), 'published: found');
  const page = await author.agent.get(`/events/${slug}/publishing`);
  assert.match(page.body, /id="withdraw-revision"/);
  // The organizing entity's focal point may author, not withdraw: no button, and the step is refused.
  assert.doesNotMatch((await focal.agent.get(`/events/${slug}/publishing`)).body, /id="withdraw-revision"/);
  const r = await latest(id);
  const form = { revision: r.id, sha256: r.sha256, reason: 'Wrong venue published' };
  assert.equal(
    (await postForm(env, focal.agent, `/events/${slug}/publishing/withdraw`, { ...form, confirmed: 'yes' })).statusCode,
    403,
  );
  // Without the confirmation: sent to the confirmation page, nothing changed.
  const unconfirmed = await postForm(env, author.agent, `/events/${slug}/publishing/withdraw`, form);
  assert.equal(unconfirmed.statusCode, 303);
  assert.match(String(unconfirmed.headers.location), new RegExp(`^/events/${slug}/publishing/withdraw\\?`));
  const confirm = await author.agent.get(String(unconfirmed.headers.location));
  assert.equal(confirm.statusCode, 200);
  assert.match(confirm.body, /Wrong venue published/);
  assert.equal((await latest(id)).state, 'published');
  // A reason is required.
  const empty = await postForm(env, author.agent, `/events/${slug}/publishing/withdraw`, {
    ...form,
    reason: '',
    confirmed: 'yes',
  });
  assert.equal(empty.statusCode, 422);
  assert.equal((await latest(id)).state, 'published');
  const done = await postForm(env, author.agent, `/events/${slug}/publishing/withdraw`, { ...form, confirmed: 'yes' });
  assert.equal(done.statusCode, 303, done.body.slice(0, 500));
  assert.equal((await latest(id)).state, 'withdrawn');
  // Off line for readers (page, listing, API, calendar); its organizers still reach it.
  assert.equal((await anon(`/events/${slug}`)).statusCode, 404);
  assert.equal((await anon(`/api/v1/events/${slug}`)).statusCode, 404);
  assert.doesNotMatch((await anon('/events')).body, /Withdrawal target/);
  assert.doesNotMatch((await anon('/events/calendar.ics')).body, /Withdrawal target/);
  // Out of search at once: the withdrawal indexed its passages again, unlisted, in its own transaction.
  assert.doesNotMatch(await searched(), new RegExp(`/events/${slug}`), 'withdrawn: not found');
  assert.equal((await author.agent.get(`/events/${slug}/publishing`)).statusCode, 200);
  const audit = await q<{ n: number }>(sql`select count(*)::int as n from audit_log
    where action = 'publishing.withdrawn' and details->>'subjectId' = ${id}`);
  assert.equal(audit[0].n, 1);
  // A new revision, signed by two people, brings it back.
  const edit = await postForm(env, author.agent, `/events/${slug}/edit`, {
    ...eventForm(slug, [unoct], { title_en: 'Withdrawal target, corrected', venue: 'Fictional Hall' }),
  });
  assert.equal(edit.statusCode, 303);
  await publishTwo(slug, id);
  assert.match((await anon(`/events/${slug}`)).body, /Withdrawal target, corrected/);
  assert.match(await searched(), new RegExp(`/events/${slug}`), 'published again: found');
  // With a newer draft open, what is withdrawn is the revision readers get (the form names it), not the draft.
  await postForm(env, author.agent, `/events/${slug}/edit`, {
    ...eventForm(slug, [unoct], { title_en: 'Withdrawal target, next draft', venue: 'Fictional Hall' }),
  });
  const draft = await latest(id);
  assert.equal(draft.state, 'draft');
  const live = (
    await q<{ id: string; sha256: string }>(sql`select id, sha256 from publishing_revisions
      where subject_kind = 'event' and subject_id = ${id} and state = 'published'`)
  )[0];
  const body = (await author.agent.get(`/events/${slug}/publishing`)).body;
  assert.match(body, new RegExp(`name="revision" value="${live.id}"`));
  const again = await postForm(env, author.agent, `/events/${slug}/publishing/withdraw`, {
    revision: live.id,
    sha256: live.sha256,
    reason: 'Taken down again',
    confirmed: 'yes',
  });
  assert.equal(again.statusCode, 303);
  assert.equal((await anon(`/events/${slug}`)).statusCode, 404);
  assert.equal((await latest(id)).state, 'draft', 'the open draft is untouched');
  // The JSON API: published again, then withdrawn by a publisher with a reason.
  await publishTwo(slug, id);
  const pub = await latest(id);
  const token = await tokenOf(env, author);
  const api = (reason?: string) =>
    env.app.inject({
      method: 'POST',
      url: `/api/v1/events/${id}/publishing/withdraw`,
      headers: { authorization: `Bearer ${token}` },
      payload: { revision: pub.id, sha256: pub.sha256, reason },
    });
  assert.equal((await api()).statusCode, 422);
  const viaApi = await api('Withdrawn through the API');
  assert.equal(viaApi.statusCode, 200, viaApi.body);
  assert.equal(viaApi.json().state, 'withdrawn');
  assert.equal((await anon(`/events/${slug}`)).statusCode, 404);
});

test(`every entry of the defacement corpus submitted as event text is refused (${label})`, async () => {
  const { slug, id } = await create(author);
  const ctx = { db: env.database.db, config: env.config, actor: await actorOf(author) };
  let refused = 0;
  for (const c of DEFACEMENT_CORPUS) {
    const content: PublicContent = {
      text: { title: { [c.lang]: { text: c.text, status: 'original' } }, summary: {}, description: {} },
      values: { venue: '' },
    };
    const r = await saveDraft(ctx, { kind: 'event', id }, content);
    await assert.rejects(
      runEventStep(ctx, slug, 'submit', { revisionId: r.id, sha256: r.sha256 }),
      (e) => e instanceof FindingsError,
      c.name,
    );
    assert.equal((await latest(id)).state, 'draft', c.name);
    refused++;
  }
  assert.equal(refused, DEFACEMENT_CORPUS.length);
  // On the page: the findings shown in place, the submission answered 422.
  const res = await step(author, slug, 'submit', id);
  assert.equal(res.statusCode, 422);
  assert.match(res.body, /class="finding"/);
});

test(`events published before the workflow: recorded by the system, flagged until approved (${label})`, async () => {
  const slug = `legacy-${label}`;
  await env.database.query(
    'insert into events (slug, type, title, format, time_zone, starts_at, ends_at, status) values ' +
      `($1, 'briefing', '{"en":{"text":"Legacy briefing","status":"original"}}', 'virtual', 'UTC', $2, $3, ` +
      `'published')`,
    [slug, new Date('2030-01-01T10:00:00Z'), new Date('2030-01-01T11:00:00Z')],
  );
  assert.equal((await anon(`/events/${slug}`)).statusCode, 404);
  assert.ok((await adoptPublishedEvents(env.database.db)) >= 1);
  assert.equal(await adoptPublishedEvents(env.database.db), 0, 'idempotent');
  const [{ id }] = await q<{ id: string }>(sql`select id from events where slug = ${slug}`);
  const r = (
    await q<{ forced: boolean; force_reason: string; published_by: string | null; state: string }>(
      sql`select forced, force_reason, published_by, state from publishing_revisions where subject_id = ${id}`,
    )
  )[0];
  assert.deepEqual(r, { forced: true, force_reason: ADOPTION_REASON, published_by: null, state: 'published' });
  assert.match((await anon(`/events/${slug}`)).body, /Legacy briefing/);
  const admin = await makeUser(env, 'platform_admin');
  assert.match((await admin.agent.get('/admin/publishing')).body, /Legacy briefing/);
  assert.equal((await runMonitor(env.database.db, env.config)).withdrawn, 0);
  assert.equal((await step(second, slug, 'second-approval', id)).statusCode, 303);

  // A draft written before the workflow has no revision: its publishing page offers the row's text for submission.
  const draft = `legacy-draft-${label}`;
  await env.database.query(
    'insert into events (slug, type, title, format, time_zone, starts_at, ends_at, status) values ' +
      `($1, 'briefing', '{"en":{"text":"Legacy draft","status":"original"}}', 'virtual', 'UTC', $2, $3, 'draft')`,
    [draft, new Date('2030-01-02T10:00:00Z'), new Date('2030-01-02T11:00:00Z')],
  );
  const [{ id: draftId }] = await q<{ id: string }>(sql`select id from events where slug = ${draft}`);
  await env.database.query(
    `insert into event_organizers (event_id, organization_id, role) values ($1, $2, 'organizer')`,
    [draftId, unoct],
  );
  assert.equal(await adoptPublishedEvents(env.database.db), 0, 'a draft is not adopted');
  const pageOf = await author.agent.get(`/events/${draft}/publishing`);
  assert.match(pageOf.body, /id="submit-revision"/);
  const sha = /name="sha256" value="([0-9a-f]{64})"/.exec(pageOf.body)![1];
  const sub = await postForm(env, author.agent, `/events/${draft}/publishing/submit`, { revision: '', sha256: sha });
  assert.equal(sub.statusCode, 303, sub.body.slice(0, 500));
  assert.equal((await latest(draftId)).state, 'submitted');
});
