// The assessment journey, in Chromium: an analyst records a visit, its needs and report; the State's focal point
// grants consent to one entity; that entity's user reads the report; the State revokes; the user is refused at once;
// the audit log shows each step. Axe on the visit (with the consent panel), report, need and gap-analysis pages in
// English and Arabic. Everything goes through the browser; the database is only read (the outbox) to assert.
import { test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { BrowserContext, Page } from 'playwright-core';
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
const ENTITY = 'entity@demo.ctcp.localhost';
const ADMIN = 'admin@demo.ctcp.localhost';
const ARCADIA = 'Republic of Arcadia (fictional, demo)';
const REPORT_TITLE = 'Arcadia comprehensive assessment 2026 (e2e)';
const NEED_TEXT = 'E2E need: advance passenger information for the land borders of Arcadia';

/** A small but well-formed PDF (one page, one line of text, a correct xref table), which file-type detects as pdf. */
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
const PDF = minimalPdf('Arcadia assessment (demo)');
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

const problems = (page: Page) => (page as unknown as { problems: string[] }).problems;
const pathOf = (page: Page) => new URL(page.url()).pathname;
const idFrom = (page: Page, re: RegExp) => {
  const m = re.exec(pathOf(page));
  assert.ok(m, `unexpected URL ${page.url()}`);
  return m[1];
};
const UUID = '([0-9a-f-]{36})';

interface Actor {
  context: BrowserContext;
  page: Page;
}
const s: {
  analyst?: Actor;
  state?: Actor;
  entity?: Actor;
  admin?: Actor;
  visitId?: string;
  needId?: string;
  reportId?: string;
  startedAt?: number;
} = {};
const signedIn = async (email: string): Promise<Actor> => {
  const a = await newPage(h);
  await signIn(a.page, email, undefined, DEMO_TOTP_SECRET);
  assert.ok(!pathOf(a.page).startsWith('/sign-in'), `${email} signed in with two-factor (at ${a.page.url()})`);
  return a;
};

test('the analyst records a visit to Arcadia, a need from it and its report', async () => {
  s.startedAt = Date.now();
  s.analyst = await signedIn(ANALYST);
  const { page } = s.analyst;

  await page.goto('/assessments/visits');
  await page.locator('main a.button', { hasText: 'Record a visit' }).click();
  await page.waitForURL(/\/assessments\/visits\/new$/);
  await page.locator('#f-stateOrgId').selectOption({ label: ARCADIA });
  await page.locator('#f-type').selectOption('comprehensive');
  await page.locator('#f-startDate').fill('2026-10-05');
  await page.locator('#f-endDate').fill('2026-10-09');
  await page.locator('#f-status').selectOption('conducted');
  await page.locator('#f-team').fill('CTED team (e2e), with UNODC experts');
  assert.ok(await page.locator('#f-onBehalfOfCtc').isChecked());
  await page.locator('main button[type="submit"]').click();
  await page.waitForURL(new RegExp(`/assessments/visits/${UUID}$`));
  s.visitId = idFrom(page, new RegExp(`/assessments/visits/${UUID}$`));
  assert.match(await page.locator('.flash').innerText(), /visit was saved/);
  assert.equal(await page.locator('h1').innerText(), `Assessment visit to ${ARCADIA}`);
  assert.match(await page.locator('dl.facts').innerText(), /CTED team \(e2e\)/);
  // CTED sees what the State decided, read-only.
  assert.match(await page.locator('#consent').innerText(), /Nothing has been shared/);
  assert.equal(await page.locator('#consent form').count(), 0, 'CTED does not decide on consent');

  // The visit's needs (none yet), then "Record a need" from the visit page: the form comes with the visit and the
  // State filled in.
  await page.locator('main a', { hasText: 'Technical-assistance needs from this visit' }).click();
  await page.waitForURL((u) => u.pathname === '/needs' && u.searchParams.get('visit') === s.visitId);
  assert.equal(await page.locator('h1').innerText(), 'Technical-assistance needs');
  assert.match(await page.locator('main').innerText(), /No need matches/);
  await page.goBack();
  await page.locator('main a', { hasText: 'Record a need' }).click();
  await page.waitForURL((u) => u.pathname === '/needs/new' && u.searchParams.get('visit') === s.visitId);
  assert.equal(await page.locator('#f-visitId').inputValue(), s.visitId, 'the visit is filled in');
  assert.equal(await page.locator('#f-source').inputValue(), 'assessment_visit');
  assert.equal(await page.locator('#f-stateOrgId option:checked').innerText(), ARCADIA, 'the State is filled in');
  const theme = page.locator('#f-themes input[type="checkbox"]').first();
  const themeLabel = (await page.locator(`label[for="${await theme.getAttribute('id')}"]`).innerText()).trim();
  await theme.check();
  await page.locator('#f-priority').selectOption('high');
  await page.locator('#f-description_en').fill(NEED_TEXT);
  await page.locator('main button[type="submit"]').click();
  await page.waitForURL(new RegExp(`/needs/${UUID}$`));
  s.needId = idFrom(page, new RegExp(`/needs/${UUID}$`));
  assert.match(await page.locator('.flash').innerText(), /need was saved/);
  assert.equal(await page.locator('h1').innerText(), `Need of ${ARCADIA}`);
  assert.equal((await page.locator('div.lead').innerText()).trim(), NEED_TEXT);
  assert.match(
    await page.locator('dl.facts').innerText(),
    new RegExp(themeLabel.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')),
  );
  assert.equal(
    await page.locator('dl.facts a', { hasText: 'the visit' }).getAttribute('href'),
    `/assessments/visits/${s.visitId}`,
  );

  // The report, from the visit page. A file whose content is not a PDF is refused first.
  await page.goto(`/assessments/visits/${s.visitId}`);
  await page.locator('main a.button', { hasText: 'Upload a report' }).click();
  await page.waitForURL(new RegExp(`/assessments/visits/${s.visitId}/reports/new$`));
  await page.locator('#f-title').fill(REPORT_TITLE);
  assert.equal(await page.locator('#f-classification').inputValue(), 'confidential');
  assert.equal(await page.locator('#f-language').inputValue(), 'en');
  await page.locator('#f-file').setInputFiles({
    name: 'report.pdf',
    mimeType: 'application/pdf',
    buffer: Buffer.from('not a PDF at all, just text\n'),
  });
  await clickAndWait(page.locator('main button[type="submit"]'));
  assert.match(await page.locator('.error-summary').innerText(), /not a PDF file/);
  await page.locator('#f-title').fill(REPORT_TITLE);
  await page.locator('#f-file').setInputFiles({ name: 'arcadia-report.pdf', mimeType: 'application/pdf', buffer: PDF });
  await page.locator('main button[type="submit"]').click();
  await page.waitForURL(new RegExp(`/assessments/reports/${UUID}$`));
  s.reportId = idFrom(page, new RegExp(`/assessments/reports/${UUID}$`));
  assert.match(await page.locator('.flash').innerText(), /report was uploaded/);
  assert.equal(await page.locator('h1').innerText(), REPORT_TITLE);
  assert.equal(await page.locator('table tbody tr').count(), 1);
  assert.match(await page.locator('table tbody tr').innerText(), /English\s+PDF/);
  await page.locator('p.breadcrumb a').click();
  await page.waitForURL(new RegExp(`/assessments/visits/${s.visitId}$`));
  assert.match(
    await page.locator('section[aria-labelledby="reports-h"]').innerText(),
    new RegExp(`${REPORT_TITLE.replace(/[()]/g, '\\$&')} — Confidential, English`),
  );
  assert.deepEqual(problems(page), []);
});

test('the entity has no access before consent (404 for the visit, the report and the need)', async () => {
  s.entity = await signedIn(ENTITY);
  const { page } = s.entity;
  for (const url of [`/assessments/visits/${s.visitId}`, `/assessments/reports/${s.reportId}`, `/needs/${s.needId}`]) {
    const r = await page.goto(url);
    assert.equal(r?.status(), 404, `${url} before consent`);
  }
  await page.goto('/needs');
  assert.ok(!(await page.locator('main').innerText()).includes(NEED_TEXT), 'the need is not listed before consent');
});

test(
  'the State’s focal point grants consent to UNODC for the ' +
    'report and the needs; UNODC’s focal point is told by e-mail',
  async () => {
    s.state = await signedIn(STATE);
    const { page } = s.state;
    await page.goto('/assessments/visits');
    await page.locator('table a', { hasText: 'Arcadia' }).first().waitFor();
    await page.goto(`/assessments/visits/${s.visitId}`);
    const panel = page.locator('#consent');
    assert.match(await panel.locator('h2').innerText(), /Consent of the assessed State/);
    assert.match(await panel.innerText(), /Nothing has been shared/);
    assert.ok(await page.locator('#gk-organization').isChecked());
    await page.locator('#f-granteeOrgId').selectOption({ label: 'UNODC — United Nations Office on Drugs and Crime' });
    await page.locator('#f-scope').selectOption({ label: 'the report and the needs' });
    await panel.locator('form.panel button[type="submit"]').click();
    await page.waitForURL(new RegExp(`/assessments/visits/${s.visitId}#consent$`));
    assert.match(await page.locator('.flash').innerText(), /Consent granted/);
    const rows = await panel.locator('table tbody tr').allInnerTexts();
    assert.equal(rows.length, 1);
    assert.match(rows[0], /United Nations Office on Drugs and Crime/);
    assert.match(rows[0], /the report and the needs/);
    assert.match(rows[0], /In force/);
    assert.match(
      await panel.locator('ol.history').innerText(),
      new RegExp(`Granted: the report and the needs \\(${STATE}\\)`),
    );

    // The outbox (read from the table): one consent e-mail to UNODC's focal point, linking to the visit, with nothing
    // confidential in it.
    const mails = await h.env.database.query<{ to: string; kind: string; subject: string; text: string }>(
      `select "to", kind, subject, text from mail_outbox where kind like 'consent_%' order by created_at`,
    );
    const toEntity = mails.filter((m) => m.to === ENTITY);
    assert.equal(toEntity.length, 1, `one e-mail to ${ENTITY}: ${JSON.stringify(mails.map((m) => [m.to, m.kind]))}`);
    assert.equal(toEntity[0].kind, 'consent_granted');
    assert.ok(toEntity[0].text.includes(`/assessments/visits/${s.visitId}`), 'the e-mail links to the visit');
    assert.ok(
      !toEntity[0].text.includes(REPORT_TITLE) && !toEntity[0].text.includes(NEED_TEXT),
      'no confidential content in the e-mail',
    );
    // The State's focal point was told when the report became available for her decision (the workspace's notice).
    assert.ok(mails.some((m) => m.to === STATE && m.kind === 'consent_report_available'));
    assert.ok(
      mails.filter((m) => m.kind !== 'consent_report_available').every((m) => m.to !== STATE && m.to !== ANALYST),
      'only the recipients are told of the grant',
    );
    assert.deepEqual(problems(page), []);
  },
);

test(
  'the entity user follows the e-mail, reads the visit and the report, ' +
    'downloads it (named for the reader and the time) and sees the need',
  async () => {
    // The administrator finds the e-mail in the outbox page, as a person would.
    s.admin = await signedIn(ADMIN);
    const { page: admin } = s.admin;
    await admin.goto('/admin/outbox');
    const row = admin.locator('table tbody tr', { hasText: ENTITY }).first();
    await row.locator('a').click();
    await admin.waitForURL(/\/admin\/outbox\/[0-9a-f-]{36}$/);
    const link = await admin.locator('[data-testid="mail-body"] a').first().getAttribute('href');
    assert.ok(link, 'the e-mail has a link');
    assert.equal(new URL(link).pathname, `/assessments/visits/${s.visitId}`);

    const { page } = s.entity!;
    await page.goto(new URL(link).pathname);
    assert.equal(await page.locator('h1').innerText(), `Assessment visit to ${ARCADIA}`);
    assert.equal(await page.locator('#consent').count(), 0, 'only the State and CTED see the consent panel');
    assert.equal(await page.locator('main a.button', { hasText: 'Upload a report' }).count(), 0);
    await page.locator('section[aria-labelledby="reports-h"] a', { hasText: REPORT_TITLE }).click();
    await page.waitForURL(new RegExp(`/assessments/reports/${s.reportId}$`));
    assert.equal(await page.locator('h1').innerText(), REPORT_TITLE);
    assert.match(await page.locator('.notice.classification').innerText(), /Every view and download is recorded/);
    assert.equal(await page.locator('form[enctype="multipart/form-data"]').count(), 0, 'the reader cannot upload');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('table a', { hasText: 'Download' }).click(),
    ]);
    const name = download.suggestedFilename();
    assert.match(
      name,
      /^arcadia-comprehensive-assessment-2026-e2-en-/,
      'the title (cut to 40 characters), then the language',
    );
    assert.ok(name.includes('diego-alvarez'), `the reader's name is in ${name}`);
    const stamp = /-(\d{4})-(\d{2})-(\d{2})T(\d{2})(\d{2})(\d{2})Z\.pdf$/.exec(name);
    assert.ok(stamp, `a UTC timestamp in ${name}`);
    const at = Date.UTC(+stamp[1], +stamp[2] - 1, +stamp[3], +stamp[4], +stamp[5], +stamp[6]);
    assert.ok(at >= Math.floor(s.startedAt! / 1000) * 1000 && at <= Date.now(), 'the time of the download');
    const saved = await download.path();
    assert.equal(sha256(await readFile(saved)), sha256(PDF), 'the file downloaded is the one uploaded');

    await page.goto('/needs');
    const needRow = page.locator('table tbody tr', { hasText: NEED_TEXT });
    assert.equal(await needRow.count(), 1, 'the need is listed under consent');
    assert.match(await needRow.innerText(), /Confidential/);
    await needRow.locator('a').first().click();
    await page.waitForURL(new RegExp(`/needs/${s.needId}$`));
    assert.equal((await page.locator('div.lead').innerText()).trim(), NEED_TEXT);
    assert.deepEqual(problems(page), []);
  },
);

