// The journeys of the foundation, in Chromium: sign in with two-factor, switch to Arabic, search the directory,
// invite a person and accept through the link in the outbox; axe on every page in English and Arabic.
import { test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { generate } from 'otplib';
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
import { seedDemoVisits } from '../src/modules/assessments/assessments.seed.ts';
import { seedDemoPortfolio } from '../src/modules/portfolio/portfolio.seed.ts';

let h: Harness;
before(async () => {
  h = await startHarness(import.meta.filename);
});
afterEach((t) => h?.keepOnFailure(t));
after(async () => {
  await h?.close();
});

const ADMIN = 'admin@demo.ctcp.localhost';
const ANALYST = 'analyst@demo.ctcp.localhost';

test('sign in with two-factor (JavaScript on and off)', async () => {
  // Two accounts: a code is accepted once per account (replay protection), and both runs fall in one 30-second step.
  for (const [javaScriptEnabled, email, name] of [
    [true, ANALYST, 'Mei Lin'],
    [false, 'coordinator@demo.ctcp.localhost', 'Lucas Moreau'],
  ] as const) {
    const { context, page } = await newPage(h, { javaScriptEnabled });
    await page.goto('/directory');
    assert.match(page.url(), /\/sign-in\?next=/);
    await page.locator('#f-email').fill(email);
    await page.locator('#f-password').fill('Demo-Platform-2026!');
    await page.locator('main button[type="submit"]').click();
    await page.waitForURL(/\/sign-in\/two-factor/);
    await page.locator('#f-code').fill('000000');
    await clickAndWait(page.locator('main button[type="submit"]'));
    assert.match(await page.locator('.error-summary').innerText(), /code/i);
    await page.locator('#f-code').fill(await generate({ secret: DEMO_TOTP_SECRET }));
    await page.locator('main button[type="submit"]').click();
    // The first sign-in asks for the time zone (without JavaScript, UTC: no country is known for the person's
    // organization; with it, the browser's own: e2e/forms.test.ts), then goes on to the page asked for.
    await page.waitForURL((u) => u.pathname === '/account/time-zone');
    if (!javaScriptEnabled) assert.equal(await page.locator('#f-timeZone').inputValue(), 'UTC');
    await page.locator('main button[type="submit"]').click();
    await page.waitForURL((u) => u.pathname === '/directory');
    assert.equal(await page.locator('h1').innerText(), 'Directory');
    assert.match(await page.locator('.account').innerText(), new RegExp(name));
    if (javaScriptEnabled) await shot(page, 'signed-in-directory-en');
    await context.close();
  }
});

test('switch to Arabic: right-to-left layout, Arabic names, autonyms in the switcher', async () => {
  const { context, page } = await newPage(h);
  await page.goto('/');
  const langs = await page.locator('nav.languages a').allInnerTexts();
  assert.deepEqual(langs, ['العربية', '中文', 'English', 'Français', 'Русский', 'Español']);
  await clickAndWait(page.locator('nav.languages a', { hasText: 'العربية' }));
  assert.equal(await page.locator('html').getAttribute('dir'), 'rtl');
  assert.equal(await page.locator('html').getAttribute('lang'), 'ar');
  await shot(page, 'home-ar');
  await page.goto('/sign-in');
  const box = await page.locator('#f-email').boundingBox();
  const vw = page.viewportSize()!.width;
  assert.ok(box && box.x + box.width > vw / 2, 'form fields sit on the right in RTL');
  await context.close();
});

test('search the directory', async () => {
  const { context, page } = await newPage(h);
  await signIn(page, 'observer@demo.ctcp.localhost');
  await page.goto('/directory');
  await page.locator('#f-q').fill('Kenya');
  await page.locator('form.filters button[type="submit"]').click();
  await page.waitForURL(/q=Kenya/);
  const rows = await page.locator('table.directory tbody tr').allInnerTexts();
  assert.equal(rows.length, 1);
  assert.match(rows[0], /Kenya/);
  await clickAndWait(page.locator('table.directory a', { hasText: 'Kenya' }));
  assert.match(await page.locator('h1').innerText(), /Kenya/);
  await page.goto(`/lang/zh?next=${encodeURIComponent('/directory?q=肯尼亚')}`);
  const zh = await page.locator('table.directory tbody tr').allInnerTexts();
  assert.equal(zh.length, 1, 'found by its Chinese name');
  await shot(page, 'directory-search-zh');
  await context.close();
});

test('invite a person and accept through the link in the outbox', async () => {
  const { context, page } = await newPage(h);
  await signIn(page, ADMIN, undefined, DEMO_TOTP_SECRET);
  await page.goto('/invitations/new');
  await page.locator('#f-name').fill('Nadia Rahman');
  await page.locator('#f-email').fill('nadia.rahman@example.org');
  await page.locator('#f-role').selectOption('observer');
  await page.locator('#f-locale').selectOption('ar');
  await clickAndWait(page.locator('main button[type="submit"]'));
  assert.match(await page.locator('.flash').innerText(), /nadia\.rahman@example\.org/);
  await page.goto('/admin/outbox');
  await shot(page, 'outbox-en');
  await clickAndWait(page.locator('table a').first());
  assert.equal(await page.locator('h1').getAttribute('lang'), 'ar');
  const link = await page.locator('[data-testid="mail-body"] a').first().getAttribute('href');
  assert.ok(link && link.includes('/invitations/'));
  await shot(page, 'invitation-email-ar');
  await context.close();

  const invitee = await newPage(h);
  await invitee.page.goto(new URL(link!).pathname);
  await invitee.page.locator('#f-password').fill('password1234');
  await clickAndWait(invitee.page.locator('main button[type="submit"]'));
  assert.ok(await invitee.page.locator('.error-summary').isVisible(), 'a common password is refused');
  await invitee.page.locator('#f-password').fill('A long and private passphrase 2026');
  await invitee.page.locator('main button[type="submit"]').click();
  // Accepting the invitation is the first sign-in: the time zone is asked (in the invitee's language), then home.
  await invitee.page.waitForURL((u) => u.pathname === '/account/time-zone');
  assert.equal(await invitee.page.locator('html').getAttribute('dir'), 'rtl');
  await invitee.page.locator('main button[type="submit"]').click();
  await invitee.page.waitForURL((u) => u.pathname === '/');
  assert.match(await invitee.page.locator('.account').innerText(), /Nadia Rahman/);
  assert.equal(
    await invitee.page.locator('html').getAttribute('dir'),
    'rtl',
    'the invitee works in the language chosen for them',
  );
  await invitee.context.close();
});

test('axe finds 0 violations on every page in English and Arabic', async () => {
  // Demo visits, needs and portfolio, so that the needs, portfolio and gap-analysis pages have content.
  await seedDemoVisits(h.env.database.db);
  await seedDemoPortfolio(h.env.database.db);
  const { context, page } = await newPage(h);
  const publicPages = ['/', '/sign-in', '/password/forgot'];
  const pages = [
    '/',
    '/directory',
    '/directory?type=cso',
    '/framework',
    '/directory/organizations/unoct',
    '/directory/organizations/demo-coastal-peacebuilders',
    '/account',
    '/account/tokens',
    '/invitations/new',
    '/directory/organizations/new',
    '/directory/organizations/unoct/edit',
    '/admin/audit',
    '/admin/outbox',
    '/admin/users',
    '/no-such-page',
    '/assessments/visits',
    '/needs',
    '/portfolio',
    '/portfolio/new',
    '/gap-analysis',
    '/gap-analysis?pillar=pillar-2',
    '/roadmaps',
    '/import',
  ];
  const found: string[] = [];
  for (const lang of ['en', 'ar']) {
    await page.goto(`/lang/${lang}?next=/`);
    for (const p of publicPages) {
      await page.goto(p);
      found.push(...(await axeViolations(page)).map((v) => `${lang} ${p}: ${v}`));
    }
  }
  await signIn(page, ADMIN, undefined, DEMO_TOTP_SECRET);
  const person = await (async () => {
    await page.goto('/directory/organizations/unoct');
    return page.locator('ul.people a').first().getAttribute('href');
  })();
  const project = await (async () => {
    await page.goto('/portfolio');
    return page.locator('main table a').first().getAttribute('href');
  })();
  for (const lang of ['en', 'ar']) {
    await page.goto(`/lang/${lang}?next=/`);
    for (const p of [...pages, person!, project!]) {
      await page.goto(p);
      found.push(...(await axeViolations(page)).map((v) => `${lang} ${p}: ${v}`));
    }
    await shot(page, `person-${lang}`);
  }
  await page.goto('/directory');
  await shot(page, 'directory-ar');
  await page.setViewportSize({ width: 390, height: 844 });
  await shot(page, 'directory-ar-phone');
  console.log(`# axe: ${found.length} violations on ${(pages.length + 2 + publicPages.length) * 2} page views`);
  assert.deepEqual(found, []);
  assert.deepEqual((page as unknown as { problems: string[] }).problems, []);
  await context.close();
});

test('an XSS corpus in every text field of an organization runs no script in the browser', async () => {
  const corpus = [
    '<script>alert(1)</script>',
    '"><img src=x onerror=alert(2)>',
    "'><svg onload=alert(3)>",
    'javascript:alert(4)',
    '<a href="javascript:alert(5)">x</a>',
    '<iframe src="javascript:alert(6)"></iframe>',
    '{{constructor.constructor("alert(7)")()}}',
    '</textarea><script>alert(8)</script>',
  ];
  const { context, page } = await newPage(h);
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await signIn(page, ADMIN, undefined, DEMO_TOTP_SECRET);
  await page.goto('/directory/organizations/new');
  await page.locator('#f-type').selectOption('cso');
  for (const [i, l] of ['en', 'ar', 'es', 'fr', 'ru', 'zh'].entries())
    await page.locator(`#f-name_${l}`).fill(`XSS test ${corpus[i]}`);
  await page.locator('#f-acronym').fill('<b>X</b>');
  await page.locator('#f-description_en').fill(corpus.join(' '));
  await page.locator('#f-publicListing').check();
  await page.locator('main button[type="submit"]').click();
  await page.waitForURL(/\/directory\/organizations\/[a-z0-9-]+$/);
  const orgUrl = page.url();
  for (const l of ['en', 'ar', 'es', 'fr', 'ru', 'zh']) {
    await page.goto(`/lang/${l}?next=${encodeURIComponent(new URL(orgUrl).pathname)}`);
    await page.goto(`/lang/${l}?next=${encodeURIComponent('/directory?q=XSS')}`);
  }
  await page.goto(`/lang/en?next=${encodeURIComponent(new URL(orgUrl).pathname)}`);
  assert.ok(
    (await page.locator('main').innerText()).includes('<script>alert(1)</script>'),
    'the payload is shown as text',
  );
  assert.equal(
    await page.locator('[onerror], [onload], iframe, main img').count(),
    0,
    'no injected elements or handlers',
  );
  await page.goto(`${new URL(orgUrl).pathname}/edit`);
  assert.equal(await page.locator('[onerror], [onload], iframe').count(), 0);
  await page.goto('/admin/audit');
  assert.equal(await page.locator('script').count(), 0, 'no script element anywhere (CSP allows none inline anyway)');
  assert.deepEqual(dialogs, []);
  assert.deepEqual((page as unknown as { problems: string[] }).problems, []);
  await context.close();
});
