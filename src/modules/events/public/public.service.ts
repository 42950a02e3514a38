// Reading events: the listing with its filters, calendar feeds, series, and one event's page (organizers, programme,
// documents, side events, registration state).
import { matchesAnyText } from '../../../platform/db/sql.ts';
import { and, asc, desc, eq, gte, inArray, lt, ne, not, or, sql, type SQL } from 'drizzle-orm';
import type { Db, Tx } from '../../../platform/db/client.ts';
import { ANONYMOUS, can, isUser, type Actor } from '../../../platform/auth/policy.ts';
import { notFound } from '../../../platform/http/errors.ts';
import { organizationsRef, type LocalizedText, type OrgType } from '../../directory/index.ts';
import { eventOrganizers, eventSeries, events, type EventFormat, type EventType } from '../events.schema.ts';
import {
  eventsVisibleTo,
  findVisibleEvent,
  type EventRow,
  type ReaderOrganization,
  type ReaderRows,
} from '../shared/events.service.ts';
import { hasPublicRevision } from '../../publishing/index.ts';
import { listDocuments } from '../documents/documents.service.ts';
import { signedRows } from '../publication/publication.service.ts';
import { programmeOf } from '../programme/programme.service.ts';
import {
  eligibilityFor,
  eligibilityOf,
  myRegistration,
  type Eligibility,
  participantListReadable,
  registrationCounts,
  registrationWindow,
} from '../registration/registration.service.ts';

export interface EventFilters {
  when: 'upcoming' | 'past';
  type?: EventType;
  format?: EventFormat;
  series?: string;
  pillar?: string;
  theme?: string;
  q?: string;
  page: number;
  pageSize: number;
}

export async function listEvents(ctx: { db: Db; actor: Actor }, f: EventFilters, now = new Date()) {
  const where: SQL[] = [
    eventsVisibleTo(ctx.actor),
    f.when === 'upcoming' ? gte(events.endsAt, now) : lt(events.endsAt, now),
  ];
  if (f.type) where.push(eq(events.type, f.type));
  if (f.format) where.push(eq(events.format, f.format));
  if (f.series) where.push(eq(eventSeries.slug, f.series));
  if (f.pillar) where.push(sql`${f.pillar} = any(${events.pillars})`);
  if (f.theme) where.push(sql`${f.theme} = any(${events.themes})`);
  if (f.q?.trim()) {
    where.push(
      matchesAnyText(f.q, [
        [events.title, 'json'],
        [events.summary, 'json'],
      ]),
    );
  }
  const rows = await ctx.db
    .select({
      e: events,
      seriesSlug: eventSeries.slug,
      seriesTitle: eventSeries.title,
      total: sql<number>`count(*) over()`.mapWith(Number),
    })
    .from(events)
    .leftJoin(eventSeries, eq(eventSeries.id, events.seriesId))
    .where(and(...where))
    .orderBy(f.when === 'upcoming' ? asc(events.startsAt) : desc(events.startsAt), asc(events.id))
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize);
  // The signed text of each (publication.service.ts); an event under review is left out of the page.
  const shown = await signedRows(
    ctx.db,
    ctx.actor,
    rows.map((r) => ({ ...r.e, seriesSlug: r.seriesSlug, seriesTitle: r.seriesTitle })),
  );
  return { rows: shown, total: (rows[0]?.total ?? 0) - (rows.length - shown.length) };
}

/** Events for a calendar feed: every visible event, or one series'. */
export async function feedEvents(ctx: { db: Db; actor: Actor }, seriesSlug?: string) {
  const where = [eventsVisibleTo(ctx.actor)];
  if (seriesSlug) where.push(eq(eventSeries.slug, seriesSlug));
  const rows = await ctx.db
    .select({ e: events })
    .from(events)
    .leftJoin(eventSeries, eq(eventSeries.id, events.seriesId))
    .where(and(...where))
    .orderBy(asc(events.startsAt))
    .limit(2000);
  return signedRows(
    ctx.db,
    ctx.actor,
    rows.map((r) => r.e),
  );
}

/** Every series (slug and title), for the listing's filter. */
export const listSeries = (db: Db) =>
  db.select({ slug: eventSeries.slug, title: eventSeries.title }).from(eventSeries).orderBy(asc(eventSeries.slug));

export async function getSeries(db: Db, slug: string) {
  const s = (await db.select().from(eventSeries).where(eq(eventSeries.slug, slug)).limit(1))[0];
  if (!s) throw notFound();
  return s;
}

export interface OrganizerInfo {
  id: string;
  slug: string;
  names: LocalizedText;
  acronym: string | null;
  type: OrgType;
  role: string;
}

async function organizersOf(db: Tx, eventIds: string[]): Promise<Map<string, OrganizerInfo[]>> {
  const out = new Map<string, OrganizerInfo[]>();
  if (!eventIds.length) return out;
  const org = organizationsRef();
  const rows = await db
    .select({
      eventId: eventOrganizers.eventId,
      id: org.id,
      slug: org.slug,
      names: org.names,
      acronym: org.acronym,
      type: org.type,
      role: eventOrganizers.role,
    })
    .from(eventOrganizers)
    .innerJoin(org, eq(org.id, eventOrganizers.organizationId))
    .where(inArray(eventOrganizers.eventId, eventIds))
    .orderBy(asc(eventOrganizers.sort));
  for (const r of rows) {
    const list = out.get(r.eventId) ?? [];
    list.push({ id: r.id, slug: r.slug, names: r.names, acronym: r.acronym, type: r.type, role: r.role });
    out.set(r.eventId, list);
  }
  return out;
}

