// The Strategy framework: seeded reference data in six languages, page and API.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { seedFramework } from '../src/modules/framework/framework.service.ts';
import { createApiToken, loadActor } from '../src/modules/access/access.service.ts';
import { LOCALES } from '../src/platform/i18n/index.ts';
import { dbLabel, makeTestEnv, makeUser, type TestEnv } from './helper.ts';

let env: TestEnv;
before(async () => {
  env = await makeTestEnv();
});
after(async () => {
  await env?.close();
});

test(
  'four pillars, the required Security Council resolutions with ' +
    `years, the Strategy and its reviews, the themes (${dbLabel()})`,
  async () => {
    const rows = await env.database.query<{
      kind: string;
      code: string;
      year: number | null;
      names: Record<string, string>;
    }>('select kind, code, year, names from framework_items');
    const by = (k: string) => rows.filter((r) => r.kind === k);
    assert.equal(by('pillar').length, 4);
    for (const n of ['1373 (2001)', '1624 (2005)', '2178 (2014)', '2396 (2017)', '2617 (2021)'])
      assert.ok(
        rows.some((r) => r.code === `S/RES/${n}`),
        `S/RES/${n}`,
      );
    assert.ok(rows.some((r) => r.code === 'A/RES/60/288' && r.year === 2006));
    assert.ok(by('ga_resolution').length >= 9);
    assert.ok(by('theme').length >= 12);
    for (const r of rows)
      for (const l of LOCALES) assert.ok(r.names[l]?.trim() && !/\?|\uFFFD/.test(r.names[l]), `${r.code} ${l}`);
    assert.equal(await seedFramework(env.database.db), rows.length, 'seeding again changes nothing');
    const again = await env.database.query<{ n: number }>('select count(*)::int as n from framework_items');
    assert.equal(again[0].n, rows.length);
  },
);

test(
  'the framework page in every language, filtered by kind; the API in the asked language ' + `(${dbLabel()})`,
  async () => {
    const u = await makeUser(env, 'cso_representative', { orgSlug: 'demo-coastal-peacebuilders' });
    for (const l of LOCALES) {
      await u.agent.get(`/lang/${l}?next=/framework`);
      const page = await u.agent.get('/framework?kind=pillar');
      assert.equal(page.statusCode, 200);
      assert.match(page.body, new RegExp(`<html lang="${l}"`));
      assert.equal((page.body.match(/<tr><td data-label="[^"]*" dir="ltr"><code>pillar-/g) ?? []).length, 4);
    }
    assert.equal((await u.agent.get('/framework?kind=planet')).statusCode, 400);
    const actor = (await loadActor(env.database.db, u.id, 'session', false, []))!.actor;
    const { token } = await createApiToken(
      { db: env.database.db, config: env.config, actor },
      { name: 't', scopes: ['read'], expiresInDays: 1 },
    );
    const api = await env.app.inject({
      method: 'GET',
      url: '/api/v1/framework?kind=sc_resolution&lang=ru',
      headers: { authorization: `Bearer ${token}` },
    });
    assert.equal(api.statusCode, 200);
    const r1373 = api.json().data.find((d: { code: string }) => d.code === 'S/RES/1373 (2001)');
    assert.match(r1373.name, /Контртеррористического комитета/);
    assert.equal((await env.app.inject({ method: 'GET', url: '/api/v1/framework' })).statusCode, 401);
  },
);
