// The Compact's loop, in Chromium, through the pages as its users walk it: the secretariat (the demo UNOCT
// coordinator) schedules the monthly heads' coordination meeting with an agenda item and circulates the agenda (one
// e-mail per invitee in the invitee's language, with an .ics); drafts the minutes and circulates them; an attendee
// (the demo CTED analyst) comments; the minutes are adopted (SHA-256 shown, no edit form); a decision with two actions
// goes into the register (HM/<year>/<n>); the next meeting's agenda lists them under the automatic review of open
// actions; one action is marked done with a note; a briefing pack for the period shows the decision and the actions.
// Walked twice on one server: with JavaScript on, the secretariat in English (one page also read in Arabic); then
// with JavaScript off, the secretariat working in Arabic (its account's language, chosen on the account page: pages
// mirrored, its own agenda e-mail in Arabic, every text written in Arabic). Axe on the main pages of both walks.
import { describe, test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { CATALOGUES, type Locale } from '../src/platform/i18n/index.ts';
import {
  DEMO_TOTP_SECRET,
  axeViolations,
  clickAndWait,
  newPage,
  signIn,
  startHarness,
  type Harness,
} from './harness.ts';

let h: Harness;
const COORDINATOR = 'coordinator@demo.ctcp.localhost';
const ANALYST = 'analyst@demo.ctcp.localhost';
const UUID = /[0-9a-f-]{36}/;
const rowsOf = <T>(r: unknown): T[] => ((r as { rows?: T[] }).rows ?? (r as T[])) as T[];
const problems = (page: Page) => (page as unknown as { problems: string[] }).problems;
/** 'YYYY-MM-DD' some days from now. */
const day = (days: number) => new Date(Date.now() + days * 86400_000).toISOString().slice(0, 10);

before(async () => {
  h = await startHarness(import.meta.filename);
  // The heads' meeting's invitees are the representatives of its two co-chair entities (UNOCT, CTED); the demo data
  // names none, so the two demo accounts are made their entities' representatives here, before the meeting exists
  // (invitees are taken when it is created). The analyst reads in French, to see the e-mail in her language.
  await h.env.database.exec(`insert into compact_body_representatives (member_id, person_id)
    select m.id, u.person_id from compact_body_members m
      join compact_bodies b on b.id = m.body_id and b.slug = 'heads-meeting'
      join organizations o on o.id = m.organization_id
      join users u on (o.slug, u.email) in (('unoct', '${COORDINATOR}'), ('cted', '${ANALYST}'))`);
  await h.env.database.exec(`update users set locale = 'fr' where email = '${ANALYST}'`);
});
afterEach((t) => h?.keepOnFailure(t));
after(async () => {
  await h?.close();
});

interface Walk {
  name: string;
  /** JavaScript in the secretariat's and the attendee's browsers. */
  js: boolean;
  /** The secretariat's language: the account's own (pages and its e-mails); every text is written in it. */
  lang: Locale;
  /** Distinguishes this walk's records from the other walk's on the same server. */
  tag: string;
}
const WALKS: Walk[] = [
  { name: 'JavaScript on, the secretariat in English', js: true, lang: 'en', tag: '' },
  { name: 'JavaScript off, the secretariat in Arabic', js: false, lang: 'ar', tag: ' (ب)' },
];

for (const w of WALKS) describe(w.name, () => walk(w));

function walk(w: Walk) {
  const tr = (key: string) => CATALOGUES[w.lang][key] ?? key;
  /** The texts the secretariat writes, in its language. */
  const texts =
    w.lang === 'ar'
      ? {
          meeting: `اجتماع التنسيق بين الرئيسين${w.tag}`,
          next: `اجتماع التنسيق بين الرئيسين في الشهر التالي${w.tag}`,
          item: `الزيارات التقييمية المشتركة لعام 2027${w.tag}`,
          summary: 'اتفق الرئيسان على الزيارات التقييمية المشتركة لعام 2027.',
          outcome: 'تمت الموافقة؛ إجراءان للمتابعة.',
          decision: `يوافق الرئيسان على إجراء زيارات تقييمية مشتركة في عام 2027${w.tag}.`,
          actions: [`إعداد جدول الزيارات المشتركة${w.tag}.`, `تعميم اختصاصات الزيارات${w.tag}.`],
          note: 'تم الاتفاق على الجدول مع المكتبين.',
        }
      : {
          meeting: `Heads’ coordination meeting (loop journey)${w.tag}`,
          next: `Heads’ coordination meeting (the month after)${w.tag}`,
          item: `Joint assessment visits for 2027${w.tag}`,
          summary: 'The heads agreed the joint assessment visits for 2027.',
          outcome: 'Agreed; two follow-up actions.',
          decision: `The heads agree to hold joint assessment visits in 2027${w.tag}.`,
          actions: [
            `Draft the schedule of the joint visits${w.tag}.`,
            `Circulate the visits’ terms of reference${w.tag}.`,
          ],
          note: 'Schedule agreed with both offices.',
        };
  const L = w.lang;
  const s: {
    coord?: Page;
    meeting?: string;
    next?: string;
    symbol?: string;
    decision?: string;
    actions: string[];
  } = { actions: [] };
  const axeFound: string[] = [];
  /** Axe needs JavaScript in the page: in the walk without it, the same address is checked in a second browser
   * context that shares the page's session (the server's HTML is the same; nothing on these pages is enhanced). */
  const axe = async (page: Page, label: string) => {
    let target = page;
    const twin = w.js ? undefined : await h.browser.newContext({ storageState: await page.context().storageState() });
    if (twin) {
      target = await twin.newPage();
      await target.goto(page.url());
    }
    axeFound.push(...(await axeViolations(target)).map((v) => `${label}: ${v}`));
    await twin?.close();
  };
  const headsBody = async () =>
    rowsOf<{ id: string }>(
      await h.env.database.db.execute(sql`select id from compact_bodies where slug = 'heads-meeting'`),
    )[0].id;

  /** The secretariat's meeting form: the heads' coordination meeting `days` from now, 10:00–11:30 in New York. */
  async function scheduleMeeting(page: Page, title: string, days: number): Promise<string> {
    await page.goto('/compact/meetings/new');
    await page.locator('#f-bodyId').selectOption(await headsBody());
    await page.locator('#f-kind').selectOption('heads_coordination');
    await page.locator(`#f-title_${L}`).fill(title);
    await page.locator('#f-timeZone').selectOption('America/New_York');
    await page.locator('#f-start').fill(`${day(days)}T10:00`);
    await page.locator('#f-end').fill(`${day(days)}T11:30`);
    await page.locator('#f-format').selectOption('virtual');
    await page.locator('#f-meetingLink').fill('https://meet.example.org/heads');
    await clickAndWait(page.locator('main form button[type="submit"]'));
    const m = new RegExp(`/compact/meetings/(${UUID.source})$`).exec(page.url());
    assert.ok(m, `the meeting's page after creating it (at ${page.url()})`);
    return m[1];
  }

  test('1. the secretariat schedules the heads’ meeting, adds an agenda item and circulates the agenda', async () => {
    const { page } = await newPage(h, { javaScriptEnabled: w.js });
    s.coord = page;
    await signIn(page, COORDINATOR, undefined, DEMO_TOTP_SECRET);
    // The secretariat's own language, chosen on the account page (its pages and its e-mails).
    await page.goto('/account');
    await page.locator('#f-locale').selectOption(L);
    await clickAndWait(page.locator('main form[action="/account/settings"] button[type="submit"]'));
    assert.equal(await page.locator('html').getAttribute('lang'), L);
    assert.equal(await page.locator('html').getAttribute('dir'), L === 'ar' ? 'rtl' : 'ltr');
    s.meeting = await scheduleMeeting(page, texts.meeting, 10);
    await page.goto(`/compact/meetings/${s.meeting}/agenda/new`);
    await page.locator('#f-type').selectOption('decision');
    await page.locator(`#f-title_${L}`).fill(texts.item);
    await clickAndWait(page.locator('main form button[type="submit"]'));
    assert.ok((await page.locator('#agenda').innerText()).includes(texts.item));
    await clickAndWait(page.locator(`main form[action="/compact/meetings/${s.meeting}/circulate"] button`));
    assert.equal(new URL(page.url()).pathname, `/compact/meetings/${s.meeting}`);
    await axe(page, 'meeting');
    const mails = rowsOf<{ to: string; locale: string; subject: string; attachments: unknown }>(
      await h.env.database.db.execute(
        sql`select "to", locale, subject, attachments from mail_outbox
          where kind = 'meeting_agenda' and text like ${`%${s.meeting}%`} order by "to"`,
      ),
    );
    assert.deepEqual(
      mails.map((m) => [m.to, m.locale]),
      [
        [ANALYST, 'fr'],
        [COORDINATOR, L],
      ],
      'one e-mail per invitee, in the invitee’s language',
    );
    const subjectStart = (l: Locale) => CATALOGUES[l]['meetings.email.subject'].split('{title}')[0];
    assert.ok(mails[0].subject.startsWith(subjectStart('fr')), mails[0].subject);
    assert.ok(mails[1].subject.startsWith(subjectStart(L)), mails[1].subject);
    assert.ok(mails[1].subject.includes(texts.meeting), 'the title as the secretariat wrote it');
    for (const m of mails) {
      const att = (typeof m.attachments === 'string' ? JSON.parse(m.attachments) : m.attachments) as {
        filename: string;
        content: string;
      }[];
      assert.equal(att[0].filename, 'meeting.ics');
      assert.match(att[0].content, /^METHOD:REQUEST\r?$/m);
      assert.match(att[0].content, new RegExp(`^UID:meeting-${s.meeting}@ctcp\\r?$`, 'm'));
    }
  });

  test('2. minutes: drafted and circulated; an attendee comments; adopted: SHA-256, no edit form', async () => {
    const page = s.coord!;
    const base = `/compact/meetings/${s.meeting}`;
    // The service does not require the meeting to have taken place before minutes are started.
    await page.goto(base);
    await clickAndWait(page.locator(`main form[action="${base}/minutes"] button`));
    const edit = page.locator(`main a[href^="${base}/minutes/"]`).first();
    const minutesId = /\/minutes\/([0-9a-f-]{36})$/.exec((await edit.getAttribute('href')) ?? '')![1];
    await clickAndWait(edit);
    await page.locator(`[name="summary_${L}"]`).fill(texts.summary);
    await page.locator(`main textarea[name^="outcome_"][name$="_${L}"]`).first().fill(texts.outcome);
    await axe(page, 'minutes form');
    await clickAndWait(page.locator('main form button[type="submit"]').last());
    assert.equal(new URL(page.url()).pathname, base);
    await page.locator('#f-deadline').fill(day(7));
    await clickAndWait(page.locator(`main form[action="${base}/minutes/${minutesId}/circulate"] button`));
    assert.ok((await page.locator('#minutes').innerText()).includes(texts.summary));

    // The analyst, an invitee (CTED's representative), comments on the circulated minutes.
    const { context, page: analyst } = await newPage(h, { javaScriptEnabled: w.js });
    await signIn(analyst, ANALYST, undefined, DEMO_TOTP_SECRET);
    await analyst.goto(base);
    const comment = `CTED agrees${w.tag}.`;
    await analyst.locator(`main form[action="${base}/minutes/${minutesId}/comments"] textarea`).fill(comment);
    await clickAndWait(analyst.locator(`main form[action="${base}/minutes/${minutesId}/comments"] button`));
    assert.ok((await analyst.locator('#minutes').innerText()).includes(comment));
    assert.deepEqual(problems(analyst), []);
    await context.close();

    await page.goto(base);
    assert.ok((await page.locator('#minutes').innerText()).includes(comment), 'the secretariat sees the comment');
    await page.goto(`${base}/minutes/${minutesId}/adopt`);
    await clickAndWait(page.locator('main form button[type="submit"]'));
    assert.equal(new URL(page.url()).pathname, base);
    const sha = await page.locator('#minutes code').first().innerText();
    assert.match(sha, /^[0-9a-f]{64}$/);
    assert.equal(await page.locator(`main a[href="${base}/minutes/${minutesId}"]`).count(), 0, 'no edit link');
    assert.equal(await page.locator(`main form[action="${base}/minutes/${minutesId}/circulate"]`).count(), 0);
    await page.goto(`${base}/minutes/${minutesId}`);
    const changed = page.locator(`[name="summary_${L}"]`);
    if (await changed.count()) {
      await changed.fill('Changed after adoption.');
      await page.locator('main form button[type="submit"]').last().click();
      await page.waitForLoadState('load');
    }
    await page.goto(base);
    assert.doesNotMatch(await page.locator('#minutes').innerText(), /Changed after adoption/, 'adopted: locked');
    assert.equal(await page.locator('#minutes code').first().innerText(), sha);
  });

  test('3. a decision with two actions goes into the register', async () => {
    const page = s.coord!;
    await page.goto('/compact/register/decisions/new');
    await page.locator('#f-bodyId').selectOption(await headsBody());
    await page.locator(`#f-text_${L}`).fill(texts.decision);
    await page.locator('#f-decidedOn').fill(day(0));
    await page.locator('#f-meetingId').selectOption(s.meeting!);
    await clickAndWait(page.getByRole('button', { name: tr('register.create'), exact: true }));
    const m = new RegExp(`/compact/register/decisions/(${UUID.source})$`).exec(page.url());
    assert.ok(m, `the decision's page (at ${page.url()})`);
    s.decision = m[1];
    const year = day(0).slice(0, 4);
    const symbol = new RegExp(`HM/${year}/\\d+`).exec(await page.locator('main').innerText());
    assert.ok(symbol, 'the symbol HM/<year>/<n> is shown');
    s.symbol = symbol[0];
    await axe(page, 'decision');
    for (const [title, due] of [
      [texts.actions[0], day(20)],
      [texts.actions[1], day(25)],
    ]) {
      await page.goto(`/compact/register/actions/new?decision=${s.decision}`);
      await page.locator(`#f-title_${L}`).fill(title);
      await page.locator('#f-ownerOrgId').selectOption({ index: 1 });
      await page.locator('#f-dueOn').fill(due);
      await clickAndWait(page.getByRole('button', { name: tr('register.create'), exact: true }));
      const a = new RegExp(`/compact/register/actions/(${UUID.source})$`).exec(page.url());
      assert.ok(a, `the action's page (at ${page.url()})`);
      s.actions.push(a[1]);
    }
    await axe(page, 'action');
    await page.goto(`/compact/register/decisions/${s.decision}`);
    const text = await page.locator('main').innerText();
    for (const a of texts.actions) assert.ok(text.includes(a), a);
  });

  test('4. the next meeting’s agenda reviews the open actions (and reads in Arabic)', async () => {
    const page = s.coord!;
    s.next = await scheduleMeeting(page, texts.next, 40);
    const agenda = await page.locator('#agenda li.automatic').innerText();
    assert.ok(agenda.includes(tr('meetings.reviewActions')), agenda);
    for (const a of texts.actions) assert.ok(agenda.includes(a), a);
    assert.ok(agenda.includes(s.symbol!), 'the actions carry the decision’s symbol');
    await axe(page, 'next meeting');
    if (L !== 'ar') {
      await page.goto(`/lang/ar?next=/compact/meetings/${s.next}`);
      await page.goto(`/compact/meetings/${s.next}`);
      assert.equal(await page.locator('html').getAttribute('dir'), 'rtl');
      assert.equal(await page.locator('html').getAttribute('lang'), 'ar');
      assert.ok((await page.locator('#agenda li.automatic').innerText()).includes(texts.actions[0]));
      await axe(page, 'next meeting (ar)');
      await page.goto(`/lang/${L}?next=/compact/meetings/${s.next}`);
    }
  });

  test('5. one action is marked done with a note', async () => {
    const page = s.coord!;
    await page.goto(`/compact/register/actions/${s.actions[0]}`);
    await page.locator('#f-status').selectOption('done');
    await page.locator('#f-note').fill(texts.note);
    await clickAndWait(page.locator(`main form[action="/compact/register/actions/${s.actions[0]}/progress"] button`));
    assert.ok((await page.locator('main').innerText()).includes(texts.note));
    await page.goto(`/compact/meetings/${s.next}`);
    const agenda = await page.locator('#agenda li.automatic').innerText();
    assert.ok(!agenda.includes(texts.actions[0]), 'a done action is no longer reviewed');
    assert.ok(agenda.includes(texts.actions[1]));
  });

  test('6. a briefing pack for the period shows the decision and the actions’ status', async () => {
    const page = s.coord!;
    await page.goto('/compact/briefings/new');
    await page.locator('#f-from').fill(day(-30));
    await page.locator('#f-to').fill(day(0));
    await clickAndWait(page.locator('main form button[type="submit"]'));
    assert.match(new URL(page.url()).pathname, /^\/compact\/briefings\/[0-9a-f-]{36}$/);
    assert.equal(await page.locator('html').getAttribute('lang'), L);
    const text = await page.locator('main').innerText();
    assert.ok(text.includes(s.symbol!), 'the decision’s symbol');
    assert.ok(text.includes(texts.decision), texts.decision);
    assert.ok(text.includes(texts.actions[1]), texts.actions[1]);
    await axe(page, 'briefing');
    assert.deepEqual(problems(page), []);
    assert.deepEqual(axeFound, []);
    await page.context().close();
  });
}
