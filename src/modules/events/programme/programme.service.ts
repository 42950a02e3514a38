// The programme of an event: sessions with their speakers (timed slots), their order, and the published versions of the
// programme with the changes from one to the next.
import { zonedTime } from '../../../platform/i18n/time.ts';
import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../../platform/db/client.ts';
import { AppError, invalid, notFound, type FieldError } from '../../../platform/http/errors.ts';
import { recordAudit } from '../../../platform/audit/audit.service.ts';
import { dateFormat } from '../../../platform/i18n/index.ts';
import { isUuid } from '../../directory/index.ts';
import { frameworkRecords } from '../../framework/index.ts';
import {
  SESSION_KINDS,
  eventScheduleVersions,
  eventSessions,
  eventSlots,
  events,
  type ScheduleChange,
  type SessionKind,
  type SessionSnapshot,
} from '../events.schema.ts';
import { managedEvent, type EventRow, type EventsContext } from '../shared/events.service.ts';
import { choice, instant, one, type FormValues } from '../shared/forms.ts';
import { localDay } from '../shared/time.ts';
import { textIn as text } from '../../../platform/i18n/text.ts';
import { textFromForm, textFormValues } from '../../../platform/i18n/text.ts';
import { reindexSearch } from '../../search/index.ts';

/** The sessions of an event in order, each with its speakers' slots. */
export async function programmeOf(db: Db, eventId: string) {
  const sessions = await db
    .select()
    .from(eventSessions)
    .where(eq(eventSessions.eventId, eventId))
    .orderBy(asc(eventSessions.sort), asc(eventSessions.startsAt));
  const slots = sessions.length
    ? await db
        .select()
        .from(eventSlots)
        .where(
          inArray(
            eventSlots.sessionId,
            sessions.map((s) => s.id),
          ),
        )
        .orderBy(asc(eventSlots.sort))
    : [];
  return sessions.map((s) => ({ ...s, slots: slots.filter((x) => x.sessionId === s.id) }));
}
export type ProgrammeSession = Awaited<ReturnType<typeof programmeOf>>[number];

// ---------- sessions ----------

export interface ParsedSession {
  row: Omit<typeof eventSessions.$inferInsert, 'id' | 'eventId' | 'sort'>;
  slots: Omit<typeof eventSlots.$inferInsert, 'id' | 'sessionId'>[];
}
const SLOT_ROLES = ['keynote', 'speaker', 'statement', 'remarks'] as const;

/** Speakers, one per line: "name | affiliation | role | minutes | HH:MM". */
export function parseSpeakers(src: string, day: string | null, tz: string, fields: FieldError[]) {
  const out: ParsedSession['slots'] = [];
  for (const [i, line] of src.split(/\r?\n/).entries()) {
    if (!line.trim()) continue;
    const [name = '', affiliation = '', role = 'speaker', minutes = '', time = ''] = line
      .split('|')
      .map((x) => x.trim());
    const bad = () =>
      fields.push({ field: 'speakers', messageKey: 'events.errors.speakerLine', values: { line: i + 1 } });
    if (
      !name ||
      name.length > 200 ||
      affiliation.length > 300 ||
      !(SLOT_ROLES as readonly string[]).includes(role || 'speaker')
    ) {
      bad();
      continue;
    }
    if (minutes && (!/^\d{1,3}$/.test(minutes) || +minutes < 1 || +minutes > 600)) {
      bad();
      continue;
    }
    if (time && (!/^\d{2}:\d{2}$/.test(time) || !day)) {
      bad();
      continue;
    }
    out.push({
      speakerName: name,
      affiliation: affiliation || null,
      role: (role || 'speaker') as (typeof SLOT_ROLES)[number],
      minutes: minutes ? +minutes : null,
      startsAt: time && day ? zonedTime(`${day}T${time}`, tz) : null,
      sort: out.length,
    });
  }
  if (out.length > 100) fields.push({ field: 'speakers', messageKey: 'validation.maxItems', values: { limit: 100 } });
  return out;
}

