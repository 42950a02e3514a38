// Speakers' list: delegations request the floor (State focal points, accepted participants), the secretariat adds,
// orders, calls the next speaker with a timed statement, marks spoken; the page works without JavaScript and the
// server-sent events stream announces each change.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import { eventSpeakers } from '../src/modules/events/events.schema.ts';
import { seedEvents } from '../src/modules/events/index.ts';
import { floorState } from '../src/modules/events/floor/floor.service.ts';
import { ANONYMOUS } from '../src/platform/auth/policy.ts';
import { Agent, CONFIRMED, dbLabel, makeTestEnv, makeUser, orgId, type TestEnv, type TestUser } from './helper.ts';
import { eventWithSegment, postForm } from './events.helpers.ts';

let env: TestEnv;
let coord: TestUser;
let state: TestUser;
let cso: TestUser;
let sid = '';
const slug = 'floor-test-conference';
const url = () => `/events/${slug}/sessions/${sid}/speakers`;
before(async () => {
  env = await makeTestEnv();
  await seedEvents(env.database.db, { demo: true });
  coord = await makeUser(env, 'coordinator', { orgSlug: 'unoct' });
  state = await makeUser(env, 'member_state_focal_point', { orgSlug: 'demo-state-arcadia', focalPoint: true });
  cso = await makeUser(env, 'cso_representative', { orgSlug: 'demo-coastal-peacebuilders', focalPoint: true });
  sid = await eventWithSegment(env, coord.agent, slug, [await orgId(env, 'unoct')]);
});
after(async () => {
  await env?.close();
});

