// The search box in Chromium at phone width (390 px), in English and Arabic: the header's GET form leads to /search,
// the results page fits without sideways scrolling and has no axe violations; a signed-in analyst finds more kinds.
import { test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
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
});
afterEach((t) => h?.keepOnFailure(t));
after(async () => {
  await h?.close();
});

test('the header search box and the results page fit 390 px and pass axe, in English and Arabic', async () => {
  const { context, page } = await newPage(h);
  await page.setViewportSize({ width: 390, height: 844 });
  const fits = () => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
  const found: string[] = [];
  for (const [lang, word] of [
    ['en', 'terrorism'],
    ['ar', 'الإرهاب'],
  ] as const) {
    await page.goto(`/lang/${lang}?next=/`);
    assert.ok(await fits(), `/ (${lang}) fits 390 px with the search box`);
    await page.locator('#site-q').fill(word);
    await clickAndWait(page.locator('form.site-search button[type="submit"]'));
    assert.match(page.url(), /\/search\?q=/);
    assert.equal(await page.locator('html').getAttribute('dir'), lang === 'ar' ? 'rtl' : 'ltr');
    assert.ok(await fits(), `/search (${lang}) fits 390 px`);
    found.push(...(await axeViolations(page)).map((v) => `${lang} /search: ${v}`));
    await shot(page, `search-${lang}-phone`);
  }
  assert.deepEqual(found, []);
  await context.close();
});

test('a signed-in analyst searches with filters; a bad date gives a 400 page with the error summary', async () => {
  const { context, page } = await newPage(h);
  await signIn(page, 'analyst@demo.ctcp.localhost', undefined, DEMO_TOTP_SECRET);
  await page.goto('/lang/en?next=/search');
  await page.locator('#f-q').fill('terrorism');
  await page.locator('#f-kind').selectOption('event');
  await clickAndWait(page.locator('main form.search-form button[type="submit"]'));
  assert.match(page.url(), /kind=event/);
  const kinds = await page
    .locator('.search-results > li')
    .evaluateAll((ls) => ls.map((l) => l.getAttribute('data-kind')));
  assert.ok(kinds.every((k) => k === 'event'));
  const res = await page.goto('/search?q=terrorism&from=2026-02-30');
  assert.equal(res?.status(), 400);
  assert.ok(await page.locator('.error-summary').isVisible());
  await context.close();
});
