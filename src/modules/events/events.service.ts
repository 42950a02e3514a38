// Events: listing and reading (visibleTo), registration with capacity, waiting list and automatic promotion, decisions,
// delegations, participant lists. Seats are counted by the database (migration 0007); cancellations, decisions and
// delegations are serialised per event with SELECT … FOR UPDATE on the event row.
import { randomUUID } from 'node:crypto';
import { and, asc, desc, eq, gte, inArray, lt, or, sql, type SQL } from 'drizzle-orm';
import type { Config } from '../../config.ts';
import type { Db, Tx } from '../../platform/db/client.ts';
import { authorize, can, isUser, type Actor } from '../../platform/auth/policy.ts';
import { users } from '../../platform/auth/auth.schema.ts';
import { AppError, invalid, notFound, type FieldError } from '../../platform/http/errors.ts';
import { recordAudit } from '../../platform/audit/audit.service.ts';
import { queueMail, type MailMessage } from '../../platform/mail/mailer.ts';
import { renderEmail } from '../../platform/mail/template.tsx';
import { isLocale, translate, type Locale, dateFormat, listFormat } from '../../platform/i18n/index.ts';
import { organizations, type LocalizedText, type OrgType } from '../directory/directory.schema.ts';
import { isUuid } from '../directory/directory.service.ts';
import {
  eventDelegations,
  eventDocuments,
  eventOrganizers,
  eventRegistrations,
  eventSeries,
  events,
  type AttendanceMode,
  type EventFormat,
  type EventType,
  type Gender,
  type RegistrationStatus,
} from './events.schema.ts';
import { eventsIcs } from './shared/ical.ts';
import { text } from './shared/translate.ts';
import { formatRange } from './shared/time.ts';
import { programmeOf } from './programme/programme.service.ts';
import {
  authorizeManage,
  eventsVisibleTo,
  findVisibleEvent,
  type EventRow,
  type EventsContext,
} from './shared/events.service.ts';

export { authorizeManage, eventsVisibleTo, findVisibleEvent, type EventRow, type EventsContext };

export type Registration = typeof eventRegistrations.$inferSelect;

const ACTIVE: RegistrationStatus[] = ['pending', 'accepted', 'waitlisted'];

// ---------- reading ----------

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

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => '\\' + c);

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
    const like = `%${escapeLike(f.q.trim().toLowerCase())}%`;
    where.push(sql`(lower(${events.title}::text) like ${like} or lower(${events.summary}::text) like ${like})`);
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
  return {
    rows: rows.map((r) => ({ ...r.e, seriesSlug: r.seriesSlug, seriesTitle: r.seriesTitle })),
    total: rows[0]?.total ?? 0,
  };
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
  return rows.map((r) => r.e);
}

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
  const rows = await db
    .select({
      eventId: eventOrganizers.eventId,
      id: organizations.id,
      slug: organizations.slug,
      names: organizations.names,
      acronym: organizations.acronym,
      type: organizations.type,
      role: eventOrganizers.role,
    })
    .from(eventOrganizers)
    .innerJoin(organizations, eq(organizations.id, eventOrganizers.organizationId))
    .where(inArray(eventOrganizers.eventId, eventIds))
    .orderBy(asc(eventOrganizers.sort));
  for (const r of rows) {
    const list = out.get(r.eventId) ?? [];
    list.push({ id: r.id, slug: r.slug, names: r.names, acronym: r.acronym, type: r.type, role: r.role });
    out.set(r.eventId, list);
  }
  return out;
}

