// Editing a meeting of a series and inviting named people, in Chromium: the secretariat (the demo UNOCT coordinator)
// schedules a monthly series, opens the edit page of its second meeting (prefilled, the scope offered) and moves this
// and the following meetings to 14:00 — without JavaScript; then finds people with the picker: without JavaScript (a
// GET search, an "Invite" button each) and with it (the matches appear as one types, the page stays); removes an
// invitee behind a confirmation page; cancels a meeting behind one. The edit page, the picker and the confirmation
// in English and Arabic at 390 and 1366 px: no sideways scrolling, no axe violation (contrast included).
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
const COORDINATOR = 'coordinator@demo.ctcp.localhost';
const HEADS = 'Monthly coordination meeting of the heads of UNOCT and CTED';
const UUID = /[0-9a-f-]{36}/;
const rowsOf = <T>(r: unknown): T[] => ((r as { rows?: T[] }).rows ?? (r as T[])) as T[];
const problems = (page: Page) => (page as unknown as { problems: string[] }).problems;
const day = (days: number) => new Date(Date.now() + days * 86400_000).toISOString().slice(0, 10);
const axeFound: string[] = [];

before(async () => {
  h = await startHarness(import.meta.filename);
});
afterEach((t) => h?.keepOnFailure(t));
after(async () => {
  await h?.close();
});

const s: { meetings: string[] } = { meetings: [] };

/**
 * No sideways scrolling, no axe violation, a screenshot — at both widths. Axe needs scripts: the page is opened again
 * in a context with JavaScript on and the same cookies (the journey itself may run without JavaScript).
 */
async function check(page: Page, name: string) {
  const context = await h.browser.newContext({
    baseURL: h.base,
    storageState: await page.context().storageState(),
    locale: 'en-US',
  });
  try {
    const copy = await context.newPage();
    await copy.goto(page.url());
    for (const width of [390, 1366]) {
      await copy.setViewportSize({ width, height: 900 });
      const [sw, cw] = await copy.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
      assert.ok(sw <= cw, `${name} at ${width} px: no horizontal scrolling (${sw} > ${cw})`);
      axeFound.push(...(await axeViolations(copy)).map((v) => `${name} at ${width} px: ${v}`));
      await shot(copy, `meetings-${name}-${width}`);
    }
  } finally {
    await context.close();
  }
}

const setLocale = (locale: string) =>
  h.env.database.exec(`update users set locale = '${locale}' where email = '${COORDINATOR}'`);

test('1. a monthly series: editing its second meeting moves it and the following ones (no JS)', async () => {
  const { page } = await newPage(h, { javaScriptEnabled: false });
  await signIn(page, COORDINATOR, undefined, DEMO_TOTP_SECRET);
  await page.goto('/compact/meetings/new');
  await page.locator('#f-bodyId').selectOption({ label: HEADS });
  await page.locator('#f-kind').selectOption('heads_coordination');
  await page.locator('#f-title_en').fill('Heads of UNOCT and CTED, monthly');
  await page.locator('#f-timeZone').selectOption('Europe/Vienna');
  await page.locator('#f-start').fill(`${day(5)}T10:00`);
  await page.locator('#f-end').fill(`${day(5)}T11:00`);
  await page.locator('#f-recurrence').selectOption('monthly');
  await page.locator('#f-format').selectOption('in_person');
  await page.locator('#f-venue').fill('Vienna International Centre, Board Room C');
  await clickAndWait(page.locator('main form button[type="submit"]'));
  const first = new RegExp(`/compact/meetings/(${UUID.source})$`).exec(page.url())?.[1];
  assert.ok(first, page.url());
  s.meetings = rowsOf<{ id: string }>(
    await h.env.database.db.execute(
      `select id from meetings where series_id = (select series_id from meetings where id = '${first}')
        order by starts_at`,
    ),
  ).map((r) => r.id);
  assert.equal(s.meetings.length, 12);
  const second = s.meetings[1];
  await page.goto(`/compact/meetings/${second}`);
  await clickAndWait(page.getByRole('link', { name: 'Edit the meeting' }));
  assert.equal(new URL(page.url()).pathname, `/compact/meetings/${second}/edit`);
  assert.match(await page.locator('#f-start').inputValue(), /T10:00$/, 'prefilled with the local start');
  assert.equal(await page.locator('#f-venue').inputValue(), 'Vienna International Centre, Board Room C');
  await check(page, 'edit-en');
  await page.locator('#f-start').fill((await page.locator('#f-start').inputValue()).replace('T10:00', 'T14:00'));
  await page.locator('#f-end').fill((await page.locator('#f-end').inputValue()).replace('T11:00', 'T15:00'));
  await page.getByLabel(/This and all following meetings of the series/).check();
  await clickAndWait(page.locator('main form button[type="submit"]'));
  assert.equal(new URL(page.url()).pathname, `/compact/meetings/${second}`);
  assert.match(await page.locator('main').innerText(), /The meeting was saved/);
  const local = rowsOf<{ t: string }>(
    await h.env.database.db.execute(
      `select to_char(starts_at at time zone 'Europe/Vienna', 'HH24:MI') as t from meetings
        where id in (${s.meetings.map((x) => `'${x}'`).join(', ')}) order by starts_at`,
    ),
  ).map((r) => r.t);
  assert.deepEqual(local, ['10:00', ...Array(11).fill('14:00')], 'the first stays at 10:00; every later one at 14:00');
  // The edit page in Arabic, right to left.
  await setLocale('ar');
  await page.goto(`/compact/meetings/${second}/edit`);
  assert.equal(await page.locator('html').getAttribute('dir'), 'rtl');
  await check(page, 'edit-ar');
  await setLocale('en');
  assert.deepEqual(problems(page), []);
});

