// Organizers' bulk tools on an event's registrations: one decision for many (accept, decline, waiting list), messages
// e-mailed to all or selected participants (each in their language, through the outbox, sent once), and the lists
// behind the printable badges and participants list. Everything is for the event's managers (`event.manage`).
import { and, asc, eq, inArray, ne, notLike, sql, type SQL } from 'drizzle-orm';
import { AppError, invalid, notFound, type FieldError } from '../../../platform/http/errors.ts';
import { recordAudit } from '../../../platform/audit/audit.service.ts';
import { queueMails, type MailMessage } from '../../../platform/mail/mailer.ts';
import { renderEmail } from '../../../platform/mail/template.tsx';
import { ERASED_EMAIL_PATTERN } from '../../../platform/privacy/privacy.types.ts';
import { pick, textIn, type TranslatableText } from '../../../platform/i18n/text.ts';
import { isUuid } from '../../../platform/db/sql.ts';
import { isUser } from '../../../platform/auth/policy.ts';
import { organizationsRef } from '../../directory/index.ts';
import {
  eventMessageRecipients,
  eventMessages,
  eventRegistrations,
  REGISTRATION_STATUSES,
  type MessageAudience,
  type RegistrationStatus,
} from '../events.schema.ts';
import { authorizeManage, findVisibleEvent, managedEvent, type EventsContext } from '../shared/events.service.ts';
import { registrationMail } from './registration.mail.ts';
import { lockEvent, promoteFromWaitlist, type Decision } from './registration.service.ts';

/** At most this many registrations picked one by one in one request (a filter reaches any number). */
export const MAX_SELECTED = 10_000;
const EVENT_FULL = 'CT409';
const notErased = notLike(eventRegistrations.email, ERASED_EMAIL_PATTERN);

const sqlState = (err: unknown): string | undefined => {
  for (let e = err as { code?: unknown; cause?: unknown } | undefined; e; e = e.cause as typeof e)
    if (typeof e.code === 'string') return e.code;
  return undefined;
};

/** Which registrations a bulk tool acts on: the ones picked, or every one with a status. */
export type Selection = { registrationIds: string[] } | { status: RegistrationStatus };

function selectionSql(eventId: string, sel: Selection): SQL {
  const own = eq(eventRegistrations.eventId, eventId);
  if ('status' in sel) return and(own, eq(eventRegistrations.status, sel.status))!;
  return and(own, inArray(eventRegistrations.id, sel.registrationIds))!;
}

/** 422 for a malformed or empty selection; 404 when a picked registration is not one of the event's. */
function checkSelection(sel: Selection) {
  if ('status' in sel) {
    if (!(REGISTRATION_STATUSES as readonly string[]).includes(sel.status))
      throw invalid([{ field: 'status', messageKey: 'validation.choice' }]);
    return;
  }
  const ids = sel.registrationIds;
  if (!ids.length) throw invalid([{ field: 'ids', messageKey: 'events.bulk.noneSelected' }]);
  if (ids.length > MAX_SELECTED)
    throw invalid([{ field: 'ids', messageKey: 'validation.maxItems', values: { limit: MAX_SELECTED } }]);
  if (!ids.every(isUuid)) throw invalid([{ field: 'ids', messageKey: 'validation.invalid' }]);
}

const TO: Record<Decision, RegistrationStatus> = { accept: 'accepted', decline: 'declined', waitlist: 'waitlisted' };

export interface BulkResult {
  decision: Decision;
  /** Registrations whose status changed (each was told by e-mail). */
  changed: number;
  /** Picked registrations already in that status, or cancelled: left as they are. */
  unchanged: number;
}

/**
 * One decision for many registrations, in one transaction under the event's row lock: all of them or none. Accepting
 * more people than there are free seats is refused (409) before anything changes; the seats trigger's conditional
 * statement stands behind that check. Each person changed gets the decision e-mail in their language; seats freed
 * by declining or moving accepted people go to the waiting list (automatic approval).
 */
