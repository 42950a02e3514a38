// The publishing journey, in Chromium, in English then in Arabic: the demo coordinator writes a news item and submits
// it; the demo administrator (a second person) approves and publishes it, and the public page shows it; an edit that
// injects "缅北禁地" is refused at submission with the finding marked in place; a direct UPDATE of the published row is
// withdrawn by one run of the monitor, and readers get "under review" instead of the injected text.
import { test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { monitorJob } from '../src/modules/publishing/index.ts';
import { runJobOnce } from '../src/platform/jobs/queue.ts';
import type { JobDefinition } from '../src/platform/jobs/jobs.types.ts';
import { INJECTED } from '../test/fixtures/defacement.ts';
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

const TEXT = {
  en: { title: 'Demo roundtable concludes (fictional)', body: 'The organizations named in this demo are fictional.' },
  ar: { title: 'اختتام المائدة المستديرة التجريبية (وهمية)', body: 'المنظمات المذكورة في هذا العرض التجريبي وهمية.' },
} as const;

const problems = (page: Page) => (page as unknown as { problems: string[] }).problems;

test('written, signed by two people, published; an injected edit refused; a tampered row withdrawn', async () => {
  const author = await newPage(h);
  await signIn(author.page, 'coordinator@demo.ctcp.localhost', undefined, DEMO_TOTP_SECRET);
  const approver = await newPage(h);
  await signIn(approver.page, 'admin@demo.ctcp.localhost', undefined, DEMO_TOTP_SECRET);
  const reader = await newPage(h);

  for (const lang of ['en', 'ar'] as const) {
    const a = author.page;
    const b = approver.page;
    for (const p of [a, b, reader.page]) await p.goto(`/lang/${lang}?next=/news`);
    assert.equal(await a.locator('html').getAttribute('dir'), lang === 'ar' ? 'rtl' : 'ltr');

    // 1. The author writes the item (English original; in the Arabic journey an Arabic version too) and submits it.
    const slug = `journey-news-${lang}`;
    await a.goto('/news/manage/new');
    await a.locator('#f-slug').fill(slug);
    await a.locator('#f-title_en').fill(TEXT.en.title);
    await a.locator('#f-summary_en').fill('A fictional summary for the journey.');
    await a.locator('#f-body_en').fill(TEXT.en.body);
    if (lang === 'ar') {
      await a.locator('#f-title_ar').fill(TEXT.ar.title);
      await a.locator('#f-summary_ar').fill('ملخص وهمي لهذه الرحلة.');
      await a.locator('#f-body_ar').fill(TEXT.ar.body);
    }
    await a.locator('#f-date').fill('2026-11-20');
    await clickAndWait(a.locator('main form button[type="submit"]'));
    assert.match(new URL(a.url()).pathname, /^\/news\/manage\/[0-9a-f-]{36}$/, await a.locator('main').innerText());
    const review = new URL(a.url()).pathname;
    await clickAndWait(a.locator('#submit-revision'));
    assert.equal(await a.locator('#approve-revision').count(), 0, 'the author is not offered the approval');
    await shot(a, `publishing-submitted-${lang}`);

    // 2. A second person approves the exact content and publishes it.
    await b.goto(review);
    const sha = await b.locator('#revision-sha256').innerText();
    assert.match(sha, /^[0-9a-f]{64}$/);
    await clickAndWait(b.locator('#approve-revision'));
    await clickAndWait(b.locator('#publish-revision'));
    assert.deepEqual(await axeViolations(b), [], `axe on the review page (${lang})`);

    // 3. The page goes out.
    await reader.page.goto(`/news/${slug}`);
    const shown = await reader.page.locator('main').innerText();
    assert.ok(shown.includes(lang === 'ar' ? TEXT.ar.title : TEXT.en.title), shown);
    assert.deepEqual(await axeViolations(reader.page), [], `axe on the public page (${lang})`);
    await shot(reader.page, `publishing-public-${lang}`);

    // 4. An edit that injects the string is refused at submission, the finding shown in place.
    await a.goto(`${review}/edit`);
    const field = lang === 'ar' ? '#f-body_ar' : '#f-body_en';
    await a.locator(field).fill(`${TEXT[lang].body} ${INJECTED}`);
    await clickAndWait(a.locator('main form button[type="submit"]'));
    await clickAndWait(a.locator('#submit-revision'));
    assert.equal(await a.locator('.integrity-findings').count(), 1, 'the findings are listed');
    assert.ok((await a.locator(`#version-${lang} mark.finding`).innerText()).includes(INJECTED), 'marked in place');
    await shot(a, `publishing-refused-${lang}`);
    await reader.page.reload();
    assert.ok(!(await reader.page.locator('main').innerText()).includes(INJECTED), 'the public page is unchanged');

    // 5. A direct UPDATE of the published English text; one run of the monitor withdraws it.
    await h.env.database.db.execute(sql`update publishing_revisions r
      set content = jsonb_set(r.content, '{text,body,en,text}',
        to_jsonb(${INJECTED} || (r.content #>> '{text,body,en,text}')))
      from news_items n where n.id = r.subject_id and n.slug = ${slug} and r.state = 'published'`);
    const run = (await runJobOnce(
      monitorJob as JobDefinition,
      {},
      {
        db: h.env.database.db,
        database: h.env.database,
        config: h.env.config,
        log: { info() {}, warn() {}, error() {} },
      },
    )) as { withdrawn: number };
    assert.equal(run.withdrawn, 1);
    await reader.page.reload();
    assert.equal(await reader.page.locator('#news-under-review').count(), 1);
    assert.ok(!(await reader.page.content()).includes(INJECTED), 'readers never get the injected text');
    await b.goto('/admin/publishing');
    assert.ok((await b.locator('[data-flag="withdrawn"]').count()) >= 1, 'flagged on the administrator page');
    await shot(b, `publishing-flags-${lang}`);
  }
  for (const p of [author.page, approver.page, reader.page]) assert.deepEqual(problems(p), []);
  await author.context.close();
  await approver.context.close();
  await reader.context.close();
});
