// The search box (docs/architecture.md, "Search"): each kind found in its language (stemming in English, French,
// Arabic, Russian and Spanish; Chinese after segmentation), names found despite a typo (trigrams), snippets escaped
// before they are marked, NFC queries, bad input refused with a 4xx — and the permission filter inside the query:
// for the roles × consent states of the consent matrix, an unreadable need or report gives 0 hits and 0 counts.
import { adoptPublishedEvents } from '../src/modules/events/index.ts';
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { createApiToken, loadActor } from '../src/modules/access/access.service.ts';
import { assessmentReports, consentGrants } from '../src/modules/assessments/assessments.schema.ts';
import { events } from '../src/modules/events/events.schema.ts';
import { memberships, people } from '../src/modules/directory/directory.schema.ts';
import {
  module as searchModule,
  rebuildSearchIndex,
  reindexSearch,
  segmentChinese,
  snippetHtml,
} from '../src/modules/search/index.ts';
import { dbLabel, makeTestEnv, makeUser, orgId, type TestEnv, type TestUser } from './helper.ts';

let env: TestEnv;
before(async () => {
  env = await makeTestEnv();
});
after(async () => {
  await env?.close();
});

const tokens = new Map<string, string>();
async function token(u: TestUser) {
  if (!tokens.has(u.id)) {
    const actor = (await loadActor(env.database.db, u.id, 'session', true, []))!.actor;
    const t = await createApiToken(
      { db: env.database.db, config: env.config, actor },
      { name: 's', scopes: ['write'], expiresInDays: 1 },
    );
    tokens.set(u.id, t.token);
  }
  return tokens.get(u.id)!;
}
async function call(u: TestUser | null, method: 'GET' | 'POST', url: string, payload?: unknown) {
  return env.app.inject({
    method,
    url,
    headers: {
      ...(u ? { authorization: `Bearer ${await token(u)}` } : {}),
      ...(payload ? { 'content-type': 'application/json' } : {}),
    },
    payload: payload ? JSON.stringify(payload) : undefined,
  });
}
interface Found {
  data: { kind: string; id: string; title: string; snippet: string; language: string | null; url: string }[];
  total: number;
  facets: { kinds: Record<string, number>; languages: Record<string, number> };
}
const find = async (u: TestUser | null, q: string, extra = '') => {
  const r = await call(u, 'GET', `/api/v1/search?q=${encodeURIComponent(q)}${extra}`);
  assert.equal(r.statusCode, 200, r.body);
  return r.json() as Found;
};

let seq = 0;
async function addEvent(
  title: Record<string, string>,
  opts: { visibility?: 'public' | 'platform'; body?: string } = {},
) {
  const t = Object.fromEntries(Object.entries(title).map(([l, text]) => [l, { text, status: 'original' as const }]));
  const d = opts.body
    ? Object.fromEntries(Object.keys(title).map((l) => [l, { text: opts.body!, status: 'original' as const }]))
    : {};
  const [e] = await env.database.db
    .insert(events)
    .values({
      slug: `search-test-${++seq}`,
      type: 'conference',
      status: 'published',
      title: t,
      description: d,
      format: 'virtual',
      timeZone: 'UTC',
      startsAt: new Date('2026-03-10T09:00:00Z'),
      endsAt: new Date('2026-03-10T17:00:00Z'),
      visibility: opts.visibility ?? 'public',
      pillars: ['pillar-2'],
    })
    .returning({ id: events.id });
  await adoptPublishedEvents(env.database.db); // a row written behind the services: as an upgrade
  await reindexSearch(env.database.db, 'event', [e.id]);
  return e.id;
}

