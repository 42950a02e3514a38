// An event's Chair's Summary under the publishing module's two-signature workflow (kind `chairs_summary`, subject id =
// the event's id; docs/architecture.md, "Events", "Publishing"): every save of the summary writes its conclusions and
// recommendations as the subject's open revision, in the same transaction; its organizers submit it, a publisher who
// neither wrote nor last edited it approves the exact hash, and only then is it published. Readers get the published
// revision's items (signedSummaryItems), never the rows'; nothing when none verifies. The summary's documents (event
// documents of kind chairs_summary) are not part of it.
import { asc, eq, ne } from 'drizzle-orm';
import type { Db, Tx } from '../../../platform/db/client.ts';
import { isLocale, type Locale } from '../../../platform/i18n/index.ts';
import { original, textIn } from '../../../platform/i18n/text.ts';
import { publicView, type PublicContent } from '../../publishing/index.ts';
import { eventSummaryItems, events, type SummaryKind } from '../events.schema.ts';
import type { EventsContext } from '../shared/events.service.ts';
import { publishingSubject, type SubjectPublishing } from '../shared/publishing-subject.service.ts';

export const SUMMARY_KIND = 'chairs_summary';

/** Why a summary shown before the workflow was recorded as force-published by the system. */
export const SUMMARY_ADOPTION_REASON = "Chair's Summary published before the two-signature workflow";

/** One item of the summary as readers get it (the signed text) or its managers write it (the rows). */
export interface SummaryItem {
  id: string;
  kind: SummaryKind;
  sort: number;
  language: Locale;
  body: string;
}

/** The summary's text, as its revisions hold it: each kind's items one per line, in one language. */
export interface SummaryText {
  language: Locale;
  conclusions: string[];
  recommendations: string[];
}

export const summaryContent = (s: SummaryText): PublicContent => ({
  text: {
    conclusions: s.conclusions.length ? original(s.language, s.conclusions.join('\n')) : {},
    recommendations: s.recommendations.length ? original(s.language, s.recommendations.join('\n')) : {},
  },
  values: { language: s.language },
});

export function summaryTextOf(c: PublicContent): SummaryText {
  const language = typeof c.values.language === 'string' && isLocale(c.values.language) ? c.values.language : 'en';
  // An item never holds a line break (the form's lines, the API's pattern): one line is one item.
  const items = (field: string) => (textIn(c.text[field] ?? {}, language) || '').split('\n').filter(Boolean);
  return { language, conclusions: items('conclusions'), recommendations: items('recommendations') };
}

const textOfItems = (items: SummaryItem[]): SummaryText => ({
  language: items[0]?.language ?? 'en',
  conclusions: items.filter((i) => i.kind === 'conclusion').map((i) => i.body),
  recommendations: items.filter((i) => i.kind === 'recommendation').map((i) => i.body),
});

const itemsOf = (db: Db | Tx, eventId: string) =>
  db
    .select()
    .from(eventSummaryItems)
    .where(eq(eventSummaryItems.eventId, eventId))
    .orderBy(asc(eventSummaryItems.kind), asc(eventSummaryItems.sort));

/** The summary as a publishing subject: its items' text; there is none to submit while it has no items. */
const subject = publishingSubject<SummaryText>({
  kind: SUMMARY_KIND,
  current: async (db, e) => {
    const rows = await itemsOf(db, e.id);
    return { content: summaryContent(textOfItems(rows)), written: rows.length > 0 };
  },
  textOf: summaryTextOf,
  addresses: (slug) => ({ public: `/events/${slug}#chairs-summary`, manage: `/events/${slug}/summary/publishing` }),
});

/**
 * Saves the summary's items (as just written, inside saveSummary's transaction) as its open revision: nothing when they
 * are the text of the latest published revision already (a save that changes nothing starts no new draft).
 */
export async function saveSummaryDraft(ctx: EventsContext, tx: Tx, eventId: string): Promise<void> {
  const content = summaryContent(textOfItems(await itemsOf(tx, eventId)));
  await subject.saveDraft(ctx, tx, eventId, content);
}

// ---------------------------------------------------------------------------------------------------------------
// Readers

/**
 * The summary's items as readers get them: the published revision's, each with the id of the row at its place (items
 * keep their identity by position: a recommendation's follow-up action names it). Empty when nothing verifies.
 */
export async function signedSummaryItems(db: Db, eventId: string): Promise<SummaryItem[]> {
  const v = await publicView(db, { kind: SUMMARY_KIND, id: eventId });
  if (!v?.revision) return [];
  const text = summaryTextOf(v.revision.content);
  const rows = await itemsOf(db, eventId);
  const out: SummaryItem[] = [];
  for (const kind of ['conclusion', 'recommendation'] as const) {
    const ids = rows.filter((r) => r.kind === kind).map((r) => r.id);
    const bodies = kind === 'conclusion' ? text.conclusions : text.recommendations;
    for (const [sort, body] of bodies.entries())
      out.push({ id: ids[sort] ?? '', kind, sort, language: text.language, body });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Organizers and publishers

export type SummaryPublishing = SubjectPublishing<SummaryText>;

/**
 * The publishing state of an event's Chair's Summary (its publishing page and the JSON API); one step of the workflow
 * on the summary's revision (the latest unless named), as runEventStep for the event; titles and addresses of events'
 * summaries (the publishing module's administrator page).
 */
export const { publishing: summaryPublishing, runStep: runSummaryStep, urls: summaryUrls } = subject;

/**
 * The upgrade of a deployment: the summary of every event already published (or cancelled after publication) that has
 * items and no revision gets one recorded as force-published by the system, with SUMMARY_ADOPTION_REASON, flagged on
 * /admin/publishing until a second person approves it (readers kept what they were shown). Idempotent (`ctcp migrate`,
 * `ctcp serve`, `ctcp seed`). Returns how many.
 */
export async function adoptPublishedSummaries(db: Db): Promise<number> {
  const rows = await db
    .select({ s: eventSummaryItems })
    .from(eventSummaryItems)
    .innerJoin(events, eq(events.id, eventSummaryItems.eventId))
    .where(ne(events.status, 'draft'))
    .orderBy(asc(eventSummaryItems.kind), asc(eventSummaryItems.sort));
  const byEvent = new Map<string, SummaryItem[]>();
  for (const { s } of rows) byEvent.set(s.eventId, [...(byEvent.get(s.eventId) ?? []), s]);
  const adopted = await subject.adopt(
    db,
    [...byEvent].map(([id, items]) => [id, summaryContent(textOfItems(items))]),
    SUMMARY_ADOPTION_REASON,
  );
  return adopted.length;
}

/** A seeded event's summary published through the workflow by the demo accounts, as its text is (publishSeeded). */
export async function publishSeededSummary(db: Db, eventId: string): Promise<void> {
  const items = await itemsOf(db, eventId);
  if (items.length) await subject.seed(db, eventId, summaryContent(textOfItems(items)));
}
