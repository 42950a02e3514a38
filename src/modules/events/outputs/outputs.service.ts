// Outputs of an event: the Chair's Summary (ordered conclusions and recommendations), the follow-up actions that
// recommendations become (owner organization, status, due date), and the draft outcome report compiled from the
// programme, the speakers' lists, the statements and the summary.
import { and, asc, eq, inArray } from 'drizzle-orm';
import { invalid, notFound, type FieldError } from '../../../platform/http/errors.ts';
import { recordAudit } from '../../../platform/audit/audit.service.ts';
import { isLocale, type Locale } from '../../../platform/i18n/index.ts';
import { textIn, original } from '../../../platform/i18n/text.ts';
import { isUuid, organizationsRef, organizationsByIds, findVisibleOrganization } from '../../directory/index.ts';
import {
  ACTION_STATUSES,
  detachEventItems,
  eventAction,
  eventActions,
  syncEventAction,
  updateEventAction,
  type Action,
  type ActionStatus,
} from '../../compact/index.ts';
import {
  eventSessions,
  eventSpeakers,
  eventStatements,
  eventSummaryItems,
  type SummaryKind,
} from '../events.schema.ts';
import { managedEvent, type EventsContext } from '../shared/events.service.ts';
import {
  saveSummaryDraft,
  signedSummaryItems,
  type SummaryItem,
} from '../summary-publication/summary-publication.service.ts';
import { getEventDetail } from '../public/public.service.ts';
import { listDocuments, type EventDocument } from '../documents/documents.service.ts';
import {
  computeStats,
  participationSentence,
  publishedSentenceFigures,
  recordedFigures,
} from '../public/stats.service.ts';

export const summaryOf = (db: EventsContext['db'], eventId: string) =>
  db
    .select()
    .from(eventSummaryItems)
    .where(eq(eventSummaryItems.eventId, eventId))
    .orderBy(asc(eventSummaryItems.kind), asc(eventSummaryItems.sort));

/**
 * An event's Chair's Summary, the one record the event page, the Chair's Summary page and the outcome report read:
 * its conclusions and recommendations (event_summary_items: its text lives nowhere else) and the documents that
 * publish it (a PDF or a link, kind `chairs_summary`). Readers get the items' signed text (publicChairsSummary).
 */
export interface ChairsSummary {
  items: SummaryItem[];
  documents: EventDocument[];
}
export async function chairsSummaryOf(
  db: EventsContext['db'],
  eventId: string,
  // The event's documents when the caller has already read them (the event page): not read a second time.
  eventDocuments?: EventDocument[],
): Promise<ChairsSummary> {
  const [items, documents] = await Promise.all([summaryOf(db, eventId), eventDocuments ?? listDocuments(db, eventId)]);
  return { items, documents: documents.filter((d) => d.kind === 'chairs_summary') };
}

/**
 * The Chair's Summary as readers get it: the items of its published, signed revision (none when nothing verifies: never
 * the rows, which hold the working copy) and its documents (not under the workflow, shown as they are).
 */
export async function publicChairsSummary(
  db: EventsContext['db'],
  eventId: string,
  eventDocuments?: EventDocument[],
): Promise<ChairsSummary> {
  const [items, documents] = await Promise.all([
    signedSummaryItems(db, eventId),
    eventDocuments ?? listDocuments(db, eventId),
  ]);
  return { items, documents: documents.filter((d) => d.kind === 'chairs_summary') };
}

/** The summary as the form edits it: one item per line, conclusions and recommendations. */
export async function summaryFormValues(ctx: EventsContext, idOrSlug: string) {
  const e = await managedEvent(ctx, idOrSlug);
  const summary = await chairsSummaryOf(ctx.db, e.id);
  const items = summary.items;
  return {
    event: e,
    summary,
    values: {
      language: items[0]?.language ?? 'en',
      conclusions: items
        .filter((i) => i.kind === 'conclusion')
        .map((i) => i.body)
        .join('\n'),
      recommendations: items
        .filter((i) => i.kind === 'recommendation')
        .map((i) => i.body)
        .join('\n'),
    },
  };
}

const lines = (s: string) =>
  s
    .split(/\r?\n/)
    .map((l) => l.replace(/^\s*(?:\d+[.)]|[-•*])\s*/, '').trim())
    .filter(Boolean);

/**
 * Saves the Chair's Summary. Items keep their identity by position (an edited recommendation keeps its follow-up
 * action); each recommendation has one follow-up action, created when the recommendation first appears, its title kept
 * in step with the text. A removed recommendation leaves its action in place (detached).
 */
