// Browser journeys of the forms people meet first: the time zone asked at the first sign-in (the browser's own zone
// with JavaScript, a searchable list), eligibility said before any form, every error in one round with JavaScript on
// (the server checks, the browser does not: novalidate), the new-event form's first step in Arabic with each
// language row in its own direction, and a draft event badged and published by its button. English and Arabic, 1366
// and 390 px wide.
import { test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { eventOrganizers, events } from '../src/modules/events/events.schema.ts';
import { seedEvents } from '../src/modules/events/index.ts';
import { orgId } from '../test/helper.ts';
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

const DEMO_EVENT = 'demo-roundtable-registration';
const problems = (page: Page) => (page as unknown as { problems: string[] }).problems;

/** No horizontal scrolling at 390 and 1366 px wide; a screenshot at each. */
async function fitsBothWidths(page: Page, name: string) {
  for (const width of [390, 1366]) {
    await page.setViewportSize({ width, height: 900 });
    const [sw, cw] = await page.evaluate(() => [
      document.documentElement.scrollWidth,
      document.documentElement.clientWidth,
    ]);
    assert.ok(sw <= cw, `${name}: no horizontal scrolling at ${width} px (${sw} > ${cw})`);
    await shot(page, `${name}-${width}`);
  }
}

test('first sign-in: time zone asked, the browser’s own, a searchable list; eligibility before any form', async () => {
  const { context, page } = await newPage(h, { timezoneId: 'Africa/Nairobi' });
  await signIn(page, 'observer@demo.ctcp.localhost', undefined, undefined, { keepTimeZoneStep: true });
  assert.equal(new URL(page.url()).pathname, '/account/time-zone');
  // The observer's organization is not known (UTC from the server); the browser says Nairobi.
  assert.equal(await page.locator('#f-timeZone').inputValue(), 'Africa/Nairobi');
  assert.match(await page.locator('#f-timeZone-hint').innerText(), /Suggested from this browser’s setting/);
  await page.locator('#f-timeZone-search').fill('bangk');
  const visible = await page.locator('#f-timeZone option:not([hidden])').allInnerTexts();
  assert.ok(visible.length >= 1 && visible.every((o) => /Bangkok/.test(o)), `only Bangkok: ${visible.join(' | ')}`);
  await page.locator('#f-timeZone-search').fill('');
  assert.deepEqual(await axeViolations(page), []);
  await fitsBothWidths(page, 'time-zone-first-sign-in-en');
  await clickAndWait(page.locator('main button[type="submit"]'));
  assert.equal(new URL(page.url()).pathname, '/');
  assert.match(await page.locator('.flash').innerText(), /Your time zone was saved/);

  // The demo event is held in Nairobi: no "in your time zone (UTC)" any more. The observer has no organization and
  // the event is not open to "other": the page says so, and offers no form.
  await page.goto(`/events/${DEMO_EVENT}`);
  assert.doesNotMatch(await page.locator('main').innerText(), /In your time zone \(UTC\)/);
  const box = await page.locator('.registration').innerText();
  assert.match(box, /Registration needs an organization/);
  assert.equal(await page.locator('.registration a.button').count(), 0);
  await page.goto(`/events/${DEMO_EVENT}/register`);
  assert.match(await page.locator('main').innerText(), /Registration needs an organization/);
  assert.equal(await page.locator(`main form[action="/events/${DEMO_EVENT}/register"]`).count(), 0);
  assert.doesNotMatch(await page.locator('main').innerText(), /Reference/);
  assert.deepEqual(await axeViolations(page), []);
  await fitsBothWidths(page, 'registration-not-eligible-en');
  await page.goto(`/lang/ar?next=/events/${DEMO_EVENT}/register`);
  assert.deepEqual(await axeViolations(page), []);
  await fitsBothWidths(page, 'registration-not-eligible-ar');
  assert.deepEqual(problems(page), []);
  await context.close();
});

test('registration, JavaScript on: every error in one round, named in the summary; then status, no form', async () => {
  const { context, page } = await newPage(h);
  await signIn(page, 'cso@demo.ctcp.localhost');
  await page.goto(`/events/${DEMO_EVENT}`);
  await clickAndWait(page.locator('.registration a.button'));
  // The browser does not stop the form (novalidate): the server answers once, with both problems.
  await clickAndWait(page.locator('main button[type="submit"]'));
  const summary = await page.locator('.error-summary li').allInnerTexts();
  assert.equal(summary.length, 2, summary.join(' | '));
  assert.match(summary.join('\n'), /^Participation: Choose whether you will take part in person or online\.$/m);
  assert.match(summary.join('\n'), /^Interpretation needed: /m);
  assert.equal(await page.locator('.error-summary a').first().getAttribute('href'), '#f-attendance');
  assert.equal(await page.locator('#f-attendance').getAttribute('aria-invalid'), 'true');
  assert.deepEqual(await axeViolations(page), []);
  await fitsBothWidths(page, 'registration-errors-en');
  await page.locator('#f-q_interpretation').selectOption('none');
  await page.locator('#f-attendance').selectOption('virtual');
  await clickAndWait(page.locator('main button[type="submit"]'));
  assert.match(await page.locator('.registration').innerText(), /You are registered/);
  await page.goto(`/events/${DEMO_EVENT}/register`);
  assert.match(await page.locator('main').innerText(), /You are registered for this event/);
  // Cancelling goes through its confirmation page: a link styled as a danger button.
  assert.equal(await page.locator(`main a.danger[href="/events/${DEMO_EVENT}/cancel"]`).count(), 1);
  await fitsBothWidths(page, 'registration-registered-en');
  assert.deepEqual(problems(page), []);
  await context.close();
});

test('Arabic: the new-event form’s language rows carry their direction; a draft is badged and published', async () => {
  const db = h.env.database.db;
  const slug = `forms-draft-${randomUUID().slice(0, 8)}`;
  const start = new Date(Date.now() + 20 * 86400_000);
  const [e] = await db
    .insert(events)
    .values({
      slug,
      type: 'briefing',
      status: 'draft',
      title: { en: { text: 'Draft briefing (fictional)', status: 'original' } },
      format: 'virtual',
      timeZone: 'Europe/Vienna',
      startsAt: start,
      endsAt: new Date(start.getTime() + 3600_000),
      registrationMode: 'automatic',
      openTo: ['un_entity', 'member_state'],
    })
    .returning();
  await db
    .insert(eventOrganizers)
    .values({ eventId: e.id, organizationId: await orgId(h.env, 'unoct'), role: 'organizer' });

  const { context, page } = await newPage(h);
  await signIn(page, 'admin@demo.ctcp.localhost', undefined, DEMO_TOTP_SECRET);
  await page.goto('/lang/ar?next=/events');
  // "New event" in the menu and in the list, for someone who may create events.
  assert.equal(await page.locator('nav.main-nav a[href="/events/new"]').count(), 1);
  await clickAndWait(page.locator('main a[href="/events/new"]'));
  for (const [lang, dir] of [
    ['ar', 'rtl'],
    ['en', 'ltr'],
    ['zh', 'ltr'],
  ]) {
    const row = page.locator(`fieldset.translations .translation-row[lang="${lang}"]`).first();
    assert.equal(await row.getAttribute('dir'), dir, `${lang} row`);
  }
  // An English row reads from the left, its input at the row's left edge; the Arabic row from the right.
  const enRow = (await page.locator('.translation-row[lang="en"]').first().boundingBox())!;
  const enInput = (await page.locator('#f-title_en').boundingBox())!;
  assert.ok(Math.abs(enInput.x - enRow.x) < 2, 'the English input starts at the left of its row');
  const arRow = (await page.locator('.translation-row[lang="ar"]').first().boundingBox())!;
  const arInput = (await page.locator('#f-title_ar').boundingBox())!;
  assert.ok(Math.abs(arInput.x + arInput.width - (arRow.x + arRow.width)) < 2, 'the Arabic input ends at the right');
  // The hint's example reads in order inside the Arabic sentence (isolated).
  assert.equal(await page.locator('#f-slug-hint bdi').innerText(), '2026-roundtable-youth');
  // One round of the first step's errors, in Arabic, each named by its field.
  await clickAndWait(page.locator('main .form-buttons button[value="next"]'));
  const errors = await page.locator('.error-summary li').allInnerTexts();
  assert.ok(errors.length >= 2, errors.join(' | '));
  assert.ok(
    errors.some((x) => x.includes('العنوان')),
    'the title is named',
  );
  assert.deepEqual(await axeViolations(page), []);
  await fitsBothWidths(page, 'event-new-errors-ar');

  // The draft: badged in the list, its page says Draft and offers the publish button.
  await page.goto('/lang/en?next=/events');
  const item = page.locator('.event-list li', { hasText: 'Draft briefing (fictional)' });
  assert.equal(await item.locator('.badge.draft').innerText(), 'Draft');
  await clickAndWait(item.locator('a').first());
  assert.match(await page.locator('.notice.draft').innerText(), /This event is a draft/);
  assert.match(await page.locator('.registration').innerText(), /Registration opens once the event is published/);
  assert.deepEqual(await axeViolations(page), []);
  await fitsBothWidths(page, 'event-draft-en');
  // Publishing goes through two signatures: the admin submits the text, the demo coordinator approves it, the admin
  // publishes it.
  await clickAndWait(page.locator('.notice.draft a[href$="/publishing"]'));
  await clickAndWait(page.locator('#submit-revision'));
  const coordinator = await newPage(h);
  await signIn(coordinator.page, 'coordinator@demo.ctcp.localhost', undefined, DEMO_TOTP_SECRET);
  await coordinator.page.goto(`/events/${slug}/publishing`);
  await clickAndWait(coordinator.page.locator('#approve-revision'));
  await coordinator.context.close();
  await page.reload();
  await clickAndWait(page.locator('#publish-revision'));
  await page.goto(`/events/${slug}`);
  assert.equal(await page.locator('main .badge.draft').count(), 0);
  assert.equal(await page.locator('.registration a.button').count(), 1);
  await page.goto('/lang/ar?next=/events/' + slug);
  assert.deepEqual(await axeViolations(page), []);
  await fitsBothWidths(page, 'event-published-ar');
  assert.deepEqual(problems(page), []);
  await context.close();
});
