// Participation statistics: what the platform recorded (accepted registrations) and what the organizers published
// (their figures, wording and sources), each in its own sentence: a recorded figure never replaces a published one.
// Gender appears only in aggregate, only from self-declarations, and only when enough people declared it.
import { and, eq, inArray, ne, or, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../../platform/db/client.ts';
import { listFormat, translate, type Locale } from '../../../platform/i18n/index.ts';
import { pick } from '../../../platform/i18n/text.ts';
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
  type FigureMode,
  type GenderTally,
  type FigureQualifier,
  type PublishedFigure,
  type PublishedFigureKind,
  type PublishedFigures,
} from '../events.schema.ts';
import type { EventRow } from '../shared/events.service.ts';
import { INSTITUTIONS } from '../shared/categories.ts';

/** Fewer self-declarations than this and gender is not shown at all (small counts identify people). */
export const GENDER_MIN = 5;
export { INSTITUTIONS };

/**
 * SQL: the organization a registration counts for — its directory organization, or the name an organizer's file gave
 * for one not in the directory (compared without case); null when neither.
 */
const orgKeySql = (orgId: ReturnType<typeof organizationsRef>['id']) =>
  sql<
    string | null
  >`coalesce(${orgId}::text, 'name:' || lower(nullif(trim(${eventRegistrations.organizationName}), '')))`;

export interface Stats {
  participants: number;
  byCategory: Record<OrgType | 'none', number>;
  memberStates: number;
  regionalGroups: Record<RegionalGroup, number>;
  regionalAndInternationalOrgs: number;
  unEntities: number;
  institutions: number;
  /** The kinds of those institutions (academia first, then civil society, …), for the sentence to name. */
  institutionKinds: OrgType[];
  /** Distinct civil-society organizations. */
  csos: number;
  womenLedCsos: number;
  youthLedCsos: number;
  attendance: { in_person: number; virtual: number };
  checkedIn: number;
  gender: { woman: number; man: number; other: number } | null;
}

export async function computeStats(
  db: Db,
  eventId: string,
  // The event's kept gender tally when the caller has just read the event's row (the event page): not read again.
  known?: { genderTally: GenderTally },
): Promise<Stats> {
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
        orgId: orgKeySql(org.id),
        group: org.regionalGroup,
        womenLed: org.womenLed,
        youthLed: org.youthLed,
      })
      .from(eventRegistrations)
      .leftJoin(org, eq(org.id, eventRegistrations.organizationId))
      .where(and(accepted, sql`${orgKeySql(org.id)} is not null`)),
    // Genders of registrations whose personal fields retention or an erasure removed (kept as counts only).
    known
      ? [{ g: known.genderTally }]
      : db.select({ g: events.genderTally }).from(events).where(eq(events.id, eventId)),
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
    institutionKinds: INSTITUTION_KINDS_ORDER.filter((k) => orgs.some((r) => r.orgType === k)),
    csos: distinct((r) => r.orgType === 'cso'),
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
    sql<number>`count(distinct ${orgKeySql(org.id)}) filter (where ${cond})`.mapWith(Number);
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

/** The sentence's figures, one qualifier each; which of them is empty decides which parts the sentence has. */
export const SENTENCE_KINDS = [
  'participants',
  'memberStates',
  'regionalAndInternationalOrgs',
  'unEntities',
  'institutions',
] as const satisfies readonly PublishedFigureKind[];
export type SentenceKind = (typeof SENTENCE_KINDS)[number];

export interface Figures {
  participants: number;
  memberStates: number;
  regionalAndInternationalOrgs: number;
  unEntities: number;
  institutions: number;
  /** "More than N participants": the participants' wording in briefing packs saved before `qualifiers`. */
  approximate: boolean;
  /** Published figures: the source, in the reader's language; null for recorded ones. */
  source: string | null;
  /** Each figure's wording as published ("more than", "over", "about"); exact when absent. */
  qualifiers?: Partial<Record<SentenceKind, FigureQualifier>>;
  /** How the participants took part, as the source says ("attended in person"); nothing said when absent. */
  mode?: FigureMode | null;
  /** The kinds of the institutions ("from academia, civil society and private sector"). */
  institutionKinds?: OrgType[];
}

/** The order the sentence names the institutions' kinds in ("from academia, civil society and the private sector"). */
const INSTITUTION_KINDS_ORDER: OrgType[] = ['academia', 'cso', 'private_sector', 'faith_based', 'other'];