test(
  'axe: 0 violations on the visit (with the consent panel), report, ' +
    'need and gap-analysis pages in English and Arabic; screenshots',
  async () => {
    const { page } = s.state!;
    const visit = `/assessments/visits/${s.visitId}`;
    const report = `/assessments/reports/${s.reportId}`;
    const need = `/needs/${s.needId}`;
    const pages = [visit, report, need, '/gap-analysis'];
    const shots: Record<string, string> = {
      [visit]: 'assessment-visit-consent',
      [report]: 'assessment-report',
      [need]: 'assessment-need',
      '/gap-analysis': 'gap-analysis',
    };
    const found: string[] = [];
    let views = 0;
    for (const lang of ['en', 'ar']) {
      await page.goto(`/lang/${lang}?next=${encodeURIComponent(visit)}`);
      assert.equal(await page.locator('html').getAttribute('lang'), lang);
      for (const p of pages) {
        const r = await page.goto(p);
        assert.equal(r?.status(), 200, `${lang} ${p}`);
        if (p === visit)
          assert.deepEqual(
            [await page.locator('#consent form').count(), await page.locator('#consent a.danger').count()],
            [2, 1],
            'the panel shows narrow, a new grant, and revoke (through its confirmation page)',
          );
        found.push(...(await axeViolations(page)).map((v) => `${lang} ${p}: ${v}`));
        views++;
        await shot(page, `${shots[p]}-${lang}`);
      }
    }
    // The reader's side too: the visit and report pages as UNODC sees them (no consent panel).
    const reader = s.entity!.page;
    for (const p of [visit, report]) {
      await reader.goto(p);
      found.push(...(await axeViolations(reader)).map((v) => `en (entity) ${p}: ${v}`));
      views++;
    }
    await page.goto(`/lang/en?next=${encodeURIComponent(visit)}`);
    console.log(`# axe: ${found.length} violations on ${views} page views`);
    assert.deepEqual(found, []);
    assert.deepEqual(problems(page), []);
  },
);

