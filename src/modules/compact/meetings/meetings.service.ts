// Meetings of the Compact's bodies: series recurring by rule, occurrences, invitees and attendance, the agenda, the
// circulation of the agenda (e-mails with an .ics in each invitee's language, once per invitee and version), and the
// iCalendar file. Visibility is the body's one rule (bodyVisibleSql); management: the secretariat and canManageBody.
import { and, asc, count, desc, eq, gt, gte, inArray, isNull, lt, sql, type SQL } from 'drizzle-orm';
import { createHash } from 'node:crypto';
import * as rrulePkg from 'rrule';
import type { Db, Tx } from '../../../platform/db/client.ts';
import type { RequestContext } from '../../../platform/http/request-context.ts';
import { authorize, can, isUser, type Actor } from '../../../platform/auth/policy.ts';
import { users } from '../../../platform/auth/auth.schema.ts';
import { AppError, invalid, notFound, type FieldError } from '../../../platform/http/errors.ts';
import { isUuid } from '../../../platform/db/sql.ts';
import { recordAudit } from '../../../platform/audit/audit.service.ts';
import { dateFormat, isLocale, LOCALES, translate, type Locale } from '../../../platform/i18n/index.ts';
import { pick, textIn, type TranslatableText } from '../../../platform/i18n/text.ts';
import { isTimeZone as isIanaZone, localTime, zonedTime } from '../../../platform/i18n/time.ts';
import { queueMail } from '../../../platform/mail/mailer.ts';
import { renderEmail } from '../../../platform/mail/template.tsx';
import { notify } from '../../../platform/notify/notify.service.ts';
import { mailbox, writeIcs, type IcsMethod } from '../../../platform/calendar/ical.ts';
import {
  organizationsByIds,
  peopleByIds,
  searchPeople,
  visiblePeopleByIds,
  type PersonMatch,
} from '../../directory/index.ts';
import {
  BODY_SECRETARIAT_ROLES,
  bodyPeople,
  bodyRef,
  bodyVisibleSql,
  canManageBody,
  canSeeBody,
  getBody,
  type Body,
} from '../structure/structure.service.ts';
import type { MeetingResource } from '../compact.policy.ts';
import { openActionsForBody } from '../register/register.service.ts';
import {
  AGENDA_TYPES,
  ATTENDANCE,
  EDIT_SCOPES,
  MEETING_FORMATS,
  MEETING_KINDS,
  MEETING_STATUSES,
  RECURRENCES,
  agendaItems,
  meetingCirculations,
  meetingInvitees,
  meetingSeries,
  meetings,
  type AgendaDocument,
  type AgendaType,
  type Attendance,
  type EditScope,
  type MeetingFormat,
  type MeetingKind,
  type MeetingStatus,
  type Recurrence,
} from './meetings.schema.ts';

// rrule ships a UMD bundle: its exports sit on the namespace or on its default, depending on the loader.
type RRuleNs = { RRule: typeof import('rrule').RRule };
const RRule = ((rrulePkg as unknown as RRuleNs).RRule ??
  (rrulePkg as unknown as { default: RRuleNs }).default.RRule) as RRuleNs['RRule'];

export type MeetingsContext = Pick<RequestContext, 'db' | 'config' | 'actor' | 'ip'>;
export type Meeting = typeof meetings.$inferSelect;
export type AgendaItem = typeof agendaItems.$inferSelect;
export { AGENDA_TYPES, ATTENDANCE, EDIT_SCOPES, MEETING_FORMATS, MEETING_KINDS, MEETING_STATUSES, RECURRENCES };
export type { AgendaType, Attendance, EditScope, MeetingFormat, MeetingKind, MeetingStatus, Recurrence };

/** How many occurrences a series materializes (never an infinite series). */
export const SERIES_OCCURRENCES = 12;

// ---------------------------------------------------------------- time zones and recurrence

/** The IANA zones offered by the form (a list to pick from, not typed). */
export const TIME_ZONES: readonly string[] = (() => {
  const list = (Intl as unknown as { supportedValuesOf?: (k: string) => string[] }).supportedValuesOf?.('timeZone');
  return [...new Set(['UTC', ...(list ?? [])])];
})();

/** One of the zones offered in the form (Intl's list), and one Intl knows. */
export function isTimeZone(tz: string): boolean {
  return TIME_ZONES.includes(tz) && isIanaZone(tz);
}

/** The RRULE of a recurrence choice (monthly; twice a year = every six months), SERIES_OCCURRENCES occurrences. */
export function ruleOf(recurrence: Recurrence): string | null {
  if (recurrence === 'monthly') return `FREQ=MONTHLY;INTERVAL=1;COUNT=${SERIES_OCCURRENCES}`;
  if (recurrence === 'twice_yearly') return `FREQ=MONTHLY;INTERVAL=6;COUNT=${SERIES_OCCURRENCES}`;
  return null;
}

/**
 * The occurrences of a rule from a local start ('YYYY-MM-DDTHH:MM' in `timeZone`): the rule runs over "floating"
 * wall-clock times (UTC stand-ins), and each occurrence's wall-clock time is then placed in the zone — so a 10:00
 * meeting stays at 10:00 local time across daylight-saving changes. At most SERIES_OCCURRENCES.
 */
export function occurrences(localStart: string, timeZone: string, rule: string): Date[] {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(localStart);
  if (!m) return [];
  const floating = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5]));
  const opts = RRule.parseString(rule);
  const r = new RRule({
    ...opts,
    dtstart: floating,
    count: Math.min(opts.count ?? SERIES_OCCURRENCES, SERIES_OCCURRENCES),
  });
  return r
    .all((_d, i) => i < SERIES_OCCURRENCES)
    .map((d) => zonedTime(d.toISOString().slice(0, 16), timeZone))
    .filter((d): d is Date => d !== null);
}

// ---------------------------------------------------------------- access

const isSecretariat = (a: Actor) => isUser(a) && (BODY_SECRETARIAT_ROLES as readonly string[]).includes(a.role);

/** Does the actor see / manage this body's meetings (the one rule, computed for the body)? */
export async function bodyAccess(db: Db | Tx, actor: Actor, bodyId: string) {
  const ref = await bodyRef(db, bodyId);
  const visible = canSeeBody(actor, ref);
  return { visible, manages: visible && (isSecretariat(actor) || canManageBody(actor, ref)) };
}

async function actorPersonId(db: Db | Tx, actor: Actor): Promise<string | null> {
  if (!isUser(actor)) return null;
  if (actor.personId) return actor.personId;
  const [u] = await db.select({ personId: users.personId }).from(users).where(eq(users.id, actor.userId));
  return u?.personId ?? null;
}

export interface MeetingAccess {
  meeting: Meeting;
  body: Body;
  resource: MeetingResource;
  personId: string | null;
}

