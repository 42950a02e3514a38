// Published figures versus recorded data: the figures an event's organizers published (with their source, wording and
// how people took part) are shown as such, in six languages, and what the platform records is shown beside them —
// never in their place. The demo data's figures are those of the sources they quote: the article's text is kept in
// test/fixtures/sources/ (Homeland Security Today, 3 May 2024, printing UNOCT's release).
import { adoptPublishedEvents } from '../src/modules/events/index.ts';
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { eq, sql } from 'drizzle-orm';
import { auditLog } from '../src/platform/audit/audit.schema.ts';
import { createApiToken, loadActor } from '../src/modules/access/access.service.ts';
import { eventsHeldInPeriod, seedEvents } from '../src/modules/events/index.ts';
import { eventOrganizers, events, type PublishedFigures } from '../src/modules/events/events.schema.ts';
import { parseTabular } from '../src/platform/export/tabular.ts';
import { Agent, dbLabel, makeTestEnv, makeUser, orgId, type TestEnv, type TestUser } from './helper.ts';
import { postForm } from './events.helpers.ts';

let env: TestEnv;
let coordinator: TestUser;
before(async () => {
  env = await makeTestEnv();
  await seedEvents(env.database.db, { demo: true });
  coordinator = await makeUser(env, 'coordinator', { orgSlug: 'unoct' });
  // The first render of a page compiles its views: done here, not inside the first test's time.
  await new Agent(env.app).get(`/events/${HLC}/statistics`);
});
after(async () => {
  await env?.close();
});

const HLC = '2023-third-high-level-conference-heads-ct-agencies';
const WEEK = '2023-ct-week';
const anon = (lang = 'en') => {
  const a = new Agent(env.app);
  return (url: string) => a.get(url, { 'accept-language': lang });
};
const eventId = async (slug: string) =>
  (await env.database.db.select({ id: events.id }).from(events).where(eq(events.slug, slug)))[0].id;
/** The text of an element by id, tags stripped. */
const textOf = (html: string, id: string) => {
  const m = new RegExp(`id="${id}"[^>]*>([\\s\\S]*?)</p>`).exec(html);
  return m
    ? m[1]
        .replace(/<[^>]+>/g, '')
        .replace(/&amp;/g, '&')
        .trim()
    : null;
};

const PUBLISHED_EN =
  'More than 1,000 participants representing 160 Member States, 23 regional and international organizations, ' +
  '23 United Nations entities and 135 institutions from academia, civil society and the private sector attended ' +
  'in person';

test(`the demo's published figures come from the quoted source, in six languages (${dbLabel()})`, async () => {
  const seed = readFileSync(
    new URL('./fixtures/sources/hstoday-2024-05-03-third-high-level-conference.txt', import.meta.url),
    'utf8',
  );
  const [e] = await env.database.db.select().from(events).where(eq(events.slug, HLC));
  const p = e.publishedFigures!;
  assert.ok(seed.includes(p.sources[0].quote!), 'the quotation is the source’s own words');
  assert.deepEqual(
    p.figures.map((f) => [f.kind, f.value, f.qualifier]),
    [
      ['participants', 1000, 'more_than'],
      ['memberStates', 160, 'exact'],
      ['regionalAndInternationalOrgs', 23, 'exact'],
      ['unEntities', 23, 'exact'],
      ['institutions', 135, 'exact'],
    ],
  );
  assert.equal(p.figures[0].mode, 'in_person');
  assert.deepEqual(p.figures[4].orgKinds, ['academia', 'cso', 'private_sector']);
  const [week] = await env.database.db.select().from(events).where(eq(events.slug, WEEK));
  assert.ok(seed.includes(week.publishedFigures!.sources[0].quote!));
  assert.deepEqual(
    week.publishedFigures!.figures.map((f) => [f.kind, f.value, f.qualifier]),
    [
      ['sideEvents', 40, 'exact'],
      ['stakeholders', 95, 'over'],
    ],
  );
  const page = await anon()(`/events/${HLC}/statistics`);
  assert.equal(page.statusCode, 200);
  assert.equal(textOf(page.body, 'published-sentence'), PUBLISHED_EN);
  assert.match(page.body, /UNOCT, as reported by Homeland Security Today/);
  assert.match(page.body, /<blockquote lang="en" dir="ltr">More than 1000 participants/);
  assert.equal(textOf(page.body, 'recorded-sentence'), null);
  assert.match(page.body, /No registration is recorded on this platform for this event/);
  for (const [lang, sentence, source] of [
    [
      'fr',
      new RegExp(
        String.raw`^Plus de 1\s000 participants représentant 160 États Membres, ` +
          String.raw`.* et 135 institutions issues du monde universitaire, de la ` +
          String.raw`société civile et du secteur privé ont assisté en personne$`,
      ),
      /Bureau de lutte contre le terrorisme \(UNOCT\), cité par Homeland Security Today/,
    ],
    [
      'es',
      new RegExp(
        String.raw`^Más de 1000 participantes en representación de 160 Estados Miembros, ` +
          String.raw`.* y 135 instituciones del mundo académico, de la ` +
          String.raw`sociedad civil y del sector privado asistieron en persona$`,
      ),
      /según Homeland Security Today/,
    ],
    [
      'ru',
      new RegExp(
        String.raw`^Более 1\s000 участников, представляющих 160 государств-членов, ` +
          String.raw`.* и 135 учреждений из научных кругов, ` +
          String.raw`гражданского общества и частного сектора, присутствовали лично$`,
      ),
      /по данным Homeland Security Today/,
    ],
    [
      'zh',
      /^超过1,000名与会者，代表160个会员国、.*和来自学术界、民间社会和私营部门的135个机构，亲自出席$/,
      /据 Homeland Security Today 报道/,
    ],
    [
      'ar',
      new RegExp(
        String.raw`^أكثر من 1,000 مشارك يمثلون 160 دولة عضواً ` +
          String.raw`.*و135 مؤسسة من الأوساط الأكاديمية ` +
          String.raw`والمجتمع المدني والقطاع الخاص، حضروا شخصياً$`,
      ),
      /حسبما أوردته Homeland Security Today/,
    ],
  ] as const) {
    const r = await anon(lang)(`/events/${HLC}/statistics`);
    assert.match(textOf(r.body, 'published-sentence') ?? '', sentence, lang);
    assert.match(r.body, source, `${lang}: the source in the reader's language`);
  }
  const weekPage = await anon()(`/events/${WEEK}`);
  assert.equal(textOf(weekPage.body, 'published-side-events'), '40 side events co-organized by over 95 stakeholders');
});