export function parseSession(e: EventRow, v: FormValues): ParsedSession {
  const fields: FieldError[] = [];
  const kind = choice(one(v.kind), SESSION_KINDS, 'kind', fields);
  const title = textFromForm(v, 'title', fields, { maxLength: 300, required: true });
  const startsAt = instant(v, 'startsAt', e.timeZone, fields, false);
  const endsAt = instant(v, 'endsAt', e.timeZone, fields, false);
  if (endsAt && !startsAt) fields.push({ field: 'startsAt', messageKey: 'validation.required' });
  if (startsAt && endsAt && endsAt <= startsAt)
    fields.push({ field: 'endsAt', messageKey: 'events.errors.endBeforeStart' });
  const dayStart = e.allDay ? e.startsAt.getTime() - 14 * 3600_000 : e.startsAt.getTime();
  const dayEnd = e.allDay ? e.endsAt.getTime() + 14 * 3600_000 : e.endsAt.getTime();
  if (startsAt && (startsAt.getTime() < dayStart || startsAt.getTime() > dayEnd))
    fields.push({ field: 'startsAt', messageKey: 'events.errors.outsideEvent' });
  if (endsAt && endsAt.getTime() > dayEnd) fields.push({ field: 'endsAt', messageKey: 'events.errors.outsideEvent' });
  const pillar = one(v.pillar);
  if (pillar && !frameworkRecords().some((f) => f.kind === 'pillar' && f.code === pillar))
    fields.push({ field: 'pillar', messageKey: 'validation.choice' });
  const chairRole = one(v.chairRole);
  if (chairRole && chairRole !== 'chair' && chairRole !== 'moderator')
    fields.push({ field: 'chairRole', messageKey: 'validation.choice' });
  const chairName = one(v.chairName);
  const room = one(v.room);
  if (chairName.length > 200)
    fields.push({ field: 'chairName', messageKey: 'validation.maxLength', values: { limit: 200 } });
  if (room.length > 200) fields.push({ field: 'room', messageKey: 'validation.maxLength', values: { limit: 200 } });
  const minutes = Number(one(v.statementMinutes) || '5');
  if (!Number.isInteger(minutes) || minutes < 1 || minutes > 60)
    fields.push({ field: 'statementMinutes', messageKey: 'validation.range', values: { min: 1, max: 60 } });
  const slots = parseSpeakers(one(v.speakers), startsAt ? localDay(startsAt, e.timeZone) : null, e.timeZone, fields);
  if (fields.length) throw invalid(fields);
  return {
    row: {
      kind,
      title,
      startsAt,
      endsAt,
      pillar: pillar || null,
      chairName: chairName || null,
      chairRole: (chairRole || null) as 'chair' | 'moderator' | null,
      room: room || null,
      statementMinutes: minutes,
    },
    slots,
  };
}

export async function sessionOf(ctx: EventsContext, e: EventRow, sessionId: string) {
  if (!isUuid(sessionId)) throw notFound();
  const s = (
    await ctx.db
      .select()
      .from(eventSessions)
      .where(and(eq(eventSessions.id, sessionId), eq(eventSessions.eventId, e.id)))
      .limit(1)
  )[0];
  if (!s) throw notFound();
  return s;
}

export async function sessionFormValues(ctx: EventsContext, e: EventRow, sessionId: string): Promise<FormValues> {
  const s = await sessionOf(ctx, e, sessionId);
  const slots = await ctx.db
    .select()
    .from(eventSlots)
    .where(eq(eventSlots.sessionId, s.id))
    .orderBy(asc(eventSlots.sort));
  const local = (d: Date | null) =>
    d
      ? dateFormat('sv-SE', {
          timeZone: e.timeZone,
          year: 'numeric',
          month: '2-digit',
          day: '2-digit',
          hour: '2-digit',
          minute: '2-digit',
          hourCycle: 'h23',
        })
          .format(d)
          .replace(' ', 'T')
      : '';
  return {
    kind: s.kind,
    ...textFormValues('title', s.title),
    startsAt: local(s.startsAt),
    endsAt: local(s.endsAt),
    pillar: s.pillar ?? '',
    chairName: s.chairName ?? '',
    chairRole: s.chairRole ?? '',
    room: s.room ?? '',
    statementMinutes: String(s.statementMinutes),
    speakers: slots
      .map((x) =>
        [x.speakerName, x.affiliation ?? '', x.role, x.minutes ?? '', x.startsAt ? local(x.startsAt).slice(11) : '']
          .join(' | ')
          .replace(/( \| )+$/, ''),
      )
      .join('\n'),
  };
}

