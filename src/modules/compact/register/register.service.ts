// The register of decisions and actions (docs/architecture.md, "The register"). One model: a body's decisions and the
// actions that follow them, a meeting's actions, and an event's Chair's Summary follow-up actions (the events module
// creates and updates those through the compact module's index). Who sees a body's records is `bodyVisibleSql`; an
// event's actions follow the event's rule, which the events module declares as a link target (followUpVisibleSql).
import { and, asc, count, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Db, Tx } from '../../../platform/db/client.ts';
import { authorize, can, isUser, type Actor } from '../../../platform/auth/policy.ts';
import { recordAudit } from '../../../platform/audit/audit.service.ts';
import { conflict, invalid, notFound, type FieldError } from '../../../platform/http/errors.ts';
import { isUuid } from '../../../platform/db/sql.ts';
import { nameIn, type Locale } from '../../../platform/i18n/index.ts';
import { textIn, type TranslatableText } from '../../../platform/i18n/text.ts';
import { resolveNotifications } from '../../../platform/notify/notify.service.ts';
import {
  followUpVisibleSql,
  linkLabels,
  linkPillarSql,
  searchLinkTargets,
  type LinkHit,
  type LinkLabel,
} from '../../../platform/modules/link-targets.ts';
import {
  findVisibleOrganization,
  isMemberOf,
  organizationsByIds,
  peopleByIds,
  peopleOfOrganizations,
} from '../../directory/index.ts';
import { FRAMEWORK, listFramework } from '../../framework/index.ts';
import { compactBodies } from '../compact.schema.ts';
import { meetingMinutes, meetings } from '../meetings/meetings.schema.ts';
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
  compactRegisterChanges,
  type ActionSource,
  type ActionStatus,
  type LinkKind,
} from './register.schema.ts';
import { reindexSearch } from '../../search/index.ts';

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
export type RegisterChange = typeof compactRegisterChanges.$inferSelect;

const TEXT_MAX = 20_000;
const NOTE_MAX = 4000;
const OPEN: ActionStatus[] = ['open', 'in_progress'];
const PILLARS = new Set(FRAMEWORK.filter((f) => f.kind === 'pillar').map((f) => f.code));
/** A real calendar day as YYYY-MM-DD (2026-02-30 is not one: Date.parse would roll it into March). */
const isDate = (s: string) => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
};
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

/** The meeting must be one of the body's (an unknown or another body's meeting: 422, never a foreign-key 500). */
async function checkMeeting(db: Db | Tx, meetingId: string | null | undefined, bodyId: string | null, f: FieldError[]) {
  if (!meetingId) return;
  const ok =
    isUuid(meetingId) &&
    !!bodyId &&
    (
      await db
        .select({ id: meetings.id })
        .from(meetings)
        .where(and(eq(meetings.id, meetingId), eq(meetings.bodyId, bodyId)))
        .limit(1)
    ).length > 0;
  if (!ok) f.push({ field: 'meetingId', messageKey: 'register.errors.meeting' });
}

function checkDecision(input: Omit<DecisionInput, 'bodyId'>, fields: FieldError[]) {
  if (!input.decidedOn || !isDate(input.decidedOn)) fields.push({ field: 'decidedOn', messageKey: 'validation.date' });
  if (input.reviewOn && !isDate(input.reviewOn)) fields.push({ field: 'reviewOn', messageKey: 'validation.date' });
  else if (input.reviewOn && input.decidedOn && isDate(input.decidedOn) && input.reviewOn < input.decidedOn)
    fields.push({ field: 'reviewOn', messageKey: 'register.errors.reviewBeforeDecision' });
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
  await checkMeeting(ctx.db, input.meetingId, body?.id ?? null, fields);
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
    await reindexSearch(tx, 'decision', [d.id]);
    return d;
  });
}

/** The decision row, by id or symbol, if the actor may see it (404 otherwise). */
async function findDecision(ctx: RegisterContext, idOrSymbol: string): Promise<Decision> {
  const key = isUuid(idOrSymbol) ? eq(compactDecisions.id, idOrSymbol) : eq(compactDecisions.symbol, idOrSymbol);
  const [d] = await ctx.db
    .select()
    .from(compactDecisions)
    .where(and(key, decisionVisibleSql(ctx.actor)))
    .limit(1);
  if (!d) throw notFound();
  return d;
}