test(`each language's stemming, Chinese words, NFC, snippets (${dbLabel()})`, async () => {
  const en = await addEvent({ en: 'Countering terrorists online' }, { body: 'Financing networks are traced.' });
  const fr = await addEvent({ fr: 'Lutte contre les terroristes' }, { body: 'Le financement du terrorisme.' });
  const es = await addEvent({ es: 'Prevención del extremismo' }, { body: 'Las organizaciones terroristas.' });
  const ru = await addEvent({ ru: 'Противодействие терроризму' }, { body: 'Финансирование терроризма.' });
  const ar = await addEvent({ ar: 'مكافحة الإرهاب' }, { body: 'تمويل الإرهابيين.' });
  const zh = await addEvent({ zh: '反恐战略与国际合作' }, { body: '各国加强国际合作的重要性。' });
  const cafe = await addEvent({ en: 'Café de la résilience' });

  const ids = async (q: string, extra = '') => (await find(null, q, extra)).data.map((h) => h.id);
  assert.ok((await ids('terrorist')).includes(en), 'English: terrorist finds "terrorists"');
  assert.ok((await ids('finance')).includes(en), 'English: finance finds "Financing"');
  assert.ok((await ids('terroriste')).includes(fr), 'French: terroriste finds "terroristes"');
  assert.ok((await ids('financements')).includes(fr), 'French: financements finds "financement"');
  assert.ok((await ids('terrorista')).includes(es), 'Spanish: terrorista finds "terroristas"');
  assert.ok((await ids('терроризм')).includes(ru), 'Russian: терроризм finds "терроризму" and "терроризма"');
  assert.ok((await ids('الإرهاب')).includes(ar), 'Arabic: الإرهاب finds "الإرهابيين"');
  assert.ok((await ids('国际合作')).includes(zh), 'Chinese: 国际合作 found after segmentation');
  assert.ok((await ids('战略')).includes(zh), 'Chinese: one word of the title');
  assert.ok(!(await ids('恐战')).includes(zh), 'Chinese: not a string across two words');
  assert.ok((await ids('Cafe\u0301')).includes(cafe), 'an NFD query finds NFC text');
  assert.ok((await ids('terroriste', '&lang=fr')).includes(fr));
  assert.ok(!(await ids('terroriste', '&lang=en')).includes(fr), 'the language filter');
  assert.ok((await ids('terrorist', '&pillar=pillar-2')).includes(en), 'the pillar filter');
  assert.ok(!(await ids('terrorist', '&pillar=pillar-1')).includes(en));
  assert.ok((await ids('terrorist', '&from=2026-03-01&to=2026-03-31')).includes(en), 'the date filter');
  assert.ok(!(await ids('terrorist', '&from=2026-04-01')).includes(en));
  assert.ok((await ids('terrorist', '&kind=event&kind=need')).includes(en), 'the kind filter');
  assert.ok(!(await ids('terrorist', '&kind=need')).includes(en));

  const r = await find(null, 'terrorisme');
  const hit = r.data.find((h) => h.id === fr)!;
  assert.equal(hit.language, 'fr');
  assert.match(hit.snippet, /<mark>terrorisme<\/mark>/);
  assert.equal(hit.url, `/events/search-test-2`);
  assert.equal(segmentChinese('国际合作'), '国际 合作');

  // The page: kind, title link, snippet; Arabic right to left.
  const page = await env.app.inject({ method: 'GET', url: `/search?q=${encodeURIComponent('الإرهاب')}&lang=ar` });
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /<mark>/);
  assert.match(page.body, /href="\/events\/search-test-5"/);
});

test(`snippets are escaped before they are marked (${dbLabel()})`, async () => {
  const id = await addEvent(
    { en: 'Escaping check' },
    { body: 'Before <script>alert("x")</script> & <b>bold</b> quartzmark \uE000forged\uE001 after.' },
  );
  const r = await find(null, 'quartzmark');
  const hit = r.data.find((h) => h.id === id)!;
  assert.ok(hit, 'found');
  assert.doesNotMatch(hit.snippet, /<script|<b>/);
  assert.match(hit.snippet, /&lt;\/script&gt;/);
  assert.doesNotMatch(hit.snippet, /&amp;amp;|&amp;lt;/, 'escaped once');
  assert.match(hit.snippet, /<mark>quartzmark<\/mark>/);
  assert.doesNotMatch(hit.snippet, /<mark>forged/, 'markers in the text are not hits');
  const page = await env.app.inject({ method: 'GET', url: '/search?q=quartzmark' });
  assert.doesNotMatch(page.body, /<script>alert/);
  assert.equal(snippetHtml('a \uE000<b>\uE001 c'), 'a <mark>&lt;b&gt;</mark> c');
  assert.equal(snippetHtml('open \uE000end'), 'open <mark>end</mark>');
});

