// The speakers' list of a session: delegations request the floor; the secretariat adds, orders, calls the next speaker
// and marks statements delivered; each statement is timed (the
// session's minutes from the moment the speaker is called).
// Each change counts on the session's floor_seq in its own transaction and is announced there on the change channel
// (topic 'floor': session id and number), so the room views' streams in every app process hear of it once it commits
// (docs/architecture.md, "Change channel").
import { and, asc, eq, inArray, ne, sql } from 'drizzle-orm';
import { authorize, isUser, type Actor } from '../../../platform/auth/policy.ts';
import { AppError, invalid, notFound } from '../../../platform/http/errors.ts';
import { recordAudit } from '../../../platform/audit/audit.service.ts';
import type { Db, Tx } from '../../../platform/db/client.ts';
import { announce } from '../../../platform/changes/changes.ts';
import {
  findOrganizations,
  isUuid,
  organizationsRef,
  type LocalizedText,
  findVisibleOrganization,
} from '../../directory/index.ts';
import { eventRegistrations, eventSessions, eventSpeakers, type FloorStatus } from '../events.schema.ts';
import { canManageEvent, findVisibleEvent, type EventRow, type EventsContext } from '../shared/events.service.ts';
import { assertCleanNames } from '../../../platform/integrity/index.ts';

export type FloorContext = EventsContext;

/** The change-channel topic of the speakers' lists: { t, s: session id, q: the list's change number }. */
export const FLOOR_TOPIC = 'floor';

/**
 * Counts a change of the session's list and announces it, in the change's transaction: first, so it also locks the
 * session's row before any speaker's (one order for every change: no deadlock), and the announcement is heard only
 * if the change commits.
 */
async function countChange(tx: Tx, sessionId: string): Promise<number> {
  const [r] = await tx
    .update(eventSessions)
    .set({ floorSeq: sql`${eventSessions.floorSeq} + 1` })
    .where(eq(eventSessions.id, sessionId))
    .returning({ seq: eventSessions.floorSeq });
  if (!r) throw notFound();
  await announce(tx, { t: FLOOR_TOPIC, s: sessionId, q: r.seq });
  return r.seq;
}

/** The change number of a session's list (0 before its first change). */
export async function floorSeq(db: Db, sessionId: string): Promise<number> {
  const [r] = await db
    .select({ seq: eventSessions.floorSeq })
    .from(eventSessions)
    .where(eq(eventSessions.id, sessionId))
    .limit(1);
  return r ? Number(r.seq) : 0;
}

export interface FloorRow {
  id: string;
  organizationId: string;
  orgNames: LocalizedText;
  speakerName: string | null;
  status: FloorStatus;
  position: number;
  startedAt: Date | null;
  allowedMinutes: number | null;
  endedAt: Date | null;
  requestedBy: string | null;
}

async function sessionIn(db: Db, e: EventRow, sessionId: string) {
  if (!isUuid(sessionId)) throw notFound();
  const s = (
    await db
      .select()
      .from(eventSessions)
      .where(and(eq(eventSessions.id, sessionId), eq(eventSessions.eventId, e.id)))
      .limit(1)
  )[0];
  if (!s) throw notFound();
  return s;
}

/**
 * The delegations the actor may ask the floor for: their Member States
 * (as focal point), and the organization of their accepted registration.
 */
export async function delegationsOf(
  db: Db,
  actor: Actor,
  eventId: string,
): Promise<{ id: string; names: LocalizedText }[]> {
  if (!isUser(actor)) return [];
  const ids = new Set<string>();
  if (actor.focalOrgIds.length) {
    const states = (await findOrganizations(db, actor.focalOrgIds)).filter((o) => o.type === 'member_state');
    for (const s of states) ids.add(s.id);
  }
  const reg = await db
    .select({ org: eventRegistrations.organizationId })
    .from(eventRegistrations)
    .where(
      and(
        eq(eventRegistrations.eventId, eventId),
        eq(eventRegistrations.userId, actor.userId),
        eq(eventRegistrations.status, 'accepted'),
      ),
    );
  for (const r of reg) if (r.org) ids.add(r.org);
  if (!ids.size) return [];
  return (await findOrganizations(db, [...ids])).map((o) => ({ id: o.id, names: o.names }));
}

