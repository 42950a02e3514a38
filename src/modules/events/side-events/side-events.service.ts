// Side events of an umbrella week: proposals by one organization with co-organizers, review by the secretariat
// (accept or reject with a reason, e-mailed to the proposer in their language), scheduling into the week.
// An accepted proposal becomes a side event (a draft until scheduled) whose organizers count in the week's sentence.
import { zonedTime } from '../../../platform/i18n/time.ts';
import { and, asc, desc, eq } from 'drizzle-orm';
import { authorize, isUser } from '../../../platform/auth/policy.ts';
import { AppError, invalid, notFound, type FieldError } from '../../../platform/http/errors.ts';
import { recordAudit } from '../../../platform/audit/audit.service.ts';
import { queueMail } from '../../../platform/mail/mailer.ts';
import { renderEmail } from '../../../platform/mail/template.tsx';
import { isLocale, type Locale } from '../../../platform/i18n/index.ts';
import { userContact } from '../../access/index.ts';
import {
  findOrganizations,
  isUuid,
  ORG_TYPES,
  organizationsRef,
  findVisibleOrganizations,
} from '../../directory/index.ts';
import { EVENT_FORMATS, eventOrganizers, eventSideEventProposals, events, type EventFormat } from '../events.schema.ts';
import { authorizeManage, findVisibleEvent, type EventRow, type EventsContext } from '../shared/events.service.ts';
import { formatRange } from '../shared/time.ts';
import { saveEventDraft } from '../publication/publication.service.ts';
import { mailEventChange } from '../registration/updates.service.ts';
import { textIn as text } from '../../../platform/i18n/text.ts';
import { nameErrors } from '../../../platform/integrity/index.ts';

export interface ProposalInput {
  proposerOrgId: string;
  coOrganizerOrgIds: string[];
  title: string;
  summary: string;
  language: string;
  format: string;
  preferredTime: string;
}
export type Proposal = typeof eventSideEventProposals.$inferSelect;

export async function findWeek(ctx: EventsContext, slug: string): Promise<EventRow> {
  const e = await findVisibleEvent(ctx, slug);
  if (e.type !== 'week') throw notFound();
  return e;
}

/** The organizations the actor may propose for: their own and those they are a focal point of. */
export async function proposerOrgs(ctx: EventsContext) {
  if (!isUser(ctx.actor)) return [];
  const ids = [...new Set([...ctx.actor.orgIds, ...ctx.actor.focalOrgIds])];
  return (await findOrganizations(ctx.db, ids)).map((o) => ({ id: o.id, names: o.names }));
}

export async function proposeSideEvent(ctx: EventsContext, weekSlug: string, input: ProposalInput, now = new Date()) {
  authorize(ctx.actor, 'event.sideEvent.propose');
  const actor = ctx.actor;
  const w = await findWeek(ctx, weekSlug);
  if (w.endsAt <= now || w.status !== 'published') throw new AppError('conflict', 409, 'events.side.closed');
  const fields: FieldError[] = [];
  const mine = await proposerOrgs(ctx);
  if (!mine.some((o) => o.id === input.proposerOrgId))
    fields.push({ field: 'proposerOrgId', messageKey: 'validation.choice' });
  const co = [...new Set(input.coOrganizerOrgIds)].filter((id) => id !== input.proposerOrgId);
  if (!co.length) fields.push({ field: 'coOrganizerOrgIds', messageKey: 'events.side.coOrganizerRequired' });
  else if (co.length > 20)
    fields.push({ field: 'coOrganizerOrgIds', messageKey: 'validation.maxItems', values: { limit: 20 } });
  else if (co.some((id) => !isUuid(id)) || (await findVisibleOrganizations(ctx.db, ctx.actor, co)).length !== co.length)
    fields.push({ field: 'coOrganizerOrgIds', messageKey: 'validation.choice' });
  const title = input.title.trim();
  const summary = input.summary.trim();
  if (!title) fields.push({ field: 'title', messageKey: 'validation.required' });
  else if (title.length > 300)
    fields.push({ field: 'title', messageKey: 'validation.maxLength', values: { limit: 300 } });
  if (!summary) fields.push({ field: 'summary', messageKey: 'validation.required' });
  else if (summary.length > 5000)
    fields.push({ field: 'summary', messageKey: 'validation.maxLength', values: { limit: 5000 } });
  // published on the week's programme as proposed: no hidden controls, broken encodings or look-alike words
  fields.push(...nameErrors({ title, summary, preferredTime: input.preferredTime }));
  if (!isLocale(input.language)) fields.push({ field: 'language', messageKey: 'validation.choice' });
  if (!(EVENT_FORMATS as readonly string[]).includes(input.format))
    fields.push({ field: 'format', messageKey: 'validation.choice' });
  if (input.preferredTime.length > 300)
    fields.push({ field: 'preferredTime', messageKey: 'validation.maxLength', values: { limit: 300 } });
  if (fields.length) throw invalid(fields);
  return ctx.db.transaction(async (tx) => {
    const [p] = await tx
      .insert(eventSideEventProposals)
      .values({
        weekId: w.id,
        proposerOrgId: input.proposerOrgId,
        coOrganizerOrgIds: co,
        title,
        summary,
        language: input.language as Locale,
        format: input.format as EventFormat,
        preferredTime: input.preferredTime.trim() || null,
        proposedBy: actor.userId,
      })
      .returning();
    await recordAudit(tx, {
      action: 'event.side_event.proposed',
      actor,
      targetType: 'side_event_proposal',
      targetId: p.id,
      ip: ctx.ip,
      details: { weekId: w.id, coOrganizers: co.length },
    });
    return p;
  });
}