test(`recorded figures are shown beside the published ones, never in their place (${dbLabel()})`, async () => {
  const hlc = await eventId(HLC);
  // 1,050 accepted registrations from 150 Member States (fictional people).
  await env.database.db.execute(sql`
    insert into event_registrations (event_id, full_name, email, organization_id, org_type, status, origin)
    select ${hlc}::uuid, 'Participant ' || g || ' (fictional)', 'p' || g || '@figures.example', s.id, 'member_state',
      'accepted', 'import'
    from generate_series(1, 1050) g
    join (select id, row_number() over (order by iso3) as k from organizations
          where type = 'member_state' and not is_demo) s on s.k = 1 + (g % 150)`);
  const page = await anon()(`/events/${HLC}/statistics`);
  assert.equal(textOf(page.body, 'published-sentence'), PUBLISHED_EN, 'the published sentence stays');
  // The published figures' five columns become labelled rows on a phone (no page wider than the screen).
  assert.match(page.body, /<table class="stack">[\s\S]*?<td data-label="Kinds of organizations counted">[^<]*Academia/);
  assert.equal(textOf(page.body, 'recorded-sentence'), '1,050 participants representing 150 Member States');
  // Side by side: published "more than 1,000 (attended in person)", recorded 1,050.
  const table = /<table id="figures-compared">([\s\S]*?)<\/table>/.exec(page.body)![1];
  assert.match(table, /Participants<\/th><td>more than 1,000 \(attended in person\)<\/td><td>1,050<\/td>/);
  assert.match(table, /Member States<\/th><td>160 \(attended in person\)<\/td><td>150<\/td>/);
  assert.match(table, /Institutions<\/th><td>135 \(attended in person\)<\/td><td>0<\/td>/);
  const eventPage = await anon()(`/events/${HLC}`);
  assert.equal(textOf(eventPage.body, 'published-sentence'), PUBLISHED_EN);
  assert.equal(
    textOf(eventPage.body, 'recorded-sentence'),
    'Recorded on this platform: 1,050 participants representing 150 Member States.',
  );
  assert.match(
    eventPage.body,
    /Figures published by the organizers \(source: UNOCT, as reported by Homeland Security Today\)/,
  );
  const apiStats = (await anon()(`/api/v1/events/${HLC}/statistics`)).json() as Record<string, unknown>;
  assert.equal(apiStats.publishedSentence, PUBLISHED_EN);
  assert.equal(apiStats.sentence, PUBLISHED_EN, 'the API’s sentence is the published one');
  assert.equal(apiStats.recordedSentence, '1,050 participants representing 150 Member States');
  assert.equal(apiStats.reported, true);
  // The briefing pack carries both.
  const held = await eventsHeldInPeriod(env.database.db, { from: '2023-06-01', to: '2023-06-30' });
  const h = held.events.find((x) => x.slug === HLC)!;
  assert.equal(h.published?.participants, 1000);
  assert.equal(h.published?.qualifiers?.participants, 'more_than');
  assert.equal(h.recorded?.participants, 1050);
  // The statistics export: both columns, through the one tabular export.
  const csv = await anon()(`/events/${HLC}/statistics/export?format=csv`);
  assert.equal(csv.statusCode, 200);
  assert.match(csv.body, /\r\n#indicator\+code,#indicator\+name,#indicator\+num\+published,/);
  const rows = (await parseTabular(csv.rawPayload, 'stats.csv')).rows;
  const participants = rows.find((r) => r.Code === 'participants')!;
  assert.deepEqual(
    [participants.Published, participants.Wording, participants['Recorded on this platform']],
    ['1000', '“More than”', '1050'],
  );

  // The week: adding one side event shows it as recorded, beside the 40 published ones.
  const week = await eventId(WEEK);
  const [side] = await env.database.db
    .insert(events)
    .values({
      slug: 'figures-test-side-event',
      type: 'side_event',
      parentId: week,
      status: 'published',
      title: { en: { text: 'A fictional side event', status: 'original' } },
      format: 'in_person',
      timeZone: 'America/New_York',
      startsAt: new Date('2023-06-21T14:00:00Z'),
      endsAt: new Date('2023-06-21T15:00:00Z'),
    })
    .returning();
  await adoptPublishedEvents(env.database.db); // a row written behind the services: as an upgrade
  await env.database.db
    .insert(eventOrganizers)
    .values({ eventId: side.id, organizationId: await orgId(env, 'unoct'), role: 'organizer' });
  const weekPage = await anon()(`/events/${WEEK}`);
  assert.equal(textOf(weekPage.body, 'published-side-events'), '40 side events co-organized by over 95 stakeholders');
  assert.equal(
    textOf(weekPage.body, 'recorded-side-events'),
    'Recorded on this platform: 1 side event co-organized by 1 stakeholder.',
  );
  const weekStats = await anon()(`/events/${WEEK}/statistics`);
  assert.match(weekStats.body, /Side events<\/th><td>40<\/td><td>1<\/td>/);
  assert.match(weekStats.body, /Side-event co-organizers<\/th><td>over 95<\/td><td>1<\/td>/);
});

test(`organizers edit the published figures: page and API, checked whole, audited (${dbLabel()})`, async () => {
  const id = await eventId(HLC);
  const form = await coordinator.agent.get(`/events/${HLC}/figures`);
  assert.equal(form.statusCode, 200);
  assert.match(form.body, /name="fig_participants_value"[^>]*value="1000"/);
  const values: Record<string, string | string[]> = {};
  for (const [tag] of form.body.matchAll(/<input[^>]*>/g)) {
    const name = /name="([^"]+)"/.exec(tag)?.[1];
    const value = /value="([^"]*)"/.exec(tag)?.[1] ?? '';
    if (!name || (tag.includes('type="checkbox"') && !/\schecked/.test(tag))) continue;
    const prev = values[name];
    values[name] = prev === undefined ? value : [...(Array.isArray(prev) ? prev : [prev]), value];
  }
  for (const m of form.body.matchAll(/<select[^>]*name="([^"]+)"[\s\S]*?<\/select>/g)) {
    const sel = /<option value="([^"]*)" selected/.exec(m[0]);
    values[m[1]] = sel ? sel[1] : '';
  }
  for (const m of form.body.matchAll(/<textarea[^>]*name="([^"]+)"[^>]*>([\s\S]*?)<\/textarea>/g)) values[m[1]] = m[2];
  delete values._csrf;
  const before = (await env.database.db.select().from(events).where(eq(events.id, id)))[0].publishedFigures;
  // Mistakes: every one said at once, nothing stored.
  const bad = await postForm(env, coordinator.agent, `/events/${HLC}/figures`, {
    ...values,
    src0_url: 'javascript:alert(1)',
    fig_memberStates_value: '-5',
    fig_csos_value: '12',
    fig_csos_source: '3',
  });
  assert.equal(bad.statusCode, 422);
  assert.match(bad.body, /Enter a web address starting with https:\/\//);
  assert.match(bad.body, /Enter a whole number from 0 to 10,000,000/);
  assert.match(bad.body, /Choose one of the sources/);
  assert.deepEqual((await env.database.db.select().from(events).where(eq(events.id, id)))[0].publishedFigures, before);
  // The same form saved unchanged keeps the figures as they were.
  const same = await postForm(env, coordinator.agent, `/events/${HLC}/figures`, values);
  assert.equal(same.statusCode, 303);
  assert.deepEqual((await env.database.db.select().from(events).where(eq(events.id, id)))[0].publishedFigures, before);
  // "about" instead of "more than".
  const about = await postForm(env, coordinator.agent, `/events/${HLC}/figures`, {
    ...values,
    fig_participants_qualifier: 'about',
  });
  assert.equal(about.statusCode, 303);
  assert.match(
    textOf((await anon()(`/events/${HLC}/statistics`)).body, 'published-sentence')!,
    /^About 1,000 participants/,
  );
  // The API: read by anyone who may see the event, replaced by its managers only.
  const got = (await anon()(`/api/v1/events/${HLC}/published-figures`)).json() as { data: PublishedFigures };
  assert.equal(got.data.figures[0].qualifier, 'about');
  const actor = (await loadActor(env.database.db, coordinator.id, 'session', true, []))!.actor;
  const bearer = (
    await createApiToken(
      { db: env.database.db, config: env.config, actor },
      { name: 't', scopes: ['write'], expiresInDays: 1 },
    )
  ).token;
  const put = (body: unknown, auth = true) =>
    env.app.inject({
      method: 'PUT',
      url: `/api/v1/events/${id}/published-figures`,
      payload: JSON.stringify(body),
      headers: { 'content-type': 'application/json', ...(auth ? { authorization: `Bearer ${bearer}` } : {}) },
    });
  const next = {
    sources: [
      { label: { en: { text: 'Organizer’s press release', status: 'original' } }, url: 'https://example.org/r' },
    ],
    figures: [{ kind: 'participants', value: 1100, qualifier: 'more_than', mode: 'in_person', source: 0 }],
  };
  assert.equal((await put(next, false)).statusCode, 401);
  const wrong = await put({ ...next, figures: [{ ...next.figures[0], source: 2 }] });
  assert.equal(wrong.statusCode, 422);
  const ok = await put(next);
  assert.equal(ok.statusCode, 200, ok.body);
  assert.equal(
    textOf((await anon()(`/events/${HLC}/statistics`)).body, 'published-sentence'),
    'More than 1,100 participants attended in person',
  );
  const audits = await env.database.db.select().from(auditLog).where(eq(auditLog.action, 'event.figures.updated'));
  assert.equal(audits.length, 3);
});