/** Adds (sessionId null) or replaces a session and its speakers. */
export async function saveSession(ctx: EventsContext, idOrSlug: string, sessionId: string | null, v: FormValues) {
  const e = await managedEvent(ctx, idOrSlug);
  const existing = sessionId ? await sessionOf(ctx, e, sessionId) : null;
  const p = parseSession(e, v);
  return ctx.db.transaction(async (tx) => {
    let id = existing?.id;
    if (existing) await tx.update(eventSessions).set(p.row).where(eq(eventSessions.id, existing.id));
    else {
      const last = await tx
        .select({ sort: eventSessions.sort })
        .from(eventSessions)
        .where(eq(eventSessions.eventId, e.id))
        .orderBy(desc(eventSessions.sort))
        .limit(1);
      id = (
        await tx
          .insert(eventSessions)
          .values({ ...p.row, eventId: e.id, sort: (last[0]?.sort ?? -1) + 1 })
          .returning({ id: eventSessions.id })
      )[0].id;
    }
    await tx.delete(eventSlots).where(eq(eventSlots.sessionId, id!));
    if (p.slots.length) await tx.insert(eventSlots).values(p.slots.map((x) => ({ ...x, sessionId: id! })));
    await tx.update(events).set({ updatedAt: new Date() }).where(eq(events.id, e.id));
    await recordAudit(tx, {
      action: existing ? 'event.session.updated' : 'event.session.created',
      actor: ctx.actor,
      targetType: 'event_session',
      targetId: id!,
      ip: ctx.ip,
      details: { eventId: e.id, speakers: p.slots.length },
    });
    await reindexSearch(tx, 'session', [id!]);
    return id!;
  });
}

export async function deleteSession(ctx: EventsContext, idOrSlug: string, sessionId: string) {
  const e = await managedEvent(ctx, idOrSlug);
  const s = await sessionOf(ctx, e, sessionId);
  await ctx.db.transaction(async (tx) => {
    await tx.delete(eventSessions).where(eq(eventSessions.id, s.id));
    await recordAudit(tx, {
      action: 'event.session.deleted',
      actor: ctx.actor,
      targetType: 'event_session',
      targetId: s.id,
      ip: ctx.ip,
      details: { eventId: e.id, title: text(s.title, 'en') },
    });
  });
}

/** Moves a session one place up or down in the programme. */
export async function moveSession(ctx: EventsContext, idOrSlug: string, sessionId: string, direction: 'up' | 'down') {
  const e = await managedEvent(ctx, idOrSlug);
  await sessionOf(ctx, e, sessionId);
  await ctx.db.transaction(async (tx) => {
    const list = await tx
      .select({ id: eventSessions.id })
      .from(eventSessions)
      .where(eq(eventSessions.eventId, e.id))
      .orderBy(asc(eventSessions.sort), asc(eventSessions.startsAt))
      .for('update');
    const i = list.findIndex((s) => s.id === sessionId);
    const j = direction === 'up' ? i - 1 : i + 1;
    if (j < 0 || j >= list.length) return;
    [list[i], list[j]] = [list[j], list[i]];
    for (const [sort, s] of list.entries())
      await tx.update(eventSessions).set({ sort }).where(eq(eventSessions.id, s.id));
  });
}

// ---------- programme versions ----------

async function snapshot(ctx: EventsContext, eventId: string): Promise<SessionSnapshot[]> {
  const sessions = await ctx.db
    .select()
    .from(eventSessions)
    .where(eq(eventSessions.eventId, eventId))
    .orderBy(asc(eventSessions.sort), asc(eventSessions.startsAt));
  const slots = sessions.length
    ? await ctx.db
        .select()
        .from(eventSlots)
        .where(
          inArray(
            eventSlots.sessionId,
            sessions.map((s) => s.id),
          ),
        )
        .orderBy(asc(eventSlots.sort))
    : [];
  return sessions.map((s) => ({
    id: s.id,
    kind: s.kind as SessionKind,
    title: text(s.title, 'en'),
    startsAt: s.startsAt?.toISOString() ?? null,
    endsAt: s.endsAt?.toISOString() ?? null,
    room: s.room,
    chairName: s.chairName,
    speakers: slots.filter((x) => x.sessionId === s.id).map((x) => x.speakerName),
  }));
}

