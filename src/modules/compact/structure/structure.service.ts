// The Compact's structure: its bodies, their member entities (role, term of office) and representatives, and the ONE
// rule for who sees a body's records (meetings, minutes, decisions, actions): `bodyVisibleSql` and its JS twin
// `canSeeBody`. Other modules call these through the compact module's index.ts.
import { and, asc, Column, eq, getTableName, inArray, is, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { Db, Tx } from '../../../platform/db/client.ts';
import { authorize, can, isUser, type Actor } from '../../../platform/auth/policy.ts';
import { invalid, notFound, type FieldError } from '../../../platform/http/errors.ts';
import { recordAudit } from '../../../platform/audit/audit.service.ts';
import { isUuid } from '../../../platform/db/sql.ts';
import type { Locale } from '../../../platform/i18n/index.ts';
import { textIn, type TranslatableText } from '../../../platform/i18n/text.ts';
import { isMemberOf, organizationsByIds, peopleByIds, peopleOfOrganizations } from '../../directory/index.ts';
import {
  BODY_KINDS,
  BODY_ROLES,
  compactBodies,
  compactBodyMembers,
  compactBodyRepresentatives,
  compactEntities,
  type BodyKind,
  type BodyRole,
} from '../compact.schema.ts';

export { BODY_KINDS, BODY_ROLES, type BodyKind, type BodyRole };

/** Roles of the secretariat, who see every body's records (UNOCT's coordinators, CTED's analysts, administrators). */
export const BODY_SECRETARIAT_ROLES = ['platform_admin', 'coordinator', 'analyst'] as const;
/** Roles that manage every body's membership (beside the body's chair and co-chair entities' focal points). */
export const BODY_MANAGER_ROLES = ['platform_admin', 'coordinator'] as const;
/** Roles whose entities lead a body (their focal points manage its membership). */
export const LEAD_ROLES: readonly BodyRole[] = ['chair', 'co_chair'];

export interface Body {
  id: string;
  slug: string;
  kind: BodyKind;
  names: TranslatableText;
  symbolPrefix: string;
  workingGroupId: string | null;
  pillars: string[];
  themes: string[];
  sortOrder: number;
  source: string | null;
}

const bodyColumns = {
  id: compactBodies.id,
  slug: compactBodies.slug,
  kind: compactBodies.kind,
  names: compactBodies.names,
  symbolPrefix: compactBodies.symbolPrefix,
  workingGroupId: compactBodies.workingGroupId,
  pillars: compactBodies.pillars,
  themes: compactBodies.themes,
  sortOrder: compactBodies.sortOrder,
  source: compactBodies.source,
};

const KIND_ORDER: Record<BodyKind, number> = {
  coordination_committee: 0,
  heads_meeting: 1,
  ctc_briefing: 2,
  working_group: 3,
};

/** Every body: the Committee, the heads' meeting, the CTC briefing, then the working groups (by sort order, name). */
export async function listBodies(db: Db | Tx, locale: Locale = 'en'): Promise<Body[]> {
  const rows = (await db.select(bodyColumns).from(compactBodies).orderBy(asc(compactBodies.sortOrder))) as Body[];
  return rows.sort(
    (a, b) =>
      KIND_ORDER[a.kind] - KIND_ORDER[b.kind] ||
      a.sortOrder - b.sortOrder ||
      textIn(a.names, locale).localeCompare(textIn(b.names, locale), locale),
  );
}

/** One body by id or slug; null when there is none. */
export async function getBody(db: Db | Tx, idOrSlug: string): Promise<Body | null> {
  const where = isUuid(idOrSlug) ? eq(compactBodies.id, idOrSlug) : eq(compactBodies.slug, idOrSlug);
  return ((await db.select(bodyColumns).from(compactBodies).where(where).limit(1))[0] as Body | undefined) ?? null;
}

/** The body of a working group (working_groups.id), or null. */
export async function bodyOfWorkingGroup(db: Db | Tx, workingGroupId: string): Promise<Body | null> {
  if (!isUuid(workingGroupId)) return null;
  return (
    ((await db.select(bodyColumns).from(compactBodies).where(eq(compactBodies.workingGroupId, workingGroupId)))[0] as
      | Body
      | undefined) ?? null
  );
}

/** SQL: this membership row is in its term of office today (started, not ended). */
const activeSql = (alias: string) =>
  sql.raw(
    `(${alias}.term_start is null or ${alias}.term_start <= current_date)` +
      ` and (${alias}.term_end is null or ${alias}.term_end >= current_date)`,
  );

/** A column qualified with its table's name, so that it names the outer row inside the subquery. */
const outer = (c: SQLWrapper): SQLWrapper =>
  is(c, Column) ? sql`${sql.identifier(getTableName(c.table))}.${sql.identifier(c.name)}` : c;

const uuidList = (ids: string[]) =>
  sql.join(
    ids.map((id) => sql`${id}::uuid`),
    sql`, `,
  );

/**
 * THE rule for who sees a body's meetings, minutes, decisions and actions, as an SQL condition on `bodyIdColumn`:
 * the secretariat (platform_admin, coordinator, analyst); the people of the body's member and observer entities in
 * their term (any role of theirs: a Member State or a CSO whose organization sits on the body sees it); the people of
 * the Coordination Committee's entities (they oversee every body). Everyone else — anonymous readers, people of other
 * entities, Member State focal points and CSOs whose organization is not a member — false. `canSeeBody` is its twin.
 */
export function bodyVisibleSql(actor: Actor, bodyIdColumn: SQLWrapper): SQL {
  if (!isUser(actor)) return sql`false`;
  if ((BODY_SECRETARIAT_ROLES as readonly string[]).includes(actor.role)) return sql`true`;
  const orgIds = actor.orgIds.filter(isUuid);
  if (!orgIds.length) return sql`false`;
  return sql`(exists (select 1 from compact_body_members bm where bm.body_id = ${outer(bodyIdColumn)}
      and bm.organization_id in (${uuidList(orgIds)}) and ${activeSql('bm')})
    or exists (select 1 from compact_body_members cm join compact_bodies cb on cb.id = cm.body_id
      where cb.kind = 'coordination_committee' and cm.organization_id in (${uuidList(orgIds)})
        and ${activeSql('cm')}))`;
}

/** What `canSeeBody` and `canManageBody` need to know of a body (load it with `bodyRef`). */
export interface BodyRef {
  id: string;
  /** Member and observer entities in their term (every role). */
  memberOrgIds: string[];
  /** The Coordination Committee's entities in their term. */
  committeeOrgIds: string[];
  /** Chair and co-chair entities in their term. */
  chairOrgIds: string[];
}

/** The JS twin of `bodyVisibleSql`, for policy `when` functions (the tests check that both agree). */
export function canSeeBody(actor: Actor, body: Pick<BodyRef, 'memberOrgIds' | 'committeeOrgIds'>): boolean {
  if (!isUser(actor)) return false;
  if ((BODY_SECRETARIAT_ROLES as readonly string[]).includes(actor.role)) return true;
  return actor.orgIds.some((o) => body.memberOrgIds.includes(o) || body.committeeOrgIds.includes(o));
}

/** Who changes a body's membership: coordinators and administrators, and its chair/co-chair entities' focal points. */
export function canManageBody(actor: Actor, body: Pick<BodyRef, 'chairOrgIds'>): boolean {
  if (!isUser(actor)) return false;
  if ((BODY_MANAGER_ROLES as readonly string[]).includes(actor.role)) return true;
  return actor.role === 'entity_focal_point' && actor.focalOrgIds.some((o) => body.chairOrgIds.includes(o));
}

interface ActiveMember {
  bodyId: string;
  organizationId: string;
  role: BodyRole;
}
async function activeMembers(db: Db | Tx, where: SQL): Promise<ActiveMember[]> {
  return (await db
    .select({
      bodyId: compactBodyMembers.bodyId,
      organizationId: compactBodyMembers.organizationId,
      role: compactBodyMembers.role,
    })
    .from(compactBodyMembers)
    .where(and(where, activeSql('compact_body_members')))) as ActiveMember[];
}

/** The body's member and observer entities, chairs and the Committee's entities, for `canSeeBody`/`canManageBody`. */
export async function bodyRef(db: Db | Tx, bodyId: string): Promise<BodyRef> {
  const own = isUuid(bodyId) ? await activeMembers(db, eq(compactBodyMembers.bodyId, bodyId)) : [];
  const committee = await activeMembers(
    db,
    sql`${compactBodyMembers.bodyId} in (select id from compact_bodies where kind = 'coordination_committee')`,
  );
  return {
    id: bodyId,
    memberOrgIds: own.map((m) => m.organizationId),
    committeeOrgIds: committee.map((m) => m.organizationId),
    chairOrgIds: own.filter((m) => LEAD_ROLES.includes(m.role)).map((m) => m.organizationId),
  };
}

/** The ids of the body's member and observer entities in their term (invitations). */
export async function bodyMemberOrgIds(db: Db | Tx, bodyId: string): Promise<string[]> {
  if (!isUuid(bodyId)) return [];
  return (await activeMembers(db, eq(compactBodyMembers.bodyId, bodyId))).map((m) => m.organizationId);
}

export interface BodyPerson {
  personId: string;
  fullName: string;
  email: string | null;
  roleTitle: string | null;
  organizationId: string;
  organizationAcronym: string | null;
  organizationNames: Record<string, string>;
  bodyRole: BodyRole;
}

/** The people who represent the body's entities in their term, with their organization (invitations). */
export async function bodyPeople(db: Db | Tx, bodyId: string): Promise<BodyPerson[]> {
  if (!isUuid(bodyId)) return [];
  const reps = await db
    .select({
      personId: compactBodyRepresentatives.personId,
      roleTitle: compactBodyRepresentatives.roleTitle,
      organizationId: compactBodyMembers.organizationId,
      bodyRole: compactBodyMembers.role,
    })
    .from(compactBodyRepresentatives)
    .innerJoin(compactBodyMembers, eq(compactBodyMembers.id, compactBodyRepresentatives.memberId))
    .where(and(eq(compactBodyMembers.bodyId, bodyId), activeSql('compact_body_members')));
  const people = new Map(
    (
      await peopleByIds(
        db,
        reps.map((r) => r.personId),
      )
    ).map((p) => [p.id, p]),
  );
  const orgs = new Map(
    (
      await organizationsByIds(
        db,
        reps.map((r) => r.organizationId),
      )
    ).map((o) => [o.id, o]),
  );
  return reps
    .filter((r) => people.has(r.personId))
    .map((r) => ({
      personId: r.personId,
      fullName: people.get(r.personId)!.fullName,
      email: people.get(r.personId)!.email,
      roleTitle: r.roleTitle,
      organizationId: r.organizationId,
      organizationAcronym: orgs.get(r.organizationId)?.acronym ?? null,
      organizationNames: (orgs.get(r.organizationId)?.names ?? {}) as Record<string, string>,
      bodyRole: r.bodyRole as BodyRole,
    }))
    .sort((a, b) => a.fullName.localeCompare(b.fullName));
}

// ---- Working groups as consent sees them: the members of the group's body (one membership model) ----

/** The seats that make an entity a member of a working group (consent to a working group): all but an observer's. */
export const GROUP_MEMBER_ROLES: readonly BodyRole[] = ['chair', 'co_chair', 'vice_chair', 'member'];
const groupMemberRolesSql = (alias: string) =>
  sql.raw(`${alias}.role in (${GROUP_MEMBER_ROLES.map((r) => `'${r}'`).join(', ')})`);

/**
 * SQL: the working groups (working_groups.id, which consent grants name) whose body seats any of these organizations
 * as a member in its term (a subquery, for `x in (…)`). Read on every request: joining or leaving the body changes it.
 */
export function groupsOfOrgsSql(orgIds: string[]): SQL {
  const ok = orgIds.filter(isUuid);
  if (!ok.length) return sql`select null::uuid where false`;
  return sql`select gb.working_group_id from compact_bodies gb join compact_body_members gm on gm.body_id = gb.id
    where gb.kind = 'working_group' and gm.organization_id in (${uuidList(ok)})
      and ${groupMemberRolesSql('gm')} and ${activeSql('gm')}`;
}

/** The member entities of a working group (working_groups.id): its body's members in their term, observers aside. */
export async function workingGroupMemberOrgIds(db: Db | Tx, workingGroupId: string): Promise<string[]> {
  if (!isUuid(workingGroupId)) return [];
  const rows = await db
    .select({ id: compactBodyMembers.organizationId })
    .from(compactBodyMembers)
    .innerJoin(compactBodies, eq(compactBodies.id, compactBodyMembers.bodyId))
    .where(
      and(
        eq(compactBodies.workingGroupId, workingGroupId),
        inArray(compactBodyMembers.role, [...GROUP_MEMBER_ROLES]),
        activeSql('compact_body_members'),
      ),
    );
  return rows.map((r) => r.id);
}

/** The bodies in which any of these organizations sits (in its term), for "my bodies" lists. */
export async function bodiesOfOrgs(db: Db | Tx, orgIds: string[]): Promise<string[]> {
  const ok = orgIds.filter(isUuid);
  if (!ok.length) return [];
  return [...new Set((await activeMembers(db, inArray(compactBodyMembers.organizationId, ok))).map((m) => m.bodyId))];
}

/** SQL: ids of the bodies the actor may see (a subquery for `x in (…)`), built on `bodyVisibleSql`. */
export function visibleBodyIdsSql(actor: Actor): SQL {
  return sql`select vb.id from compact_bodies vb where ${bodyVisibleSql(actor, sql.raw('vb.id'))}`;
}

// ---- Pages and API: the Compact, a body, and changes to a body's membership ----

export interface StructureContext {
  db: Db;
  actor: Actor;
  ip: string;
}

export interface BodyMemberRow {
  id: string;
  organizationId: string;
  organizationNames: Record<string, string>;
  organizationAcronym: string | null;
  organizationSlug: string;
  organizationType: string;
  role: BodyRole;
  termStart: string | null;
  termEnd: string | null;
  current: boolean;
  byOfficeOf: string | null;
  /** Null when the reader may not see the directory's people of this organization. */
  representatives: { id: string; personId: string; fullName: string; roleTitle: string | null }[] | null;
}

const ROLE_ORDER: Record<BodyRole, number> = { chair: 0, co_chair: 1, vice_chair: 2, member: 3, observer: 4 };

/** May the reader see the people of this organization (the directory's `person.read` rule; CSOs fail closed)? */
const mayReadPeople = (actor: Actor, org: { id: string; type: string }) =>
  can(actor, 'person.read', { orgs: [{ id: org.id, type: org.type, publicListing: false }] });

/** The members (and observers) of a body, chairs first, with their representatives when the reader may see them. */
export async function bodyMembers(ctx: StructureContext, bodyId: string): Promise<BodyMemberRow[]> {
  const rows = await ctx.db
    .select({
      id: compactBodyMembers.id,
      organizationId: compactBodyMembers.organizationId,
      role: compactBodyMembers.role,
      termStart: compactBodyMembers.termStart,
      termEnd: compactBodyMembers.termEnd,
      byOfficeOf: compactBodyMembers.byOfficeOf,
      current: sql<boolean>`${activeSql('compact_body_members')}`,
    })
    .from(compactBodyMembers)
    .where(eq(compactBodyMembers.bodyId, bodyId));
  const orgs = new Map(
    (
      await organizationsByIds(
        ctx.db,
        rows.map((r) => r.organizationId),
      )
    ).map((o) => [o.id, o]),
  );
  const reps = rows.length
    ? await ctx.db
        .select({
          id: compactBodyRepresentatives.id,
          memberId: compactBodyRepresentatives.memberId,
          personId: compactBodyRepresentatives.personId,
          roleTitle: compactBodyRepresentatives.roleTitle,
        })
        .from(compactBodyRepresentatives)
        .where(
          inArray(
            compactBodyRepresentatives.memberId,
            rows.map((r) => r.id),
          ),
        )
    : [];
  const people = new Map(
    (
      await peopleByIds(
        ctx.db,
        reps.map((r) => r.personId),
      )
    ).map((p) => [p.id, p]),
  );
  return rows
    .filter((r) => orgs.has(r.organizationId))
    .map((r) => {
      const o = orgs.get(r.organizationId)!;
      return {
        id: r.id,
        organizationId: r.organizationId,
        organizationNames: o.names as Record<string, string>,
        organizationAcronym: o.acronym,
        organizationSlug: o.slug,
        organizationType: o.type,
        role: r.role as BodyRole,
        termStart: r.termStart,
        termEnd: r.termEnd,
        current: !!r.current,
        byOfficeOf: r.byOfficeOf,
        representatives: mayReadPeople(ctx.actor, o)
          ? reps
              .filter((p) => p.memberId === r.id && people.has(p.personId))
              .map((p) => ({
                id: p.id,
                personId: p.personId,
                fullName: people.get(p.personId)!.fullName,
                roleTitle: p.roleTitle,
              }))
              .sort((a, b) => a.fullName.localeCompare(b.fullName))
          : null,
      };
    })
    .sort(
      (a, b) =>
        ROLE_ORDER[a.role] - ROLE_ORDER[b.role] ||
        (a.organizationAcronym ?? a.organizationSlug).localeCompare(b.organizationAcronym ?? b.organizationSlug),
    );
}

/** Every body, for a reader of the Compact (pages and API). */
export async function bodiesFor(ctx: StructureContext, locale: Locale): Promise<Body[]> {
  authorize(ctx.actor, 'compact.read');
  return listBodies(ctx.db, locale);
}

/** A body for its page or the API (404 when there is none), with what the reader may do. */
export async function bodyDetail(ctx: StructureContext, slug: string) {
  authorize(ctx.actor, 'compact.read');
  const body = await getBody(ctx.db, slug);
  if (!body) throw notFound();
  const ref = await bodyRef(ctx.db, body.id);
  return {
    body,
    members: await bodyMembers(ctx, body.id),
    canManage: can(ctx.actor, 'compact.body.manage', ref),
    canSeeRecords: canSeeBody(ctx.actor, ref),
  };
}

export interface CompactEntityRow {
  organizationId: string;
  slug: string;
  names: Record<string, string>;
  acronym: string | null;
  type: string;
  joinedOn: string | null;
}

/** The Compact's member entities with the date each joined (null when not public), by acronym. */
export async function compactEntityList(ctx: StructureContext): Promise<CompactEntityRow[]> {
  authorize(ctx.actor, 'compact.read');
  const rows = await ctx.db
    .select({ organizationId: compactEntities.organizationId, joinedOn: compactEntities.joinedOn })
    .from(compactEntities);
  const orgs = new Map(
    (
      await organizationsByIds(
        ctx.db,
        rows.map((r) => r.organizationId),
      )
    ).map((o) => [o.id, o]),
  );
  return rows
    .filter((r) => orgs.has(r.organizationId))
    .map((r) => {
      const o = orgs.get(r.organizationId)!;
      return {
        organizationId: o.id,
        slug: o.slug,
        names: o.names as Record<string, string>,
        acronym: o.acronym,
        type: o.type,
        joinedOn: r.joinedOn,
      };
    })
    .sort((a, b) => (a.acronym ?? a.slug).localeCompare(b.acronym ?? b.slug));
}

/** Member counts per body (in their term). */
export async function bodyMemberCounts(db: Db | Tx): Promise<Map<string, number>> {
  const rows = await db
    .select({ bodyId: compactBodyMembers.bodyId, n: sql<number>`count(*)`.mapWith(Number) })
    .from(compactBodyMembers)
    .where(activeSql('compact_body_members'))
    .groupBy(compactBodyMembers.bodyId);
  return new Map(rows.map((r) => [r.bodyId, r.n]));
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const validDate = (s: string) =>
  ISO_DATE.test(s) &&
  !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) &&
  new Date(`${s}T00:00:00Z`).toISOString().slice(0, 10) === s;

/** Kinds of organization that may sit on a body (not civil society: its identities can put people at risk). */
export const MEMBER_ORG_TYPES = ['un_entity', 'international_org', 'regional_org', 'member_state'] as const;

export interface MemberInput {
  organizationId: string;
  role: string;
  termStart?: string | null;
  termEnd?: string | null;
}

/** The body, or 404; then the manager's rule on it (404 too: a body's management is not advertised). */
async function managedBody(ctx: StructureContext, slug: string): Promise<Body> {
  authorize(ctx.actor, 'compact.manage');
  const body = await getBody(ctx.db, slug);
  if (!body) throw notFound();
  authorize(ctx.actor, 'compact.body.manage', await bodyRef(ctx.db, body.id));
  return body;
}

/**
 * Adds a member entity to a body with its role and term. Every field is checked first (422 with each field's error);
 * then one transaction inserts the seat, keeps the Committee's seats by office and writes the audit entry.
 */
export async function addBodyMember(ctx: StructureContext, slug: string, input: MemberInput): Promise<string> {
  const body = await managedBody(ctx, slug);
  const fields: FieldError[] = [];
  const orgId = (input.organizationId ?? '').trim();
  const org = isUuid(orgId) ? (await organizationsByIds(ctx.db, [orgId]))[0] : undefined;
  if (!orgId) fields.push({ field: 'organizationId', messageKey: 'validation.required' });
  else if (!org || !(MEMBER_ORG_TYPES as readonly string[]).includes(org.type))
    fields.push({ field: 'organizationId', messageKey: 'validation.choice' });
  if (!(BODY_ROLES as readonly string[]).includes(input.role))
    fields.push({ field: 'role', messageKey: 'validation.choice' });
  const start = (input.termStart ?? '').trim() || null;
  const end = (input.termEnd ?? '').trim() || null;
  if (start && !validDate(start)) fields.push({ field: 'termStart', messageKey: 'validation.date' });
  if (end && !validDate(end)) fields.push({ field: 'termEnd', messageKey: 'validation.date' });
  if (start && end && validDate(start) && validDate(end) && end < start)
    fields.push({ field: 'termEnd', messageKey: 'compact.error.termOrder' });
  if (org) {
    const taken = await ctx.db
      .select({ id: compactBodyMembers.id })
      .from(compactBodyMembers)
      .where(and(eq(compactBodyMembers.bodyId, body.id), eq(compactBodyMembers.organizationId, org.id)))
      .limit(1);
    if (taken.length) fields.push({ field: 'organizationId', messageKey: 'compact.error.alreadyMember' });
  }
  if (fields.length) throw invalid(fields);
  const role = input.role as BodyRole;
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(compactBodyMembers)
      .values({ bodyId: body.id, organizationId: org!.id, role, termStart: start, termEnd: end })
      .onConflictDoNothing()
      .returning({ id: compactBodyMembers.id });
    if (!row) throw invalid([{ field: 'organizationId', messageKey: 'compact.error.alreadyMember' }]);
    if (body.kind === 'working_group') await syncCommitteeByOffice(tx);
    await recordAudit(tx, {
      action: 'compact.member.added',
      actor: ctx.actor,
      targetType: 'compact_body',
      targetId: body.id,
      ip: ctx.ip,
      details: { body: body.slug, organizationId: org!.id, role, termStart: start, termEnd: end, memberId: row.id },
    });
    return row.id;
  });
}

