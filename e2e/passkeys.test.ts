// Passkeys in Chromium with its virtual authenticator (Chrome DevTools Protocol, WebAuthn domain): sign in with the
// password and TOTP, add a passkey on the account page, sign out, sign in with the passkey alone, then sign in with
// the password and give the passkey as the second factor. The app's base URL is the browser's (localhost: a secure
// context), so the origin and the RP ID match.
import { test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import {
  DEMO_PASSWORD,
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
  h = await startHarness(import.meta.filename, { baseUrlFromPort: true });
});
afterEach((t) => h?.keepOnFailure(t));
after(async () => {
  await h?.close();
});

const ANALYST = 'analyst@demo.ctcp.localhost';

test('add a passkey, sign in with it alone, then use it as the second factor', async () => {
  assert.equal(h.env.config.baseUrl, h.base);
  const { context, page } = await newPage(h);
  const cdp = await context.newCDPSession(page);
  await cdp.send('WebAuthn.enable');
  const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      transport: 'internal',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });

  // Password and TOTP, then the account page.
  await signIn(page, ANALYST, DEMO_PASSWORD, DEMO_TOTP_SECRET);
  await page.goto('/account');
  await clickAndWait(page.locator('main a[href="/account/passkeys"]').first());
  assert.equal(new URL(page.url()).pathname, '/account/passkeys');
  assert.match(await page.locator('main').innerText(), /You have no passkeys yet/);
  assert.deepEqual(await axeViolations(page), []);

  // Add a passkey (the button appears only with JavaScript).
  await page.locator('#f-passkeyName').fill('Chromium virtual key');
  await clickAndWait(page.locator('[data-passkey="register"] [data-passkey-start]'));
  assert.match(await page.locator('main table').innerText(), /Chromium virtual key/);
  const { credentials } = await cdp.send('WebAuthn.getCredentials', { authenticatorId });
  assert.equal(credentials.length, 1);
  assert.equal(credentials[0].isResidentCredential, true);
  await shot(page, 'passkeys-added');

  // Sign out; sign in with the passkey alone (usernameless).
  await clickAndWait(page.locator('form[action="/sign-out"] button'));
  await page.goto('/sign-in');
  const passkeyButton = page.locator('[data-passkey="sign-in"] [data-passkey-start]');
  assert.equal(await passkeyButton.isVisible(), true);
  await clickAndWait(passkeyButton);
  assert.equal(new URL(page.url()).pathname, '/');
  assert.match(await page.locator('.account').innerText(), /Mei Lin/);
  // The session's second factor is verified: a page behind it opens.
  await page.goto('/directory');
  assert.equal(new URL(page.url()).pathname, '/directory');
  assert.equal(await page.locator('h1').innerText(), 'Directory');

  // Sign out; password, then the passkey as the second factor.
  await clickAndWait(page.locator('form[action="/sign-out"] button'));
  await page.goto('/sign-in?next=%2Fdirectory');
  await page.locator('#f-email').fill(ANALYST);
  await page.locator('#f-password').fill(DEMO_PASSWORD);
  await clickAndWait(page.locator('main form[action="/sign-in"] button[type="submit"]'));
  assert.equal(new URL(page.url()).pathname, '/sign-in/two-factor');
  assert.deepEqual(await axeViolations(page), []);
  await clickAndWait(page.locator('[data-passkey="second-factor"] [data-passkey-start]'));
  assert.equal(new URL(page.url()).pathname, '/directory');
  assert.match(await page.locator('.account').innerText(), /Mei Lin/);
  const after = await cdp.send('WebAuthn.getCredentials', { authenticatorId });
  assert.ok(after.credentials[0].signCount >= 2, `sign count ${after.credentials[0].signCount}`);
  await context.close();
});

test('without JavaScript the passkey buttons stay hidden and the recovery-code form is there', async () => {
  const { context, page } = await newPage(h, { javaScriptEnabled: false });
  await page.goto('/sign-in');
  assert.equal(await page.locator('[data-passkey="sign-in"]').isVisible(), false);
  await page.locator('#f-email').fill('coordinator@demo.ctcp.localhost');
  await page.locator('#f-password').fill(DEMO_PASSWORD);
  await clickAndWait(page.locator('main form[action="/sign-in"] button[type="submit"]'));
  assert.equal(new URL(page.url()).pathname, '/sign-in/two-factor');
  assert.equal(await page.locator('[data-passkey="second-factor"]').isVisible(), false);
  await page.locator('#f-recoveryCode').fill('aaaaa-bbbbb');
  await clickAndWait(page.locator('form[action="/sign-in/two-factor/recovery"] input[type="submit"]'));
  assert.match(await page.locator('.error-summary').innerText(), /recovery code/i);
  await context.close();
});
