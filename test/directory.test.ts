// The directory through pages and the API: search, filters, pagination, hidden CSOs, edits.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import { organizations } from '../src/modules/directory/directory.schema.ts';
import { MEMBER_STATES } from '../src/modules/directory/data/member-states.ts';
import { dbLabel, location, makeTestEnv, makeUser, type TestEnv, CONFIRMED } from './helper.ts';

let env: TestEnv;
before(async () => {
  env = await makeTestEnv();
});
after(async () => {
  await env?.close();
});

test(
  'the 193 Member States are seeded with ISO codes, a regional group and names in six languages ' + `(${dbLabel()})`,
  async () => {
    const all = await env.database.db.select().from(organizations).where(eq(organizations.type, 'member_state'));
    const rows = all.filter((r) => !r.isDemo);
    assert.equal(rows.length, 193);
    assert.ok(
      all.filter((r) => r.isDemo).every((r) => /fictional/.test(r.names.en) && r.iso2!.startsWith('X')),
      'demo States are fictional and use user-assigned codes',
    );
    assert.equal(MEMBER_STATES.length, 193);
    for (const r of rows) {
      assert.match(r.iso2 ?? '', /^[A-Z]{2}$/);
      assert.match(r.iso3 ?? '', /^[A-Z]{3}$/);
      for (const l of ['ar', 'en', 'es', 'fr', 'ru', 'zh'] as const) {
        assert.ok(r.names[l]?.trim(), `${r.iso3} has a ${l} name`);
        assert.doesNotMatch(r.names[l]!, /\?|\uFFFD/, `${r.iso3} ${l} name has no substitution characters`);
      }
    }
    const groups = new Set(rows.map((r) => r.regionalGroup).filter(Boolean));
    assert.equal(groups.size, 5);
  },
);