export async function bulkDecide(
  ctx: EventsContext,
  idOrSlug: string,
  sel: Selection,
  decision: Decision,
  now = new Date(),
): Promise<BulkResult> {
  const visible = await findVisibleEvent(ctx, idOrSlug);
  await authorizeManage(ctx, visible.id);
  if (!(decision in TO)) throw invalid([{ field: 'decision', messageKey: 'validation.choice' }]);
  checkSelection(sel);
  const to = TO[decision];
  try {
    return await ctx.db.transaction(async (tx) => {
      const e = await lockEvent(tx, visible.id);
      const picked = await tx
        .select({ id: eventRegistrations.id, status: eventRegistrations.status })
        .from(eventRegistrations)
        .where(selectionSql(e.id, sel));
      if ('registrationIds' in sel && picked.length !== new Set(sel.registrationIds).size) throw notFound();
      const targets = picked.filter((r) => r.status !== 'cancelled' && r.status !== to);
      if (to === 'accepted' && e.capacity !== null && targets.length > e.capacity - e.seatsTaken)
        throw new AppError('event_full', 409, 'events.bulk.overCapacity', {
          selected: targets.length,
          free: Math.max(0, e.capacity - e.seatsTaken),
        });
      const changed = [];
      for (let i = 0; i < targets.length; i += 5000)
        changed.push(
          ...(await tx
            .update(eventRegistrations)
            .set({ status: to, decidedAt: now, updatedAt: now })
            .where(
              inArray(
                eventRegistrations.id,
                targets.slice(i, i + 5000).map((r) => r.id),
              ),
            )
            .returning()),
        );
      await queueMails(
        tx,
        changed.map((r) => registrationMail(ctx.config, e, r, to)),
        !!ctx.config.smtpUrl,
      );
      await recordAudit(tx, {
        action: 'event.registrations.decided',
        actor: ctx.actor,
        targetType: 'event',
        targetId: e.id,
        ip: ctx.ip,
        details: {
          decision,
          selection: 'status' in sel ? { status: sel.status } : { picked: sel.registrationIds.length },
          changed: changed.length,
          registrations: changed.map((r) => r.id),
        },
      });
      if (targets.some((r) => r.status === 'accepted') && to !== 'accepted') await promoteFromWaitlist(tx, ctx, e, now);
      return { decision, changed: changed.length, unchanged: picked.length - changed.length };
    });
  } catch (err) {
    if (sqlState(err) === EVENT_FULL) throw new AppError('event_full', 409, 'events.closed.full');
    throw err;
  }
}

// ---------- messages ----------

export const MESSAGE_STATUSES = ['accepted', 'pending', 'waitlisted'] as const satisfies RegistrationStatus[];
const KEY = /^[\w.:-]{8,128}$/;

export interface MessageInput {
  subject: TranslatableText;
  body: TranslatableText;
  audience: MessageAudience;
  /** The form's hidden key or the API's Idempotency-Key: the same key never sends twice. */
  key: string;
}

/** Checks a message (the form's field names); throws 422 with every field's error. */
export function checkMessage(input: MessageInput, textErrors: FieldError[] = []) {
  const fields = [...textErrors];
  const present = (f: TranslatableText) => Object.values(f).some((v) => v?.text.trim());
  if (!present(input.subject)) fields.push({ field: 'subject_en', messageKey: 'text.errors.oneLanguage' });
  if (!present(input.body)) fields.push({ field: 'body_en', messageKey: 'text.errors.oneLanguage' });
  for (const v of Object.values(input.subject))
    if (v && v.text.length > 200)
      fields.push({ field: 'subject', messageKey: 'validation.maxLength', values: { limit: 200 } });
  for (const v of Object.values(input.body))
    if (v && v.text.length > 10_000)
      fields.push({ field: 'body', messageKey: 'validation.maxLength', values: { limit: 10_000 } });
  if (!KEY.test(input.key)) fields.push({ field: 'key', messageKey: 'events.errors.idempotencyKey' });
  const a = input.audience;
  if ('statuses' in a) {
    if (!a.statuses.length) fields.push({ field: 'statuses', messageKey: 'events.messages.noAudience' });
    if (a.statuses.some((s) => !(MESSAGE_STATUSES as readonly string[]).includes(s)))
      fields.push({ field: 'statuses', messageKey: 'validation.choice' });
  } else {
    try {
      checkSelection(a);
    } catch {
      fields.push({ field: 'ids', messageKey: 'events.bulk.noneSelected' });
    }
  }
  if (fields.length) throw invalid(fields);
}

