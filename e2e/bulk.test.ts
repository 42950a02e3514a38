// Browser journey of an organizer's bulk tools on the demo's Third High-Level Conference (UNOCT, June 2023), whose
// organizers published "More than 1000 participants representing 160 Member States, 23 regional and international
// organizations, 23 United Nations entities, as well as 135 institutions from academia, civil society, and private
// sector attended the conference in person". The demo UNOCT coordinator downloads the import template (XLSX), fills
// it with 1,000 fictional people — some with accounts, most without — from 160 Member States and the directory's
// organizations, uploads a copy with a few bad rows (every bad row named by its row in the sheet, nothing stored),
// then the clean file (dry run, then one commit); accepts all of them at once, e-mails a few picked ones (each in
// their language), keeps the published figures, and reads the recorded sentence beside the published one on the
// event's page and its statistics page; badges and the printable list of 1,000 load quickly and fit 390 px. Forms
// without JavaScript where they work without it; axe on each page, one of them in Arabic.
import { test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { and, eq, inArray, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import type { Cookie, Page } from 'playwright-core';
import { mailOutbox } from '../src/platform/mail/mail.schema.ts';
import { organizations } from '../src/modules/directory/directory.schema.ts';
import { eventRegistrations, events } from '../src/modules/events/events.schema.ts';
import { seedEvents } from '../src/modules/events/index.ts';
import { IMPORT_COLUMNS } from '../src/modules/events/registration/import.service.ts';
import { DEMO_ACCOUNTS } from '../src/modules/access/access.seed.ts';
import { axeProblems, widthProblems } from './checks.ts';
import { DEMO_TOTP_SECRET, SHOTS, clickAndWait, newPage, shot, signIn, startHarness, type Harness } from './harness.ts';

let h: Harness;
const HLC = '2023-third-high-level-conference-heads-ct-agencies';
const BASE = `/events/${HLC}`;
const LANGS = ['en', 'fr', 'es', 'ru', 'zh', 'ar'] as const;
/** A request of the bulk tools over 1,000 rows answering slower than this is a bug. */
const SLOW_MS = 8_000;
let eventId = '';
let template: Buffer | null = null;

before(async () => {
  h = await startHarness(import.meta.filename);
  await seedEvents(h.env.database.db, { demo: true });
  eventId = (await h.env.database.db.select({ id: events.id }).from(events).where(eq(events.slug, HLC)))[0].id;
});
afterEach((t) => h?.keepOnFailure(t));
after(async () => {
  await h?.close();
});

const db = () => h.env.database.db;
const registrationCount = async () =>
  (
    await db()
      .select({ n: sql<number>`count(*)::int` })
      .from(eventRegistrations)
      .where(eq(eventRegistrations.eventId, eventId))
  )[0].n;

/** Loads `url` and says how long the server took to answer (the document's response). */
async function timed(page: Page, what: string, go: () => Promise<unknown>) {
  const started = Date.now();
  await go();
  const ms = Date.now() - started;
  assert.ok(ms < SLOW_MS, `${what} took ${ms} ms (more than ${SLOW_MS} ms for 1,000 rows is a bug)`);
  return ms;
}

/** Every problem of the page at its current width: axe's violations and anything wider than the window. */
async function problemsOf(page: Page, label: string, exclude: string[] = []) {
  return [...(await widthProblems(page)), ...(await axeProblems(page, { exclude }))].map((p) => `${label}: ${p}`);
}

let session: Cookie[] | null = null;
/**
 * A page of the demo UNOCT coordinator: signed in once (password and two-factor), then the same session in every
 * context (a two-factor code is accepted once: signing in again would wait for the next one).
 */
async function coordinatorPage(opts: { javaScriptEnabled?: boolean } = {}) {
  const { context, page } = await newPage(h, opts);
  if (session) await context.addCookies(session);
  else {
    await signIn(page, 'coordinator@demo.ctcp.localhost', undefined, DEMO_TOTP_SECRET);
    session = await context.cookies();
  }
  return { context, page };
}

interface Person {
  name: string;
  email: string;
  language: string;
  country: string;
  organization: string;
  organization_name: string;
  organization_type: string;
  status: string;
}

/**
 * The 1,000 fictional people: the six demo accounts with their own organizations first, then people without
 * accounts spread over 160 Member States (the fictional Arcadia and 159 real ones), the directory's 23 United
 * Nations entities and 12 regional and international organizations, and 135 institutions from academia, civil
 * society and the private sector (the directory's six demo ones and 129 fictional names); every row pending.
 */
async function people(): Promise<{ rows: Person[]; states: number; orgs: number; entities: number; inst: number }> {
  const dir = await db()
    .select({
      slug: organizations.slug,
      iso3: organizations.iso3,
      type: organizations.type,
      isDemo: organizations.isDemo,
    })
    .from(organizations)
    .orderBy(organizations.slug);
  const states = dir.filter((o) => o.type === 'member_state' && !o.isDemo && o.iso3).slice(0, 159);
  const entities = dir.filter((o) => o.type === 'un_entity');
  const regional = dir.filter((o) => o.type === 'regional_org' || o.type === 'international_org');
  const institutions = dir.filter((o) => (o.type === 'cso' || o.type === 'academia') && o.isDemo);
  const kinds = ['academia', 'cso', 'private_sector'];
  const blank = { country: '', organization: '', organization_name: '', organization_type: '' };
  const affiliations = [
    { ...blank, country: 'XAR' },
    ...states.map((s) => ({ ...blank, country: s.iso3! })),
    ...entities.map((o) => ({ ...blank, organization: o.slug })),
    ...regional.map((o) => ({ ...blank, organization: o.slug })),
    ...institutions.map((o) => ({ ...blank, organization: o.slug })),
    ...Array.from({ length: 135 - institutions.length }, (_, i) => ({
      ...blank,
      organization_name: `Fictional ${['Institute', 'Network', 'Company'][i % 3]} ${i + 1}`,
      organization_type: kinds[i % 3],
    })),
  ];
  const ownOrg: Record<string, Partial<Person>> = {
    admin: { organization: 'unoct' },
    analyst: { organization: 'cted' },
    entity: { organization: 'unodc' },
    state: { country: 'XAR' },
    cso: { organization: 'demo-coastal-peacebuilders' },
    observer: {},
  };
  const accounts = DEMO_ACCOUNTS.filter((a) => a.email.split('@')[0] in ownOrg).map((a) => ({
    ...blank,
    ...ownOrg[a.email.split('@')[0]],
    name: a.name,
    email: a.email,
    language: '',
    status: 'pending',
  }));
  const rows: Person[] = [...accounts];
  for (let i = 0; rows.length < 1000; i++)
    rows.push({
      ...affiliations[i % affiliations.length],
      name: `Participant ${String(i + 1).padStart(4, '0')} (fictional)`,
      email: `participant-${i + 1}@hlc.example`,
      language: LANGS[i % LANGS.length],
      status: 'pending',
    });
  return {
    rows,
    states: 1 + states.length,
    orgs: regional.length,
    entities: entities.length,
    inst: 135,
  };
}

/** The template workbook filled with `rows` under its header and HXL rows. */
async function fill(rows: Person[]): Promise<Buffer> {
  assert.ok(template, 'the template was downloaded');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(template as unknown as ExcelJS.Buffer);
  const ws = wb.worksheets[0];
  const header = (ws.getRow(1).values as unknown[]).slice(1).map(String);
  for (const r of rows) ws.addRow(header.map((k) => (r as unknown as Record<string, string>)[k] ?? ''));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function upload(page: Page, name: string, data: Buffer, mode: 'dry' | 'commit') {
  await page.locator('input[type="file"][name="file"]').setInputFiles({
    name,
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer: data,
  });
  await page.locator(`#mode-${mode}`).check();
  return timed(page, `the import (${mode}, ${name})`, () =>
    clickAndWait(page.getByRole('button', { name: 'Check or import' })),
  );
}

let expected: Awaited<ReturnType<typeof people>>;

test('the import of 1,000 people from the XLSX template: bad rows named, nothing stored, then one commit', async () => {
  const { context, page } = await coordinatorPage();
  // At phone width: the errors' table too must fit.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`${BASE}/registrations`);
  await clickAndWait(page.getByRole('link', { name: 'Import registrations' }));
  assert.equal(new URL(page.url()).pathname, `${BASE}/registrations/import`);
  // The template: the columns' names, then their HXL hashtags.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'XLSX', exact: true }).click(),
  ]);
  template = readFileSync(await download.path());
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(template as unknown as ExcelJS.Buffer);
  const ws = wb.worksheets[0];
  assert.deepEqual(
    (ws.getRow(1).values as unknown[]).slice(1),
    IMPORT_COLUMNS.map((c) => c.key),
  );
  assert.deepEqual(
    (ws.getRow(2).values as unknown[]).slice(1),
    IMPORT_COLUMNS.map((c) => c.hxl),
  );

  expected = await people();
  const rows = expected.rows;
  assert.equal(rows.length, 1000);
  // A few bad rows: an address that is none, a country code nobody has, an address already on another row, an
  // organization type that is not one. In the sheet, rows[k] is on row k + 3 (the header, then the hashtags).
  const bad = rows.map((r) => ({ ...r }));
  bad[9].email = 'not-an-address';
  bad[99].country = 'XYZ';
  bad[99].organization = '';
  bad[499].email = bad[10].email;
  bad[899] = {
    ...bad[899],
    country: '',
    organization: '',
    organization_name: 'Fictional Ministry',
    organization_type: 'ministry',
  };
  await upload(page, 'hlc-participants-with-mistakes.xlsx', await fill(bad), 'commit');
  const result = page.locator('#import-result');
  assert.match(await result.innerText(), /4 rows have errors/);
  const table = await result
    .locator('tbody tr')
    .evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => (td.textContent ?? '').trim())));
  assert.deepEqual(
    table.map(([row, column]) => `${row} ${column}`),
    ['12 email', '102 country', '502 email', '902 organization_type'],
    'each error names the row of the sheet the organizer sees',
  );
  assert.match(table[0][2], /“not-an-address” is not an e-mail address/);
  assert.match(table[1][2], /No Member State has the code “XYZ”/);
  assert.match(table[2][2], new RegExp(`${bad[10].email.replace('.', '\\.')} is already on row 13 of this file`));
  assert.match(await result.innerText(), /Nothing was stored/);
  assert.equal(await registrationCount(), 0, 'nothing stored by the refused file');
  const found = await problemsOf(page, 'import with errors');
  await shot(page, 'bulk-import-errors');

  // The clean file: a dry run (nothing stored), then the commit (all 1,000 in one go).
  const clean = await fill(rows);
  await upload(page, 'hlc-participants.xlsx', clean, 'dry');
  assert.match(
    await result.innerText(),
    /1,000 rows checked, no error: 1,000 registrations to add, 0 people already registered/,
  );
  assert.match(await result.innerText(), /Nothing was stored/);
  assert.equal(await registrationCount(), 0, 'a dry run stores nothing');
  await upload(page, 'hlc-participants.xlsx', clean, 'commit');
  assert.match(await result.innerText(), /1,000 registrations added; 0 people were already registered/);
  assert.equal(await registrationCount(), 1000);
  const stored = await db()
    .select({
      email: eventRegistrations.email,
      status: eventRegistrations.status,
      userId: eventRegistrations.userId,
      locale: eventRegistrations.locale,
      origin: eventRegistrations.origin,
    })
    .from(eventRegistrations)
    .where(eq(eventRegistrations.eventId, eventId));
  assert.equal(new Set(stored.map((r) => r.email)).size, 1000);
  assert.ok(
    stored.every((r) => r.status === 'pending' && r.origin === 'import'),
    'all pending, imported',
  );
  assert.equal(stored.filter((r) => r.userId).length, 6, 'the six people with accounts are linked to them');
  found.push(...(await problemsOf(page, 'import committed')));
  // The same file again adds nothing.
  await upload(page, 'hlc-participants.xlsx', clean, 'dry');
  assert.match(await result.innerText(), /1,000 registrations? to add|0 registrations to add, 1,000 people already/);
  assert.equal(await registrationCount(), 1000);
  assert.deepEqual(found, []);
  await context.close();
});

