// Shared by the events tests: urlencoded forms with repeated keys, multipart uploads, a ready-made event, and its
// publication through the two-signature workflow by two other people (after its creation by a form or the API).
import { eq } from 'drizzle-orm';
import { Agent, makeUser, type TestEnv, type TestUser } from './helper.ts';
import { api } from './api.helpers.ts';
import { loadActor } from '../src/modules/access/access.service.ts';
import { events } from '../src/modules/events/events.schema.ts';
import { runEventStep, saveEventDraft } from '../src/modules/events/publication/publication.service.ts';
import { runSummaryStep } from '../src/modules/events/summary-publication/summary-publication.service.ts';
import { checkContent, revisionsOf } from '../src/modules/publishing/index.ts';
import type { UserActor } from '../src/platform/auth/policy.ts';

const signers = new WeakMap<TestEnv, Promise<UserActor[]>>();

/** Two coordinators of the test environment (made once): the one who submits, the other who approves. */
function signersOf(env: TestEnv): Promise<UserActor[]> {
  let p = signers.get(env);
  if (!p) {
    p = Promise.all(
      [0, 1].map(async () => {
        const u = await makeUser(env, 'coordinator');
        return (await loadActor(env.database.db, u.id, 'session', true, []))!.actor as UserActor;
      }),
    );
    signers.set(env, p);
  }
  return p;
}

/**
 * Publishes an event's latest revision through the workflow as two people would: one coordinator submits it (the
 * check's findings accepted with a reason), another approves it, the first publishes (the event becomes published).
 */
export async function publishSigned(env: TestEnv, slugOrId: string) {
  const db = env.database.db;
  const [e] = await db
    .select()
    .from(events)
    .where(/^[0-9a-f-]{36}$/.test(slugOrId) ? eq(events.id, slugOrId) : eq(events.slug, slugOrId));
  if (!e) throw new Error(`no event ${slugOrId}`);
  const [author, approver] = await signersOf(env);
  const ctx = (actor: UserActor) => ({ db, config: env.config, actor });
  // A row written behind the services has no revision yet: its text is drafted first.
  if (!(await revisionsOf(db, { kind: 'event', id: e.id })).length)
    await db.transaction((tx) => saveEventDraft(ctx(author), tx, e));
  let [r] = await revisionsOf(db, { kind: 'event', id: e.id });
  if (r.state === 'published') return r;
  if (r.state === 'draft')
    r = await runEventStep(ctx(author), e.id, 'submit', {
      revisionId: r.id,
      sha256: r.sha256,
      acceptances: checkContent(r.content).map((f) => ({ id: f.id, reason: 'Test data.' })),
    });
  if (r.state === 'submitted')
    r = await runEventStep(ctx(approver), e.id, 'approve', { revisionId: r.id, sha256: r.sha256 });
  return runEventStep(ctx(author), e.id, 'publish', { revisionId: r.id, sha256: r.sha256 });
}

/**
 * Publishes an event's Chair's Summary (its latest revision, saved by its form) through the workflow as two people
 * would, as publishSigned does for the event's text.
 */
export async function publishSignedSummary(env: TestEnv, slug: string) {
  const db = env.database.db;
  const [e] = await db.select().from(events).where(eq(events.slug, slug));
  if (!e) throw new Error(`no event ${slug}`);
  const [author, approver] = await signersOf(env);
  const ctx = (actor: UserActor) => ({ db, config: env.config, actor });
  let [r] = await revisionsOf(db, { kind: 'chairs_summary', id: e.id });
  if (r.state === 'published') return r;
  if (r.state === 'draft')
    r = await runSummaryStep(ctx(author), e.id, 'submit', {
      revisionId: r.id,
      sha256: r.sha256,
      acceptances: checkContent(r.content).map((f) => ({ id: f.id, reason: 'Test data.' })),
    });
  if (r.state === 'submitted')
    r = await runSummaryStep(ctx(approver), e.id, 'approve', { revisionId: r.id, sha256: r.sha256 });
  return runSummaryStep(ctx(author), e.id, 'publish', { revisionId: r.id, sha256: r.sha256 });
}

/** Creates an event by its form (as `agent`) and, when the form says published, publishes it with two signatures. */
export async function createEvent(env: TestEnv, agent: Agent, values: Record<string, string | string[]>) {
  const r = await postForm(env, agent, '/events', values);
  if (r.statusCode === 303 && values.status === 'published') await publishSigned(env, String(values.slug));
  return r;
}

/** What the API body and the form share: a public in-person conference in ten days (New York time), open to every
 * kind of organization, registration automatic, the participant list for organizers. */
