// The events module's personal data: registrations (name, e-mail address, answers, gender, the account), speakers'
// list entries and statements (speaker names), programme speakers and chairs, side-event proposals (the proposer's
// account only: proposals have no contact fields), delegations (the focal point's account only).
// Retention: registrations of events that ended more than retentionEventDays ago lose their personal fields; the row
// stays with what the statistics read (status, stakeholder category, organization, attendance, check-in), and the
// self-declared genders of accepted ones are added to the event's gender tally first, so the statistics do not change.
import { and, eq, gte, notLike, or, sql, type SQL } from 'drizzle-orm';
import type { Db, Tx } from '../../platform/db/client.ts';
import { escapeLike } from '../../platform/db/sql.ts';
import {
  ERASED_EMAIL_PATTERN,
  type DataSubject,
  type ExportSections,
  type PersonalData,
  type RetentionRule,
} from '../../platform/privacy/privacy.types.ts';
import {
  eventDelegations,
  eventRegistrations,
  eventScheduleVersions,
  eventSessions,
  eventSideEventProposals,
  eventSlots,
  eventSpeakers,
  eventStatements,
  events,
  type SessionSnapshot,
} from './events.schema.ts';
import { organizationsRef } from '../directory/index.ts';

const DAY = 86_400_000;
const count = sql<number>`count(*)::int`;
const ERASED_PARTICIPANT = 'Erased participant';
const notErased = notLike(eventRegistrations.email, ERASED_EMAIL_PATTERN);
const endedBefore = (cutoff: Date) =>
  sql`${eventRegistrations.eventId} in (select ${events.id} from ${events} where ${events.endsAt} < ${cutoff})`;

/** Adds the genders of the accepted registrations matching `where` to their events' tallies. */
async function tallyGenders(tx: Tx, where: SQL): Promise<void> {
  await tx.execute(sql`update events e set gender_tally = jsonb_build_object(
      'woman', coalesce((e.gender_tally->>'woman')::int, 0) + t.woman,
      'man', coalesce((e.gender_tally->>'man')::int, 0) + t.man,
      'other', coalesce((e.gender_tally->>'other')::int, 0) + t.other)
    from (select event_id,
        count(*) filter (where gender = 'woman')::int as woman,
        count(*) filter (where gender = 'man')::int as man,
        count(*) filter (where gender = 'other')::int as other
      from event_registrations
      where status = 'accepted' and gender in ('woman', 'man', 'other') and ${where}
      group by event_id) t
    where e.id = t.event_id`);
}

/** Clears the personal fields of the registrations matching `where`; returns the rows changed. */
async function pseudonymizeRegistrations(tx: Tx, where: SQL, name: string): Promise<number> {
  const r = await tx
    .update(eventRegistrations)
    .set({
      fullName: name,
      email: sql`'erased-' || ${eventRegistrations.id} || '@invalid'`,
      answers: {},
      gender: null,
      userId: null,
      idempotencyKey: null,
      updatedAt: new Date(),
    })
    .where(where)
    .returning({ id: eventRegistrations.id });
  return r.length;
}

const registrationsRule: RetentionRule = {
  kind: 'registrations',
  days: (c) => c.retentionEventDays,
  async due(db, config, now) {
    const cutoff = new Date(now.getTime() - config.retentionEventDays * DAY);
    const [d] = await db
      .select({ n: count })
      .from(eventRegistrations)
      .where(and(notErased, endedBefore(cutoff)));
    const [w] = await db
      .select({ first: sql<string | null>`min(${events.endsAt})` })
      .from(events)
      .where(
        and(
          gte(events.endsAt, cutoff),
          sql`exists (select 1 from ${eventRegistrations} where ${eventRegistrations.eventId} = ${events.id}
            and ${eventRegistrations.email} not like ${ERASED_EMAIL_PATTERN})`,
        ),
      );
    return {
      count: d.n,
      next: w.first ? new Date(new Date(w.first).getTime() + config.retentionEventDays * DAY) : null,
    };
  },
  async apply(tx, config, now) {
    const due = and(notErased, endedBefore(new Date(now.getTime() - config.retentionEventDays * DAY))) as SQL;
    await tallyGenders(tx, due);
    return pseudonymizeRegistrations(tx, due, ERASED_PARTICIPANT);
  },
};

/** The subject's own registrations: their account's, or registered under their e-mail address. */
function subjectRegistrations(s: DataSubject): SQL | undefined {
  const conds: SQL[] = [];
  if (s.userId) conds.push(eq(eventRegistrations.userId, s.userId));
  if (s.email) conds.push(eq(eventRegistrations.email, s.email));
  return conds.length ? and(notErased, or(...conds)) : undefined;
}
const byName = (column: SQL | typeof eventSpeakers.speakerName, name: string) => sql`lower(${column}) = lower(${name})`;

