// Participation statistics from accepted registrations, and the published figures of events held before the platform.
// Gender appears only in aggregate, only from self-declarations, and only when enough people declared it.
import { and, eq, inArray, ne, or, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../../platform/db/client.ts';
import { listFormat, translate, type Locale } from '../../../platform/i18n/index.ts';
import {
  ORG_TYPES,
  REGIONAL_GROUPS,
  organizationsRef,
  type OrgType,
  type RegionalGroup,
} from '../../directory/index.ts';
import {
  eventOrganizers,
  eventRegistrations,
  eventSideEventProposals,
  events,
  type ReportedFigures,
} from '../events.schema.ts';
import type { EventRow } from '../shared/events.service.ts';

/** Fewer self-declarations than this and gender is not shown at all (small counts identify people). */
export const GENDER_MIN = 5;
const INSTITUTIONS: OrgType[] = ['cso', 'academia', 'private_sector', 'faith_based', 'other'];

export interface Stats {
  participants: number;
  byCategory: Record<OrgType | 'none', number>;
  memberStates: number;
  regionalGroups: Record<RegionalGroup, number>;
  regionalAndInternationalOrgs: number;
  unEntities: number;
  institutions: number;
  womenLedCsos: number;
  youthLedCsos: number;
  attendance: { in_person: number; virtual: number };
  checkedIn: number;
  gender: { woman: number; man: number; other: number } | null;
}

export async function computeStats(db: Db, eventId: string): Promise<Stats> {
  // Two aggregates in the database: counts per stakeholder category, and the distinct organizations (a few hundred
  // rows at most) for the distinct counts — never one row per participant.
  const accepted = and(eq(eventRegistrations.eventId, eventId), eq(eventRegistrations.status, 'accepted'));
  const org = organizationsRef();
  const n = (cond: ReturnType<typeof sql>) => sql<number>`count(*) filter (where ${cond})`.mapWith(Number);
  const [cats, orgs, [tally]] = await Promise.all([
    db
      .select({
        orgType: eventRegistrations.orgType,
        count: sql<number>`count(*)`.mapWith(Number),
        inPerson: n(sql`${eventRegistrations.attendance} = 'in_person'`),
        virtual: n(sql`${eventRegistrations.attendance} = 'virtual'`),
        checkedIn: n(sql`${eventRegistrations.checkedInAt} is not null`),
        woman: n(sql`${eventRegistrations.gender} = 'woman'`),
        man: n(sql`${eventRegistrations.gender} = 'man'`),
        other: n(sql`${eventRegistrations.gender} = 'other'`),
      })
      .from(eventRegistrations)
      .where(accepted)
      .groupBy(eventRegistrations.orgType),
    db
      .selectDistinct({
        orgType: eventRegistrations.orgType,
        orgId: org.id,
        group: org.regionalGroup,
        womenLed: org.womenLed,
        youthLed: org.youthLed,
      })
      .from(eventRegistrations)
      .innerJoin(org, eq(org.id, eventRegistrations.organizationId))
      .where(accepted),
    // Genders of registrations whose personal fields retention or an erasure removed (kept as counts only).
    db.select({ g: events.genderTally }).from(events).where(eq(events.id, eventId)),
  ]);
  const byCategory = Object.fromEntries([...ORG_TYPES, 'none'].map((t) => [t, 0])) as Stats['byCategory'];
  for (const c of cats) byCategory[c.orgType ?? 'none'] += c.count;
  const kept = (k: string) => (k === 'woman' || k === 'man' || k === 'other' ? (tally?.g?.[k] ?? 0) : 0);
  const total = (k: 'count' | 'inPerson' | 'virtual' | 'checkedIn' | 'woman' | 'man' | 'other') =>
    cats.reduce((s, c) => s + c[k], kept(k));
  const distinct = (pred: (r: (typeof orgs)[number]) => boolean) => new Set(orgs.filter(pred).map((r) => r.orgId)).size;
  const regionalGroups = Object.fromEntries(
    REGIONAL_GROUPS.map((g) => [g, distinct((r) => r.orgType === 'member_state' && r.group === g)]),
  ) as Stats['regionalGroups'];
  const declared = total('woman') + total('man') + total('other');
  return {
    participants: total('count'),
    byCategory,
    memberStates: distinct((r) => r.orgType === 'member_state'),
    regionalGroups,
    regionalAndInternationalOrgs: distinct((r) => r.orgType === 'regional_org' || r.orgType === 'international_org'),
    unEntities: distinct((r) => r.orgType === 'un_entity'),
    institutions: distinct((r) => !!r.orgType && INSTITUTIONS.includes(r.orgType)),
    womenLedCsos: distinct((r) => r.orgType === 'cso' && !!r.womenLed),
    youthLedCsos: distinct((r) => r.orgType === 'cso' && !!r.youthLed),
    attendance: { in_person: total('inPerson'), virtual: total('virtual') },
    checkedIn: total('checkedIn'),
    gender: declared >= GENDER_MIN ? { woman: total('woman'), man: total('man'), other: total('other') } : null,
  };
}

/**
 * The sentence's figures of many events in one grouped query (the briefing pack: hundreds of events): accepted
 * registrations, and the distinct organizations of each category — the same counts `computeStats` gives.
 */
export async function sentenceStatsForEvents(
  db: Db | Tx,
  eventIds: string[],
): Promise<
  Map<
    string,
    Pick<Stats, 'participants' | 'memberStates' | 'regionalAndInternationalOrgs' | 'unEntities' | 'institutions'>
  >
> {
  if (!eventIds.length) return new Map();
  const org = organizationsRef();
  const distinct = (cond: ReturnType<typeof sql>) =>
    sql<number>`count(distinct ${org.id}) filter (where ${cond})`.mapWith(Number);
  const inst = sql.join(
    INSTITUTIONS.map((t) => sql`${t}`),
    sql`, `,
  );
  const rows = await db
    .select({
      eventId: eventRegistrations.eventId,
      participants: sql<number>`count(*)`.mapWith(Number),
      memberStates: distinct(sql`${eventRegistrations.orgType} = 'member_state'`),
      regionalAndInternationalOrgs: distinct(
        sql`${eventRegistrations.orgType} in ('regional_org', 'international_org')`,
      ),
      unEntities: distinct(sql`${eventRegistrations.orgType} = 'un_entity'`),
      institutions: distinct(sql`${eventRegistrations.orgType} in (${inst})`),
    })
    .from(eventRegistrations)
    .leftJoin(org, eq(org.id, eventRegistrations.organizationId))
    .where(and(inArray(eventRegistrations.eventId, eventIds), eq(eventRegistrations.status, 'accepted')))
    .groupBy(eventRegistrations.eventId);
  return new Map(rows.map(({ eventId, ...r }) => [eventId, r]));
}

/**
 * Side events of an umbrella week and the distinct organizations that organized them: published side events and
 * those from accepted proposals (still drafts until scheduled); cancelled ones do not count.
 */
export async function sideEventCounts(db: Db, weekId: string) {
  const accepted = sql`exists (select 1 from ${eventSideEventProposals}
    where ${eventSideEventProposals.eventId} = ${events.id} and ${eventSideEventProposals.status} = 'accepted')`;
  const [r] = await db
    .select({
      sideEvents: sql<number>`count(distinct ${events.id})::int`,
      coOrganizers: sql<number>`count(distinct ${eventOrganizers.organizationId})::int`,
    })
    .from(events)
    .leftJoin(eventOrganizers, eq(eventOrganizers.eventId, events.id))
    .where(
      and(
        eq(events.parentId, weekId),
        eq(events.type, 'side_event'),
        or(eq(events.status, 'published'), and(ne(events.status, 'cancelled'), accepted)),
      ),
    );
  return r;
}

export interface Figures {
  participants: number;
  memberStates: number;
  regionalAndInternationalOrgs: number;
  unEntities: number;
  institutions: number;
  approximate: boolean;
  source: string | null;
}

/** The figures for the sentence: the registrations when there are any, otherwise what the organizer published. */
export function sentenceFigures(
  e: Pick<EventRow, 'reportedFigures'>,
  s: Pick<Stats, 'participants' | 'memberStates' | 'regionalAndInternationalOrgs' | 'unEntities' | 'institutions'>,
): Figures | null {
  if (s.participants > 0)
    return {
      participants: s.participants,
      memberStates: s.memberStates,
      regionalAndInternationalOrgs: s.regionalAndInternationalOrgs,
      unEntities: s.unEntities,
      institutions: s.institutions,
      approximate: false,
      source: null,
    };
  const r: ReportedFigures | null = e.reportedFigures;
  if (!r?.participants) return null;
  return {
    participants: r.participants,
    memberStates: r.memberStates ?? 0,
    regionalAndInternationalOrgs: r.regionalAndInternationalOrgs ?? 0,
    unEntities: r.unEntities ?? 0,
    institutions: r.institutions ?? 0,
    approximate: !!r.approximate,
    source: r.source,
  };
}

/** "More than 1,000 participants representing 160 Member States, …" in a language, with its plural rules. */
export function participationSentence(locale: Locale, f: Figures): string {
  // Each category that has someone, in the language's own list ("A, B and C"; UN English has no serial comma);
  // a category with none is left out rather than stated as "0 United Nations entities".
  const parts = (
    [
      ['states', f.memberStates],
      ['orgs', f.regionalAndInternationalOrgs],
      ['entities', f.unEntities],
      ['institutions', f.institutions],
    ] as const
  )
    .filter(([, n]) => n > 0)
    .map(([k, n]) => translate(locale, `events.stats.part.${k}`, { [k]: n }));
  if (!parts.length)
    return translate(
      locale,
      f.approximate ? 'events.stats.participantsOnlyMoreThan' : 'events.stats.participantsOnly',
      { participants: f.participants },
    );
  const list = listFormat(locale === 'en' ? 'en-GB' : locale, { type: 'conjunction' }).format(parts);
  return translate(locale, f.approximate ? 'events.stats.sentenceMoreThan' : 'events.stats.sentence', {
    participants: f.participants,
    list,
  });
}

/** "40 side events co-organized by 95 stakeholders". */
export const sideEventsSentence = (locale: Locale, sideEvents: number, coOrganizers: number, approximate: boolean) =>
  translate(locale, approximate ? 'events.stats.sideEventsMoreThan' : 'events.stats.sideEvents', {
    sideEvents,
    coOrganizers,
  });

/** An umbrella week's side-event sentence: from its side events, or the figures its organizer published; or null. */
export async function weekSideEventsSentence(db: Db, e: EventRow, locale: Locale) {
  if (e.type !== 'week') return null;
  const c = await sideEventCounts(db, e.id);
  if (c.sideEvents > 0) return sideEventsSentence(locale, c.sideEvents, c.coOrganizers, false);
  const r = e.reportedFigures;
  return r?.sideEvents ? sideEventsSentence(locale, r.sideEvents, r.sideEventCoOrganizers ?? 0, !!r.approximate) : null;
}