/** One seat of a body (404 when it is not this body's). */
export async function bodyMember(ctx: StructureContext, slug: string, memberId: string) {
  const body = await managedBody(ctx, slug);
  if (!isUuid(memberId)) throw notFound();
  const m = (await bodyMembers(ctx, body.id)).find((r) => r.id === memberId);
  if (!m) throw notFound();
  return { body, member: m };
}

/** Removes a member entity (and its representatives) from a body; audited. */
export async function removeBodyMember(ctx: StructureContext, slug: string, memberId: string): Promise<void> {
  const { body, member } = await bodyMember(ctx, slug, memberId);
  await ctx.db.transaction(async (tx) => {
    const gone = await tx
      .delete(compactBodyMembers)
      .where(and(eq(compactBodyMembers.id, member.id), eq(compactBodyMembers.bodyId, body.id)))
      .returning({ id: compactBodyMembers.id });
    if (!gone.length) throw notFound();
    if (body.kind === 'working_group') await syncCommitteeByOffice(tx);
    await recordAudit(tx, {
      action: 'compact.member.removed',
      actor: ctx.actor,
      targetType: 'compact_body',
      targetId: body.id,
      ip: ctx.ip,
      details: { body: body.slug, organizationId: member.organizationId, role: member.role, memberId: member.id },
    });
  });
}

