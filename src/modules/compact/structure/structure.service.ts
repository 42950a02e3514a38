// The Compact's structure: its bodies, their member entities (role, term of office) and representatives, and the ONE
// rule for who sees a body's records (meetings, minutes, decisions, actions): `bodyVisibleSql` and its JS twin
// `canSeeBody`. Other modules call these through the compact module's index.ts.
import { and, asc, Column, eq, getTableName, inArray, is, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { Db, Tx } from '../../../platform/db/client.ts';
import { isUser, type Actor } from '../../../platform/auth/policy.ts';
import { isUuid } from '../../../platform/db/sql.ts';
import type { Locale } from '../../../platform/i18n/index.ts';
import { textIn, type TranslatableText } from '../../../platform/i18n/text.ts';
import { organizationsByIds, peopleByIds } from '../../directory/index.ts';
import {
  BODY_KINDS,
  BODY_ROLES,
  compactBodies,
  compactBodyMembers,
  compactBodyRepresentatives,
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
