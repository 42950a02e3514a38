// The organizers' management area of an event: the overview (what is waiting for them, in figures) and cloning an
// event into a new draft. Both need `event.manage` on the event; cloning also needs `event.create`.
import { and, asc, count, eq } from 'drizzle-orm';
import { authorize } from '../../../platform/auth/policy.ts';
import { recordAudit } from '../../../platform/audit/audit.service.ts';
import { invalid, type FieldError } from '../../../platform/http/errors.ts';
import { localTime, zonedTime } from '../../../platform/i18n/time.ts';
import {
  eventDocuments,
  eventOrganizers,
  eventRegistrations,
  eventScheduleVersions,
  eventSessions,
  eventSideEventProposals,
  eventSummaryItems,
  events,
} from '../events.schema.ts';
import { managedEvent, type EventRow, type EventsContext } from '../shared/events.service.ts';
import { RESERVED, SLUG } from '../authoring/authoring.service.ts';
import { publicView, revisionsOf, type PublicState, type Revision } from '../../publishing/index.ts';
import { EVENT_KIND } from '../publication/publication.service.ts';

/** What the overview of a managed event shows. */
export interface ManageOverview {
  event: EventRow;
  registrations: { pending: number; accepted: number; waitlisted: number; total: number };
  proposalsToReview: number | null;
  sessions: { id: string; title: EventRow['title'] }[];
  programmeVersions: number;
  documents: number;
  summaryItems: number;
  /** The latest revision of its public text (publication/), and what readers get of it. */
  publication: Revision | null;
  publicState: PublicState | null;
}

export async function manageOverview(ctx: EventsContext, slug: string): Promise<ManageOverview> {
  const e = await managedEvent(ctx, slug);
  const db = ctx.db;
  const regs = await db
    .select({ status: eventRegistrations.status, n: count() })
    .from(eventRegistrations)
    .where(eq(eventRegistrations.eventId, e.id))
    .groupBy(eventRegistrations.status);
  const of = (s: string) => Number(regs.find((r) => r.status === s)?.n ?? 0);
  const n = async (q: Promise<{ n: number }[]>) => Number((await q)[0]?.n ?? 0);
  const proposalsToReview =
    e.type === 'week'
      ? await n(
          db
            .select({ n: count() })
            .from(eventSideEventProposals)
            .where(and(eq(eventSideEventProposals.weekId, e.id), eq(eventSideEventProposals.status, 'submitted'))),
        )
      : null;
  const [latest] = await revisionsOf(db, { kind: EVENT_KIND, id: e.id });
  const view = await publicView(db, { kind: EVENT_KIND, id: e.id });
  return {
    event: e,
    publication: latest ?? null,
    publicState: view?.state ?? null,
    registrations: {
      pending: of('pending'),
      accepted: of('accepted'),
      waitlisted: of('waitlisted'),
      total: regs.reduce((a, r) => a + Number(r.n), 0),
    },
    proposalsToReview,
    sessions: await db
      .select({ id: eventSessions.id, title: eventSessions.title })
      .from(eventSessions)
      .where(eq(eventSessions.eventId, e.id))
      .orderBy(asc(eventSessions.sort), asc(eventSessions.startsAt)),
    programmeVersions: await n(
      db.select({ n: count() }).from(eventScheduleVersions).where(eq(eventScheduleVersions.eventId, e.id)),
    ),
    documents: await n(db.select({ n: count() }).from(eventDocuments).where(eq(eventDocuments.eventId, e.id))),
    summaryItems: await n(db.select({ n: count() }).from(eventSummaryItems).where(eq(eventSummaryItems.eventId, e.id))),
  };
}

export interface CloneInput {
  slug: string;
  /** The copy's start, wall-clock in the event's zone (YYYY-MM-DDTHH:MM); every other date moves with it. */
  startsAt: string;
}

/** The form's first values: a free-looking address and the same start. */
export const cloneDefaults = (e: EventRow): CloneInput => ({
  slug: `${e.slug}-copy`.slice(0, 100),
  startsAt: localTime(e.startsAt, e.timeZone),
});

