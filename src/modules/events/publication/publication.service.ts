// An event's public text under the publishing module's two-signature workflow (docs/architecture.md, "Events",
// "Publishing"): every save of the event writes its title, summary, description (every language) and venue as the
// subject's open revision; the organizers submit it, a publisher who neither wrote nor last edited it approves the
// exact hash, and only then is it published. Readers get the published revision's text (publicView), never the row's.
import { and, eq, inArray, ne } from 'drizzle-orm';
import type { Config } from '../../../config.ts';
import type { Db, Tx } from '../../../platform/db/client.ts';
import type { TranslatableText } from '../../../platform/i18n/text.ts';
import { recordAudit } from '../../../platform/audit/audit.service.ts';
import { publicView, publicViews, type PublicContent, type PublicView } from '../../publishing/index.ts';
import { isUser, type Actor } from '../../../platform/auth/policy.ts';
import { eventOrganizers, events } from '../events.schema.ts';
import type { EventRow, EventsContext } from '../shared/events.service.ts';
import { publishingSubject, type SubjectPublishing } from '../shared/publishing-subject.service.ts';
import { reindexSearch } from '../../search/index.ts';

export const EVENT_KIND = 'event';

/** Why a deployment's events published before the workflow were recorded as force-published by the system. */
export const ADOPTION_REASON = 'published before the two-signature workflow';

/** The public text of an event, as its revisions hold it. */
export interface EventText {
  title: TranslatableText;
  summary: TranslatableText;
  description: TranslatableText;
  venue: string | null;
}

export const eventContent = (e: EventText): PublicContent => ({
  text: { title: e.title, summary: e.summary ?? {}, description: e.description ?? {} },
  values: { venue: e.venue ?? '' },
});

export const eventTextOf = (c: PublicContent): EventText => ({
  title: c.text.title ?? {},
  summary: c.text.summary ?? {},
  description: c.text.description ?? {},
  venue: typeof c.values.venue === 'string' && c.values.venue ? c.values.venue : null,
});

/**
 * The event's public text as a publishing subject. Publishing the first revision of a draft event also makes the
 * event's row published (listed, open to registration), in the same transaction.
 */
const subject = publishingSubject<EventText>({
  kind: EVENT_KIND,
  current: async (_db, e) => ({ content: eventContent(e), written: true }),
  textOf: eventTextOf,
  onPublish: async (ctx, tx, event, u) => {
    const [e] = await tx
      .update(events)
      .set({ status: 'published', updatedAt: new Date() })
      .where(and(eq(events.id, event.id), eq(events.status, 'draft')))
      .returning();
    // Its passages are the signed text, listed now (shared/search-source.ts): indexed again in the same transaction,
    // after the status.
    await reindexSearch(tx, 'event', [event.id]);
    if (e)
      await recordAudit(tx, {
        action: 'event.published',
        actor: ctx.actor,
        targetType: 'event',
        targetId: e.id,
        ip: ctx.ip,
        details: { slug: e.slug, revision: u.id, sha256: u.publishedSha256 },
      });
  },
  addresses: (slug) => ({ public: `/events/${slug}`, manage: `/events/${slug}/publishing` }),
});

/**
 * Saves the event's public text as its open revision (inside the event's own transaction): nothing when it is the text
 * of the latest revision already (an edit of dates alone starts no new draft).
 */
export const saveEventDraft = (ctx: EventsContext, tx: Tx, e: EventRow): Promise<void> =>
  subject.saveDraft(ctx, tx, e.id, eventContent(e));

// ---------------------------------------------------------------------------------------------------------------
// Readers

/** The signed text of each event readers may get (the public view of every event, or of these events). */
export async function publicTexts(
  db: Db,
  eventIds?: string[],
): Promise<Map<string, { view: PublicView; text: EventText | null }>> {
  const views = await publicViews(db, EVENT_KIND, eventIds);
  return new Map(
    [...views].map(([id, view]) => [id, { view, text: view.revision ? eventTextOf(view.revision.content) : null }]),
  );
}

