// The Compact register in Chromium at phone width (390 px), in English and Arabic (mirrored): the list, the create
// forms, a decision and an action made through the forms — no sideways scrolling, no axe violations.
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

test('the register: list, forms, a decision and an action fit 390 px in English and Arabic, pass axe', async () => {
  const { context, page } = await newPage(h);
  await page.setViewportSize({ width: 390, height: 844 });
  await signIn(page, 'coordinator@demo.ctcp.localhost', undefined, DEMO_TOTP_SECRET);
  const fits = () => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
  const found: string[] = [];
  const check = async (label: string) => {
    assert.ok(await fits(), `${label} fits 390 px`);
    found.push(...(await axeViolations(page)).map((v) => `${label}: ${v}`));
  };
  // A decision through the form (the first body), then an action following it.
  await page.goto('/compact/register/decisions/new');
  await page.locator('#f-bodyId').selectOption({ index: 1 });
  await page.locator('#f-text_en').fill('The working group adopts its programme of work for 2026.');
  await clickAndWait(page.locator('main form button[type="submit"]'));
  assert.match(page.url(), /\/compact\/register\/decisions\/[0-9a-f-]{36}$/);
  const decisionUrl = new URL(page.url()).pathname;
  await page.goto(`/compact/register/actions/new?decision=${decisionUrl.split('/').pop()}`);
  await page.locator('#f-title_en').fill('Circulate the draft programme of work to the members.');
  await page.locator('#f-ownerOrgId').selectOption({ index: 1 });
  await page.locator('#f-dueOn').fill('2026-01-15');
  await clickAndWait(page.locator('main form button[type="submit"]'));
  assert.match(page.url(), /\/compact\/register\/actions\/[0-9a-f-]{36}$/);
  const actionUrl = new URL(page.url()).pathname;
  for (const lang of ['en', 'ar']) {
    await page.goto(`/lang/${lang}?next=/compact/register`);
    for (const url of [
      '/compact/register',
      '/compact/register?view=decisions',
      '/compact/register/decisions/new',
      '/compact/register/actions/new',
      decisionUrl,
      actionUrl,
    ]) {
      await page.goto(url);
      if (lang === 'ar') assert.equal(await page.locator('html').getAttribute('dir'), 'rtl');
      await check(`${lang} ${url}`);
    }
    await page.goto('/compact/register');
    await shot(page, `register-${lang}-phone`);
  }
  assert.deepEqual(found, []);
  await context.close();
});
