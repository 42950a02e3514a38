// Capacity consultations produce roadmaps for technical assistance per State (prioritized needs, responsible entity,
// milestones, due dates, status); voluntary national or regional Strategy implementation plans are linked to needs.
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { authorize, isUser, type UserActor } from '../../../platform/auth/policy.ts';
import { invalid, notFound } from '../../../platform/http/errors.ts';
import type { FieldError } from '../../../platform/http/errors.ts';
import { recordAudit } from '../../../platform/audit/audit.service.ts';
import { isUuid } from '../../../platform/db/sql.ts';
import { textIn } from '../../../platform/i18n/text.ts';
import type { Locale } from '../../../platform/i18n/index.ts';
import { orgAcronymSql, orgIso3Sql, orgNamesSql, organizationTypes, REGIONAL_GROUPS } from '../../directory/index.ts';
import {
  ITEM_STATUSES,
  needs,
  planNeeds,
  PLAN_SCOPES,
  ROADMAP_STATUSES,
  roadmapItems,
  roadmaps,
  strategyPlans,
  type ItemStatus,
  type PlanScope,
  type RoadmapStatus,
} from '../portfolio.schema.ts';
import { getNeed, needsVisibleTo, type PortfolioContext } from '../needs/needs.service.ts';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export async function listRoadmaps(ctx: PortfolioContext) {
  authorize(ctx.actor, 'roadmap.list');
  const a = ctx.actor;
  const where =
    a.role === 'member_state_focal_point'
      ? a.focalOrgIds.length
        ? inArray(roadmaps.stateOrgId, a.focalOrgIds)
        : sql`false`
      : undefined;
  return ctx.db
    .select({
      r: roadmaps,
      stateNames: orgNamesSql(roadmaps.stateOrgId),
      items: sql<number>`(select count(*) from roadmap_items i where i.roadmap_id = ${roadmaps.id})`.mapWith(Number),
    })
    .from(roadmaps)
    .where(where)
    .orderBy(desc(roadmaps.createdAt));
}

/**
 * Every roadmap the reader may list with its items, one row per item (a roadmap without items: one row), for the
 * export: the same rules as the pages — a State's focal point gets their State's roadmaps only, and an item whose
 * need the reader may not see has no need text.
 */
export async function exportRoadmapItems(ctx: PortfolioContext) {
  authorize(ctx.actor, 'roadmap.list');
  const a = ctx.actor;
  const where =
    a.role === 'member_state_focal_point'
      ? a.focalOrgIds.length
        ? inArray(roadmaps.stateOrgId, a.focalOrgIds)
        : sql`false`
      : undefined;
  const rows = await ctx.db
    .select({
      r: roadmaps,
      stateNames: orgNamesSql(roadmaps.stateOrgId),
      stateIso3: orgIso3Sql(roadmaps.stateOrgId),
      item: roadmapItems,
      descriptions: needs.descriptions,
      visible: sql<boolean>`coalesce(${needsVisibleTo(ctx.actor)}, false)`.mapWith(Boolean),
      respNames: orgNamesSql(roadmapItems.responsibleOrgId),
      respAcronym: orgAcronymSql(roadmapItems.responsibleOrgId),
    })
    .from(roadmaps)
    .leftJoin(roadmapItems, eq(roadmapItems.roadmapId, roadmaps.id))
    .leftJoin(needs, eq(needs.id, roadmapItems.needId))
    .where(where)
    .orderBy(desc(roadmaps.createdAt), asc(roadmaps.id), asc(roadmapItems.rank));
  return rows.map((x) => ({
    ...x,
    descriptions: x.item && x.visible ? x.descriptions : null,
  }));
}
export type RoadmapExportRow = Awaited<ReturnType<typeof exportRoadmapItems>>[number];