test(
  'delegations request the floor; the secretariat adds, orders, calls and times statements ' + `(${dbLabel()})`,
  async () => {
    const arcadia = await orgId(env, 'demo-state-arcadia');
    const coastal = await orgId(env, 'demo-coastal-peacebuilders');
    const unodc = await orgId(env, 'unodc');
    const anonPage = await new Agent(env.app).get(url());
    assert.equal(anonPage.statusCode, 200);
    assert.match(anonPage.body, /<script src="\/static\/floor.js" defer><\/script>/);
    // a State's focal point asks for the floor for their State
    assert.equal(
      (
        await postForm(env, state.agent, `${url()}/request`, {
          organizationId: arcadia,
          speakerName: 'Ambassador A. (fictional)',
        })
      ).statusCode,
      303,
    );
    const twice = await postForm(env, state.agent, `${url()}/request`, { organizationId: arcadia });
    assert.equal(twice.statusCode, 409);
    assert.match(twice.body, /already on the list/);
    const other = await postForm(env, state.agent, `${url()}/request`, { organizationId: unodc });
    assert.equal(other.statusCode, 422, 'not their delegation');
    // a CSO representative: only once registered and accepted
    const before = await postForm(env, cso.agent, `${url()}/request`, { organizationId: coastal });
    assert.equal(before.statusCode, 403);
    assert.match(before.body, /neither a Member State focal point nor an accepted participant/);
    assert.equal((await postForm(env, cso.agent, `/events/${slug}/register`, {})).statusCode, 303);
    assert.equal((await postForm(env, cso.agent, `${url()}/request`, { organizationId: coastal })).statusCode, 303);
    // the secretariat adds UNODC and moves it up
    assert.equal(
      (await postForm(env, state.agent, url(), { organizationId: unodc })).statusCode,
      403,
      'only the secretariat adds',
    );
    assert.equal(
      (await postForm(env, coord.agent, url(), { organizationId: unodc, speakerName: 'UNODC representative' }))
        .statusCode,
      303,
    );
    const rows = async () =>
      env.database.db
        .select()
        .from(eventSpeakers)
        .where(eq(eventSpeakers.sessionId, sid))
        .orderBy(eventSpeakers.position);
    const unodcRow = (await rows()).find((r) => r.organizationId === unodc)!;
    assert.equal(
      (await postForm(env, coord.agent, `${url()}/${unodcRow.id}/move`, { direction: 'up' })).statusCode,
      303,
    );
    assert.deepEqual(
      (await rows()).map((r) => r.organizationId),
      [arcadia, unodc, coastal],
    );
    // statement time, then call the next speaker
    const badMinutes = await postForm(env, coord.agent, `${url()}/minutes`, { minutes: '0' });
    assert.equal(badMinutes.statusCode, 422);
    assert.match(badMinutes.body, /whole number from 1 to 60/);
    assert.equal((await postForm(env, coord.agent, `${url()}/minutes`, { minutes: '6' })).statusCode, 303);
    assert.equal((await postForm(env, coord.agent, `${url()}/next`, {})).statusCode, 303);
    let r = await rows();
    assert.equal(r[0].status, 'speaking');
    assert.equal(r[0].allowedMinutes, 6);
    const page = await new Agent(env.app).get(url());
    assert.match(page.body, /Speaking now/);
    assert.match(page.body, /Republic of Arcadia \(fictional, demo\)<\/strong>/);
    assert.match(page.body, /Started [^<]+, 6 minutes, until /);
    assert.match(page.body, /data-ends-at="[^"]+"/);
    assert.equal((await postForm(env, coord.agent, `${url()}/next`, {})).statusCode, 303);
    r = await rows();
    assert.deepEqual(
      r.map((x) => x.status),
      ['spoken', 'speaking', 'waiting'],
    );
    assert.equal((await postForm(env, coord.agent, `${url()}/${r[1].id}/spoken`, {})).statusCode, 303);
    // the CSO withdraws its own request; then the list is empty
    assert.equal(
      (await postForm(env, cso.agent, `${url()}/${r[2].id}/withdraw`, { confirmed: 'yes' })).statusCode,
      303,
    );
    const empty = await postForm(env, coord.agent, `${url()}/next`, {});
    assert.equal(empty.statusCode, 409);
    assert.match(empty.body, /The list is empty/);
    const api = await env.app.inject({
      method: 'GET',
      url: `/api/v1/events/${slug}/sessions/${sid}/speakers`,
      headers: { accept: 'application/json' },
    });
    assert.equal(api.statusCode, 200);
    const body = api.json() as {
      statementMinutes: number;
      speakers: { status: string; allowedMinutes: number | null; endsAt: string | null }[];
    };
    assert.equal(body.statementMinutes, 6);
    assert.deepEqual(
      body.speakers.map((x) => x.status),
      ['spoken', 'spoken'],
      'withdrawn requests are left out',
    );
    assert.ok(body.speakers[0].endsAt);
    // The list is read without its withdrawn requests, not loaded whole and filtered: a session where delegations
    // asked and withdrew all day long reads only what it shows (the soak found a list read growing by the minute).
    const st = await floorState({ db: env.database.db, actor: ANONYMOUS, config: env.config }, slug, sid);
    assert.deepEqual(
      st.rows.map((x) => x.status),
      ['spoken', 'spoken'],
    );
    const room = await new Agent(env.app).get(`/events/${slug}/sessions/${sid}/room`, { 'accept-language': 'ar' });
    assert.equal(room.statusCode, 200);
    assert.match(room.body, /dir="rtl"/);
    assert.equal(
      (await new Agent(env.app).get(`/events/${slug}/sessions/00000000-0000-4000-8000-000000000000/speakers`))
        .statusCode,
      404,
    );
  },
);

/** The app's port (listening from the first call on). */
async function serverPort(): Promise<number> {
  if (!env.app.server.listening) await env.app.listen({ port: 0, host: '127.0.0.1' });
  return (env.app.server.address() as { port: number }).port;
}
const listSeq = async () =>
  Number(
    (await env.database.query<{ n: string }>('select floor_seq::text as n from event_sessions where id = $1', [sid]))[0]
      .n,
  );
/** Reads a stream until its text matches (or 5 seconds pass); returns all read. */
async function readUntil(reader: ReadableStreamDefaultReader<Uint8Array>, pattern: RegExp): Promise<string> {
  let got = '';
  const deadline = Date.now() + 5000;
  while (!pattern.test(got) && Date.now() < deadline) {
    const chunk = await reader.read();
    if (chunk.done) break;
    got += new TextDecoder().decode(chunk.value);
  }
  return got;
}

