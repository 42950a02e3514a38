// The personal-data pages in Chromium at phone width (390 px) in English and Arabic: no sideways scrolling, no axe
// violations; the retention run and an erasure go through their confirmation pages; "my data" downloads from /account.
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

const ADMIN = 'admin@demo.ctcp.localhost';
const OBSERVER = 'observer@demo.ctcp.localhost';

test('retention and erasure pages fit 390 px, pass axe, and confirm before acting', async () => {
  const { context, page } = await newPage(h);
  await page.setViewportSize({ width: 390, height: 844 });
  await signIn(page, ADMIN, undefined, DEMO_TOTP_SECRET);
  const fits = () => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
  const found: string[] = [];
  for (const lang of ['en', 'ar']) {
    await page.goto(`/lang/${lang}?next=/admin/privacy`);
    await page.goto('/admin/privacy');
    assert.ok(await fits(), `/admin/privacy (${lang}) fits 390 px`);
    found.push(...(await axeViolations(page)).map((v) => `${lang} /admin/privacy: ${v}`));
    await shot(page, `privacy-retention-${lang}-phone`);
    await page.goto('/admin/privacy/run');
    assert.ok(await fits(), `/admin/privacy/run (${lang}) fits 390 px`);
    found.push(...(await axeViolations(page)).map((v) => `${lang} /admin/privacy/run: ${v}`));
  }
  await page.goto('/lang/en?next=/admin/privacy');
  await page.goto('/admin/privacy/run');
  await clickAndWait(page.locator('main form button[type="submit"]'));
  assert.match(page.url(), /\/admin\/privacy$/);

  await page.locator('#f-email').fill(OBSERVER);
  await clickAndWait(page.locator('main form[method="get"] button[type="submit"]'));
  assert.match(page.url(), /\/admin\/privacy\/erase\/[0-9a-f-]{36}$/);
  assert.ok(await fits(), 'the erasure confirmation fits 390 px');
  found.push(...(await axeViolations(page)).map((v) => `en erasure: ${v}`));
  await shot(page, 'privacy-erasure-confirm-phone');
  await clickAndWait(page.locator('main form button[type="submit"]'));
  assert.match(page.url(), /\/admin\/privacy$/);
  assert.match(await page.locator('main').innerText(), /Erased person [0-9A-F]{8}/);
  assert.deepEqual(found, []);
  await context.close();
});

test('"Your data" on the account page downloads my-data.json', async () => {
  const { context, page } = await newPage(h);
  await signIn(page, 'analyst@demo.ctcp.localhost', undefined, DEMO_TOTP_SECRET);
  await page.goto('/account');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.locator('a[href="/account/my-data.json"]').click(),
  ]);
  assert.equal(download.suggestedFilename(), 'my-data.json');
  await context.close();
});