/** The meeting if the actor sees its body (404 otherwise: its existence does not leak). */
export async function loadMeeting(db: Db | Tx, actor: Actor, id: string): Promise<MeetingAccess> {
  if (!isUuid(id)) throw notFound();
  const [m] = await db
    .select()
    .from(meetings)
    .where(and(eq(meetings.id, id), bodyVisibleSql(actor, meetings.bodyId)));
  if (!m) throw notFound();
  const body = await getBody(db, m.bodyId);
  if (!body) throw notFound();
  const acc = await bodyAccess(db, actor, m.bodyId);
  const personId = await actorPersonId(db, actor);
  const invited = personId
    ? (
        await db
          .select({ id: meetingInvitees.id })
          .from(meetingInvitees)
          .where(and(eq(meetingInvitees.meetingId, id), eq(meetingInvitees.personId, personId)))
      ).length > 0
    : false;
  const resource: MeetingResource = { ...acc, invited };
  authorize(actor, 'meeting.read', resource, { hide: true });
  return { meeting: m, body, resource, personId };
}

async function managedMeeting(ctx: MeetingsContext, id: string): Promise<MeetingAccess> {
  const a = await loadMeeting(ctx.db, ctx.actor, id);
  authorize(ctx.actor, 'meeting.manage', a.resource);
  return a;
}

// ---------------------------------------------------------------- lists

export interface MeetingRow {
  id: string;
  bodyId: string;
  kind: MeetingKind;
  title: TranslatableText;
  timeZone: string;
  startsAt: Date;
  endsAt: Date;
  format: MeetingFormat;
  status: MeetingStatus;
  venue: string | null;
  isDemo: boolean;
  circulatedVersion: number | null;
}

export interface MeetingFilters {
  bodyId?: string;
  when?: 'upcoming' | 'past';
  page?: number;
  pageSize?: number;
}

