// Browser journeys of the events module: a CSO user registers without JavaScript and gets the e-mail (outbox),
// with the .ics attached; a Member State's focal point registers a delegation (JavaScript off); the listing,
// event and delegation pages pass axe in English and Arabic.
import { test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { mailOutbox } from '../src/platform/mail/mail.schema.ts';
import { organizations } from '../src/modules/directory/directory.schema.ts';
import { eventDelegations, eventRegistrations, events } from '../src/modules/events/events.schema.ts';
import { seedEvents } from '../src/modules/events/index.ts';
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
before(async () => {
  h = await startHarness(import.meta.filename);
  await seedEvents(h.env.database.db, { demo: true });
});
afterEach((t) => h?.keepOnFailure(t));
after(async () => {
  await h?.close();
});

const CSO = 'cso@demo.ctcp.localhost';

test('a CSO user registers (JavaScript off) and gets the e-mail with the calendar file', async () => {
  const { context, page } = await newPage(h, { javaScriptEnabled: false });
  await signIn(page, CSO);
  await page.goto('/events');
  await clickAndWait(page.locator('.event-list a', { hasText: 'Demo roundtable on youth and resilience' }));
  assert.match(await page.locator('h1').innerText(), /Demo roundtable/);
  assert.match(await page.locator('.registration').innerText(), /Seats taken: 4 of 8/);
  await clickAndWait(page.locator('.registration a.button'));
  await clickAndWait(page.locator('main button[type="submit"]'));
  assert.ok(await page.locator('.error-summary').isVisible(), 'the required question is asked for');
  await page.locator('#f-q_interpretation').selectOption('fr');
  await page.locator('#f-attendance').selectOption('virtual');
  await clickAndWait(page.locator('main button[type="submit"]'));
  assert.match(await page.locator('.flash').innerText(), /Registered/);
  assert.match(await page.locator('.registration').innerText(), /You are registered/);
  assert.equal(
    await page.locator('a[href="https://meet.example.org/demo-roundtable"]').count(),
    1,
    'the meeting link for an accepted participant',
  );
  await shot(page, 'event-registered-en');
  const [mail] = await h.env.database.db.select().from(mailOutbox).where(eq(mailOutbox.to, CSO));
  assert.ok(mail, 'the confirmation is in the outbox');
  assert.match(mail.subject, /^Registration confirmed: Demo roundtable/);
  assert.equal(mail.attachments[0]?.filename, 'demo-roundtable-registration.ics');
  assert.match(mail.attachments[0].content, /BEGIN:VEVENT/);
  assert.deepEqual((page as never as { problems: string[] }).problems, []);
  await context.close();
});

test('axe: the events pages in English and Arabic', async () => {
  const found: string[] = [];
  const pages = [
    '/events',
    '/events?when=past',
    '/events/2011-09-sg-symposium-international-ct-cooperation',
    '/events/2023-third-high-level-conference-heads-ct-agencies/statistics',
    '/events/series/unoct-civil-society-roundtables',
    '/events/demo-roundtable-registration/statistics',
  ];
  for (const locale of ['en-US', 'ar']) {
    const { context, page } = await newPage(h, { locale });
    for (const p of pages) {
      await page.goto(p);
      found.push(...(await axeViolations(page)).map((v) => `${locale} ${p}: ${v}`));
    }
    await page.goto('/events/2011-09-sg-symposium-international-ct-cooperation');
    await shot(page, `event-symposium-${locale}`);
    await page.goto('/events/demo-roundtable-registration/statistics');
    await shot(page, `event-statistics-${locale}`);
    await context.close();
  }
  console.log(`# axe (events): ${found.length} violations on ${pages.length * 2} page views`);
  assert.deepEqual(found, []);
});

const STATE = 'state@demo.ctcp.localhost';
const DEMO_EVENT = 'demo-roundtable-registration';
const problems = (page: Page) => (page as unknown as { problems: string[] }).problems;
const submit = (page: Page) => clickAndWait(page.locator('main button[type="submit"]'));

test(
  'a Member State focal point registers a delegation (JavaScript off), ' +
    'each delegate gets the e-mail; the same people are refused again',
  async () => {
    const db = h.env.database.db;
    const [e] = await db.select().from(events).where(eq(events.slug, DEMO_EVENT));
    const [arcadia] = await db
      .select({ id: organizations.id })
      .from(organizations)
      .where(eq(organizations.slug, 'demo-state-arcadia'));
    const accepted = async () =>
      (
        await db
          .select({ n: sql<number>`count(*)::int` })
          .from(eventRegistrations)
          .where(and(eq(eventRegistrations.eventId, e.id), eq(eventRegistrations.status, 'accepted')))
      )[0].n;
    const rowCount = async () =>
      (
        await db
          .select({ n: sql<number>`count(*)::int` })
          .from(eventRegistrations)
          .where(eq(eventRegistrations.eventId, e.id))
      )[0].n;
    // Head of delegation and four members (fictional people): more than the free seats, so the last ones go to the
    // waiting list.
    const people = [
      { role: 'head', name: 'Rania Al-Masri (fictional)', email: 'rania.almasri@arcadia.example' },
      { role: 'member', name: 'Omar Benali (fictional)', email: 'omar.benali@arcadia.example' },
      { role: 'member', name: 'Sofia Lindholm (fictional)', email: 'sofia.lindholm@arcadia.example' },
      { role: 'member', name: 'Kwame Mensah (fictional)', email: 'kwame.mensah@arcadia.example' },
      { role: 'member', name: 'Yuki Tanaka (fictional)', email: 'yuki.tanaka@arcadia.example' },
    ] as const;
    const free = e.capacity! - (await accepted());
    assert.ok(
      free >= 1 && free < people.length,
      `the demo event has some free seats, fewer than the delegation (${free})`,
    );
    const expected = people.map((_, i) => (i < free ? 'accepted' : 'waitlisted'));
    const before = await rowCount();

    const { context, page } = await newPage(h, { javaScriptEnabled: false });
    await signIn(page, STATE, undefined, DEMO_TOTP_SECRET);
    assert.ok(
      !new URL(page.url()).pathname.startsWith('/sign-in'),
      `the focal point signed in with two-factor (at ${page.url()})`,
    );
    await page.goto('/events');
    await clickAndWait(page.locator('.event-list a', { hasText: 'Demo roundtable on youth and resilience' }));
    assert.match(await page.locator('.lead').innerText(), /Demo data/i);
    assert.match(await page.locator('dl.facts').innerText(), /Member State/, 'the event is open to Member States');
    await clickAndWait(page.locator('.registration a', { hasText: 'Register a delegation' }));
    assert.equal(new URL(page.url()).pathname, `/events/${DEMO_EVENT}/delegation`);
    assert.match(await page.locator('h1').innerText(), /^Delegation to Demo roundtable/);
    assert.equal(
      await page.locator('#f-stateOrgId option:checked').innerText(),
      'Republic of Arcadia (fictional, demo)',
      'the focal point’s State',
    );
    assert.equal(await page.locator('#f-locale').inputValue(), 'en');

    const fill = async (list: readonly { name: string; email: string }[]) => {
      await page.locator('#f-attendance').selectOption('in_person');
      await page.locator('#f-headName').fill(list[0].name);
      await page.locator('#f-headEmail').fill(list[0].email);
      for (const [i, p] of list.slice(1).entries()) {
        await page.locator(`#f-member${i + 1}Name`).fill(p.name);
        await page.locator(`#f-member${i + 1}Email`).fill(p.email);
      }
    };

    // 1. Mistakes: the head's address has no domain the server accepts, and a member has an address but no name.
    await fill(people);
    await page.locator('#f-headEmail').fill('rania@arcadia');
    await page.locator('#f-member2Name').fill('');
    await submit(page);
    assert.ok(await page.locator('.error-summary').isVisible(), 'the error summary is shown');
    assert.match(await page.locator('.error-summary').innerText(), /There are 2 problems/);
    assert.match(await page.locator('#f-headEmail-error').innerText(), /Enter an e-mail address/);
    assert.match(await page.locator('#f-member2Name-error').innerText(), /Fill in this field/);
    assert.equal(await page.locator('#f-headEmail').getAttribute('aria-invalid'), 'true');
    assert.equal(await page.locator('#f-member1Name').inputValue(), people[1].name, 'what was typed is kept');
    assert.equal(await rowCount(), before, 'nothing stored');
    assert.equal(
      (await db.select().from(eventDelegations).where(eq(eventDelegations.eventId, e.id))).length,
      0,
      'no delegation either',
    );
    await shot(page, 'event-delegation-errors-en');

    // 2. The delegation, corrected.
    await page.locator('#f-headEmail').fill(people[0].email);
    await page.locator('#f-member2Name').fill(people[2].name);
    await submit(page);
    assert.equal(new URL(page.url()).pathname, `/events/${DEMO_EVENT}/delegation`);
    assert.match(
      await page.locator('.flash').innerText(),
      /The delegation is registered; each member receives an e-mail/,
    );
    assert.equal(await page.locator('.error-summary').count(), 0);
    const listed = await page.locator('main section.narrow > ul > li').allInnerTexts();
    assert.deepEqual(
      listed,
      people.map(
        (p, i) =>
          `${p.name} — ${p.role === 'head' ? 'Head of delegation' : 'Member of the delegation'} ` +
          `— ${expected[i] === 'accepted' ? 'Accepted' : 'Waiting list'}`,
      ),
      'head first, then the members in the order entered, with their status',
    );
    await shot(page, 'event-delegation-registered-en');

    const rows = await db
      .select()
      .from(eventRegistrations)
      .where(
        and(
          eq(eventRegistrations.eventId, e.id),
          inArray(
            eventRegistrations.email,
            people.map((p) => p.email),
          ),
        ),
      );
    assert.equal(rows.length, people.length, 'one registration per person');
    const [delegation] = await db.select().from(eventDelegations).where(eq(eventDelegations.eventId, e.id));
    assert.equal(delegation.stateOrgId, arcadia.id);
    for (const [i, p] of people.entries()) {
      const r = rows.find((x) => x.email === p.email);
      assert.ok(r, p.email);
      assert.deepEqual(
        [
          r.fullName,
          r.delegationRole,
          r.organizationId,
          r.orgType,
          r.status,
          r.attendance,
          r.delegationId,
          r.userId,
          r.locale,
        ],
        [p.name, p.role, arcadia.id, 'member_state', expected[i], 'in_person', delegation.id, null, 'en'],
        p.email,
      );
      const mails = await db.select().from(mailOutbox).where(eq(mailOutbox.to, p.email));
      assert.equal(mails.length, 1, `one e-mail to ${p.email}`);
      if (expected[i] === 'accepted') {
        assert.match(mails[0].subject, /^Registration confirmed: Demo roundtable/);
        assert.equal(mails[0].attachments[0]?.filename, `${DEMO_EVENT}.ics`);
        assert.match(mails[0].attachments[0].content, /BEGIN:VEVENT/);
      } else {
        assert.match(mails[0].subject, /^On the waiting list: Demo roundtable/);
        assert.deepEqual(mails[0].attachments, [], 'no calendar file for the waiting list');
      }
      assert.match(mails[0].text, new RegExp(p.name.replace(/[()]/g, '\\$&')), 'addressed by name');
    }
    assert.equal(await accepted(), e.capacity, 'the free seats went to the delegation, no more');

    // 3. The same people again: refused field by field, nothing stored.
    const after1 = await rowCount();
    const mailsBefore = (await db.select({ n: sql<number>`count(*)::int` }).from(mailOutbox))[0].n;
    await fill([
      people[0],
      people[1],
      { name: 'Lena Novak (fictional)', email: 'lena.novak@arcadia.example' },
      people[3],
    ]);
    await submit(page);
    assert.match(await page.locator('.error-summary').innerText(), /There are 3 problems/);
    for (const [f, p] of [
      ['headEmail', people[0]],
      ['member1Email', people[1]],
      ['member3Email', people[3]],
    ] as const)
      assert.equal(
        await page.locator(`#f-${f}-error`).innerText(),
        `${p.email} is already registered for this event.`,
        f,
      );
    assert.equal(await page.locator('#f-member2Email-error').count(), 0, 'the new person is not in error');
    assert.equal(await rowCount(), after1, 'no new registration (not even the new person)');
    assert.equal((await db.select({ n: sql<number>`count(*)::int` }).from(mailOutbox))[0].n, mailsBefore, 'no e-mail');
    await shot(page, 'event-delegation-already-registered-en');
    assert.deepEqual(problems(page), []);

    // 4. axe needs JavaScript: the same signed-in focal point in a second window with it on, in English then in Arabic
    // (a browser set to Arabic, and the focal point chooses العربية, which becomes their setting).
    const found: string[] = [];
    for (const locale of ['en-US', 'ar']) {
      const w = await newPage(h, { locale });
      await w.context.addCookies(await context.cookies());
      await w.page.goto(`/events/${DEMO_EVENT}/delegation`);
      if (locale === 'ar') {
        await clickAndWait(w.page.locator('nav.languages a', { hasText: 'العربية' }));
        assert.equal(new URL(w.page.url()).pathname, `/events/${DEMO_EVENT}/delegation`);
        assert.equal(await w.page.locator('html').getAttribute('dir'), 'rtl');
        assert.equal(await w.page.locator('html').getAttribute('lang'), 'ar');
        const list = await w.page.locator('main section.narrow > ul').innerText();
        assert.match(list, /Rania Al-Masri \(fictional\) — رئيس الوفد — مقبول/);
        assert.match(list, /Yuki Tanaka \(fictional\) — عضو الوفد — قائمة الانتظار/);
        await shot(w.page, 'event-delegation-ar');
      }
      found.push(...(await axeViolations(w.page)).map((v) => `${locale} form: ${v}`));
      // The form with errors: a member with an address and no name.
      await w.page.locator('#f-attendance').selectOption('virtual');
      await w.page.locator('#f-headName').fill('Lena Novak (fictional)');
      await w.page.locator('#f-headEmail').fill('lena.novak@arcadia.example');
      await w.page.locator('#f-member1Email').fill('nameless@arcadia.example');
      await submit(w.page);
      assert.equal(
        await w.page.locator('#f-member1Name-error').count(),
        1,
        `${locale}: the missing name is pointed out`,
      );
      if (locale === 'ar') {
        assert.equal(await w.page.locator('#f-member1Name-error').innerText(), 'املأ هذا الحقل.');
        await shot(w.page, 'event-delegation-errors-ar');
      }
      found.push(...(await axeViolations(w.page)).map((v) => `${locale} form with errors: ${v}`));
      assert.deepEqual(problems(w.page), []);
      await w.context.close();
    }
    assert.equal(await rowCount(), after1, 'still nothing new');
    await context.close();
    console.log(`# axe (delegation): ${found.length} violations on 4 page views`);
    assert.deepEqual(found, []);
  },
);
