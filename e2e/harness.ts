// Browser journeys: the real app on a loopback port (fresh database with demo data), Debian Chromium through playwright-core.
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { generate } from 'otplib';
import { makeTestEnv, type TestEnv } from '../test/helper.ts';
import { seedDemoAccounts, DEMO_PASSWORD, DEMO_TOTP_SECRET } from '../src/modules/access/access.seed.ts';

export const SHOTS = path.resolve(import.meta.dirname, 'screenshots');
export { DEMO_PASSWORD, DEMO_TOTP_SECRET };

export interface Harness {
  env: TestEnv;
  base: string;
  browser: Browser;
  close(): Promise<void>;
}

export async function startHarness(): Promise<Harness> {
  const env = await makeTestEnv();
  await seedDemoAccounts(env.database.db, env.config.sessionSecret);
  await env.app.listen({ port: 0, host: '127.0.0.1' });
  const port = (env.app.server.address() as { port: number }).port;
  // "localhost" is a secure context for Chromium, so __Host- cookies work over plain http here.
  const base = `http://localhost:${port}`;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  mkdirSync(SHOTS, { recursive: true });
  return {
    env,
    base,
    browser,
    close: async () => {
      await browser.close();
      await env.close();
    },
  };
}

export async function newPage(
  h: Harness,
  opts: { javaScriptEnabled?: boolean; locale?: string } = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await h.browser.newContext({
    baseURL: h.base,
    javaScriptEnabled: opts.javaScriptEnabled ?? true,
    locale: opts.locale ?? 'en-US',
  });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('dialog', (d) => {
    problems.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  (page as Page & { problems: string[] }).problems = problems;
  return { context, page };
}

export async function signIn(page: Page, email: string, password = DEMO_PASSWORD, totpSecret?: string) {
  await page.goto('/sign-in');
  await page.locator('#f-email').fill(email);
  await page.locator('#f-password').fill(password);
  await page.locator('main button[type="submit"]').click();
  if (totpSecret) {
    await page.waitForURL(/\/sign-in\/two-factor/);
    // A code is accepted once per account (replay protection): if this account already used the current one,
    // wait for the next 30-second step, as a person would.
    for (let attempt = 0; attempt < 2; attempt++) {
      await page.locator('#f-code').fill(await generate({ secret: totpSecret }));
      await page.locator('main button[type="submit"]').click();
      await page.waitForLoadState('load');
      if (!new URL(page.url()).pathname.startsWith('/sign-in/two-factor')) break;
      await page.waitForTimeout(30_500 - (Date.now() % 30_000));
    }
  }
  await page.waitForLoadState('load');
}

export async function axeViolations(page: Page): Promise<string[]> {
  const r = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
    .analyze();
  return r.violations.map(
    (v) =>
      `${v.id} (${v.nodes.length}): ${v.help} — ${v.nodes
        .slice(0, 2)
        .map((n) => n.target.join(' '))
        .join(' | ')}`,
  );
}

export const shot = (page: Page, name: string) =>
  page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
