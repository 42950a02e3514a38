// What an event puts through the publishing module's two-signature workflow, once for each of its subjects: its public
// text (publication/, kind `event`) and its Chair's Summary (summary-publication/, kind `chairs_summary`), both with
// the event's id as subject id and managed by the event's managers (docs/architecture.md, "Events", "Publishing").
// Each subject passes in what is its own (its kind, the content its rows hold, what publishing also does); the open
// revision, the state shown, the steps, the addresses and the adoption of what was published before the workflow are
// the same for both.
import type { Db, Tx } from '../../../platform/db/client.ts';
import { notFound } from '../../../platform/http/errors.ts';
import { textIn } from '../../../platform/i18n/text.ts';
import {
  adoptPublished,
  checkContent,
  contentSha256,
  latestRevisions,
  normalizeContent,
  publicView,
  publish,
  publishAsDemo,
  revisionPeople,
  revisionsOf,
  saveDraft,
  subjectRevision,
  takeStep,
  type PublicContent,
  type PublicView,
  type PublishingContext,
  type Revision,
  type StepInput,
  type Subject,
  type WorkflowStep,
} from '../../publishing/index.ts';
import { inArray } from 'drizzle-orm';
import { events } from '../events.schema.ts';
import { managedEvent, type EventRow, type EventsContext } from './events.service.ts';

/** One of an event's publishing subjects: what is its own. */
export interface SubjectSpec<T> {
  kind: string;
  /** The content its rows hold now, and whether there is any (nothing to submit otherwise). */
  current: (db: Db | Tx, event: EventRow) => Promise<{ content: PublicContent; written: boolean }>;
  /** The text a revision's content holds. */
  textOf: (c: PublicContent) => T;
  /** What publishing a revision also does, in the same transaction. */
  onPublish?: (ctx: EventsContext, tx: Tx, event: EventRow, published: Revision) => Promise<void>;
  /** Where readers get it and where it is managed (the publishing module's administrator page). */
  addresses: (slug: string) => { public: string; manage: string };
}

export interface SubjectPublishing<T> {
  event: EventRow;
  revisions: Revision[];
  latest: Revision | null;
  /** The text shown: the latest revision's, or (none yet: written before the workflow) the rows'. */
  text: T;
  /** Is there anything at all (a revision, or rows)? Nothing to submit otherwise. */
  written: boolean;
  /** The hash of the rows' text when there is no revision yet (what a first submission signs). */
  pendingSha256: string | null;
  findings: ReturnType<typeof checkContent>;
  people: Map<string, string>;
  view: PublicView | null;
}

/** An event's subjects are never force-published by a person (only adopted by the system). */
export type SubjectStep = Exclude<WorkflowStep, 'force'>;

/** A step names its revision, or none: the first submission of text written before the workflow. */
export type SubjectStepInput = Omit<StepInput, 'revisionId'> & { revisionId?: string };

/** The reason seeded content is recorded as published by the system (no demo accounts to sign it). */
const SEED_REASON = 'reference data seeded without accounts to sign it';

const asPublishing = (ctx: EventsContext): PublishingContext => ({
  db: ctx.db,
  config: ctx.config,
  actor: ctx.actor,
  ip: ctx.ip ?? undefined,
});