export async function listProposals(ctx: EventsContext, weekSlug: string) {
  const w = await findWeek(ctx, weekSlug);
  await authorizeManage(ctx, w.id);
  const org = organizationsRef();
  const rows = await ctx.db
    .select({ p: eventSideEventProposals, proposer: org.names })
    .from(eventSideEventProposals)
    .innerJoin(org, eq(org.id, eventSideEventProposals.proposerOrgId))
    .where(eq(eventSideEventProposals.weekId, w.id))
    .orderBy(asc(eventSideEventProposals.status), desc(eventSideEventProposals.createdAt))
    .limit(1000);
  return { week: w, rows };
}

export async function getProposal(ctx: EventsContext, weekSlug: string, id: string) {
  const w = await findWeek(ctx, weekSlug);
  await authorizeManage(ctx, w.id);
  if (!isUuid(id)) throw notFound();
  const p = (
    await ctx.db
      .select()
      .from(eventSideEventProposals)
      .where(and(eq(eventSideEventProposals.id, id), eq(eventSideEventProposals.weekId, w.id)))
      .limit(1)
  )[0];
  if (!p) throw notFound();
  const orgs = (await findOrganizations(ctx.db, [p.proposerOrgId, ...p.coOrganizerOrgIds])).map((o) => ({
    id: o.id,
    names: o.names,
  }));
  const sideEvent = p.eventId
    ? ((await ctx.db.select().from(events).where(eq(events.id, p.eventId)).limit(1))[0] ?? null)
    : null;
  return { week: w, proposal: p, orgs, sideEvent };
}

async function mailProposer(
  tx: Parameters<Parameters<EventsContext['db']['transaction']>[0]>[0],
  ctx: EventsContext,
  w: EventRow,
  p: Proposal,
  kind: 'accepted' | 'rejected' | 'scheduled',
  extra: (l: Locale) => Record<string, string> = () => ({}),
) {
  if (!p.proposedBy) return;
  const u = await userContact(tx, p.proposedBy);
  if (!u) return;
  const locale = (isLocale(u.locale) ? u.locale : 'en') as Locale;
  const paragraphs = [
    { key: `events.side.mail.${kind}.body` },
    ...(kind === 'rejected' ? [{ key: 'events.side.mail.reason' }] : []),
  ];
  const mail = renderEmail(locale, u.name, {
    subjectKey: `events.side.mail.${kind}.subject`,
    paragraphs,
    action: { labelKey: 'events.mail.view', url: `${ctx.config.baseUrl}/events/${w.slug}` },
    values: { title: p.title, week: text(w.title, locale), reason: p.reason ?? '', ...extra(locale) },
  });
  await queueMail(tx, { to: u.email, locale, kind: `side_event_${kind}`, ...mail }, !!ctx.config.smtpUrl);
}

/**
 * Accepts (creating the side event, a draft until scheduled) or rejects with a reason; the proposer is told by e-mail.
 */
