// The briefing pack journey, in Chromium (the pages need no JavaScript; axe needs it): the demo CTED analyst
// generates a pack for the last half-year (the form's default period), reads it in the six languages (Arabic
// mirrored), with no horizontal scrolling at 390 px in English and Arabic, and in print media the navigation and the
// forms are gone and each section starts a page. Axe on the pack's page.
import { test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
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

const ANALYST = 'analyst@demo.ctcp.localhost';
const problems = (page: Page) => (page as unknown as { problems: string[] }).problems;

async function noHorizontalScroll(page: Page) {
  await page.setViewportSize({ width: 390, height: 844 });
  const [sw, cw] = await page.evaluate(() => [
    document.documentElement.scrollWidth,
    document.documentElement.clientWidth,
  ]);
  assert.ok(sw <= cw, `no horizontal scrolling at 390 px (${sw} > ${cw})`);
  await page.setViewportSize({ width: 1280, height: 900 });
}

test('the analyst generates a pack and reads it in six languages, on a phone and in print', async () => {
  const { context, page } = await newPage(h);
  await signIn(page, ANALYST, undefined, DEMO_TOTP_SECRET);
  await page.goto('/compact/briefings/new');
  assert.match(await page.locator('#f-from').inputValue(), /^\d{4}-\d{2}-\d{2}$/);
  await clickAndWait(page.locator('main button[type="submit"]'));
  assert.match(new URL(page.url()).pathname, /^\/compact\/briefings\/[0-9a-f-]{36}$/);
  const url = new URL(page.url()).pathname;
  assert.equal(await page.locator('h1').innerText(), 'Briefing pack to the Counter-Terrorism Committee');
  assert.equal(await page.locator('.briefing-section').count(), 4);
  assert.deepEqual(await axeViolations(page), []);
  await noHorizontalScroll(page);
  await shot(page, 'briefing-pack-en');
  for (const lang of ['zh', 'fr', 'ru', 'es', 'ar']) {
    await page.goto(`${url}?lang=${lang}`);
    assert.equal(await page.locator('html').getAttribute('lang'), lang);
  }
  assert.equal(await page.locator('html').getAttribute('dir'), 'rtl');
  assert.equal(await page.locator('h1').innerText(), 'ملف الإحاطة المقدم إلى لجنة مكافحة الإرهاب');
  await noHorizontalScroll(page);
  await shot(page, 'briefing-pack-ar');
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.locator('.site-header').isVisible(), false);
  assert.equal(
    await page
      .locator('main form')
      .first()
      .isVisible()
      .catch(() => false),
    false,
  );
  assert.equal(
    await page
      .locator('.briefing-section')
      .nth(1)
      .evaluate((e) => getComputedStyle(e).breakBefore),
    'page',
  );
  assert.deepEqual(problems(page), []);
  await context.close();
});