export async function getEventDetail(ctx: { db: Db; actor: Actor }, idOrSlug: string, now = new Date()) {
  const e = await findVisibleEvent(ctx, idOrSlug);
  const [orgs, series, parent, children, documents, sessions, counts, mine] = await Promise.all([
    organizersOf(ctx.db, [e.id]),
    e.seriesId
      ? ctx.db
          .select()
          .from(eventSeries)
          .where(eq(eventSeries.id, e.seriesId))
          .limit(1)
          .then((r) => r[0] ?? null)
      : null,
    e.parentId
      ? ctx.db
          .select({ slug: events.slug, title: events.title })
          .from(events)
          .where(and(eq(events.id, e.parentId), eventsVisibleTo(ctx.actor)))
          .limit(1)
          .then((r) => r[0] ?? null)
      : null,
    ctx.db
      .select()
      .from(events)
      .where(and(eq(events.parentId, e.id), eventsVisibleTo(ctx.actor)))
      .orderBy(asc(events.startsAt))
      .limit(500),
    ctx.db.select().from(eventDocuments).where(eq(eventDocuments.eventId, e.id)).orderBy(asc(eventDocuments.sort)),
    programmeOf(ctx.db, e.id),
    registrationCounts(ctx.db, e.id),
    isUser(ctx.actor) ? myRegistration(ctx.db, e.id, ctx.actor.userId) : null,
  ]);
  const organizers = orgs.get(e.id) ?? [];
  const childOrgs = await organizersOf(
    ctx.db,
    children.map((c) => c.id),
  );
  const manage = isUser(ctx.actor) && can(ctx.actor, 'event.manage', { organizerOrgIds: organizers.map((o) => o.id) });
  return {
    event: e,
    organizers,
    series,
    parent,
    documents,
    sessions,
    counts,
    mine,
    manage,
    children: children.map((c) => ({ ...c, organizers: childOrgs.get(c.id) ?? [] })),
    window: registrationWindow(e, counts, now),
    participantsVisible: participantListReadable(ctx.actor, e, manage, mine),
  };
}
export type EventDetail = Awaited<ReturnType<typeof getEventDetail>>;

export async function registrationCounts(db: Tx, eventId: string) {
  const rows = await db
    .select({ status: eventRegistrations.status, n: sql<number>`count(*)::int` })
    .from(eventRegistrations)
    .where(eq(eventRegistrations.eventId, eventId))
    .groupBy(eventRegistrations.status);
  const c = { pending: 0, accepted: 0, waitlisted: 0, declined: 0, cancelled: 0 };
  for (const r of rows) c[r.status] = r.n;
  return c;
}

async function myRegistration(db: Tx, eventId: string, userId: string) {
  return (
    (
      await db
        .select()
        .from(eventRegistrations)
        .where(and(eq(eventRegistrations.eventId, eventId), eq(eventRegistrations.userId, userId)))
        .limit(1)
    )[0] ?? null
  );
}

// ---------- registration rules ----------

export type ClosedReason = 'no_registration' | 'cancelled' | 'ended' | 'not_open_yet' | 'closed' | 'full';
export type Window =
  | { open: true; next: 'accepted' | 'pending' | 'waitlisted' }
  | { open: false; reason: ClosedReason; at?: Date };

/** Is registration open now, and what would a new registration become? */
export function registrationWindow(e: EventRow, counts: { accepted: number }, now = new Date()): Window {
  if (e.registrationMode === 'closed') return { open: false, reason: 'no_registration' };
  if (e.status === 'cancelled') return { open: false, reason: 'cancelled' };
  if (e.endsAt <= now) return { open: false, reason: 'ended' };
  if (e.registrationOpensAt && e.registrationOpensAt > now)
    return { open: false, reason: 'not_open_yet', at: e.registrationOpensAt };
  if (e.registrationClosesAt && e.registrationClosesAt <= now)
    return { open: false, reason: 'closed', at: e.registrationClosesAt };
  const next = seatFor(e, counts.accepted);
  if (!next) return { open: false, reason: 'full' };
  return { open: true, next };
}

/** The status of one more registration given the seats taken. null = full without a waiting list. */
function seatFor(e: EventRow, accepted: number): 'accepted' | 'pending' | 'waitlisted' | null {
  const free = e.capacity === null || accepted < e.capacity;
  if (e.registrationMode === 'moderated') return free || e.waitlist ? 'pending' : null;
  if (free) return 'accepted';
  return e.waitlist ? 'waitlisted' : null;
}

export function closedError(w: Extract<Window, { open: false }>, locale: Locale, timeZone: string): AppError {
  return new AppError('registration_closed', 409, `events.closed.${w.reason}`, {
    date: w.at ? dateFormat(locale, { dateStyle: 'long', timeStyle: 'short', timeZone }).format(w.at) : '',
  });
}