function eventBasics(slug: string) {
  const day = new Date(Date.now() + 10 * 86400_000).toISOString().slice(0, 10);
  return {
    slug,
    type: 'conference',
    status: 'published',
    format: 'in_person',
    visibility: 'public',
    timeZone: 'America/New_York',
    startsAt: `${day}T09:00`,
    endsAt: `${day}T18:00`,
    openTo: ['member_state', 'un_entity', 'regional_org', 'international_org', 'cso', 'academia', 'other'],
    registrationMode: 'automatic',
    participantList: 'organizers',
  };
}

/** An event as the API takes it (POST /api/v1/events), with a waiting list; `o` overrides any field. */
export function eventApiBody(slug: string, organizerIds: string[], o: Record<string, unknown> = {}) {
  return {
    ...eventBasics(slug),
    title: { en: { text: `Conference ${slug}`, status: 'original' } },
    waitlist: true,
    organizers: organizerIds,
    ...o,
  };
}

/**
 * Creates an event by the JSON API (as `user`, one of its organizers' focal points) and, when created (201), publishes
 * its text with two other people's signatures, so readers get it. The answer is the API's: the caller checks it.
 */
export async function createPublishedEvent(
  env: TestEnv,
  user: TestUser,
  body: { slug: string } & Record<string, unknown>,
) {
  const r = await api(env, user, 'POST', '/api/v1/events', body);
  if (r.status === 201) await publishSigned(env, body.slug);
  return r;
}

const cookie = (agent: Agent) => [...agent.cookies].map(([k, v]) => `${k}=${v}`).join('; ');

/** A urlencoded POST with repeated keys for arrays and the CSRF token. */
export async function postForm(
  env: TestEnv,
  agent: Agent,
  url: string,
  values: Record<string, string | string[]>,
  headers: Record<string, string> = {},
) {
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(values)) for (const x of Array.isArray(v) ? v : [v]) body.append(k, x);
  body.set('_csrf', await agent.csrf());
  const res = await env.app.inject({
    method: 'POST',
    url,
    payload: body.toString(),
    headers: {
      cookie: cookie(agent),
      'content-type': 'application/x-www-form-urlencoded',
      accept: 'text/html',
      ...headers,
    },
  });
  for (const c of res.cookies as { name: string; value: string }[]) if (c.value) agent.cookies.set(c.name, c.value);
  return res;
}

/** A multipart POST (fields and at most one file) with the CSRF token. */
export async function postUpload(
  env: TestEnv,
  agent: Agent,
  url: string,
  fields: Record<string, string>,
  file?: { name: string; data: Buffer },
) {
  const boundary = '----ctcp' + Math.random().toString(16).slice(2);
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries({ ...fields, _csrf: await agent.csrf() }))
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  if (file)
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; ` +
          `filename="${file.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
      ),
      file.data,
      Buffer.from('\r\n'),
    );
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return env.app.inject({
    method: 'POST',
    url,
    payload: Buffer.concat(parts),
    headers: {
      cookie: cookie(agent),
      'content-type': `multipart/form-data; boundary=${boundary}`,
      accept: 'text/html',
    },
  });
}

export const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

/** The fields of a valid event form: the API body's basics, with a waiting list; `o` overrides any field. */
export function eventForm(
  slug: string,
  organizerIds: string[],
  o: Record<string, string | string[]> = {},
): Record<string, string | string[]> {
  return {
    ...eventBasics(slug),
    title_en: `Conference ${slug}`,
    title_en_status: 'original',
    organizers: organizerIds,
    waitlist: 'on',
    ...o,
  };
}

/** Creates the event and an interactive segment from 10:00 to 12:00 on its day; returns the session's id. */
export async function eventWithSegment(
  env: TestEnv,
  agent: Agent,
  slug: string,
  organizerIds: string[],
  o: Record<string, string | string[]> = {},
) {
  const f = eventForm(slug, organizerIds, o);
  const r = await createEvent(env, agent, f);
  if (r.statusCode !== 303) throw new Error(`event not created: ${r.statusCode} ${r.body.slice(0, 2000)}`);
  const day = String(f.startsAt).slice(0, 10);
  const s = await postForm(env, agent, `/events/${slug}/sessions`, {
    kind: 'interactive_segment',
    title_en: 'Interactive segment',
    title_en_status: 'original',
    startsAt: `${day}T10:00`,
    endsAt: `${day}T12:00`,
    statementMinutes: '5',
  });
  if (s.statusCode !== 303) throw new Error(`session not created: ${s.statusCode}`);
  const page = await agent.get(`/events/${slug}/programme`);
  return /\/sessions\/([0-9a-f-]{36})\/edit/.exec(page.body)![1];
}