test('one decision accepts the 1,000; a message to a few picked people, each in their language', async () => {
  assert.equal(await registrationCount(), 1000, 'the import journey ran');
  const { context, page } = await coordinatorPage({ javaScriptEnabled: false });
  await timed(page, 'the registrations page (pending)', () => page.goto(`${BASE}/registrations?status=pending`));
  await page.locator('#scope-status').check();
  await page.locator('select[name="decision"]').selectOption('accept');
  await timed(page, 'accepting 1,000', () => clickAndWait(page.locator('#bulk-apply')));
  assert.match(await page.locator('.flash').innerText(), /1,000 registrations changed/);
  const statuses = await db()
    .select({ status: eventRegistrations.status, n: sql<number>`count(*)::int` })
    .from(eventRegistrations)
    .where(eq(eventRegistrations.eventId, eventId))
    .groupBy(eventRegistrations.status);
  assert.deepEqual(statuses, [{ status: 'accepted', n: 1000 }]);
  // Each person was told, once, in their language (the outbox: no SMTP in the journeys).
  const told = await db()
    .select({ to: mailOutbox.to, locale: mailOutbox.locale })
    .from(mailOutbox)
    .where(sql`${mailOutbox.kind} like 'event\_%' and ${mailOutbox.kind} <> 'event_message'`);
  const localeOf = new Map(
    (
      await db()
        .select({ email: eventRegistrations.email, locale: eventRegistrations.locale })
        .from(eventRegistrations)
        .where(eq(eventRegistrations.eventId, eventId))
    ).map((r) => [r.email, r.locale]),
  );
  assert.equal(told.length, 1000);
  assert.equal(new Set(told.map((m) => m.to)).size, 1000);
  assert.deepEqual(
    told.filter((m) => localeOf.get(m.to) !== m.locale),
    [],
    'each e-mail in its recipient’s language',
  );
  assert.equal(new Set(told.map((m) => m.locale)).size, 6, 'in the six languages');

  // Three people picked on the list (English, French and Arabic), then one message in those three languages.
  await timed(page, 'the registrations page (accepted)', () => page.goto(`${BASE}/registrations?status=accepted`));
  const picked = await db()
    .select({ id: eventRegistrations.id, email: eventRegistrations.email, locale: eventRegistrations.locale })
    .from(eventRegistrations)
    .where(
      and(
        eq(eventRegistrations.eventId, eventId),
        inArray(eventRegistrations.email, [
          'participant-1@hlc.example',
          'participant-2@hlc.example',
          'participant-6@hlc.example',
        ]),
      ),
    );
  assert.deepEqual(picked.map((p) => p.locale).sort(), ['ar', 'en', 'fr']);
  for (const p of picked) {
    const box = page.locator(`#pick-${p.id}`);
    assert.equal(await box.count(), 1, `${p.email} is on the first page of the list`);
    await box.check();
  }
  await clickAndWait(page.locator('#bulk-write'));
  assert.match(await page.locator('main').innerText(), /The 3 registrations picked/);
  const subjects = { en: 'Practical information', fr: 'Informations pratiques', ar: 'معلومات عملية' };
  for (const [l, s] of Object.entries(subjects)) {
    await page.locator(`[name="subject_${l}"]`).fill(s);
    await page.locator(`[name="body_${l}"]`).fill(`${s}: (fictional) ${l}`);
  }
  const outboxBefore = (await db().select({ n: sql<number>`count(*)::int` }).from(mailOutbox))[0].n;
  await clickAndWait(page.getByRole('button', { name: 'Send the e-mails' }));
  assert.match(await page.locator('.flash').innerText(), /on its way to 3 people, each in their language/);
  const mails = await db()
    .select({ to: mailOutbox.to, locale: mailOutbox.locale, subject: mailOutbox.subject, text: mailOutbox.text })
    .from(mailOutbox)
    .where(eq(mailOutbox.kind, 'event_message'));
  assert.equal(mails.length, 3, 'one e-mail each');
  assert.equal((await db().select({ n: sql<number>`count(*)::int` }).from(mailOutbox))[0].n, outboxBefore + 3);
  for (const p of picked) {
    const m = mails.find((x) => x.to === p.email);
    assert.ok(m, `${p.email} is written to`);
    assert.equal(m.locale, p.locale);
    assert.ok(m.subject.includes(subjects[p.locale as keyof typeof subjects]), `${p.email}: ${m.subject}`);
    assert.ok(m.text.includes(`(fictional) ${p.locale}`), `${p.email}: the body in their language`);
  }
  await context.close();
});