export async function getRoadmap(ctx: PortfolioContext, id: string) {
  authorize(ctx.actor, 'roadmap.list');
  if (!isUuid(id)) throw notFound();
  const r = (
    await ctx.db
      .select({ r: roadmaps, stateNames: orgNamesSql(roadmaps.stateOrgId) })
      .from(roadmaps)
      .where(eq(roadmaps.id, id))
      .limit(1)
  )[0];
  if (!r) throw notFound();
  authorize(ctx.actor, 'roadmap.read', { stateOrgId: r.r.stateOrgId }, { hide: true });
  // Items whose need the reader may not see are listed without the need's content.
  const items = await ctx.db
    .select({
      item: roadmapItems,
      descriptions: needs.descriptions,
      visible: sql<boolean>`${needsVisibleTo(ctx.actor)}`.mapWith(Boolean),
      respNames: orgNamesSql(roadmapItems.responsibleOrgId),
      respAcronym: orgAcronymSql(roadmapItems.responsibleOrgId),
    })
    .from(roadmapItems)
    .innerJoin(needs, eq(needs.id, roadmapItems.needId))
    .where(eq(roadmapItems.roadmapId, id))
    .orderBy(asc(roadmapItems.rank));
  return {
    ...r.r,
    stateNames: r.stateNames,
    items: items.map((i) => ({
      ...i.item,
      descriptions: i.visible ? i.descriptions : null,
      responsible: i.respAcronym ?? (i.respNames ? i.respNames.en : null),
    })),
  };
}

export interface RoadmapInput {
  stateOrgId: string;
  title: string;
  consultationDate?: string | null;
  status: RoadmapStatus;
}

export async function createRoadmap(ctx: PortfolioContext, input: RoadmapInput): Promise<string> {
  authorize(ctx.actor, 'roadmap.create');
  const actor = ctx.actor;
  authorize(actor, 'roadmap.write', { stateOrgId: input.stateOrgId });
  const fields: FieldError[] = [];
  if (!input.title.trim() || input.title.length > 300)
    fields.push({ field: 'title', messageKey: 'validation.required' });
  if (!ROADMAP_STATUSES.includes(input.status)) fields.push({ field: 'status', messageKey: 'validation.choice' });
  if (input.consultationDate && !ISO_DATE.test(input.consultationDate))
    fields.push({ field: 'consultationDate', messageKey: 'validation.date' });
  if ((await organizationTypes(ctx.db, [input.stateOrgId])).get(input.stateOrgId) !== 'member_state')
    fields.push({ field: 'stateOrgId', messageKey: 'assessments.stateRequired' });
  if (fields.length) throw invalid(fields);
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(roadmaps)
      .values({
        stateOrgId: input.stateOrgId,
        title: input.title.trim(),
        consultationDate: input.consultationDate || null,
        status: input.status,
        createdBy: actor.userId,
      })
      .returning({ id: roadmaps.id });
    await recordAudit(tx, {
      action: 'roadmap.created',
      actor,
      targetType: 'roadmap',
      targetId: row.id,
      ip: ctx.ip,
      details: { stateOrgId: input.stateOrgId },
    });
    return row.id;
  });
}

export interface ItemInput {
  needId: string;
  rank: number;
  responsibleOrgId?: string | null;
  milestones?: string;
  dueDate?: string | null;
  status: ItemStatus;
}

/** Adds a prioritized need to a roadmap (or updates it). The need must be the State's and visible to the writer. */
export async function setRoadmapItem(ctx: PortfolioContext, roadmapId: string, input: ItemInput): Promise<void> {
  const r = await getRoadmap(ctx, roadmapId);
  authorize(ctx.actor, 'roadmap.write', { stateOrgId: r.stateOrgId });
  const actor = ctx.actor as UserActor;
  const fields: FieldError[] = [];
  let needState: string | null = null;
  try {
    needState = (await getNeed(ctx, input.needId)).stateOrgId;
  } catch {
    fields.push({ field: 'needId', messageKey: 'roadmaps.needRequired' });
  }
  if (needState && needState !== r.stateOrgId) fields.push({ field: 'needId', messageKey: 'roadmaps.needOtherState' });
  if (!Number.isInteger(input.rank) || input.rank < 1 || input.rank > 999)
    fields.push({ field: 'rank', messageKey: 'validation.minimum', values: { limit: 1 } });
  if (!ITEM_STATUSES.includes(input.status)) fields.push({ field: 'status', messageKey: 'validation.choice' });
  if (input.dueDate && !ISO_DATE.test(input.dueDate)) fields.push({ field: 'dueDate', messageKey: 'validation.date' });
  if (
    input.responsibleOrgId &&
    !(await organizationTypes(ctx.db, [input.responsibleOrgId])).has(input.responsibleOrgId)
  )
    fields.push({ field: 'responsibleOrgId', messageKey: 'projects.unknownOrganization' });
  if ((input.milestones ?? '').length > 2000)
    fields.push({ field: 'milestones', messageKey: 'validation.maxLength', values: { limit: 2000 } });
  if (fields.length) throw invalid(fields);
  await ctx.db.transaction(async (tx) => {
    const values = {
      roadmapId,
      needId: input.needId,
      rank: input.rank,
      responsibleOrgId: input.responsibleOrgId || null,
      milestones: (input.milestones ?? '').trim(),
      dueDate: input.dueDate || null,
      status: input.status,
    };
    await tx
      .insert(roadmapItems)
      .values(values)
      .onConflictDoUpdate({
        target: [roadmapItems.roadmapId, roadmapItems.needId],
        set: {
          rank: values.rank,
          responsibleOrgId: values.responsibleOrgId,
          milestones: values.milestones,
          dueDate: values.dueDate,
          status: values.status,
        },
      });
    await recordAudit(tx, {
      action: 'roadmap.item_set',
      actor,
      targetType: 'roadmap',
      targetId: roadmapId,
      ip: ctx.ip,
      details: { needId: input.needId, rank: input.rank, status: input.status },
    });
  });
}

