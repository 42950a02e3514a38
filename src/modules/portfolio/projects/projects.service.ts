// The capacity-building portfolio: programmes and projects, their partners, beneficiaries and governance, the needs
// they answer; matching in both directions.
import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../../../platform/db/client.ts';
import { authorize, type UserActor } from '../../../platform/auth/policy.ts';
import { invalid, notFound } from '../../../platform/http/errors.ts';
import type { FieldError } from '../../../platform/http/errors.ts';
import { recordAudit } from '../../../platform/audit/audit.service.ts';
import { isUuid, matchesAnyText, searchTerm } from '../../../platform/db/sql.ts';
import type { TranslatableText } from '../../../platform/i18n/text.ts';
import {
  orgAcronymSql,
  orgNamesSql,
  orgRegionSql,
  organizationsByIds,
  organizationTypes,
  REGIONAL_GROUPS,
  type LocalizedText,
} from '../../directory/index.ts';
import { checkTranslatable, cleanTranslatable } from '../portfolio.text.ts';
import {
  LINK_STATUSES,
  needs,
  PROJECT_KINDS,
  PROJECT_STATUSES,
  projectBeneficiaries,
  projectGovernance,
  projectNeeds,
  projectPartners,
  projects,
  type LinkStatus,
  type ProjectKind,
  type ProjectStatus,
} from '../portfolio.schema.ts';
import {
  answeredSql,
  CODES,
  getNeed,
  needsVisibleTo,
  type NeedRow,
  type PortfolioContext,
} from '../needs/needs.service.ts';
import { reindexSearch } from '../../search/index.ts';

/** A text[] literal from a JS list (drizzle expands a bare array into separate parameters). */
const textArray = (list: readonly string[]) =>
  list.length
    ? sql`array[${sql.join(
        list.map((x) => sql`${x}`),
        sql`, `,
      )}]::text[]`
    : sql`'{}'::text[]`;

export type Project = typeof projects.$inferSelect & { leadNames: LocalizedText; leadAcronym: string | null };

export interface ProjectFilters {
  status?: string;
  theme?: string;
  pillar?: string;
  lead?: string;
  state?: string;
  q?: string;
}

export async function listProjects(
  ctx: PortfolioContext,
  f: ProjectFilters,
  page: number,
  pageSize: number,
): Promise<{ rows: Project[]; total: number }> {
  authorize(ctx.actor, 'project.list');
  const w: SQL[] = [];
  if (f.status && (PROJECT_STATUSES as readonly string[]).includes(f.status))
    w.push(eq(projects.status, f.status as ProjectStatus));
  if (f.theme) w.push(sql`${f.theme} = any(${projects.themes})`);
  if (f.pillar) w.push(sql`${f.pillar} = any(${projects.pillars})`);
  if (f.lead && isUuid(f.lead)) w.push(eq(projects.leadOrgId, f.lead));
  if (f.state && isUuid(f.state))
    w.push(
      sql`exists (select 1 from project_beneficiaries b
        where b.project_id = ${projects.id} and b.state_org_id = ${f.state})`,
    );
  // The title in every language (values only, never JSON keys or syntax) or the code, without case or accents.
  if (searchTerm(f.q))
    w.push(
      matchesAnyText(f.q!, [
        [projects.titles, 'json'],
        [projects.code, 'text'],
      ]),
    );
  const rows = await ctx.db
    .select({
      p: projects,
      leadNames: orgNamesSql(projects.leadOrgId),
      leadAcronym: orgAcronymSql(projects.leadOrgId),
      total: sql<number>`count(*) over()`.mapWith(Number),
    })
    .from(projects)
    .where(w.length ? and(...w) : undefined)
    .orderBy(asc(projects.kind), desc(projects.startDate), asc(projects.id))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  return {
    rows: rows.map((r) => ({ ...r.p, leadNames: r.leadNames, leadAcronym: r.leadAcronym })),
    total: rows[0]?.total ?? 0,
  };
}