/** The meetings of the bodies the actor sees: upcoming (soonest first) or past (latest first), by body. */
export async function listMeetings(
  ctx: Pick<MeetingsContext, 'db' | 'actor'>,
  f: MeetingFilters,
): Promise<{ rows: MeetingRow[]; total: number; page: number; pageSize: number }> {
  authorize(ctx.actor, 'meeting.list');
  const page = Math.max(1, f.page ?? 1);
  const pageSize = Math.min(100, Math.max(1, f.pageSize ?? 20));
  const conds: SQL[] = [bodyVisibleSql(ctx.actor, meetings.bodyId)];
  if (f.bodyId) conds.push(isUuid(f.bodyId) ? eq(meetings.bodyId, f.bodyId) : sql`false`);
  const past = f.when === 'past';
  conds.push(past ? lt(meetings.endsAt, sql`now()`) : gte(meetings.endsAt, sql`now()`));
  const where = and(...conds);
  const [rows, [t]] = await Promise.all([
    ctx.db
      .select({
        id: meetings.id,
        bodyId: meetings.bodyId,
        kind: meetings.kind,
        title: meetings.title,
        timeZone: meetings.timeZone,
        startsAt: meetings.startsAt,
        endsAt: meetings.endsAt,
        format: meetings.format,
        status: meetings.status,
        venue: meetings.venue,
        isDemo: meetings.isDemo,
        circulatedVersion: meetings.circulatedVersion,
      })
      .from(meetings)
      .where(where)
      .orderBy(past ? desc(meetings.startsAt) : asc(meetings.startsAt), asc(meetings.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    ctx.db.select({ n: count() }).from(meetings).where(where),
  ]);
  return { rows: rows as MeetingRow[], total: Number(t?.n ?? 0), page, pageSize };
}

// ---------------------------------------------------------------- detail

export interface Invitee {
  id: string;
  personId: string;
  fullName: string;
  organizationId: string | null;
  organizationName: string | null;
  attendance: Attendance | null;
}

export async function inviteesOf(db: Db | Tx, meetingId: string, locale: Locale = 'en'): Promise<Invitee[]> {
  const rows = await db
    .select()
    .from(meetingInvitees)
    .where(eq(meetingInvitees.meetingId, meetingId))
    .orderBy(asc(meetingInvitees.createdAt));
  const people = new Map(
    (
      await peopleByIds(
        db,
        rows.map((r) => r.personId),
      )
    ).map((p) => [p.id, p]),
  );
  const orgs = new Map(
    (
      await organizationsByIds(
        db,
        rows.map((r) => r.organizationId).filter((x): x is string => !!x),
      )
    ).map((o) => [o.id, o]),
  );
  return rows
    .map((r) => {
      const o = r.organizationId ? orgs.get(r.organizationId) : undefined;
      const names = (o?.names ?? {}) as Record<string, string>;
      return {
        id: r.id,
        personId: r.personId,
        fullName: people.get(r.personId)?.fullName ?? '—',
        organizationId: r.organizationId,
        organizationName: o ? (o.acronym ?? names[locale] ?? names.en ?? null) : null,
        attendance: (r.attendance as Attendance | null) ?? null,
      };
    })
    .sort((a, b) => a.fullName.localeCompare(b.fullName));
}

export async function agendaOf(db: Db | Tx, meetingId: string): Promise<AgendaItem[]> {
  return db
    .select()
    .from(agendaItems)
    .where(eq(agendaItems.meetingId, meetingId))
    .orderBy(asc(agendaItems.position), asc(agendaItems.createdAt));
}

/** An open action of the body's register, as the automatic agenda item lists it. */
export interface OpenAction {
  id: string;
  symbol?: string | null;
  title: TranslatableText | string;
  dueOn: string | null;
  overdue: boolean;
}

/**
 * The "Review of open actions" item: every open action of the body (the register's openActionsForBody) due on or
 * before the meeting's day (in the meeting's zone), overdue when due before it. The reader already sees the body.
 */
export async function openActionsAt(db: Db | Tx, bodyId: string, at: Date, timeZone = 'UTC'): Promise<OpenAction[]> {
  const day = localTime(at, timeZone).slice(0, 10);
  return (await openActionsForBody(db, bodyId))
    .filter((a) => a.dueOn !== null && a.dueOn <= day)
    .map((a) => ({
      id: a.id,
      symbol: a.decisionSymbol,
      title: a.title,
      dueOn: a.dueOn,
      overdue: (a.dueOn as string) < day,
    }));
}

export async function getMeeting(ctx: Pick<MeetingsContext, 'db' | 'actor'>, id: string, locale: Locale = 'en') {
  const a = await loadMeeting(ctx.db, ctx.actor, id);
  const [agenda, invitees, openActions] = await Promise.all([
    agendaOf(ctx.db, id),
    inviteesOf(ctx.db, id, locale),
    openActionsAt(ctx.db, a.meeting.bodyId, a.meeting.startsAt, a.meeting.timeZone),
  ]);
  const leadIds = agenda.map((i) => i.leadOrgId).filter((x): x is string => !!x);
  const leads = new Map((await organizationsByIds(ctx.db, leadIds)).map((o) => [o.id, o]));
  const showLink = a.resource.manages || !!a.resource.invited;
  return {
    ...a,
    meeting: { ...a.meeting, meetingLink: showLink ? a.meeting.meetingLink : null },
    agenda: agenda.map((i) => {
      const o = i.leadOrgId ? leads.get(i.leadOrgId) : undefined;
      const names = (o?.names ?? {}) as Record<string, string>;
      return { ...i, leadName: o ? (o.acronym ?? names[locale] ?? names.en ?? '') : null };
    }),
    invitees,
    openActions,
    canManage: can(ctx.actor, 'meeting.manage', a.resource),
  };
}

// ---------------------------------------------------------------- create and edit

export interface MeetingInput {
  bodyId: string;
  kind: string;
  title: TranslatableText;
  timeZone: string;
  /** Local wall-clock start and end ('YYYY-MM-DDTHH:MM') in the zone. */
  start: string;
  end: string;
  format: string;
  venue?: string | null;
  meetingLink?: string | null;
  recurrence?: string;
  /** Named people (directory persons) invited beside the body's representatives. */
  personIds?: string[];
  isDemo?: boolean;
}

const isHttpUrl = (s: string) => {
  try {
    const u = new URL(s);
    return u.protocol === 'https:' || u.protocol === 'http:';
  } catch {
    return false;
  }
};

/** Checks every field at once; returns the parsed times. */
async function checkMeeting(db: Db | Tx, actor: Actor, input: MeetingInput, fields: FieldError[]) {
  if (!(MEETING_KINDS as readonly string[]).includes(input.kind))
    fields.push({ field: 'kind', messageKey: 'validation.choice' });
  if (!(MEETING_FORMATS as readonly string[]).includes(input.format))
    fields.push({ field: 'format', messageKey: 'validation.choice' });
  if (input.recurrence && !(RECURRENCES as readonly string[]).includes(input.recurrence))
    fields.push({ field: 'recurrence', messageKey: 'validation.choice' });
  const tzOk = isTimeZone(input.timeZone);
  if (!tzOk) fields.push({ field: 'timeZone', messageKey: 'meetings.errors.timeZone' });
  const start = tzOk ? zonedTime(input.start, input.timeZone) : null;
  const end = tzOk ? zonedTime(input.end, input.timeZone) : null;
  if (tzOk && !start) fields.push({ field: 'start', messageKey: 'meetings.errors.dateTime' });
  if (tzOk && !end) fields.push({ field: 'end', messageKey: 'meetings.errors.dateTime' });
  if (start && end && end <= start) fields.push({ field: 'end', messageKey: 'meetings.errors.endBeforeStart' });
  if (start && end && end.getTime() - start.getTime() > 7 * 86400_000)
    fields.push({ field: 'end', messageKey: 'meetings.errors.tooLong' });
  if (input.meetingLink && !isHttpUrl(input.meetingLink))
    fields.push({ field: 'meetingLink', messageKey: 'meetings.errors.url' });
  if (
    input.format !== 'in_person' &&
    !input.meetingLink &&
    (MEETING_FORMATS as readonly string[]).includes(input.format)
  )
    fields.push({ field: 'meetingLink', messageKey: 'meetings.errors.linkRequired' });
  if (input.format !== 'virtual' && !input.venue && (MEETING_FORMATS as readonly string[]).includes(input.format))
    fields.push({ field: 'venue', messageKey: 'meetings.errors.venueRequired' });
  const personIds = [...new Set(input.personIds ?? [])];
  if (personIds.some((p) => !isUuid(p))) fields.push({ field: 'personIds', messageKey: 'validation.choice' });
  // Only people the manager may see in the directory (hidden ones answer as unknown ones do).
  else if (personIds.length && (await visiblePeopleByIds(db, actor, personIds)).length !== personIds.length)
    fields.push({ field: 'personIds', messageKey: 'validation.choice' });
  return { start, end, personIds };
}

/**
 * Creates a meeting, or a series (monthly, twice a year) with its next SERIES_OCCURRENCES occurrences, with the body's
 * representatives and the named people invited. One transaction with its audit entry. Returns the first meeting.
 */
export async function createMeeting(ctx: MeetingsContext, input: MeetingInput): Promise<{ id: string; ids: string[] }> {
  const fields: FieldError[] = [];
  const body = isUuid(input.bodyId) ? await getBody(ctx.db, input.bodyId) : null;
  if (!body) fields.push({ field: 'bodyId', messageKey: 'validation.choice' });
  else {
    const acc = await bodyAccess(ctx.db, ctx.actor, body.id);
    if (!acc.visible) fields.push({ field: 'bodyId', messageKey: 'validation.choice' });
    else authorize(ctx.actor, 'meeting.manage', acc);
  }
  if (!Object.keys(input.title).length) fields.push({ field: 'title', messageKey: 'text.errors.oneLanguage' });
  const { start, end, personIds } = await checkMeeting(ctx.db, ctx.actor, input, fields);
  if (fields.length || !body || !start || !end) throw invalid(fields);
  const rule = ruleOf((input.recurrence as Recurrence) ?? 'none');
  const starts = rule ? occurrences(input.start, input.timeZone, rule) : [start];
  // The duration in wall-clock minutes, kept for every occurrence.
  const minutes = Math.round((end.getTime() - start.getTime()) / 60000);
  const reps = await bodyPeople(ctx.db, body.id);
  return ctx.db.transaction(async (tx) => {
    let seriesId: string | null = null;
    if (rule) {
      const [s] = await tx
        .insert(meetingSeries)
        .values({ bodyId: body.id, rrule: rule, timeZone: input.timeZone })
        .returning({ id: meetingSeries.id });
      seriesId = s.id;
    }
    const ids: string[] = [];
    for (const s of starts) {
      const [m] = await tx
        .insert(meetings)
        .values({
          bodyId: body.id,
          seriesId,
          kind: input.kind as MeetingKind,
          title: input.title,
          timeZone: input.timeZone,
          startsAt: s,
          endsAt:
            zonedTime(addMinutesLocal(localTime(s, input.timeZone), minutes), input.timeZone) ??
            new Date(s.getTime() + minutes * 60000),
          format: input.format as MeetingFormat,
          venue: input.venue || null,
          meetingLink: input.meetingLink || null,
          isDemo: !!input.isDemo,
        })
        .returning({ id: meetings.id });
      ids.push(m.id);
      const invite = new Map<string, string | null>();
      for (const r of reps) if (!invite.has(r.personId)) invite.set(r.personId, r.organizationId);
      for (const p of personIds) if (!invite.has(p)) invite.set(p, null);
      if (invite.size)
        await tx
          .insert(meetingInvitees)
          .values([...invite].map(([personId, organizationId]) => ({ meetingId: m.id, personId, organizationId })))
          .onConflictDoNothing();
    }
    await recordAudit(tx, {
      action: rule ? 'meeting.series.create' : 'meeting.create',
      actor: ctx.actor,
      targetType: 'meeting',
      targetId: ids[0],
      ip: ctx.ip,
      details: { bodyId: body.id, seriesId, occurrences: ids.length, rrule: rule, timeZone: input.timeZone },
    });
    return { id: ids[0], ids };
  });
}

/** 'YYYY-MM-DDTHH:MM' plus minutes, on the wall clock. */
function addMinutesLocal(local: string, minutes: number): string {
  const d = new Date(`${local}:00Z`);
  return new Date(d.getTime() + minutes * 60000).toISOString().slice(0, 16);
}

/** The meeting's row, locked to the end of the transaction (edits, circulation and invitations queue on it). */
async function lockMeeting(tx: Tx, id: string): Promise<Meeting> {
  const [m] = await tx.select().from(meetings).where(eq(meetings.id, id)).for('update');
  if (!m) throw notFound();
  return m;
}

const cancelledError = () => new AppError('meeting_cancelled', 409, 'meetings.errors.cancelled');
export const endedError = () => new AppError('meeting_ended', 409, 'meetings.errors.ended');

/** Minutes from one wall-clock time ('YYYY-MM-DDTHH:MM') to another, on the wall clock (no zone). */
const localMinutes = (from: string, to: string) =>
  Math.round((Date.parse(`${to}:00Z`) - Date.parse(`${from}:00Z`)) / 60000);

/** The same translatable text (languages, texts and statuses), whatever the order of its keys. */
const sameText = (a: TranslatableText, b: TranslatableText) => {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]) as Set<keyof TranslatableText>;
  return [...keys].every((k) => a[k]?.text === b[k]?.text && a[k]?.status === b[k]?.status);
};