const PUBLISHED_EN =
  'More than 1,000 participants representing 160 Member States, 23 regional and international organizations, ' +
  '23 United Nations entities and 135 institutions from academia, civil society and the private sector attended ' +
  'in person';

test('published figures kept; the recorded sentence beside them on the event and statistics pages', async () => {
  assert.ok(expected, 'the import journey ran');
  const { context, page } = await coordinatorPage();
  // The organizer keeps the published figures as they are (the form saved unchanged).
  const before = (await db().select().from(events).where(eq(events.id, eventId)))[0].publishedFigures;
  await page.goto(`${BASE}/figures`);
  assert.equal(await page.locator('[name="fig_participants_value"]').inputValue(), '1000');
  await clickAndWait(page.locator('main form button[type="submit"]').last());
  assert.equal(new URL(page.url()).pathname, `${BASE}/statistics`);
  assert.match(await page.locator('.flash').innerText(), /The published figures are saved/);
  assert.deepEqual((await db().select().from(events).where(eq(events.id, eventId)))[0].publishedFigures, before);
  await context.close();

  const recorded =
    `1,000 participants representing ${expected.states} Member States, ${expected.orgs} regional and international ` +
    `organizations, ${expected.entities} United Nations entities and ${expected.inst} institutions from academia, ` +
    'civil society and the private sector';
  // The public reads them, with JavaScript and without.
  for (const javaScriptEnabled of [true, false]) {
    const { context: c, page: p } = await newPage(h, { javaScriptEnabled });
    await p.setViewportSize({ width: 390, height: 844 });
    const found: string[] = [];
    await timed(p, 'the statistics page', () => p.goto(`${BASE}/statistics`));
    assert.equal(await p.locator('#published-sentence').innerText(), PUBLISHED_EN);
    assert.equal(await p.locator('#recorded-sentence').innerText(), recorded);
    // Side by side: the recorded section follows the published one directly, neither replaces the other.
    assert.ok(
      await p.evaluate(() => {
        const pub = document.querySelector('#published-sentence')?.closest('section');
        const rec = document.querySelector('#recorded-sentence')?.closest('section');
        return !!pub && !!rec && pub.nextElementSibling === rec;
      }),
      'the recorded sentence is right after the published figures',
    );
    const compared = await p.locator('#figures-compared').innerText();
    assert.match(compared, /Participants\s+more than 1,000 \(attended in person\)\s+1,000/);
    assert.match(compared, /Member States\s+160 \(attended in person\)\s+160/);
    assert.match(compared, /Institutions\s+135 \(attended in person\)\s+135/);
    if (javaScriptEnabled) found.push(...(await problemsOf(p, 'statistics')));
    await timed(p, 'the event page', () => p.goto(BASE));
    assert.equal(await p.locator('#published-sentence').innerText(), PUBLISHED_EN);
    assert.equal(await p.locator('#recorded-sentence').innerText(), `Recorded on this platform: ${recorded}.`);
    assert.ok(
      await p.evaluate(
        () =>
          document.querySelector('#published-sentence')?.closest('.published-figures')?.nextElementSibling?.id ===
          'recorded-sentence',
      ),
      'on the event page too, the recorded sentence follows the published figures',
    );
    if (javaScriptEnabled) found.push(...(await problemsOf(p, 'event page')));
    if (javaScriptEnabled) {
      // One page in Arabic: the statistics, mirrored, both sentences there.
      await p.goto(`/lang/ar?next=${BASE}/statistics`);
      assert.equal(await p.locator('html').getAttribute('dir'), 'rtl');
      assert.match(await p.locator('#published-sentence').innerText(), /١٬٠٠٠|1,000|1000/);
      assert.ok((await p.locator('#recorded-sentence').innerText()).length > 0);
      found.push(...(await problemsOf(p, 'statistics (ar)')));
      await shot(p, 'bulk-statistics-ar-phone');
    }
    assert.deepEqual(found, []);
    await c.close();
  }
});

