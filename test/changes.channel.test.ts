// The change channel (platform/changes): an announcement made in a transaction is heard when it commits and never when
// it rolls back; payloads are bounded; on PostgreSQL, a lost listening connection is reconnected, subscribers hear it
// stop and start, and a change made meanwhile still reaches an open room-view stream.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { announce, type Change } from '../src/platform/changes/changes.ts';
import { CONFIRMED, dbLabel, makeTestEnv, makeUser, orgId, type TestEnv, type TestUser } from './helper.ts';
import { eventWithSegment, postForm } from './events.helpers.ts';

let env: TestEnv;
let coord: TestUser;
before(async () => {
  env = await makeTestEnv();
  coord = await makeUser(env, 'coordinator', { orgSlug: 'unoct' });
});
after(async () => {
  await env?.close();
});

/** Resolves with the first message of the topic that `match` accepts, or null after `ms`. */
function heard(topic: string, match: (c: Change) => boolean, ms: number): Promise<Change | null> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      off();
      resolve(null);
    }, ms);
    const off = env.app.platform.changes.subscribe(topic, (c) => {
      if (!match(c)) return;
      clearTimeout(timer);
      off();
      resolve(c);
    });
  });
}

test(`an announcement is heard when its transaction commits, never when it rolls back (${dbLabel()})`, async () => {
  assert.equal(env.app.platform.changes.live, true);
  const db = env.database.db;
  const rolledBack = heard('test', (c) => c.n === 1, 300);
  await assert.rejects(
    db.transaction(async (tx) => {
      await announce(tx, { t: 'test', n: 1 });
      throw new Error('rolled back');
    }),
    /rolled back/,
  );
  assert.equal(await rolledBack, null);
  const committed = heard('test', (c) => c.n === 2, 2000);
  await db.transaction(async (tx) => {
    await announce(tx, { t: 'test', n: 2 });
  });
  assert.deepEqual(await committed, { t: 'test', n: 2 });
  await assert.rejects(announce(db, { t: 'test', text: 'x'.repeat(8000) }), /too long/);
});

test(`concurrent announcements of one message share a NOTIFY, each sent after its callers (${dbLabel()})`, async () => {
  const { changes } = env.app.platform;
  const sent: number[] = [];
  const query = env.database.query.bind(env.database);
  let calls = 0;
  // Counts the NOTIFYs the channel sends (the database is the real one; only counted on the way).
  env.database.query = ((text: string, params?: unknown[]) => {
    if (text.startsWith('select pg_notify')) sent.push(calls++);
    return query(text, params);
  }) as typeof env.database.query;
  try {
    const n = 30;
    await Promise.all(Array.from({ length: n }, () => changes.publish({ t: 'test-shared' })));
    assert.ok(sent.length >= 1 && sent.length <= 2, `${n} concurrent announcements: ${sent.length} NOTIFY`);
    // One made after those were answered is sent anew: nothing is answered by a NOTIFY that left before it was made.
    const before = sent.length;
    await changes.publish({ t: 'test-shared' });
    assert.equal(sent.length, before + 1);
    // Other messages are not folded together.
    await Promise.all([changes.publish({ t: 'test-a' }), changes.publish({ t: 'test-b' })]);
    assert.equal(sent.length, before + 3);
  } finally {
    env.database.query = query;
  }
});

test('PostgreSQL: a lost listening connection is reconnected and an open stream still gets the change', {
  skip: process.env.TEST_DATABASE_URL ? false : 'PGlite listens in its own process: there is no connection to lose',
}, async () => {
  const slug = 'channel-floor-conference';
  const sid = await eventWithSegment(env, coord.agent, slug, [await orgId(env, 'unoct')]);
  await env.app.listen({ port: 0, host: '127.0.0.1' });
  const port = (env.app.server.address() as { port: number }).port;
  const ac = new AbortController();
  const res = await fetch(`http://127.0.0.1:${port}/events/${slug}/sessions/${sid}/speakers/stream`, {
    signal: ac.signal,
  });
  const reader = res.body!.getReader();
  let got = '';
  const read = async (pattern: RegExp) => {
    const deadline = Date.now() + 5000;
    while (!pattern.test(got) && Date.now() < deadline) got += new TextDecoder().decode((await reader.read()).value);
    return got;
  };
  await read(/id: 0\n\n/);

  const states: boolean[] = [];
  const off = env.app.platform.changes.onState((live) => states.push(live));
  const killed = await env.database.query<{ ok: boolean }>(
    `select pg_terminate_backend(pid) as ok from pg_stat_activity
        where datname = current_database() and query ilike 'LISTEN%' and pid <> pg_backend_pid()`,
  );
  assert.equal(killed.length, 1, 'one listening connection for this app');
  for (let i = 0; i < 100 && !states.includes(false); i++) await new Promise((r) => setTimeout(r, 10));
  assert.deepEqual(states, [false], 'subscribers hear that listening stopped');
  assert.equal(env.app.platform.changes.live, false);
  // A change while nobody listens: its announcement is lost…
  const url = `/events/${slug}/sessions/${sid}/speakers`;
  assert.equal((await postForm(env, coord.agent, url, { organizationId: await orgId(env, 'unodc') })).statusCode, 303);
  // …but the stream, told that listening started again, reads its list and sends the change.
  assert.match(await read(/event: change/), /event: change\nid: 1\n/);
  assert.deepEqual(states, [false, true]);
  assert.equal(env.app.platform.changes.live, true);
  off();
  // And the channel works again.
  const row = await env.database.query<{ id: string }>('select id from event_speakers where session_id = $1', [sid]);
  assert.equal((await postForm(env, coord.agent, `${url}/${row[0].id}/withdraw`, CONFIRMED)).statusCode, 303);
  assert.match(await read(/id: 2\n/), /event: change\nid: 2\n/);
  ac.abort();
});