/** What the edit form and the API's PUT give: the creation's fields except the body, the recurrence and people. */
export interface MeetingUpdate {
  kind: string;
  title: TranslatableText;
  timeZone: string;
  start: string;
  end: string;
  format: string;
  venue?: string | null;
  meetingLink?: string | null;
  /** A meeting of a series: this one only (default), or this one and every later one. */
  scope?: string;
}

/** Fields whose change is sent to invitees who had the agenda (the time, the place, the format and link). */
const MATERIAL = new Set(['start', 'end', 'timeZone', 'format', 'venue', 'meetingLink']);

function checkScope(m: Meeting, scope: string, fields: FieldError[]): EditScope {
  if (!(EDIT_SCOPES as readonly string[]).includes(scope)) {
    fields.push({ field: 'scope', messageKey: 'validation.choice' });
    return 'this';
  }
  if (scope === 'following' && !m.seriesId) fields.push({ field: 'scope', messageKey: 'meetings.errors.notSeries' });
  return scope as EditScope;
}

/** This meeting, or this one and the later scheduled meetings of its series (locked, in time order). */
async function targetsOf(tx: Tx, m: Meeting, scope: EditScope): Promise<Meeting[]> {
  if (scope !== 'following' || !m.seriesId) return [m];
  return tx
    .select()
    .from(meetings)
    .where(and(eq(meetings.seriesId, m.seriesId), gte(meetings.startsAt, m.startsAt), eq(meetings.status, 'scheduled')))
    .orderBy(asc(meetings.startsAt), asc(meetings.id))
    .for('update');
}

/**
 * Edits a meeting, or this meeting and every later one of its series (`scope: 'following'`): the fields that changed
 * are applied to each; a change of time shifts each occurrence's wall-clock time by the same amount in the series'
 * zone (a 10:00 meeting moved to 14:00 makes every later one 14:00 local, across daylight-saving changes) and gives
 * each the new duration. Every field is checked first (422 with every error; a cancelled meeting: 409). Each changed
 * meeting's SEQUENCE goes up; when its time, place, format or link changed after its agenda was circulated, every
 * invitee gets an update e-mail in their language with the new .ics (METHOD:REQUEST, same UID), once per invitee and
 * version (meeting_circulations). One transaction with its audit entry.
 */
export async function updateMeeting(
  ctx: MeetingsContext,
  id: string,
  input: MeetingUpdate,
): Promise<{ ids: string[]; sent: number; changed: string[] }> {
  const a = await managedMeeting(ctx, id);
  if (a.meeting.status === 'cancelled') throw cancelledError();
  const fields: FieldError[] = [];
  if (!Object.keys(input.title).length) fields.push({ field: 'title', messageKey: 'text.errors.oneLanguage' });
  const { start, end } = await checkMeeting(
    ctx.db,
    ctx.actor,
    { ...input, bodyId: a.meeting.bodyId, recurrence: undefined, personIds: [] },
    fields,
  );
  const scope = checkScope(a.meeting, input.scope || 'this', fields);
  if (fields.length || !start || !end) throw invalid(fields);
  const venue = input.venue || null;
  const link = input.meetingLink || null;
  return ctx.db.transaction(async (tx) => {
    const m0 = await lockMeeting(tx, id);
    if (m0.status === 'cancelled') throw cancelledError();
    const start0 = localTime(m0.startsAt, m0.timeZone);
    const changes: Record<string, boolean> = {
      kind: input.kind !== m0.kind,
      title: !sameText(input.title, m0.title),
      timeZone: input.timeZone !== m0.timeZone,
      start: input.start !== start0,
      end: input.end !== localTime(m0.endsAt, m0.timeZone),
      format: input.format !== m0.format,
      venue: venue !== m0.venue,
      meetingLink: link !== m0.meetingLink,
    };
    const changed = Object.keys(changes).filter((k) => changes[k]);
    if (!changed.length) return { ids: [id], sent: 0, changed };
    const timeChanged = changes.start || changes.end || changes.timeZone;
    const material = changed.some((k) => MATERIAL.has(k));
    // The shift of the start and the new length, on the wall clock: the same for every occurrence.
    const shift = localMinutes(start0, input.start);
    const length = localMinutes(input.start, input.end);
    const ids: string[] = [];
    let sent = 0;
    for (const t of await targetsOf(tx, m0, scope)) {
      const set: Partial<typeof meetings.$inferInsert> = {};
      if (changes.kind) set.kind = input.kind as MeetingKind;
      if (changes.title) set.title = input.title;
      if (changes.format) set.format = input.format as MeetingFormat;
      if (changes.venue) set.venue = venue;
      if (changes.meetingLink) set.meetingLink = link;
      if (timeChanged) {
        const zone = changes.timeZone ? input.timeZone : t.timeZone;
        if (t.id === m0.id) {
          set.startsAt = start;
          set.endsAt = end;
        } else {
          const local = addMinutesLocal(localTime(t.startsAt, t.timeZone), shift);
          set.startsAt = zonedTime(local, zone) ?? t.startsAt;
          set.endsAt =
            zonedTime(addMinutesLocal(local, length), zone) ?? new Date(set.startsAt.getTime() + length * 60000);
        }
        set.timeZone = zone;
      }
      const [row] = await tx
        .update(meetings)
        .set({ ...set, sequence: sql`${meetings.sequence} + 1`, updatedAt: sql`now()` })
        .where(eq(meetings.id, t.id))
        .returning();
      ids.push(row.id);
      if (material && row.circulatedVersion !== null && t.endsAt.getTime() > Date.now())
        sent += await sendToInvitees(tx, ctx, row, 'update');
    }
    if (scope === 'following' && changes.timeZone && m0.seriesId)
      await tx.update(meetingSeries).set({ timeZone: input.timeZone }).where(eq(meetingSeries.id, m0.seriesId));
    await recordAudit(tx, {
      action: scope === 'following' ? 'meeting.series.update' : 'meeting.update',
      actor: ctx.actor,
      targetType: 'meeting',
      targetId: id,
      ip: ctx.ip,
      details: {
        scope,
        changed,
        meetings: ids.length,
        sent,
        startsAt: start.toISOString(),
        endsAt: end.toISOString(),
        timeZone: input.timeZone,
      },
    });
    return { ids, sent, changed };
  });
}

/**
 * Cancels a meeting, or this meeting and every later one of its series: the status becomes cancelled and the
 * SEQUENCE goes up; invitees who had the agenda get a cancellation in their language with a METHOD:CANCEL .ics (same
 * UID), once each. A cancelled meeting: 409; one that has ended: 409.
 */