export async function getProject(ctx: PortfolioContext, id: string) {
  authorize(ctx.actor, 'project.read');
  if (!isUuid(id)) throw notFound();
  const r = (
    await ctx.db
      .select({
        p: projects,
        leadNames: orgNamesSql(projects.leadOrgId),
        leadAcronym: orgAcronymSql(projects.leadOrgId),
      })
      .from(projects)
      .where(eq(projects.id, id))
      .limit(1)
  )[0];
  if (!r) throw notFound();
  const partnerIds = (
    await ctx.db
      .select({ id: projectPartners.organizationId })
      .from(projectPartners)
      .where(eq(projectPartners.projectId, id))
  ).map((x) => x.id);
  const beneficiaryIds = (
    await ctx.db
      .select({ id: projectBeneficiaries.stateOrgId })
      .from(projectBeneficiaries)
      .where(eq(projectBeneficiaries.projectId, id))
  ).map((x) => x.id);
  const bodies = await ctx.db
    .select({
      body: projectGovernance.body,
      role: projectGovernance.role,
      organizationId: projectGovernance.organizationId,
    })
    .from(projectGovernance)
    .where(eq(projectGovernance.projectId, id));
  const orgs = new Map(
    (await organizationsByIds(ctx.db, [...partnerIds, ...beneficiaryIds, ...bodies.map((g) => g.organizationId)])).map(
      (o) => [o.id, { id: o.id, names: o.names, acronym: o.acronym }],
    ),
  );
  const partners = partnerIds.flatMap((o) => (orgs.has(o) ? [orgs.get(o)!] : []));
  const beneficiaries = beneficiaryIds.flatMap((o) => (orgs.has(o) ? [orgs.get(o)!] : []));
  const governance = bodies.flatMap((g) =>
    orgs.has(g.organizationId) ? [{ body: g.body, role: g.role, ...orgs.get(g.organizationId)! }] : [],
  );
  // Links to needs the reader may see; the others are counted, not shown.
  const links = await ctx.db
    .select({
      needId: needs.id,
      descriptions: needs.descriptions,
      stateNames: orgNamesSql(needs.stateOrgId),
      coveredPercent: projectNeeds.coveredPercent,
      status: projectNeeds.status,
      visible: sql<boolean>`${needsVisibleTo(ctx.actor)}`.mapWith(Boolean),
    })
    .from(projectNeeds)
    .innerJoin(needs, eq(needs.id, projectNeeds.needId))
    .where(eq(projectNeeds.projectId, id));
  const children = await ctx.db
    .select({ id: projects.id, titles: projects.titles, status: projects.status })
    .from(projects)
    .where(eq(projects.parentId, id))
    .orderBy(asc(projects.startDate));
  return {
    ...r.p,
    leadNames: r.leadNames,
    leadAcronym: r.leadAcronym,
    partners,
    beneficiaries,
    governance,
    links: links.filter((l) => l.visible),
    hiddenLinks: links.filter((l) => !l.visible).length,
    children,
  };
}