/** The organizer's message in a recipient's language: their version of subject and body, else the original. */
function messageMail(
  config: EventsContext['config'],
  e: { slug: string; title: TranslatableText },
  m: { subject: TranslatableText; body: TranslatableText },
  r: { fullName: string; email: string; locale: string },
): MailMessage {
  const locale = r.locale as Parameters<typeof textIn>[1];
  const body = textIn(m.body, locale);
  const mail = renderEmail(locale, r.fullName, {
    subjectKey: 'events.mail.message.subject',
    paragraphs: body
      .split(/\n{2,}/)
      .map((p) => p.trim())
      .filter(Boolean)
      .map((p) => ({ key: 'events.mail.message.body', values: { body: p } })),
    action: { labelKey: 'events.mail.view', url: `${config.baseUrl}/events/${e.slug}` },
    values: { title: textIn(e.title, locale), subject: textIn(m.subject, locale) },
  });
  return { to: r.email, locale, kind: 'event_message', ...mail };
}

export interface SendResult {
  messageId: string;
  /** People e-mailed by this request (0 when the key was used before: nothing is sent twice). */
  sent: number;
  already: boolean;
  recipients: number;
}

/**
 * E-mails a message to the event's participants with the given statuses, or to the registrations picked: one e-mail
 * each, in their language, queued in the outbox in the same transaction as the message and its audit entry. The
 * message is claimed by one conditional INSERT on (event, author, key), each recipient by one on (message,
 * registration): a repeated or concurrent submission sends nothing more.
 */
export async function sendMessage(
  ctx: EventsContext,
  idOrSlug: string,
  input: MessageInput,
  textErrors: FieldError[] = [],
): Promise<SendResult> {
  const e = await managedEvent(ctx, idOrSlug);
  if (!isUser(ctx.actor)) throw notFound();
  const userId = ctx.actor.userId;
  checkMessage(input, textErrors);
  const audience: MessageAudience =
    'statuses' in input.audience
      ? { statuses: [...new Set(input.audience.statuses)] }
      : { registrationIds: [...new Set(input.audience.registrationIds)] };
  return ctx.db.transaction(async (tx) => {
    const [m] = await tx
      .insert(eventMessages)
      .values({
        eventId: e.id,
        subject: input.subject,
        body: input.body,
        audience,
        idempotencyKey: input.key,
        createdBy: userId,
      })
      .onConflictDoNothing()
      .returning();
    if (!m) {
      const [prior] = await tx
        .select()
        .from(eventMessages)
        .where(
          and(
            eq(eventMessages.eventId, e.id),
            eq(eventMessages.createdBy, userId),
            eq(eventMessages.idempotencyKey, input.key),
          ),
        );
      return { messageId: prior.id, sent: 0, already: true, recipients: prior.recipients };
    }
    const who = and(
      eq(eventRegistrations.eventId, e.id),
      notErased,
      ne(eventRegistrations.status, 'cancelled'),
      'statuses' in audience
        ? inArray(eventRegistrations.status, audience.statuses)
        : inArray(eventRegistrations.id, audience.registrationIds),
    );
    const people = await tx
      .select({
        id: eventRegistrations.id,
        fullName: eventRegistrations.fullName,
        email: eventRegistrations.email,
        locale: eventRegistrations.locale,
      })
      .from(eventRegistrations)
      .where(who)
      .orderBy(asc(eventRegistrations.createdAt), asc(eventRegistrations.id));
    if ('registrationIds' in audience && people.length === 0) throw notFound();
    const claimed = new Set<string>();
    for (let i = 0; i < people.length; i += 1000) {
      const rows = await tx
        .insert(eventMessageRecipients)
        .values(people.slice(i, i + 1000).map((p) => ({ messageId: m.id, registrationId: p.id })))
        .onConflictDoNothing()
        .returning({ id: eventMessageRecipients.registrationId });
      for (const r of rows) claimed.add(r.id);
    }
    const to = people.filter((p) => claimed.has(p.id));
    await queueMails(
      tx,
      to.map((p) => messageMail(ctx.config, e, input, p)),
      !!ctx.config.smtpUrl,
    );
    await tx.update(eventMessages).set({ recipients: to.length }).where(eq(eventMessages.id, m.id));
    await recordAudit(tx, {
      action: 'event.message.sent',
      actor: ctx.actor,
      targetType: 'event_message',
      targetId: m.id,
      ip: ctx.ip,
      details: { eventId: e.id, recipients: to.length, audience: 'statuses' in audience ? audience : 'picked' },
    });
    return { messageId: m.id, sent: to.length, already: false, recipients: to.length };
  });
}