export async function cancelMeeting(
  ctx: MeetingsContext,
  id: string,
  scopeIn = 'this',
): Promise<{ ids: string[]; sent: number }> {
  const a = await managedMeeting(ctx, id);
  if (a.meeting.status === 'cancelled') throw cancelledError();
  const fields: FieldError[] = [];
  const scope = checkScope(a.meeting, scopeIn || 'this', fields);
  if (fields.length) throw invalid(fields);
  return ctx.db.transaction(async (tx) => {
    const m0 = await lockMeeting(tx, id);
    if (m0.status === 'cancelled') throw cancelledError();
    if (m0.endsAt.getTime() <= Date.now()) throw endedError();
    const ids: string[] = [];
    let sent = 0;
    for (const t of await targetsOf(tx, m0, scope)) {
      const [row] = await tx
        .update(meetings)
        .set({ status: 'cancelled', sequence: sql`${meetings.sequence} + 1`, updatedAt: sql`now()` })
        .where(eq(meetings.id, t.id))
        .returning();
      ids.push(row.id);
      if (row.circulatedVersion !== null) sent += await sendToInvitees(tx, ctx, row, 'cancel');
    }
    await recordAudit(tx, {
      action: 'meeting.cancel',
      actor: ctx.actor,
      targetType: 'meeting',
      targetId: id,
      ip: ctx.ip,
      details: { scope, meetings: ids.length, sent },
    });
    return { ids, sent };
  });
}

// ---------------------------------------------------------------- named invitees

/** The people the manager may invite: the directory's search over the people they may see, invitees marked. */
export async function inviteCandidates(
  ctx: MeetingsContext,
  meetingId: string,
  q: string,
  locale: Locale,
): Promise<(PersonMatch & { invited: boolean })[]> {
  await managedMeeting(ctx, meetingId);
  const found = await searchPeople(ctx.db, ctx.actor, q, { limit: 20, locale });
  if (!found.length) return [];
  const invited = new Set(
    (
      await ctx.db
        .select({ personId: meetingInvitees.personId })
        .from(meetingInvitees)
        .where(
          and(
            eq(meetingInvitees.meetingId, meetingId),
            inArray(
              meetingInvitees.personId,
              found.map((p) => p.id),
            ),
          ),
        )
    ).map((r) => r.personId),
  );
  return found.map((p) => ({ ...p, invited: invited.has(p.id) }));
}

/**
 * Invites a named person (one the manager may see in the directory; anyone else answers 422 like an unknown id).
 * Inviting someone already invited changes nothing. Once the agenda has been circulated, the new invitee gets it at
 * once (its current version, with the .ics).
 */
export async function invitePerson(
  ctx: MeetingsContext,
  meetingId: string,
  personId: string,
): Promise<{ id: string; created: boolean; sent: number }> {
  const a = await managedMeeting(ctx, meetingId);
  if (a.meeting.status === 'cancelled') throw cancelledError();
  const [person] = await visiblePeopleByIds(ctx.db, ctx.actor, [personId]);
  if (!person) throw invalid([{ field: 'personId', messageKey: 'meetings.errors.person' }]);
  return ctx.db.transaction(async (tx) => {
    const m = await lockMeeting(tx, meetingId);
    if (m.status === 'cancelled') throw cancelledError();
    const [row] = await tx
      .insert(meetingInvitees)
      .values({ meetingId, personId: person.id })
      .onConflictDoNothing()
      .returning({ id: meetingInvitees.id });
    if (!row) {
      const [old] = await tx
        .select({ id: meetingInvitees.id })
        .from(meetingInvitees)
        .where(and(eq(meetingInvitees.meetingId, meetingId), eq(meetingInvitees.personId, person.id)));
      return { id: old.id, created: false, sent: 0 };
    }
    let sent = 0;
    if (m.circulatedVersion !== null && m.endsAt.getTime() > Date.now()) {
      // Invited again after a removal: the removal's cancellation no longer stands.
      await tx
        .delete(meetingCirculations)
        .where(
          and(
            eq(meetingCirculations.meetingId, meetingId),
            eq(meetingCirculations.recipientKey, `removed:person:${person.id}`),
          ),
        );
      sent = await sendToInvitees(tx, ctx, m, 'agenda', [person.id]);
    }
    await recordAudit(tx, {
      action: 'meeting.invitee.add',
      actor: ctx.actor,
      targetType: 'meeting',
      targetId: meetingId,
      ip: ctx.ip,
      details: { personId: person.id, inviteeId: row.id, sent },
    });
    return { id: row.id, created: true, sent };
  });
}

/** One invitee of the meeting (the removal's confirmation page). */
export async function getInvitee(ctx: MeetingsContext, meetingId: string, inviteeId: string, locale: Locale) {
  await managedMeeting(ctx, meetingId);
  const inv = (await inviteesOf(ctx.db, meetingId, locale)).find((i) => i.id === inviteeId);
  if (!inv) throw notFound();
  return inv;
}

/**
 * Removes an invitee. If they had received the agenda of a meeting still to come, they get a cancellation (METHOD:
 * CANCEL) in their language, once; invited again later, they get the agenda again.
 */
export async function removeInvitee(
  ctx: MeetingsContext,
  meetingId: string,
  inviteeId: string,
): Promise<{ sent: number }> {
  await managedMeeting(ctx, meetingId);
  if (!isUuid(inviteeId)) throw notFound();
  return ctx.db.transaction(async (tx) => {
    const m = await lockMeeting(tx, meetingId);
    const [row] = await tx
      .delete(meetingInvitees)
      .where(and(eq(meetingInvitees.id, inviteeId), eq(meetingInvitees.meetingId, meetingId)))
      .returning();
    if (!row) throw notFound();
    const had = await tx
      .delete(meetingCirculations)
      .where(
        and(
          eq(meetingCirculations.meetingId, meetingId),
          eq(meetingCirculations.recipientKey, `person:${row.personId}`),
        ),
      )
      .returning({ v: meetingCirculations.version });
    let sent = 0;
    if (had.length && m.status === 'scheduled' && m.endsAt.getTime() > Date.now())
      sent = await sendToInvitees(
        tx,
        ctx,
        m,
        'removed',
        [row.personId],
        [{ personId: row.personId, inviteeLocale: row.locale }],
      );
    await recordAudit(tx, {
      action: 'meeting.invitee.remove',
      actor: ctx.actor,
      targetType: 'meeting',
      targetId: meetingId,
      ip: ctx.ip,
      details: { personId: row.personId, inviteeId, sent },
    });
    return { sent };
  });
}

/**
 * A meeting for its edit form or its cancellation page (managers only; a cancelled meeting: 409): the meeting, its
 * body, and how many meetings of its series start at or after it (this one included).
 */
export async function meetingForEdit(ctx: MeetingsContext, id: string) {
  const a = await managedMeeting(ctx, id);
  if (a.meeting.status === 'cancelled') throw cancelledError();
  return { ...a, following: await followingInSeries(ctx.db, a.meeting) };
}

/** The edit form's values of a meeting (local times in its zone). */
export function meetingFormValues(m: Meeting): Record<string, string> {
  return {
    kind: m.kind,
    timeZone: m.timeZone,
    start: localTime(m.startsAt, m.timeZone),
    end: localTime(m.endsAt, m.timeZone),
    format: m.format,
    venue: m.venue ?? '',
    meetingLink: m.meetingLink ?? '',
    scope: 'this',
  };
}

