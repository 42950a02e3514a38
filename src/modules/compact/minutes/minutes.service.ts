// Minutes of a meeting: versions (draft → circulated for comments until a deadline → adopted and locked), comments by
// invitees (seen by the secretariat and their author), the SHA-256 of the adopted text in the audit chain, and
// corrigenda (a new version that references the one it corrects; both are kept). The database refuses any change to
// an adopted version's text (trigger, migration 0019).
import { and, asc, desc, eq, inArray, or, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../../platform/db/client.ts';
import { authorize, isUser, type UserActor } from '../../../platform/auth/policy.ts';
import { users } from '../../../platform/auth/auth.schema.ts';
import { AppError, invalid, notFound, type FieldError } from '../../../platform/http/errors.ts';
import { isUuid } from '../../../platform/db/sql.ts';
import { recordAudit } from '../../../platform/audit/audit.service.ts';
import { LOCALES } from '../../../platform/i18n/index.ts';
import { textIn, type TranslatableText } from '../../../platform/i18n/text.ts';
import { notify, notifyAndMail, resolveNotifications } from '../../../platform/notify/notify.service.ts';
import {
  agendaOf,
  loadMeeting,
  sha256Hex,
  type MeetingAccess,
  type MeetingsContext,
} from '../meetings/meetings.service.ts';
import {
  meetingInvitees,
  meetingMinutes,
  minutesComments,
  type MinutesItems,
  type MinutesStatus,
} from '../meetings/meetings.schema.ts';
import { reindexSearch } from '../../search/index.ts';

export type Minutes = typeof meetingMinutes.$inferSelect;
export type MinutesComment = typeof minutesComments.$inferSelect;

/** Canonical JSON: keys sorted at every level, no whitespace (the same text always gives the same bytes). */
export function canonicalJson(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v ?? null);
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  const o = v as Record<string, unknown>;
  return `{${Object.keys(o)
    .filter((k) => o[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`)
    .join(',')}}`;
}

/** The SHA-256 of a version's text: every field in every language, with the meeting and the version. */
export const minutesSha256 = (m: Pick<Minutes, 'meetingId' | 'version' | 'summary' | 'items'>) =>
  sha256Hex(canonicalJson({ meetingId: m.meetingId, version: m.version, summary: m.summary, items: m.items }));

/** Every version of the meeting's minutes, the latest first (the current one). */
export async function minutesOf(db: Db | Tx, meetingId: string): Promise<Minutes[]> {
  return db
    .select()
    .from(meetingMinutes)
    .where(eq(meetingMinutes.meetingId, meetingId))
    .orderBy(desc(meetingMinutes.version));
}

/** The comments the reader may see: all of them for the secretariat and the body's managers, else their own. */
export async function commentsFor(db: Db | Tx, a: MeetingAccess, actorUserId: string | null, minutesIds: string[]) {
  if (!minutesIds.length) return [];
  const where = a.resource.manages
    ? inArray(minutesComments.minutesId, minutesIds)
    : actorUserId
      ? and(inArray(minutesComments.minutesId, minutesIds), eq(minutesComments.authorUserId, actorUserId))
      : sql`false`;
  return db.select().from(minutesComments).where(where).orderBy(asc(minutesComments.createdAt));
}

async function loadMinutes(ctx: MeetingsContext, minutesId: string) {
  if (!isUuid(minutesId)) throw notFound();
  const [m] = await ctx.db.select().from(meetingMinutes).where(eq(meetingMinutes.id, minutesId));
  if (!m) throw notFound();
  const a = await loadMeeting(ctx.db, ctx.actor, m.meetingId);
  authorize(ctx.actor, 'minutes.read', a.resource, { hide: true });
  return { minutes: m, access: a };
}

export async function getMinutes(ctx: MeetingsContext, minutesId: string) {
  const r = await loadMinutes(ctx, minutesId);
  const agenda = await agendaOf(ctx.db, r.minutes.meetingId);
  return { ...r, agenda };
}

const locked = () => new AppError('minutes_locked', 409, 'minutes.errors.locked');

/** Starts the first version of the minutes (draft). */
export async function createMinutes(ctx: MeetingsContext, meetingId: string): Promise<Minutes> {
  const a = await loadMeeting(ctx.db, ctx.actor, meetingId);
  authorize(ctx.actor, 'minutes.manage', a.resource);
  return ctx.db.transaction(async (tx) => {
    await tx.execute(sql`select id from meetings where id = ${meetingId} for update`);
    const existing = await minutesOf(tx, meetingId);
    if (existing.length) return existing[0];
    const [m] = await tx
      .insert(meetingMinutes)
      .values({ meetingId, version: 1, createdBy: isUser(ctx.actor) ? ctx.actor.userId : null })
      .returning();
    await recordAudit(tx, {
      action: 'minutes.create',
      actor: ctx.actor,
      targetType: 'meeting_minutes',
      targetId: m.id,
      ip: ctx.ip,
      details: { meetingId, version: 1 },
    });
    await reindexSearch(tx, 'minutes', [m.id]);
    return m;
  });
}

export interface MinutesInput {
  summary: TranslatableText;
  items: MinutesItems;
}

/** Saves a draft or circulated version's text; an adopted version is refused (409), and the database refuses too. */
export async function saveMinutes(ctx: MeetingsContext, minutesId: string, input: MinutesInput) {
  const { minutes, access } = await loadMinutes(ctx, minutesId);
  authorize(ctx.actor, 'minutes.manage', access.resource);
  if (minutes.status === 'adopted') throw locked();
  const agendaIds = new Set((await agendaOf(ctx.db, minutes.meetingId)).map((i) => i.id));
  const fields: FieldError[] = [];
  for (const k of Object.keys(input.items))
    if (!agendaIds.has(k)) fields.push({ field: `items.${k}`, messageKey: 'validation.choice' });
  if (fields.length) throw invalid(fields);
  await ctx.db.transaction(async (tx) => {
    const r = await tx
      .update(meetingMinutes)
      .set({ summary: input.summary, items: input.items, updatedAt: sql`now()` })
      .where(and(eq(meetingMinutes.id, minutesId), sql`${meetingMinutes.status} <> 'adopted'`))
      .returning({ id: meetingMinutes.id });
    if (!r.length) throw locked();
    await recordAudit(tx, {
      action: 'minutes.update',
      actor: ctx.actor,
      targetType: 'meeting_minutes',
      targetId: minutesId,
      ip: ctx.ip,
      details: {
        meetingId: minutes.meetingId,
        version: minutes.version,
        sha256: minutesSha256({ ...minutes, ...input }),
      },
    });
    await reindexSearch(tx, 'minutes', [minutesId]);
  });
}

/** The attendees (present, or every invitee when attendance is not recorded) with an account. */
async function attendeeUsers(tx: Tx, meetingId: string) {
  const rows = await tx
    .select({ personId: meetingInvitees.personId, attendance: meetingInvitees.attendance })
    .from(meetingInvitees)
    .where(eq(meetingInvitees.meetingId, meetingId));
  const recorded = rows.some((r) => r.attendance);
  const persons = rows.filter((r) => !recorded || r.attendance === 'present').map((r) => r.personId);
  if (!persons.length) return [];
  return tx
    .select({ id: users.id })
    .from(users)
    .where(and(inArray(users.personId, persons), sql`${users.disabledAt} is null`));
}

/** Circulates a draft to the attendees for comments until the deadline (in-app notification and e-mail). */
export async function circulateMinutes(ctx: MeetingsContext, minutesId: string, deadline: Date | null) {
  const { minutes, access } = await loadMinutes(ctx, minutesId);
  authorize(ctx.actor, 'minutes.manage', access.resource);
  if (minutes.status === 'adopted') throw locked();
  if (!deadline || Number.isNaN(deadline.getTime()) || deadline.getTime() <= Date.now())
    throw invalid([{ field: 'deadline', messageKey: 'minutes.errors.deadline' }]);
  await ctx.db.transaction(async (tx) => {
    await tx
      .update(meetingMinutes)
      .set({ status: 'circulated', commentDeadline: deadline, updatedAt: sql`now()` })
      .where(eq(meetingMinutes.id, minutesId));
    const title = textIn(access.meeting.title, 'en');
    for (const u of await attendeeUsers(tx, minutes.meetingId))
      await notifyAndMail(tx, {
        userId: u.id,
        kind: 'minutes_comment',
        messageKey: 'minutes.notify.circulated',
        values: { title, deadline: deadline.toISOString().slice(0, 10) },
        url: `/compact/meetings/${minutes.meetingId}`,
        dedupeKey: `minutes:${minutesId}:circulated:${u.id}`,
        mail: {
          subjectKey: 'minutes.email.subject',
          kind: 'minutes_circulated',
          baseUrl: ctx.config.baseUrl,
          smtpConfigured: !!ctx.config.smtpUrl,
        },
      });
    await recordAudit(tx, {
      action: 'minutes.circulate',
      actor: ctx.actor,
      targetType: 'meeting_minutes',
      targetId: minutesId,
      ip: ctx.ip,
      details: { meetingId: minutes.meetingId, version: minutes.version, deadline: deadline.toISOString() },
    });
  });
}

/** An invitee comments on circulated minutes before the deadline; the author of the minutes is notified. */
export async function commentOnMinutes(ctx: MeetingsContext, minutesId: string, body: string) {
  const { minutes, access } = await loadMinutes(ctx, minutesId);
  authorize(ctx.actor, 'minutes.comment', {
    ...access.resource,
    minutesStatus: minutes.status,
    commentDeadline: minutes.commentDeadline,
  });
  const user = ctx.actor as UserActor;
  const text = body.normalize('NFC').trim();
  if (!text || text.length > 5000)
    throw invalid([
      { field: 'body', messageKey: text ? 'validation.maxLength' : 'validation.required', values: { limit: 5000 } },
    ]);
  return ctx.db.transaction(async (tx) => {
    const [c] = await tx
      .insert(minutesComments)
      .values({ minutesId, authorUserId: user.userId, authorName: user.name, body: text })
      .returning();
    if (minutes.createdBy && minutes.createdBy !== user.userId)
      await notify(tx, {
        userId: minutes.createdBy,
        kind: 'minutes_comment',
        messageKey: 'minutes.notify.comment',
        values: { name: user.name, title: textIn(access.meeting.title, 'en') },
        url: `/compact/meetings/${minutes.meetingId}#minutes`,
      });
    await recordAudit(tx, {
      action: 'minutes.comment',
      actor: ctx.actor,
      targetType: 'meeting_minutes',
      targetId: minutesId,
      ip: ctx.ip,
      details: { meetingId: minutes.meetingId, commentId: c.id, length: text.length },
    });
    return c;
  });
}