/** The workflow of one of an event's subjects (its id is the event's). */
export function publishingSubject<T>(spec: SubjectSpec<T>) {
  const { kind } = spec;
  const subject = (id: string): Subject => ({ kind, id });

  /**
   * Saves its content as its open revision (inside the save's own transaction): nothing when it is the content of the
   * latest revision already, out of the workflow (a save that changes none of it starts no new draft).
   */
  async function saveDraftOf(ctx: EventsContext, tx: Tx, id: string, content: PublicContent): Promise<void> {
    const s = subject(id);
    const [latest] = await revisionsOf(tx, s);
    if (latest && !['draft', 'submitted', 'approved'].includes(latest.state)) {
      if (contentSha256(normalizeContent(content)) === latest.sha256) return;
    }
    await saveDraft(asPublishing(ctx), s, content, tx);
  }

  /** Its publishing state (its publishing page and the JSON API). */
  async function publishing(ctx: EventsContext, idOrSlug: string): Promise<SubjectPublishing<T>> {
    const event = await managedEvent(ctx, idOrSlug);
    const s = subject(event.id);
    const [revisions, rows] = await Promise.all([revisionsOf(ctx.db, s), spec.current(ctx.db, event)]);
    const latest = revisions[0] ?? null;
    const people = await revisionPeople(ctx.db, revisions);
    const content = latest ? latest.content : normalizeContent(rows.content);
    return {
      event,
      revisions,
      latest,
      text: spec.textOf(content),
      written: !!latest || rows.written,
      pendingSha256: latest || !rows.written ? null : contentSha256(content),
      findings: checkContent(content),
      people,
      view: await publicView(ctx.db, s),
    };
  }

  /** One step of the workflow on its revision (the latest unless named). */
  async function runStep(
    ctx: EventsContext,
    idOrSlug: string,
    step: SubjectStep,
    input: SubjectStepInput,
  ): Promise<Revision> {
    const event = await managedEvent(ctx, idOrSlug);
    const s = subject(event.id);
    // Written before the workflow, it has no revision: its first submission drafts the rows' text first.
    if (step === 'submit' && !input.revisionId && !(await revisionsOf(ctx.db, s)).length) {
      const rows = await spec.current(ctx.db, event);
      if (!rows.written) throw notFound();
      await ctx.db.transaction((tx) => saveDraftOf(ctx, tx, event.id, rows.content));
    }
    const r = input.revisionId ? await subjectRevision(ctx.db, s, input.revisionId) : (await revisionsOf(ctx.db, s))[0];
    if (!r) throw notFound();
    const p = asPublishing(ctx);
    const { onPublish } = spec;
    return takeStep(
      p,
      r,
      step,
      input,
      onPublish &&
        ((rid) =>
          ctx.db.transaction(async (tx) => {
            const u = await publish({ ...p, db: tx as Db }, rid);
            await onPublish(ctx, tx, event, u);
            return u;
          })),
    );
  }

  /** Titles and addresses of events' subjects (the publishing module's administrator page). */
  async function urls(db: Db, ids: string[]): Promise<Map<string, { title: string; public: string; manage: string }>> {
    const out = new Map<string, { title: string; public: string; manage: string }>();
    if (!ids.length) return out;
    const rows = await db.select().from(events).where(inArray(events.id, ids));
    for (const e of rows) out.set(e.id, { title: textIn(e.title, 'en') || e.slug, ...spec.addresses(e.slug) });
    return out;
  }

  /**
   * The upgrade of a deployment: each subject (an event's id and its content) with no revision yet gets one recorded
   * as force-published by the system, with the reason given, flagged on /admin/publishing until a second person
   * approves it. Returns the subjects adopted now.
   */
  async function adopt(db: Db, contents: [id: string, content: PublicContent][], reason: string): Promise<string[]> {
    const adopted: string[] = [];
    if (!contents.length) return adopted;
    const have = await latestRevisions(db, kind);
    for (const [id, content] of contents) {
      if (have.has(id)) continue;
      const r = await db.transaction((tx) => adoptPublished(tx, subject(id), content, reason));
      if (r) adopted.push(id);
    }
    return adopted;
  }

  /**
   * Seeded content published through the workflow by the demo accounts (publishAsDemo, the seed's findings accepted
   * with a reason); without them, recorded as published by the system, flagged until a second approval.
   */
  async function seed(db: Db, id: string, content: PublicContent): Promise<void> {
    const s = subject(id);
    if (await publishAsDemo(db, { subject: s, content }, { acceptFindings: 'Demo data, reviewed as written.' })) return;
    await db.transaction((tx) => adoptPublished(tx, s, content, SEED_REASON));
  }

  return { kind, saveDraft: saveDraftOf, publishing, runStep, urls, adopt, seed };
}
