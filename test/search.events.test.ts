// The events listing and the statements archive search the text of their fields, not the JSON that stores it:
// no key ("zh", "status", "original") nor JSON syntax matches, and case and accents do not matter.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { seedEvents } from '../src/modules/events/index.ts';
import { dbLabel, makeTestEnv, type TestEnv } from './helper.ts';

let env: TestEnv;
before(async () => {
  env = await makeTestEnv();
  await seedEvents(env.database.db, { demo: true });
  // One event gets a French title with accents, stored composed (as all input is).
  await env.database.db.execute(sql`update events set title = jsonb_set(title, '{fr}',
    '{"text": "Séminaire régional sur la sécurité des frontières", "status": "reviewed"}')
    where slug = (select slug from events where status = 'published' and visibility = 'public'
      order by starts_at limit 1)`);
});
after(async () => {
  await env?.close();
});

const count = async (url: string) => {
  const r = await env.app.inject({ method: 'GET', url });
  assert.equal(r.statusCode, 200, url);
  return r.json().total as number;
};
const events = async (q: string) =>
  (await count(`/api/v1/events?when=past&q=${encodeURIComponent(q)}`)) +
  (await count(`/api/v1/events?q=${encodeURIComponent(q)}`));

test(`events: keys and JSON syntax match nothing; accents and case do not matter (${dbLabel()})`, async () => {
  assert.ok((await events('')) > 1, 'the demo has public events');
  for (const q of ['zh', 'status', 'original', 'reviewed', '":', '{', '"text"', 'en"'])
    assert.equal(await events(q), 0, `q=${q}`);
  const composed = await events('Séminaire régional');
  assert.equal(composed, 1);
  assert.equal(await events('Se\u0301minaire re\u0301gional'), composed, 'decomposed');
  assert.equal(await events('SEMINAIRE REGIONAL'), composed, 'no accents, upper case');
  assert.equal(await events('100%'), 0, 'a LIKE wildcard is a plain character');
});

test(`statements archive: keys and JSON syntax match nothing (${dbLabel()})`, async () => {
  for (const q of ['zh', '":', 'ar"'])
    assert.equal(await count(`/api/v1/events/statements?q=${encodeURIComponent(q)}`), 0, `q=${q}`);
});