test(`a name found despite a typo, and people only for whom the directory shows them (${dbLabel()})`, async () => {
  const unodc = await orgId(env, 'unodc');
  const [p] = await env.database.db
    .insert(people)
    .values({ fullName: 'Amina Haddad', jobTitle: 'Programme officer' })
    .returning({ id: people.id });
  await env.database.db.insert(memberships).values({ personId: p.id, organizationId: unodc });
  await rebuildSearchIndex(env.database.db);
  const admin = await makeUser(env, 'platform_admin');
  const typo = await find(admin, 'Hadad');
  assert.ok(
    typo.data.some((h) => h.kind === 'person' && h.id === p.id),
    'trigram: "Hadad" finds "Amina Haddad"',
  );
  assert.ok(
    (await find(admin, 'Unodc')).data.some((h) => h.kind === 'organization'),
    'an organization by acronym',
  );
  const anon = await find(null, 'Haddad');
  assert.equal(anon.total, 0, 'anonymous readers see no people');
  assert.equal(anon.facets.kinds.person, undefined);
  // An erasure: the owner pseudonymizes, then the search's part indexes the person again (no name left behind).
  await env.database.db.update(people).set({ fullName: 'Erased person 7Q' }).where(sql`${people.id} = ${p.id}`);
  const erased = await searchModule.personalData!.erase!(env.database.db, {
    userId: null,
    personId: p.id,
    email: null,
    name: 'Amina Haddad',
    pseudonym: 'Erased person 7Q',
    pseudonymEmail: 'erased-7q@invalid',
  });
  assert.ok(erased >= 1);
  const left = await env.database.query<{ n: number }>(
    "select count(*)::int as n from search_passage_texts where title ilike '%haddad%'",
  );
  assert.equal(left[0].n, 0, 'the name is gone from the index');
  assert.ok((await find(admin, 'Erased person 7Q')).data.some((h) => h.id === p.id));
});

test(`anonymous readers find public kinds only; facets count what the reader sees (${dbLabel()})`, async () => {
  await addEvent({ en: 'Zirconfold public meeting' });
  const hidden = await addEvent({ en: 'Zirconfold platform meeting' }, { visibility: 'platform' });
  const anon = await find(null, 'zirconfold');
  assert.equal(anon.total, 1);
  assert.deepEqual(anon.facets.kinds, { event: 1 });
  assert.deepEqual(anon.facets.languages, { en: 1 });
  assert.ok(!anon.data.some((h) => h.id === hidden));
  const observer = await makeUser(env, 'observer', { orgSlug: 'unodc' });
  const seen = await find(observer, 'zirconfold');
  assert.equal(seen.total, 2, 'a signed-in reader sees platform events');
  const page = await env.app.inject({ method: 'GET', url: '/search?q=zirconfold' });
  assert.match(page.body, /1 result/);
});

