// An event's public text under the publishing module's two-signature workflow (docs/architecture.md, "Events",
// "Publishing"): every save of the event writes its title, summary, description (every language) and venue as the
// subject's open revision; the organizers submit it, a publisher who neither wrote nor last edited it approves the
// exact hash, and only then is it published. Readers get the published revision's text (publicView), never the row's.
import { and, eq, inArray, ne } from 'drizzle-orm';
import type { Config } from '../../../config.ts';
import type { Db, Tx } from '../../../platform/db/client.ts';
import { conflict, notFound } from '../../../platform/http/errors.ts';
import { textIn, type TranslatableText } from '../../../platform/i18n/text.ts';
import { recordAudit } from '../../../platform/audit/audit.service.ts';
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
  publicViews,
  publish,
  publishAsDemo,
  revisionsOf,
  saveDraft,
  secondApprove,
  submit,
  withdraw,
  type AcceptanceInput,
  type PublicContent,
  type PublicView,
  type PublishingContext,
  type Revision,
  type Subject,
} from '../../publishing/index.ts';
import { isUser, type Actor } from '../../../platform/auth/policy.ts';
import { eventOrganizers, events } from '../events.schema.ts';
import { managedEvent, type EventRow, type EventsContext } from '../shared/events.service.ts';
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

const asPublishing = (ctx: EventsContext): PublishingContext => ({
  db: ctx.db,
  config: ctx.config,
  actor: ctx.actor,
  ip: ctx.ip ?? undefined,
});

/**
 * Saves the event's public text as its open revision (inside the event's own transaction): nothing when it is the text
 * of the latest revision already (an edit of dates alone starts no new draft).
 */
export async function saveEventDraft(ctx: EventsContext, tx: Tx, e: EventRow): Promise<void> {
  const s = { kind: EVENT_KIND, id: e.id };
  const content = eventContent(e);
  const [latest] = await revisionsOf(tx, s);
  if (latest && !['draft', 'submitted', 'approved'].includes(latest.state)) {
    if (contentSha256(normalizeContent(content)) === latest.sha256) return;
  }
  await saveDraft(asPublishing(ctx), s, content, tx);
}

// ---------------------------------------------------------------------------------------------------------------
// Readers

/** The signed text of each event readers may get (publicView over every event with a public revision). */
export async function publicTexts(db: Db): Promise<Map<string, { view: PublicView; text: EventText | null }>> {
  const views = await publicViews(db, EVENT_KIND);
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
    publicTexts(db),
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

export interface EventPublishing {
  event: EventRow;
  revisions: Revision[];
  latest: Revision | null;
  /** The text shown: the latest revision's, or (none yet: an event written before the workflow) the row's. */
  text: EventText;
  /** The hash of the row's text when there is no revision yet (what a first submission signs). */
  pendingSha256: string | null;
  findings: ReturnType<typeof checkContent>;
  people: Map<string, string>;
  view: PublicView | null;
}

/** The publishing state of an event (the management page and the review page). */
export async function eventPublishing(ctx: EventsContext, idOrSlug: string): Promise<EventPublishing> {
  const event = await managedEvent(ctx, idOrSlug);
  const revisions = await revisionsOf(ctx.db, { kind: EVENT_KIND, id: event.id });
  const latest = revisions[0] ?? null;
  const people = await peopleNames(
    ctx.db,
    revisions.flatMap((r) => [r.authorId, r.lastEditorId, r.approverId, r.publishedBy, r.secondApproverId]),
  );
  const content = latest ? latest.content : normalizeContent(eventContent(event));
  return {
    event,
    revisions,
    latest,
    text: eventTextOf(content),
    pendingSha256: latest ? null : contentSha256(content),
    findings: checkContent(content),
    people,
    view: await publicView(ctx.db, { kind: EVENT_KIND, id: event.id }),
  };
}

export type EventStep = 'submit' | 'approve' | 'publish' | 'second' | 'withdraw';
export const EVENT_STEPS: EventStep[] = ['submit', 'approve', 'publish', 'second', 'withdraw'];

export interface EventStepInput {
  revisionId?: string;
  sha256: string;
  acceptances?: AcceptanceInput[];
  reason?: string;
}

/**
 * One step of the workflow on the event's revision (the latest unless named). Publishing the first revision of a draft
 * event also makes the event's row published (listed, open to registration), in the same transaction.
 */
export async function runEventStep(
  ctx: EventsContext,
  idOrSlug: string,
  step: EventStep,
  input: EventStepInput,
): Promise<Revision> {
  const event = await managedEvent(ctx, idOrSlug);
  let r: Revision | undefined;
  // A draft event written before the workflow has no revision: its first submission drafts the row's text first.
  if (step === 'submit' && !input.revisionId && !(await revisionsOf(ctx.db, { kind: EVENT_KIND, id: event.id })).length)
    await ctx.db.transaction((tx) => saveEventDraft(ctx, tx, event));
  if (input.revisionId) {
    r = await getRevision(ctx.db, input.revisionId).catch(() => undefined);
    if (r && (r.subjectKind !== EVENT_KIND || r.subjectId !== event.id)) r = undefined;
  } else r = (await revisionsOf(ctx.db, { kind: EVENT_KIND, id: event.id }))[0];
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
    case 'publish': {
      if (r.sha256 !== input.sha256) throw conflict('publishing.errors.changed');
      const rid = r.id;
      return ctx.db.transaction(async (tx) => {
        const u = await publish({ ...p, db: tx as Db }, rid);
        const [e] = await tx
          .update(events)
          .set({ status: 'published', updatedAt: new Date() })
          .where(and(eq(events.id, event.id), eq(events.status, 'draft')))
          .returning();
        // Its passages are the signed text, listed now (shared/search-source.ts): indexed again in the same
        // transaction, after the status.
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
        return u;
      });
    }
  }
}

