// Browser journey of the secretariat (the demo UNOCT coordinator, with two-factor): approves a moderated registration,
// runs the speakers' list (adds, orders, calls — the room view updates live through server-sent events), records a
// statement, writes the Chair's Summary and generates the outcome report (print stylesheet). Then axe on the new pages
// in English and Arabic, and the participation sentence in Arabic and Russian.
import { zonedTime } from '../src/platform/i18n/time.ts';
import { test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { users } from '../src/platform/auth/auth.schema.ts';
import { organizations } from '../src/modules/directory/directory.schema.ts';
import {
  eventOrganizers,
  eventRegistrations,
  eventSessions,
  events,
  eventSideEventProposals,
} from '../src/modules/events/events.schema.ts';
import { adoptPublishedEvents, seedEvents } from '../src/modules/events/index.ts';

import {
  DEMO_TOTP_SECRET,
  axeViolations,
  clickAndWait,
  newPage,
  shot,
  signIn,
  startHarness,
  type Harness,
} from './harness.ts';

let h: Harness;
const SLUG = 'demo-interactive-dialogue';
const WEEK = 'demo-week-2031';
let sid = '';
let proposalId = '';
const orgIdOf = async (slug: string) =>
  (await h.env.database.db.select({ id: organizations.id }).from(organizations).where(eq(organizations.slug, slug)))[0]
    .id;

before(async () => {
  h = await startHarness(import.meta.filename);
  const db = h.env.database.db;
  await seedEvents(db, { demo: true });
  // A fictional upcoming event with moderated registration and an interactive segment; the demo CSO user is pending.
  const day = new Date(Date.now() + 14 * 86400_000).toISOString().slice(0, 10);
  const tz = 'America/New_York';
  const [e] = await db
    .insert(events)
    .values({
      slug: SLUG,
      type: 'conference',
      status: 'published',
      format: 'in_person',
      venue: 'Demo venue (fictional)',
      timeZone: tz,
      startsAt: zonedTime(`${day}T09:00`, tz)!,
      endsAt: zonedTime(`${day}T17:00`, tz)!,
      title: {
        en: { text: 'Demo interactive dialogue (fictional)', status: 'original' },
        ar: { text: 'حوار تفاعلي تجريبي (خيالي)', status: 'draft' },
      },
      registrationMode: 'moderated',
      capacity: 20,
      isDemo: true,
    })
    .returning();
  await db.insert(eventOrganizers).values({ eventId: e.id, organizationId: await orgIdOf('unoct'), role: 'organizer' });
  const [s] = await db
    .insert(eventSessions)
    .values({
      eventId: e.id,
      kind: 'interactive_segment',
      title: {
        en: { text: 'Interactive segment: partnerships', status: 'original' },
        ar: { text: 'الجزء التفاعلي: الشراكات', status: 'draft' },
      },
      startsAt: zonedTime(`${day}T10:00`, tz)!,
      endsAt: zonedTime(`${day}T12:00`, tz)!,
      statementMinutes: 5,
    })
    .returning();
  sid = s.id;
  const [cso] = await db.select().from(users).where(eq(users.email, 'cso@demo.ctcp.localhost'));
  await db.insert(eventRegistrations).values({
    eventId: e.id,
    userId: cso.id,
    fullName: cso.name,
    email: cso.email,
    organizationId: await orgIdOf('demo-coastal-peacebuilders'),
    orgType: 'cso',
    status: 'pending',
    submittedBy: cso.id,
  });
  // An umbrella week with one proposal, for the axe pass over the side-event pages.
  const [w] = await db
    .insert(events)
    .values({
      slug: WEEK,
      type: 'week',
      status: 'published',
      format: 'in_person',
      timeZone: tz,
      allDay: true,
      startsAt: zonedTime(`${day}T00:00`, tz)!,
      endsAt: zonedTime(`${day}T23:59`, tz)!,
      title: { en: { text: 'Demo week (fictional)', status: 'original' } },
      isDemo: true,
    })
    .returning();
  await db.insert(eventOrganizers).values({ eventId: w.id, organizationId: await orgIdOf('unoct'), role: 'organizer' });
  const [p] = await db
    .insert(eventSideEventProposals)
    .values({
      weekId: w.id,
      proposerOrgId: await orgIdOf('demo-coastal-peacebuilders'),
      coOrganizerOrgIds: [await orgIdOf('unodc')],
      title: 'Youth and resilience (fictional)',
      summary: 'A fictional proposal.',
      language: 'en',
      format: 'hybrid',
      proposedBy: cso.id,
    })
    .returning();
  proposalId = p.id;
  // Rows written behind the services: recorded as the upgrade records events published before the workflow.
  await adoptPublishedEvents(db);
});
afterEach((t) => h?.keepOnFailure(t));
after(async () => {
  await h?.close();
});

const submit = (page: Page, scope = 'main') => clickAndWait(page.locator(`${scope} button[type="submit"]`).last());

test(
  'the secretariat approves a registration, runs the speakers’ list, ' +
    'records a statement, writes the Chair’s Summary and generates the report',
  async () => {
    const { context, page } = await newPage(h);
    await signIn(page, 'coordinator@demo.ctcp.localhost', undefined, DEMO_TOTP_SECRET);
    // 1. approve the moderated registration
    await page.goto(`/events/${SLUG}/registrations?status=pending`);
    await clickAndWait(page.locator('form[action$="/decision"]:has(input[value="accept"]) button'));
    assert.match(await page.locator('.flash').innerText(), /Decision saved/);
    const [reg] = await h.env.database.db
      .select()
      .from(eventRegistrations)
      .where(eq(eventRegistrations.email, 'cso@demo.ctcp.localhost'));
    assert.equal(reg.status, 'accepted');
    // 2. the speakers' list, with the room view open in a second tab (JavaScript on: live through server-sent events)
    const room = await context.newPage();
    await room.goto(`/events/${SLUG}/sessions/${sid}/room`);
    assert.match(await room.locator('#floor-live').innerText(), /Nobody has the floor/);
    await page.goto(`/events/${SLUG}/sessions/${sid}/speakers`);
    for (const [org, name] of [
      ['Republic of Arcadia (fictional, demo)', 'Ambassador A. (fictional)'],
      ['United Nations Office on Drugs and Crime', ''],
    ] as const) {
      await page.locator('#f-organizationId').selectOption({ label: org });
      await page.locator('#f-speakerName').fill(name);
      await clickAndWait(page.locator('form[action$="/speakers"] button[type="submit"]'));
      assert.match(await page.locator('.flash').innerText(), /Delegation added/);
    }
    await clickAndWait(
      page
        .locator('.floor-list li', { hasText: 'United Nations Office on Drugs and Crime' })
        .locator('button', { hasText: 'Move up' }),
    );
    assert.match(await page.locator('.floor-list li').first().innerText(), /United Nations Office on Drugs and Crime/);
    await clickAndWait(page.locator('form[action$="/speakers/next"] button'));
    assert.match(await page.locator('.speaker-now').innerText(), /United Nations Office on Drugs and Crime/);
    assert.match(await page.locator('.timer').innerText(), /5 minutes, until/);
    await room.waitForFunction(
      () => /United Nations Office on Drugs and Crime/.test(document.querySelector('.speaker-now')?.textContent ?? ''),
      null,
      { timeout: 10_000 },
    );
    await room.waitForFunction(
      () => /\d:\d\d/.test(document.querySelector('.timer-remaining')?.textContent ?? ''),
      null,
      { timeout: 5_000 },
    );
    await shot(room, 'event-room-view-en');
    await clickAndWait(page.locator('form[action$="/speakers/next"] button'));
    assert.match(await page.locator('.speaker-now').innerText(), /Republic of Arcadia/);
    await room.waitForFunction(() => /Arcadia/.test(document.querySelector('.speaker-now')?.textContent ?? ''), null, {
      timeout: 10_000,
    });
    await shot(page, 'event-speakers-list-en');
    assert.deepEqual((room as never as { problems: string[] }).problems ?? [], []);
    // 3. a statement
    await page.goto(`/events/${SLUG}/sessions/${sid}/statements/new`);
    await page.locator('#f-organizationId').selectOption({ label: 'Republic of Arcadia (fictional, demo)' });
    await page.locator('#f-speakerName').fill('Ambassador A. (fictional)');
    await page.locator('#f-body').fill('Arcadia supports a regional network of practitioners.');
    await submit(page);
    assert.match(await page.locator('.flash').innerText(), /Statement recorded/);
    assert.match(await page.locator('ul.statements').innerText(), /Arcadia supports a regional network/);
    // 4. the Chair's Summary
    await page.goto(`/events/${SLUG}/summary`);
    await page
      .locator('#f-conclusions')
      .fill('Partnerships with civil society strengthen prevention.\nHuman rights are central to every measure.');
    await page.locator('#f-recommendations').fill('Establish a regional network of practitioners.');
    await submit(page);
    // Saved as a draft: its publishing page shows the text to be signed by two people.
    assert.match(await page.locator('#version-en').innerText(), /Partnerships with civil society/);
    // 5. the outcome report, also as printed
    await page.goto(`/events/${SLUG}/report`);
    assert.match(await page.locator('h1').innerText(), /^Outcome report: Demo interactive dialogue/);
    const report = await page.locator('article.report').innerText();
    for (const m of [
      /Interactive segment: partnerships/,
      /2 delegations took the floor/,
      /Arcadia supports a regional network/,
      /Establish a regional network of practitioners\./,
    ])
      assert.match(report, m);
    await page.emulateMedia({ media: 'print' });
    assert.equal(await page.locator('.site-header').isVisible(), false, 'no site chrome in print');
    await shot(page, 'event-outcome-report-print');
    await page.emulateMedia({ media: 'screen' });
    assert.deepEqual((page as never as { problems: string[] }).problems, []);
    await context.close();
  },
);

test('axe: the new events pages in English and Arabic', async () => {
  const found: string[] = [];
  const { context, page } = await newPage(h);
  await signIn(page, 'admin@demo.ctcp.localhost', undefined, DEMO_TOTP_SECRET);
  await page.goto(`/events/${SLUG}/actions`);
  // The follow-up action made from the Chair's Summary's recommendation (the journey above): its page is checked too.
  const actionLinks = page.locator('main a[href*="/actions/"]');
  assert.equal(await actionLinks.count(), 1, 'one follow-up action, from the recommendation in the Chair’s Summary');
  const actionHref = await actionLinks.getAttribute('href');
  assert.ok(actionHref, 'the action has a page');
  const pages = [
    '/events/new',
    `/events/${SLUG}/edit`,
    `/events/${SLUG}/programme`,
    `/events/${SLUG}/sessions/new`,
    `/events/${SLUG}/sessions/${sid}/edit`,
    `/events/${SLUG}/documents`,
    `/events/${SLUG}/sessions/${sid}/speakers`,
    `/events/${SLUG}/sessions/${sid}/room`,
    `/events/${SLUG}/sessions/${sid}/statements/new`,
    '/events/statements',
    `/events/${SLUG}/summary`,
    `/events/${SLUG}/actions`,
    actionHref,
    `/events/${SLUG}/report`,
    `/events/${SLUG}`,
    `/events/${WEEK}/side-events/propose`,
    `/events/${WEEK}/side-events/proposals`,
    `/events/${WEEK}/side-events/proposals/${proposalId}`,
  ];
  for (const lang of ['en', 'ar']) {
    await page.goto(`/lang/${lang}?next=/events`);
    for (const p of pages) {
      const res = await page.goto(p);
      assert.equal(res?.status(), 200, `${lang} ${p}`);
      found.push(...(await axeViolations(page)).map((v) => `${lang} ${p}: ${v}`));
    }
    await page.goto(`/events/${SLUG}/sessions/${sid}/speakers`);
    await shot(page, `event-speakers-list-${lang}`);
  }
  console.log(`# axe (events, secretariat pages): ${found.length} violations on ${pages.length * 2} page views`);
  assert.deepEqual(found, []);
  await context.close();
});

test('the participation sentence in Arabic and Russian, with their plural forms', async () => {
  for (const [locale, re] of [
    [
      'ar',
      /أكثر من 1,000 مشارك يمثلون 160 دولة عضواً و23 منظمة إقليمية ودولية و23 كياناً تابعاً للأمم المتحدة و135 مؤسسة/,
    ],
    [
      'ru',
      new RegExp(
        /Более 1\s000 участников, представляющих 160 государств-членов, /.source +
          /23 региональные и международные организации, /.source +
          /23 структуры Организации Объединенных Наций и 135 учреждений/.source,
      ),
    ],
  ] as const) {
    const { context, page } = await newPage(h, { locale });
    await page.goto('/events/2023-third-high-level-conference-heads-ct-agencies/statistics');
    assert.match(await page.locator('main .lead').innerText(), re);
    await context.close();
  }
});