export interface RepresentativeInput {
  personId: string;
  roleTitle?: string | null;
}

/** The people of the member entity who may represent it (for the form). */
export async function representativeChoices(ctx: StructureContext, member: BodyMemberRow) {
  const taken = new Set((member.representatives ?? []).map((r) => r.personId));
  return (await peopleOfOrganizations(ctx.db, [member.organizationId])).filter((p) => !taken.has(p.personId));
}

/** Adds a representative (a person of the member entity) to a seat; audited. */
export async function addRepresentative(
  ctx: StructureContext,
  slug: string,
  memberId: string,
  input: RepresentativeInput,
): Promise<string> {
  const { body, member } = await bodyMember(ctx, slug, memberId);
  const fields: FieldError[] = [];
  const personId = (input.personId ?? '').trim();
  const roleTitle = (input.roleTitle ?? '').trim() || null;
  if (!personId) fields.push({ field: 'personId', messageKey: 'validation.required' });
  else if (!(await isMemberOf(ctx.db, personId, member.organizationId)))
    fields.push({ field: 'personId', messageKey: 'validation.choice' });
  else if ((member.representatives ?? []).some((r) => r.personId === personId))
    fields.push({ field: 'personId', messageKey: 'compact.error.alreadyRepresentative' });
  if (roleTitle && roleTitle.length > 200)
    fields.push({ field: 'roleTitle', messageKey: 'validation.maxLength', values: { limit: 200 } });
  if (fields.length) throw invalid(fields);
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(compactBodyRepresentatives)
      .values({ memberId: member.id, personId, roleTitle })
      .onConflictDoNothing()
      .returning({ id: compactBodyRepresentatives.id });
    if (!row) throw invalid([{ field: 'personId', messageKey: 'compact.error.alreadyRepresentative' }]);
    await recordAudit(tx, {
      action: 'compact.representative.added',
      actor: ctx.actor,
      targetType: 'compact_body',
      targetId: body.id,
      ip: ctx.ip,
      details: { body: body.slug, memberId: member.id, organizationId: member.organizationId, personId, roleTitle },
    });
    return row.id;
  });
}