test(`migration 0025 carries the old reported figures over with their source (${dbLabel()})`, async () => {
  const db = env.database.db;
  const [e] = await db
    .insert(events)
    .values({
      slug: 'figures-migration-test',
      type: 'conference',
      title: { en: { text: 'Fictional earlier conference', status: 'original' } },
      format: 'in_person',
      timeZone: 'UTC',
      startsAt: new Date('2019-01-01T00:00:00Z'),
      endsAt: new Date('2019-01-02T00:00:00Z'),
    })
    .returning();
  await adoptPublishedEvents(db); // a row written behind the services: as an upgrade
  await db.execute(sql`alter table events add column reported_figures jsonb`);
  await db.execute(
    sql`update events set reported_figures = ${JSON.stringify({
      approximate: true,
      participants: 300,
      memberStates: 40,
      sideEvents: 5,
      sideEventCoOrganizers: 12,
      source: 'Fictional organizer',
    })}::jsonb where id = ${e.id}`,
  );
  const file = readFileSync(new URL('../drizzle/0025_published_figures.sql', import.meta.url), 'utf8');
  for (const statement of file.split('--> statement-breakpoint')) await env.database.exec(statement);
  const [after] = await db.select().from(events).where(eq(events.id, e.id));
  assert.deepEqual(after.publishedFigures, {
    sources: [
      { label: { en: { text: 'Fictional organizer', status: 'original' } }, url: null, quote: null, quoteLang: null },
    ],
    figures: [
      { kind: 'participants', value: 300, qualifier: 'more_than', mode: null, orgKinds: [], source: 0 },
      { kind: 'memberStates', value: 40, qualifier: 'exact', mode: null, orgKinds: [], source: 0 },
      { kind: 'sideEvents', value: 5, qualifier: 'exact', mode: null, orgKinds: [], source: 0 },
      { kind: 'stakeholders', value: 12, qualifier: 'over', mode: null, orgKinds: [], source: 0 },
    ],
  });
  const cols = await env.database.query<{ n: number }>(
    `select count(*)::int as n from information_schema.columns
     where table_name = 'events' and column_name = 'reported_figures'`,
  );
  assert.equal(cols[0].n, 0, 'the old column is gone');
});
