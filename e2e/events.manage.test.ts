// Browser journey of the organizers' management area: a new event made through the form's steps (with JavaScript:
// searchable organization pickers and the browser's time zone; without: plain selects, the venue's country's zone,
// the questions' editor by its buttons), its answers checked and one step changed, then the overview and a clone.
// English and Arabic with JavaScript (axe, contrast and width checked at 1366 and 390 px), Arabic without.
import { test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
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
import { contrastProblems, widthProblems } from './checks.ts';

let h: Harness;
before(async () => {
  h = await startHarness(import.meta.filename);
});
afterEach((t) => h?.keepOnFailure(t));
after(async () => {
  await h?.close();
});

/** axe, contrast and width at both widths (they run in the page: with JavaScript only); a screenshot at each. */
async function checked(page: Page, name: string, js: boolean) {
  for (const width of [390, 1366]) {
    await page.setViewportSize({ width, height: 900 });
    if (!js) {
      await shot(page, `${name}-${width}`);
      continue;
    }
    assert.deepEqual(await axeViolations(page), [], `${name} at ${width} px: axe`);
    assert.deepEqual(await contrastProblems(page), [], `${name} at ${width} px: contrast`);
    assert.deepEqual(await widthProblems(page), [], `${name} at ${width} px: width`);
    await shot(page, `${name}-${width}`);
  }
}
const next = (page: Page) => clickAndWait(page.locator('main .form-buttons button[value="next"]'));
const step = async (page: Page, n: number) =>
  assert.match(await page.locator('main .step-count').innerText(), new RegExp(`\\b${n}\\b`));

// Every page is checked by axe, contrast and width at two widths: a slow machine needs more than the usual time.
for (const run of [
  { lang: 'en', js: true, slug: 'journey-steps-en', zone: 'Asia/Tokyo' },
  { lang: 'ar', js: true, slug: 'journey-steps-ar-js', zone: 'Asia/Tokyo' },
  { lang: 'ar', js: false, slug: 'journey-steps-ar', zone: 'Europe/Vienna' },
] as const)
  test(`event form in steps, check, overview, clone (${run.lang}, JS ${run.js ? 'on' : 'off'})`, {
    timeout: 900_000,
  }, async () => {
    const tag = `${run.lang}-${run.js ? 'js' : 'nojs'}`;
    const { context, page } = await newPage(h, { javaScriptEnabled: run.js, timezoneId: 'Asia/Tokyo' });
    await signIn(page, 'admin@demo.ctcp.localhost', undefined, DEMO_TOTP_SECRET);
    await page.goto(`/lang/${run.lang}?next=/events/new`);
    await step(page, 1);
    await checked(page, `event-step1-${tag}`, run.js);
    await page.locator('#f-slug').fill(run.slug);
    await page.locator(`#f-title_${run.lang}`).fill(`Journey roundtable (${run.lang}, fictional)`);
    await next(page);
    await step(page, 2);
    await page.locator('#f-format').selectOption('in_person');
    // Without JavaScript, the venue names a country and its zone is suggested; with it, the browser's zone is.
    await page.locator('#f-venue').fill(run.js ? 'Online studio' : 'Vienna International Centre, Vienna, Austria');
    await next(page);
    await step(page, 3);
    assert.equal(await page.locator('#f-timeZone').inputValue(), run.zone);
    assert.match(await page.locator('#f-timeZone-hint').innerText(), run.js ? /Asia\/Tokyo/ : /(Austria|النمسا)/);
    await checked(page, `event-step3-${tag}`, run.js);
    await page.locator('#f-startsAt').fill('2031-05-10T09:00');
    await page.locator('#f-endsAt').fill('2031-05-10T17:00');
    await next(page);
    await step(page, 4);
    const unoct = await orgId(h.env, 'unoct');
    if (run.js) {
      // The searchable picker: no Ctrl-click, a filter box and check boxes; the select is what the form sends.
      assert.equal(await page.locator('#f-organizers').isVisible(), false);
      const name = await page.locator(`#f-organizers option[value="${unoct}"]`).textContent();
      await page.locator('#f-organizers-filter').fill((name ?? '').split(' — ')[0]);
      const shown = page.locator('#f-organizers ~ .filter-list .checkbox:not([hidden]) label');
      assert.equal(await shown.count(), 1, (await shown.allInnerTexts()).join(' | '));
      await shown.first().click();
      assert.match(await page.locator('#f-organizers ~ p.hint').innerText(), /· .*1\D*$/, 'one shown, one chosen');
      assert.deepEqual(
        await page
          .locator('#f-organizers')
          .evaluate((s: HTMLSelectElement) => [...s.selectedOptions].map((o) => o.value)),
        [unoct],
      );
    } else {
      assert.equal(await page.locator('#f-organizers').isVisible(), true, 'a plain multiple select');
      await page.locator('#f-organizers').selectOption([unoct]);
    }
    await checked(page, `event-step4-${tag}`, run.js);
    await next(page);
    await step(page, 5);
    // The questions' editor: "Add a question" gives a row (a request to the server, JavaScript or not).
    await clickAndWait(page.locator('main button[value="add"]'));
    await page.locator('#f-q_label_0').fill('Interpretation needed');
    await page.locator('#f-q_kind_0').selectOption('choice');
    await page.locator('#f-q_options_0').fill('None\nFrench\nArabic');
    await clickAndWait(page.locator('main button[value="add"]'));
    await page.locator('#f-q_label_1').fill('To be removed');
    await clickAndWait(page.locator('main button[value="remove-1"]'));
    assert.equal(await page.locator('#f-q_label_1').count(), 0);
    assert.equal(await page.locator('#f-q_label_0').inputValue(), 'Interpretation needed');
    await checked(page, `event-step5-${tag}`, run.js);
    await next(page);
    // Check your answers: every step, each with its Change button.
    assert.equal(await page.locator('main .answers section').count(), 5);
    assert.match(await page.locator('main .answers').innerText(), /None · French · Arabic/);
    await checked(page, `event-check-${tag}`, run.js);
    await clickAndWait(page.locator('main button[value="step-place"]'));
    await step(page, 2);
    await page.locator('#f-venue').fill(run.js ? 'Online studio, room 2' : 'Vienna International Centre, Austria');
    await next(page);
    assert.match(await page.locator('main .answers').innerText(), /room 2|Centre, Austria/);
    await clickAndWait(page.locator('main .form-buttons button[type="submit"]'));
    assert.equal(new URL(page.url()).pathname, `/events/${run.slug}`);
    // The event's page leads its managers to the overview.
    await clickAndWait(page.locator(`main a[href="/events/${run.slug}/manage"]`));
    // A draft goes out under two signatures: the overview says so and leads to the event's publishing page.
    assert.equal(await page.locator('main .notice.draft').count(), 1, 'the draft notice');
    assert.equal(
      await page.locator(`main #publication-summary a[href="/events/${run.slug}/publishing"]`).count(),
      1,
      'the way to publishing',
    );
    assert.equal(await page.locator('nav.manage-menu a[aria-current="page"]').count(), 1);
    await checked(page, `event-manage-${tag}`, run.js);
    // Clone: a new draft, its dates moved.
    await clickAndWait(page.locator(`nav.manage-menu a[href="/events/${run.slug}/clone"]`));
    assert.equal(await page.locator('#f-startsAt').inputValue(), '2031-05-10T09:00');
    await checked(page, `event-clone-${tag}`, run.js);
    await page.locator('#f-slug').fill(`${run.slug}-2032`);
    await page.locator('#f-startsAt').fill('2032-05-12T09:00');
    await clickAndWait(page.locator('main .form-buttons button[type="submit"]'));
    assert.equal(new URL(page.url()).pathname, `/events/${run.slug}-2032/manage`);
    assert.match(await page.locator('main').innerText(), /2032/);
    assert.deepEqual((page as unknown as { problems: string[] }).problems, []);
    await context.close();
  });