/** How many meetings of the series start at or after this one (this one included); 0 outside a series. */
export async function followingInSeries(db: Db | Tx, m: Meeting): Promise<number> {
  if (!m.seriesId) return 0;
  const [r] = await db
    .select({ n: count() })
    .from(meetings)
    .where(
      and(eq(meetings.seriesId, m.seriesId), gte(meetings.startsAt, m.startsAt), eq(meetings.status, 'scheduled')),
    );
  return Number(r?.n ?? 0);
}

/** Deletes a meeting (refused once it has adopted minutes: the database refuses to remove them). */
export async function deleteMeeting(ctx: MeetingsContext, id: string) {
  const a = await managedMeeting(ctx, id);
  await ctx.db.transaction(async (tx) => {
    const [adopted] = await tx
      .execute(sql`select 1 as x from meeting_minutes where meeting_id = ${id} and status = 'adopted' limit 1`)
      .then((r) => ((r as { rows?: unknown[] }).rows ?? (r as unknown as unknown[])) as unknown[]);
    if (adopted) throw new AppError('conflict', 409, 'minutes.errors.locked');
    await tx.delete(meetings).where(eq(meetings.id, id));
    await recordAudit(tx, {
      action: 'meeting.delete',
      actor: ctx.actor,
      targetType: 'meeting',
      targetId: id,
      ip: ctx.ip,
      details: { bodyId: a.meeting.bodyId, startsAt: a.meeting.startsAt.toISOString() },
    });
  });
}

const bump = (tx: Tx, id: string) =>
  tx
    .update(meetings)
    .set({ sequence: sql`${meetings.sequence} + 1`, updatedAt: sql`now()` })
    .where(eq(meetings.id, id));

// ---------------------------------------------------------------- agenda

export interface AgendaInput {
  type: string;
  title: TranslatableText;
  leadOrgId?: string | null;
  documents?: AgendaDocument[];
  startTime?: string | null;
  durationMinutes?: number | null;
}

async function checkAgenda(db: Db | Tx, input: AgendaInput, fields: FieldError[]) {
  if (!(AGENDA_TYPES as readonly string[]).includes(input.type))
    fields.push({ field: 'type', messageKey: 'validation.choice' });
  if (!Object.keys(input.title).length) fields.push({ field: 'title', messageKey: 'text.errors.oneLanguage' });
  if (input.leadOrgId) {
    if (!isUuid(input.leadOrgId) || !(await organizationsByIds(db, [input.leadOrgId])).length)
      fields.push({ field: 'leadOrgId', messageKey: 'validation.choice' });
  }
  if (input.startTime && !/^([01]\d|2[0-3]):[0-5]\d$/.test(input.startTime))
    fields.push({ field: 'startTime', messageKey: 'meetings.errors.time' });
  if (
    input.durationMinutes !== null &&
    input.durationMinutes !== undefined &&
    (!Number.isInteger(input.durationMinutes) || input.durationMinutes < 1 || input.durationMinutes > 600)
  )
    fields.push({ field: 'durationMinutes', messageKey: 'meetings.errors.duration' });
  if ((input.documents ?? []).length > 20) fields.push({ field: 'documents', messageKey: 'meetings.errors.documents' });
  for (const d of input.documents ?? [])
    if (!isHttpUrl(d.url) || !d.label || d.label.length > 200) {
      fields.push({ field: 'documents', messageKey: 'meetings.errors.documents' });
      break;
    }
}

export async function addAgendaItem(ctx: MeetingsContext, meetingId: string, input: AgendaInput) {
  await managedMeeting(ctx, meetingId);
  const fields: FieldError[] = [];
  await checkAgenda(ctx.db, input, fields);
  if (fields.length) throw invalid(fields);
  return ctx.db.transaction(async (tx) => {
    await tx.execute(sql`select id from meetings where id = ${meetingId} for update`);
    const [{ n }] = await tx
      .select({ n: sql<number>`coalesce(max(${agendaItems.position}), 0)::int` })
      .from(agendaItems)
      .where(eq(agendaItems.meetingId, meetingId));
    const [row] = await tx
      .insert(agendaItems)
      .values({
        meetingId,
        position: Number(n) + 1,
        type: input.type as AgendaType,
        title: input.title,
        leadOrgId: input.leadOrgId || null,
        documents: input.documents ?? [],
        startTime: input.startTime || null,
        durationMinutes: input.durationMinutes ?? null,
      })
      .returning();
    await bump(tx, meetingId);
    await recordAudit(tx, {
      action: 'meeting.agenda.add',
      actor: ctx.actor,
      targetType: 'meeting_agenda_item',
      targetId: row.id,
      ip: ctx.ip,
      details: { meetingId, type: input.type, position: row.position },
    });
    return row;
  });
}

async function itemOf(ctx: MeetingsContext, meetingId: string, itemId: string) {
  await managedMeeting(ctx, meetingId);
  if (!isUuid(itemId)) throw notFound();
  const [it] = await ctx.db
    .select()
    .from(agendaItems)
    .where(and(eq(agendaItems.id, itemId), eq(agendaItems.meetingId, meetingId)));
  if (!it) throw notFound();
  return it;
}

export async function getAgendaItem(ctx: MeetingsContext, meetingId: string, itemId: string) {
  return itemOf(ctx, meetingId, itemId);
}

export async function updateAgendaItem(ctx: MeetingsContext, meetingId: string, itemId: string, input: AgendaInput) {
  await itemOf(ctx, meetingId, itemId);
  const fields: FieldError[] = [];
  await checkAgenda(ctx.db, input, fields);
  if (fields.length) throw invalid(fields);
  await ctx.db.transaction(async (tx) => {
    await tx
      .update(agendaItems)
      .set({
        type: input.type as AgendaType,
        title: input.title,
        leadOrgId: input.leadOrgId || null,
        documents: input.documents ?? [],
        startTime: input.startTime || null,
        durationMinutes: input.durationMinutes ?? null,
      })
      .where(eq(agendaItems.id, itemId));
    await bump(tx, meetingId);
    await recordAudit(tx, {
      action: 'meeting.agenda.update',
      actor: ctx.actor,
      targetType: 'meeting_agenda_item',
      targetId: itemId,
      ip: ctx.ip,
      details: { meetingId, type: input.type },
    });
  });
}

export async function deleteAgendaItem(ctx: MeetingsContext, meetingId: string, itemId: string) {
  const it = await itemOf(ctx, meetingId, itemId);
  await ctx.db.transaction(async (tx) => {
    await tx.delete(agendaItems).where(eq(agendaItems.id, itemId));
    // Close the gap: positions stay 1..n.
    await tx
      .update(agendaItems)
      .set({ position: sql`${agendaItems.position} - 1` })
      .where(and(eq(agendaItems.meetingId, meetingId), gt(agendaItems.position, it.position)));
    await bump(tx, meetingId);
    await recordAudit(tx, {
      action: 'meeting.agenda.delete',
      actor: ctx.actor,
      targetType: 'meeting_agenda_item',
      targetId: itemId,
      ip: ctx.ip,
      details: { meetingId, position: it.position },
    });
  });
}