async function exportFor(db: Db, s: DataSubject): Promise<ExportSections> {
  const regs = subjectRegistrations(s);
  const out: Record<string, unknown[]> = {};
  out.registrations = regs
    ? await db
        .select({
          event: events.slug,
          eventTitle: events.title,
          fullName: eventRegistrations.fullName,
          email: eventRegistrations.email,
          status: eventRegistrations.status,
          attendance: eventRegistrations.attendance,
          gender: eventRegistrations.gender,
          answers: eventRegistrations.answers,
          questions: events.questions,
          checkedInAt: eventRegistrations.checkedInAt,
          createdAt: eventRegistrations.createdAt,
        })
        .from(eventRegistrations)
        .innerJoin(events, eq(events.id, eventRegistrations.eventId))
        .where(regs)
    : [];
  const statementOf: SQL[] = [];
  if (s.userId) statementOf.push(eq(eventStatements.createdBy, s.userId));
  if (s.name) statementOf.push(byName(eventStatements.speakerName as never, s.name) as SQL);
  out.statements = statementOf.length
    ? await db
        .select({
          event: events.slug,
          speakerName: eventStatements.speakerName,
          language: eventStatements.language,
          body: eventStatements.body,
          file: sql`${eventStatements.file}->>'name'`,
          createdAt: eventStatements.createdAt,
        })
        .from(eventStatements)
        .innerJoin(events, eq(events.id, eventStatements.eventId))
        .where(or(...statementOf))
    : [];
  const speakerOf: SQL[] = [];
  if (s.userId) speakerOf.push(eq(eventSpeakers.requestedBy, s.userId));
  if (s.name) speakerOf.push(byName(eventSpeakers.speakerName, s.name) as SQL);
  out.speakersListEntries = speakerOf.length
    ? await db
        .select({
          speakerName: eventSpeakers.speakerName,
          status: eventSpeakers.status,
          startedAt: eventSpeakers.startedAt,
          endedAt: eventSpeakers.endedAt,
          createdAt: eventSpeakers.createdAt,
        })
        .from(eventSpeakers)
        .where(or(...speakerOf))
    : [];
  out.sideEventProposals = s.userId
    ? await db
        .select({
          title: eventSideEventProposals.title,
          status: eventSideEventProposals.status,
          createdAt: eventSideEventProposals.createdAt,
        })
        .from(eventSideEventProposals)
        .where(eq(eventSideEventProposals.proposedBy, s.userId))
    : [];
  const organizations = organizationsRef();
  out.delegationsRegistered = s.userId
    ? await db
        .select({ event: events.slug, state: organizations.slug, createdAt: eventDelegations.createdAt })
        .from(eventDelegations)
        .innerJoin(events, eq(events.id, eventDelegations.eventId))
        .innerJoin(organizations, eq(organizations.id, eventDelegations.stateOrgId))
        .where(eq(eventDelegations.createdBy, s.userId))
    : [];
  return out;
}

async function erase(tx: Tx, s: DataSubject): Promise<number> {
  let n = 0;
  const regs = subjectRegistrations(s);
  if (regs) {
    // Accepted registrations of events already held keep counting in the gender statistics (as a count only).
    await tallyGenders(tx, and(regs, endedBefore(new Date())) as SQL);
    n += await pseudonymizeRegistrations(tx, regs, s.pseudonym);
  }
  if (!s.name) return n;
  const name = s.name;
  n += (
    await tx
      .update(eventSpeakers)
      .set({ speakerName: s.pseudonym })
      .where(byName(eventSpeakers.speakerName, name))
      .returning({ id: eventSpeakers.id })
  ).length;
  n += (
    await tx
      .update(eventStatements)
      .set({ speakerName: s.pseudonym })
      .where(byName(eventStatements.speakerName as never, name))
      .returning({ id: eventStatements.id })
  ).length;
  n += (
    await tx
      .update(eventSlots)
      .set({ speakerName: s.pseudonym })
      .where(byName(eventSlots.speakerName as never, name))
      .returning({ id: eventSlots.id })
  ).length;
  n += (
    await tx
      .update(eventSessions)
      .set({ chairName: s.pseudonym })
      .where(byName(eventSessions.chairName as never, name))
      .returning({ id: eventSessions.id })
  ).length;
  // Published programme versions keep a snapshot of the speakers' and chairs' names.
  const same = (v: string | null) => !!v && v.toLowerCase() === name.toLowerCase();
  const versions = await tx
    .select({ id: eventScheduleVersions.id, sessions: eventScheduleVersions.sessions })
    .from(eventScheduleVersions)
    .where(sql`${eventScheduleVersions.sessions}::text ilike ${`%${escapeLike(name)}%`}`);
  for (const v of versions) {
    const sessions: SessionSnapshot[] = v.sessions.map((x) => ({
      ...x,
      chairName: same(x.chairName) ? s.pseudonym : x.chairName,
      speakers: x.speakers.map((sp) => (same(sp) ? s.pseudonym : sp)),
    }));
    await tx.update(eventScheduleVersions).set({ sessions }).where(eq(eventScheduleVersions.id, v.id));
    n++;
  }
  return n;
}

export const eventsPersonalData: PersonalData = { retention: [registrationsRule], exportFor, erase };