/** The list as anyone who may see the event sees it. */
export async function floorState(ctx: FloorContext, idOrSlug: string, sessionId: string) {
  const e = await findVisibleEvent(ctx, idOrSlug);
  const session = await sessionIn(ctx.db, e, sessionId);
  const org = organizationsRef();
  const rows = await ctx.db
    .select({
      id: eventSpeakers.id,
      organizationId: eventSpeakers.organizationId,
      orgNames: org.names,
      speakerName: eventSpeakers.speakerName,
      status: eventSpeakers.status,
      position: eventSpeakers.position,
      startedAt: eventSpeakers.startedAt,
      allowedMinutes: eventSpeakers.allowedMinutes,
      endedAt: eventSpeakers.endedAt,
      requestedBy: eventSpeakers.requestedBy,
    })
    .from(eventSpeakers)
    .innerJoin(org, eq(org.id, eventSpeakers.organizationId))
    // Withdrawn requests are shown nowhere: left out here, so the read stays the size of what is shown.
    .where(and(eq(eventSpeakers.sessionId, session.id), ne(eventSpeakers.status, 'withdrawn')))
    .orderBy(asc(eventSpeakers.position), asc(eventSpeakers.createdAt));
  const [manage, delegations] = await Promise.all([
    canManageEvent(ctx.db, ctx.actor, e.id),
    delegationsOf(ctx.db, ctx.actor, e.id),
  ]);
  return {
    event: e,
    session,
    rows: rows as FloorRow[],
    manage,
    delegations,
    current: rows.find((r) => r.status === 'speaking') as FloorRow | undefined,
  };
}
export type FloorState = Awaited<ReturnType<typeof floorState>>;

async function managed(ctx: FloorContext, idOrSlug: string, sessionId: string) {
  const e = await findVisibleEvent(ctx, idOrSlug);
  const s = await sessionIn(ctx.db, e, sessionId);
  if (!(await canManageEvent(ctx.db, ctx.actor, e.id))) {
    authorize(ctx.actor, 'event.manage', { organizerOrgIds: [] });
  }
  return { e, s };
}

const nextPosition = async (tx: Db, sessionId: string) =>
  (
    await tx
      .select({ p: sql<number>`coalesce(max(${eventSpeakers.position}), 0)::int` })
      .from(eventSpeakers)
      .where(eq(eventSpeakers.sessionId, sessionId))
  )[0].p + 1;

async function insertSpeaker(ctx: FloorContext, sessionId: string, orgId: string, speakerName: string, action: string) {
  const actor = ctx.actor;
  const id = await ctx.db.transaction(async (tx) => {
    await countChange(tx, sessionId);
    const listed = await tx
      .select({ id: eventSpeakers.id })
      .from(eventSpeakers)
      .where(
        and(
          eq(eventSpeakers.sessionId, sessionId),
          eq(eventSpeakers.organizationId, orgId),
          inArray(eventSpeakers.status, ['waiting', 'speaking']),
        ),
      )
      .limit(1);
    if (listed.length) throw new AppError('conflict', 409, 'events.floor.alreadyListed');
    const [r] = await tx
      .insert(eventSpeakers)
      .values({
        sessionId,
        organizationId: orgId,
        speakerName: speakerName || null,
        position: await nextPosition(tx as never, sessionId),
        requestedBy: isUser(actor) ? actor.userId : null,
      })
      .returning({ id: eventSpeakers.id });
    await recordAudit(tx, {
      action,
      actor,
      targetType: 'event_speaker',
      targetId: r.id,
      ip: ctx.ip,
      details: { sessionId, organizationId: orgId },
    });
    return r.id;
  });
  return id;
}