/** Moves an item one place up or down (swaps positions with its neighbour; nothing at either end). */
export async function moveAgendaItem(ctx: MeetingsContext, meetingId: string, itemId: string, dir: 'up' | 'down') {
  await itemOf(ctx, meetingId, itemId);
  await ctx.db.transaction(async (tx) => {
    await tx.execute(sql`select id from meetings where id = ${meetingId} for update`);
    const list = await agendaOf(tx, meetingId);
    const i = list.findIndex((x) => x.id === itemId);
    const j = dir === 'up' ? i - 1 : i + 1;
    if (i < 0 || j < 0 || j >= list.length) return;
    const order = list.map((x) => x.id);
    [order[i], order[j]] = [order[j], order[i]];
    for (const [k, id] of order.entries())
      await tx
        .update(agendaItems)
        .set({ position: k + 1 })
        .where(eq(agendaItems.id, id));
    await bump(tx, meetingId);
    await recordAudit(tx, {
      action: 'meeting.agenda.move',
      actor: ctx.actor,
      targetType: 'meeting_agenda_item',
      targetId: itemId,
      ip: ctx.ip,
      details: { meetingId, direction: dir, position: j + 1 },
    });
  });
}

// ---------------------------------------------------------------- attendance

/** Records attendance after the meeting has started: { inviteeId: present | excused | absent }. */
export async function recordAttendance(ctx: MeetingsContext, meetingId: string, marks: Record<string, string>) {
  const a = await managedMeeting(ctx, meetingId);
  if (a.meeting.startsAt.getTime() > Date.now())
    throw new AppError('too_early', 422, 'meetings.errors.attendanceEarly');
  const fields: FieldError[] = [];
  const invitees = await inviteesOf(ctx.db, meetingId);
  const known = new Set(invitees.map((i) => i.id));
  for (const [k, v] of Object.entries(marks)) {
    if (!known.has(k)) fields.push({ field: `attendance_${k}`, messageKey: 'validation.choice' });
    else if (v && !(ATTENDANCE as readonly string[]).includes(v))
      fields.push({ field: `attendance_${k}`, messageKey: 'validation.choice' });
  }
  if (fields.length) throw invalid(fields);
  await ctx.db.transaction(async (tx) => {
    for (const [k, v] of Object.entries(marks))
      await tx
        .update(meetingInvitees)
        .set({ attendance: (v || null) as Attendance | null })
        .where(and(eq(meetingInvitees.id, k), eq(meetingInvitees.meetingId, meetingId)));
    await tx.update(meetings).set({ attendanceRecordedAt: sql`now()` }).where(eq(meetings.id, meetingId));
    await recordAudit(tx, {
      action: 'meeting.attendance',
      actor: ctx.actor,
      targetType: 'meeting',
      targetId: meetingId,
      ip: ctx.ip,
      details: {
        present: Object.values(marks).filter((v) => v === 'present').length,
        excused: Object.values(marks).filter((v) => v === 'excused').length,
        absent: Object.values(marks).filter((v) => v === 'absent').length,
      },
    });
  });
}

// ---------------------------------------------------------------- iCalendar and circulation

export interface IcsOptions {
  locale: Locale;
  baseUrl: string;
  method: IcsMethod;
  withLink: boolean;
  /** iTIP: the sender (MAIL_FROM) and the recipient, for REQUEST and CANCEL. */
  organizer?: { name: string; email: string } | null;
  attendee?: { name: string; email: string } | null;
}

/**
 * The meeting as iCalendar (the platform's one writer): a stable UID per meeting, SEQUENCE = the meeting's version,
 * DTSTART;TZID=<zone> in its wall-clock time with the zone's VTIMEZONE, STATUS:CANCELLED once cancelled.
 */
export function meetingIcs(m: Meeting, o: IcsOptions): string {
  const url = `${o.baseUrl}/compact/meetings/${m.id}`;
  const link = o.withLink ? m.meetingLink : null;
  return writeIcs({
    method: o.method,
    locale: o.locale,
    items: [
      {
        uid: `meeting-${m.id}@ctcp`,
        sequence: m.sequence,
        start: m.startsAt,
        end: m.endsAt,
        timeZone: m.timeZone,
        stamp: m.updatedAt,
        lastModified: m.updatedAt,
        summary: textIn(m.title, o.locale) || translate(o.locale, 'meetings.untitled'),
        description: [url, link].filter(Boolean).join('\n\n'),
        location: [m.venue, link].filter(Boolean).join(' — ') || null,
        url,
        status: m.status === 'cancelled' ? 'cancelled' : 'confirmed',
        organizer: o.organizer ?? null,
        attendees: o.attendee ? [o.attendee] : [],
      },
    ],
  });
}

/** The .ics for the reader (the link only for invitees and managers). */
export async function meetingIcsFor(ctx: MeetingsContext, id: string, locale: Locale): Promise<string> {
  const a = await loadMeeting(ctx.db, ctx.actor, id);
  return meetingIcs(a.meeting, {
    locale,
    baseUrl: ctx.config.baseUrl,
    method: 'publish',
    withLink: a.resource.manages || !!a.resource.invited,
  });
}

interface InviteeRow {
  personId: string;
  inviteeLocale: string | null;
}

/** An invitee's address and language: the account's, else the one recorded for the person, else English. */
async function recipients(tx: Tx, rows: InviteeRow[]) {
  const people = new Map(
    (
      await peopleByIds(
        tx,
        rows.map((r) => r.personId),
      )
    ).map((p) => [p.id, p]),
  );
  const accounts = rows.length
    ? await tx
        .select({
          id: users.id,
          personId: users.personId,
          email: users.email,
          name: users.name,
          locale: users.locale,
          disabledAt: users.disabledAt,
        })
        .from(users)
        .where(
          inArray(
            users.personId,
            rows.map((r) => r.personId),
          ),
        )
    : [];
  return rows.map((r) => {
    const acc = accounts.find((u) => u.personId === r.personId && !u.disabledAt);
    const p = people.get(r.personId);
    const locale: Locale =
      acc && isLocale(acc.locale) ? acc.locale : isLocale(r.inviteeLocale) ? r.inviteeLocale : 'en';
    return {
      personId: r.personId,
      userId: acc?.id ?? null,
      email: acc?.email ?? p?.email ?? null,
      name: acc?.name ?? p?.fullName ?? '',
      locale,
    };
  });
}

/** What an invitee is sent: the agenda, an update (time, place, link), a cancellation, or their removal. */
export type Notice = 'agenda' | 'update' | 'cancel' | 'removed';

const NOTICE = {
  agenda: { subject: 'meetings.email.subject', body: 'meetings.email.body', method: 'request', details: true },
  update: {
    subject: 'meetings.email.updateSubject',
    body: 'meetings.email.updateBody',
    method: 'request',
    details: true,
  },
  cancel: {
    subject: 'meetings.email.cancelSubject',
    body: 'meetings.email.cancelBody',
    method: 'cancel',
    details: false,
  },
  removed: {
    subject: 'meetings.email.removedSubject',
    body: 'meetings.email.removedBody',
    method: 'cancel',
    details: false,
  },
} as const satisfies Record<Notice, { subject: string; body: string; method: IcsMethod; details: boolean }>;