/** The event row with its public text replaced by the signed text. */
export const withText = <T extends EventRow>(e: T, text: EventText): T => ({
  ...e,
  title: text.title,
  summary: text.summary,
  description: text.description,
  venue: text.venue,
});

/** Of these events, the ones the actor manages (who may preview an event's unsigned text). */
export async function managedIds(db: Db, actor: Actor, ids: string[]): Promise<Set<string>> {
  if (!isUser(actor) || !ids.length) return new Set();
  if (actor.role === 'platform_admin' || actor.role === 'coordinator') return new Set(ids);
  if (actor.role !== 'entity_focal_point' || !actor.focalOrgIds.length) return new Set();
  const rows = await db
    .select({ id: eventOrganizers.eventId })
    .from(eventOrganizers)
    .where(and(inArray(eventOrganizers.eventId, ids), inArray(eventOrganizers.organizationId, actor.focalOrgIds)));
  return new Set(rows.map((r) => r.id));
}

/**
 * Rows as readers get them: each with its signed text. An event with nothing public (never published, or withdrawn by
 * a publisher) keeps its row's text for its managers only (a preview, marked on the page); any other event whose
 * signed text does not verify (under review) is left out.
 */
export async function signedRows<T extends EventRow>(db: Db, actor: Actor, rows: T[]): Promise<T[]> {
  if (!rows.length) return rows;
  const [texts, managed] = await Promise.all([
    publicTexts(
      db,
      rows.map((e) => e.id),
    ),
    managedIds(
      db,
      actor,
      rows.map((e) => e.id),
    ),
  ]);
  const out: T[] = [];
  for (const e of rows) {
    const t = texts.get(e.id);
    if (t?.text) out.push(withText(e, t.text));
    else if (!t && managed.has(e.id)) out.push(e);
  }
  return out;
}

/** One event as readers get it: its signed text, or null when nothing of it verifies. */
export async function signedEvent<T extends EventRow>(db: Db, e: T): Promise<T | null> {
  const v = await publicView(db, { kind: EVENT_KIND, id: e.id });
  return v?.revision ? withText(e, eventTextOf(v.revision.content)) : null;
}

// ---------------------------------------------------------------------------------------------------------------
// Organizers and publishers

export type EventPublishing = SubjectPublishing<EventText>;

/**
 * The publishing state of an event (the management page and the review page); one step of the workflow on the event's
 * revision (the latest unless named); titles and addresses of events (the publishing module's administrator page).
 */
export const { publishing: eventPublishing, runStep: runEventStep, urls: eventUrls } = subject;

/**
 * The upgrade of a deployment: every event already published (or cancelled after publication) with no revision gets
 * one recorded as force-published by the system, with the reason ADOPTION_REASON, flagged on /admin/publishing until a
 * second person approves it. Idempotent (`ctcp migrate`, `ctcp serve`, `ctcp seed`). Returns how many.
 */
export async function adoptPublishedEvents(db: Db, _config?: Config): Promise<number> {
  const rows = await db.select().from(events).where(ne(events.status, 'draft'));
  const adopted = await subject.adopt(
    db,
    rows.map((e) => [e.id, eventContent(e)]),
    ADOPTION_REASON,
  );
  // Listed now: their passages say so (shared/search-source.ts). Unlisted until then (the search fails closed).
  for (let i = 0; i < adopted.length; i += 1000) await reindexSearch(db, 'event', adopted.slice(i, i + 1000));
  return adopted.length;
}

/**
 * A seeded event's text published through the workflow: written and submitted by the demo coordinator (the seed's
 * findings accepted with a reason), approved by the demo administrator, published by the coordinator. Without the demo
 * accounts (a seed run alone), recorded as published by the system, flagged until a second person approves it.
 */
export async function publishSeededEvent(db: Db, eventId: string): Promise<void> {
  const [e] = await db.select().from(events).where(eq(events.id, eventId));
  if (e) await subject.seed(db, e.id, eventContent(e));
}
