// Technical-assistance needs. Visibility is one rule (needReadable in portfolio.policy.ts, needsVisibleTo here in
// SQL): the State itself, the secretariat, and for needs from an assessment visit whom the State's consent covers.
import { and, asc, desc, eq, inArray, isNull, or, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { Db, Tx } from '../../../platform/db/client.ts';
import { authorize, isUser, type Actor, type UserActor } from '../../../platform/auth/policy.ts';
import { cleared } from '../../../platform/auth/classification.ts';
import { invalid, notFound } from '../../../platform/http/errors.ts';
import type { FieldError } from '../../../platform/http/errors.ts';
import { recordAudit } from '../../../platform/audit/audit.service.ts';
import { isUuid, matchesText, searchTerm } from '../../../platform/db/sql.ts';
import type { TranslatableText } from '../../../platform/i18n/text.ts';
import {
  orgIso3Sql,
  orgNamesSql,
  orgRegionSql,
  organizationTypes,
  REGIONAL_GROUPS,
  type LocalizedText,
} from '../../directory/index.ts';
import { consentCovers, consentedVisits, visitStateOf } from '../../assessments/index.ts';
import { checkTranslatable, cleanTranslatable as cleanDescriptions } from '../portfolio.text.ts';
import { FRAMEWORK } from '../../framework/index.ts';
import {
  needs,
  NEED_SOURCES,
  NEED_STATUSES,
  PRIORITIES,
  projectNeeds,
  projects,
  type NeedSource,
  type NeedStatus,
  type Priority,
} from '../portfolio.schema.ts';
import { NEED_ROLES, SECRETARIAT_ROLES } from '../portfolio.policy.ts';
import { reindexSearch } from '../../search/index.ts';

export interface PortfolioContext {
  db: Db;
  actor: Actor;
  ip?: string | null;
}

export const CODES = {
  theme: new Set(FRAMEWORK.filter((f) => f.kind === 'theme').map((f) => f.code)),
  pillar: new Set(FRAMEWORK.filter((f) => f.kind === 'pillar').map((f) => f.code)),
  resolution: new Set(
    FRAMEWORK.filter((f) => f.kind === 'sc_resolution' || f.kind === 'ga_resolution').map((f) => f.code),
  ),
};

/** The needs this actor may see, as SQL over ta_needs: the SQL form of `needReadable` (portfolio.policy.ts). */
export function needsVisibleTo(actor: Actor): SQL {
  if (!isUser(actor) || !(NEED_ROLES as readonly string[]).includes(actor.role) || !cleared(actor, 'internal'))
    return sql`false`;
  if (actor.role === 'analyst') return sql`true`;
  const parts: SQL[] = [];
  if ((SECRETARIAT_ROLES as readonly string[]).includes(actor.role)) parts.push(isNull(needs.visitId));
  if (actor.role === 'member_state_focal_point' && actor.focalOrgIds.length)
    parts.push(inArray(needs.stateOrgId, actor.focalOrgIds));
  if (cleared(actor, 'confidential')) parts.push(consentCovers(actor, needs.visitId, 'needs'));
  return parts.length ? or(...parts)! : sql`false`;
}

/**
 * A need's audience tags in the search index, what needsAudienceSql tests: its State first, its visit second (always
 * there: 'visit:none' without one), the position the consent test reads.
 */
export const needAudience = (n: { stateOrgId: string; visitId: string | null }): string[] => [
  `state:${n.stateOrgId}`,
  n.visitId ? `visit:${n.visitId}` : 'visit:none',
];

/**
 * needsVisibleTo over a passage's audience tags (needAudience), for the search: the same parts, the consent still read
 * live from the grants (the covered visits, one small set per statement), so a revoked consent hides a need at once.
 */
export function needsAudienceSql(actor: Actor, audience: SQLWrapper): SQL {
  if (!isUser(actor) || !(NEED_ROLES as readonly string[]).includes(actor.role) || !cleared(actor, 'internal'))
    return sql`false`;
  if (actor.role === 'analyst') return sql`true`;
  const tags: SQL[] = [];
  if ((SECRETARIAT_ROLES as readonly string[]).includes(actor.role)) tags.push(sql`'visit:none'`);
  if (actor.role === 'member_state_focal_point') tags.push(...actor.focalOrgIds.map((id) => sql`${`state:${id}`}`));
  const parts: SQL[] = [];
  if (tags.length) parts.push(sql`${audience} && array[${sql.join(tags, sql`, `)}]::text[]`);
  const visits = cleared(actor, 'confidential') ? consentedVisits(actor, 'needs') : null;
  // The visit tag by its position (needAudience), looked up in the covered visits hashed once per statement: an
  // overlap with an array of them compared every element on each of thousands of passages.
  if (visits) parts.push(sql`(${audience})[2] in (select 'visit:' || c.visit_id::text from (${visits}) c)`);
  return parts.length ? sql`(${sql.join(parts, sql` or `)})` : sql`false`;
}

/** A need is answered when some project link has gone beyond "proposed". */
export const answeredSql = sql<boolean>`(${needs.id} in
  (select pn.need_id from project_needs pn where pn.status <> 'proposed'))`;
export const coverageSql = sql<number>`(select least(100, coalesce(sum(pn.covered_percent), 0))
  from project_needs pn where pn.need_id = ${needs.id} and pn.status <> 'proposed')`;

export interface NeedFilters {
  state?: string;
  visit?: string;
  theme?: string;
  pillar?: string;
  priority?: string;
  status?: string;
  answered?: 'yes' | 'no';
  region?: string;
  q?: string;
}

export function needFilterSql(f: NeedFilters): SQL[] {
  const w: SQL[] = [];
  if (f.state && isUuid(f.state)) w.push(eq(needs.stateOrgId, f.state));
  if (f.visit && isUuid(f.visit)) w.push(eq(needs.visitId, f.visit));
  if (f.theme) w.push(sql`${f.theme} = any(${needs.themes})`);
  if (f.pillar) w.push(sql`${f.pillar} = any(${needs.pillars})`);
  if (f.priority && (PRIORITIES as readonly string[]).includes(f.priority))
    w.push(eq(needs.priority, f.priority as Priority));
  if (f.status && (NEED_STATUSES as readonly string[]).includes(f.status))
    w.push(eq(needs.status, f.status as NeedStatus));
  if (f.answered === 'yes') w.push(answeredSql);
  if (f.answered === 'no') w.push(sql`not ${answeredSql}`);
  if (f.region && (REGIONAL_GROUPS as readonly string[]).includes(f.region))
    w.push(sql`${orgRegionSql(needs.stateOrgId)} = ${f.region}`);
  // The values of the description in every language, without case or accents — never its JSON keys or syntax.
  if (searchTerm(f.q)) w.push(matchesText(needs.descriptions, f.q!, 'json'));
  return w;
}

export type NeedRow = typeof needs.$inferSelect & {
  stateNames: LocalizedText;
  stateIso3: string | null;
  regionalGroup: string | null;
  answered: boolean;
  coverage: number;
};
const needColumns = {
  need: needs,
  stateNames: orgNamesSql(needs.stateOrgId),
  stateIso3: orgIso3Sql(needs.stateOrgId),
  regionalGroup: orgRegionSql(needs.stateOrgId),
  answered: answeredSql.mapWith(Boolean),
  coverage: coverageSql.mapWith(Number),
};
const flat = (r: {
  need: typeof needs.$inferSelect;
  stateNames: LocalizedText;
  stateIso3: string | null;
  regionalGroup: string | null;
  answered: boolean;
  coverage: number;
}): NeedRow => ({
  ...r.need,
  stateNames: r.stateNames,
  stateIso3: r.stateIso3,
  regionalGroup: r.regionalGroup,
  answered: r.answered,
  coverage: r.coverage,
});

export async function listNeeds(
  ctx: PortfolioContext,
  f: NeedFilters,
  page: number,
  pageSize: number,
): Promise<{ rows: NeedRow[]; total: number }> {
  authorize(ctx.actor, 'need.list');
  const where = and(needsVisibleTo(ctx.actor), ...needFilterSql(f));
  const rows = await ctx.db
    .select({ ...needColumns, total: sql<number>`count(*) over()`.mapWith(Number) })
    .from(needs)
    .where(where)
    .orderBy(
      sql`case ${needs.priority} when 'high' then 0 when 'medium' then 1 else 2 end`,
      desc(needs.createdAt),
      asc(needs.id),
    )
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  const confidential = rows.filter((r) => r.need.visitId).map((r) => r.need.id);
  if (confidential.length)
    await recordAudit(ctx.db, {
      action: 'need.list',
      actor: ctx.actor,
      ip: ctx.ip,
      details: { page, confidentialIds: confidential },
    });
  return { rows: rows.map(flat), total: rows[0]?.total ?? 0 };
}

export async function getNeed(ctx: PortfolioContext, id: string): Promise<NeedRow> {
  if (!isUuid(id)) throw notFound();
  const r = (
    await ctx.db
      .select({ ...needColumns, consented: consentCovers(ctx.actor, needs.visitId, 'needs').mapWith(Boolean) })
      .from(needs)
      .where(eq(needs.id, id))
      .limit(1)
  )[0];
  if (!r) throw notFound();
  const resource = { stateOrgId: r.need.stateOrgId, fromVisit: !!r.need.visitId, consented: r.consented };
  try {
    authorize(ctx.actor, 'need.read', resource, { hide: true });
  } catch (e) {
    if (r.need.visitId)
      await recordAudit(ctx.db, {
        action: 'need.read_denied',
        actor: ctx.actor,
        targetType: 'need',
        targetId: id,
        ip: ctx.ip,
      });
    throw e;
  }
  if (r.need.visitId)
    await recordAudit(ctx.db, {
      action: 'need.read',
      actor: ctx.actor,
      targetType: 'need',
      targetId: id,
      ip: ctx.ip,
      details: { consent: r.consented },
    });
  return flat(r);
}

export interface NeedInput {
  stateOrgId: string;
  source: NeedSource;
  visitId?: string | null;
  sourceNote?: string;
  themes: string[];
  pillars: string[];
  resolutions: string[];
  priority: Priority;
  status: NeedStatus;
  descriptions: TranslatableText;
}

export async function checkNeed(db: Tx, n: NeedInput, rowPrefix = ''): Promise<FieldError[]> {
  const fields: FieldError[] = [];
  const f = (field: string, messageKey: string, values?: Record<string, unknown>) =>
    fields.push({ field: rowPrefix + field, messageKey, values });
  if (!NEED_SOURCES.includes(n.source)) f('source', 'validation.choice');
  if (!PRIORITIES.includes(n.priority)) f('priority', 'validation.choice');
  if (!NEED_STATUSES.includes(n.status)) f('status', 'validation.choice');
  const bad = (list: string[], set: Set<string>) => list.filter((c) => !set.has(c));
  if (!n.themes.length) f('themes', 'needs.themeRequired');
  else if (bad(n.themes, CODES.theme).length)
    f('themes', 'needs.unknownCode', { codes: bad(n.themes, CODES.theme).join(', ') });
  if (bad(n.pillars, CODES.pillar).length)
    f('pillars', 'needs.unknownCode', { codes: bad(n.pillars, CODES.pillar).join(', ') });
  if (bad(n.resolutions, CODES.resolution).length)
    f('resolutions', 'needs.unknownCode', { codes: bad(n.resolutions, CODES.resolution).join(', ') });
  for (const e of checkTranslatable(n.descriptions, 'description', { maxLength: 5000 }))
    f(e.field, e.messageKey === 'text.errors.oneLanguage' ? 'needs.descriptionRequired' : e.messageKey, e.values);
  if ((await organizationTypes(db, [n.stateOrgId])).get(n.stateOrgId) !== 'member_state')
    f('stateOrgId', 'assessments.stateRequired');
  if (n.source === 'assessment_visit') {
    const visitState = n.visitId ? await visitStateOf(db, n.visitId) : null;
    if (!visitState) f('visitId', 'needs.visitRequired');
    else if (visitState !== n.stateOrgId) f('visitId', 'needs.visitOtherState');
  }
  return fields;
}

function mayWrite(actor: UserActor, n: NeedInput) {
  // Only CTED attaches a need to an assessment visit; a State or UNOCT records needs from other sources.
  authorize(actor, 'need.write', { stateOrgId: n.stateOrgId, fromVisit: n.source === 'assessment_visit' });
}

export async function insertNeed(tx: Tx, actor: UserActor, n: NeedInput, isDemo = false) {
  const [row] = await tx
    .insert(needs)
    .values({
      stateOrgId: n.stateOrgId,
      source: n.source,
      visitId: n.source === 'assessment_visit' ? n.visitId : null,
      sourceNote: (n.sourceNote ?? '').trim(),
      themes: [...new Set(n.themes)],
      pillars: [...new Set(n.pillars)],
      resolutions: [...new Set(n.resolutions)],
      priority: n.priority,
      status: n.status,
      descriptions: cleanDescriptions(n.descriptions),
      createdBy: actor.userId,
      isDemo,
    })
    .returning({ id: needs.id });
  return row.id;
}

export async function createNeed(ctx: PortfolioContext, n: NeedInput): Promise<string> {
  authorize(ctx.actor, 'need.create');
  const actor = ctx.actor;
  mayWrite(actor, n);
  const fields = await checkNeed(ctx.db, n);
  if (fields.length) throw invalid(fields);
  return ctx.db.transaction(async (tx) => {
    const id = await insertNeed(tx, actor, n);
    await recordAudit(tx, {
      action: 'need.created',
      actor,
      targetType: 'need',
      targetId: id,
      ip: ctx.ip,
      details: { stateOrgId: n.stateOrgId, source: n.source, visitId: n.visitId ?? null },
    });
    await reindexSearch(tx, 'need', [id]);
    return id;
  });
}

export async function updateNeed(ctx: PortfolioContext, id: string, n: NeedInput): Promise<void> {
  const current = await getNeed(ctx, id);
  const actor = ctx.actor as UserActor;
  authorize(actor, 'need.write', { stateOrgId: current.stateOrgId, fromVisit: !!current.visitId });
  mayWrite(actor, n);
  const fields = await checkNeed(ctx.db, n);
  if (fields.length) throw invalid(fields);
  await ctx.db.transaction(async (tx) => {
    await tx
      .update(needs)
      .set({
        stateOrgId: n.stateOrgId,
        source: n.source,
        visitId: n.source === 'assessment_visit' ? n.visitId : null,
        sourceNote: (n.sourceNote ?? '').trim(),
        themes: [...new Set(n.themes)],
        pillars: [...new Set(n.pillars)],
        resolutions: [...new Set(n.resolutions)],
        priority: n.priority,
        status: n.status,
        descriptions: cleanDescriptions(n.descriptions),
        updatedAt: new Date(),
      })
      .where(eq(needs.id, id));
    await recordAudit(tx, {
      action: 'need.updated',
      actor,
      targetType: 'need',
      targetId: id,
      ip: ctx.ip,
      details: { status: n.status },
    });
    await reindexSearch(tx, 'need', [id]);
  });
}

/**
 * The stored description of a need, unread by anyone: the edit form merges what it sent into it (the languages and
 * statuses it did not send are kept). The update itself checks access and audits.
 */
export async function storedDescriptions(db: Db, id: string): Promise<TranslatableText | null> {
  if (!isUuid(id)) return null;
  const r = await db.select({ d: needs.descriptions }).from(needs).where(eq(needs.id, id)).limit(1);
  return r[0]?.d ?? null;
}

/** Links of a need to projects (for its page). */
export async function linksOfNeed(ctx: PortfolioContext, needId: string) {
  return ctx.db
    .select({
      projectId: projectNeeds.projectId,
      titles: projects.titles,
      coveredPercent: projectNeeds.coveredPercent,
      status: projectNeeds.status,
    })
    .from(projectNeeds)
    .innerJoin(projects, eq(projects.id, projectNeeds.projectId))
    .where(eq(projectNeeds.needId, needId))
    .orderBy(asc(projectNeeds.createdAt));
}
