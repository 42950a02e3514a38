// Browser journeys of the events module: a CSO user registers without JavaScript and gets the e-mail (outbox),
// with the .ics attached; the listing and event pages pass axe in English and Arabic.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import { mailOutbox } from '../src/platform/mail/mail.schema.ts';
import { seedEvents } from '../src/modules/events/events.seed.ts';
import { axeViolations, newPage, shot, signIn, startHarness, type Harness } from './harness.ts';

let h: Harness;
before(async () => { h = await startHarness(); await seedEvents(h.env.database.db, { demo: true }); });
after(async () => { await h?.close(); });

const CSO = 'cso@demo.ctcp.localhost';

test('a CSO user registers (JavaScript off) and gets the e-mail with the calendar file', async () => {
  const { context, page } = await newPage(h, { javaScriptEnabled: false });
  await signIn(page, CSO);
  await page.goto('/events');
  await page.locator('.event-list a', { hasText: 'Demo roundtable on youth and resilience' }).click();
  await page.waitForLoadState('load');
  assert.match(await page.locator('h1').innerText(), /Demo roundtable/);
  assert.match(await page.locator('.registration').innerText(), /Seats taken: 4 of 8/);
  await page.locator('.registration a.button').click();
  await page.waitForLoadState('load');
  await page.locator('main button[type="submit"]').click();
  await page.waitForLoadState('load');
  assert.ok(await page.locator('.error-summary').isVisible(), 'the required question is asked for');
  await page.locator('#f-q_interpretation').selectOption('fr');
  await page.locator('#f-attendance').selectOption('virtual');
  await page.locator('main button[type="submit"]').click();
  await page.waitForLoadState('load');
  assert.match(await page.locator('.flash').innerText(), /Registered/);
  assert.match(await page.locator('.registration').innerText(), /You are registered/);
  assert.equal(await page.locator('a[href="https://meet.example.org/demo-roundtable"]').count(), 1, 'the meeting link for an accepted participant');
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
  const pages = ['/events', '/events?when=past', '/events/2011-09-sg-symposium-international-ct-cooperation', '/events/2023-third-high-level-conference-heads-ct-agencies/statistics', '/events/series/unoct-civil-society-roundtables', '/events/demo-roundtable-registration/statistics'];
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