function checkName(name: string) {
  if (name.length > 200)
    throw invalid([{ field: 'speakerName', messageKey: 'validation.maxLength', values: { limit: 200 } }]);
  // the name goes on the public speakers' list without review
  assertCleanNames({ speakerName: name });
  return name.trim();
}

/**
 * A delegation asks for the floor: a Member State's focal point for
 * their State, or an accepted participant for their organization.
 */
export async function requestFloor(
  ctx: FloorContext,
  idOrSlug: string,
  sessionId: string,
  orgId: string,
  speakerName: string,
) {
  authorize(ctx.actor, 'event.floor.request');
  const e = await findVisibleEvent(ctx, idOrSlug);
  const s = await sessionIn(ctx.db, e, sessionId);
  const name = checkName(speakerName);
  if (s.kind !== 'interactive_segment') throw new AppError('conflict', 409, 'events.floor.notInteractive');
  const mine = await delegationsOf(ctx.db, ctx.actor, e.id);
  if (!mine.length) throw new AppError('forbidden', 403, 'events.floor.noDelegation');
  if (!mine.some((d) => d.id === orgId)) throw invalid([{ field: 'organizationId', messageKey: 'validation.choice' }]);
  return insertSpeaker(ctx, s.id, orgId, name, 'event.floor.requested');
}

/** The secretariat puts a delegation on the list. */
export async function addSpeaker(
  ctx: FloorContext,
  idOrSlug: string,
  sessionId: string,
  orgId: string,
  speakerName: string,
) {
  const { s } = await managed(ctx, idOrSlug, sessionId);
  const name = checkName(speakerName);
  if (!(await findVisibleOrganization(ctx.db, ctx.actor, orgId)))
    throw invalid([{ field: 'organizationId', messageKey: 'validation.choice' }]);
  return insertSpeaker(ctx, s.id, orgId, name, 'event.floor.added');
}

/** Moves a waiting speaker one place up or down among those waiting. */
export async function moveSpeaker(
  ctx: FloorContext,
  idOrSlug: string,
  sessionId: string,
  speakerId: string,
  direction: 'up' | 'down',
) {
  const { s } = await managed(ctx, idOrSlug, sessionId);
  await ctx.db.transaction(async (tx) => {
    await countChange(tx, s.id);
    const waiting = await tx
      .select({ id: eventSpeakers.id, position: eventSpeakers.position })
      .from(eventSpeakers)
      .where(and(eq(eventSpeakers.sessionId, s.id), eq(eventSpeakers.status, 'waiting')))
      .orderBy(asc(eventSpeakers.position))
      .for('update');
    const i = waiting.findIndex((w) => w.id === speakerId);
    if (i < 0) throw notFound();
    const j = direction === 'up' ? i - 1 : i + 1;
    if (j < 0 || j >= waiting.length) return;
    await tx.update(eventSpeakers).set({ position: waiting[j].position }).where(eq(eventSpeakers.id, waiting[i].id));
    await tx.update(eventSpeakers).set({ position: waiting[i].position }).where(eq(eventSpeakers.id, waiting[j].id));
    await recordAudit(tx, {
      action: 'event.floor.moved',
      actor: ctx.actor,
      targetType: 'event_speaker',
      targetId: speakerId,
      ip: ctx.ip,
      details: { direction },
    });
  });
}

