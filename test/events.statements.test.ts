// Statements: recorded by the secretariat (anyone) or a delegation (itself), text and/or PDF; the archive's filters and
// search; statements of events a reader may not see stay hidden (also their files).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { eventStatements } from '../src/modules/events/events.schema.ts';
import { seedEvents } from '../src/modules/events/index.ts';
import { Agent, dbLabel, makeTestEnv, makeUser, orgId, type TestEnv, type TestUser } from './helper.ts';
import { PDF, eventWithSegment, postUpload } from './events.helpers.ts';

let env: TestEnv;
let coord: TestUser;
let state: TestUser;
let sid = '';
let hiddenSid = '';
before(async () => {
  env = await makeTestEnv();
  await seedEvents(env.database.db, { demo: true });
  coord = await makeUser(env, 'coordinator', { orgSlug: 'unoct' });
  state = await makeUser(env, 'member_state_focal_point', { orgSlug: 'demo-state-arcadia', focalPoint: true });
  const unoct = await orgId(env, 'unoct');
  sid = await eventWithSegment(env, coord.agent, 'statements-conference', [unoct]);
  hiddenSid = await eventWithSegment(env, coord.agent, 'statements-closed-meeting', [unoct], { visibility: 'invited' });
});
after(async () => {
  await env?.close();
});

test(
  'record statements: text and/or a checked file, on behalf ' +
    `of an organization, nothing stored in part (${dbLabel()})`,
  async () => {
    const arcadia = await orgId(env, 'demo-state-arcadia');
    const unodc = await orgId(env, 'unodc');
    const url = `/events/statements-conference/sessions/${sid}/statements`;
    assert.equal((await coord.agent.get(`${url}/new`)).statusCode, 200);
    const ok = await postUpload(env, coord.agent, url, {
      organizationId: unodc,
      speakerName: 'UNODC representative',
      language: 'en',
      body: 'We support regional cooperation on border security.',
    });
    assert.equal(ok.statusCode, 303, ok.body.slice(0, 400));
    const mine = await postUpload(
      env,
      state.agent,
      url,
      {
        organizationId: arcadia,
        speakerName: 'Ambassador of Arcadia (fictional)',
        language: 'fr',
        body: 'La coopération judiciaire est essentielle.',
      },
      { name: 'statement.pdf', data: PDF },
    );
    assert.equal(mine.statusCode, 303, mine.body.slice(0, 400));
    const notMine = await postUpload(env, state.agent, url, {
      organizationId: unodc,
      speakerName: 'X',
      language: 'en',
      body: 'x',
    });
    assert.equal(notMine.statusCode, 422);
    assert.match(notMine.body, /your own delegation/);
    const empty = await postUpload(
      env,
      coord.agent,
      url,
      { organizationId: unodc, speakerName: '', language: 'xx', body: '' },
      { name: 'fake.docx', data: Buffer.from('plain text') },
    );
    assert.equal(empty.statusCode, 422);
    assert.match(empty.body, /Fill in this field/);
    assert.match(empty.body, /not a DOCX file/);
    assert.match(empty.body, /Choose one of the options/);
    assert.equal((await env.database.db.select().from(eventStatements)).length, 2);
    const cso = await makeUser(env, 'cso_representative', { orgSlug: 'demo-coastal-peacebuilders', focalPoint: true });
    assert.equal(
      (await cso.agent.get(`${url}/new`)).statusCode,
      403,
      'neither secretariat nor a delegation of the event',
    );
    await postUpload(env, coord.agent, `/events/statements-closed-meeting/sessions/${hiddenSid}/statements`, {
      organizationId: unodc,
      speakerName: 'Closed',
      language: 'en',
      body: 'Confidential remarks of a closed meeting.',
    });
  },
);

test(`the archive: filters, search, visibility by the event's rules (${dbLabel()})`, async () => {
  const anon = new Agent(env.app);
  const all = await anon.get('/events/statements');
  assert.equal(all.statusCode, 200);
  assert.match(all.body, /2 statements/);
  assert.doesNotMatch(all.body, /Confidential remarks/, 'an invited-only event stays hidden');
  assert.match((await coord.agent.get('/events/statements')).body, /3 statements/);
  const fr = await anon.get('/events/statements?lang=fr');
  assert.match(fr.body, /1 statement\b/);
  assert.match(fr.body, /La coopération judiciaire/);
  const q = await anon.get('/events/statements?q=BORDER');
  assert.match(q.body, /regional cooperation on border security/);
  assert.doesNotMatch(q.body, /coopération judiciaire/);
  const org = await anon.get(
    `/events/statements?org=${await orgId(env, 'demo-state-arcadia')}&event=statements-conference&session=${sid}`,
  );
  assert.match(org.body, /1 statement\b/);
  assert.match(org.body, /name="session"/, 'sessions of the chosen event');
  assert.equal((await anon.get('/events/statements?lang=xx')).statusCode, 400);
  const file = /\/events\/statements\/([0-9a-f-]{36})\/file/.exec(fr.body)![1];
  const dl = await anon.get(`/events/statements/${file}/file`);
  assert.equal(dl.statusCode, 200);
  assert.equal(dl.headers['content-type'], 'application/pdf');
  const api = await env.app.inject({
    method: 'GET',
    url: '/api/v1/events/statements?lang=fr',
    headers: { accept: 'application/json' },
  });
  assert.equal(api.statusCode, 200);
  const j = api.json() as { total: number; data: { speakerName: string; file: string | null }[] };
  assert.equal(j.total, 1);
  assert.match(j.data[0].file ?? '', /\/events\/statements\/[0-9a-f-]{36}\/file$/);
  assert.equal(
    (
      await env.app.inject({ method: 'GET', url: '/api/v1/events/statements', headers: { accept: 'application/json' } })
    ).json().total,
    2,
    'anonymous: the invited-only event stays hidden',
  );
  const ar = await anon.get('/events/statements', { 'accept-language': 'ar' });
  assert.match(ar.body, /بيانان/, 'Arabic dual');
  const ru = await anon.get('/events/statements', { 'accept-language': 'ru' });
  assert.match(ru.body, /2 выступления/);
});
