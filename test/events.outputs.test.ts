// Outputs: the Chair's Summary (ordered conclusions and recommendations), recommendations as follow-up actions with an
// owner and a status, and the draft outcome report compiling sessions, speakers, statements and the summary.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { eq, sql } from 'drizzle-orm';
// The follow-up actions live in the Compact's register (one model): compact_actions, source 'event'.
import { compactActions as eventActions } from '../src/modules/compact/register/register.schema.ts';
import { textIn } from '../src/platform/i18n/text.ts';
import { seedEvents } from '../src/modules/events/index.ts';
import { Agent, dbLabel, makeTestEnv, makeUser, orgId, type TestEnv, type TestUser } from './helper.ts';
import { eventWithSegment, postForm, postUpload, publishSignedSummary } from './events.helpers.ts';

let env: TestEnv;
let coord: TestUser;
let state: TestUser;
const slug = 'outputs-conference';
let sid = '';
before(async () => {
  env = await makeTestEnv();
  await seedEvents(env.database.db, { demo: true });
  coord = await makeUser(env, 'coordinator', { orgSlug: 'unoct' });
  state = await makeUser(env, 'member_state_focal_point', { orgSlug: 'demo-state-arcadia', focalPoint: true });
  sid = await eventWithSegment(env, coord.agent, slug, [await orgId(env, 'unoct')]);
});
after(async () => {
  await env?.close();
});

test(
  "Chair's Summary: ordered items, recommendations become " +
    `follow-up actions that keep their identity (${dbLabel()})`,
  async () => {
    const empty = await postForm(env, coord.agent, `/events/${slug}/summary`, {
      language: 'en',
      conclusions: '',
      recommendations: '  ',
    });
    assert.equal(empty.statusCode, 422);
    assert.match(empty.body, /at least one conclusion or recommendation/);
    const ok = await postForm(env, coord.agent, `/events/${slug}/summary`, {
      language: 'en',
      conclusions: '1. Cooperation on border security is essential.\n2. Human rights are central.',
      recommendations: '- Establish a regional network of practitioners.\n- Hold a follow-up workshop in 2032.',
    });
    assert.equal(ok.statusCode, 303);
    let actions = await env.database.db.select().from(eventActions);
    assert.deepEqual(actions.map((a) => textIn(a.title, 'en')).sort(), [
      'Establish a regional network of practitioners.',
      'Hold a follow-up workshop in 2032.',
    ]);
    // Readers get it once two people have signed it (kind chairs_summary).
    assert.doesNotMatch((await new Agent(env.app).get(`/events/${slug}`)).body, /id="chairs-summary"/);
    await publishSignedSummary(env, slug);
    const page = await new Agent(env.app).get(`/events/${slug}`);
    assert.match(page.body, /<h2 id="chairs-summary">Chair’s Summary<\/h2>/);
    assert.match(
      page.body,
      /<ol><li>Cooperation on border security is essential.<\/li><li>Human rights are central.<\/li><\/ol>/,
    );
    // edit: the first recommendation's text changes (same action), the second goes (its action stays, detached)
    const form = await coord.agent.get(`/events/${slug}/summary`);
    assert.match(form.body, /Establish a regional network of practitioners\.\nHold a follow-up workshop in 2032\./);
    assert.equal(
      (
        await postForm(env, coord.agent, `/events/${slug}/summary`, {
          language: 'en',
          conclusions: 'Cooperation on border security is essential.',
          recommendations: 'Establish a regional network of border practitioners.',
        })
      ).statusCode,
      303,
    );
    const after = await env.database.db.select().from(eventActions);
    assert.equal(after.length, 2);
    const kept = after.find((a) => a.id === actions.find((x) => textIn(x.title, 'en').startsWith('Establish'))!.id)!;
    assert.equal(textIn(kept.title, 'en'), 'Establish a regional network of border practitioners.');
    assert.equal(after.find((a) => textIn(a.title, 'en').startsWith('Hold'))!.sourceItemId, null);
    actions = after;
  },
);

test(`follow-up actions: listed, updated with owner, status and due date, validated (${dbLabel()})`, async () => {
  const list = await coord.agent.get(`/events/${slug}/actions`);
  assert.equal(list.statusCode, 200);
  assert.match(list.body, /no longer in the summary/);
  const [a] = await env.database.db
    .select()
    .from(eventActions)
    .where(sql`${eventActions.title}->'en'->>'text' = 'Establish a regional network of border practitioners.'`);
  const bad = await postForm(env, coord.agent, `/events/${slug}/actions/${a.id}`, {
    ownerOrgId: '',
    status: 'in_progress',
    dueOn: '2032-13-45',
    note: '',
  });
  assert.equal(bad.statusCode, 422);
  assert.match(bad.body, /Choose an owner for an action in progress/);
  const ok = await postForm(env, coord.agent, `/events/${slug}/actions/${a.id}`, {
    ownerOrgId: await orgId(env, 'unodc'),
    status: 'in_progress',
    dueOn: '2032-06-30',
    note: 'Terms of reference drafted.',
  });
  assert.equal(ok.statusCode, 303);
  const [u] = await env.database.db.select().from(eventActions).where(eq(eventActions.id, a.id));
  assert.deepEqual([u.status, u.dueOn], ['in_progress', '2032-06-30']);
  assert.equal((await state.agent.get(`/events/${slug}/actions`)).statusCode, 403);
  assert.equal((await coord.agent.get(`/events/${slug}/actions/00000000-0000-4000-8000-000000000000`)).statusCode, 404);
});

test(
  'the outcome report: a draft compiling sessions, speakers, statements, the summary and actions ' + `(${dbLabel()})`,
  async () => {
    const arcadia = await orgId(env, 'demo-state-arcadia');
    await postForm(env, state.agent, `/events/${slug}/sessions/${sid}/speakers/request`, {
      organizationId: arcadia,
      speakerName: 'Ambassador A. (fictional)',
    });
    await postForm(env, coord.agent, `/events/${slug}/sessions/${sid}/speakers/next`, {});
    await postUpload(env, coord.agent, `/events/${slug}/sessions/${sid}/statements`, {
      organizationId: arcadia,
      speakerName: 'Ambassador A. (fictional)',
      language: 'en',
      body: 'Arcadia supports the network.',
    });
    const r = await coord.agent.get(`/events/${slug}/report`);
    assert.equal(r.statusCode, 200);
    for (const m of [
      /class="draft-mark">Draft/,
      /Outcome report: Conference outputs-conference/,
      /Interactive segment/,
      /1 delegation took the floor: Republic of Arcadia/,
      /Arcadia supports the network\./,
      /Cooperation on border security is essential\./,
      new RegExp(
        /Establish a regional network of border practitioners\.<\/span> — /.source +
          /United Nations Office on Drugs and Crime — In progress/.source,
      ),
    ])
      assert.match(r.body, m);
    assert.match(r.body, /href="\/static\/app.css"/, 'the print rules live in the static stylesheet');
    assert.equal((await new Agent(env.app).get(`/events/${slug}/report`)).statusCode, 303, 'signed out: to sign-in');
    assert.equal((await state.agent.get(`/events/${slug}/report`)).statusCode, 403);
    const ru = await coord.agent.get(`/events/${slug}/report`, { 'accept-language': 'ru' });
    assert.equal(ru.statusCode, 200);
  },
);