/** Adopts a version: it is locked, its SHA-256 recorded on the row and in the audit chain. */
export async function adoptMinutes(ctx: MeetingsContext, minutesId: string): Promise<{ sha256: string }> {
  const { minutes, access } = await loadMinutes(ctx, minutesId);
  authorize(ctx.actor, 'minutes.manage', access.resource);
  if (minutes.status === 'adopted') throw locked();
  const hasText = LOCALES.some((l) => minutes.summary[l]);
  if (!hasText) throw invalid([{ field: 'summary', messageKey: 'minutes.errors.empty' }], 'minutes.errors.empty');
  return ctx.db.transaction(async (tx) => {
    const [cur] = await tx.select().from(meetingMinutes).where(eq(meetingMinutes.id, minutesId)).for('update');
    if (!cur || cur.status === 'adopted') throw locked();
    const sha256 = minutesSha256(cur);
    await tx
      .update(meetingMinutes)
      .set({ status: 'adopted', sha256, adoptedAt: sql`now()`, updatedAt: sql`now()` })
      .where(eq(meetingMinutes.id, minutesId));
    await resolveNotifications(tx, `minutes:${minutesId}`);
    await recordAudit(tx, {
      action: 'minutes.adopt',
      actor: ctx.actor,
      targetType: 'meeting_minutes',
      targetId: minutesId,
      ip: ctx.ip,
      details: { meetingId: cur.meetingId, version: cur.version, previousId: cur.previousId, sha256 },
    });
    return { sha256 };
  });
}