/**
 * One event as readers get it: its signed text; its row's text only for its managers while nothing of it is public
 * (`signed` false: the page says so); 404 for anyone else.
 */
export async function readableEvent(ctx: { db: Db; actor: Actor }, idOrSlug: string) {
  const row = await findVisibleEvent(ctx, idOrSlug);
  const [e] = await signedRows(ctx.db, ctx.actor, [row]);
  if (!e) throw notFound();
  return { e, signed: e !== row };
}

/**
 * What an event's page shows that is the same for every reader who may see it: organizers, series, the parent and
 * side events (those `related` lets through, with their signed text), documents, programme, counts.
 */
async function eventContent(db: Db, actor: Actor, e: EventRow, related: SQL) {
  const [orgs, series, parent, children, documents, sessions, counts] = await Promise.all([
    organizersOf(db, [e.id]),
    e.seriesId
      ? db
          .select()
          .from(eventSeries)
          .where(eq(eventSeries.id, e.seriesId))
          .limit(1)
          .then((r) => r[0] ?? null)
      : null,
    e.parentId
      ? db
          .select()
          .from(events)
          .where(and(eq(events.id, e.parentId), related))
          .limit(1)
          .then((r) => signedRows(db, actor, r))
          .then((r) => (r[0] ? { slug: r[0].slug, title: r[0].title } : null))
      : null,
    db
      .select()
      .from(events)
      .where(and(eq(events.parentId, e.id), related))
      .orderBy(asc(events.startsAt))
      .limit(500)
      .then((r) => signedRows(db, actor, r)),
    listDocuments(db, e.id),
    programmeOf(db, e.id),
    registrationCounts(db, e.id),
  ]);
  const childOrgs = await organizersOf(
    db,
    children.map((c) => c.id),
  );
  return {
    organizers: orgs.get(e.id) ?? [],
    series,
    parent,
    documents,
    sessions,
    counts,
    children: children.map((c) => ({ ...c, organizers: childOrgs.get(c.id) ?? [] })),
  };
}
type EventContent = Awaited<ReturnType<typeof eventContent>>;

/** The reader's own part of an event's page: their registration, whether they may register, whether they manage it. */
async function readerPart(ctx: { db: Db; actor: Actor }, e: EventRow, content: EventContent, now: Date) {
  const [mine, eligibility] = await Promise.all([
    isUser(ctx.actor) ? myRegistration(ctx.db, e.id, ctx.actor.userId) : null,
    eligibilityFor(ctx.db, ctx.actor, e),
  ]);
  return readerPartOf(ctx.actor, e, content, mine, eligibility, now);
}

function readerPartOf(
  actor: Actor,
  e: EventRow,
  content: Pick<EventContent, 'organizers' | 'counts'>,
  mine: ReaderRows['mine'],
  eligibility: Eligibility<ReaderOrganization> | null,
  now: Date,
) {
  const organizerOrgIds = content.organizers.map((o) => o.id);
  const manage = isUser(actor) && can(actor, 'event.manage', { organizerOrgIds });
  return {
    mine,
    eligibility,
    manage,
    window: registrationWindow(e, content.counts, now),
    participantsVisible: participantListReadable(actor, e, manage, mine),
  };
}

export async function getEventDetail(ctx: { db: Db; actor: Actor }, idOrSlug: string, now = new Date()) {
  const { e, signed } = await readableEvent(ctx, idOrSlug);
  const content = await eventContent(ctx.db, ctx.actor, e, eventsVisibleTo(ctx.actor));
  return { event: e, signed, ...content, ...(await readerPart(ctx, e, content, now)) };
}

/** Events every signed-in reader may see alike: not drafts, public or platform-wide, with published text. */
const openToEveryUser = and(
  ne(events.status, 'draft'),
  inArray(events.visibility, ['public', 'platform']),
  hasPublicRevision('event', events.id),
)!;

/**
 * The part of an event's page that every signed-in reader gets alike, when there is such a part: the event is open
 * to every signed-in reader, its text verifies, and it has no parent or side event that some readers see and others
 * do not (invited, draft or unsigned). Null otherwise: then each reader's page is read in full (getEventDetail).
 * Read as nobody in particular (no reader's registrations or managed events), so it may be kept and shared.
 */
export async function sharedEventContent(db: Db, eventId: string) {
  const [row] = await db
    .select()
    .from(events)
    .where(and(eq(events.id, eventId), openToEveryUser))
    .limit(1);
  if (!row) return null;
  const [[e], [personal]] = await Promise.all([
    signedRows(db, ANONYMOUS, [row]),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(events)
      .where(
        and(
          or(eq(events.parentId, row.id), row.parentId ? eq(events.id, row.parentId) : sql`false`),
          not(openToEveryUser),
        ),
      ),
  ]);
  if (!e || personal.n > 0) return null;
  return { event: e, ...(await eventContent(db, ANONYMOUS, e, openToEveryUser)) };
}
export type SharedEventContent = NonNullable<Awaited<ReturnType<typeof sharedEventContent>>>;

/**
 * An event's page for a signed-in reader from its shared part (kept by the caller) and the reader's own rows (read
 * with the event by findEventForReader): no further statement.
 */
export function eventDetailFrom(
  actor: Actor,
  shared: SharedEventContent,
  reader: ReaderRows,
  now = new Date(),
): EventDetail {
  const { event, ...content } = shared;
  const eligibility = eligibilityOf(reader.orgs, event);
  return { event, signed: true, ...content, ...readerPartOf(actor, event, content, reader.mine, eligibility, now) };
}
export type EventDetail = Awaited<ReturnType<typeof getEventDetail>>;
