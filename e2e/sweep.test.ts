// The sweep: every kind of page of the demo, as an anonymous reader and signed in as each demo role, in English and
// Arabic, at 1366 px and at 390 px (a phone). On each: 0 axe violations; every visible text and control at least
// 4.5:1 against its background (3:1 for large text), computed from the browser's styles — axe only lists text over
// transparent buttons as "incomplete"; nothing wider than the window; no message key shown for want of its
// translation; no console error, no failed request.
// One browser; the roles run two at a time, each in its own context (its own session and language cookie).
import { describe, test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { and, eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { DEMO_TOTP_SECRET, clickAndWait, newPage, signIn, startHarness, type Harness } from './harness.ts';
import { axeProblems, contrastProblems, untranslatedProblems, widthProblems } from './checks.ts';
import { seedAll } from '../src/seed.ts';
import { users } from '../src/platform/auth/auth.schema.ts';
import { organizations } from '../src/modules/directory/directory.schema.ts';
import {
  eventRegistrations,
  eventSessions,
  eventSideEventProposals,
  eventSpeakers,
  events,
} from '../src/modules/events/events.schema.ts';
import { queueMail } from '../src/platform/mail/mailer.ts';

let h: Harness;
const DEMO = 'demo-roundtable-registration';
const ROUNDTABLE = '2021-11-third-unoct-civil-society-roundtable';
const WEEK = '2023-ct-week';
const CONFERENCE = '2023-third-high-level-conference-heads-ct-agencies';
const SYMPOSIUM = '2011-09-sg-symposium-international-ct-cooperation';

before(async () => {
  h = await startHarness(import.meta.filename);
  const db = h.env.database.db;
  // The demo data of `npm start` (every module's seed; the harness has loaded the directory and the Compact).
  await seedAll(db, h.env.config, true);
  // What the demo has no row for, to reach every control of the organizers' pages (fictional people and States).
  const orgId = async (slug: string) =>
    (await db.select({ id: organizations.id }).from(organizations).where(eq(organizations.slug, slug)))[0].id;
  const eventId = async (slug: string) =>
    (await db.select({ id: events.id }).from(events).where(eq(events.slug, slug)))[0].id;
  const [cso] = await db.select().from(users).where(eq(users.email, 'cso@demo.ctcp.localhost'));
  const demo = await eventId(DEMO);
  const csoOrg = await orgId('demo-coastal-peacebuilders');
  await db.insert(eventRegistrations).values([
    {
      eventId: demo,
      userId: cso.id,
      fullName: cso.name,
      email: cso.email,
      organizationId: csoOrg,
      orgType: 'cso',
      status: 'accepted',
      answers: { interpretation: 'none' },
      decidedAt: new Date(),
      isDemo: true,
    },
    {
      eventId: demo,
      fullName: 'Noor Al-Amin (fictional)',
      email: 'participant5@demo.ctcp.localhost',
      organizationId: await orgId('demo-youth-voices'),
      orgType: 'cso',
      status: 'pending',
      isDemo: true,
    },
    {
      eventId: demo,
      fullName: 'Ivan Sokolov (fictional)',
      email: 'participant6@demo.ctcp.localhost',
      organizationId: await orgId('demo-state-borealis'),
      orgType: 'member_state',
      status: 'waitlisted',
      isDemo: true,
    },
  ]);
  const [segment] = await db
    .select({ id: eventSessions.id })
    .from(eventSessions)
    .where(and(eq(eventSessions.eventId, await eventId(ROUNDTABLE)), eq(eventSessions.kind, 'interactive_segment')));
  await db.insert(eventSpeakers).values([
    {
      sessionId: segment.id,
      organizationId: await orgId('demo-institute-security-studies'),
      status: 'spoken',
      position: 1,
      startedAt: new Date(Date.now() - 600_000),
      allowedMinutes: 3,
      endedAt: new Date(Date.now() - 420_000),
    },
    {
      sessionId: segment.id,
      organizationId: await orgId('demo-state-arcadia'),
      status: 'speaking',
      position: 2,
      speakerName: 'Olga Petrova (fictional)',
      startedAt: new Date(),
      allowedMinutes: 3,
    },
    { sessionId: segment.id, organizationId: await orgId('demo-state-borealis'), status: 'waiting', position: 3 },
    { sessionId: segment.id, organizationId: csoOrg, status: 'waiting', position: 4, requestedBy: cso.id },
  ]);
  await db.insert(eventSideEventProposals).values({
    weekId: await eventId(WEEK),
    proposerOrgId: csoOrg,
    title: 'Youth-led prevention on the coast (fictional proposal)',
    summary: 'A fictional side event proposed to show the review of proposals.',
    language: 'en',
    format: 'hybrid',
    proposedBy: cso.id,
  });
  await db.transaction((tx) =>
    queueMail(
      tx,
      {
        to: 'participant5@demo.ctcp.localhost',
        locale: 'en',
        kind: 'demo',
        subject: 'Demo message (fictional)',
        text: 'A fictional message, kept in the outbox.',
        html: '<p>A fictional message, kept in the outbox.</p>',
      },
      false,
    ),
  );
});
afterEach((t) => h?.keepOnFailure(t));
after(async () => {
  await h?.close();
});

/**
 * A page: its address; the first link matching `link` on the page `from` (as a person would follow it); or where the
 * address `via` leads (a search form's answer that redirects to the record found).
 */
type Visit =
  | string
  | { from: string; link: string; status?: number }
  | { url: string; status: number }
  | { via: string };

interface Role {
  name: string;
  email?: string;
  mfa?: boolean;
  /** What the role does first, through the pages, so that its pages have something to show. */
  setup?: (page: Page) => Promise<void>;
  pages: Visit[];
}

const inMain = (from: string, link: string): Visit => ({ from, link: `main ${link}` });
// The page a link on another page leads to, as the `from` of a further visit.
const MEETING = 'a[href^="/compact/meetings/"]:not([href$="/new"])';
function inMainUrl(from: string, link = 'table a'): string {
  return `follow:${from}|main ${link}`;
}

const ROLES: Role[] = [
  {
    name: 'anonymous',
    pages: [
      '/',
      '/sign-in',
      '/password/forgot',
      '/events',
      '/events?when=past',
      `/events/${DEMO}`,
      `/events/${WEEK}`,
      `/events/${ROUNDTABLE}`,
      `/events/${SYMPOSIUM}/statistics`,
      '/events/series/unoct-civil-society-roundtables',
      '/events/statements',
      '/accessibility',
      '/privacy',
      '/help',
      { url: '/no-such-page', status: 404 },
    ],
  },
  {
    name: 'observer',
    email: 'observer@demo.ctcp.localhost',
    pages: [
      '/',
      '/directory',
      '/directory?type=cso',
      '/directory/organizations/unoct',
      inMain('/directory/organizations/unoct', 'ul.people a'),
      '/compact',
      '/compact/bodies/coordination-committee',
      '/compact/programme',
      '/framework',
      // No organization: the registration page says why (and how to get one) with the status 403, and no form.
      { url: `/events/${DEMO}/register`, status: 403 },
      '/notifications',
    ],
  },
  {
    name: 'cso_representative',
    email: 'cso@demo.ctcp.localhost',
    pages: [
      '/',
      `/events/${DEMO}`,
      inMain(`/events/${DEMO}`, `a[href="/events/${DEMO}/cancel"]`),
      `/events/${DEMO}/participants`,
      inMain(`/events/${ROUNDTABLE}`, 'a[href$="/speakers"]'),
      `/events/${WEEK}/side-events/propose`,
      '/directory/organizations/demo-coastal-peacebuilders',
      '/account',
      '/account/calendar',
      '/account/tokens',
      '/account/passkeys',
    ],
  },
  {
    name: 'member_state_focal_point',
    email: 'state@demo.ctcp.localhost',
    mfa: true,
    setup: async (page) => {
      // Consent to UNODC for the first visit to Arcadia: the consent panel then lists a grant to narrow or revoke.
      await page.goto('/assessments/visits');
      await clickAndWait(page.locator('main table a').first());
      await page.locator('#f-granteeOrgId').selectOption({ label: 'UNODC — United Nations Office on Drugs and Crime' });
      await page.locator('#f-scope').selectOption({ label: 'the report and the needs' });
      await clickAndWait(page.locator('#consent form.panel button[type="submit"]'));
    },
    pages: [
      '/',
      '/assessments/visits',
      inMain('/assessments/visits', 'table a'),
      inMain(inMainUrl('/assessments/visits'), '#consent a[href*="/revoke"]'),
      '/needs',
      inMain('/needs', 'table a[href^="/needs/"]'),
      '/needs/new',
      '/gap-analysis',
      '/roadmaps',
      '/portfolio',
      '/invitations/new',
      `/events/${DEMO}/delegation`,
    ],
  },
  {
    name: 'entity_focal_point',
    email: 'entity@demo.ctcp.localhost',
    mfa: true,
    pages: [
      '/',
      '/compact/register',
      '/compact/meetings',
      inMain('/compact/meetings', 'a[href^="/compact/meetings/"]:not([href$="/new"])'),
      '/portfolio',
      inMain('/portfolio', 'table a[href^="/portfolio/"]'),
      '/portfolio/new',
      '/events/new',
    ],
  },
  {
    name: 'analyst',
    email: 'analyst@demo.ctcp.localhost',
    mfa: true,
    setup: async (page) => {
      await page.goto('/compact/briefings/new');
      await clickAndWait(page.locator('main button[type="submit"]'));
    },
    pages: [
      '/assessments/visits',
      '/assessments/visits/new',
      inMain('/assessments/visits', 'table a'),
      inMain(inMainUrl('/assessments/visits'), 'a[href$="/edit"]'),
      inMain(inMainUrl('/assessments/visits'), 'a[href$="/reports/new"]'),
      '/needs',
      inMain(inMainUrl('/needs', 'table a[href^="/needs/"]'), 'a[href$="/edit"]'),
      '/gap-analysis',
      '/gap-analysis?pillar=pillar-2',
      '/import',
      '/compact/briefings',
      inMain('/compact/briefings', 'a[href^="/compact/briefings/"]:not([href$="/new"])'),
    ],
  },
  {
    name: 'coordinator (events)',
    email: 'coordinator@demo.ctcp.localhost',
    mfa: true,
    pages: [
      '/',
      `/events/${DEMO}/manage`,
      `/events/${CONFERENCE}/manage`,
      `/events/${DEMO}/clone`,
      `/events/${DEMO}/edit`,
      `/events/${DEMO}/registrations`,
      `/events/${DEMO}/registrations?status=accepted`,
      inMain(`/events/${DEMO}/registrations`, 'a[href$="decision=decline"]'),
      `/events/${ROUNDTABLE}/programme`,
      `/events/${ROUNDTABLE}/sessions/new`,
      inMain(`/events/${ROUNDTABLE}/programme`, 'a[href$="/edit"]'),
      inMain(`/events/${ROUNDTABLE}/programme`, 'a[href$="/delete"]'),
      inMain(`/events/${ROUNDTABLE}/programme`, 'a[href$="/statements/new"]'),
      inMain(`/events/${ROUNDTABLE}/programme`, 'a[href$="/speakers"]'),
      inMain(inMainUrl(`/events/${ROUNDTABLE}/programme`, 'a[href$="/speakers"]'), 'a[href$="/room"]'),
      inMain(inMainUrl(`/events/${ROUNDTABLE}/programme`, 'a[href$="/speakers"]'), 'a[href$="/withdraw"]'),
      `/events/${CONFERENCE}/documents`,
      inMain(`/events/${SYMPOSIUM}/documents`, 'a[href$="/versions"]'),
      `/events/${CONFERENCE}/summary`,
      `/events/${CONFERENCE}/report`,
      `/events/${CONFERENCE}/actions`,
      `/events/${WEEK}/side-events/proposals`,
      inMain(`/events/${WEEK}/side-events/proposals`, 'a[href*="/side-events/proposals/"]'),
    ],
  },
  {
    name: 'coordinator (Compact)',
    email: 'coordinator@demo.ctcp.localhost',
    mfa: true,
    setup: async (page) => {
      await page.goto('/compact/register/decisions/new');
      await page.locator('#f-bodyId').selectOption({ index: 1 });
      await page.locator('#f-text_en').fill('The working group adopts its programme of work (demo).');
      await clickAndWait(page.locator('main form button[type="submit"]'));
      const decision = new URL(page.url()).pathname.split('/').pop();
      await page.goto(`/compact/register/actions/new?decision=${decision}`);
      await page.locator('#f-title_en').fill('Circulate the draft programme of work (demo).');
      await page.locator('#f-ownerOrgId').selectOption({ index: 1 });
      await page.locator('#f-dueOn').fill('2031-01-15');
      // (The form's second button searches the link picker.)
      await clickAndWait(page.getByRole('button', { name: 'Create', exact: true }));
      // Minutes started for the first meeting listed, so that its page links to their form.
      await page.goto('/compact/meetings');
      const meeting = await page.locator(`main ${MEETING}`).first().getAttribute('href');
      await page.goto(meeting!);
      const start = page.locator(`main form[action="${meeting}/minutes"] button`);
      if (await start.count()) await clickAndWait(start);
    },
    pages: [
      '/compact',
      '/compact/meetings',
      '/compact/meetings/new',
      inMain('/compact/meetings', 'a[href^="/compact/meetings/"]:not([href$="/new"])'),
      inMain(inMainUrl('/compact/meetings', MEETING), 'a[href$="/agenda/new"]'),
      inMain(inMainUrl('/compact/meetings', MEETING), 'a[href*="/agenda/"]:not([href$="/new"]):not([href$="/delete"])'),
      inMain(inMainUrl('/compact/meetings', MEETING), 'a[href*="/agenda/"][href$="/delete"]'),
      inMain(inMainUrl('/compact/meetings', MEETING), 'a[href*="/minutes/"]'),
      inMain(inMainUrl('/compact/meetings', MEETING), 'a[href$="/delete"]:not([href*="/agenda/"])'),
      '/compact/register',
      '/compact/register?view=decisions',
      '/compact/register/decisions/new',
      '/compact/register/actions/new',
      inMain('/compact/register?view=decisions', 'table a[href^="/compact/register/decisions/"]'),
      inMain('/compact/register', 'table a[href^="/compact/register/actions/"]'),
      '/compact/bodies/wg-gender',
      inMain('/compact/bodies/wg-criminal-justice-cft', 'a[href*="/members/"][href$="/remove"]'),
    ],
  },
  {
    name: 'platform_admin',
    email: 'admin@demo.ctcp.localhost',
    mfa: true,
    setup: async (page) => {
      await page.goto('/account/tokens');
      await page.locator('#f-name').fill('Demo reporting script');
      await clickAndWait(page.locator('main form[action="/account/tokens"] button[type="submit"]'));
      await page.goto('/account/calendar');
      await clickAndWait(page.locator('main form[action="/account/calendar"] button[type="submit"]'));
    },
    pages: [
      '/',
      '/admin/audit',
      '/admin/audit?verify=1',
      '/admin/outbox',
      inMain('/admin/outbox', 'table a'),
      '/admin/jobs',
      '/admin/users',
      inMain('/admin/users', 'a[href$="/disable?disabled=1"]'),
      '/admin/privacy',
      '/admin/privacy/run',
      // Finding an account by its address leads to the confirmation of its erasure.
      { via: '/admin/privacy/erase?email=cso%40demo.ctcp.localhost' },
      '/invitations/new',
      '/directory/organizations/new',
      '/directory/organizations/unoct/edit',
      inMain('/directory/organizations/unoct', 'ul.people a'),
      inMain(inMainUrl('/directory/organizations/unoct', 'ul.people a'), 'a[href$="/remove"]'),
      '/account/tokens',
      inMain('/account/tokens', 'a[href$="/revoke"]'),
      '/account/calendar',
      inMain('/account/calendar', 'a[href="/account/calendar/revoke"]'),
      '/account/two-factor',
    ],
  },
];

/** Resolves a visit to an address (following links where the visit says so); null when a link is missing. */
async function resolve(page: Page, v: Visit, seen: Map<string, string | null>): Promise<string | null> {
  if (typeof v === 'string') return v.startsWith('follow:') ? follow(page, v, seen) : v;
  if ('url' in v) return v.url;
  if ('via' in v) {
    await page.goto(v.via);
    const at = new URL(page.url());
    return at.pathname === new URL(v.via, h.base).pathname ? null : `${at.pathname}${at.search}`;
  }
  const from = v.from.startsWith('follow:') ? await follow(page, v.from, seen) : v.from;
  if (!from) return null;
  return linkOn(page, from, v.link, seen);
}
async function follow(page: Page, spec: string, seen: Map<string, string | null>) {
  const [from, link] = spec.slice('follow:'.length).split('|');
  return linkOn(page, from, link, seen);
}
async function linkOn(page: Page, from: string, link: string, seen: Map<string, string | null>) {
  const key = `${from} ${link}`;
  if (!seen.has(key)) {
    await page.goto(from);
    const a = page.locator(link).first();
    seen.set(key, (await a.count()) ? await a.getAttribute('href') : null);
  }
  return seen.get(key) ?? null;
}

const WIDTHS = [1366, 390] as const;

async function sweepRole(role: Role): Promise<{ problems: string[]; views: number }> {
  const { context, page } = await newPage(h);
  await page.setViewportSize({ width: 1366, height: 900 });
  const problems: string[] = [];
  let errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()} (${m.location().url})`);
  });
  page.on('pageerror', (e) => errors.push(`script error: ${e.message}`));
  // A request the browser abandons (the speakers' list's event stream when the page is left) is no failure.
  page.on('requestfailed', (r) => {
    const why = r.failure()?.errorText ?? '';
    if (why !== 'net::ERR_ABORTED') errors.push(`request failed: ${r.url()} ${why}`);
  });
  try {
    if (role.email) {
      await signIn(page, role.email, undefined, role.mfa ? DEMO_TOTP_SECRET : undefined);
      assert.ok(!new URL(page.url()).pathname.startsWith('/sign-in'), `${role.name} signed in (at ${page.url()})`);
    }
    await role.setup?.(page);
    const seen = new Map<string, string | null>();
    const urls: { url: string; status: number }[] = [];
    for (const v of role.pages) {
      const url = await resolve(page, v, seen);
      if (!url) problems.push(`${role.name}: no link for ${JSON.stringify(v)}`);
      else urls.push({ url, status: typeof v === 'object' && 'status' in v ? (v.status ?? 200) : 200 });
    }
    let views = 0;
    for (const lang of ['en', 'ar']) {
      await page.goto(`/lang/${lang}?next=/`);
      for (const { url, status } of urls) {
        errors = [];
        const label = `${role.name} ${lang} ${url}`;
        const res = await page.goto(url);
        const at = new URL(page.url());
        if (res?.status() !== status) problems.push(`${label}: HTTP ${res?.status()} (expected ${status})`);
        if (`${at.pathname}${at.search}` !== new URL(url, h.base).pathname + new URL(url, h.base).search)
          problems.push(`${label}: ended at ${at.pathname}${at.search}`);
        if ((await page.locator('html').getAttribute('dir')) !== (lang === 'ar' ? 'rtl' : 'ltr'))
          problems.push(`${label}: not in ${lang}`);
        for (const p of await untranslatedProblems(page)) problems.push(`${label}: ${p}`);
        for (const width of WIDTHS) {
          await page.setViewportSize({ width, height: 900 });
          const where = `${label} @${width}`;
          for (const p of await widthProblems(page)) problems.push(`${where}: ${p}`);
          for (const p of new Set(await contrastProblems(page))) problems.push(`${where}: ${p}`);
          for (const p of await axeProblems(page)) problems.push(`${where}: axe ${p}`);
          views++;
        }
        await page.setViewportSize({ width: 1366, height: 900 });
        // The 404 page's own "failed to load" message is the status asked for; anything else is an error.
        const own = status !== 200 ? new URL(url, h.base).href : null;
        for (const e of errors) if (!own || !e.includes(`(${own})`)) problems.push(`${label}: ${e}`);
      }
    }
    return { problems, views };
  } finally {
    await context.close();
  }
}

describe('the sweep: every kind of page, en and ar, 1366 and 390 px', { concurrency: 2 }, () => {
  // SWEEP_ROLES="analyst,observer" sweeps only those roles (while fixing what one of them found).
  const only = process.env.SWEEP_ROLES?.split(',').map((r) => r.trim());
  for (const role of ROLES.filter((r) => !only || only.includes(r.name)))
    test(role.name, async () => {
      const started = Date.now();
      const { problems, views } = await sweepRole(role);
      console.log(
        `# sweep ${role.name}: ${views} page views in ${((Date.now() - started) / 1000).toFixed(0)} s, ` +
          `${problems.length} problems`,
      );
      assert.deepEqual(problems, []);
    });
});