/** Ends the current statement and gives the floor to the first waiting delegation, timed from now. */
export async function callNext(ctx: FloorContext, idOrSlug: string, sessionId: string, now = new Date()) {
  const { s } = await managed(ctx, idOrSlug, sessionId);
  const called = await ctx.db.transaction(async (tx) => {
    await countChange(tx, s.id);
    const [session] = await tx.select().from(eventSessions).where(eq(eventSessions.id, s.id));
    const rows = await tx
      .select()
      .from(eventSpeakers)
      .where(and(eq(eventSpeakers.sessionId, s.id), inArray(eventSpeakers.status, ['waiting', 'speaking'])))
      .orderBy(asc(eventSpeakers.position));
    const current = rows.find((r) => r.status === 'speaking');
    const next = rows.find((r) => r.status === 'waiting');
    if (!current && !next) throw new AppError('conflict', 409, 'events.floor.empty');
    if (current)
      await tx.update(eventSpeakers).set({ status: 'spoken', endedAt: now }).where(eq(eventSpeakers.id, current.id));
    if (next)
      await tx
        .update(eventSpeakers)
        .set({ status: 'speaking', startedAt: now, allowedMinutes: session.statementMinutes })
        .where(eq(eventSpeakers.id, next.id));
    await recordAudit(tx, {
      action: 'event.floor.called',
      actor: ctx.actor,
      targetType: 'event_speaker',
      targetId: next?.id ?? current!.id,
      ip: ctx.ip,
      details: { sessionId: s.id, ended: current?.id ?? null },
    });
    return next?.id ?? null;
  });
  return called;
}

/** Marks a speaker as having spoken, or withdraws them from the list. A delegation may withdraw its own request. */
export async function setSpeakerStatus(
  ctx: FloorContext,
  idOrSlug: string,
  sessionId: string,
  speakerId: string,
  to: 'spoken' | 'withdrawn',
  now = new Date(),
) {
  const e = await findVisibleEvent(ctx, idOrSlug);
  const s = await sessionIn(ctx.db, e, sessionId);
  if (!isUuid(speakerId)) throw notFound();
  const row = (
    await ctx.db
      .select()
      .from(eventSpeakers)
      .where(and(eq(eventSpeakers.id, speakerId), eq(eventSpeakers.sessionId, s.id)))
      .limit(1)
  )[0];
  if (!row) throw notFound();
  const manage = await canManageEvent(ctx.db, ctx.actor, e.id);
  const own =
    isUser(ctx.actor) && row.requestedBy === ctx.actor.userId && to === 'withdrawn' && row.status === 'waiting';
  if (!manage && !own) authorize(ctx.actor, 'event.manage', { organizerOrgIds: [] });
  if (row.status === 'spoken' || row.status === 'withdrawn')
    throw new AppError('conflict', 409, 'events.floor.alreadyDone');
  await ctx.db.transaction(async (tx) => {
    await countChange(tx, s.id);
    await tx
      .update(eventSpeakers)
      .set({ status: to, endedAt: now, ...(to === 'spoken' && !row.startedAt ? { startedAt: now } : {}) })
      .where(eq(eventSpeakers.id, row.id));
    await recordAudit(tx, {
      action: `event.floor.${to}`,
      actor: ctx.actor,
      targetType: 'event_speaker',
      targetId: row.id,
      ip: ctx.ip,
      details: { sessionId: s.id },
    });
  });
}

/** The speaking time per statement for the session (the next speaker called gets it). */
export async function setStatementMinutes(ctx: FloorContext, idOrSlug: string, sessionId: string, minutes: number) {
  const { s } = await managed(ctx, idOrSlug, sessionId);
  if (!Number.isInteger(minutes) || minutes < 1 || minutes > 60)
    throw invalid([{ field: 'minutes', messageKey: 'validation.range', values: { min: 1, max: 60 } }]);
  await ctx.db.transaction(async (tx) => {
    await countChange(tx, s.id);
    await tx.update(eventSessions).set({ statementMinutes: minutes }).where(eq(eventSessions.id, s.id));
    await recordAudit(tx, {
      action: 'event.floor.minutes',
      actor: ctx.actor,
      targetType: 'event_session',
      targetId: s.id,
      ip: ctx.ip,
      details: { minutes },
    });
  });
}

/** Where a statement's allowed time ends. */
