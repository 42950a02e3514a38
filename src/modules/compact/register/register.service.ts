// The register of decisions and actions (docs/architecture.md, "The register"). One model: a body's decisions and the
// actions that follow them, a meeting's actions, and an event's Chair's Summary follow-up actions (the events module
// creates and updates those through the compact module's index). Who sees a body's records is `bodyVisibleSql`; an
// event's actions follow the event's rule, which the events module declares as a link target (followUpVisibleSql).
import { and, asc, count, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Db, Tx } from '../../../platform/db/client.ts';
import { authorize, can, isUser, type Actor } from '../../../platform/auth/policy.ts';
import { recordAudit } from '../../../platform/audit/audit.service.ts';
import { invalid, notFound, type FieldError } from '../../../platform/http/errors.ts';
import { isUuid } from '../../../platform/db/sql.ts';
import { nameIn, type Locale } from '../../../platform/i18n/index.ts';
import { textIn, type TranslatableText } from '../../../platform/i18n/text.ts';
import { resolveNotifications } from '../../../platform/notify/notify.service.ts';
import {
  followUpVisibleSql,
  linkLabels,
  linkPillarSql,
  type LinkLabel,
} from '../../../platform/modules/link-targets.ts';
import { findVisibleOrganization, isMemberOf, organizationsByIds, peopleByIds } from '../../directory/index.ts';
import { listFramework } from '../../framework/index.ts';
import { compactBodies } from '../compact.schema.ts';
import { bodyRef, bodyVisibleSql, canSeeBody, getBody, listBodies, type Body } from '../structure/structure.service.ts';
import {
  ACTION_SOURCES,
  ACTION_STATUSES,
  LINK_KINDS,
  compactActionLinks,
  compactActionNotes,
  compactActions,
  compactDecisionCounters,
  compactDecisions,
  type ActionSource,
  type ActionStatus,
  type LinkKind,
} from './register.schema.ts';

export { ACTION_SOURCES, ACTION_STATUSES, LINK_KINDS, type ActionSource, type ActionStatus, type LinkKind };

export interface RegisterContext {
  /** The database, or the caller's transaction (a meeting that adopts decisions, a Chair's Summary being saved). */
  db: Db | Tx;
  actor: Actor;
  ip?: string | null;
}

export type Decision = typeof compactDecisions.$inferSelect;
export type ActionRow = typeof compactActions.$inferSelect;
export type ActionNote = typeof compactActionNotes.$inferSelect;
export interface Action extends ActionRow {
  /** Open or in progress with a due date before today (computed in SQL). */
  overdue: boolean;
  /** The decision's symbol, when it follows one. */
  decisionSymbol: string | null;
}
export interface ActionLink {
  kind: LinkKind;
  id: string;
}

