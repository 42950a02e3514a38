// Browser journeys: the real app on a loopback port (fresh database with demo data), Debian Chromium through
// playwright-core.
// Chromium is launched first: without it no server is started, and the journey fails at once saying how to install it.
// Everything is closed in `close()` even when a step failed. When a journey fails, `keepOnFailure` (an afterEach hook)
// writes every open page (screenshot and HTML) and the server's last log lines under test-results/<file>/<journey>/.
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { inspect } from 'node:util';
import { generate } from 'otplib';
import { makeTestEnv, type TestEnv } from '../test/helper.ts';
import { seedDemoAccounts, DEMO_PASSWORD, DEMO_TOTP_SECRET } from '../src/modules/access/access.seed.ts';

export const SHOTS = path.resolve(import.meta.dirname, 'screenshots');
/** Failure artefacts: test-results/<file>/<journey>/ (scripts/test.mjs prints where, at the end of a failed run). */
export const RESULTS = path.resolve(import.meta.dirname, '..', 'test-results');
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_INSTALL = 'apt-get install -y chromium fonts-noto-cjk fonts-noto-core';
/** How many of the server's log lines are kept for a failure report. */
const LOG_LINES = 400;
export { DEMO_PASSWORD, DEMO_TOTP_SECRET };

export interface Harness {
  env: TestEnv;
  base: string;
  browser: Browser;
  /** The server's last log lines (pino, one JSON object a line), oldest first. */
  log: string[];
  /** For afterEach: when the test failed, keeps its pages and the server's log under test-results/. */
  keepOnFailure(t: { name: string }): Promise<void>;
  close(): Promise<void>;
}

/** Debian Chromium, or a clear error naming the README's install line when it is missing. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH))
    throw new Error(
      `Chromium is not at ${CHROMIUM_PATH}: the browser journeys need it. On Debian: ${CHROMIUM_INSTALL} ` +
        '(see README.md), or set CHROMIUM_PATH to a Chromium binary. `npm run test:unit` runs the rest without it.',
    );
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
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
}

/** A free loopback port (for a journey whose base URL must be known before the app starts). */
async function freePort(): Promise<number> {
  const { createServer } = await import('node:net');
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

/**
 * Starts the browser, then the app with demo accounts; `file` (import.meta.filename) names the artefacts folder.
 * `baseUrlFromPort`: the app's configured base URL is the address the browser uses (WebAuthn checks the origin).
 */
export async function startHarness(file: string, opts: { baseUrlFromPort?: boolean } = {}): Promise<Harness> {
  const browser = await launchChromium();
  const log: string[] = [];
  const echo = !!process.env.TEST_LOG;
  const logStream = {
    write(line: string) {
      log.push(line.trimEnd());
      if (log.length > LOG_LINES) log.splice(0, log.length - LOG_LINES);
      if (echo) process.stdout.write(line);
    },
  };
  let env: TestEnv | undefined;
  try {
    const fixed = opts.baseUrlFromPort ? await freePort() : 0;
    const baseUrl = fixed ? { baseUrl: `http://localhost:${fixed}` } : {};
    env = await makeTestEnv({ logLevel: process.env.TEST_LOG ?? 'info', ...baseUrl }, true, { logStream });
    await seedDemoAccounts(env.database.db, env.config.sessionSecret);
    await env.app.listen({ port: fixed, host: '127.0.0.1' });
  } catch (err) {
    try {
      await env?.close();
    } finally {
      await browser.close();
    }
    throw err;
  }
  const port = (env.app.server.address() as { port: number }).port;
  mkdirSync(SHOTS, { recursive: true });
  const started = env;
  return {
    env: started,
    // "localhost" is a secure context for Chromium, so __Host- cookies work over plain http here.
    base: `http://localhost:${port}`,
    browser,
    log,
    keepOnFailure: (t) => keepOnFailure(browser, log, file, t),
    close: async () => {
      try {
        await browser.close();
      } finally {
        await started.close();
      }
    },
  };
}

const slug = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 80);

/** Rejects after `ms`: a page that no longer answers must not hold up the report of a failure. */
const within = <T>(ms: number, p: Promise<T>, what: string) =>
  Promise.race([
    p,
    new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error(`${what}: no answer in ${ms} ms`)), ms).unref(),
    ),
  ]);