test(`bad input: a clear 4xx, never a 500 (${dbLabel()})`, async () => {
  const long = 'a'.repeat(201);
  for (const url of [
    `/api/v1/search?q=${long}`,
    '/api/v1/search?q=x&from=2026-02-30',
    '/api/v1/search?q=x&kind=nothing',
    '/api/v1/search?q=x&page=0',
  ]) {
    const r = await env.app.inject({ method: 'GET', url });
    assert.equal(r.statusCode, 400, `${url}: ${r.body}`);
  }
  const order = await env.app.inject({ method: 'GET', url: '/api/v1/search?q=x&from=2026-03-02&to=2026-03-01' });
  assert.equal(order.statusCode, 400);
  const page = await env.app.inject({ method: 'GET', url: `/search?q=${long}&from=2026-13-01` });
  assert.equal(page.statusCode, 400);
  assert.match(page.body, /at most 200 characters/);
  assert.match(page.body, /real date/);
  const fr = await env.app.inject({
    method: 'GET',
    url: '/search?q=x&to=nope',
    headers: { 'accept-language': 'fr' },
  });
  assert.equal(fr.statusCode, 400);
  assert.match(fr.body, /date valide/);
  const empty = await env.app.inject({ method: 'GET', url: '/search?q=' });
  assert.equal(empty.statusCode, 200);
  // The header's search box: a labelled GET form to /search on every page.
  const home = await env.app.inject({ method: 'GET', url: '/' });
  assert.match(home.body, /<form class="site-search" method="get" action="\/search" role="search"/);
  assert.match(home.body, /<label for="site-q"/);
});

// The consent matrix (test/consent.matrix.test.ts): roles × consent states; what the State's consent does not open
// to a reader is neither found nor counted.
type ConsentState = 'none' | 'report' | 'needs' | 'both' | 'expired' | 'revoked';
const STATES: ConsentState[] = ['none', 'report', 'needs', 'both', 'expired', 'revoked'];
type Principal =
  | 'analyst'
  | 'own_state'
  | 'other_state'
  | 'admin_in_unodc'
  | 'coordinator_in_unodc'
  | 'entity_in_unodc'
  | 'entity_elsewhere'
  | 'cso_in_unodc'
  | 'observer_in_unodc'
  | 'anonymous';
const ALWAYS = { report: true, need: true };
const NEVER = { report: false, need: false };
const BY_GRANT = (s: ConsentState) => ({ report: s === 'report' || s === 'both', need: s === 'needs' || s === 'both' });
const EXPECTED: Record<Principal, (s: ConsentState) => { report: boolean; need: boolean }> = {
  analyst: () => ALWAYS,
  own_state: () => ALWAYS,
  other_state: () => NEVER,
  admin_in_unodc: BY_GRANT,
  coordinator_in_unodc: BY_GRANT,
  entity_in_unodc: BY_GRANT,
  entity_elsewhere: () => NEVER,
  cso_in_unodc: () => NEVER,
  observer_in_unodc: () => NEVER,
  anonymous: () => NEVER,
};

