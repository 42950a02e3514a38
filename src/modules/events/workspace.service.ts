// The events module's part of the workspace (module contract: tasks, calendarFor).
// Tasks, for whoever may manage an event (`event.manage`: administrators and coordinators every event, an entity's
// focal point the events their entity organizes), for events not yet ended and not cancelled:
// - registrations waiting for a decision (status `pending`), one task per event;
// - side-event proposals to review (status `submitted`) for the umbrella weeks they manage, one task per week;
// - drafts to publish (not yet ended), one task per event, badged "Draft".
// Calendar: the events the person is registered for (accepted or pending; platform-only and invited ones included,
// drafts never), whatever their visibility: the person's own registration is what makes them hers.
import { and, asc, count, eq, gt, inArray, min, ne, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import { can } from '../../platform/auth/policy.ts';
import type { LocalizedText } from '../../platform/i18n/index.ts';
import { LOCALES } from '../../platform/i18n/index.ts';
import { textIn, type TranslatableText } from '../../platform/i18n/text.ts';
import type { CalendarItem, Task, TaskContext } from '../../platform/modules/module.ts';
import { eventOrganizers, eventRegistrations, eventSideEventProposals, events } from './events.schema.ts';
import { localDay } from './shared/time.ts';

/** At most this many events (or weeks) get a task line each; the rest wait for the next visit. */
const MAX_TASK_LINES = 10;

/** SQL over `events`: the actor manages it (the SQL form of `managesEvent`, events.policy.ts). */
function managedSql(ctx: TaskContext): SQL | null {
  const a = ctx.actor;
  if (!can(a, 'event.manage')) return null;
  if (a.role === 'platform_admin' || a.role === 'coordinator') return sql`true`;
  if (a.role !== 'entity_focal_point' || !a.focalOrgIds.length) return null;
  return sql`exists (select 1 from ${eventOrganizers} where ${eventOrganizers.eventId} = ${events.id}
    and ${inArray(eventOrganizers.organizationId, a.focalOrgIds)})`;
}

export async function eventTasks(ctx: TaskContext): Promise<Task[]> {
  const managed = managedSql(ctx);
  if (!managed) return [];
  const live = and(managed, ne(events.status, 'cancelled'), gt(events.endsAt, new Date()));
  const [regs, props, drafts] = await Promise.all([
    ctx.db
      .select({ slug: events.slug, title: events.title, n: count(), first: min(eventRegistrations.createdAt) })
      .from(eventRegistrations)
      .innerJoin(events, eq(events.id, eventRegistrations.eventId))
      .where(and(live, eq(eventRegistrations.status, 'pending')))
      .groupBy(events.id)
      .orderBy(asc(events.startsAt))
      .limit(MAX_TASK_LINES),
    ctx.db
      .select({ slug: events.slug, title: events.title, n: count() })
      .from(eventSideEventProposals)
      .innerJoin(events, eq(events.id, eventSideEventProposals.weekId))
      .where(and(live, eq(eventSideEventProposals.status, 'submitted')))
      .groupBy(events.id)
      .orderBy(asc(events.startsAt))
      .limit(MAX_TASK_LINES),
    // Drafts not yet published (and not yet over): only their organizers see them, until someone publishes them.
    ctx.db
      .select({ slug: events.slug, title: events.title })
      .from(events)
      .where(and(managed, eq(events.status, 'draft'), gt(events.endsAt, new Date())))
      .orderBy(asc(events.startsAt))
      .limit(MAX_TASK_LINES),
  ]);
  return [
    ...regs.map((r) => ({
      kind: 'registration.decide',
      titleKey: 'home.task.registrations',
      values: { event: textIn(r.title, ctx.locale) || r.slug },
      count: Number(r.n),
      url: `/events/${r.slug}/registrations`,
    })),
    ...props.map((r) => ({
      kind: 'side_event.review',
      titleKey: 'home.task.proposals',
      values: { event: textIn(r.title, ctx.locale) || r.slug },
      count: Number(r.n),
      url: `/events/${r.slug}/side-events/proposals`,
    })),
    ...drafts.map((r) => ({
      kind: 'event.publish',
      titleKey: 'home.task.draftEvent',
      values: { event: textIn(r.title, ctx.locale) || r.slug },
      url: `/events/${r.slug}`,
      badge: { labelKey: 'events.eventStatus.draft', kind: 'draft' },
    })),
  ];
}

const titles = (t: TranslatableText, fallback: string): LocalizedText => {
  const out: LocalizedText = { en: textIn(t, 'en') || fallback };
  for (const l of LOCALES) if (t?.[l]?.text) out[l] = t[l]!.text;
  return out;
};

export async function eventCalendar(db: Db, userId: string): Promise<CalendarItem[]> {
  const rows = await db
    .select({
      id: events.id,
      slug: events.slug,
      title: events.title,
      venue: events.venue,
      timeZone: events.timeZone,
      allDay: events.allDay,
      startsAt: events.startsAt,
      endsAt: events.endsAt,
      status: events.status,
      sequence: events.sequence,
      registration: eventRegistrations.status,
    })
    .from(eventRegistrations)
    .innerJoin(events, eq(events.id, eventRegistrations.eventId))
    .where(
      and(
        eq(eventRegistrations.userId, userId),
        inArray(eventRegistrations.status, ['accepted', 'pending']),
        ne(events.status, 'draft'),
      ),
    )
    .orderBy(asc(events.startsAt));
  return rows.map((e) => ({
    // The same UID as the event's own .ics file: a calendar that imported both keeps one entry.
    uid: `${e.id}@ctcp`,
    title: titles(e.title, e.slug),
    start: e.allDay ? new Date(`${localDay(e.startsAt, e.timeZone)}T00:00:00Z`) : e.startsAt,
    end: e.allDay ? new Date(`${localDay(e.endsAt, e.timeZone)}T00:00:00Z`) : e.endsAt,
    allDay: e.allDay,
    timeZone: e.timeZone,
    location: e.venue,
    url: `/events/${e.slug}`,
    sequence: e.sequence,
    status: e.status === 'cancelled' ? 'cancelled' : e.registration === 'accepted' ? 'confirmed' : 'tentative',
    kindKey: e.registration === 'accepted' ? 'feed.kind.accepted' : 'feed.kind.pending',
  }));
}