/** The messages sent for an event, newest first, with their subject in the reader's language. */
export async function listMessages(ctx: EventsContext, idOrSlug: string) {
  const e = await managedEvent(ctx, idOrSlug);
  const rows = await ctx.db
    .select()
    .from(eventMessages)
    .where(eq(eventMessages.eventId, e.id))
    .orderBy(sql`${eventMessages.createdAt} desc`)
    .limit(200);
  return { event: e, rows };
}

/** How many registrations each status has (the message form's audience choices). */
export async function audienceCounts(ctx: EventsContext, eventId: string) {
  const rows = await ctx.db
    .select({ status: eventRegistrations.status, n: sql<number>`count(*)::int` })
    .from(eventRegistrations)
    .where(and(eq(eventRegistrations.eventId, eventId), notErased))
    .groupBy(eventRegistrations.status);
  return Object.fromEntries(rows.map((r) => [r.status, r.n])) as Partial<Record<RegistrationStatus, number>>;
}

/** The picked registrations' names (the message form shows whom it goes to). */
export async function pickedNames(ctx: EventsContext, eventId: string, ids: string[]) {
  if (!ids.length || !ids.every(isUuid)) return [];
  return ctx.db
    .select({ id: eventRegistrations.id, fullName: eventRegistrations.fullName })
    .from(eventRegistrations)
    .where(and(eq(eventRegistrations.eventId, eventId), inArray(eventRegistrations.id, ids.slice(0, MAX_SELECTED))))
    .orderBy(asc(eventRegistrations.fullName));
}

// ---------- printable lists ----------

/**
 * The event's participants with a status (accepted by default) for badges and the printable list, by organization
 * then name: the organization's name in the reader's language, or the one an organizer's file gave.
 */
export async function printableParticipants(ctx: EventsContext, idOrSlug: string, status: RegistrationStatus) {
  const e = await managedEvent(ctx, idOrSlug);
  const org = organizationsRef();
  const rows = await ctx.db
    .select({
      id: eventRegistrations.id,
      fullName: eventRegistrations.fullName,
      orgNames: org.names,
      orgAcronym: org.acronym,
      organizationName: eventRegistrations.organizationName,
      orgType: eventRegistrations.orgType,
      delegationRole: eventRegistrations.delegationRole,
      attendance: eventRegistrations.attendance,
      checkedInAt: eventRegistrations.checkedInAt,
    })
    .from(eventRegistrations)
    .leftJoin(org, eq(org.id, eventRegistrations.organizationId))
    .where(and(eq(eventRegistrations.eventId, e.id), eq(eventRegistrations.status, status), notErased))
    .orderBy(
      asc(sql`coalesce(${org.names}->>'en', ${eventRegistrations.organizationName}, '')`),
      asc(eventRegistrations.fullName),
      asc(eventRegistrations.id),
    );
  return { event: e, rows };
}
export type PrintableRow = Awaited<ReturnType<typeof printableParticipants>>['rows'][number];

/** A registration's subject or body version for the history list (reader's language). */
export const messageSubject = (m: { subject: TranslatableText }, locale: Parameters<typeof pick>[1]) =>
  pick(m.subject, locale)?.text ?? '';