test(`server-sent events: the stream announces a change of the list (${dbLabel()})`, async () => {
  const port = await serverPort();
  const ac = new AbortController();
  const res = await fetch(`http://127.0.0.1:${port}${url()}/stream`, { signal: ac.signal });
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type') ?? '', /text\/event-stream/);
  const reader = res.body!.getReader();
  const first = new TextDecoder().decode((await reader.read()).value);
  assert.match(first, /retry: 5000/);
  await postForm(env, coord.agent, url(), { organizationId: await orgId(env, 'unodc') });
  let got = '';
  const deadline = Date.now() + 5000;
  while (!/event: change/.test(got) && Date.now() < deadline)
    got += new TextDecoder().decode((await reader.read()).value);
  const seq = await listSeq();
  assert.match(got, new RegExp(`event: change\\nid: ${seq}\\ndata: \\{"session":"${sid}","seq":${seq}\\}`));
  ac.abort();
  const none = await fetch(`http://127.0.0.1:${port}/events/${slug}/sessions/not-a-session/speakers/stream`);
  assert.equal(none.status, 404);
});

test(`server-sent events: a client that comes back gets what it missed, once (${dbLabel()})`, async () => {
  const port = await serverPort();
  const stream = `http://127.0.0.1:${port}${url()}/stream`;
  const seen = await listSeq();
  // The page names the number it shows, for the stream's first connection.
  assert.match(
    (await new Agent(env.app).get(`/events/${slug}/sessions/${sid}/room`)).body,
    new RegExp(`since=${seen}`),
  );
  // A change while the client is away…
  assert.equal(
    (await postForm(env, coord.agent, url(), { organizationId: await orgId(env, 'unoct') })).statusCode,
    303,
  );
  const missed = await listSeq();
  assert.equal(missed, seen + 1);
  for (const how of [{ headers: { 'last-event-id': String(seen) } }, { query: `?since=${seen}` }]) {
    const ac = new AbortController();
    const res = await fetch(stream + (how.query ?? ''), { signal: ac.signal, headers: how.headers ?? {} });
    assert.equal(res.status, 200);
    // …comes as one change event at once, with the current number as its id.
    const got = await readUntil(res.body!.getReader(), /event: change/);
    assert.match(got, new RegExp(`event: change\\nid: ${missed}\\n`), JSON.stringify(how));
    ac.abort();
  }
  // Up to date: no event until the next change, which comes with the next number (nothing sent twice).
  const ac = new AbortController();
  const res = await fetch(stream, { signal: ac.signal, headers: { 'last-event-id': String(missed) } });
  const reader = res.body!.getReader();
  assert.doesNotMatch(await readUntil(reader, /retry: 5000/), /event: change/);
  const row = (await env.database.db.select().from(eventSpeakers).where(eq(eventSpeakers.sessionId, sid))).find(
    (r) => r.status === 'waiting',
  )!;
  assert.equal((await postForm(env, coord.agent, `${url()}/${row.id}/withdraw`, CONFIRMED)).statusCode, 303);
  const got = await readUntil(reader, /event: change/);
  assert.match(got, new RegExp(`event: change\\nid: ${missed + 1}\\n`));
  assert.equal(got.match(/event: change/g)?.length, 1);
  ac.abort();
});

test(`a speaker's name with an override or look-alike letters is refused, nothing stored (${dbLabel()})`, async () => {
  const count = async () =>
    (await env.database.db.select().from(eventSpeakers).where(eq(eventSpeakers.sessionId, sid))).length;
  const n = await count();
  const unodc = await orgId(env, 'unodc');
  const rlo = await postForm(env, coord.agent, url(), { organizationId: unodc, speakerName: 'Ann \u202Eevil' });
  assert.equal(rlo.statusCode, 422);
  assert.match(rlo.body, /error-summary[\s\S]*U\+202E/);
  const look = await postForm(env, state.agent, `${url()}/request`, {
    organizationId: await orgId(env, 'demo-state-arcadia'),
    speakerName: 'UN\u041E\u0421\u0422 delegate',
  });
  assert.equal(look.statusCode, 422);
  assert.equal(await count(), n);
});
