// The event publishing journey, in Chromium, in English then in Arabic: the demo coordinator submits an event's text
// on its publishing page; the demo administrator (a second person) approves and publishes it, and the event page
// shows it; an edit that injects "缅北禁地" is refused at submission with the finding marked in place; a direct UPDATE
// of the published row is withdrawn by one run of the monitor, and readers no longer get the event.
import { test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { eq, sql } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { users } from '../src/platform/auth/auth.schema.ts';
import { loadActor } from '../src/modules/access/access.service.ts';
import { eventOrganizers, events } from '../src/modules/events/events.schema.ts';
import { organizations } from '../src/modules/directory/directory.schema.ts';
import { runMonitor, saveDraft } from '../src/modules/publishing/index.ts';
import type { UserActor } from '../src/platform/auth/policy.ts';
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

const TITLE = {
  en: 'Demo briefing on prevention (fictional)',
  ar: 'إحاطة تجريبية بشأن الوقاية (وهمية)',
} as const;

const problems = (page: Page) => (page as unknown as { problems: string[] }).problems;

/** A draft event organized by UNOCT, its text in English (and Arabic), written behind the pages. */
async function draftEvent(slug: string, lang: 'en' | 'ar') {
  const db = h.env.database.db;
  const start = new Date(Date.now() + 30 * 86400_000);
  const title = {
    en: { text: TITLE.en, status: 'original' as const },
    ...(lang === 'ar' ? { ar: { text: TITLE.ar, status: 'reviewed' as const } } : {}),
  };
  const [e] = await db
    .insert(events)
    .values({
      slug,
      type: 'briefing',
      status: 'draft',
      title,
      format: 'virtual',
      timeZone: 'Europe/Vienna',
      startsAt: start,
      endsAt: new Date(start.getTime() + 3600_000),
      isDemo: true,
    })
    .returning();
  const [unoct] = await db.select().from(organizations).where(eq(organizations.slug, 'unoct'));
  await db.insert(eventOrganizers).values({ eventId: e.id, organizationId: unoct.id, role: 'organizer' });
  return e;
}

test('an event: submitted, signed by another, published; an injected edit refused; tampering withdrawn', async () => {
  const author = await newPage(h);
  await signIn(author.page, 'coordinator@demo.ctcp.localhost', undefined, DEMO_TOTP_SECRET);
  const approver = await newPage(h);
  await signIn(approver.page, 'admin@demo.ctcp.localhost', undefined, DEMO_TOTP_SECRET);
  const reader = await newPage(h);
  const [coord] = await h.env.database.db
    .select()
    .from(users)
    .where(eq(users.email, 'coordinator@demo.ctcp.localhost'));
  const coordActor = (await loadActor(h.env.database.db, coord.id, 'session', true, []))!.actor as UserActor;

  for (const lang of ['en', 'ar'] as const) {
    const a = author.page;
    const b = approver.page;
    for (const p of [a, b, reader.page]) await p.goto(`/lang/${lang}?next=/events`);
    assert.equal(await a.locator('html').getAttribute('dir'), lang === 'ar' ? 'rtl' : 'ltr');
    const slug = `journey-event-${lang}`;
    const e = await draftEvent(slug, lang);

    // 1. Nothing public yet; the author submits the text on the event's publishing page.
    const before = await reader.page.goto(`/events/${slug}`);
    assert.equal(before?.status(), 404);
    await a.goto(`/events/${slug}/publishing`);
    await clickAndWait(a.locator('#submit-revision'));
    assert.equal(await a.locator('#approve-revision').count(), 0, 'the author is not offered the approval');
    await shot(a, `event-publishing-submitted-${lang}`);

    // 2. A second person approves the exact text and publishes it.
    await b.goto(`/events/${slug}/publishing`);
    assert.match(await b.locator('#revision-sha256').innerText(), /^[0-9a-f]{64}$/);
    await clickAndWait(b.locator('#approve-revision'));
    await clickAndWait(b.locator('#publish-revision'));
    assert.deepEqual(await axeViolations(b), [], `axe on the publishing page (${lang})`);

    // 3. The page goes out.
    await reader.page.goto(`/events/${slug}`);
    const shown = await reader.page.locator('main').innerText();
    assert.ok(shown.includes(TITLE[lang]), shown);
    assert.deepEqual(await axeViolations(reader.page), [], `axe on the event page (${lang})`);

    // 4. An edit that injects the string is refused at submission, the finding shown in place.
    const injected = {
      text: {
        title: {
          en: { text: `${TITLE.en} ${lang === 'en' ? INJECTED : ''}`.trim(), status: 'original' as const },
          ...(lang === 'ar' ? { ar: { text: `${TITLE.ar} ${INJECTED}`, status: 'reviewed' as const } } : {}),
        },
        summary: {},
        description: {},
      },
      values: { venue: '' },
    };
    await saveDraft(
      { db: h.env.database.db, config: h.env.config, actor: coordActor },
      { kind: 'event', id: e.id },
      injected,
    );
    await a.goto(`/events/${slug}/publishing`);
    await clickAndWait(a.locator('#submit-revision'));
    assert.equal(await a.locator('.integrity-findings').count(), 1, 'the findings are listed');
    assert.ok((await a.locator(`#version-${lang} mark.finding`).innerText()).includes(INJECTED), 'marked in place');
    await shot(a, `event-publishing-refused-${lang}`);
    await reader.page.reload();
    assert.ok(!(await reader.page.locator('main').innerText()).includes(INJECTED), 'the public page is unchanged');

    // 5. A direct UPDATE of the published English title; one run of the monitor withdraws it.
    await h.env.database.db.execute(sql`update publishing_revisions
      set content = jsonb_set(content, '{text,title,en,text}', to_jsonb(${`${INJECTED} ${TITLE.en}`}::text))
      where subject_kind = 'event' and subject_id = ${e.id} and state = 'published'`);
    const run = await runMonitor(h.env.database.db, h.env.config);
    assert.equal(run.withdrawn, 1);
    const gone = await reader.page.goto(`/events/${slug}`);
    assert.equal(gone?.status(), 404);
    assert.ok(!(await reader.page.content()).includes(INJECTED), 'readers never get the injected text');
  }
  for (const p of [author.page, approver.page, reader.page]) assert.deepEqual(problems(p), []);
  await author.context.close();
  await approver.context.close();
  await reader.context.close();
});