export interface ProjectInput {
  kind: ProjectKind;
  parentId?: string | null;
  code?: string | null;
  titles: TranslatableText;
  summary?: string;
  leadOrgId: string;
  partnerOrgIds: string[];
  beneficiaryStateIds: string[];
  regions: string[];
  themes: string[];
  pillars: string[];
  budgetUsd?: number | null;
  fundsReceivedUsd?: number | null;
  startDate?: string | null;
  endDate?: string | null;
  status: ProjectStatus;
  governance?: { body: string; organizationId: string; role?: string }[];
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
export async function checkProject(db: Tx, p: ProjectInput, prefix = ''): Promise<FieldError[]> {
  const fields: FieldError[] = [];
  const f = (field: string, messageKey: string, values?: Record<string, unknown>) =>
    fields.push({ field: prefix + field, messageKey, values });
  if (!PROJECT_KINDS.includes(p.kind)) f('kind', 'validation.choice');
  if (!PROJECT_STATUSES.includes(p.status)) f('status', 'validation.choice');
  for (const e of checkTranslatable(p.titles, 'title', { maxLength: 500 }))
    f(e.field, e.messageKey === 'text.errors.oneLanguage' ? 'validation.required' : e.messageKey, e.values);
  const bad = (list: string[], set: Set<string>) => list.filter((c) => !set.has(c));
  if (bad(p.themes, CODES.theme).length)
    f('themes', 'needs.unknownCode', { codes: bad(p.themes, CODES.theme).join(', ') });
  if (bad(p.pillars, CODES.pillar).length)
    f('pillars', 'needs.unknownCode', { codes: bad(p.pillars, CODES.pillar).join(', ') });
  if (p.regions.some((r) => !(REGIONAL_GROUPS as readonly string[]).includes(r))) f('regions', 'validation.choice');
  for (const [k, v] of [
    ['budgetUsd', p.budgetUsd],
    ['fundsReceivedUsd', p.fundsReceivedUsd],
  ] as const) {
    if (v != null && (!Number.isInteger(v) || v < 0 || v > 1e13)) f(k, 'projects.amount');
  }
  if (p.startDate && !ISO_DATE.test(p.startDate)) f('startDate', 'validation.date');
  if (p.endDate && !ISO_DATE.test(p.endDate)) f('endDate', 'validation.date');
  if (p.startDate && p.endDate && ISO_DATE.test(p.startDate) && ISO_DATE.test(p.endDate) && p.endDate < p.startDate)
    f('endDate', 'assessments.endBeforeStart');
  const gov = p.governance ?? [];
  if (
    gov.some((g) => !g.body.trim() || g.body.length > 200 || !isUuid(g.organizationId) || (g.role ?? '').length > 100)
  )
    f('governance', 'projects.governanceInvalid');
  const ids = [
    p.leadOrgId,
    ...p.partnerOrgIds,
    ...p.beneficiaryStateIds,
    ...gov.map((g) => g.organizationId).filter(isUuid),
  ];
  if (ids.some((id) => !isUuid(id))) f('leadOrgId', 'projects.unknownOrganization');
  else {
    const type = await organizationTypes(db, ids);
    if (!type.has(p.leadOrgId)) f('leadOrgId', 'projects.unknownOrganization');
    if (p.partnerOrgIds.some((id) => !type.has(id))) f('partnerOrgIds', 'projects.unknownOrganization');
    if (p.beneficiaryStateIds.some((id) => type.get(id) !== 'member_state'))
      f('beneficiaryStateIds', 'assessments.stateRequired');
    if (gov.some((g) => isUuid(g.organizationId) && !type.has(g.organizationId)))
      f('governance', 'projects.governanceInvalid');
  }
  if (p.parentId) {
    const parent = isUuid(p.parentId)
      ? (await db.select({ kind: projects.kind }).from(projects).where(eq(projects.id, p.parentId)).limit(1))[0]
      : undefined;
    if (parent?.kind !== 'programme' || p.kind !== 'project') f('parentId', 'projects.parentProgramme');
  }
  return fields;
}

export async function insertProject(tx: Tx, actor: UserActor, p: ProjectInput, isDemo = false): Promise<string> {
  const titles = cleanTranslatable(p.titles);
  const [row] = await tx
    .insert(projects)
    .values({
      kind: p.kind,
      parentId: p.parentId || null,
      code: p.code?.trim() || null,
      titles,
      summary: (p.summary ?? '').trim(),
      leadOrgId: p.leadOrgId,
      themes: [...new Set(p.themes)],
      pillars: [...new Set(p.pillars)],
      regions: [...new Set(p.regions)],
      budgetUsd: p.budgetUsd ?? null,
      fundsReceivedUsd: p.fundsReceivedUsd ?? null,
      startDate: p.startDate || null,
      endDate: p.endDate || null,
      status: p.status,
      isDemo,
      createdBy: actor.userId,
    })
    .returning({ id: projects.id });
  await writeRelations(tx, row.id, p);
  return row.id;
}

async function writeRelations(tx: Tx, id: string, p: ProjectInput) {
  await tx.delete(projectPartners).where(eq(projectPartners.projectId, id));
  await tx.delete(projectBeneficiaries).where(eq(projectBeneficiaries.projectId, id));
  await tx.delete(projectGovernance).where(eq(projectGovernance.projectId, id));
  const partners = [...new Set(p.partnerOrgIds)].filter((o) => o !== p.leadOrgId);
  if (partners.length)
    await tx.insert(projectPartners).values(partners.map((organizationId) => ({ projectId: id, organizationId })));
  const bens = [...new Set(p.beneficiaryStateIds)];
  if (bens.length)
    await tx.insert(projectBeneficiaries).values(bens.map((stateOrgId) => ({ projectId: id, stateOrgId })));
  if (p.governance?.length)
    await tx.insert(projectGovernance).values(
      p.governance.map((g) => ({
        projectId: id,
        body: g.body,
        organizationId: g.organizationId,
        role: g.role ?? 'member',
      })),
    );
}

export async function createProject(ctx: PortfolioContext, p: ProjectInput): Promise<string> {
  authorize(ctx.actor, 'project.create');
  const actor = ctx.actor;
  authorize(actor, 'project.write', { leadOrgId: p.leadOrgId });
  const fields = await checkProject(ctx.db, p);
  if (fields.length) throw invalid(fields);
  return ctx.db.transaction(async (tx) => {
    const id = await insertProject(tx, actor, p);
    await recordAudit(tx, {
      action: 'project.created',
      actor,
      targetType: 'project',
      targetId: id,
      ip: ctx.ip,
      details: { kind: p.kind, leadOrgId: p.leadOrgId },
    });
    await reindexSearch(tx, 'project', [id]);
    return id;
  });
}

export async function updateProject(ctx: PortfolioContext, id: string, p: ProjectInput): Promise<void> {
  const current = await getProject(ctx, id);
  const actor = ctx.actor as UserActor;
  authorize(actor, 'project.write', { leadOrgId: current.leadOrgId });
  authorize(actor, 'project.write', { leadOrgId: p.leadOrgId });
  const fields = await checkProject(ctx.db, p);
  if (p.parentId === id) fields.push({ field: 'parentId', messageKey: 'projects.parentProgramme' });
  if (fields.length) throw invalid(fields);
  await ctx.db.transaction(async (tx) => {
    const titles = cleanTranslatable(p.titles);
    await tx
      .update(projects)
      .set({
        kind: p.kind,
        parentId: p.parentId || null,
        code: p.code?.trim() || null,
        titles,
        summary: (p.summary ?? '').trim(),
        leadOrgId: p.leadOrgId,
        themes: [...new Set(p.themes)],
        pillars: [...new Set(p.pillars)],
        regions: [...new Set(p.regions)],
        budgetUsd: p.budgetUsd ?? null,
        fundsReceivedUsd: p.fundsReceivedUsd ?? null,
        startDate: p.startDate || null,
        endDate: p.endDate || null,
        status: p.status,
        updatedAt: new Date(),
      })
      .where(eq(projects.id, id));
    await writeRelations(tx, id, p);
    await recordAudit(tx, {
      action: 'project.updated',
      actor,
      targetType: 'project',
      targetId: id,
      ip: ctx.ip,
      details: { status: p.status },
    });
    await reindexSearch(tx, 'project', [id]);
  });
}

/**
 * Links a project to a need it answers (or updates the link). The reader must see the need and may edit the project.
 */
export async function linkNeed(
  ctx: PortfolioContext,
  projectId: string,
  needId: string,
  coveredPercent: number,
  status: LinkStatus,
): Promise<void> {
  const p = await getProject(ctx, projectId);
  authorize(ctx.actor, 'project.write', { leadOrgId: p.leadOrgId });
  const actor = ctx.actor;
  await getNeed(ctx, needId);
  const fields: FieldError[] = [];
  if (!Number.isInteger(coveredPercent) || coveredPercent < 1 || coveredPercent > 100)
    fields.push({ field: 'coveredPercent', messageKey: 'projects.percent' });
  if (!LINK_STATUSES.includes(status)) fields.push({ field: 'status', messageKey: 'validation.choice' });
  if (fields.length) throw invalid(fields);
  await ctx.db.transaction(async (tx) => {
    await tx
      .insert(projectNeeds)
      .values({ projectId, needId, coveredPercent, status })
      .onConflictDoUpdate({ target: [projectNeeds.projectId, projectNeeds.needId], set: { coveredPercent, status } });
    await recordAudit(tx, {
      action: 'project.need_linked',
      actor,
      targetType: 'project',
      targetId: projectId,
      ip: ctx.ip,
      details: { needId, coveredPercent, status },
    });
  });
}

export interface Candidate {
  id: string;
  titles: TranslatableText;
  score: number;
  reasons: string[];
  status: string;
  fundingGap: number | null;
  leadAcronym: string | null;
}

/** Ranked open projects that could answer a need, with the reasons (shared themes, pillars, the State, its region,
 * funding). Scored and cut in SQL; pass the need already read (and audited) to avoid reading it twice. */
export async function matchProjects(ctx: PortfolioContext, need: string | NeedRow, limit = 10): Promise<Candidate[]> {
  const n = typeof need === 'string' ? await getNeed(ctx, need) : need;
  authorize(ctx.actor, 'project.list');
  const themes = textArray(n.themes);
  const pillars = textArray(n.pillars);
  const rows = await ctx.db.execute(sql`
    with c as (
      select p.id, p.titles, p.status, p.lead_org_id,
        array(select unnest(p.themes) intersect select unnest(${themes})) as shared_themes,
        array(select unnest(p.pillars) intersect select unnest(${pillars})) as shared_pillars,
        exists (select 1 from project_beneficiaries b
          where b.project_id = p.id and b.state_org_id = ${n.stateOrgId}) as beneficiary,
        (${n.regionalGroup ?? ''} = any(p.regions)) as region,
        coalesce(p.funds_received_usd, 0) > 0 as funded,
        p.budget_usd - coalesce(p.funds_received_usd, 0) as gap
      from projects p
      where p.status in ('pipeline', 'active') and p.themes && ${themes}
        and not exists (select 1 from project_needs pn where pn.project_id = p.id and pn.need_id = ${n.id}))
    select c.*, ${orgAcronymSql(sql`c.lead_org_id`)} as lead_acronym,
      3 * cardinality(c.shared_themes) + cardinality(c.shared_pillars)
        + case when c.beneficiary then 4 when c.region then 2 else 0 end
        + case when c.status = 'active' then 1 else 0 end + case when c.funded then 1 else 0 end as score
    from c
    order by score desc, c.id limit ${limit}`);
  type Row = {
    id: string;
    titles: TranslatableText;
    status: string;
    lead_acronym: string | null;
    shared_themes: string[];
    shared_pillars: string[];
    beneficiary: boolean;
    region: boolean;
    funded: boolean;
    gap: string | number | null;
    score: number;
  };
  return (((rows as unknown as { rows?: Row[] }).rows ?? rows) as Row[]).map((r) => {
    const reasons = [...r.shared_themes.map((t) => `theme:${t}`), ...r.shared_pillars.map((p) => `pillar:${p}`)];
    if (r.beneficiary) reasons.push('state');
    else if (r.region) reasons.push('region');
    if (r.status === 'active') reasons.push('active');
    if (r.funded) reasons.push('funded');
    return {
      id: r.id,
      titles: r.titles,
      status: r.status,
      score: Number(r.score),
      reasons,
      fundingGap: r.gap == null ? null : Number(r.gap),
      leadAcronym: r.lead_acronym,
    };
  });
}

/** Unanswered needs (visible to the reader) a project could take on: shared themes, in its States or regions. */
export async function candidateNeeds(ctx: PortfolioContext, projectId: string, limit = 20) {
  const p = await getProject(ctx, projectId);
  authorize(ctx.actor, 'need.list');
  const benIds = p.beneficiaries.map((b) => b.id);
  const place =
    benIds.length || p.regions.length
      ? sql`(${benIds.length ? inArray(needs.stateOrgId, benIds) : sql`false`}
          or ${orgRegionSql(needs.stateOrgId)} = any(${textArray(p.regions)}))`
      : sql`true`;
  const rows = await ctx.db
    .select({
      id: needs.id,
      descriptions: needs.descriptions,
      priority: needs.priority,
      themes: needs.themes,
      stateNames: orgNamesSql(needs.stateOrgId),
      stateOrgId: needs.stateOrgId,
    })
    .from(needs)
    .where(
      and(
        needsVisibleTo(ctx.actor),
        sql`${needs.themes} && ${textArray(p.themes)}`,
        sql`not ${answeredSql}`,
        inArray(needs.status, ['identified', 'validated', 'in_consultation']),
        place,
        sql`not exists (select 1 from project_needs pn
          where pn.project_id = ${projectId} and pn.need_id = ${needs.id})`,
      ),
    )
    .orderBy(sql`case ${needs.priority} when 'high' then 0 when 'medium' then 1 else 2 end`, desc(needs.createdAt))
    .limit(limit);
  return rows.map((r) => ({
    ...r,
    inBeneficiary: benIds.includes(r.stateOrgId),
    sharedThemes: r.themes.filter((t) => p.themes.includes(t)),
  }));
}