/**
 * What the platform recorded (accepted registrations), or null when nobody is registered; with the institutions'
 * kinds when known, so that the recorded sentence names them as the published one does.
 */
export function recordedFigures(
  s: Pick<Stats, 'participants' | 'memberStates' | 'regionalAndInternationalOrgs' | 'unEntities' | 'institutions'> &
    Partial<Pick<Stats, 'institutionKinds'>>,
): Figures | null {
  if (s.participants <= 0) return null;
  return {
    participants: s.participants,
    memberStates: s.memberStates,
    regionalAndInternationalOrgs: s.regionalAndInternationalOrgs,
    unEntities: s.unEntities,
    institutions: s.institutions,
    approximate: false,
    source: null,
    ...(s.institutionKinds?.length ? { institutionKinds: s.institutionKinds } : {}),
  };
}

/** One published figure of a kind (the first), or null. */
export const publishedFigure = (p: PublishedFigures | null | undefined, kind: PublishedFigureKind) =>
  p?.figures.find((f) => f.kind === kind) ?? null;

/** The label of a published figure's source in a language. */
export const sourceLabel = (p: PublishedFigures, f: Pick<PublishedFigure, 'source'>, locale: Locale) =>
  pick(p.sources[f.source]?.label, locale)?.text ?? '';

/** The sentence's figures from what the organizers published (participants needed), with wording and source. */
export function publishedSentenceFigures(p: PublishedFigures | null | undefined, locale: Locale): Figures | null {
  const participants = publishedFigure(p, 'participants');
  if (!p || !participants || participants.value <= 0) return null;
  const value = (k: SentenceKind) => publishedFigure(p, k)?.value ?? 0;
  const qualifiers = Object.fromEntries(
    SENTENCE_KINDS.map((k) => [k, publishedFigure(p, k)?.qualifier ?? 'exact']),
  ) as Record<SentenceKind, FigureQualifier>;
  const sources = [...new Set(SENTENCE_KINDS.map((k) => publishedFigure(p, k)).filter((f) => !!f))].map((f) =>
    sourceLabel(p, f, locale),
  );
  return {
    participants: participants.value,
    memberStates: value('memberStates'),
    regionalAndInternationalOrgs: value('regionalAndInternationalOrgs'),
    unEntities: value('unEntities'),
    institutions: value('institutions'),
    approximate: qualifiers.participants === 'more_than',
    source: [...new Set(sources.filter(Boolean))].join('; ') || null,
    qualifiers,
    mode: participants.mode,
    institutionKinds: (publishedFigure(p, 'institutions')?.orgKinds ?? []).filter((k) => INSTITUTIONS.includes(k)),
  };
}

/**
 * The figures the briefing pack sums and names: recorded ones when there are registrations, the published ones
 * otherwise. (The pack's events section shows both sentences, each labelled; this is its headline count.)
 */
export function sentenceFigures(
  e: { publishedFigures: PublishedFigures | null },
  s: Pick<Stats, 'participants' | 'memberStates' | 'regionalAndInternationalOrgs' | 'unEntities' | 'institutions'>,
  locale: Locale = 'en',
): Figures | null {
  return recordedFigures(s) ?? publishedSentenceFigures(e.publishedFigures, locale);
}

const qualifierOf = (f: Figures, k: SentenceKind): FigureQualifier =>
  f.qualifiers?.[k] ?? (k === 'participants' && f.approximate ? 'more_than' : 'exact');

const FRAME: Record<FigureQualifier, { sentence: string; only: string }> = {
  exact: { sentence: 'events.stats.sentence', only: 'events.stats.participantsOnly' },
  more_than: { sentence: 'events.stats.sentenceMoreThan', only: 'events.stats.participantsOnlyMoreThan' },
  over: { sentence: 'events.stats.sentenceOver', only: 'events.stats.participantsOnlyOver' },
  about: { sentence: 'events.stats.sentenceAbout', only: 'events.stats.participantsOnlyAbout' },
};

/** A list in the reader's language ("A, B and C"; UN English has no serial comma). */
const joinList = (locale: Locale, items: string[]) =>
  listFormat(locale === 'en' ? 'en-GB' : locale, { type: 'conjunction' }).format(items);

/**
 * "More than 1,000 participants representing 160 Member States, … and 135 institutions from academia, civil society
 * and the private sector attended in person" in a language, with its plural rules and each figure's wording.
 */