const TEXT_MAX = 20_000;
const NOTE_MAX = 4000;
const OPEN: ActionStatus[] = ['open', 'in_progress'];
const isDate = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`));
const isHttpUrl = (s: string) => {
  try {
    const u = new URL(s);
    return u.protocol === 'https:' || u.protocol === 'http:';
  } catch {
    return false;
  }
};
/** Today as a date (UTC), or the runner's `now`. */
export const dayOf = (d: Date) => d.toISOString().slice(0, 10);

// ---- SQL ----

/** SQL: the action is open or in progress and its due date has passed (`today`: a date; default the database's). */
export function overdueSql(today?: string): SQL {
  const day = today ? sql`${today}::date` : sql`current_date`;
  return sql`(${compactActions.status} in ('open', 'in_progress') and ${compactActions.dueOn} is not null
    and ${compactActions.dueOn} < ${day})`;
}

const uuidList = (ids: string[]) =>
  sql.join(
    ids.map((id) => sql`${id}::uuid`),
    sql`, `,
  );

/**
 * SQL: the actor sees this action — its owner entity's people, else its body's rule, or for an event's follow-up
 * action the event's rule.
 */
export function actionVisibleSql(actor: Actor): SQL {
  if (!isUser(actor)) return sql`false`;
  const own = actor.orgIds.filter(isUuid);
  const owner = own.length ? sql`${compactActions.ownerOrgId} in (${uuidList(own)})` : sql`false`;
  return sql`(${owner} or (${compactActions.bodyId} is not null and ${bodyVisibleSql(actor, compactActions.bodyId)})
    or (${compactActions.bodyId} is null and ${compactActions.sourceKind} = 'event'
      and ${followUpVisibleSql('event', actor, compactActions.sourceId)}))`;
}

/** SQL: the actor sees this decision (its body's rule). */
export const decisionVisibleSql = (actor: Actor): SQL => bodyVisibleSql(actor, compactDecisions.bodyId);

async function selectActions(db: Db | Tx, where: SQL | undefined, opts: { limit?: number; offset?: number } = {}) {
  const q = db
    .select({ a: compactActions, overdue: overdueSql(), decisionSymbol: compactDecisions.symbol })
    .from(compactActions)
    .leftJoin(compactDecisions, eq(compactDecisions.id, compactActions.decisionId))
    .where(where)
    .orderBy(sql`${compactActions.dueOn} asc nulls last`, asc(compactActions.createdAt), asc(compactActions.id));
  const rows = await (opts.limit ? q.limit(opts.limit).offset(opts.offset ?? 0) : q);
  return rows.map((r) => ({ ...r.a, overdue: !!r.overdue, decisionSymbol: r.decisionSymbol ?? null }) as Action);
}

// ---- Decisions ----

export interface DecisionInput {
  bodyId: string;
  text: TranslatableText;
  /** The meeting that took it (the meetings module), or null. */
  meetingId?: string | null;
  /** YYYY-MM-DD; its year is the symbol's. */
  decidedOn: string;
  reviewOn?: string | null;
}

/**
 * The next symbol of a body for a year: one conditional statement on the counter row (`INSERT … ON CONFLICT DO UPDATE
 * … RETURNING`), in the caller's transaction — concurrent creations queue on the row, and a rolled-back creation gives
 * its number back, so numbers have no gaps and no duplicates.
 */
export async function allocateDecisionNumber(tx: Tx, body: Pick<Body, 'id' | 'symbolPrefix'>, year: number) {
  const [r] = await tx
    .insert(compactDecisionCounters)
    .values({ bodyId: body.id, year, last: 1 })
    .onConflictDoUpdate({
      target: [compactDecisionCounters.bodyId, compactDecisionCounters.year],
      set: { last: sql`${compactDecisionCounters.last} + 1` },
    })
    .returning({ last: compactDecisionCounters.last });
  return { number: r.last, symbol: `${body.symbolPrefix}/${year}/${r.last}` };
}

function checkDecision(input: DecisionInput, fields: FieldError[]) {
  if (!input.decidedOn || !isDate(input.decidedOn)) fields.push({ field: 'decidedOn', messageKey: 'validation.date' });
  if (input.reviewOn && !isDate(input.reviewOn)) fields.push({ field: 'reviewOn', messageKey: 'validation.date' });
  else if (input.reviewOn && input.decidedOn && isDate(input.decidedOn) && input.reviewOn < input.decidedOn)
    fields.push({ field: 'reviewOn', messageKey: 'register.errors.reviewBeforeDecision' });
  if (input.meetingId && !isUuid(input.meetingId)) fields.push({ field: 'meetingId', messageKey: 'validation.choice' });
  const present = Object.values(input.text ?? {}).filter((v) => v?.text);
  if (!present.length && !fields.some((f) => f.field.startsWith('text')))
    fields.push({ field: 'text', messageKey: 'text.errors.oneLanguage' });
  if (present.some((v) => v!.text.length > TEXT_MAX))
    fields.push({ field: 'text', messageKey: 'validation.maxLength', values: { limit: TEXT_MAX } });
}

/**
 * Records a decision of a body: the body's managers and the secretariat (compact.decision.create). Every input error
 * is reported at once (422). The symbol is allocated in the same transaction as the row and its audit entry.
 * `fields` carries errors the caller found already (the form's text parser), so they are reported together.
 */
export async function createDecision(
  ctx: RegisterContext,
  input: DecisionInput,
  fields: FieldError[] = [],
): Promise<Decision> {
  const body = isUuid(input.bodyId) ? await getBody(ctx.db, input.bodyId) : null;
  if (body) authorize(ctx.actor, 'compact.decision.create', { body: await bodyRef(ctx.db, body.id) });
  else {
    authorize(ctx.actor, 'compact.register.write');
    fields.push({ field: 'bodyId', messageKey: 'validation.choice' });
  }
  checkDecision(input, fields);
  if (fields.length) throw invalid(fields);
  const year = Number(input.decidedOn.slice(0, 4));
  return ctx.db.transaction(async (tx) => {
    const { number, symbol } = await allocateDecisionNumber(tx, body!, year);
    const [d] = await tx
      .insert(compactDecisions)
      .values({
        bodyId: body!.id,
        year,
        number,
        symbol,
        text: input.text,
        meetingId: input.meetingId || null,
        decidedOn: input.decidedOn,
        reviewOn: input.reviewOn || null,
        createdBy: isUser(ctx.actor) ? ctx.actor.userId : null,
      })
      .returning();
    await recordAudit(tx, {
      action: 'compact.decision.created',
      actor: ctx.actor,
      targetType: 'compact_decision',
      targetId: d.id,
      ip: ctx.ip ?? null,
      details: { symbol, bodyId: body!.id, meetingId: d.meetingId },
    });
    return d;
  });
}

/** One decision the actor may see, by id or symbol (404 otherwise), with its body and actions. */
export async function getDecision(ctx: RegisterContext, idOrSymbol: string) {
  const key = isUuid(idOrSymbol) ? eq(compactDecisions.id, idOrSymbol) : eq(compactDecisions.symbol, idOrSymbol);
  const [d] = await ctx.db
    .select()
    .from(compactDecisions)
    .where(and(key, decisionVisibleSql(ctx.actor)))
    .limit(1);
  if (!d) throw notFound();
  const body = (await getBody(ctx.db, d.bodyId))!;
  const actions = await selectActions(ctx.db, and(eq(compactActions.decisionId, d.id), actionVisibleSql(ctx.actor)));
  return { decision: d, body, actions };
}

export interface DecisionFilters {
  bodyId?: string;
  pillar?: string;
  /** Decisions due for review on or before this date. */
  reviewBefore?: string;
  page?: number;
  pageSize?: number;
}

/** The decisions the actor may see, newest first. */
export async function listDecisions(ctx: RegisterContext, f: DecisionFilters = {}) {
  const conds: SQL[] = [decisionVisibleSql(ctx.actor)];
  if (f.bodyId) conds.push(isUuid(f.bodyId) ? eq(compactDecisions.bodyId, f.bodyId) : sql`false`);
  if (f.pillar)
    conds.push(
      sql`exists (select 1 from ${compactBodies} where ${compactBodies.id} = ${compactDecisions.bodyId}
        and ${f.pillar} = any(${compactBodies.pillars}))`,
    );
  if (f.reviewBefore && isDate(f.reviewBefore))
    conds.push(sql`${compactDecisions.reviewOn} <= ${f.reviewBefore}::date`);
  const pageSize = f.pageSize ?? 50;
  const page = Math.max(1, f.page ?? 1);
  const where = and(...conds);
  const [items, [t]] = await Promise.all([
    ctx.db
      .select()
      .from(compactDecisions)
      .where(where)
      .orderBy(desc(compactDecisions.decidedOn), desc(compactDecisions.year), desc(compactDecisions.number))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    ctx.db.select({ n: count() }).from(compactDecisions).where(where),
  ]);
  return { items, total: Number(t?.n ?? 0), page, pageSize };
}

// ---- Actions ----

export interface ActionInput {
  /** The body whose register it is in (required unless it follows an event). */
  bodyId?: string | null;
  decisionId?: string | null;
  /** Default: 'decision' when decisionId is given, else 'meeting' when meetingId is, else 'decision'. */
  sourceKind?: ActionSource;
  /** The meeting or event it comes from. */
  sourceId?: string | null;
  title: TranslatableText;
  ownerOrgId: string;
  ownerPersonId?: string | null;
  dueOn?: string | null;
  links?: ActionLink[];
}

async function checkAction(ctx: RegisterContext, input: ActionInput, fields: FieldError[]) {
  const present = Object.values(input.title ?? {}).filter((v) => v?.text);
  if (!present.length && !fields.some((f) => f.field.startsWith('title')))
    fields.push({ field: 'title', messageKey: 'text.errors.oneLanguage' });
  if (present.some((v) => v!.text.length > 3000))
    fields.push({ field: 'title', messageKey: 'validation.maxLength', values: { limit: 3000 } });
  if (!input.ownerOrgId) fields.push({ field: 'ownerOrgId', messageKey: 'validation.required' });
  else if (!isUuid(input.ownerOrgId) || !(await findVisibleOrganization(ctx.db, ctx.actor, input.ownerOrgId)))
    fields.push({ field: 'ownerOrgId', messageKey: 'validation.choice' });
  if (input.ownerPersonId) {
    const ok =
      isUuid(input.ownerPersonId) &&
      !!input.ownerOrgId &&
      isUuid(input.ownerOrgId) &&
      (await isMemberOf(ctx.db, input.ownerPersonId, input.ownerOrgId));
    if (!ok) fields.push({ field: 'ownerPersonId', messageKey: 'register.errors.ownerPerson' });
  }
  if (!input.dueOn) fields.push({ field: 'dueOn', messageKey: 'validation.required' });
  else if (!isDate(input.dueOn)) fields.push({ field: 'dueOn', messageKey: 'validation.date' });
  if (input.sourceId && !isUuid(input.sourceId)) fields.push({ field: 'sourceId', messageKey: 'validation.choice' });
  for (const l of input.links ?? [])
    if (!(LINK_KINDS as readonly string[]).includes(l.kind) || !isUuid(l.id))
      fields.push({ field: 'links', messageKey: 'validation.choice' });
}

/**
 * Records an action of a body: its managers and the secretariat (compact.action.create). It follows a decision of
 * the same body (decisionId) or a meeting (sourceKind 'meeting', sourceId). Every input error at once (422).
 */
export async function createAction(ctx: RegisterContext, input: ActionInput, fields: FieldError[] = []) {
  let bodyId = input.bodyId || null;
  let decision: Decision | null = null;
  if (input.decisionId) {
    decision = isUuid(input.decisionId)
      ? ((
          await ctx.db
            .select()
            .from(compactDecisions)
            .where(and(eq(compactDecisions.id, input.decisionId), decisionVisibleSql(ctx.actor)))
        )[0] ?? null)
      : null;
    if (!decision) fields.push({ field: 'decisionId', messageKey: 'validation.choice' });
    else if (bodyId && bodyId !== decision.bodyId)
      fields.push({ field: 'decisionId', messageKey: 'validation.choice' });
    else bodyId = decision.bodyId;
  }
  const body = bodyId && isUuid(bodyId) ? await getBody(ctx.db, bodyId) : null;
  if (body) authorize(ctx.actor, 'compact.action.create', { body: await bodyRef(ctx.db, body.id) });
  else {
    authorize(ctx.actor, 'compact.register.write');
    fields.push({ field: 'bodyId', messageKey: 'validation.choice' });
  }
  await checkAction(ctx, input, fields);
  if (fields.length) throw invalid(fields);
  const sourceKind: ActionSource = decision
    ? 'decision'
    : (input.sourceKind ?? (input.sourceId ? 'meeting' : 'decision'));
  return ctx.db.transaction(async (tx) => {
    const [a] = await tx
      .insert(compactActions)
      .values({
        bodyId: body!.id,
        decisionId: decision?.id ?? null,
        sourceKind,
        sourceId: decision ? (decision.meetingId ?? null) : input.sourceId || null,
        title: input.title,
        ownerOrgId: input.ownerOrgId,
        ownerPersonId: input.ownerPersonId || null,
        dueOn: input.dueOn!,
        createdBy: isUser(ctx.actor) ? ctx.actor.userId : null,
      })
      .returning();
    const links = uniqueLinks(input.links ?? []);
    if (links.length)
      await tx
        .insert(compactActionLinks)
        .values(links.map((l) => ({ actionId: a.id, targetKind: l.kind, targetId: l.id })))
        .onConflictDoNothing();
    await recordAudit(tx, {
      action: 'compact.action.created',
      actor: ctx.actor,
      targetType: 'compact_action',
      targetId: a.id,
      ip: ctx.ip ?? null,
      details: {
        bodyId: a.bodyId,
        decisionId: a.decisionId,
        ownerOrgId: a.ownerOrgId,
        dueOn: a.dueOn,
        links: links.length,
      },
    });
    return a;
  });
}

const uniqueLinks = (links: ActionLink[]) =>
  [...new Map(links.map((l) => [`${l.kind}:${l.id}`, l])).values()].filter(
    (l) => (LINK_KINDS as readonly string[]).includes(l.kind) && isUuid(l.id),
  );

export interface ActionFilters {
  bodyId?: string;
  ownerOrgId?: string;
  /** A status, or 'overdue' (open or in progress, past due). */
  status?: ActionStatus | 'overdue' | '';
  /** Strategy pillar code: the body's pillars or a linked item's. */
  pillar?: string;
  /** Due on or before this date. */
  dueBefore?: string;
  decisionId?: string;
  /** Only actions owned by the actor's entities (or the actor). */
  mine?: boolean;
  page?: number;
  pageSize?: number;
}

/** The actions the actor may see, by due date (overdue first among open ones), filtered and paged. */
export async function listActions(ctx: RegisterContext, f: ActionFilters = {}) {
  const conds: SQL[] = [actionVisibleSql(ctx.actor)];
  if (f.bodyId) conds.push(isUuid(f.bodyId) ? eq(compactActions.bodyId, f.bodyId) : sql`false`);
  if (f.ownerOrgId) conds.push(isUuid(f.ownerOrgId) ? eq(compactActions.ownerOrgId, f.ownerOrgId) : sql`false`);
  if (f.decisionId) conds.push(isUuid(f.decisionId) ? eq(compactActions.decisionId, f.decisionId) : sql`false`);
  if (f.status === 'overdue') conds.push(overdueSql());
  else if (f.status && (ACTION_STATUSES as readonly string[]).includes(f.status))
    conds.push(eq(compactActions.status, f.status));
  if (f.dueBefore && isDate(f.dueBefore)) conds.push(sql`${compactActions.dueOn} <= ${f.dueBefore}::date`);
  if (f.pillar) conds.push(pillarSql(f.pillar));
  if (f.mine) conds.push(isUser(ctx.actor) ? mineSql(ctx.actor.orgIds, ctx.actor.personId) : sql`false`);
  const pageSize = f.pageSize ?? 50;
  const page = Math.max(1, f.page ?? 1);
  const where = and(...conds);
  const [items, [t]] = await Promise.all([
    selectActions(ctx.db, where, { limit: pageSize, offset: (page - 1) * pageSize }),
    ctx.db.select({ n: count() }).from(compactActions).where(where),
  ]);
  return { items, total: Number(t?.n ?? 0), page, pageSize };
}

/** SQL: the action is owned by the person or one of these entities. */
export function mineSql(orgIds: string[], personId: string | null): SQL {
  const orgs = orgIds.filter(isUuid);
  const parts: SQL[] = [];
  if (orgs.length) parts.push(sql`${compactActions.ownerOrgId} in (${uuidList(orgs)})`);
  if (personId && isUuid(personId)) parts.push(sql`${compactActions.ownerPersonId} = ${personId}::uuid`);
  return parts.length ? sql`(${sql.join(parts, sql` or `)})` : sql`false`;
}

/** SQL: the action serves the pillar — through its body's pillars or a linked item's (outputs: their bodies'). */
function pillarSql(pillar: string): SQL {
  const viaLinks = LINK_KINDS.map(
    (k) =>
      sql`exists (select 1 from ${compactActionLinks} where ${compactActionLinks.actionId} = ${compactActions.id}
        and ${compactActionLinks.targetKind} = ${k} and ${linkPillarSql(k, compactActionLinks.targetId, pillar)})`,
  );
  return sql`(exists (select 1 from ${compactBodies} where ${compactBodies.id} = ${compactActions.bodyId}
    and ${pillar} = any(${compactBodies.pillars})) or ${sql.join(viaLinks, sql` or `)})`;
}

/** The open actions (open, in progress) of a body, by due date, with `overdue` — for a meeting's agenda. */
export async function openActionsForBody(db: Db | Tx, bodyId: string): Promise<Action[]> {
  if (!isUuid(bodyId)) return [];
  return selectActions(db, and(eq(compactActions.bodyId, bodyId), inArray(compactActions.status, OPEN)));
}

/** One action the actor may see (404 otherwise), with its notes, links (labelled for the reader) and decision. */
export async function getAction(ctx: RegisterContext, id: string, locale: Locale = 'en') {
  if (!isUuid(id)) throw notFound();
  const [a] = await selectActions(ctx.db, and(eq(compactActions.id, id), actionVisibleSql(ctx.actor)));
  if (!a) throw notFound();
  const [notes, linkRows, body] = await Promise.all([
    ctx.db
      .select()
      .from(compactActionNotes)
      .where(eq(compactActionNotes.actionId, a.id))
      .orderBy(asc(compactActionNotes.createdAt), asc(compactActionNotes.id)),
    ctx.db.select().from(compactActionLinks).where(eq(compactActionLinks.actionId, a.id)),
    a.bodyId ? getBody(ctx.db, a.bodyId) : null,
  ]);
  const links: (ActionLink & LinkLabel)[] = [];
  for (const kind of LINK_KINDS) {
    const ids = linkRows.filter((l) => l.targetKind === kind).map((l) => l.targetId);
    const labels = await linkLabels(ctx.db, kind, ids, locale, ctx.actor);
    for (const id of ids) if (labels.has(id)) links.push({ kind, id, ...labels.get(id)! });
  }
  const source =
    a.sourceKind === 'event' && a.sourceId
      ? ((await linkLabels(ctx.db, 'event', [a.sourceId], locale, ctx.actor)).get(a.sourceId) ?? null)
      : null;
  const owner = a.ownerPersonId ? ((await peopleByIds(ctx.db, [a.ownerPersonId]))[0] ?? null) : null;
  return {
    action: a,
    body,
    notes,
    links,
    source,
    ownerPerson: owner ? { id: owner.id, fullName: owner.fullName } : null,
    canUpdate: canUpdateAction(ctx.actor, a, body ? await bodyRef(ctx.db, body.id) : null),
  };
}
export type ActionDetail = Awaited<ReturnType<typeof getAction>>;

const canUpdateAction = (actor: Actor, a: ActionRow, body: { chairOrgIds: string[] } | null) =>
  can(actor, 'compact.action.update', { body, ownerOrgId: a.ownerOrgId });

export interface ProgressInput {
  /** The new status ('' or undefined: unchanged). */
  status?: string;
  /** A progress note (dated, by the actor). */
  note?: string;
  evidenceUrl?: string;
  evidenceNote?: string;
}

/**
 * Status, a progress note and evidence, by the owner entity's people, the body's managers or the secretariat
 * (compact.action.update; others 403, or 404 when they may not see it). Marking it done needs evidence or a note.
 * Done or dropped: the action's reminders are resolved. One transaction with its audit entry.
 */
export async function updateActionProgress(ctx: RegisterContext, id: string, input: ProgressInput) {
  const { action: a, body } = await getAction(ctx, id);
  authorize(ctx.actor, 'compact.action.update', {
    body: body ? await bodyRef(ctx.db, body.id) : null,
    ownerOrgId: a.ownerOrgId,
  });
  const fields: FieldError[] = [];
  const status = input.status?.trim() || a.status;
  const note = (input.note ?? '').trim();
  const evidenceUrl = (input.evidenceUrl ?? '').trim();
  const evidenceNote = (input.evidenceNote ?? '').trim();
  if (!(ACTION_STATUSES as readonly string[]).includes(status))
    fields.push({ field: 'status', messageKey: 'validation.choice' });
  if (note.length > NOTE_MAX)
    fields.push({ field: 'note', messageKey: 'validation.maxLength', values: { limit: NOTE_MAX } });
  if (evidenceUrl && (evidenceUrl.length > 2000 || !isHttpUrl(evidenceUrl)))
    fields.push({ field: 'evidenceUrl', messageKey: 'validation.url' });
  if (evidenceNote.length > NOTE_MAX)
    fields.push({ field: 'evidenceNote', messageKey: 'validation.maxLength', values: { limit: NOTE_MAX } });
  if (
    status === 'done' &&
    a.status !== 'done' &&
    !evidenceUrl &&
    !evidenceNote &&
    !note &&
    !a.evidenceUrl &&
    !a.evidenceNote
  )
    fields.push({ field: 'evidenceNote', messageKey: 'register.errors.evidenceRequired' });
  if (!note && !evidenceUrl && !evidenceNote && status === a.status)
    fields.push({ field: 'note', messageKey: 'register.errors.nothingChanged' });
  if (fields.length) throw invalid(fields);
  const actor = ctx.actor;
  const author = isUser(actor) ? actor : null;
  await ctx.db.transaction(async (tx) => {
    const closing = status !== a.status && (status === 'done' || status === 'dropped');
    await tx
      .update(compactActions)
      .set({
        status: status as ActionStatus,
        ...(evidenceUrl ? { evidenceUrl } : {}),
        ...(evidenceNote ? { evidenceNote } : {}),
        updatedAt: new Date(),
        ...(closing ? { closedAt: new Date() } : status !== a.status ? { closedAt: null } : {}),
      })
      .where(eq(compactActions.id, a.id));
    if (note || status !== a.status)
      await tx.insert(compactActionNotes).values({
        actionId: a.id,
        body: note,
        status: status !== a.status ? (status as ActionStatus) : null,
        authorUserId: author?.userId ?? null,
        authorPersonId: author?.personId ?? null,
        authorName: author?.name ?? null,
      });
    if (closing) await resolveNotifications(tx, `action:${a.id}`);
    await recordAudit(tx, {
      action: 'compact.action.updated',
      actor,
      targetType: 'compact_action',
      targetId: a.id,
      ip: ctx.ip ?? null,
      details: { status, was: a.status, note: !!note, evidence: !!(evidenceUrl || evidenceNote) },
    });
  });
}

// ---- An event's follow-up actions (called by the events module, which checks the event's rule itself) ----

/**
 * Keeps the follow-up action of a Chair's Summary recommendation in step with its text, in the caller's
 * transaction: creates it when the recommendation first appears (returns true), else updates its title.
 */
export async function syncEventAction(
  tx: Tx,
  input: { eventId: string; recommendationId: string; title: TranslatableText },
): Promise<boolean> {
  const now = new Date();
  const updated = await tx
    .update(compactActions)
    .set({ title: input.title, updatedAt: now })
    .where(eq(compactActions.sourceItemId, input.recommendationId))
    .returning({ id: compactActions.id });
  if (updated.length) return false;
  await tx.insert(compactActions).values({
    sourceKind: 'event',
    sourceId: input.eventId,
    sourceItemId: input.recommendationId,
    title: input.title,
  });
  return true;
}

/** Detaches the actions of recommendations removed from a Chair's Summary (they stay in the register). */
export async function detachEventItems(tx: Tx, recommendationIds: string[]): Promise<void> {
  const ids = recommendationIds.filter(isUuid);
  if (ids.length)
    await tx
      .update(compactActions)
      .set({ sourceItemId: null, updatedAt: new Date() })
      .where(inArray(compactActions.sourceItemId, ids));
}

/** An event's follow-up actions (the events module has checked the reader may manage the event). */
export async function eventActions(db: Db | Tx, eventId: string): Promise<Action[]> {
  if (!isUuid(eventId)) return [];
  return selectActions(db, and(eq(compactActions.sourceKind, 'event'), eq(compactActions.sourceId, eventId)));
}

/** One follow-up action of the event, or null. */
export async function eventAction(db: Db | Tx, eventId: string, actionId: string): Promise<Action | null> {
  if (!isUuid(eventId) || !isUuid(actionId)) return null;
  const [a] = await selectActions(
    db,
    and(eq(compactActions.id, actionId), eq(compactActions.sourceKind, 'event'), eq(compactActions.sourceId, eventId)),
  );
  return a ?? null;
}

/**
 * Updates an event's follow-up action from the event's page (owner, status, due date, note), in the caller's
 * transaction, with its audit entry. The events module validated the input and the event's rule.
 */
export async function updateEventAction(
  tx: Tx,
  ctx: { actor: Actor; ip?: string | null },
  action: ActionRow,
  input: { ownerOrgId: string | null; status: ActionStatus; dueOn: string | null; note: string | null },
  audit: { action: string; details: Record<string, unknown> },
): Promise<void> {
  const closing = input.status !== action.status && (input.status === 'done' || input.status === 'dropped');
  await tx
    .update(compactActions)
    .set({
      ownerOrgId: input.ownerOrgId,
      status: input.status,
      dueOn: input.dueOn,
      note: input.note,
      updatedAt: new Date(),
      ...(closing ? { closedAt: new Date() } : input.status !== action.status ? { closedAt: null } : {}),
    })
    .where(eq(compactActions.id, action.id));
  if (input.status !== action.status || input.note !== action.note) {
    const author = isUser(ctx.actor) ? ctx.actor : null;
    await tx.insert(compactActionNotes).values({
      actionId: action.id,
      body: input.note ?? '',
      status: input.status !== action.status ? input.status : null,
      authorUserId: author?.userId ?? null,
      authorPersonId: author?.personId ?? null,
      authorName: author?.name ?? null,
    });
  }
  if (closing) await resolveNotifications(tx, `action:${action.id}`);
  await recordAudit(tx, {
    action: audit.action,
    actor: ctx.actor,
    targetType: 'compact_action',
    targetId: action.id,
    ip: ctx.ip ?? null,
    details: audit.details,
  });
}

/** Decisions of bodies the actor manages whose review date has come (tasks). */
export async function decisionsDueForReview(db: Db | Tx, bodyIds: string[], today: string) {
  const ids = bodyIds.filter(isUuid);
  if (!ids.length) return [];
  return db
    .select()
    .from(compactDecisions)
    .where(and(inArray(compactDecisions.bodyId, ids), sql`${compactDecisions.reviewOn} <= ${today}::date`))
    .orderBy(asc(compactDecisions.reviewOn));
}

// ---- What the pages and the export need ----

export interface Choice {
  value: string;
  label: string;
}

/** The bodies the actor sees (`visible`) and those in which the actor may create records (`managed`). */
export async function bodyChoices(ctx: RegisterContext, locale: Locale) {
  const visible: Choice[] = [];
  const managed: Choice[] = [];
  for (const b of await listBodies(ctx.db, locale)) {
    const ref = await bodyRef(ctx.db, b.id);
    const label = `${b.symbolPrefix} — ${textIn(b.names, locale)}`;
    if (canSeeBody(ctx.actor, ref)) visible.push({ value: b.id, label });
    if (can(ctx.actor, 'compact.decision.create', { body: ref })) managed.push({ value: b.id, label });
  }
  return { visible, managed };
}

/** Names of organizations by id, in the language (owners in lists and exports). */
export async function orgNames(db: Db | Tx, ids: string[], locale: Locale): Promise<Map<string, string>> {
  const orgs = await organizationsByIds(db, [...new Set(ids)]);
  return new Map(orgs.map((o) => [o.id, nameIn(o.names as Record<string, string>, locale)]));
}

/** The owner entities of the actions the actor sees (the owner filter). */
export async function ownerChoices(ctx: RegisterContext, locale: Locale): Promise<Choice[]> {
  const rows = await ctx.db
    .selectDistinct({ id: compactActions.ownerOrgId })
    .from(compactActions)
    .where(and(actionVisibleSql(ctx.actor), sql`${compactActions.ownerOrgId} is not null`));
  const names = await orgNames(
    ctx.db,
    rows.map((r) => r.id!),
    locale,
  );
  return [...names.entries()]
    .map(([value, label]) => ({ value, label }))
    .sort((a, b) => a.label.localeCompare(b.label, locale));
}

/** Decisions the actor may add actions to (the action form's decision picker). */
export async function decisionChoices(ctx: RegisterContext, locale: Locale, managedBodyIds: string[]) {
  if (!managedBodyIds.length) return [];
  const rows = await ctx.db
    .select({ id: compactDecisions.id, symbol: compactDecisions.symbol, text: compactDecisions.text })
    .from(compactDecisions)
    .where(inArray(compactDecisions.bodyId, managedBodyIds))
    .orderBy(desc(compactDecisions.decidedOn), desc(compactDecisions.number))
    .limit(500);
  return rows.map((r) => {
    const t = textIn(r.text, locale);
    return { value: r.id, label: `${r.symbol} — ${t.length > 80 ? `${t.slice(0, 79)}…` : t}` };
  });
}

/** Every action matching the filters (no paging), for the CSV/XLSX export. */
export async function exportActions(ctx: RegisterContext, f: ActionFilters, locale: Locale) {
  const all: Action[] = [];
  for (let page = 1; ; page++) {
    const r = await listActions(ctx, { ...f, page, pageSize: 500 });
    all.push(...r.items);
    if (all.length >= r.total || !r.items.length) break;
  }
  const [owners, bodies] = await Promise.all([
    orgNames(
      ctx.db,
      all.flatMap((a) => (a.ownerOrgId ? [a.ownerOrgId] : [])),
      locale,
    ),
    listBodies(ctx.db, locale),
  ]);
  const bodyNames = new Map(bodies.map((b) => [b.id, textIn(b.names, locale)]));
  return all.map((a) => ({
    ...a,
    titleText: textIn(a.title, locale),
    ownerName: a.ownerOrgId ? (owners.get(a.ownerOrgId) ?? '') : '',
    bodyName: a.bodyId ? (bodyNames.get(a.bodyId) ?? '') : '',
  }));
}
export type ExportedAction = Awaited<ReturnType<typeof exportActions>>[number];

/** Strategy pillars (the pillar filter). */
export async function pillarChoices(ctx: RegisterContext, locale: Locale): Promise<Choice[]> {
  if (!isUser(ctx.actor)) return [];
  const items = await listFramework({ db: ctx.db as Db, actor: ctx.actor }, 'pillar');
  return items.map((i) => ({ value: i.code, label: nameIn(i.names as Record<string, string>, locale) }));
}