/** The stakeholder category a user registers under: their first organization whose type the event is open to. */
function eligibleOrganization<O extends { type: OrgType }>(orgs: O[], e: EventRow): O | null {
  const ok = orgs.find((o) => e.openTo.includes(o.type));
  if (ok) return ok;
  if (!orgs.length && e.openTo.includes('other')) return null;
  throw new AppError('not_eligible', 403, orgs.length ? 'events.errors.notEligible' : 'events.errors.noOrganization');
}

function checkAnswers(e: EventRow, answers: Record<string, string>): Record<string, string> {
  const fields: FieldError[] = [];
  const out: Record<string, string> = {};
  const ids = new Set(e.questions.map((q) => q.id));
  for (const k of Object.keys(answers))
    if (!ids.has(k)) fields.push({ field: `q_${k}`, messageKey: 'validation.unknownField' });
  for (const q of e.questions) {
    const v = (answers[q.id] ?? '').trim();
    if (!v) {
      if (q.required) fields.push({ field: `q_${q.id}`, messageKey: 'validation.required' });
      continue;
    }
    if (v.length > 2000)
      fields.push({ field: `q_${q.id}`, messageKey: 'validation.maxLength', values: { limit: 2000 } });
    else if (q.kind === 'choice' && !q.options?.some((o) => o.value === v))
      fields.push({ field: `q_${q.id}`, messageKey: 'validation.choice' });
    else if (q.kind === 'yes_no' && v !== 'yes' && v !== 'no')
      fields.push({ field: `q_${q.id}`, messageKey: 'validation.choice' });
    else out[q.id] = v;
  }
  if (fields.length) throw invalid(fields);
  return out;
}

function attendanceFor(e: EventRow, wanted?: string): AttendanceMode {
  if (e.format === 'virtual') return 'virtual';
  if (e.format === 'in_person') return 'in_person';
  if (wanted !== 'in_person' && wanted !== 'virtual')
    throw invalid([{ field: 'attendance', messageKey: 'validation.choice' }]);
  return wanted;
}

const lockEvent = async (tx: Tx, id: string) =>
  (await tx.select().from(events).where(eq(events.id, id)).for('update'))[0];
/** Seats taken now (the trigger's counter; read under the event's lock by the callers that decide with it). */
const acceptedCount = async (tx: Tx, id: string) =>
  (await tx.select({ n: events.seatsTaken }).from(events).where(eq(events.id, id)))[0].n;

/** SQLSTATE raised by the seats trigger (migration 0007) when a registration would take a seat beyond capacity. */
const EVENT_FULL = 'CT409';
const UNIQUE_VIOLATION = '23505';
const sqlState = (err: unknown): string | undefined => {
  for (let e = err as { code?: unknown; cause?: unknown } | undefined; e; e = e.cause as typeof e)
    if (typeof e.code === 'string') return e.code;
  return undefined;
};

export interface RegisterInput {
  answers: Record<string, string>;
  attendance?: string;
  gender?: string;
  idempotencyKey?: string;
}

/**
 * Registers the actor. Idempotent: an active registration (same user, or same Idempotency-Key) is returned as it is,
 * with created = false; two requests racing for one registration meet the unique indexes, and the loser is answered
 * with the winner's registration. Everything that needs no lock — reading, checking, rendering the e-mail — happens
 * before the transaction; inside it, the seat is taken by the database's conditional UPDATE of the event's counter
 * (trigger, migration 0007), which refuses a seat beyond capacity: the event row is locked only from that statement to
 * the commit.
 */
