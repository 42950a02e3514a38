// The events' section of the briefing pack (platform/modules/briefing.ts): the events held in the period that the
// pack's audience may name — published, public or platform-wide (never invitation-only ones) — with their
// participation figures (counts by category only: no participant's or organization's name) and the recommendations
// of their Chair's Summary.
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../../platform/db/client.ts';
import type { BriefingPeriod } from '../../../platform/modules/briefing.ts';
import type { TranslatableText } from '../../../platform/i18n/text.ts';
import type { Locale } from '../../../platform/i18n/index.ts';
import { events, eventSummaryItems } from '../events.schema.ts';
import {
  publishedSentenceFigures,
  recordedFigures,
  sentenceFigures,
  sentenceStatsForEvents,
  type Figures,
} from '../public/stats.service.ts';

export interface HeldEvent {
  id: string;
  slug: string;
  type: string;
  title: TranslatableText;
  startsAt: string;
  endsAt: string;
  timeZone: string;
  allDay: boolean;
  /** The headline figures the pack sums: registrations, else the organizers' published ones; or null. */
  figures: Figures | null;
  /** What the platform recorded (packs made before these two fields have only `figures`). */
  recorded?: Figures | null;
  /** What the organizers published, with the labels of its sources in every language they have. */
  published?: Figures | null;
  publishedSources?: TranslatableText[];
  recommendations: { language: Locale; body: string }[];
}
export interface EventFigures {
  total: number;
  participants: number;
  events: HeldEvent[];
}

/** Published public or platform events that started in the period, by start; side events of a week included. */
export async function eventsHeldInPeriod(db: Db | Tx, period: Pick<BriefingPeriod, 'from' | 'to'>) {
  const rows = await db
    .select()
    .from(events)
    .where(
      and(
        eq(events.status, 'published'),
        inArray(events.visibility, ['public', 'platform']),
        sql`${events.startsAt} >= ${period.from}::date and ${events.startsAt} < ${period.to}::date + 1`,
      ),
    )
    .orderBy(asc(events.startsAt), asc(events.slug));
  const ids = rows.map((r) => r.id);
  const recs = ids.length
    ? await db
        .select({
          eventId: eventSummaryItems.eventId,
          language: eventSummaryItems.language,
          body: eventSummaryItems.body,
        })
        .from(eventSummaryItems)
        .where(and(inArray(eventSummaryItems.eventId, ids), eq(eventSummaryItems.kind, 'recommendation')))
        .orderBy(asc(eventSummaryItems.eventId), asc(eventSummaryItems.sort))
    : [];
  const stats = await sentenceStatsForEvents(db, ids);
  const none = { participants: 0, memberStates: 0, regionalAndInternationalOrgs: 0, unEntities: 0, institutions: 0 };
  const list: HeldEvent[] = rows.map((e) => ({
    id: e.id,
    slug: e.slug,
    type: e.type,
    title: e.title,
    startsAt: e.startsAt.toISOString(),
    endsAt: e.endsAt.toISOString(),
    timeZone: e.timeZone,
    allDay: e.allDay,
    figures: sentenceFigures(e, stats.get(e.id) ?? none),
    recorded: recordedFigures(stats.get(e.id) ?? none),
    published: publishedSentenceFigures(e.publishedFigures, 'en'),
    publishedSources: e.publishedFigures?.sources.map((s) => s.label) ?? [],
    recommendations: recs.filter((r) => r.eventId === e.id).map((r) => ({ language: r.language, body: r.body })),
  }));
  return {
    total: list.length,
    participants: list.reduce((s, e) => s + (e.figures?.participants ?? 0), 0),
    events: list,
  } satisfies EventFigures;
}
