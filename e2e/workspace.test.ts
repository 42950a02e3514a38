// The workspace journey, in Chromium: an analyst uploads a report of a visit to Arcadia; the State's focal point's
// home shows the report awaiting her consent (a task and a notification, the header's unread count) with JavaScript
// off, in English and in Arabic (mirrored, no horizontal scrolling at 390 px); with JavaScript on she opens the
// notification, grants consent, and the notification and the task disappear. Axe on every home page seen.
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
const STATE = 'state@demo.ctcp.localhost';
const ARCADIA = 'Republic of Arcadia (fictional, demo)';
const UUID = '([0-9a-f-]{36})';

function minimalPdf(text: string): Buffer {
  const content = `BT /F1 18 Tf 24 72 Td (${text}) Tj ET`;
  const objs = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 144] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objs.forEach((o, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objs.length + 1}\n0000000000 65535 f \n`;
  out += offsets.map((n) => `${String(n).padStart(10, '0')} 00000 n \n`).join('');
  out += `trailer\n<< /Size ${objs.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

const problems = (page: Page) => (page as unknown as { problems: string[] }).problems;
const s: { visitId?: string; before?: number } = {};

/** The consent task's count on the home page (0 when the task is absent). */
async function consentTaskCount(page: Page): Promise<number> {
  const li = page.locator('[data-testid="tasks"] li[data-kind="consent.decide"]');
  if (!(await li.count())) return 0;
  return Number((await li.locator('.badge').innerText()).replace(/\D/g, '') || '0');
}

async function noHorizontalScroll(page: Page) {
  await page.setViewportSize({ width: 390, height: 844 });
  const [sw, cw] = await page.evaluate(() => [
    document.documentElement.scrollWidth,
    document.documentElement.clientWidth,
  ]);
  assert.ok(sw <= cw, `no horizontal scrolling at 390 px (${sw} > ${cw})`);
  await page.setViewportSize({ width: 1280, height: 900 });
}

test('the analyst uploads a report of a visit to Arcadia', async () => {
  const { context, page } = await newPage(h);
  await signIn(page, ANALYST, undefined, DEMO_TOTP_SECRET);
  await page.goto('/assessments/visits/new');
  await page.locator('#f-stateOrgId').selectOption({ label: ARCADIA });
  await page.locator('#f-type').selectOption('focused');
  await page.locator('#f-startDate').fill('2026-11-02');
  await page.locator('#f-endDate').fill('2026-11-04');
  await page.locator('#f-status').selectOption('conducted');
  await page.locator('main button[type="submit"]').click();
  await page.waitForURL(new RegExp(`/assessments/visits/${UUID}$`));
  s.visitId = new RegExp(`/assessments/visits/${UUID}$`).exec(new URL(page.url()).pathname)![1];
  await page.goto(`/assessments/visits/${s.visitId}/reports/new`);
  await page.locator('#f-title').fill('Arcadia focused assessment (workspace e2e)');
  await page.locator('#f-file').setInputFiles({
    name: 'report.pdf',
    mimeType: 'application/pdf',
    buffer: minimalPdf('Workspace'),
  });
  await page.locator('main button[type="submit"]').click();
  await page.waitForURL(new RegExp(`/assessments/reports/${UUID}$`));
  assert.deepEqual(problems(page), []);
  await context.close();
});

test('without JavaScript, in English then Arabic: her home shows the report awaiting her consent', async () => {
  const { context, page } = await newPage(h, { javaScriptEnabled: false });
  await signIn(page, STATE, undefined, DEMO_TOTP_SECRET);
  await page.goto('/');
  assert.equal(await page.locator('h1').innerText(), 'Your workspace');
  s.before = await consentTaskCount(page);
  assert.ok(s.before >= 1, 'the consent task is listed');
  const note = page.locator('.notification-list li.unread', {
    hasText: 'A report of the assessment visit of 2026-11-02',
  });
  assert.equal(await note.count(), 1);
  assert.equal(await note.locator('strong').count(), 1, 'unread in bold');
  assert.match(await page.locator('.notifications-link').innerText(), /1 unread notification/);
  await shot(page, 'workspace-home-en-nojs');
  await page.goto('/lang/ar?next=/');
  assert.equal(await page.locator('html').getAttribute('dir'), 'rtl');
  assert.equal(await page.locator('h1').innerText(), 'مساحة عملك');
  assert.equal(await consentTaskCount(page), s.before);
  assert.match(await page.locator('.notifications-link').innerText(), /إشعار واحد غير مقروء/);
  await shot(page, 'workspace-home-ar-nojs');
  await page.goto('/lang/en?next=/notifications');
  assert.equal(await page.locator('h1').innerText(), 'Notifications');
  await context.close();
});

test('with JavaScript, axe in English and Arabic; she opens the notification, grants; both disappear', async () => {
  const { context, page } = await newPage(h);
  await signIn(page, STATE, undefined, DEMO_TOTP_SECRET);
  await page.goto('/');
  assert.deepEqual(await axeViolations(page), []);
  await noHorizontalScroll(page);
  await page.goto('/notifications');
  assert.deepEqual(await axeViolations(page), []);
  await noHorizontalScroll(page);
  await page.goto('/lang/ar?next=/');
  await page.waitForLoadState('load');
  assert.equal(await page.locator('html').getAttribute('dir'), 'rtl');
  assert.deepEqual(await axeViolations(page), []);
  await noHorizontalScroll(page);
  await shot(page, 'workspace-home-ar');
  await page.goto('/lang/en?next=/');
  await page.waitForLoadState('load');
  await shot(page, 'workspace-home-en');
  const note = page.locator('.notification-list li.unread', {
    hasText: 'A report of the assessment visit of 2026-11-02',
  });
  await clickAndWait(note.locator('button'));
  assert.equal(new URL(page.url()).pathname, `/assessments/visits/${s.visitId}`);
  const panel = page.locator('#consent');
  await page.locator('#f-granteeOrgId').selectOption({ label: 'UNODC — United Nations Office on Drugs and Crime' });
  await page.locator('#f-scope').selectOption({ label: 'the report and the needs' });
  await clickAndWait(panel.locator('form.panel button[type="submit"]'));
  assert.match(await page.locator('.flash').innerText(), /Consent granted/);
  await page.goto('/');
  assert.equal(await consentTaskCount(page), (s.before ?? 1) - 1);
  assert.equal(
    await page.locator('.notification-list li.unread', { hasText: 'assessment visit of 2026-11-02' }).count(),
    0,
  );
  assert.match(await page.locator('.notifications-link').innerText(), /No unread notifications/);
  assert.deepEqual(await axeViolations(page), []);
  assert.deepEqual(problems(page), []);
  await context.close();
});
