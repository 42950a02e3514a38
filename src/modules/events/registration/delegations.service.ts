// Delegations: a Member State's focal point registers the State's delegation, a head and members, each a registration
// with its own e-mail; serialised per event with SELECT … FOR UPDATE on the event row.
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../../platform/db/client.ts';
import { authorize, isUser, type Actor } from '../../../platform/auth/policy.ts';
import { AppError, invalid, type FieldError } from '../../../platform/http/errors.ts';
import { recordAudit } from '../../../platform/audit/audit.service.ts';
import { isLocale, type Locale } from '../../../platform/i18n/index.ts';
import { userByEmail } from '../../access/index.ts';
import { findOrganization, organizationChoices } from '../../directory/index.ts';
import { eventDelegations, eventRegistrations } from '../events.schema.ts';
import { findVisibleEvent, type EventsContext } from '../shared/events.service.ts';
import { mailRegistration } from './registration.mail.ts';
import {
  acceptedCount,
  attendanceFor,
  closedError,
  lockEvent,
  registrationWindow,
  seatFor,
  type Registration,
} from './registration.service.ts';
import { nameErrors } from '../../../platform/integrity/index.ts';

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
  // The language of the e-mails comes from a form too: checked with everything else, in one pass.
  if (!isLocale(input.locale)) fields.push({ field: 'locale', messageKey: 'validation.choice' });
  people.forEach((p, i) => {
    const prefix = i === 0 ? 'head' : `member${i}`;
    if (!p.fullName) fields.push({ field: `${prefix}Name`, messageKey: 'validation.required' });
    else fields.push(...nameErrors({ [`${prefix}Name`]: p.fullName }));
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
    fields.push({ field: 'attendance', messageKey: 'events.errors.attendance' });
  if (fields.length) throw invalid(fields);
  return ctx.db.transaction(async (tx) => {
    const e = await lockEvent(tx, visible.id);
    const state = await findOrganization(tx, input.stateOrgId);
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
      const account = await userByEmail(tx, p.email);
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

/** The Member States the actor is a focal point of, named in a language: whom the delegation form can register. */
export async function delegationStates(ctx: { db: Db; actor: Actor }, locale: Locale) {
  const focal = isUser(ctx.actor) ? ctx.actor.focalOrgIds : [];
  return organizationChoices(ctx, locale, { onlyIds: focal, types: ['member_state'] });
}