/** The changes from one programme to the next: sessions added, removed, and changed (with the fields that changed). */
export function diffProgramme(prev: SessionSnapshot[], next: SessionSnapshot[]): ScheduleChange[] {
  const out: ScheduleChange[] = [];
  const before = new Map(prev.map((s) => [s.id, s]));
  for (const s of next) {
    const p = before.get(s.id);
    if (!p) {
      out.push({ change: 'added', title: s.title, fields: [] });
      continue;
    }
    const fields = (['kind', 'title', 'startsAt', 'endsAt', 'room', 'chairName', 'speakers'] as const).filter(
      (k) => JSON.stringify(p[k]) !== JSON.stringify(s[k]),
    );
    if (fields.length) out.push({ change: 'changed', title: s.title, fields });
  }
  for (const p of prev)
    if (!next.some((s) => s.id === p.id)) out.push({ change: 'removed', title: p.title, fields: [] });
  return out;
}

/**
 * Publishes the programme as the next numbered version, with
 * its changelog. Nothing changed since the last version: 409.
 */
export async function publishProgramme(ctx: EventsContext, idOrSlug: string, note: string) {
  const e = await managedEvent(ctx, idOrSlug);
  if (note.length > 1000)
    throw invalid([{ field: 'note', messageKey: 'validation.maxLength', values: { limit: 1000 } }]);
  return ctx.db.transaction(async (tx) => {
    await tx.select({ id: events.id }).from(events).where(eq(events.id, e.id)).for('update');
    const prev = (
      await tx
        .select()
        .from(eventScheduleVersions)
        .where(eq(eventScheduleVersions.eventId, e.id))
        .orderBy(desc(eventScheduleVersions.number))
        .limit(1)
    )[0];
    const sessions = await snapshot({ ...ctx, db: tx as never }, e.id);
    if (!sessions.length) throw new AppError('conflict', 409, 'events.errors.emptyProgramme');
    const changes = diffProgramme(prev?.sessions ?? [], sessions);
    if (prev && !changes.length) throw new AppError('conflict', 409, 'events.errors.noProgrammeChanges');
    const [v] = await tx
      .insert(eventScheduleVersions)
      .values({
        eventId: e.id,
        number: (prev?.number ?? 0) + 1,
        sessions,
        changes,
        note: note.trim() || null,
        publishedBy: ctx.actor.kind === 'user' ? ctx.actor.userId : null,
      })
      .returning();
    await recordAudit(tx, {
      action: 'event.programme.published',
      actor: ctx.actor,
      targetType: 'event',
      targetId: e.id,
      ip: ctx.ip,
      details: { version: v.number, changes: changes.length },
    });
    return v;
  });
}

export const programmeVersions = (ctx: { db: EventsContext['db'] }, eventId: string, limit = 50) =>
  ctx.db
    .select()
    .from(eventScheduleVersions)
    .where(eq(eventScheduleVersions.eventId, eventId))
    .orderBy(desc(eventScheduleVersions.number))
    .limit(limit);

/** The programme as an iCalendar entry: one session of an event the actor may see (its own times, or the event's). */
export async function sessionCalendarItem(ctx: EventsContext, e: EventRow, sessionId: string) {
  const s = await sessionOf(ctx, e, sessionId);
  return {
    session: s,
    item: {
      id: s.id,
      slug: e.slug,
      title: s.title,
      summary: e.title,
      venue: [e.venue, s.room].filter(Boolean).join(', ') || null,
      timeZone: e.timeZone,
      allDay: !s.startsAt && e.allDay,
      startsAt: s.startsAt ?? e.startsAt,
      endsAt: s.endsAt ?? (s.startsAt ? new Date(s.startsAt.getTime() + 3600_000) : e.endsAt),
      status: e.status,
      updatedAt: e.updatedAt,
      sequence: e.sequence,
    },
  };
}