test(`search finds a State by any of its six names, by ISO code, and pages results (${dbLabel()})`, async () => {
  const u = await makeUser(env, 'observer');
  const fr = MEMBER_STATES.find((s) => s.iso3 === 'FRA')!;
  for (const q of [fr.names.en, fr.names.zh, fr.names.ar, 'fra']) {
    const res = await u.agent.get(`/directory?q=${encodeURIComponent(q)}&type=member_state`);
    assert.equal(res.statusCode, 200);
    assert.ok(
      res.body.includes(fr.names.en) || res.body.includes(fr.names.zh) || res.body.includes(fr.names.ar),
      `found by ${q}`,
    );
  }
  const p1 = await u.agent.get('/directory?type=member_state');
  const p8 = await u.agent.get('/directory?type=member_state&page=8');
  assert.match(p1.body, /rel="next"/);
  assert.doesNotMatch(p8.body, /rel="next"/);
  const rowsOn = (b: string) => (b.match(/<tr><td[^>]*><a href="\/directory\/organizations\//g) ?? []).length;
  assert.equal(rowsOn(p1.body), 25);
  assert.equal(rowsOn(p8.body), 195 - 7 * 25, '193 Member States and 2 fictional demo States');
  const empty = await u.agent.get('/directory?q=zzzzqqq');
  assert.match(empty.body, /class="empty"/);
  const bad = await u.agent.get('/directory?type=spaceship');
  assert.equal(bad.statusCode, 400);
});

test(`filters: regional group and CSO attributes (${dbLabel()})`, async () => {
  const u = await makeUser(env, 'platform_admin', { orgSlug: 'unoct' });
  const africa = await env.app.inject({
    method: 'GET',
    url: '/api/v1/organizations?group=african&pageSize=100',
    headers: { authorization: `Bearer ${await tokenFor(u.id)}` },
  });
  const expected = MEMBER_STATES.filter((s) => s.group === 'african').length + 1; // + the fictional demo State Arcadia
  assert.equal(africa.json().total, expected);
  const women = await u.agent.get('/directory?type=cso&womenLed=on');
  assert.match(women.body, /Sahel Women Mediators/);
  assert.doesNotMatch(women.body, /Youth Voices/);
});

async function tokenFor(userId: string) {
  const { loadActor, createApiToken } = await import('../src/modules/access/access.service.ts');
  const loaded = await loadActor(env.database.db, userId, 'session', true, []);
  return (
    await createApiToken(
      { db: env.database.db, config: env.config, actor: loaded!.actor },
      { name: 't', scopes: ['write'], expiresInDays: 1 },
    )
  ).token;
}

test(
  'a CSO that chose no public listing is hidden from other members, and its page answers 404 ' + `(${dbLabel()})`,
  async () => {
    const observer = await makeUser(env, 'observer');
    const list = await observer.agent.get('/directory?type=cso');
    assert.doesNotMatch(list.body, /Victims of Terrorism Support Alliance/);
    assert.match(list.body, /Coastal Peacebuilders Network/);
    assert.equal((await observer.agent.get('/directory/organizations/demo-victims-support-alliance')).statusCode, 404);
    const member = await makeUser(env, 'cso_representative', {
      orgSlug: 'demo-victims-support-alliance',
      focalPoint: true,
    });
    assert.equal((await member.agent.get('/directory/organizations/demo-victims-support-alliance')).statusCode, 200);
    // The list as its member, then as a member of another organization: the same prepared query, other values.
    assert.match((await member.agent.get('/directory?type=cso')).body, /Victims of Terrorism Support Alliance/);
    const other = await makeUser(env, 'cso_representative', { orgSlug: 'demo-youth-voices' });
    assert.doesNotMatch((await other.agent.get('/directory?type=cso')).body, /Victims of Terrorism Support Alliance/);
    const coordinator = await makeUser(env, 'coordinator', { orgSlug: 'unoct' });
    assert.equal(
      (await coordinator.agent.get('/directory/organizations/demo-victims-support-alliance')).statusCode,
      200,
    );
    const api = await env.app.inject({
      method: 'GET',
      url: '/api/v1/organizations/demo-victims-support-alliance',
      headers: { authorization: `Bearer ${await tokenFor(observer.id)}` },
    });
    assert.equal(api.statusCode, 404);
  },
);

test(
  'editing: invalid input re-renders with 422 and stores ' +
    `nothing; a valid edit is saved and audited (${dbLabel()})`,
  async () => {
    const u = await makeUser(env, 'coordinator', { orgSlug: 'unoct' });
    const before = (
      await env.database.db.select().from(organizations).where(eq(organizations.slug, 'demo-youth-voices'))
    )[0];
    const bad = await u.agent.post('/directory/organizations/demo-youth-voices', {
      type: 'cso',
      name_en: '',
      website: 'javascript:alert(1)',
    });
    assert.equal(bad.statusCode, 422);
    assert.match(bad.body, /class="error-summary"/);
    const still = (
      await env.database.db.select().from(organizations).where(eq(organizations.slug, 'demo-youth-voices'))
    )[0];
    assert.deepEqual(still.names, before.names);
    const ok = await u.agent.post('/directory/organizations/demo-youth-voices', {
      type: 'cso',
      name_en: 'Youth Voices for Resilience (demo)',
      name_ar: 'أصوات الشباب 🌍',
      youthLed: 'on',
      publicListing: 'on',
      countriesOfOperation: 'jor, lbn',
    });
    assert.equal(ok.statusCode, 303);
    assert.equal(location(ok), '/directory/organizations/demo-youth-voices');
    const after = (
      await env.database.db.select().from(organizations).where(eq(organizations.slug, 'demo-youth-voices'))
    )[0];
    assert.equal(after.names.ar, 'أصوات الشباب 🌍');
    assert.deepEqual(after.countriesOfOperation, ['JOR', 'LBN']);
    const page = await u.agent.get('/lang/ar?next=/directory/organizations/demo-youth-voices');
    const ar = await u.agent.get('/directory/organizations/demo-youth-voices');
    assert.ok(ar.body.includes('أصوات الشباب 🌍'), 'Arabic and emoji round-trip byte-identical');
    void page;
    const [{ n }] = await env.database.query<{ n: number }>(
      `select count(*)::int as n from audit_log where action = 'organization.updated'`,
    );
    assert.ok(n >= 1);
  },
);

test(`the API creates organizations with validation and one error shape (${dbLabel()})`, async () => {
  const u = await makeUser(env, 'coordinator', { orgSlug: 'unoct' });
  const headers = { authorization: `Bearer ${await tokenFor(u.id)}`, 'content-type': 'application/json' };
  const bad = await env.app.inject({
    method: 'POST',
    url: '/api/v1/organizations',
    headers,
    payload: { type: 'cso', names: { fr: 'Sans anglais' } },
  });
  assert.equal(bad.statusCode, 400);
  assert.equal(bad.json().error.code, 'validation_failed');
  const ok = await env.app.inject({
    method: 'POST',
    url: '/api/v1/organizations',
    headers,
    payload: { type: 'academia', names: { en: 'Test University (demo)', zh: '测试大学' }, acronym: 'TU' },
  });
  assert.equal(ok.statusCode, 201);
  assert.equal(ok.json().names.zh, '测试大学');
  const observer = await makeUser(env, 'observer');
  const denied = await env.app.inject({
    method: 'POST',
    url: '/api/v1/organizations',
    headers: { ...headers, authorization: `Bearer ${await tokenFor(observer.id)}` },
    payload: { type: 'academia', names: { en: 'Nope' } },
  });
  assert.equal(denied.statusCode, 403);
  const doc = await env.app.inject({ method: 'GET', url: '/api/openapi.json' });
  assert.equal(doc.json().openapi, '3.1.0');
  assert.ok(doc.json().paths['/api/v1/organizations']);
});

test(
  'administrators manage memberships and focal-point flags; each change is audited; others may not ' + `(${dbLabel()})`,
  async () => {
    const admin = await makeUser(env, 'platform_admin', { orgSlug: 'unoct' });
    const person = await makeUser(env, 'observer');
    const { users } = await import('../src/platform/auth/auth.schema.ts');
    const personId = (await env.database.db.select({ p: users.personId }).from(users).where(eq(users.id, person.id)))[0]
      .p!;
    const unodc = (
      await env.database.db.select({ id: organizations.id }).from(organizations).where(eq(organizations.slug, 'unodc'))
    )[0].id;
    assert.equal(
      (
        await person.agent.post(`/directory/people/${personId}/memberships`, {
          organizationId: unodc,
          focalPoint: 'on',
        })
      ).statusCode,
      403,
    );
    assert.equal(
      (await admin.agent.post(`/directory/people/${personId}/memberships`, { organizationId: 'not-a-uuid' }))
        .statusCode,
      422,
    );
    assert.equal(
      (
        await admin.agent.post(`/directory/people/${personId}/memberships`, {
          organizationId: unodc,
          focalPoint: 'on',
          title: 'Programme officer',
        })
      ).statusCode,
      303,
    );
    // The person's next request sees the new tie: a focal point of UNODC may now invite into UNODC.
    const form = await person.agent.get('/directory/organizations/unodc');
    assert.match(form.body, /Programme officer/);
    assert.equal(
      (await admin.agent.post(`/directory/people/${personId}/memberships/${unodc}/remove`, CONFIRMED)).statusCode,
      303,
    );
    const page = await admin.agent.get(`/directory/people/${personId}`);
    assert.doesNotMatch(page.body, /Programme officer/);
    const actions = (
      await env.database.query<{ action: string }>(`select action from audit_log where target_id = $1 order by id`, [
        personId,
      ])
    ).map((r) => r.action);
    assert.deepEqual(
      actions.filter((a) => a.startsWith('membership.')),
      ['membership.added', 'membership.removed'],
    );
    assert.equal((await admin.agent.post(`/directory/people/${personId}`, { fullName: '' })).statusCode, 422);
    assert.equal(
      (await admin.agent.post(`/directory/people/${personId}`, { fullName: 'Renamed Person', jobTitle: 'Adviser' }))
        .statusCode,
      303,
    );
  },
);

const fold = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
/** The text values of an organization a search looks at: names, description versions, acronym. */
const searchedValues = (o: {
  names: Record<string, string | undefined>;
  description: Record<string, { text: string } | undefined> | null;
  acronym: string | null;
}) => [
  ...Object.values(o.names),
  ...Object.values(o.description ?? {}).map((v) => v?.text),
  o.acronym ?? '',
  (o as { iso3?: string | null }).iso3 ?? '',
];

test(
  'search looks at values only, never JSON keys or syntax: q=zh and q=": find only real matches ' + `(${dbLabel()})`,
  async () => {
    const u = await makeUser(env, 'platform_admin', { orgSlug: 'unoct' });
    const headers = { authorization: `Bearer ${await tokenFor(u.id)}` };
    const all = (await env.app.inject({ method: 'GET', url: '/api/v1/organizations?pageSize=1', headers })).json()
      .total as number;
    for (const q of ['zh', '":', 'en', 'status']) {
      const res = await env.app.inject({
        method: 'GET',
        url: `/api/v1/organizations?pageSize=100&q=${encodeURIComponent(q)}`,
        headers,
      });
      assert.equal(res.statusCode, 200);
      const body = res.json();
      assert.ok(body.total < all, `q=${q}: ${body.total} of ${all}`);
      for (const o of body.data)
        assert.ok(
          searchedValues(o).some((v) => fold(String(v ?? '')).includes(fold(q))),
          `q=${q} returned ${o.slug}, which does not contain it`,
        );
      const page = await u.agent.get(`/directory?q=${encodeURIComponent(q)}`);
      assert.equal(page.statusCode, 200);
      const rows = (page.body.match(/<tr><td[^>]*><a href="\/directory\/organizations\//g) ?? []).length;
      assert.equal(rows, Math.min(body.total, 25), `the page shows the API's matches for q=${q}`);
    }
  },
);

test(
  'a composed "é" and a decomposed "e\\u0301" find the same ' +
    `organization, with or without the accent (${dbLabel()})`,
  async () => {
    const u = await makeUser(env, 'observer');
    const headers = { authorization: `Bearer ${await tokenFor(u.id)}` };
    const slugs = async (q: string) =>
      (
        await env.app.inject({
          method: 'GET',
          url: `/api/v1/organizations?type=member_state&q=${encodeURIComponent(q)}`,
          headers,
        })
      )
        .json()
        .data.map((o: { iso3: string }) => o.iso3)
        .sort();
    const composed = await slugs('Côte d\u2019Ivoire'.slice(0, 4));
    assert.ok(composed.includes('CIV'), `Côte finds CIV (${composed.join(', ')})`);
    assert.deepEqual(await slugs('Co\u0302te'), composed, 'decomposed');
    assert.deepEqual(await slugs('cote'), composed, 'without the accent');
    assert.deepEqual(await slugs('CÔTE'), composed, 'upper case');
    const page = await u.agent.get(`/directory?type=member_state&q=${encodeURIComponent('Co\u0302te')}`);
    assert.match(page.body, /\/directory\/organizations\/civ/i);
  },
);

test(
  'descriptions are translatable text: the API takes and gives versions, search and pages use them ' + `(${dbLabel()})`,
  async () => {
    const u = await makeUser(env, 'coordinator', { orgSlug: 'unoct' });
    const headers = { authorization: `Bearer ${await tokenFor(u.id)}`, 'content-type': 'application/json' };
    const two = await env.app.inject({
      method: 'POST',
      url: '/api/v1/organizations',
      headers,
      payload: {
        type: 'academia',
        names: { en: 'Institut Quokka (demo)' },
        description: { en: { text: 'a', status: 'original' }, fr: { text: 'b', status: 'original' } },
      },
    });
    assert.equal(two.statusCode, 422, 'two originals');
    const ok = await env.app.inject({
      method: 'POST',
      url: '/api/v1/organizations',
      headers,
      payload: {
        type: 'academia',
        names: { en: 'Institut Quokka (demo)' },
        description: {
          fr: { text: 'Recherche sur la prévention de l\u2019extrémisme violent', status: 'original' },
          en: { text: 'Research on preventing violent extremism', status: 'reviewed' },
        },
      },
    });
    assert.equal(ok.statusCode, 201);
    const o = ok.json();
    assert.equal(o.description.fr.status, 'original');
    const found = await env.app.inject({ method: 'GET', url: '/api/v1/organizations?q=prevention', headers });
    assert.ok(
      found.json().data.some((x: { id: string }) => x.id === o.id),
      'found by a description word, no accent',
    );
    const es = await u.agent.get(`/lang/es?next=/directory/organizations/${o.slug}`);
    void es;
    const page = await u.agent.get(`/directory/organizations/${o.slug}`);
    assert.match(page.body, /lang="fr"/, 'the fallback says its language');
    assert.ok(page.body.includes('prévention'));
    await u.agent.get('/lang/en?next=/');
  },
);