/** A date moved by a number of wall-clock minutes in a zone (the same hour after a daylight-saving change). */
function shifted(d: Date | null, timeZone: string, minutes: number): Date | null {
  if (!d) return null;
  const wall = Date.parse(`${localTime(d, timeZone)}:00Z`) + minutes * 60_000;
  return zonedTime(new Date(wall).toISOString().slice(0, 16), timeZone) ?? d;
}

/**
 * Clones an event into a new draft: its settings, organizers, registration questions and programme sessions (not
 * its registrations, documents, speakers or outputs), every date moved by the same wall-clock time as the start.
 * Every error at once (422); audited (the copy, naming its source).
 */
export async function cloneEvent(ctx: EventsContext, slug: string, input: CloneInput): Promise<EventRow> {
  authorize(ctx.actor, 'event.create');
  const actor = ctx.actor;
  const source = await managedEvent(ctx, slug);
  const fields: FieldError[] = [];
  const newSlug = (input.slug ?? '').trim().toLowerCase();
  if (!SLUG.test(newSlug) || RESERVED.includes(newSlug))
    fields.push({ field: 'slug', messageKey: 'events.errors.slug' });
  else if ((await ctx.db.select({ id: events.id }).from(events).where(eq(events.slug, newSlug)).limit(1)).length)
    fields.push({ field: 'slug', messageKey: 'events.errors.slugTaken' });
  const local = (input.startsAt ?? '').trim();
  let start: Date | null = null;
  if (!local) fields.push({ field: 'startsAt', messageKey: 'validation.required' });
  else {
    start = zonedTime(local, source.timeZone);
    if (!start) fields.push({ field: 'startsAt', messageKey: 'validation.dateTime' });
  }
  if (fields.length) throw invalid(fields);
  const minutes = Math.round(
    (Date.parse(`${local}:00Z`) - Date.parse(`${localTime(source.startsAt, source.timeZone)}:00Z`)) / 60_000,
  );
  const move = (d: Date | null) => shifted(d, source.timeZone, minutes);
  const organizers = await ctx.db
    .select()
    .from(eventOrganizers)
    .where(eq(eventOrganizers.eventId, source.id))
    .orderBy(asc(eventOrganizers.sort));
  authorize(ctx.actor, 'event.manage', { organizerOrgIds: organizers.map((o) => o.organizationId) });
  const sessions = await ctx.db.select().from(eventSessions).where(eq(eventSessions.eventId, source.id));
  return ctx.db.transaction(async (tx) => {
    const {
      id: _id,
      slug: _slug,
      createdAt: _c,
      updatedAt: _u,
      seatsTaken: _s,
      sequence: _q,
      publishedFigures: _f,
      genderTally: _g,
      seriesId: _si,
      seriesNumber: _sn,
      ...settings
    } = source;
    const [copy] = await tx
      .insert(events)
      .values({
        ...settings,
        slug: newSlug,
        status: 'draft',
        isDemo: false,
        startsAt: move(source.startsAt)!,
        endsAt: move(source.endsAt)!,
        registrationOpensAt: move(source.registrationOpensAt),
        registrationClosesAt: move(source.registrationClosesAt),
        createdBy: actor.userId,
      })
      .returning();
    if (organizers.length)
      await tx
        .insert(eventOrganizers)
        .values(
          organizers.map((o) => ({ eventId: copy.id, organizationId: o.organizationId, role: o.role, sort: o.sort })),
        );
    if (sessions.length)
      await tx.insert(eventSessions).values(
        sessions.map(({ id: _sid, eventId: _eid, ...s }) => ({
          ...s,
          eventId: copy.id,
          // The copy's speakers' list is new: its change count starts afresh.
          floorSeq: 0,
          startsAt: move(s.startsAt),
          endsAt: move(s.endsAt),
        })),
      );
    await recordAudit(tx, {
      action: 'event.cloned',
      actor,
      targetType: 'event',
      targetId: copy.id,
      ip: ctx.ip,
      details: { from: source.id, fromSlug: source.slug, slug: copy.slug, sessions: sessions.length },
    });
    return copy;
  });
}