export async function register(
  ctx: EventsContext,
  idOrSlug: string,
  input: RegisterInput,
  now = new Date(),
): Promise<{ registration: Registration; created: boolean }> {
  authorize(ctx.actor, 'event.register');
  const actor = ctx.actor;
  if (input.gender && !(['woman', 'man', 'other', 'undisclosed'] as string[]).includes(input.gender))
    throw invalid([{ field: 'gender', messageKey: 'validation.choice' }]);
  if (input.idempotencyKey !== undefined && !/^[\w.:-]{8,128}$/.test(input.idempotencyKey))
    throw new AppError('validation_failed', 400, 'events.errors.idempotencyKey');
  const e = await findVisibleEvent(ctx, idOrSlug);
  const email = actor.email.toLowerCase();
  // The actor's registrations that matter here, in one query: the one this Idempotency-Key made (any event), and the
  // one for this event (by account or address).
  const mineOf = async () => {
    const rows = await ctx.db
      .select()
      .from(eventRegistrations)
      .where(
        or(
          input.idempotencyKey
            ? and(
                eq(eventRegistrations.submittedBy, actor.userId),
                eq(eventRegistrations.idempotencyKey, input.idempotencyKey),
              )
            : sql`false`,
          and(
            eq(eventRegistrations.eventId, e.id),
            or(eq(eventRegistrations.userId, actor.userId), eq(eventRegistrations.email, email)),
          ),
        ),
      )
      .limit(3);
    return {
      prior: input.idempotencyKey
        ? rows.find((r) => r.submittedBy === actor.userId && r.idempotencyKey === input.idempotencyKey)
        : undefined,
      existing: rows.find((r) => r.eventId === e.id),
    };
  };
  const [u, mine, orgs] = await Promise.all([
    ctx.db
      .select({ name: users.name, locale: users.locale, timeZone: users.timeZone })
      .from(users)
      .where(eq(users.id, actor.userId))
      .limit(1)
      .then((r) => r[0]),
    mineOf(),
    actor.orgIds.length
      ? ctx.db
          .select({ id: organizations.id, type: organizations.type })
          .from(organizations)
          .where(inArray(organizations.id, actor.orgIds))
      : [],
  ]);
  const replay = (r: Registration) => {
    if (r.eventId !== e.id) throw new AppError('idempotency_conflict', 422, 'events.errors.idempotencyReused');
    return { registration: r, created: false };
  };
  if (mine.prior) return replay(mine.prior);
  const existing = mine.existing;
  if (existing && ACTIVE.includes(existing.status)) return { registration: existing, created: false };
  if (existing?.status === 'declined') throw new AppError('registration_declined', 409, 'events.errors.declined');
  const locale = (isLocale(u.locale) ? u.locale : 'en') as Locale;
  const w = registrationWindow(e, { accepted: e.seatsTaken }, now);
  if (!w.open) throw closedError(w, locale, e.timeZone);
  const org = eligibleOrganization(orgs, e);
  const answers = checkAnswers(e, input.answers);
  const attendance = attendanceFor(e, input.attendance);
  const id = existing?.id ?? randomUUID();
  const attempt = async (status: 'accepted' | 'pending' | 'waitlisted') => {
    const values = {
      eventId: e.id,
      userId: actor.userId,
      fullName: u.name,
      email,
      organizationId: org?.id ?? null,
      orgType: org?.type ?? null,
      locale,
      status,
      attendance,
      gender: (input.gender || null) as Gender | null,
      answers,
      submittedBy: actor.userId,
      idempotencyKey: input.idempotencyKey ?? null,
      decidedAt: status === 'pending' ? null : now,
      updatedAt: now,
    };
    const mail = registrationMail(ctx.config, e, values, status, u.timeZone);
    return ctx.db.transaction(async (tx) => {
      await queueMail(tx, mail, !!ctx.config.smtpUrl);
      const [registration] = existing
        ? await tx
            .update(eventRegistrations)
            .set({ ...values, createdAt: now, checkedInAt: null })
            .where(and(eq(eventRegistrations.id, existing.id), eq(eventRegistrations.status, existing.status)))
            .returning()
        : await tx
            .insert(eventRegistrations)
            .values({ id, ...values })
            .returning();
      if (!registration) throw new AppError('conflict', 409, 'events.errors.concurrentChange');
      await recordAudit(tx, {
        action: 'event.registration.created',
        actor,
        targetType: 'event_registration',
        targetId: registration.id,
        ip: ctx.ip,
        details: { eventId: e.id, status: registration.status },
      });
      return { registration, created: true };
    });
  };
  try {
    return await attempt(w.next);
  } catch (err) {
    const code = sqlState(err);
    if (code === EVENT_FULL) {
      // The last seat went to a concurrent request after our check: the waiting list, or full.
      if (w.next === 'accepted' && e.waitlist) return attempt('waitlisted');
      throw closedError({ open: false, reason: 'full' }, locale, e.timeZone);
    }
    if (code === UNIQUE_VIOLATION) {
      // A concurrent request (double click, retry) registered first: answer with its registration.
      const again = await mineOf();
      const winner = again.prior ?? again.existing;
      if (
        winner &&
        (winner.submittedBy === actor.userId || winner.userId === actor.userId) &&
        ACTIVE.includes(winner.status)
      )
        return replay(winner);
    }
    throw err;
  }
}