export async function saveSummary(
  ctx: EventsContext,
  idOrSlug: string,
  input: { language: string; conclusions: string; recommendations: string },
) {
  const e = await managedEvent(ctx, idOrSlug);
  const fields: FieldError[] = [];
  if (!isLocale(input.language)) fields.push({ field: 'language', messageKey: 'validation.choice' });
  const wanted: Record<SummaryKind, string[]> = {
    conclusion: lines(input.conclusions),
    recommendation: lines(input.recommendations),
  };
  for (const k of ['conclusion', 'recommendation'] as const) {
    const field = k === 'conclusion' ? 'conclusions' : 'recommendations';
    if (wanted[k].length > 100) fields.push({ field, messageKey: 'validation.maxItems', values: { limit: 100 } });
    if (wanted[k].some((l) => l.length > 3000))
      fields.push({ field, messageKey: 'validation.maxLength', values: { limit: 3000 } });
  }
  if (!wanted.conclusion.length && !wanted.recommendation.length)
    fields.push({ field: 'conclusions', messageKey: 'events.outputs.summaryEmpty' });
  if (fields.length) throw invalid(fields);
  const now = new Date();
  await ctx.db.transaction(async (tx) => {
    const existing = await tx
      .select()
      .from(eventSummaryItems)
      .where(eq(eventSummaryItems.eventId, e.id))
      .orderBy(asc(eventSummaryItems.sort))
      .for('update');
    let created = 0;
    for (const kind of ['conclusion', 'recommendation'] as const) {
      const have = existing.filter((i) => i.kind === kind);
      for (const [sort, body] of wanted[kind].entries()) {
        const old = have[sort];
        let id = old?.id;
        if (old)
          await tx
            .update(eventSummaryItems)
            .set({ body, sort, language: input.language as Locale, updatedAt: now })
            .where(eq(eventSummaryItems.id, old.id));
        else
          id = (
            await tx
              .insert(eventSummaryItems)
              .values({ eventId: e.id, kind, sort, body, language: input.language as Locale })
              .returning({ id: eventSummaryItems.id })
          )[0].id;
        // One model: the recommendation's follow-up action lives in the Compact's register.
        if (
          kind === 'recommendation' &&
          (await syncEventAction(tx, {
            eventId: e.id,
            recommendationId: id!,
            title: original(input.language as Locale, body),
          }))
        )
          created++;
      }
      const gone = have.slice(wanted[kind].length).map((i) => i.id);
      if (gone.length) {
        if (kind === 'recommendation') await detachEventItems(tx, gone);
        await tx.delete(eventSummaryItems).where(inArray(eventSummaryItems.id, gone));
      }
    }
    // Its text is a draft of the summary's public revision until two people sign it (kind chairs_summary).
    await saveSummaryDraft(ctx, tx, e.id);
    await recordAudit(tx, {
      action: 'event.summary.saved',
      actor: ctx.actor,
      targetType: 'event',
      targetId: e.id,
      ip: ctx.ip,
      details: {
        conclusions: wanted.conclusion.length,
        recommendations: wanted.recommendation.length,
        actionsCreated: created,
      },
    });
  });
}

/** A follow-up action as the event's pages show it: the register's action, its title in the summary's language. */
export interface EventActionRow {
  a: Omit<Action, 'title'> & { title: string; recommendationId: string | null };
  owner: Record<string, string> | null;
  rec: number | null;
}

/** The event's follow-up actions (from the register) with their owner's names, in the summary's order. */
async function actionRows(db: EventsContext['db'], eventId: string): Promise<EventActionRow[]> {
  const [actions, items] = await Promise.all([eventActions(db, eventId), summaryOf(db, eventId)]);
  const owners = new Map(
    (
      await organizationsByIds(
        db,
        actions.flatMap((a) => (a.ownerOrgId ? [a.ownerOrgId] : [])),
      )
    ).map((o) => [o.id, o.names as Record<string, string>]),
  );
  const sort = new Map(items.map((i) => [i.id, i.sort]));
  return actions
    .map((a) => ({
      a: { ...a, title: textIn(a.title, 'en'), recommendationId: a.sourceItemId },
      owner: a.ownerOrgId ? (owners.get(a.ownerOrgId) ?? null) : null,
      rec: a.sourceItemId ? (sort.get(a.sourceItemId) ?? null) : null,
    }))
    .sort((x, y) => (x.rec ?? Infinity) - (y.rec ?? Infinity) || x.a.title.localeCompare(y.a.title));
}