/** A corrigendum: a new draft version of the adopted latest version, referencing it (both are kept). */
export async function corrigendum(ctx: MeetingsContext, minutesId: string): Promise<Minutes> {
  const { minutes, access } = await loadMinutes(ctx, minutesId);
  authorize(ctx.actor, 'minutes.manage', access.resource);
  if (minutes.status !== 'adopted') throw new AppError('not_adopted', 409, 'minutes.errors.notAdopted');
  return ctx.db.transaction(async (tx) => {
    await tx.execute(sql`select id from meetings where id = ${minutes.meetingId} for update`);
    const [latest] = await minutesOf(tx, minutes.meetingId);
    if (latest.id !== minutes.id) throw new AppError('not_latest', 409, 'minutes.errors.notLatest');
    const [m] = await tx
      .insert(meetingMinutes)
      .values({
        meetingId: minutes.meetingId,
        version: minutes.version + 1,
        previousId: minutes.id,
        summary: minutes.summary,
        items: minutes.items,
        createdBy: (ctx.actor as UserActor).userId,
      })
      .returning();
    await recordAudit(tx, {
      action: 'minutes.corrigendum',
      actor: ctx.actor,
      targetType: 'meeting_minutes',
      targetId: m.id,
      ip: ctx.ip,
      details: {
        meetingId: minutes.meetingId,
        version: m.version,
        corrects: minutes.id,
        correctsSha256: minutes.sha256,
      },
    });
    await reindexSearch(tx, 'minutes', [m.id]);
    return m;
  });
}

/** Minutes circulated to the person for comments, deadline not passed (the `tasks` hook). */
export async function minutesToComment(db: Db, personId: string | null) {
  if (!personId) return [];
  return db
    .select({ id: meetingMinutes.id, meetingId: meetingMinutes.meetingId, deadline: meetingMinutes.commentDeadline })
    .from(meetingMinutes)
    .innerJoin(meetingInvitees, eq(meetingInvitees.meetingId, meetingMinutes.meetingId))
    .where(
      and(
        eq(meetingMinutes.status, 'circulated' satisfies MinutesStatus),
        eq(meetingInvitees.personId, personId),
        or(sql`${meetingMinutes.commentDeadline} is null`, sql`${meetingMinutes.commentDeadline} > now()`),
      ),
    )
    .orderBy(asc(meetingMinutes.commentDeadline));
}