async function keepOnFailure(browser: Browser, log: string[], file: string, t: { name: string }) {
  const { passed, error } = t as { passed?: boolean; error?: unknown };
  if (passed !== false) return;
  const dir = path.join(RESULTS, path.basename(file).replace(/\.test\.ts$/, ''), slug(t.name));
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const summary = [`journey: ${t.name}`, `file: ${path.relative(process.cwd(), file)}`, `error: ${inspect(error)}`, ''];
  let n = 0;
  for (const context of browser.contexts())
    for (const page of context.pages()) {
      const name = `page-${++n}`;
      summary.push(`${name}: ${page.url()}`);
      const problems = (page as Page & { problems?: string[] }).problems ?? [];
      for (const p of problems) summary.push(`  ${p}`);
      try {
        await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true, timeout: 15_000 });
      } catch (err) {
        summary.push(`  no screenshot: ${(err as Error).message}`);
      }
      try {
        writeFileSync(path.join(dir, `${name}.html`), await within(15_000, page.content(), 'page.content()'));
      } catch (err) {
        summary.push(`  no HTML: ${(err as Error).message}`);
      }
    }
  if (!n) summary.push('(no page was open)');
  writeFileSync(path.join(dir, 'summary.txt'), `${summary.join('\n')}\n`);
  writeFileSync(path.join(dir, 'server.log'), `${log.join('\n')}\n`);
  console.log(`# failure artefacts (${n} page${n === 1 ? '' : 's'}, server log): ${path.relative(process.cwd(), dir)}`);
}

export async function newPage(
  h: Harness,
  opts: { javaScriptEnabled?: boolean; locale?: string; timezoneId?: string } = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await h.browser.newContext({
    baseURL: h.base,
    javaScriptEnabled: opts.javaScriptEnabled ?? true,
    locale: opts.locale ?? 'en-US',
    ...(opts.timezoneId ? { timezoneId: opts.timezoneId } : {}),
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

/**
 * Clicks, then waits for the navigation that this click starts, up to the new document's load event.
 * (A click followed by waitForLoadState('load') returns at once: the old page is still loaded. And waitForURL
 * returns at once when the new page has the same address as the old one, e.g. a form that posts back to itself.)
 */
export async function clickAndWait(target: Locator, opts: { timeout?: number } = {}): Promise<void> {
  const page = target.page();
  try {
    await Promise.all([
      page.waitForEvent('framenavigated', { predicate: (f) => f === page.mainFrame(), timeout: opts.timeout }),
      target.click({ timeout: opts.timeout }),
    ]);
  } catch (err) {
    throw new Error(`clicking ${target} started no navigation (at ${page.url()}): ${(err as Error).message}`, {
      cause: err,
    });
  }
  await page.waitForLoadState('load', { timeout: opts.timeout });
}

export async function signIn(
  page: Page,
  email: string,
  password = DEMO_PASSWORD,
  totpSecret?: string,
  opts: { keepTimeZoneStep?: boolean } = {},
) {
  await page.goto('/sign-in');
  await page.locator('#f-email').fill(email);
  await page.locator('#f-password').fill(password);
  await clickAndWait(page.locator('main button[type="submit"]'));
  if (totpSecret) {
    if (!new URL(page.url()).pathname.startsWith('/sign-in/two-factor'))
      throw new Error(`${email}: expected the two-factor step after the password, at ${page.url()}`);
    // A code is accepted once per account (replay protection): if this account already used the current one,
    // wait for the next 30-second step, as a person would.
    for (let attempt = 0; attempt < 2; attempt++) {
      await page.locator('#f-code').fill(await generate({ secret: totpSecret }));
      await clickAndWait(page.locator('main button[type="submit"]'));
      if (!new URL(page.url()).pathname.startsWith('/sign-in/two-factor')) break;
      await page.waitForTimeout(30_500 - (Date.now() % 30_000));
    }
    if (new URL(page.url()).pathname.startsWith('/sign-in/two-factor'))
      throw new Error(`${email}: the two-factor code was refused twice`);
  }
  // The first sign-in asks for the person's time zone: the journeys keep the suggestion (the browser's zone).
  if (opts.keepTimeZoneStep !== true && new URL(page.url()).pathname === '/account/time-zone')
    await clickAndWait(page.locator('main button[type="submit"]'));
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