/**
 * Sends the meeting's current version (its SEQUENCE) to its invitees — or to `only` of them, or to `rows` for people
 * no longer invited — each in their language, with the .ics (METHOD:REQUEST, or CANCEL for a cancellation or a
 * removal), and an in-app notification to those with an account. Each (meeting, version, person) is claimed by one
 * conditional INSERT … ON CONFLICT DO NOTHING on meeting_circulations in the caller's transaction: whatever sends the
 * same version again, or at the same time, sends nothing new. Returns the number of e-mails queued.
 */
async function sendToInvitees(
  tx: Tx,
  ctx: MeetingsContext,
  m: Meeting,
  notice: Notice,
  only?: string[],
  rows?: InviteeRow[],
): Promise<number> {
  const version = m.sequence;
  const smtp = !!ctx.config.smtpUrl;
  const spec = NOTICE[notice];
  const list =
    rows ??
    (await tx
      .select({ personId: meetingInvitees.personId, inviteeLocale: meetingInvitees.locale })
      .from(meetingInvitees)
      .where(
        only
          ? and(eq(meetingInvitees.meetingId, m.id), inArray(meetingInvitees.personId, only))
          : eq(meetingInvitees.meetingId, m.id),
      ));
  if (!list.length) return 0;
  const agenda = spec.details ? await agendaOf(tx, m.id) : [];
  const organizer = mailbox(ctx.config.mailFrom);
  let sent = 0;
  for (const r of await recipients(tx, list)) {
    const key = notice === 'removed' ? `removed:person:${r.personId}` : `person:${r.personId}`;
    const claimed = await tx
      .insert(meetingCirculations)
      .values({ meetingId: m.id, version, recipientKey: key })
      .onConflictDoNothing()
      .returning({ v: meetingCirculations.version });
    if (!claimed.length) continue;
    const when = dateFormat(r.locale, { dateStyle: 'full', timeStyle: 'short', timeZone: m.timeZone }).format(
      m.startsAt,
    );
    const title = textIn(m.title, r.locale) || translate(r.locale, 'meetings.untitled');
    const path = `/compact/meetings/${m.id}`;
    if (r.email) {
      const items = agenda.map((it, i) => `${i + 1}. ${textIn(it.title, r.locale)}`).join('\n');
      const paragraphs: { key: string; values?: Record<string, string | number> }[] = [{ key: spec.body }];
      if (spec.details) {
        if (m.venue) paragraphs.push({ key: 'meetings.email.venue', values: { venue: m.venue } });
        if (m.meetingLink) paragraphs.push({ key: 'meetings.email.link', values: { link: m.meetingLink } });
        if (items) paragraphs.push({ key: 'meetings.email.agenda', values: { items } });
      }
      const mail = renderEmail(r.locale, r.name, {
        subjectKey: spec.subject,
        paragraphs,
        values: { title, when, zone: m.timeZone, version },
        action: { labelKey: 'meetings.email.open', url: `${ctx.config.baseUrl}${path}` },
      });
      const ics = meetingIcs(m, {
        locale: r.locale,
        baseUrl: ctx.config.baseUrl,
        method: spec.method,
        withLink: notice !== 'removed',
        organizer,
        attendee: { name: r.name, email: r.email },
      });
      await queueMail(
        tx,
        {
          to: r.email,
          locale: r.locale,
          kind: `meeting_${notice}`,
          ...mail,
          attachments: [
            {
              filename: 'meeting.ics',
              contentType: `text/calendar; charset=utf-8; method=${spec.method.toUpperCase()}`,
              content: ics,
            },
          ],
        },
        smtp,
      );
      sent++;
    }
    if (r.userId)
      await notify(tx, {
        userId: r.userId,
        kind: `meeting_${notice}`,
        messageKey: `meetings.notify.${notice}`,
        values: { title, when },
        url: path,
        dedupeKey: `meeting:${m.id}:${notice}:${version}:${r.userId}`,
      });
  }
  if (notice !== 'removed')
    await tx
      .update(meetings)
      .set({ circulatedVersion: version, circulatedAt: sql`now()` })
      .where(eq(meetings.id, m.id));
  return sent;
}

/**
 * Circulates the agenda's current version: every invitee gets one e-mail in their language with the meeting as an
 * .ics (METHOD:REQUEST), and one in-app notification when they have an account — once per invitee and version
 * (sendToInvitees), under the meeting's row lock. A meeting that has started: 422; a cancelled one: 409.
 */
export async function circulateAgenda(
  ctx: MeetingsContext,
  meetingId: string,
): Promise<{ version: number; sent: number }> {
  await managedMeeting(ctx, meetingId);
  return ctx.db.transaction(async (tx) => {
    const m = await lockMeeting(tx, meetingId);
    if (m.status === 'cancelled') throw cancelledError();
    if (m.startsAt.getTime() <= Date.now()) throw new AppError('meeting_past', 422, 'meetings.errors.past');
    const version = m.sequence;
    const sent = await sendToInvitees(tx, ctx, m, 'agenda');
    await tx
      .update(meetings)
      .set({ circulatedVersion: version, circulatedAt: sql`now()` })
      .where(eq(meetings.id, meetingId));
    await recordAudit(tx, {
      action: 'meeting.agenda.circulate',
      actor: ctx.actor,
      targetType: 'meeting',
      targetId: meetingId,
      ip: ctx.ip,
      details: { version, sent },
    });
    return { version, sent };
  });
}

// ---------------------------------------------------------------- the module contract: tasks and calendar

/** Meetings the secretariat still has to record attendance for (ended in the last 90 days). */
export async function attendanceDue(db: Db, actor: Actor): Promise<{ count: number }> {
  if (!isSecretariat(actor)) return { count: 0 };
  const [r] = await db
    .select({ n: count() })
    .from(meetings)
    .where(
      and(
        lt(meetings.endsAt, sql`now()`),
        gt(meetings.endsAt, sql`now() - interval '90 days'`),
        isNull(meetings.attendanceRecordedAt),
        bodyVisibleSql(actor, meetings.bodyId),
      ),
    );
  return { count: Number(r?.n ?? 0) };
}

/** A person's meetings (invited), for the personal calendar. */
export async function meetingsOfUser(db: Db, userId: string) {
  const [u] = await db.select({ personId: users.personId }).from(users).where(eq(users.id, userId));
  if (!u?.personId) return [];
  return db
    .select({
      id: meetings.id,
      title: meetings.title,
      startsAt: meetings.startsAt,
      endsAt: meetings.endsAt,
      timeZone: meetings.timeZone,
      venue: meetings.venue,
      status: meetings.status,
      sequence: meetings.sequence,
    })
    .from(meetings)
    .innerJoin(meetingInvitees, eq(meetingInvitees.meetingId, meetings.id))
    .where(eq(meetingInvitees.personId, u.personId))
    .orderBy(asc(meetings.startsAt));
}

/** All six languages of a title, for the calendar (English the fallback). */
export function titleLanguages(t: TranslatableText): Record<string, string> & { en: string } {
  const out: Record<string, string> = {};
  for (const l of LOCALES) {
    const p = pick(t, l);
    if (p) out[l] = p.text;
  }
  return { ...out, en: out.en ?? translate('en', 'meetings.untitled') };
}

/** A SHA-256 helper shared with the minutes. */
export const sha256Hex = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');