/** A representative of one of the body's seats (404 otherwise). */
export async function bodyRepresentative(ctx: StructureContext, slug: string, representativeId: string) {
  const body = await managedBody(ctx, slug);
  if (!isUuid(representativeId)) throw notFound();
  for (const m of await bodyMembers({ ...ctx, actor: ctx.actor }, body.id)) {
    const r = m.representatives?.find((x) => x.id === representativeId);
    if (r) return { body, member: m, representative: r };
  }
  throw notFound();
}

/** Removes a representative from a seat; audited. */
export async function removeRepresentative(ctx: StructureContext, slug: string, representativeId: string) {
  const { body, member, representative } = await bodyRepresentative(ctx, slug, representativeId);
  await ctx.db.transaction(async (tx) => {
    const gone = await tx
      .delete(compactBodyRepresentatives)
      .where(eq(compactBodyRepresentatives.id, representative.id))
      .returning({ id: compactBodyRepresentatives.id });
    if (!gone.length) throw notFound();
    await recordAudit(tx, {
      action: 'compact.representative.removed',
      actor: ctx.actor,
      targetType: 'compact_body',
      targetId: body.id,
      ip: ctx.ip,
      details: {
        body: body.slug,
        memberId: member.id,
        organizationId: member.organizationId,
        personId: representative.personId,
      },
    });
  });
}

/**
 * The Committee's members by office: each entity that chairs, co-chairs or vice-chairs a working group sits on the
 * Committee (added when missing) and its Committee seat records which group gives it (cleared when none does).
 */
export async function syncCommitteeByOffice(db: Pick<Db, 'execute'>): Promise<void> {
  await db.execute(sql`insert into compact_body_members (body_id, organization_id, role, by_office_of)
    select cc.id, m.organization_id, 'member', min(m.body_id::text)::uuid
    from compact_body_members m join compact_bodies b on b.id = m.body_id and b.kind = 'working_group'
      cross join compact_bodies cc
    where cc.kind = 'coordination_committee' and m.role in ('chair', 'co_chair', 'vice_chair')
    group by cc.id, m.organization_id
    on conflict (body_id, organization_id) do nothing`);
  await db.execute(sql`update compact_body_members c set by_office_of = (
      select min(m.body_id::text)::uuid from compact_body_members m join compact_bodies b on b.id = m.body_id
      where b.kind = 'working_group' and m.organization_id = c.organization_id
        and m.role in ('chair', 'co_chair', 'vice_chair'))
    where c.body_id = (select id from compact_bodies where kind = 'coordination_committee')`);
}