/**
 * One decision the actor may see, by id or symbol (404 otherwise), with its body, actions, change history, whether
 * its meeting's minutes are adopted and whether the actor may edit it.
 */
export async function getDecision(ctx: RegisterContext, idOrSymbol: string) {
  const d = await findDecision(ctx, idOrSymbol);
  const body = (await getBody(ctx.db, d.bodyId))!;
  const [actions, changes, minutesAdopted, ref] = await Promise.all([
    selectActions(ctx.db, and(eq(compactActions.decisionId, d.id), actionVisibleSql(ctx.actor))),
    changesOf(ctx.db, { decisionId: d.id }),
    adoptedMinutes(ctx.db, [d.meetingId]),
    bodyRef(ctx.db, d.bodyId),
  ]);
  return {
    decision: d,
    body,
    actions,
    changes,
    minutesAdopted,
    canEdit: can(ctx.actor, 'compact.decision.edit', { body: ref }),
  };
}
export type DecisionDetail = Awaited<ReturnType<typeof getDecision>>;

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
  /** A Strategy pillar code (framework), or null. */
  pillar?: string | null;
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
  if (input.pillar && !PILLARS.has(input.pillar)) fields.push({ field: 'pillar', messageKey: 'validation.choice' });
  await checkLinks(ctx, input.links ?? [], fields);
}

/**
 * Every link must name a target the actor may see (the owner's `labels` rule: a need whose State has not consented
 * is refused exactly like one that does not exist, 422, without saying which). `kept`: links already stored, which
 * an edit may keep whatever the editor sees.
 */
