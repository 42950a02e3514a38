// Assessment visits. Confidential: every read is audited; other States' visits answer 404 (no existence leak).
import { desc, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import { consentCovers } from '../consent/consent.sql.ts';
import type { Db, Tx } from '../../../platform/db/client.ts';
import { authorize, isUser, type Actor } from '../../../platform/auth/policy.ts';
import { cleared } from '../../../platform/auth/classification.ts';
import { invalid, notFound } from '../../../platform/http/errors.ts';
import type { FieldError } from '../../../platform/http/errors.ts';
import { recordAudit } from '../../../platform/audit/audit.service.ts';
import { isUuid } from '../../../platform/db/sql.ts';
import { memberStateChoices, orgNamesSql, organizationTypes } from '../../directory/index.ts';
import {
  assessmentVisits,
  VISIT_STATUSES,
  VISIT_TYPES,
  type VisitStatus,
  type VisitType,
} from '../assessments.schema.ts';

export interface AssessmentsContext {
  db: Db;
  actor: Actor;
  ip?: string | null;
}
export type Visit = typeof assessmentVisits.$inferSelect & { stateNames: Record<string, string> };

/** The visits this actor may see. Fails closed: no clearance, no rows. */
export function visitsVisibleTo(actor: Actor): SQL {
  if (!isUser(actor) || !cleared(actor, 'confidential')) return sql`false`;
  if (actor.role === 'analyst') return sql`true`;
  const shared = consentCovers(actor, assessmentVisits.id, 'any');
  if (actor.role === 'member_state_focal_point' && actor.focalOrgIds.length)
    return or(inArray(assessmentVisits.stateOrgId, actor.focalOrgIds), shared)!;
  return shared;
}

const columns = { visit: assessmentVisits, stateNames: orgNamesSql(assessmentVisits.stateOrgId) };

export async function listVisits(
  ctx: AssessmentsContext,
  page: number,
  pageSize: number,
): Promise<{ rows: Visit[]; total: number }> {
  authorize(ctx.actor, 'assessment.visit.list');
  const where = visitsVisibleTo(ctx.actor);
  const rows = await ctx.db
    .select({ ...columns, total: sql<number>`count(*) over()`.mapWith(Number) })
    .from(assessmentVisits)
    .where(where)
    .orderBy(desc(assessmentVisits.startDate), desc(assessmentVisits.id))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  await recordAudit(ctx.db, {
    action: 'assessment.visit.list',
    actor: ctx.actor,
    ip: ctx.ip,
    details: { page, shown: rows.length, ids: rows.map((r) => r.visit.id) },
  });
  return { rows: rows.map((r) => ({ ...r.visit, stateNames: r.stateNames })), total: rows[0]?.total ?? 0 };
}

export async function getVisit(ctx: AssessmentsContext, id: string): Promise<Visit> {
  if (!isUuid(id)) throw notFound();
  const r = (
    await ctx.db
      .select({ ...columns, consented: consentCovers(ctx.actor, assessmentVisits.id, 'any').mapWith(Boolean) })
      .from(assessmentVisits)
      .where(eq(assessmentVisits.id, id))
      .limit(1)
  )[0];
  if (!r) throw notFound();
  try {
    authorize(
      ctx.actor,
      'assessment.visit.read',
      { stateOrgId: r.visit.stateOrgId, consented: r.consented },
      { hide: true },
    );
  } catch (e) {
    await recordAudit(ctx.db, {
      action: 'assessment.visit.read_denied',
      actor: ctx.actor,
      targetType: 'assessment_visit',
      targetId: id,
      ip: ctx.ip,
    });
    throw e;
  }
  await recordAudit(ctx.db, {
    action: 'assessment.visit.read',
    actor: ctx.actor,
    targetType: 'assessment_visit',
    targetId: id,
    ip: ctx.ip,
  });
  return { ...r.visit, stateNames: r.stateNames };
}

export interface VisitInput {
  stateOrgId: string;
  type: VisitType;
  startDate: string;
  endDate: string;
  team: string;
  status: VisitStatus;
  onBehalfOfCtc: boolean;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
async function checkVisit(db: Db, v: VisitInput) {
  const fields: FieldError[] = [];
  if (!VISIT_TYPES.includes(v.type)) fields.push({ field: 'type', messageKey: 'validation.choice' });
  if (!VISIT_STATUSES.includes(v.status)) fields.push({ field: 'status', messageKey: 'validation.choice' });
  const okDate = (d: string) => ISO_DATE.test(d) && !Number.isNaN(Date.parse(`${d}T00:00:00Z`));
  if (!okDate(v.startDate)) fields.push({ field: 'startDate', messageKey: 'validation.date' });
  if (!okDate(v.endDate)) fields.push({ field: 'endDate', messageKey: 'validation.date' });
  else if (okDate(v.startDate) && v.endDate < v.startDate)
    fields.push({ field: 'endDate', messageKey: 'assessments.endBeforeStart' });
  if ((await organizationTypes(db, [v.stateOrgId])).get(v.stateOrgId) !== 'member_state')
    fields.push({ field: 'stateOrgId', messageKey: 'assessments.stateRequired' });
  if (fields.length) throw invalid(fields);
}

export async function createVisit(ctx: AssessmentsContext, v: VisitInput): Promise<string> {
  authorize(ctx.actor, 'assessment.visit.create');
  await checkVisit(ctx.db, v);
  const by = ctx.actor.userId;
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(assessmentVisits)
      .values({ ...v, team: v.team.trim(), createdBy: by })
      .returning({ id: assessmentVisits.id });
    await recordAudit(tx, {
      action: 'assessment.visit.created',
      actor: ctx.actor,
      targetType: 'assessment_visit',
      targetId: row.id,
      ip: ctx.ip,
      details: { stateOrgId: v.stateOrgId, type: v.type },
    });
    return row.id;
  });
}