/** Titles and addresses of events (the publishing module's administrator page). */
export async function eventUrls(db: Db, ids: string[]) {
  const out = new Map<string, { title: string; public: string; manage: string }>();
  if (!ids.length) return out;
  const rows = await db.select().from(events).where(inArray(events.id, ids));
  for (const e of rows)
    out.set(e.id, {
      title: textIn(e.title, 'en') || e.slug,
      public: `/events/${e.slug}`,
      manage: `/events/${e.slug}/publishing`,
    });
  return out;
}

/**
 * The upgrade of a deployment: every event already published (or cancelled after publication) with no revision gets
 * one recorded as force-published by the system, with the reason ADOPTION_REASON, flagged on /admin/publishing until a
 * second person approves it. Idempotent (`ctcp migrate`, `ctcp serve`, `ctcp seed`). Returns how many.
 */
export async function adoptPublishedEvents(db: Db, _config?: Config): Promise<number> {
  const rows = await db.select().from(events).where(ne(events.status, 'draft'));
  if (!rows.length) return 0;
  const have = await latestRevisions(db, EVENT_KIND);
  const adopted: string[] = [];
  for (const e of rows) {
    if (have.has(e.id)) continue;
    const r = await db.transaction((tx) =>
      adoptPublished(tx, { kind: EVENT_KIND, id: e.id }, eventContent(e), ADOPTION_REASON),
    );
    if (r) adopted.push(e.id);
  }
  // Listed now: their passages say so (shared/search-source.ts). Unlisted until then (the search fails closed).
  for (let i = 0; i < adopted.length; i += 1000) await reindexSearch(db, 'event', adopted.slice(i, i + 1000));
  return adopted.length;
}

/** The reason a seeded event is recorded as published by the system (no demo accounts to sign it). */
export const SEED_REASON = 'reference data seeded without accounts to sign it';

/**
 * A seeded event's text published through the workflow: written and submitted by the demo coordinator (the seed's
 * findings accepted with a reason), approved by the demo administrator, published by the coordinator. Without the demo
 * accounts (a seed run alone), recorded as published by the system, flagged until a second person approves it.
 */
export async function publishSeededEvent(db: Db, eventId: string): Promise<void> {
  const [e] = await db.select().from(events).where(eq(events.id, eventId));
  if (e) await publishSeeded(db, { kind: EVENT_KIND, id: e.id }, eventContent(e));
}

/**
 * Seeded content of a subject published through the workflow by the demo accounts (publishAsDemo, the seed's findings
 * accepted with a reason); without them, recorded as published by the system, flagged until a second approval.
 */
export async function publishSeeded(db: Db, subject: Subject, content: PublicContent): Promise<void> {
  if (await publishAsDemo(db, { subject, content }, { acceptFindings: 'Demo data, reviewed as written.' })) return;
  await db.transaction((tx) => adoptPublished(tx, subject, content, SEED_REASON));
}
