// Registration: the window and the seats (capacity, waiting list, automatic promotion), registering oneself,
// cancelling, organizers' decisions and check-in, participant lists, the organizers' registration list. Seats are
// counted by the database (migration 0007); cancellations and decisions are serialised per event with
// SELECT … FOR UPDATE on the event row.
import { randomUUID } from 'node:crypto';
import { and, asc, eq, or, sql } from 'drizzle-orm';
import { preparedOnce } from '../../../platform/db/prepared.ts';
import type { Db, Tx } from '../../../platform/db/client.ts';
import { authorize, isUser, type Actor } from '../../../platform/auth/policy.ts';
import { AppError, invalid, notFound, type FieldError } from '../../../platform/http/errors.ts';
import { recordAudit, recordAudits, type AuditEntry } from '../../../platform/audit/audit.service.ts';
import { GroupCommit, type Outcome } from '../../../platform/db/group-commit.ts';
import { queueMail, queueMails, type MailMessage } from '../../../platform/mail/mailer.ts';
import { isLocale, translate, type Locale, dateFormat, listFormat } from '../../../platform/i18n/index.ts';
import { findOrganizations, isUuid, organizationsRef, type OrgType } from '../../directory/index.ts';
import {
  eventRegistrations,
  events,
  type AttendanceMode,
  type Gender,
  type RegistrationStatus,
} from '../events.schema.ts';
import {
  authorizeManage,
  canManageEvent,
  findEventForRegistrant,
  findVisibleEvent,
  type EventRow,
  type EventsContext,
} from '../shared/events.service.ts';
import { mailRegistration, registrationMail } from './registration.mail.ts';
import { nameErrors } from '../../../platform/integrity/index.ts';

export type Registration = typeof eventRegistrations.$inferSelect;

export const ACTIVE: RegistrationStatus[] = ['pending', 'accepted', 'waitlisted'];

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

/** The reader's registration to an event, if any (prepared: every signed-in event page reads it). */
export async function myRegistration(db: Tx, eventId: string, userId: string) {
  const query = preparedOnce(db, 'my_registration', (name) =>
    db
      .select()
      .from(eventRegistrations)
      .where(
        and(
          eq(eventRegistrations.eventId, sql.placeholder('event')),
          eq(eventRegistrations.userId, sql.placeholder('user')),
        ),
      )
      .limit(1)
      .prepare(name),
  );
  return (await query.execute({ event: eventId, user: userId }))[0] ?? null;
}

export type ClosedReason = 'no_registration' | 'draft' | 'cancelled' | 'ended' | 'not_open_yet' | 'closed' | 'full';
export type Window =
  | { open: true; next: 'accepted' | 'pending' | 'waitlisted' }
  | { open: false; reason: ClosedReason; at?: Date };

