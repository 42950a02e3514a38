// An event's Chair's Summary under the publishing module's two-signature workflow (kind `chairs_summary`, subject id =
// the event's id; docs/architecture.md, "Events", "Publishing"): every save of the summary writes its conclusions and
// recommendations as the subject's open revision, in the same transaction; its organizers submit it, a publisher who
// neither wrote nor last edited it approves the exact hash, and only then is it published. Readers get the published
// revision's items (signedSummaryItems), never the rows'; nothing when none verifies. The summary's documents (event
// documents of kind chairs_summary) are not part of it.
import { asc, eq, inArray, ne } from 'drizzle-orm';
import type { Db, Tx } from '../../../platform/db/client.ts';
import { conflict, notFound } from '../../../platform/http/errors.ts';
import { isLocale, type Locale } from '../../../platform/i18n/index.ts';
import { original, textIn } from '../../../platform/i18n/text.ts';
import {
  adoptPublished,
  approve,
  checkContent,
  contentSha256,
  getRevision,
  latestRevisions,
  normalizeContent,
  peopleNames,
  publicView,
  publish,
  revisionsOf,
  saveDraft,
  secondApprove,
  submit,
  withdraw,
  type PublicContent,
  type PublicView,
  type PublishingContext,
  type Revision,
} from '../../publishing/index.ts';
import { eventSummaryItems, events, type SummaryKind } from '../events.schema.ts';
import { managedEvent, type EventRow, type EventsContext } from '../shared/events.service.ts';
import { publishSeeded, type EventStep, type EventStepInput } from '../publication/publication.service.ts';

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

const asPublishing = (ctx: EventsContext): PublishingContext => ({
  db: ctx.db,
  config: ctx.config,
  actor: ctx.actor,
  ip: ctx.ip ?? undefined,
});

/**
 * Saves the summary's items (as just written, inside saveSummary's transaction) as its open revision: nothing when they
 * are the text of the latest published revision already (a save that changes nothing starts no new draft).
 */
export async function saveSummaryDraft(ctx: EventsContext, tx: Tx, eventId: string): Promise<void> {
  const s = { kind: SUMMARY_KIND, id: eventId };
  const content = summaryContent(textOfItems(await itemsOf(tx, eventId)));
  const [latest] = await revisionsOf(tx, s);
  if (latest && !['draft', 'submitted', 'approved'].includes(latest.state)) {
    if (contentSha256(normalizeContent(content)) === latest.sha256) return;
  }
  await saveDraft(asPublishing(ctx), s, content, tx);
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

export interface SummaryPublishing {
  event: EventRow;
  revisions: Revision[];
  latest: Revision | null;
  /** The text shown: the latest revision's, or (none yet: a summary written before the workflow) the rows'. */
  text: SummaryText;
  /** Is there a summary at all (a revision, or items)? Nothing to submit otherwise. */
  written: boolean;
  /** The hash of the rows' text when there is no revision yet (what a first submission signs). */
  pendingSha256: string | null;
  findings: ReturnType<typeof checkContent>;
  people: Map<string, string>;
  view: PublicView | null;
}

/** The publishing state of an event's Chair's Summary (its publishing page and the JSON API). */
export async function summaryPublishing(ctx: EventsContext, idOrSlug: string): Promise<SummaryPublishing> {
  const event = await managedEvent(ctx, idOrSlug);
  const s = { kind: SUMMARY_KIND, id: event.id };
  const [revisions, rows] = await Promise.all([revisionsOf(ctx.db, s), itemsOf(ctx.db, event.id)]);
  const latest = revisions[0] ?? null;
  const people = await peopleNames(
    ctx.db,
    revisions.flatMap((r) => [r.authorId, r.lastEditorId, r.approverId, r.publishedBy, r.secondApproverId]),
  );
  const content = latest ? latest.content : normalizeContent(summaryContent(textOfItems(rows)));
  return {
    event,
    revisions,
    latest,
    text: summaryTextOf(content),
    written: !!latest || rows.length > 0,
    pendingSha256: latest || !rows.length ? null : contentSha256(content),
    findings: checkContent(content),
    people,
    view: await publicView(ctx.db, s),
  };
}

/** One step of the workflow on the summary's revision (the latest unless named), as runEventStep for the event. */
export async function runSummaryStep(
  ctx: EventsContext,
  idOrSlug: string,
  step: EventStep,
  input: EventStepInput,
): Promise<Revision> {
  const event = await managedEvent(ctx, idOrSlug);
  const s = { kind: SUMMARY_KIND, id: event.id };
  // A summary written before the workflow has no revision: its first submission drafts the rows' text first.
  if (step === 'submit' && !input.revisionId && !(await revisionsOf(ctx.db, s)).length) {
    if (!(await itemsOf(ctx.db, event.id)).length) throw notFound();
    await ctx.db.transaction((tx) => saveSummaryDraft(ctx, tx, event.id));
  }
  let r: Revision | undefined;
  if (input.revisionId) {
    r = await getRevision(ctx.db, input.revisionId).catch(() => undefined);
    if (r && (r.subjectKind !== SUMMARY_KIND || r.subjectId !== event.id)) r = undefined;
  } else r = (await revisionsOf(ctx.db, s))[0];
  if (!r) throw notFound();
  const p = asPublishing(ctx);
  switch (step) {
    case 'submit':
      return submit(p, r.id, input.sha256, input.acceptances);
    case 'approve':
      return approve(p, r.id, input.sha256);
    case 'second':
      return secondApprove(p, r.id, input.sha256);
    case 'withdraw':
      return withdraw(p, r.id, input.reason ?? '');
    case 'publish':
      if (r.sha256 !== input.sha256) throw conflict('publishing.errors.changed');
      return publish(p, r.id);
  }
}

/** Titles and addresses of events' summaries (the publishing module's administrator page). */
export async function summaryUrls(db: Db, ids: string[]) {
  const out = new Map<string, { title: string; public: string; manage: string }>();
  if (!ids.length) return out;
  const rows = await db.select().from(events).where(inArray(events.id, ids));
  for (const e of rows)
    out.set(e.id, {
      title: textIn(e.title, 'en') || e.slug,
      public: `/events/${e.slug}#chairs-summary`,
      manage: `/events/${e.slug}/summary/publishing`,
    });
  return out;
}

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
  if (!rows.length) return 0;
  const have = await latestRevisions(db, SUMMARY_KIND);
  const byEvent = new Map<string, SummaryItem[]>();
  for (const { s } of rows) byEvent.set(s.eventId, [...(byEvent.get(s.eventId) ?? []), s]);
  let n = 0;
  for (const [id, items] of byEvent) {
    if (have.has(id)) continue;
    const r = await db.transaction((tx) =>
      adoptPublished(tx, { kind: SUMMARY_KIND, id }, summaryContent(textOfItems(items)), SUMMARY_ADOPTION_REASON),
    );
    if (r) n++;
  }
  return n;
}

/** A seeded event's summary published through the workflow by the demo accounts, as its text is (publishSeeded). */
export async function publishSeededSummary(db: Db, eventId: string): Promise<void> {
  const items = await itemsOf(db, eventId);
  if (items.length) await publishSeeded(db, { kind: SUMMARY_KIND, id: eventId }, summaryContent(textOfItems(items)));
}