export async function decideProposal(
  ctx: EventsContext,
  weekSlug: string,
  id: string,
  decision: 'accept' | 'reject',
  reason: string,
  now = new Date(),
) {
  const { week: w, proposal } = await getProposal(ctx, weekSlug, id);
  const r = reason.trim();
  if (decision === 'reject' && !r) throw invalid([{ field: 'reason', messageKey: 'events.side.reasonRequired' }]);
  if (r.length > 2000)
    throw invalid([{ field: 'reason', messageKey: 'validation.maxLength', values: { limit: 2000 } }]);
  const actor = ctx.actor;
  return ctx.db.transaction(async (tx) => {
    const [p] = await tx
      .select()
      .from(eventSideEventProposals)
      .where(eq(eventSideEventProposals.id, proposal.id))
      .for('update');
    if (p.status !== 'submitted') throw new AppError('conflict', 409, 'events.side.alreadyDecided');
    let eventId: string | null = null;
    if (decision === 'accept') {
      const slug = `${w.slug}-side-${p.id.slice(0, 8)}`;
      const [e] = await tx
        .insert(events)
        .values({
          slug,
          type: 'side_event',
          status: 'draft',
          parentId: w.id,
          title: { [p.language]: { text: p.title, status: 'original' } },
          summary: { [p.language]: { text: p.summary, status: 'original' } },
          format: p.format,
          timeZone: w.timeZone,
          allDay: true,
          startsAt: w.startsAt,
          endsAt: w.endsAt,
          visibility: w.visibility,
          openTo: [...ORG_TYPES],
          registrationMode: 'closed',
          pillars: [],
          themes: [],
          createdBy: isUser(actor) ? actor.userId : null,
        })
        .returning({ id: events.id });
      await tx.insert(eventOrganizers).values([
        { eventId: e.id, organizationId: p.proposerOrgId, role: 'organizer', sort: 0 },
        ...p.coOrganizerOrgIds.map((o, i) => ({
          eventId: e.id,
          organizationId: o,
          role: 'co_organizer' as const,
          sort: i + 1,
        })),
      ]);
      eventId = e.id;
    }
    const [d] = await tx
      .update(eventSideEventProposals)
      .set({
        status: decision === 'accept' ? 'accepted' : 'rejected',
        reason: r || null,
        eventId,
        decidedBy: isUser(actor) ? actor.userId : null,
        decidedAt: now,
      })
      .where(eq(eventSideEventProposals.id, p.id))
      .returning();
    await recordAudit(tx, {
      action: `event.side_event.${d.status}`,
      actor,
      targetType: 'side_event_proposal',
      targetId: p.id,
      ip: ctx.ip,
      details: { weekId: w.id, eventId },
    });
    await mailProposer(tx, ctx, w, d, decision === 'accept' ? 'accepted' : 'rejected');
    return d;
  });
}

/**
 * Schedules an accepted side event into the week: date, time and room (local times of the week's zone); publishes it.
 */
export async function scheduleSideEvent(
  ctx: EventsContext,
  weekSlug: string,
  id: string,
  input: { startsAt: string; endsAt: string; room: string },
) {
  const { week: w, proposal } = await getProposal(ctx, weekSlug, id);
  if (proposal.status !== 'accepted' || !proposal.eventId)
    throw new AppError('conflict', 409, 'events.side.notAccepted');
  const fields: FieldError[] = [];
  const local = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/;
  const start = local.test(input.startsAt) ? zonedTime(input.startsAt, w.timeZone) : null;
  const end = local.test(input.endsAt) ? zonedTime(input.endsAt, w.timeZone) : null;
  if (!start) fields.push({ field: 'startsAt', messageKey: 'validation.dateTime' });
  if (!end) fields.push({ field: 'endsAt', messageKey: 'validation.dateTime' });
  if (start && end && end <= start) fields.push({ field: 'endsAt', messageKey: 'events.errors.endBeforeStart' });
  if (start && (start < w.startsAt || start >= w.endsAt))
    fields.push({ field: 'startsAt', messageKey: 'events.errors.outsideEvent' });
  if (end && end > w.endsAt) fields.push({ field: 'endsAt', messageKey: 'events.errors.outsideEvent' });
  const room = input.room.trim();
  if (!room) fields.push({ field: 'room', messageKey: 'validation.required' });
  else if (room.length > 200)
    fields.push({ field: 'room', messageKey: 'validation.maxLength', values: { limit: 200 } });
  if (fields.length) throw invalid(fields);
  await ctx.db.transaction(async (tx) => {
    const [before] = await tx.select().from(events).where(eq(events.id, proposal.eventId!)).for('update');
    const [after] = await tx
      .update(events)
      .set({
        startsAt: start!,
        endsAt: end!,
        allDay: false,
        venue: [w.venue, room].filter(Boolean).join(' — '),
        status: 'published',
        updatedAt: new Date(),
      })
      .where(eq(events.id, proposal.eventId!))
      .returning();
    // Rescheduled after its registrants had it: they get the new .ics (the trigger raised the SEQUENCE).
    if (before && after) await mailEventChange(tx, ctx.config, before, after);
    // Its public text (the room is part of the venue): readers get it once two people signed it (publication/).
    if (after) await saveEventDraft(ctx, tx, after);
    await recordAudit(tx, {
      action: 'event.side_event.scheduled',
      actor: ctx.actor,
      targetType: 'event',
      targetId: proposal.eventId!,
      ip: ctx.ip,
      details: { proposalId: proposal.id, room },
    });
    await mailProposer(tx, ctx, w, proposal, 'scheduled', (l) => ({
      when: formatRange(l, start!, end!, w.timeZone),
      room,
    }));
  });
}