/** Cancels the actor's own registration; a freed seat goes to the first on the waiting list. */
export async function cancelRegistration(
  ctx: EventsContext,
  idOrSlug: string,
  now = new Date(),
): Promise<Registration> {
  authorize(ctx.actor, 'event.register');
  const actor = ctx.actor;
  const visible = await findVisibleEvent(ctx, idOrSlug);
  return ctx.db.transaction(async (tx) => {
    const e = await lockEvent(tx, visible.id);
    const r = await myRegistration(tx, e.id, actor.userId);
    if (!r || !ACTIVE.includes(r.status)) throw new AppError('no_registration', 409, 'events.errors.nothingToCancel');
    if (e.endsAt <= now) throw new AppError('registration_closed', 409, 'events.closed.ended');
    const [cancelled] = await tx
      .update(eventRegistrations)
      .set({ status: 'cancelled', updatedAt: now })
      .where(eq(eventRegistrations.id, r.id))
      .returning();
    await recordAudit(tx, {
      action: 'event.registration.cancelled',
      actor,
      targetType: 'event_registration',
      targetId: r.id,
      ip: ctx.ip,
      details: { eventId: e.id, was: r.status },
    });
    await mailRegistration(tx, ctx.config, e, cancelled, 'cancelled');
    if (r.status === 'accepted') await promoteFromWaitlist(tx, ctx, e, now);
    return cancelled;
  });
}

/** Fills free seats from the waiting list, oldest first (automatic approval only; moderated events wait for a decision). */
async function promoteFromWaitlist(tx: Tx, ctx: EventsContext, e: EventRow, now: Date) {
  if (e.registrationMode !== 'automatic') return;
  const free = e.capacity === null ? Infinity : e.capacity - (await acceptedCount(tx, e.id));
  if (free <= 0) return;
  const next = await tx
    .select()
    .from(eventRegistrations)
    .where(and(eq(eventRegistrations.eventId, e.id), eq(eventRegistrations.status, 'waitlisted')))
    .orderBy(asc(eventRegistrations.createdAt), asc(eventRegistrations.id))
    .limit(Number.isFinite(free) ? free : 1000);
  for (const w of next) {
    const [p] = await tx
      .update(eventRegistrations)
      .set({ status: 'accepted', decidedAt: now, updatedAt: now })
      .where(eq(eventRegistrations.id, w.id))
      .returning();
    await recordAudit(tx, {
      action: 'event.registration.promoted',
      actor: ctx.actor,
      targetType: 'event_registration',
      targetId: w.id,
      ip: ctx.ip,
      details: { eventId: e.id },
    });
    await mailRegistration(tx, ctx.config, e, p, 'promoted');
  }
}

export type Decision = 'accept' | 'decline' | 'waitlist';

/** An organizer's decision on a registration (moderated events, or moving someone off the waiting list). */
export async function decide(
  ctx: EventsContext,
  idOrSlug: string,
  registrationId: string,
  decision: Decision,
  now = new Date(),
): Promise<Registration> {
  const visible = await findVisibleEvent(ctx, idOrSlug);
  await authorizeManage(ctx, visible.id);
  if (!isUuid(registrationId)) throw notFound();
  return ctx.db.transaction(async (tx) => {
    const e = await lockEvent(tx, visible.id);
    const r = (
      await tx
        .select()
        .from(eventRegistrations)
        .where(and(eq(eventRegistrations.id, registrationId), eq(eventRegistrations.eventId, e.id)))
        .limit(1)
    )[0];
    if (!r) throw notFound();
    const to: RegistrationStatus =
      decision === 'accept' ? 'accepted' : decision === 'decline' ? 'declined' : 'waitlisted';
    if (r.status === 'cancelled') throw new AppError('conflict', 409, 'events.errors.alreadyCancelled');
    if (r.status === to) return r;
    if (to === 'accepted' && e.capacity !== null && (await acceptedCount(tx, e.id)) >= e.capacity)
      throw new AppError('event_full', 409, 'events.closed.full');
    const [d] = await tx
      .update(eventRegistrations)
      .set({ status: to, decidedAt: now, updatedAt: now })
      .where(eq(eventRegistrations.id, r.id))
      .returning();
    await recordAudit(tx, {
      action: `event.registration.${to}`,
      actor: ctx.actor,
      targetType: 'event_registration',
      targetId: r.id,
      ip: ctx.ip,
      details: { eventId: e.id, was: r.status },
    });
    await mailRegistration(tx, ctx.config, e, d, to);
    if (r.status === 'accepted') await promoteFromWaitlist(tx, ctx, e, now);
    return d;
  });
}