export async function listPlans(ctx: PortfolioContext) {
  authorize(ctx.actor, 'plan.list');
  return ctx.db
    .select({
      p: strategyPlans,
      stateNames: orgNamesSql(strategyPlans.stateOrgId),
      needs: sql<number>`(select count(*) from plan_needs pn where pn.plan_id = ${strategyPlans.id})`.mapWith(Number),
    })
    .from(strategyPlans)
    .orderBy(desc(strategyPlans.createdAt));
}

export interface PlanInput {
  scope: PlanScope;
  stateOrgId?: string | null;
  region?: string | null;
  title: string;
  adoptedOn?: string | null;
  needIds: string[];
}

export async function createPlan(ctx: PortfolioContext, input: PlanInput): Promise<string> {
  authorize(ctx.actor, 'plan.create');
  const actor = ctx.actor;
  const fields: FieldError[] = [];
  if (!PLAN_SCOPES.includes(input.scope)) fields.push({ field: 'scope', messageKey: 'validation.choice' });
  if (!input.title.trim() || input.title.length > 300)
    fields.push({ field: 'title', messageKey: 'validation.required' });
  if (input.adoptedOn && !ISO_DATE.test(input.adoptedOn))
    fields.push({ field: 'adoptedOn', messageKey: 'validation.date' });
  if (input.scope === 'national') {
    const stType = input.stateOrgId
      ? (await organizationTypes(ctx.db, [input.stateOrgId])).get(input.stateOrgId)
      : null;
    if (stType !== 'member_state') fields.push({ field: 'stateOrgId', messageKey: 'assessments.stateRequired' });
    else if (actor.role === 'member_state_focal_point' && !actor.focalOrgIds.includes(input.stateOrgId!))
      fields.push({ field: 'stateOrgId', messageKey: 'import.notAllowed' });
  } else if (!input.region || !(REGIONAL_GROUPS as readonly string[]).includes(input.region))
    fields.push({ field: 'region', messageKey: 'validation.choice' });
  for (const id of input.needIds) {
    try {
      await getNeed(ctx, id);
    } catch {
      fields.push({ field: 'needIds', messageKey: 'roadmaps.needRequired' });
      break;
    }
  }
  if (fields.length) throw invalid(fields);
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(strategyPlans)
      .values({
        scope: input.scope,
        stateOrgId: input.scope === 'national' ? input.stateOrgId : null,
        region: input.scope === 'regional' ? input.region : null,
        title: input.title.trim(),
        adoptedOn: input.adoptedOn || null,
      })
      .returning({ id: strategyPlans.id });
    const ids = [...new Set(input.needIds)];
    if (ids.length) await tx.insert(planNeeds).values(ids.map((needId) => ({ planId: row.id, needId })));
    await recordAudit(tx, {
      action: 'plan.created',
      actor,
      targetType: 'strategy_plan',
      targetId: row.id,
      ip: ctx.ip,
      details: { scope: input.scope, needs: ids.length },
    });
    return row.id;
  });
}

/** Needs of a State the reader may see (for the roadmap item form). */
export async function stateNeedChoices(ctx: PortfolioContext, stateOrgId: string, locale: string) {
  if (!isUser(ctx.actor)) return [];
  const rows = await ctx.db
    .select({ id: needs.id, descriptions: needs.descriptions, priority: needs.priority })
    .from(needs)
    .where(and(eq(needs.stateOrgId, stateOrgId), needsVisibleTo(ctx.actor)))
    .orderBy(desc(needs.createdAt))
    .limit(500);
  return rows.map((r) => ({
    id: r.id,
    label: textIn(r.descriptions, locale as Locale).slice(0, 120),
  }));
}