export function participationSentence(locale: Locale, f: Figures): string {
  // Each category that has someone, in the language's own list; a category with none is left out rather than stated
  // as "0 United Nations entities".
  const parts = (
    [
      ['states', 'memberStates'],
      ['orgs', 'regionalAndInternationalOrgs'],
      ['entities', 'unEntities'],
      ['institutions', 'institutions'],
    ] as const
  )
    .filter(([, k]) => f[k] > 0)
    .map(([part, k]) => {
      const kinds = k === 'institutions' ? (f.institutionKinds ?? []) : [];
      if (kinds.length)
        return translate(locale, 'events.stats.part.institutionsFrom', {
          institutions: f[k],
          q: qualifierOf(f, k),
          kinds: joinList(
            locale,
            kinds.map((kind) => translate(locale, `events.stats.from.${kind}`)),
          ),
        });
      return translate(locale, `events.stats.part.${part}`, { [part]: f[k], q: qualifierOf(f, k) });
    });
  const frame = FRAME[qualifierOf(f, 'participants')];
  const sentence = parts.length
    ? translate(locale, frame.sentence, { participants: f.participants, list: joinList(locale, parts) })
    : translate(locale, frame.only, { participants: f.participants });
  return f.mode
    ? translate(locale, 'events.stats.withMode', { sentence, mode: f.mode, participants: f.participants })
    : sentence;
}

export interface SideEventFigures {
  sideEvents: number;
  coOrganizers: number;
  sideEventsQualifier?: FigureQualifier;
  coOrganizersQualifier?: FigureQualifier;
}

/** "40 side events co-organized by over 95 stakeholders", each figure with its wording. */
export const sideEventsText = (locale: Locale, f: SideEventFigures) =>
  translate(locale, 'events.stats.sideEventsQ', {
    sideEvents: f.sideEvents,
    coOrganizers: f.coOrganizers,
    qs: f.sideEventsQualifier ?? 'exact',
    qc: f.coOrganizersQualifier ?? 'exact',
  });

/** "40 side events co-organized by 95 stakeholders" ("over 95" when approximate). */
export const sideEventsSentence = (locale: Locale, sideEvents: number, coOrganizers: number, approximate: boolean) =>
  sideEventsText(locale, { sideEvents, coOrganizers, coOrganizersQualifier: approximate ? 'over' : 'exact' });

/** The side events the organizers published for an umbrella week (both figures needed), or null. */
export function publishedSideEvents(p: PublishedFigures | null | undefined): SideEventFigures | null {
  const se = publishedFigure(p, 'sideEvents');
  const st = publishedFigure(p, 'stakeholders');
  if (!se || !st || se.value <= 0) return null;
  return {
    sideEvents: se.value,
    coOrganizers: st.value,
    sideEventsQualifier: se.qualifier,
    coOrganizersQualifier: st.qualifier,
  };
}

/** An umbrella week's side events: what the platform recorded and what the organizers published, each or null. */
export async function weekSideEvents(db: Db, e: EventRow) {
  if (e.type !== 'week') return { recorded: null, published: null };
  const c = await sideEventCounts(db, e.id);
  return {
    recorded:
      c.sideEvents > 0 ? ({ sideEvents: c.sideEvents, coOrganizers: c.coOrganizers } as SideEventFigures) : null,
    published: publishedSideEvents(e.publishedFigures),
  };
}

/** Both participation sentences of an event and its week's side events, in a language: the pages' and the API's. */
export interface Participation {
  published: { sentence: string | null; sideEvents: string | null; figures: PublishedFigures } | null;
  recorded: { sentence: string | null; sideEvents: string | null; side: SideEventFigures | null };
}

export async function participation(db: Db, e: EventRow, s: Stats, locale: Locale): Promise<Participation> {
  const side = await weekSideEvents(db, e);
  const rec = recordedFigures(s);
  const pub = publishedSentenceFigures(e.publishedFigures, locale);
  return {
    published: e.publishedFigures?.figures.length
      ? {
          sentence: pub ? participationSentence(locale, pub) : null,
          sideEvents: side.published ? sideEventsText(locale, side.published) : null,
          figures: e.publishedFigures,
        }
      : null,
    recorded: {
      sentence: rec ? participationSentence(locale, rec) : null,
      sideEvents: side.recorded ? sideEventsText(locale, side.recorded) : null,
      side: side.recorded,
    },
  };
}