test('2. the people picker without JavaScript: a search, an "Invite" button each; removal confirmed', async () => {
  const { page } = await newPage(h, { javaScriptEnabled: false });
  await signIn(page, COORDINATOR, undefined, DEMO_TOTP_SECRET);
  const id = s.meetings[2];
  await page.goto(`/compact/meetings/${id}`);
  await page.locator('#f-q').fill('demo');
  await clickAndWait(page.locator('main').getByRole('button', { name: 'Search', exact: true }));
  assert.equal(new URL(page.url()).search, '?q=demo');
  const results = page.locator('#picker-results li');
  assert.ok((await results.count()) >= 5, 'the demo people the coordinator may see');
  await check(page, 'picker-en');
  await clickAndWait(page.locator('#picker-results li', { hasText: 'Diego Álvarez' }).getByRole('button'));
  assert.match(await page.locator('main').innerText(), /The person was invited/);
  assert.equal(new URL(page.url()).search, '?q=demo', 'back to the search');
  assert.match(await page.locator('#picker-results li', { hasText: 'Diego Álvarez' }).innerText(), /Invited/);
  assert.match(await page.locator('.invitee-list').innerText(), /Diego Álvarez/);
  // Removal: a confirmation page, then back.
  await clickAndWait(
    page.locator('.invitee-list li', { hasText: 'Diego Álvarez' }).getByRole('link', { name: /Remove/ }),
  );
  assert.match(
    await page.locator('main').innerText(),
    /Remove \u2068Diego Álvarez \(demo UNODC focal point\)\u2069 from the invitees\?/,
  );
  await check(page, 'remove-en');
  await clickAndWait(page.locator('main form button[type="submit"]'));
  assert.match(await page.locator('main').innerText(), /The invitee was removed/);
  assert.equal(await page.locator('.invitee-list li', { hasText: 'Diego Álvarez' }).count(), 0);
  // In Arabic.
  await setLocale('ar');
  await page.goto(`/compact/meetings/${id}?q=demo#invitees`);
  await check(page, 'picker-ar');
  await setLocale('en');
  assert.deepEqual(problems(page), []);
});

test('3. with JavaScript the matches appear as one types, without leaving the page', async () => {
  const { page } = await newPage(h);
  await signIn(page, COORDINATOR, undefined, DEMO_TOTP_SECRET);
  const id = s.meetings[3];
  await page.goto(`/compact/meetings/${id}`);
  // A mark on this document: still there after the search if the page was not loaded again.
  await page.evaluate(() => {
    (window as unknown as { stayed: boolean }).stayed = true;
  });
  await page.locator('#f-q').pressSequentially('petrova', { delay: 40 });
  await page.locator('#picker-results li', { hasText: 'Olga Petrova' }).waitFor({ timeout: 10_000 });
  assert.equal(await page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed), true, 'the page stayed');
  assert.equal(new URL(page.url()).search, '?q=petrova', 'the address follows the search');
  await page.locator('#f-q').fill('');
  await page.locator('#f-q').pressSequentially('alvarez', { delay: 40 });
  await page.locator('#picker-results li', { hasText: 'Diego Álvarez' }).waitFor({ timeout: 10_000 });
  assert.equal(await page.locator('#picker-results li', { hasText: 'Olga Petrova' }).count(), 0);
  await clickAndWait(page.locator('#picker-results li', { hasText: 'Diego Álvarez' }).getByRole('button'));
  assert.match(await page.locator('.invitee-list').innerText(), /Diego Álvarez/);
  await check(page, 'picker-js-en');
  assert.deepEqual(problems(page), []);
});

test('4. cancelling a meeting goes through a confirmation page (scope offered in a series)', async () => {
  const { page } = await newPage(h, { javaScriptEnabled: false });
  await signIn(page, COORDINATOR, undefined, DEMO_TOTP_SECRET);
  const id = s.meetings[11];
  await page.goto(`/compact/meetings/${id}`);
  await clickAndWait(page.getByRole('link', { name: 'Cancel the meeting' }));
  await check(page, 'cancel-en');
  await setLocale('ar');
  await page.reload();
  await check(page, 'cancel-ar');
  await setLocale('en');
  await page.reload();
  await clickAndWait(page.locator('main form button[type="submit"]'));
  assert.match(await page.locator('main').innerText(), /This meeting was cancelled/);
  await check(page, 'cancelled-en');
  assert.deepEqual(problems(page), []);
});

test('5. no axe violations on the pages above', () => {
  assert.deepEqual(axeFound, []);
});