export async function listActions(ctx: EventsContext, idOrSlug: string) {
  const e = await managedEvent(ctx, idOrSlug);
  return { event: e, rows: await actionRows(ctx.db, e.id) };
}

export async function getAction(ctx: EventsContext, idOrSlug: string, actionId: string) {
  const e = await managedEvent(ctx, idOrSlug);
  if (!isUuid(actionId)) throw notFound();
  const a = await eventAction(ctx.db, e.id, actionId);
  if (!a) throw notFound();
  return { event: e, action: { ...a, title: textIn(a.title, 'en'), recommendationId: a.sourceItemId }, row: a };
}

/** Updates a follow-up action's owner, status, due date and note (in the register, through the compact module). */
export async function updateAction(
  ctx: EventsContext,
  idOrSlug: string,
  actionId: string,
  input: { ownerOrgId: string; status: string; dueOn: string; note: string },
) {
  const { event: e, row: action } = await getAction(ctx, idOrSlug, actionId);
  const fields: FieldError[] = [];
  if (input.ownerOrgId && !(await findVisibleOrganization(ctx.db, ctx.actor, input.ownerOrgId)))
    fields.push({ field: 'ownerOrgId', messageKey: 'validation.choice' });
  if (!(ACTION_STATUSES as readonly string[]).includes(input.status))
    fields.push({ field: 'status', messageKey: 'validation.choice' });
  if (input.dueOn && (!/^\d{4}-\d{2}-\d{2}$/.test(input.dueOn) || Number.isNaN(Date.parse(input.dueOn))))
    fields.push({ field: 'dueOn', messageKey: 'validation.date' });
  if (input.note.length > 2000)
    fields.push({ field: 'note', messageKey: 'validation.maxLength', values: { limit: 2000 } });
  if (input.status === 'in_progress' && !input.ownerOrgId)
    fields.push({ field: 'ownerOrgId', messageKey: 'events.outputs.ownerRequired' });
  if (fields.length) throw invalid(fields);
  await ctx.db.transaction(async (tx) => {
    await updateEventAction(
      tx,
      ctx,
      action,
      {
        ownerOrgId: input.ownerOrgId || null,
        status: input.status as ActionStatus,
        dueOn: input.dueOn || null,
        note: input.note.trim() || null,
      },
      { action: 'event.action.updated', details: { eventId: e.id, status: input.status, was: action.status } },
    );
  });
}

/** Everything the outcome report compiles. A draft for the secretariat (not published). */
export async function reportData(ctx: EventsContext, idOrSlug: string) {
  const e = await managedEvent(ctx, idOrSlug);
  const org = organizationsRef();
  const [detail, summary, statements, speakers, actions, stats] = await Promise.all([
    getEventDetail(ctx, e.id),
    chairsSummaryOf(ctx.db, e.id),
    ctx.db
      .select({ s: eventStatements, org: org.names })
      .from(eventStatements)
      .innerJoin(org, eq(org.id, eventStatements.organizationId))
      .where(eq(eventStatements.eventId, e.id))
      .orderBy(asc(eventStatements.createdAt)),
    ctx.db
      .select({
        sessionId: eventSpeakers.sessionId,
        status: eventSpeakers.status,
        speakerName: eventSpeakers.speakerName,
        org: org.names,
        startedAt: eventSpeakers.startedAt,
      })
      .from(eventSpeakers)
      .innerJoin(eventSessions, eq(eventSessions.id, eventSpeakers.sessionId))
      .innerJoin(org, eq(org.id, eventSpeakers.organizationId))
      .where(and(eq(eventSessions.eventId, e.id), inArray(eventSpeakers.status, ['spoken', 'speaking'])))
      .orderBy(asc(eventSpeakers.position)),
    actionRows(ctx.db, e.id),
    computeStats(ctx.db, e.id),
  ]);
  const recorded = recordedFigures(stats);
  return {
    event: e,
    detail,
    summary,
    statements,
    speakers,
    actions,
    /** What the organizers published (with its source) and what the platform recorded, each its own sentence. */
    participation: (l: Locale) => {
      const published = publishedSentenceFigures(e.publishedFigures, l);
      return {
        published: published ? { sentence: participationSentence(l, published), source: published.source ?? '' } : null,
        recorded: recorded ? participationSentence(l, recorded) : null,
      };
    },
  };
}
export type ReportData = Awaited<ReturnType<typeof reportData>>;