/** Is registration open now, and what would a new registration become? */
export function registrationWindow(e: EventRow, counts: { accepted: number }, now = new Date()): Window {
  if (e.registrationMode === 'closed') return { open: false, reason: 'no_registration' };
  // A draft is seen by its organizers only: nobody registers before it is published.
  if (e.status === 'draft') return { open: false, reason: 'draft' };
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
export function seatFor(e: EventRow, accepted: number): 'accepted' | 'pending' | 'waitlisted' | null {
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

/**
 * May a person with these organizations register, and under which one? Their first organization whose type the event
 * is open to; none (registering as "other") when they have no organization and the event is open to "other".
 * Otherwise why not: no organization, or their organization's category is not among the event's.
 */
export type Eligibility<O> =
  | { ok: true; org: O | null }
  | { ok: false; reason: 'not_eligible'; org: O }
  | { ok: false; reason: 'no_organization' };
export function eligibilityOf<O extends { type: OrgType }>(orgs: O[], e: Pick<EventRow, 'openTo'>): Eligibility<O> {
  const ok = orgs.find((o) => e.openTo.includes(o.type));
  if (ok) return { ok: true, org: ok };
  if (!orgs.length)
    return e.openTo.includes('other') ? { ok: true, org: null } : { ok: false, reason: 'no_organization' };
  return { ok: false, reason: 'not_eligible', org: orgs[0] };
}

/** The refusal of an ineligible registration (403, with the reason's message). */
export const notEligibleError = (reason: 'not_eligible' | 'no_organization') =>
  new AppError(
    'not_eligible',
    403,
    reason === 'not_eligible' ? 'events.errors.notEligible' : 'events.errors.noOrganization',
  );

function eligibleOrganization<O extends { type: OrgType }>(orgs: O[], e: EventRow): O | null {
  const el = eligibilityOf(orgs, e);
  if (!el.ok) throw notEligibleError(el.reason);
  return el.org;
}

/** The answers to the event's questions; every problem is added to `fields` (all of them, in one pass). */
function checkAnswers(e: EventRow, answers: Record<string, string>, fields: FieldError[]): Record<string, string> {
  const out: Record<string, string> = {};
  const ids = new Set(e.questions.map((q) => q.id));
  for (const k of Object.keys(answers))
    if (!ids.has(k)) fields.push({ field: `q_${k}`, messageKey: 'validation.unknownField' });
  for (const q of e.questions) {
    const v = (answers[q.id] ?? '').trim();
    if (!v) {
      if (q.required)
        fields.push({
          field: `q_${q.id}`,
          messageKey: q.kind === 'text' ? 'events.errors.writeAnswer' : 'events.errors.chooseAnswer',
        });
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
  return out;
}

/** How a registrant attends: the event's format, or their choice at a hybrid event (a field error otherwise). */
export function attendanceFor(e: EventRow, wanted?: string, fields?: FieldError[]): AttendanceMode {
  if (e.format === 'virtual') return 'virtual';
  if (e.format === 'in_person') return 'in_person';
  if (wanted !== 'in_person' && wanted !== 'virtual') {
    const error = { field: 'attendance', messageKey: 'events.errors.attendance' };
    if (!fields) throw invalid([error]);
    fields.push(error);
    return 'virtual';
  }
  return wanted;
}

export const lockEvent = async (tx: Tx, id: string) =>
  (await tx.select().from(events).where(eq(events.id, id)).for('update'))[0];
/** Seats taken now (the trigger's counter; read under the event's lock by the callers that decide with it). */
export const acceptedCount = async (tx: Tx, id: string) =>
  (await tx.select({ n: events.seatsTaken }).from(events).where(eq(events.id, id)))[0].n;

/** SQLSTATE raised by the seats trigger (migration 0007) when a registration would take a seat beyond capacity. */
const EVENT_FULL = 'CT409';
const UNIQUE_VIOLATION = '23505';
const sqlState = (err: unknown): string | undefined => {
  for (let e = err as { code?: unknown; cause?: unknown } | undefined; e; e = e.cause as typeof e)
    if (typeof e.code === 'string') return e.code;
  return undefined;
};

type Wanted = 'accepted' | 'pending' | 'waitlisted';
interface SeatRequest {
  ctx: EventsContext;
  want: Wanted;
  waitlist: boolean;
  values: typeof eventRegistrations.$inferInsert & { id: string; status: Wanted };
  /** The e-mail for the wanted status, rendered before the batch; mailFor renders another (at the last seat). */
  mail: MailMessage;
  mailFor(status: Wanted): MailMessage;
  auditOf(r: Registration): AuditEntry;
}
type SeatOutcome = { kind: 'created'; registration: Registration } | { kind: 'full' } | { kind: 'alone' };

/**
 * Group commit of first registrations to one event (platform/db/group-commit.ts): one transaction locks the event row,
 * gives the free seats in arrival order, inserts the registrations, their e-mails and their audit entries (one
 * statement each) and commits once — instead of one transaction each, queued on the event's row and the audit chain's
 * lock. The seats trigger still refuses a seat beyond capacity. A registration that meets another of the same person
 * (in the batch, or committed meanwhile by another process) is not inserted: it is answered 'alone', and the caller
 * registers it by itself, where the unique indexes answer with the winner's registration.
 */
const seatBatches = new GroupCommit<SeatRequest, SeatOutcome>(async (eventId, items) => {
  const { ctx } = items[0];
  return ctx.db.transaction(async (tx) => {
    const [ev] = await tx
      .select({ taken: events.seatsTaken, capacity: events.capacity })
      .from(events)
      .where(eq(events.id, eventId))
      .for('update');
    let free = ev.capacity === null ? Number.POSITIVE_INFINITY : ev.capacity - ev.taken;
    const seen = new Set<string>();
    const decided = items.map((it) => {
      const keys = [`u:${it.values.userId}`, `e:${it.values.email}`];
      if (it.values.idempotencyKey) keys.push(`k:${it.values.submittedBy}:${it.values.idempotencyKey}`);
      if (keys.some((k) => seen.has(k))) return 'alone' as const;
      for (const k of keys) seen.add(k);
      if (it.want !== 'accepted') return it.want;
      if (free > 0) {
        free--;
        return 'accepted' as const;
      }
      return it.waitlist ? ('waitlisted' as const) : ('full' as const);
    });
    const rows = items.flatMap((it, i) => {
      const status = decided[i];
      if (status === 'alone' || status === 'full') return [];
      return [{ ...it.values, status, decidedAt: status === 'pending' ? null : it.values.decidedAt }];
    });
    const inserted = rows.length
      ? await tx.insert(eventRegistrations).values(rows).onConflictDoNothing().returning()
      : [];
    const byId = new Map(inserted.map((r) => [r.id, r]));
    const mine = items.map((it) => byId.get(it.values.id));
    await queueMails(
      tx,
      items.flatMap((it, i) => {
        const r = mine[i];
        if (!r) return [];
        return [r.status === it.want ? it.mail : it.mailFor(r.status as Wanted)];
      }),
      !!ctx.config.smtpUrl,
    );
    await recordAudits(
      tx,
      items.flatMap((it, i) => (mine[i] ? [it.auditOf(mine[i])] : [])),
    );
    // A row not inserted leaves its seat free: then "full" may be wrong, and those too are decided alone.
    const skipped = inserted.length < rows.length;
    return items.map((_, i): Outcome<SeatOutcome> => {
      const r = mine[i];
      if (r) return { ok: true, value: { kind: 'created', registration: r } };
      if (decided[i] === 'full' && !skipped) return { ok: true, value: { kind: 'full' } };
      return { ok: true, value: { kind: 'alone' } };
    });
  });
});

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
  if (input.idempotencyKey !== undefined && !/^[\w.:-]{8,128}$/.test(input.idempotencyKey))
    throw new AppError('validation_failed', 400, 'events.errors.idempotencyKey');
  // The event, and what registering reads of the registrant, in one statement.
  const found = await findEventForRegistrant({ db: ctx.db, actor }, idOrSlug, input.idempotencyKey);
  const { event: e, contact: u, orgs } = found;
  const email = actor.email.toLowerCase();
  // Again after a unique index refused a concurrent duplicate (below): the registration that won, if it is ours.
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
  const mine = { prior: found.prior ?? undefined, existing: found.mine ?? undefined };
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
  // Every mistake in the form at once: the questions, how one attends, the gender.
  const fields: FieldError[] = [];
  const attendance = attendanceFor(e, input.attendance, fields);
  const answers = checkAnswers(e, input.answers, fields);
  if (input.gender && !(['woman', 'man', 'other', 'undisclosed'] as string[]).includes(input.gender))
    fields.push({ field: 'gender', messageKey: 'validation.choice' });
  // the account's name goes on the participants' list as it is
  fields.push(...nameErrors({ name: u.name }));
  if (fields.length) throw invalid(fields);
  const valuesFor = (status: 'accepted' | 'pending' | 'waitlisted') => ({
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
  });
  const mailFor = (status: 'accepted' | 'pending' | 'waitlisted') =>
    registrationMail(ctx.config, e, valuesFor(status), status, u.timeZoneConfirmed ? u.timeZone : undefined);
  const auditOf = (registration: Registration) => ({
    action: 'event.registration.created',
    actor,
    targetType: 'event_registration',
    targetId: registration.id,
    ip: ctx.ip,
    details: { eventId: e.id, status: registration.status },
  });
  if (!existing) {
    // A first registration goes with the others arriving at the same moment: one transaction, one commit.
    const out = await seatBatches.submit(e.id, {
      ctx,
      want: w.next,
      waitlist: e.waitlist,
      values: { id: randomUUID(), ...valuesFor(w.next) },
      mail: mailFor(w.next),
      mailFor,
      auditOf,
    });
    if (out.ok && out.value.kind === 'created') return { registration: out.value.registration, created: true };
    if (out.ok && out.value.kind === 'full') throw closedError({ open: false, reason: 'full' }, locale, e.timeZone);
    // Otherwise (met a concurrent registration of the same person, or the batch failed): alone, as below, where a
    // unique index answers with the winner's registration.
  }
  const id = existing?.id ?? randomUUID();
  const attempt = async (status: 'accepted' | 'pending' | 'waitlisted') => {
    const values = valuesFor(status);
    const mail = mailFor(status);
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
      await recordAudit(tx, auditOf(registration));
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

/**
 * Fills free seats from the waiting list, oldest first (automatic approval only; moderated events wait for a decision).
 */
export async function promoteFromWaitlist(tx: Tx, ctx: EventsContext, e: EventRow, now: Date) {
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

// ---------- participant lists and registrations ----------

export function participantListReadable(
  actor: Actor,
  e: EventRow,
  manage: boolean,
  mine: Registration | null,
): boolean {
  if (manage) return true;
  if (e.participantList === 'public') return true;
  return e.participantList === 'participants' && mine?.status === 'accepted';
}

/**
 * Accepted participants as the event's rules allow; CSO
 * participants only when the event shows them (organizers see all).
 */
export async function listParticipants(ctx: { db: Db; actor: Actor }, idOrSlug: string) {
  const e = await findVisibleEvent(ctx, idOrSlug);
  const [manage, mine] = await Promise.all([
    canManageEvent(ctx.db, ctx.actor, e.id),
    isUser(ctx.actor) ? myRegistration(ctx.db, e.id, ctx.actor.userId) : null,
  ]);
  if (!participantListReadable(ctx.actor, e, manage, mine))
    throw new AppError('forbidden', 403, 'events.errors.participantsHidden');
  const org = organizationsRef();
  const rows = await ctx.db
    .select({
      fullName: eventRegistrations.fullName,
      orgType: eventRegistrations.orgType,
      orgNames: org.names,
      delegationRole: eventRegistrations.delegationRole,
    })
    .from(eventRegistrations)
    .leftJoin(org, eq(org.id, eventRegistrations.organizationId))
    .where(and(eq(eventRegistrations.eventId, e.id), eq(eventRegistrations.status, 'accepted')))
    .orderBy(asc(sql`coalesce(${org.names}->>'en', '')`), asc(eventRegistrations.fullName))
    .limit(5000);
  const showCso = manage || e.showCsoParticipants;
  const shown = rows.filter((r) => showCso || r.orgType !== 'cso');
  return { event: e, rows: shown, hiddenCso: rows.length - shown.length };
}

export async function listRegistrations(
  ctx: { db: Db; actor: Actor },
  idOrSlug: string,
  status?: RegistrationStatus,
  paging: { page: number; pageSize: number } = { page: 1, pageSize: 10000 },
) {
  const e = await findVisibleEvent(ctx, idOrSlug);
  await authorizeManage(ctx, e.id);
  const where = [eq(eventRegistrations.eventId, e.id)];
  if (status) where.push(eq(eventRegistrations.status, status));
  const org = organizationsRef();
  const rows = await ctx.db
    .select({ r: eventRegistrations, orgNames: org.names, total: sql<number>`count(*) over()`.mapWith(Number) })
    .from(eventRegistrations)
    .leftJoin(org, eq(org.id, eventRegistrations.organizationId))
    .where(and(...where))
    .orderBy(asc(eventRegistrations.createdAt), asc(eventRegistrations.id))
    .limit(paging.pageSize)
    .offset((paging.page - 1) * paging.pageSize);
  const total = rows.length
    ? rows[0].total
    : paging.page === 1
      ? 0
      : (
          await ctx.db
            .select({ n: sql<number>`count(*)::int` })
            .from(eventRegistrations)
            .where(and(...where))
        )[0].n;
  return { event: e, total, rows: rows.map((x) => ({ ...x.r, orgNames: x.orgNames })) };
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

/** May the actor register for the event (signed out: not asked yet, null)? With the reason when not. */
export async function eligibilityFor(db: Tx, actor: Actor, e: Pick<EventRow, 'openTo'>) {
  if (!isUser(actor)) return null;
  return eligibilityOf(await findOrganizations(db, actor.orgIds), e);
}

/**
 * The registration side of an event page or form: the event, its counts, the actor's registration, the window now,
 * and whether the actor may register (said before any form).
 */
export async function registrationState(ctx: { db: Db; actor: Actor }, idOrSlug: string, now = new Date()) {
  const e = await findVisibleEvent(ctx, idOrSlug);
  const [counts, mine, eligibility] = await Promise.all([
    registrationCounts(ctx.db, e.id),
    isUser(ctx.actor) ? myRegistration(ctx.db, e.id, ctx.actor.userId) : null,
    eligibilityFor(ctx.db, ctx.actor, e),
  ]);
  return { event: e, counts, mine, eligibility, window: registrationWindow(e, counts, now) };
}
export type RegistrationState = Awaited<ReturnType<typeof registrationState>>;