test(`roles × consent states: 0 hits and 0 counts for unreadable needs and reports (${dbLabel()})`, async () => {
  const arcadia = await orgId(env, 'demo-state-arcadia');
  const borealis = await orgId(env, 'demo-state-borealis');
  const unodc = await orgId(env, 'unodc');
  const users: Record<Exclude<Principal, 'anonymous'>, TestUser> = {
    analyst: await makeUser(env, 'analyst', { orgSlug: 'cted' }),
    own_state: await makeUser(env, 'member_state_focal_point', { orgId: arcadia, focalPoint: true }),
    other_state: await makeUser(env, 'member_state_focal_point', { orgId: borealis, focalPoint: true }),
    admin_in_unodc: await makeUser(env, 'platform_admin', { orgId: unodc }),
    coordinator_in_unodc: await makeUser(env, 'coordinator', { orgId: unodc }),
    entity_in_unodc: await makeUser(env, 'entity_focal_point', { orgId: unodc, focalPoint: true }),
    entity_elsewhere: await makeUser(env, 'entity_focal_point', { orgSlug: 'ohchr', focalPoint: true }),
    cso_in_unodc: await makeUser(env, 'cso_representative', { orgId: unodc }),
    observer_in_unodc: await makeUser(env, 'observer', { orgId: unodc }),
  };
  const visit = (
    await call(users.analyst, 'POST', '/api/v1/assessments/visits', {
      stateOrgId: arcadia,
      type: 'comprehensive',
      status: 'conducted',
      startDate: '2026-02-01',
      endDate: '2026-02-05',
    })
  ).json().id;
  // Created through the API: the needs service indexes it in its own transaction.
  const need = await call(users.analyst, 'POST', '/api/v1/needs', {
    stateOrgId: arcadia,
    source: 'assessment_visit',
    visitId: visit,
    themes: ['theme-cft'],
    descriptions: {
      en: { text: 'Obsidianwork border screening need', status: 'original' },
      fr: { text: 'Besoin obsidianwork de contrôle aux frontières', status: 'reviewed' },
    },
  });
  assert.equal(need.statusCode, 201, need.body);
  const [report] = await env.database.db
    .insert(assessmentReports)
    .values({ visitId: visit, title: 'Obsidianwork assessment report', classification: 'confidential' })
    .returning({ id: assessmentReports.id });
  await reindexSearch(env.database.db, 'report', [report.id]);

  const setState = async (s: ConsentState) => {
    await env.database.db.execute(
      sql`update consent_grants set revoked_at = now() where visit_id = ${visit} and revoked_at is null`,
    );
    if (s === 'none') return;
    const r = await call(users.own_state, 'POST', `/api/v1/assessments/visits/${visit}/consent`, {
      granteeKind: 'organization',
      granteeOrgId: unodc,
      scope: s === 'expired' || s === 'revoked' ? 'both' : s,
    });
    assert.equal(r.statusCode, 201, r.body);
    const id = r.json().id;
    if (s === 'expired')
      await env.database.db
        .update(consentGrants)
        .set({ expiresAt: new Date(Date.now() - 1000) })
        .where(sql`${consentGrants.id} = ${id}`);
    if (s === 'revoked')
      assert.equal((await call(users.own_state, 'POST', `/api/v1/assessments/consent/${id}/revoke`)).statusCode, 204);
  };

  const divergences: string[] = [];
  let checks = 0;
  for (const s of STATES) {
    await setState(s);
    for (const p of [...Object.keys(users), 'anonymous'] as Principal[]) {
      const u = p === 'anonymous' ? null : users[p as Exclude<Principal, 'anonymous'>];
      const expected = EXPECTED[p](s);
      for (const q of ['obsidianwork', 'Obsidianwork border']) {
        const r = await find(u, q);
        for (const kind of ['need', 'report'] as const) {
          if (kind === 'report' && q !== 'obsidianwork') continue;
          checks++;
          const hits = r.data.filter((h) => h.kind === kind).length;
          const count = r.facets.kinds[kind] ?? 0;
          const want = expected[kind] ? 1 : 0;
          if (hits !== want || count !== want)
            divergences.push(`${s} × ${p} × ${kind} × "${q}": ${hits} hits, ${count} counted, expected ${want}`);
        }
        const total = Object.values(r.facets.kinds).reduce((a, b) => a + b, 0);
        if (r.total !== total) divergences.push(`${s} × ${p}: total ${r.total} ≠ sum of the kinds' counts ${total}`);
        const langs = Object.values(r.facets.languages).reduce((a, b) => a + b, 0);
        if (!expected.need && langs !== 0 && q !== 'obsidianwork')
          divergences.push(`${s} × ${p}: languages counted ${JSON.stringify(r.facets.languages)}`);
      }
      // The page counts the same way: nothing unreadable named or counted.
      if (p === 'anonymous' || p === 'other_state') {
        const page = await (u ? u.agent.get('/search?q=obsidianwork') : env.app.inject('/search?q=obsidianwork'));
        if (/border screening|Obsidianwork assessment/i.test(page.body))
          divergences.push(`${s} × ${p}: the page names an unreadable record`);
      }
    }
  }
  console.log(
    `# search consent matrix: ${Object.keys(EXPECTED).length} principals × ${STATES.length} consent states: ` +
      `${checks} checks, ${divergences.length} divergences`,
  );
  assert.deepEqual(divergences, []);
});