test('badges and the printable list of 1,000 load quickly and fit 390 px; the tools pass axe', async () => {
  assert.equal(await registrationCount(), 1000, 'the import journey ran');
  const { context, page } = await coordinatorPage();
  await page.setViewportSize({ width: 390, height: 844 });
  const found: string[] = [];
  // Every page's width is checked whole; axe reads the 1,000 badges' and rows' first 100 (the rest is the same
  // markup, and axe over all of them takes minutes on a busy machine).
  for (const [url, check, exclude] of [
    [`${BASE}/badges`, () => page.locator('.badge-card').count(), ['.badge-card:nth-child(n+101)']],
    [`${BASE}/participants/print`, () => page.locator('main tbody tr').count(), ['main tbody tr:nth-child(n+101)']],
    [`${BASE}/registrations`, () => page.locator('main tbody tr').count(), []],
    [`${BASE}/registrations/import`, async () => 0, []],
    [`${BASE}/messages`, async () => 0, []],
  ] as const) {
    await timed(page, url, () => page.goto(url));
    const rows = await check();
    if (url.endsWith('/badges') || url.endsWith('/print')) assert.equal(rows, 1000, `${url}: 1,000 people`);
    if (url.endsWith('/registrations')) assert.equal(rows, 100, 'the registrations page: 100 a page');
    found.push(...(await problemsOf(page, url, [...exclude])));
  }
  await page.goto(`${BASE}/badges`);
  await page.screenshot({ path: path.join(SHOTS, 'bulk-badges-phone.png') });
  assert.deepEqual(found, []);
  await context.close();
});