export async function checkIn(
  ctx: EventsContext,
  idOrSlug: string,
  registrationId: string,
  present: boolean,
  now = new Date(),
) {
  const visible = await findVisibleEvent(ctx, idOrSlug);
  await authorizeManage(ctx, visible.id);
  if (!isUuid(registrationId)) throw notFound();
  await ctx.db.transaction(async (tx) => {
    const r = await tx
      .update(eventRegistrations)
      .set({ checkedInAt: present ? now : null, updatedAt: now })
      .where(
        and(
          eq(eventRegistrations.id, registrationId),
          eq(eventRegistrations.eventId, visible.id),
          eq(eventRegistrations.status, 'accepted'),
        ),
      )
      .returning({ id: eventRegistrations.id });
    if (!r.length) throw notFound();
    await recordAudit(tx, {
      action: present ? 'event.attendance.checked_in' : 'event.attendance.undone',
      actor: ctx.actor,
      targetType: 'event_registration',
      targetId: registrationId,
      ip: ctx.ip,
    });
  });
}

// ---------- delegations ----------

export interface DelegateInput {
  fullName: string;
  email: string;
}
export interface DelegationInput {
  stateOrgId: string;
  locale: Locale;
  attendance?: string;
  head: DelegateInput;
  members: DelegateInput[];
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** A Member State's focal point registers the State's delegation: a head and members, each a registration. */
export async function registerDelegation(
  ctx: EventsContext,
  idOrSlug: string,
  input: DelegationInput,
  now = new Date(),
) {
  authorize(ctx.actor, 'event.delegation.manage');
  const actor = ctx.actor;
  if (!actor.focalOrgIds.includes(input.stateOrgId)) throw new AppError('forbidden', 403, 'events.errors.notYourState');
  const visible = await findVisibleEvent(ctx, idOrSlug);
  const people = [
    { ...input.head, role: 'head' as const },
    ...input.members.map((m) => ({ ...m, role: 'member' as const })),
  ].map((p) => ({ ...p, fullName: p.fullName.trim(), email: p.email.trim().toLowerCase() }));
  const fields: FieldError[] = [];
  people.forEach((p, i) => {
    const prefix = i === 0 ? 'head' : `member${i}`;
    if (!p.fullName) fields.push({ field: `${prefix}Name`, messageKey: 'validation.required' });
    if (!EMAIL.test(p.email)) fields.push({ field: `${prefix}Email`, messageKey: 'validation.email' });
  });
  const seen = new Set<string>();
  people.forEach((p, i) => {
    if (seen.has(p.email))
      fields.push({ field: i === 0 ? 'headEmail' : `member${i}Email`, messageKey: 'events.errors.duplicateEmail' });
    seen.add(p.email);
  });
  // A hybrid event asks how the delegation attends: said together with the other mistakes, not after them.
  if (visible.format === 'hybrid' && input.attendance !== 'in_person' && input.attendance !== 'virtual')
    fields.push({ field: 'attendance', messageKey: 'validation.choice' });
  if (fields.length) throw invalid(fields);
  return ctx.db.transaction(async (tx) => {
    const e = await lockEvent(tx, visible.id);
    const state = (
      await tx
        .select({ id: organizations.id, type: organizations.type })
        .from(organizations)
        .where(eq(organizations.id, input.stateOrgId))
        .limit(1)
    )[0];
    if (state?.type !== 'member_state') throw invalid([{ field: 'stateOrgId', messageKey: 'validation.choice' }]);
    if (!e.openTo.includes('member_state')) throw new AppError('not_eligible', 403, 'events.errors.notEligible');
    let accepted = await acceptedCount(tx, e.id);
    const w = registrationWindow(e, { accepted }, now);
    if (!w.open) throw closedError(w, input.locale, e.timeZone);
    const attendance = attendanceFor(e, input.attendance);
    const existing = await tx
      .select({ email: eventRegistrations.email })
      .from(eventRegistrations)
      .where(
        and(
          eq(eventRegistrations.eventId, e.id),
          inArray(
            eventRegistrations.email,
            people.map((p) => p.email),
          ),
        ),
      );
    if (existing.length)
      throw invalid(
        people.flatMap((p, i) =>
          existing.some((x) => x.email === p.email)
            ? [
                {
                  field: i === 0 ? 'headEmail' : `member${i}Email`,
                  messageKey: 'events.errors.alreadyRegisteredEmail',
                  values: { email: p.email },
                },
              ]
            : [],
        ),
      );
    const [delegation] = await tx
      .insert(eventDelegations)
      .values({ eventId: e.id, stateOrgId: state.id, createdBy: actor.userId })
      .onConflictDoUpdate({
        target: [eventDelegations.eventId, eventDelegations.stateOrgId],
        set: { createdBy: actor.userId },
      })
      .returning();
    const out: Registration[] = [];
    for (const [i, p] of people.entries()) {
      const status = seatFor(e, accepted);
      if (!status) throw new AppError('event_full', 409, 'events.closed.full');
      if (status === 'accepted') accepted++;
      const account = (
        await tx.select({ id: users.id, locale: users.locale }).from(users).where(eq(users.email, p.email)).limit(1)
      )[0];
      const locale = (account && isLocale(account.locale) ? account.locale : input.locale) as Locale;
      const [r] = await tx
        .insert(eventRegistrations)
        .values({
          eventId: e.id,
          userId: account?.id ?? null,
          fullName: p.fullName,
          email: p.email,
          organizationId: state.id,
          orgType: 'member_state',
          locale,
          status,
          attendance,
          delegationId: delegation.id,
          delegationRole: p.role,
          submittedBy: actor.userId,
          decidedAt: status === 'pending' ? null : now,
          // One transaction gives every row the same now(): a millisecond apart, the delegation keeps the order it was
          // entered in (head first), for its listing and for promotion from the waiting list (oldest first).
          createdAt: new Date(now.getTime() + i),
        })
        .returning();
      await mailRegistration(tx, ctx.config, e, r, status);
      out.push(r);
    }
    await recordAudit(tx, {
      action: 'event.delegation.registered',
      actor,
      targetType: 'event_delegation',
      targetId: delegation.id,
      ip: ctx.ip,
      details: { eventId: e.id, stateOrgId: state.id, people: out.length },
    });
    return out;
  });
}

export async function delegationOf(db: Db, eventId: string, stateOrgIds: string[]) {
  if (!stateOrgIds.length) return [];
  return db
    .select({ r: eventRegistrations, stateOrgId: eventDelegations.stateOrgId })
    .from(eventRegistrations)
    .innerJoin(eventDelegations, eq(eventDelegations.id, eventRegistrations.delegationId))
    .where(and(eq(eventRegistrations.eventId, eventId), inArray(eventDelegations.stateOrgId, stateOrgIds)))
    .orderBy(asc(eventRegistrations.createdAt));
}

// ---------- participant lists and registrations ----------

function participantListReadable(actor: Actor, e: EventRow, manage: boolean, mine: Registration | null): boolean {
  if (manage) return true;
  if (e.participantList === 'public') return true;
  return e.participantList === 'participants' && mine?.status === 'accepted';
}

/** Accepted participants as the event's rules allow; CSO participants only when the event shows them (organizers see all). */
export async function listParticipants(ctx: { db: Db; actor: Actor }, idOrSlug: string) {
  const d = await getEventDetail(ctx, idOrSlug);
  if (!d.participantsVisible) throw new AppError('forbidden', 403, 'events.errors.participantsHidden');
  const rows = await ctx.db
    .select({
      fullName: eventRegistrations.fullName,
      orgType: eventRegistrations.orgType,
      orgNames: organizations.names,
      delegationRole: eventRegistrations.delegationRole,
    })
    .from(eventRegistrations)
    .leftJoin(organizations, eq(organizations.id, eventRegistrations.organizationId))
    .where(and(eq(eventRegistrations.eventId, d.event.id), eq(eventRegistrations.status, 'accepted')))
    .orderBy(asc(sql`coalesce(${organizations.names}->>'en', '')`), asc(eventRegistrations.fullName))
    .limit(5000);
  const showCso = d.manage || d.event.showCsoParticipants;
  const shown = rows.filter((r) => showCso || r.orgType !== 'cso');
  return { detail: d, rows: shown, hiddenCso: rows.length - shown.length };
}

export async function listRegistrations(ctx: { db: Db; actor: Actor }, idOrSlug: string, status?: RegistrationStatus) {
  const e = await findVisibleEvent(ctx, idOrSlug);
  await authorizeManage(ctx, e.id);
  const where = [eq(eventRegistrations.eventId, e.id)];
  if (status) where.push(eq(eventRegistrations.status, status));
  const rows = await ctx.db
    .select({ r: eventRegistrations, orgNames: organizations.names })
    .from(eventRegistrations)
    .leftJoin(organizations, eq(organizations.id, eventRegistrations.organizationId))
    .where(and(...where))
    .orderBy(asc(eventRegistrations.createdAt), asc(eventRegistrations.id))
    .limit(10000);
  return { event: e, rows: rows.map((x) => ({ ...x.r, orgNames: x.orgNames })) };
}

// ---------- e-mail ----------

export type MailKind = 'accepted' | 'pending' | 'waitlisted' | 'declined' | 'cancelled' | 'promoted';

/** The registrant's e-mail in their language; the .ics (with the meeting link) goes with confirmations. */
function registrationMail(
  config: Config,
  e: EventRow,
  r: Pick<Registration, 'locale' | 'fullName' | 'email'>,
  kind: MailKind | RegistrationStatus,
  viewerZone?: string,
): MailMessage {
  const locale = r.locale;
  const title = text(e.title, locale);
  const when = formatRange(locale, e.startsAt, e.endsAt, e.timeZone);
  const url = `${config.baseUrl}/events/${e.slug}`;
  const k =
    kind === 'waitlisted' || kind === 'pending' || kind === 'declined' || kind === 'cancelled' || kind === 'promoted'
      ? kind
      : 'accepted';
  const confirmed = k === 'accepted' || k === 'promoted';
  const paragraphs = [{ key: `events.mail.${k}.body` }, { key: 'events.mail.when' }];
  if (viewerZone && viewerZone !== e.timeZone)
    paragraphs.push({
      key: 'events.mail.whenLocal',
      values: { local: formatRange(locale, e.startsAt, e.endsAt, viewerZone) },
    } as never);
  if (confirmed && e.meetingUrl && e.format !== 'in_person')
    paragraphs.push({ key: 'events.mail.meetingLink', values: { link: e.meetingUrl } } as never);
  if (confirmed) paragraphs.push({ key: 'events.mail.calendar' });
  const mail = renderEmail(locale, r.fullName, {
    subjectKey: `events.mail.${k}.subject`,
    paragraphs,
    action: { labelKey: 'events.mail.view', url },
    values: { title, when },
  });
  const attachments = confirmed
    ? [
        {
          filename: `${e.slug}.ics`,
          contentType: 'text/calendar; charset=utf-8; method=PUBLISH',
          content: eventsIcs([e], {
            name: title,
            locale,
            baseUrl: config.baseUrl,
            meetingUrl: e.format !== 'in_person' ? e.meetingUrl : null,
          }),
        },
      ]
    : [];
  return { to: r.email, locale, kind: `event_${k}`, ...mail, attachments };
}

async function mailRegistration(
  tx: Tx,
  config: Config,
  e: EventRow,
  r: Registration,
  kind: MailKind | RegistrationStatus,
  viewerZone?: string,
) {
  await queueMail(tx, registrationMail(config, e, r, kind, viewerZone), !!config.smtpUrl);
}

/** Stakeholder categories in a sentence, in a language (for errors and pages). */
export const categoriesText = (locale: Locale, types: readonly string[]) =>
  listFormat(locale, { type: 'conjunction' }).format(types.map((t) => translate(locale, `orgType.${t}`)));

/** Exports of registrations carry personal data: each one is audited. */
export async function recordExport(ctx: EventsContext, eventId: string, rows: number) {
  await recordAudit(ctx.db, {
    action: 'event.registrations.exported',
    actor: ctx.actor,
    targetType: 'event',
    targetId: eventId,
    ip: ctx.ip,
    details: { rows },
  });
}