async function checkLinks(ctx: RegisterContext, links: ActionLink[], fields: FieldError[], kept = new Set<string>()) {
  if (links.length > 100) fields.push({ field: 'links', messageKey: 'validation.maxItems', values: { limit: 100 } });
  const wellFormed = links.filter((l) => (LINK_KINDS as readonly string[]).includes(l.kind) && isUuid(l.id));
  if (wellFormed.length < links.length) fields.push({ field: 'links', messageKey: 'validation.choice' });
  const unknown: ActionLink[] = [];
  for (const kind of LINK_KINDS) {
    const ids = wellFormed.filter((l) => l.kind === kind && !kept.has(`${kind}:${l.id}`)).map((l) => l.id);
    if (!ids.length) continue;
    const labels = await linkLabels(ctx.db, kind, ids, 'en', ctx.actor);
    unknown.push(...ids.filter((id) => !labels.has(id)).map((id) => ({ kind, id })));
  }
  if (unknown.length)
    fields.push({ field: 'links', messageKey: 'register.errors.linkTarget', values: { count: unknown.length } });
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
        pillar: input.pillar || null,
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

/**
 * One action the actor may see (404 otherwise), with its notes, links (labelled for the reader; links to targets the
 * reader may not see are left out), decision, change history and what the actor may do with it.
 */
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
  const ref = body ? await bodyRef(ctx.db, body.id) : null;
  return {
    action: a,
    body,
    notes,
    links,
    source,
    ownerPerson: owner ? { id: owner.id, fullName: owner.fullName } : null,
    changes: await changesOf(ctx.db, { actionId: a.id }),
    canUpdate: canUpdateAction(ctx.actor, a, ref),
    /** Edited here only when it is a body's action (an event's is edited on the event's page). */
    canEdit: !!ref && can(ctx.actor, 'compact.action.edit', { body: ref }),
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

// ---- Editing after creation, with a change history ----

/** The change history of a decision or an action, oldest first. */
export async function changesOf(
  db: Db | Tx,
  target: { decisionId: string } | { actionId: string },
): Promise<RegisterChange[]> {
  const where =
    'decisionId' in target
      ? eq(compactRegisterChanges.decisionId, target.decisionId)
      : eq(compactRegisterChanges.actionId, target.actionId);
  return db
    .select()
    .from(compactRegisterChanges)
    .where(where)
    .orderBy(asc(compactRegisterChanges.createdAt), asc(compactRegisterChanges.id));
}

/** True when one of these meetings has adopted minutes (its record is closed: later changes are recorded as such). */
export async function adoptedMinutes(db: Db | Tx, meetingIds: (string | null | undefined)[]): Promise<boolean> {
  const ids = [...new Set(meetingIds.filter(isUuid))];
  if (!ids.length) return false;
  const rows = await db
    .select({ id: meetingMinutes.id })
    .from(meetingMinutes)
    .where(and(inArray(meetingMinutes.meetingId, ids), eq(meetingMinutes.status, 'adopted')))
    .limit(1);
  return rows.length > 0;
}

/** The languages whose text or status differ, as `name.<lang>`. */
function textChanges(name: string, before: TranslatableText, after: TranslatableText): string[] {
  const langs = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  return langs
    .filter((l) => {
      const a = before[l as Locale];
      const b = after[l as Locale];
      return (a?.text ?? '') !== (b?.text ?? '') || (a?.status ?? '') !== (b?.status ?? '');
    })
    .map((l) => `${name}.${l}`);
}

async function recordChange(
  tx: Tx,
  actor: Actor,
  target: { decisionId: string } | { actionId: string },
  fields: string[],
  afterAdoption = false,
) {
  const author = isUser(actor) ? actor : null;
  await tx.insert(compactRegisterChanges).values({
    ...target,
    fields,
    afterAdoption,
    authorUserId: author?.userId ?? null,
    authorPersonId: author?.personId ?? null,
    authorName: author?.name ?? null,
  });
}

/** What an edit of a decision may change: never its body, number or symbol. */
export interface DecisionEdit {
  text: TranslatableText;
  meetingId?: string | null;
  /** YYYY-MM-DD, in the symbol's year (the symbol never changes). */
  decidedOn: string;
  reviewOn?: string | null;
}

export interface EditResult<T> {
  record: T;
  /** The fields that changed (empty: nothing was stored, no history, no audit entry). */
  changed: string[];
  /** A decision changed while its meeting's minutes are adopted (recorded in its history and the audit entry). */
  afterAdoption: boolean;
}

/**
 * Edits a decision: its text (languages and their status), meeting, date and review date — the body's managers and
 * the secretariat, as creation (compact.decision.edit). The symbol never changes, so the date stays in its year.
 * Every input error at once (422), then one transaction under the row's lock: the change, its history entry (who,
 * which fields, whether the meeting's minutes were adopted) and the audit entry. A decision of a meeting whose
 * minutes are adopted may still be corrected; the change is marked as made after adoption, never silent.
 */
export async function updateDecision(
  ctx: RegisterContext,
  id: string,
  input: DecisionEdit,
  fields: FieldError[] = [],
): Promise<EditResult<Decision>> {
  const d = await findDecision(ctx, id);
  authorize(ctx.actor, 'compact.decision.edit', { body: await bodyRef(ctx.db, d.bodyId) });
  checkDecision(input, fields);
  if (input.decidedOn && isDate(input.decidedOn) && Number(input.decidedOn.slice(0, 4)) !== d.year)
    fields.push({ field: 'decidedOn', messageKey: 'register.errors.symbolYear', values: { year: String(d.year) } });
  await checkMeeting(ctx.db, input.meetingId, d.bodyId, fields);
  if (fields.length) throw invalid(fields);
  return ctx.db.transaction(async (tx) => {
    const [cur] = await tx.select().from(compactDecisions).where(eq(compactDecisions.id, d.id)).for('update');
    const next = {
      text: input.text,
      meetingId: input.meetingId || null,
      decidedOn: input.decidedOn,
      reviewOn: input.reviewOn || null,
    };
    const changed = [
      ...textChanges('text', cur.text, next.text),
      ...(['meetingId', 'decidedOn', 'reviewOn'] as const).filter((k) => (cur[k] ?? null) !== next[k]),
    ];
    if (!changed.length) return { record: cur, changed, afterAdoption: false };
    const afterAdoption = await adoptedMinutes(tx, [cur.meetingId, next.meetingId]);
    const [saved] = await tx
      .update(compactDecisions)
      .set({ ...next, updatedAt: new Date() })
      .where(eq(compactDecisions.id, cur.id))
      .returning();
    await recordChange(tx, ctx.actor, { decisionId: cur.id }, changed, afterAdoption);
    const scalars = (['meetingId', 'decidedOn', 'reviewOn'] as const).filter((k) => changed.includes(k));
    await recordAudit(tx, {
      action: 'compact.decision.updated',
      actor: ctx.actor,
      targetType: 'compact_decision',
      targetId: cur.id,
      ip: ctx.ip ?? null,
      details: {
        symbol: cur.symbol,
        changed,
        was: Object.fromEntries(scalars.map((k) => [k, cur[k]])),
        now: Object.fromEntries(scalars.map((k) => [k, next[k]])),
        minutesAdopted: afterAdoption,
      },
    });
    await reindexSearch(tx, 'decision', [cur.id]);
    return { record: saved, changed, afterAdoption };
  });
}

/** What an edit of an action may change (its body, decision and source stay). */
export interface ActionEdit {
  title: TranslatableText;
  ownerOrgId: string;
  ownerPersonId?: string | null;
  dueOn: string;
  pillar?: string | null;
  /**
   * The links the editor sets (undefined: unchanged). Links to targets the editor may not see are not theirs to
   * remove: they stay, whatever the list says.
   */
  links?: ActionLink[];
}

const linkKey = (l: { kind: string; id: string }) => `${l.kind}:${l.id}`;

/**
 * Edits an action: title, owner entity and person (a person of that entity), due date, pillar and links — the body's
 * managers and the secretariat, as creation (compact.action.edit). An event's follow-up action is edited on the
 * event's page (409 here: its title follows the Chair's Summary). Every input error at once (422); then one
 * transaction under the row's lock with the history and audit entries. A new due date settles the reminders sent
 * about the old one.
 */
export async function updateAction(
  ctx: RegisterContext,
  id: string,
  input: ActionEdit,
  fields: FieldError[] = [],
): Promise<EditResult<ActionRow>> {
  if (!isUuid(id)) throw notFound();
  const [a] = await selectActions(ctx.db, and(eq(compactActions.id, id), actionVisibleSql(ctx.actor)));
  if (!a) throw notFound();
  if (!a.bodyId) {
    authorize(ctx.actor, 'compact.register.write');
    throw conflict('register.errors.eventActionEdit');
  }
  authorize(ctx.actor, 'compact.action.edit', { body: await bodyRef(ctx.db, a.bodyId) });
  const stored = await ctx.db.select().from(compactActionLinks).where(eq(compactActionLinks.actionId, a.id));
  const storedKeys = new Set(stored.map((l) => linkKey({ kind: l.targetKind, id: l.targetId })));
  await checkAction(ctx, { ...input, links: [] }, fields);
  if (input.links) await checkLinks(ctx, input.links, fields, storedKeys);
  if (fields.length) throw invalid(fields);
  return ctx.db.transaction(async (tx) => {
    const [cur] = await tx.select().from(compactActions).where(eq(compactActions.id, a.id)).for('update');
    const next = {
      title: input.title,
      ownerOrgId: input.ownerOrgId,
      ownerPersonId: input.ownerPersonId || null,
      dueOn: input.dueOn,
      pillar: input.pillar || null,
    };
    const scalarKeys = ['ownerOrgId', 'ownerPersonId', 'dueOn', 'pillar'] as const;
    const changed: string[] = [
      ...textChanges('title', cur.title, next.title),
      ...scalarKeys.filter((k) => (cur[k] ?? null) !== next[k]),
    ];
    // Links: the editor's list replaces the links they can see; the others stay.
    let added: ActionLink[] = [];
    let removed: ActionLink[] = [];
    if (input.links) {
      const links = await tx.select().from(compactActionLinks).where(eq(compactActionLinks.actionId, cur.id));
      const wanted = new Map(uniqueLinks(input.links).map((l) => [linkKey(l), l]));
      const have = new Set(links.map((l) => linkKey({ kind: l.targetKind, id: l.targetId })));
      const seen = new Set<string>();
      for (const kind of LINK_KINDS) {
        const ids = links.filter((l) => l.targetKind === kind).map((l) => l.targetId);
        const labels = await linkLabels(tx, kind, ids, 'en', ctx.actor);
        for (const id of labels.keys()) seen.add(linkKey({ kind, id }));
      }
      removed = links
        .map((l) => ({ kind: l.targetKind, id: l.targetId }))
        .filter((l) => seen.has(linkKey(l)) && !wanted.has(linkKey(l)));
      added = [...wanted.values()].filter((l) => !have.has(linkKey(l)));
      if (added.length || removed.length) changed.push('links');
    }
    if (!changed.length) return { record: cur, changed, afterAdoption: false };
    const [saved] = await tx
      .update(compactActions)
      .set({ ...next, updatedAt: new Date() })
      .where(eq(compactActions.id, cur.id))
      .returning();
    for (const l of removed)
      await tx
        .delete(compactActionLinks)
        .where(
          and(
            eq(compactActionLinks.actionId, cur.id),
            eq(compactActionLinks.targetKind, l.kind),
            eq(compactActionLinks.targetId, l.id),
          ),
        );
    if (added.length)
      await tx
        .insert(compactActionLinks)
        .values(added.map((l) => ({ actionId: cur.id, targetKind: l.kind, targetId: l.id })))
        .onConflictDoNothing();
    if (changed.includes('dueOn')) await resolveNotifications(tx, `action:${cur.id}`);
    await recordChange(tx, ctx.actor, { actionId: cur.id }, changed);
    // Values of the plain fields (ids, dates, a pillar code); a person is named only as "changed".
    const shown = (['ownerOrgId', 'dueOn', 'pillar'] as const).filter((k) => changed.includes(k));
    await recordAudit(tx, {
      action: 'compact.action.edited',
      actor: ctx.actor,
      targetType: 'compact_action',
      targetId: cur.id,
      ip: ctx.ip ?? null,
      details: {
        changed,
        was: Object.fromEntries(shown.map((k) => [k, cur[k]])),
        now: Object.fromEntries(shown.map((k) => [k, next[k]])),
        linksAdded: added.map(linkKey),
        linksRemoved: removed.map(linkKey),
      },
    });
    return { record: saved, changed, afterAdoption: false };
  });
}

/** Targets of the given kinds an action may be linked to, among those the actor may see (the pickers). */
export async function searchLinks(
  ctx: RegisterContext,
  locale: Locale,
  query: string,
  opts: { kinds?: readonly LinkKind[]; limit?: number } = {},
): Promise<(LinkHit & { kind: LinkKind })[]> {
  const kinds = (opts.kinds?.length ? opts.kinds : LINK_KINDS).filter((k) => LINK_KINDS.includes(k));
  const hits = await searchLinkTargets({ db: ctx.db, actor: ctx.actor, locale }, query, { kinds, limit: opts.limit });
  return hits as (LinkHit & { kind: LinkKind })[];
}

/** Labels of chosen links (a form shown again), among those the actor may see. */
export async function labelLinks(ctx: RegisterContext, locale: Locale, links: ActionLink[]) {
  const out: (ActionLink & LinkLabel)[] = [];
  for (const kind of LINK_KINDS) {
    const ids = links.filter((l) => l.kind === kind && isUuid(l.id)).map((l) => l.id);
    const labels = await linkLabels(ctx.db, kind, ids, locale, ctx.actor);
    for (const id of new Set(ids)) if (labels.has(id)) out.push({ kind, id, ...labels.get(id)! });
  }
  return out;
}

/**
 * The people an action may be owned by, per entity: the directory's members of each of these organizations (a
 * body's representatives are among them). The pickers group them by entity; the service checks the pair again.
 */
export async function ownerPeople(ctx: RegisterContext, orgIds: string[]) {
  const rows = await peopleOfOrganizations(ctx.db, orgIds);
  const byOrg = new Map<string, { personId: string; fullName: string; title: string | null }[]>();
  for (const r of rows) {
    const list = byOrg.get(r.organizationId) ?? [];
    list.push({ personId: r.personId, fullName: r.fullName, title: r.title });
    byOrg.set(r.organizationId, list);
  }
  return byOrg;
}

/** The meetings of these bodies (newest first, at most 100 each), for the decision forms' meeting picker. */
export async function meetingChoices(db: Db | Tx, bodyIds: string[]) {
  const ids = bodyIds.filter(isUuid);
  if (!ids.length) return [];
  const rows = await db
    .select({
      id: meetings.id,
      bodyId: meetings.bodyId,
      title: meetings.title,
      startsAt: meetings.startsAt,
      timeZone: meetings.timeZone,
      n: sql<number>`row_number() over (partition by ${meetings.bodyId} order by ${meetings.startsAt} desc)`,
    })
    .from(meetings)
    .where(inArray(meetings.bodyId, ids))
    .orderBy(desc(meetings.startsAt));
  return rows.filter((r) => Number(r.n) <= 100);
}
export type MeetingChoice = Awaited<ReturnType<typeof meetingChoices>>[number];

/** A meeting's title, date and zone (a decision's page names its meeting). */
export async function meetingSummary(db: Db | Tx, id: string | null) {
  if (!id || !isUuid(id)) return null;
  const [m] = await db
    .select({ id: meetings.id, title: meetings.title, startsAt: meetings.startsAt, timeZone: meetings.timeZone })
    .from(meetings)
    .where(eq(meetings.id, id))
    .limit(1);
  return m ?? null;
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