test('the State revokes; the entity user is refused on the very next request and no longer sees the need', async () => {
  const { page } = s.state!;
  await page.goto(`/assessments/visits/${s.visitId}`);
  const panel = page.locator('#consent');
  // Revoking goes through the confirmation page, which names the recipient.
  await clickAndWait(panel.locator('table tbody tr a', { hasText: 'Revoke' }));
  assert.match(page.url(), /\/assessments\/consent\/[0-9a-f-]{36}\/revoke\?visitId=/);
  assert.match(
    await page.locator('main').innerText(),
    /United Nations Office on Drugs and Crime will no longer be able/,
  );
  await page.locator('main form button.danger').click();
  await page.waitForURL(new RegExp(`/assessments/visits/${s.visitId}#consent$`));
  assert.match(await page.locator('.flash').innerText(), /Consent revoked/);
  assert.match(await panel.locator('table tbody tr').innerText(), /Revoked/);
  assert.equal(await panel.locator('table tbody tr form').count(), 0, 'a revoked grant cannot be changed');
  assert.match(await panel.locator('ol.history').innerText(), /Revoked \(the report and the needs\)/);

  const reader = s.entity!.page;
  const r = await reader.goto(`/assessments/reports/${s.reportId}`);
  assert.equal(r?.status(), 404, 'the very next request is refused');
  assert.ok(!(await reader.locator('main').innerText()).includes(REPORT_TITLE));
  const file = await reader.request.get(`/assessments/reports/${s.reportId}/files/x`);
  assert.equal(file.status(), 404);
  assert.equal((await reader.goto(`/assessments/visits/${s.visitId}`))?.status(), 404);
  assert.equal((await reader.goto(`/needs/${s.needId}`))?.status(), 404);
  await reader.goto('/needs');
  assert.ok(!(await reader.locator('main').innerText()).includes(NEED_TEXT), 'the need is no longer listed');

  const mails = await h.env.database.query<{ kind: string }>(
    `select kind from mail_outbox where "to" = $1 and kind like 'consent_%' order by created_at`,
    [ENTITY],
  );
  assert.deepEqual(
    mails.map((m) => m.kind),
    ['consent_granted', 'consent_revoked'],
  );
  assert.deepEqual(problems(reader), []);
});

