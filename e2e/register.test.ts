// The Compact register in Chromium at phone width (390 px), in English and Arabic (mirrored): the list, the create and
// edit forms, a decision and an action made through the forms — no sideways scrolling, no axe violations; then the
// action form's pickers with JavaScript on (owner person narrowed to the entity, live link search) and off (people
// grouped by entity, a GET search with "Link" buttons).
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
let actionUrl = '';
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
  await clickAndWait(page.getByRole('button', { name: 'Create', exact: true }));
  assert.match(page.url(), /\/compact\/register\/decisions\/[0-9a-f-]{36}$/);
  const decisionUrl = new URL(page.url()).pathname;
  await page.goto(`/compact/register/actions/new?decision=${decisionUrl.split('/').pop()}`);
  await page.locator('#f-title_en').fill('Circulate the draft programme of work to the members.');
  await page.locator('#f-ownerOrgId').selectOption({ index: 1 });
  await page.locator('#f-dueOn').fill('2026-01-15');
  await clickAndWait(page.getByRole('button', { name: 'Create', exact: true }));
  assert.match(page.url(), /\/compact\/register\/actions\/[0-9a-f-]{36}$/);
  actionUrl = new URL(page.url()).pathname;
  for (const lang of ['en', 'ar']) {
    await page.goto(`/lang/${lang}?next=/compact/register`);
    for (const url of [
      '/compact/register',
      '/compact/register?view=decisions',
      '/compact/register/decisions/new',
      '/compact/register/actions/new',
      decisionUrl,
      `${decisionUrl}/edit`,
      actionUrl,
      `${actionUrl}/edit`,
      `${actionUrl}/edit?q=demo`,
    ]) {
      await page.goto(url);
      if (lang === 'ar') assert.equal(await page.locator('html').getAttribute('dir'), 'rtl');
      await check(`${lang} ${url}`);
    }
    await page.goto('/compact/register');
    await shot(page, `register-${lang}-phone`);
    await page.goto(`${actionUrl}/edit?q=demo`);
    await shot(page, `register-action-edit-${lang}-phone`);
  }
  assert.deepEqual(found, []);
  await context.close();
});

const UNODC = 'United Nations Office on Drugs and Crime';
const UNOCT = 'United Nations Office of Counter-Terrorism';

test('the action form with JavaScript: the owner person follows the entity, the link search in place', async () => {
  assert.ok(actionUrl, 'the first journey made an action');
  const { context, page } = await newPage(h);
  await signIn(page, 'coordinator@demo.ctcp.localhost', undefined, DEMO_TOTP_SECRET);
  await page.goto(`${actionUrl}/edit`);
  const org = page.locator('#f-ownerOrgId');
  const person = page.locator('#f-ownerPersonId');
  const groups = () => person.locator('optgroup').evaluateAll((gs) => gs.map((g) => g.getAttribute('data-group')));
  await org.selectOption({ label: UNODC });
  assert.deepEqual(await groups(), [await org.inputValue()], 'only the owner entity’s people');
  await person.selectOption({ index: 1 });
  await org.selectOption({ label: UNOCT });
  assert.deepEqual(await groups(), [await org.inputValue()]);
  assert.equal(await person.inputValue(), '', 'a person of the former entity is not kept');
  await person.selectOption({ index: 1 });
  // The link search: results as one types, a "Link" button adds the target without leaving the page.
  assert.equal(await page.locator('[data-nojs-hint]').isVisible(), false);
  await page.locator('#f-link-q').fill('border security');
  const link = page.locator('#link-results button[name="link"]').first();
  await link.waitFor();
  const before = page.url();
  await link.click();
  assert.equal(page.url(), before, 'no reload');
  assert.equal(await page.locator('[data-picked] input[name="link"]:checked').count(), 1);
  await clickAndWait(page.getByRole('button', { name: 'Save', exact: true }));
  assert.equal(new URL(page.url()).pathname, actionUrl);
  const body = await page.locator('main').innerText();
  assert.match(body, /P2\.2 — Regional workshop on border security/);
  assert.match(body, /Changed: .*Owner entity, Owner person and What it serves/);
  assert.deepEqual((page as typeof page & { problems: string[] }).problems, []);
  await context.close();
});

test('the action form without JavaScript: people grouped by entity, a GET search with Link buttons', async () => {
  const { context, page } = await newPage(h, { javaScriptEnabled: false });
  await signIn(page, 'coordinator@demo.ctcp.localhost', undefined, DEMO_TOTP_SECRET);
  await page.goto(`${actionUrl}/edit`);
  const person = page.locator('#f-ownerPersonId');
  assert.ok((await person.locator('optgroup').count()) > 1, 'every entity’s people, in groups');
  assert.equal(await page.locator('[data-nojs-hint]').isVisible(), true);
  // A person of another entity is refused (422), with the form shown again.
  await page.locator('#f-ownerOrgId').selectOption({ label: UNOCT });
  const unodcPerson = await person.locator(`optgroup[label="${UNODC}"] option`).first().getAttribute('value');
  await person.selectOption(unodcPerson!);
  await clickAndWait(page.getByRole('button', { name: 'Save', exact: true }));
  assert.match(await page.locator('.error-summary').innerText(), /Choose a person of the owner entity/);
  // The GET search: a "Link" button keeps the links chosen so far and adds one.
  await page.goto(`${actionUrl}/edit`);
  await page.locator('#f-link-q').fill('consultation series');
  await clickAndWait(page.locator('main').getByRole('button', { name: 'Search', exact: true }));
  assert.match(page.url(), /[?&]q=consultation\+series/);
  await clickAndWait(page.locator('#link-results button[name="link"]').first());
  assert.equal(await page.locator('[data-picked] input[name="link"]:checked').count(), 2);
  await clickAndWait(page.getByRole('button', { name: 'Save', exact: true }));
  assert.equal(new URL(page.url()).pathname, actionUrl);
  const body = await page.locator('main').innerText();
  assert.match(body, /P3\.1 — Consultation series with civil society organizations/);
  assert.match(body, /P2\.2 — Regional workshop on border security/);
  await context.close();
});