export async function updateVisit(ctx: AssessmentsContext, id: string, v: VisitInput): Promise<void> {
  authorize(ctx.actor, 'assessment.visit.update');
  if (!isUuid(id)) throw notFound();
  await checkVisit(ctx.db, v);
  await ctx.db.transaction(async (tx) => {
    const r = await tx
      .update(assessmentVisits)
      .set({ ...v, team: v.team.trim(), updatedAt: new Date() })
      .where(eq(assessmentVisits.id, id))
      .returning({ id: assessmentVisits.id });
    if (!r.length) throw notFound();
    await recordAudit(tx, {
      action: 'assessment.visit.updated',
      actor: ctx.actor,
      targetType: 'assessment_visit',
      targetId: id,
      ip: ctx.ip,
      details: { status: v.status },
    });
  });
}

/** Member States (and fictional demo States) for the visit form. */
export const stateChoices = (db: Db, locale: string) => memberStateChoices(db, locale);

/** The State a visit concerns (null when there is no such visit). For other modules' checks; no authorization. */
export async function visitStateOf(db: Db | Tx, visitId: string): Promise<string | null> {
  if (!isUuid(visitId)) return null;
  const r = await db
    .select({ stateOrgId: assessmentVisits.stateOrgId })
    .from(assessmentVisits)
    .where(eq(assessmentVisits.id, visitId))
    .limit(1);
  return r[0]?.stateOrgId ?? null;
}

/** The first visit to a State, by date (demo seeds). */
export async function firstVisitOfState(db: Db | Tx, stateOrgId: string): Promise<string | null> {
  const r = await db
    .select({ id: assessmentVisits.id })
    .from(assessmentVisits)
    .where(eq(assessmentVisits.stateOrgId, stateOrgId))
    .orderBy(assessmentVisits.startDate)
    .limit(1);
  return r[0]?.id ?? null;
}