test('the administrator finds every step in the audit log', async () => {
  const { page } = s.admin!;
  await page.goto('/admin/audit');
  const rowsFor = async (action: string) => {
    await page.locator('#f-action').fill(action);
    // The same filter twice gives the same address: wait for the new page, not for an address.
    await clickAndWait(page.locator('form.filters button[type="submit"]'));
    const u = new URL(page.url());
    assert.ok(u.pathname === '/admin/audit' && u.searchParams.get('action') === action, `filtered: ${page.url()}`);
    if ((await page.locator('main table').count()) === 0) return [];
    return (
      await page
        .locator('main table tbody tr')
        .evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')))
    ).map(([id, at, act, actor, target, details]) => ({ id: Number(id), at, action: act, actor, target, details }));
  };
  /** The ids of matching entries (the page lists the newest first). */
  const entries = async (action: string, actor: string, target: (t: string) => boolean, details = '') => {
    const ids = (await rowsFor(action))
      .filter((r) => r.action === action && r.actor === actor && target(r.target) && r.details.includes(details))
      .map((r) => r.id);
    assert.ok(ids.length >= 1, `audit: ${action} by ${actor}`);
    return ids;
  };
  const on = (t: string) => (x: string) => x === t;
  const grant = (x: string) => /^consent_grant:[0-9a-f-]{36}$/.test(x);
  const first = (ids: number[]) => Math.min(...ids);
  const steps = [
    first(await entries('assessment.visit.created', ANALYST, on(`assessment_visit:${s.visitId}`))),
    first(await entries('need.created', ANALYST, on(`need:${s.needId}`), s.visitId)),
    first(await entries('assessment.report.created', ANALYST, on(`assessment_report:${s.reportId}`), sha256(PDF))),
    first(await entries('assessment.consent.granted', STATE, grant, s.visitId)),
    first(await entries('assessment.report.viewed', ENTITY, on(`assessment_report:${s.reportId}`), '"consent":true')),
    first(
      await entries('assessment.report.downloaded', ENTITY, on(`assessment_report:${s.reportId}`), 'diego-alvarez'),
    ),
    first(await entries('assessment.consent.revoked', STATE, grant, s.visitId)),
    // The last refusal: after the revocation.
    Math.max(...(await entries('assessment.report.read_denied', ENTITY, on(`assessment_report:${s.reportId}`)))),
  ];
  assert.deepEqual(
    [...steps].sort((a, b) => a - b),
    steps,
    'in the order they happened',
  );
  // Refused three times: the report page before the consent, then after the revocation the report page and a file URL.
  assert.equal(
    (await entries('assessment.report.read_denied', ENTITY, on(`assessment_report:${s.reportId}`))).length,
    3,
  );
  await shot(page, 'assessment-audit-en');
  // The chain of the log holds.
  await page.goto('/admin/audit?verify=1');
  assert.equal(
    await page.locator('main .notice[role="status"]').count(),
    1,
    `the audit chain verifies: ${await page.locator('main [role="status"]').first().innerText()}`,
  );
  assert.deepEqual(problems(page), []);
  for (const a of [s.analyst, s.state, s.entity, s.admin]) await a?.context.close();
});
