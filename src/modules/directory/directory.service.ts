// The directory: organizations, people and memberships.
import { and, asc, eq, inArray, ne, or, sql, type Placeholder, type SQL } from 'drizzle-orm';
import type { Db, Tx } from '../../platform/db/client.ts';
import { authorize, isUser, type Actor, type UserActor } from '../../platform/auth/policy.ts';
import { invalid, notFound } from '../../platform/http/errors.ts';
import { recordAudit } from '../../platform/audit/audit.service.ts';
import { nameIn, type Locale } from '../../platform/i18n/index.ts';
import type { TranslatableText } from '../../platform/i18n/text.ts';
import { escapeLike, isUuid, matchesAnyText, searchTerm } from '../../platform/db/sql.ts';
import { asIs, placeholder, preparedOnce, type Value } from '../../platform/db/prepared.ts';
import { reindexSearch } from '../search/index.ts';
import {
  memberships,
  organizations,
  people,
  ORG_TYPES,
  REGIONAL_GROUPS,
  type LocalizedText,
  type OrgType,
  type RegionalGroup,
} from './directory.schema.ts';

export interface DirectoryContext {
  db: Db;
  actor: Actor;
  ip?: string | null;
}

export type Organization = typeof organizations.$inferSelect;

/**
 * List filter: the organizations this actor may see (hidden CSOs only for admins, coordinators and their members).
 * It reads the actor's kind, role and organizations only: the prepared list query is keyed by them (preparedPage).
 */
/**
 * What `visibleTo` reads of a reader, as a key: readers with the same key see the same organizations (kept answers of
 * the list are shared between them, never beyond). Keep the two together.
 */
export function visibilityKey(actor: Actor): string {
  if (!isUser(actor)) return 'anonymous';
  if (actor.role === 'platform_admin' || actor.role === 'coordinator') return 'all';
  return `own:${[...actor.orgIds].sort().join(',')}`;
}

export function visibleTo(actor: Actor, ownIds: (string | Placeholder)[] = isUser(actor) ? actor.orgIds : []): SQL {
  if (!isUser(actor)) return sql`false`;
  if (actor.role === 'platform_admin' || actor.role === 'coordinator') return sql`true`;
  const own = ownIds.length ? inArray(organizations.id, ownIds) : sql`false`;
  return or(sql`${organizations.type} <> 'cso'`, eq(organizations.publicListing, true), own)!;
}

export interface OrgFilters {
  q?: string;
  type?: OrgType;
  group?: RegionalGroup;
  compactMember?: boolean;
  grassroots?: boolean;
  womenLed?: boolean;
  youthLed?: boolean;
  page: number;
  pageSize: number;
  locale: Locale;
}

export async function listOrganizations(
  ctx: DirectoryContext,
  f: OrgFilters,
): Promise<{ rows: Organization[]; total: number }> {
  authorize(ctx.actor, 'directory.list');
  const q = searchTerm(f.q);
  // One query for the page and the total (window count); a second only when the page is past the end.
  const rows = q
    ? await pageQuery(ctx.db, ctx.actor, f, q, (n) => n)
    : await preparedPage(ctx.db, ctx.actor, f).execute(pageValues(ctx.actor, f));
  const total = rows.length
    ? rows[0].total
    : f.page === 1
      ? 0
      : (
          await ctx.db
            .select({ n: sql<number>`count(*)::int` })
            .from(organizations)
            .where(listWhere(ctx.actor, f, q))
        )[0].n;
  return { rows: rows.map((r) => r.org), total };
}

/**
 * The list's conditions. `value` turns each value into what the query carries: the value itself, or a placeholder
 * of the same name for a prepared query (pageValues gives the values of those names).
 */
function listWhere(actor: Actor, f: OrgFilters, q: string | null, value: Value = asIs): SQL | undefined {
  const ownIds = isUser(actor) ? actor.orgIds.map((id, i) => value(id, `own${i}`)) : [];
  const where: SQL[] = [visibleTo(actor, ownIds)];
  if (q) {
    // The values of names and descriptions (never their JSON keys), the acronym, or the exact ISO code;
    // without case or accents.
    where.push(
      sql`(${matchesAnyText(q, [
        [organizations.names, 'json'],
        [organizations.description, 'json'],
        [organizations.acronym, 'text'],
      ])} or lower(coalesce(${organizations.iso3}, '')) = ${q.toLowerCase()})`,
    );
  }
  if (f.type) where.push(eq(organizations.type, value(f.type, 'type')));
  if (f.group) where.push(eq(organizations.regionalGroup, value(f.group, 'group')));
  if (f.compactMember) where.push(eq(organizations.compactMember, true));
  if (f.grassroots) where.push(eq(organizations.grassroots, true));
  if (f.womenLed) where.push(eq(organizations.womenLed, true));
  if (f.youthLed) where.push(eq(organizations.youthLed, true));
  return and(...where);
}

/** The page (with the total of every row as `total`), ordered by name in the reader's language. */
function pageQuery(db: Db | Tx, actor: Actor, f: OrgFilters, q: string | null, value: Value) {
  const sortKey = sql`coalesce(${organizations.names}->>${value(f.locale, 'locale')}, ${organizations.names}->>'en')`;
  return db
    .select({ org: organizations, total: sql<number>`count(*) over()`.mapWith(Number) })
    .from(organizations)
    .where(listWhere(actor, f, q, value))
    .orderBy(asc(sortKey), asc(organizations.id))
    .limit(value(f.pageSize, 'limit'))
    .offset(value((f.page - 1) * f.pageSize, 'offset'));
}

type PreparedPage = ReturnType<ReturnType<typeof pageQuery>['prepare']>;

/**
 * The page query of a list without a search term, built once per database and shape (which filters are set, whose
 * rows the reader sees) and prepared under a name: the values are its parameters, so neither the SQL is built again
 * nor, on PostgreSQL, parsed again on a connection that ran it once. A search builds its query each time.
 */
function preparedPage(db: Db | Tx, actor: Actor, f: OrgFilters): PreparedPage {
  // What visibleTo reads of the reader (their role, how many organizations they belong to) is part of the shape,
  // so a statement built for one reader never serves another whose rows differ.
  const reader = isUser(actor) ? `${actor.role}_${actor.orgIds.length}` : 'anonymous';
  const flags = [f.type, f.group, f.compactMember, f.grassroots, f.womenLed, f.youthLed].map((v) => (v ? 1 : 0));
  return preparedOnce(db, `organizations_${reader}_${flags.join('')}`, (name) =>
    pageQuery(db, actor, f, null, placeholder).prepare(name),
  );
}

/** The values of preparedPage's placeholders. */
function pageValues(actor: Actor, f: OrgFilters): Record<string, unknown> {
  const values: Record<string, unknown> = {
    locale: f.locale,
    limit: f.pageSize,
    offset: (f.page - 1) * f.pageSize,
    type: f.type,
    group: f.group,
  };
  if (isUser(actor)) for (const [i, id] of actor.orgIds.entries()) values[`own${i}`] = id;
  return values;
}

/** Every organization of the list's filters, page after page (the export: the list's rules, no row cut). */
export async function* exportOrganizations(
  ctx: DirectoryContext,
  f: Omit<OrgFilters, 'page' | 'pageSize'>,
): AsyncGenerator<Organization> {
  const pageSize = 1000;
  for (let page = 1; ; page++) {
    const { rows } = await listOrganizations(ctx, { ...f, page, pageSize });
    yield* rows;
    if (rows.length < pageSize) return;
  }
}

export async function findOrganization(db: Tx, id: string): Promise<Organization | null> {
  if (!isUuid(id)) return null;
  return (await db.select().from(organizations).where(eq(organizations.id, id)).limit(1))[0] ?? null;
}

export { isUuid };

/** One organization by id or slug; 404 whether it does not exist or the actor may not see it. */
export async function getOrganization(ctx: DirectoryContext, idOrSlug: string): Promise<Organization> {
  const o = (
    await ctx.db
      .select()
      .from(organizations)
      .where(isUuid(idOrSlug) ? eq(organizations.id, idOrSlug) : eq(organizations.slug, idOrSlug))
      .limit(1)
  )[0];
  if (!o) throw notFound();
  authorize(ctx.actor, 'organization.read', o, { hide: true });
  return o;
}

export async function listMembers(ctx: DirectoryContext, org: Organization) {
  authorize(ctx.actor, 'organization.read', org, { hide: true });
  return ctx.db
    .select({
      personId: people.id,
      fullName: people.fullName,
      jobTitle: people.jobTitle,
      title: memberships.title,
      focalPoint: memberships.focalPoint,
    })
    .from(memberships)
    .innerJoin(people, eq(people.id, memberships.personId))
    .where(eq(memberships.organizationId, org.id))
    .orderBy(asc(people.fullName))
    .limit(500);
}

/** An organization's id from its slug (seeds and tests), or null. */
export async function organizationIdBySlug(db: Tx, slug: string): Promise<string | null> {
  return (
    (await db.select({ id: organizations.id }).from(organizations).where(eq(organizations.slug, slug)).limit(1))[0]
      ?.id ?? null
  );
}

/**
 * SQL text (for a plain parameterised query) of the memberships of the person whose id is the SQL expression
 * `personId`, as a JSON array of `{ o: organization id, f: focal point }` — for the one query that resolves a
 * credential on every request (access module).
 */
export const membershipTiesSql = (personId: string) =>
  `coalesce((select json_agg(json_build_object('o', m.organization_id, 'f', m.focal_point))
    from memberships m where m.person_id = ${personId}), '[]'::json)`;

export async function membershipsOf(db: Tx, personId: string) {
  return db
    .select({
      organizationId: memberships.organizationId,
      focalPoint: memberships.focalPoint,
      title: memberships.title,
    })
    .from(memberships)
    .where(eq(memberships.personId, personId));
}

export async function getPerson(ctx: DirectoryContext, id: string) {
  if (!isUuid(id)) throw notFound();
  const p = (await ctx.db.select().from(people).where(eq(people.id, id)).limit(1))[0];
  if (!p) throw notFound();
  const orgs = await ctx.db
    .select({
      id: organizations.id,
      type: organizations.type,
      publicListing: organizations.publicListing,
      names: organizations.names,
      slug: organizations.slug,
      title: memberships.title,
      focalPoint: memberships.focalPoint,
    })
    .from(memberships)
    .innerJoin(organizations, eq(organizations.id, memberships.organizationId))
    .where(eq(memberships.personId, id));
  const self = isUser(ctx.actor) && ctx.actor.personId === id;
  if (!self) authorize(ctx.actor, 'person.read', { orgs }, { hide: true });
  const visibleOrgs = isUser(ctx.actor)
    ? orgs.filter(
        (o) =>
          self ||
          o.type !== 'cso' ||
          o.publicListing ||
          ['platform_admin', 'coordinator'].includes((ctx.actor as UserActor).role) ||
          (ctx.actor as UserActor).orgIds.includes(o.id),
      )
    : [];
  return { person: p, orgs: visibleOrgs };
}

export async function ensurePerson(
  tx: Tx,
  input: { fullName: string; email?: string | null; isDemo?: boolean },
): Promise<string> {
  const [p] = await tx
    .insert(people)
    .values({ fullName: input.fullName, email: input.email ?? null, isDemo: input.isDemo ?? false })
    .returning({ id: people.id });
  return p.id;
}

export async function addMembership(
  tx: Tx,
  input: { personId: string; organizationId: string; focalPoint: boolean; title?: string | null },
): Promise<void> {
  await tx
    .insert(memberships)
    .values({
      personId: input.personId,
      organizationId: input.organizationId,
      focalPoint: input.focalPoint,
      title: input.title ?? null,
    })
    .onConflictDoUpdate({
      target: [memberships.personId, memberships.organizationId],
      set: { focalPoint: input.focalPoint },
    });
}

export interface OrgInput {
  type: OrgType;
  names: LocalizedText;
  acronym?: string | null;
  iso2?: string | null;
  iso3?: string | null;
  regionalGroup?: RegionalGroup | null;
  compactMember?: boolean;
  grassroots?: boolean;
  womenLed?: boolean;
  youthLed?: boolean;
  countriesOfOperation?: string[];
  publicListing?: boolean;
  website?: string | null;
  description?: TranslatableText | null;
}

function checkOrgInput(input: OrgInput) {
  const fields = [];
  if (!ORG_TYPES.includes(input.type)) fields.push({ field: 'type', messageKey: 'validation.choice' });
  if (!input.names.en?.trim()) fields.push({ field: 'name_en', messageKey: 'validation.required' });
  // names and acronyms are shown in the public directory as written
  fields.push(
    ...nameErrors({
      ...Object.fromEntries(Object.entries(input.names).map(([l, n]) => [`name_${l}`, n])),
      acronym: input.acronym,
    }),
  );
  if (input.regionalGroup && !REGIONAL_GROUPS.includes(input.regionalGroup))
    fields.push({ field: 'regionalGroup', messageKey: 'validation.choice' });
  if (input.website && !/^https?:\/\/[^\s]+$/.test(input.website))
    fields.push({ field: 'website', messageKey: 'validation.url' });
  for (const c of input.countriesOfOperation ?? [])
    if (!/^[A-Z]{3}$/.test(c)) {
      fields.push({ field: 'countriesOfOperation', messageKey: 'validation.format' });
      break;
    }
  if (fields.length) throw invalid(fields);
}

const slugify = (s: string) =>
  s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60) || 'org';

export async function createOrganization(ctx: DirectoryContext, input: OrgInput): Promise<Organization> {
  authorize(ctx.actor, 'organization.create');
  checkOrgInput(input);
  return ctx.db.transaction(async (tx) => {
    const base = slugify(input.acronym || input.names.en);
    const taken = await tx
      .select({ slug: organizations.slug })
      .from(organizations)
      .where(sql`${organizations.slug} like ${`${escapeLike(base)}%`}`);
    const set = new Set(taken.map((t) => t.slug));
    let slug = base;
    for (let i = 2; set.has(slug); i++) slug = `${base}-${i}`;
    const [o] = await tx
      .insert(organizations)
      .values({ ...cleanOrg(input), slug })
      .returning();
    await recordAudit(tx, {
      action: 'organization.created',
      actor: ctx.actor,
      targetType: 'organization',
      targetId: o.id,
      ip: ctx.ip,
      details: { type: o.type, name: o.names.en },
    });
    await reindexSearch(tx, 'organization', [o.id]);
    return o;
  });
}

function cleanOrg(input: OrgInput) {
  const names = Object.fromEntries(
    Object.entries(input.names)
      .filter(([, v]) => typeof v === 'string' && v.trim())
      .map(([k, v]) => [k, (v as string).trim()]),
  ) as LocalizedText;
  return {
    ...input,
    names,
    acronym: input.acronym?.trim() || null,
    website: input.website?.trim() || null,
    description: input.description && Object.keys(input.description).length ? input.description : null,
  };
}

export async function updateOrganization(ctx: DirectoryContext, id: string, input: OrgInput): Promise<Organization> {
  authorize(ctx.actor, 'organization.update');
  checkOrgInput(input);
  return ctx.db.transaction(async (tx) => {
    const before = await findOrganization(tx, id);
    if (!before) throw notFound();
    const [o] = await tx
      .update(organizations)
      .set({ ...cleanOrg(input), updatedAt: new Date() })
      .where(eq(organizations.id, id))
      .returning();
    const changed = Object.keys(input).filter(
      (k) =>
        JSON.stringify((before as Record<string, unknown>)[k]) !== JSON.stringify((o as Record<string, unknown>)[k]),
    );
    await recordAudit(tx, {
      action: 'organization.updated',
      actor: ctx.actor,
      targetType: 'organization',
      targetId: id,
      ip: ctx.ip,
      details: { changed },
    });
    await reindexSearch(tx, 'organization', [id]);
    return o;
  });
}

/** What an organization picker may narrow its list to. */
export interface ChoiceFilter {
  /** Only these organizations (an empty list: none; malformed ids are left out). */
  onlyIds?: readonly string[];
  /** Only organizations of these types. */
  types?: readonly OrgType[];
  /** Leave this one out (e.g. the State that grants a consent). */
  exceptId?: string;
}

/** At most this many organizations in one picker. */
const CHOICES_LIMIT = 2000;

/** Id, name in the reader's language, type and acronym of the organizations matching `where`, sorted by name. */
async function choices(db: Db | Tx, where: SQL | undefined, locale: Locale | string) {
  const rows = await db
    .select({
      id: organizations.id,
      names: organizations.names,
      type: organizations.type,
      acronym: organizations.acronym,
    })
    .from(organizations)
    .where(where)
    .orderBy(
      asc(sql`coalesce(${organizations.names}->>${locale}, ${organizations.names}->>'en')`),
      asc(organizations.id),
    )
    .limit(CHOICES_LIMIT);
  return rows
    .map((r) => ({ id: r.id, name: nameIn(r.names, locale), type: r.type, acronym: r.acronym }))
    .sort((a, b) => a.name.localeCompare(b.name, locale));
}

/**
 * The one query for organization pickers (invitations, event organizers, speakers, statements, side events, actions,
 * consent grantees, …): the organizations this actor may see — unlisted civil-society organizations only for admins,
 * coordinators and their own members (`visibleTo`) — by name in the reader's language, with type and acronym.
 */
export async function organizationChoices(ctx: DirectoryContext, locale: Locale | string, filter: ChoiceFilter = {}) {
  const where = [visibleTo(ctx.actor)];
  if (filter.onlyIds) {
    const ids = filter.onlyIds.filter(isUuid);
    where.push(ids.length ? inArray(organizations.id, ids) : sql`false`);
  }
  if (filter.types) where.push(filter.types.length ? inArray(organizations.type, [...filter.types]) : sql`false`);
  if (filter.exceptId && isUuid(filter.exceptId)) where.push(ne(organizations.id, filter.exceptId));
  return choices(ctx.db, and(...where), locale);
}

export interface PersonInput {
  fullName: string;
  jobTitle?: string | null;
  email?: string | null;
}

export async function updatePerson(ctx: DirectoryContext, id: string, input: PersonInput) {
  authorize(ctx.actor, 'person.update');
  if (!input.fullName.trim()) throw invalid([{ field: 'fullName', messageKey: 'validation.required' }]);
  assertCleanNames({ fullName: input.fullName, jobTitle: input.jobTitle });
  if (input.email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(input.email))
    throw invalid([{ field: 'email', messageKey: 'validation.email' }]);
  return ctx.db.transaction(async (tx) => {
    const r = await tx
      .update(people)
      .set({
        fullName: input.fullName.trim(),
        jobTitle: input.jobTitle?.trim() || null,
        email: input.email?.trim().toLowerCase() || null,
      })
      .where(eq(people.id, id))
      .returning({ id: people.id });
    if (!r.length) throw notFound();
    await recordAudit(tx, {
      action: 'person.updated',
      actor: ctx.actor,
      targetType: 'person',
      targetId: id,
      ip: ctx.ip,
    });
    await reindexSearch(tx, 'person', [id]);
  });
}

export async function setMembership(
  ctx: DirectoryContext,
  input: { personId: string; organizationId: string; focalPoint: boolean; title?: string | null },
) {
  authorize(ctx.actor, 'membership.manage');
  if (!isUuid(input.personId) || !isUuid(input.organizationId)) throw notFound();
  await ctx.db.transaction(async (tx) => {
    const p = await tx.select({ id: people.id }).from(people).where(eq(people.id, input.personId)).limit(1);
    if (!p.length) throw notFound();
    if (!(await findOrganization(tx, input.organizationId)))
      throw invalid([{ field: 'organizationId', messageKey: 'validation.choice' }]);
    const before = (
      await tx
        .select()
        .from(memberships)
        .where(and(eq(memberships.personId, input.personId), eq(memberships.organizationId, input.organizationId)))
        .limit(1)
    )[0];
    await tx
      .insert(memberships)
      .values({
        personId: input.personId,
        organizationId: input.organizationId,
        focalPoint: input.focalPoint,
        title: input.title?.trim() || null,
      })
      .onConflictDoUpdate({
        target: [memberships.personId, memberships.organizationId],
        set: { focalPoint: input.focalPoint, title: input.title?.trim() || null },
      });
    await recordAudit(tx, {
      action: before ? 'membership.changed' : 'membership.added',
      actor: ctx.actor,
      targetType: 'person',
      targetId: input.personId,
      ip: ctx.ip,
      details: {
        organizationId: input.organizationId,
        focalPoint: input.focalPoint,
        ...(before ? { focalPointBefore: before.focalPoint } : {}),
      },
    });
  });
}

export async function removeMembership(ctx: DirectoryContext, personId: string, organizationId: string) {
  authorize(ctx.actor, 'membership.manage');
  if (!isUuid(personId) || !isUuid(organizationId)) throw notFound();
  await ctx.db.transaction(async (tx) => {
    const r = await tx
      .delete(memberships)
      .where(and(eq(memberships.personId, personId), eq(memberships.organizationId, organizationId)))
      .returning({ id: memberships.id });
    if (!r.length) throw notFound();
    await recordAudit(tx, {
      action: 'membership.removed',
      actor: ctx.actor,
      targetType: 'person',
      targetId: personId,
      ip: ctx.ip,
      details: { organizationId },
    });
  });
}

// --- used by events ---
// (Imported here, not at the top, so that this block merges as a pure addition.)
import { QueryBuilder } from 'drizzle-orm/pg-core';

/**
 * A read-only projection of the organizations for another module's list query that must stay one statement: join it
 * on its `id` (`.leftJoin(org, eq(org.id, t.organizationId))`) and select, filter or sort on its columns. Postgres
 * flattens the derived table, so the plan is the plain join's. Give each use in one query its own alias.
 */
export const organizationsRef = (alias = 'org') =>
  new QueryBuilder()
    .select({
      id: organizations.id,
      slug: organizations.slug,
      names: organizations.names,
      acronym: organizations.acronym,
      type: organizations.type,
      regionalGroup: organizations.regionalGroup,
      womenLed: organizations.womenLed,
      youthLed: organizations.youthLed,
    })
    .from(organizations)
    .as(alias);

/**
 * The organizations among `ids` that this actor may see (`visibleTo`): what a form may name. An id the actor may not
 * see is left out like an unknown one, so a service refuses it as "not a choice" without telling it exists.
 */
export async function findVisibleOrganizations(db: Tx, actor: Actor, ids: string[]): Promise<Organization[]> {
  const valid = ids.filter(isUuid);
  if (!valid.length) return [];
  return db
    .select()
    .from(organizations)
    .where(and(inArray(organizations.id, valid), visibleTo(actor)));
}

export async function findVisibleOrganization(db: Tx, actor: Actor, id: string): Promise<Organization | null> {
  return (await findVisibleOrganizations(db, actor, [id]))[0] ?? null;
}

/** Several organizations by id (unknown ids are left out). */
export async function findOrganizations(db: Tx, ids: string[]): Promise<Organization[]> {
  if (!ids.length) return [];
  // Prepared, the ids one array parameter: a signed-in reader's organizations are read on every event page.
  const query = preparedOnce(db, 'organizations_by_ids', (name) =>
    db
      .select()
      .from(organizations)
      .where(sql`${organizations.id} = any(${sql.placeholder('ids')}::uuid[])`)
      .prepare(name),
  );
  return query.execute({ ids });
}

/**
 * The country of a person's organizations, for suggestions such as a time zone: a Member State's own; otherwise the
 * first country one of them works in. Null when none is known (a UN entity, a fictional State without a zone).
 */
export async function countryOfOrganizations(
  db: Tx,
  orgIds: string[],
  locale: string,
): Promise<{ iso2: string; name: string } | null> {
  const orgs = await findOrganizations(db, orgIds);
  const state = orgs.find((o) => o.type === 'member_state' && o.iso2);
  if (state) return { iso2: state.iso2!, name: nameIn(state.names, locale) };
  const iso3 = orgs.flatMap((o) => o.countriesOfOperation)[0];
  if (!iso3) return null;
  const [c] = await db
    .select({ iso2: organizations.iso2, names: organizations.names })
    .from(organizations)
    .where(and(eq(organizations.iso3, iso3), eq(organizations.type, 'member_state')))
    .limit(1);
  return c?.iso2 ? { iso2: c.iso2, name: nameIn(c.names, locale) } : null;
}

/**
 * The country a place's text names (a Member State's name in any of its languages, e.g. "Vienna, Austria"), for
 * suggestions such as an event's time zone; the longest name found wins. Null when it names none.
 */
export async function countryNamedIn(
  db: Tx,
  place: string,
  locale: string,
): Promise<{ iso2: string; name: string } | null> {
  const fold = (s: string) =>
    ` ${s
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[\s,.;:()/-]+/g, ' ')} `;
  const text = fold(place);
  const states = await db
    .select({ iso2: organizations.iso2, names: organizations.names })
    .from(organizations)
    .where(eq(organizations.type, 'member_state'));
  let best: { iso2: string; name: string; length: number } | null = null;
  for (const st of states) {
    if (!st.iso2) continue;
    for (const n of Object.values(st.names ?? {})) {
      const name = typeof n === 'string' ? fold(n).trim() : '';
      if (name.length < 4 || !text.includes(` ${name} `)) continue;
      if (!best || name.length > best.length)
        best = { iso2: st.iso2, name: nameIn(st.names, locale), length: name.length };
    }
  }
  return best ? { iso2: best.iso2, name: best.name } : null;
}

/** Organizations by slug (id, slug, type); unknown slugs are left out. */
export async function findOrganizationsBySlug(db: Tx, slugs: string[]) {
  if (!slugs.length) return [];
  return db
    .select({ id: organizations.id, slug: organizations.slug, type: organizations.type })
    .from(organizations)
    .where(inArray(organizations.slug, slugs));
}

/** Inserts the organizations whose slug is not taken yet (reference data of other modules' seeds). */
export async function insertMissingOrganizations(db: Tx, rows: (typeof organizations.$inferInsert)[]) {
  if (!rows.length) return;
  await db.insert(organizations).values(rows).onConflictDoNothing({ target: organizations.slug });
}

// --- used by portfolio, assessments and compact ---
// Other modules never query the directory's tables: they call these functions, or embed these SQL fragments where a
// list must stay one statement (a correlated subquery on the organization's primary key).
import { Column, getTableName, is, isNull as isNullSql, type SQLWrapper } from 'drizzle-orm';
import { users, type Role } from '../../platform/auth/auth.schema.ts';
import { assertCleanNames, nameErrors } from '../../platform/integrity/index.ts';

/** A column fully qualified ("table"."column"), so that a subquery on organizations cannot capture its name. */
const outer = (c: SQLWrapper): SQLWrapper =>
  is(c, Column) ? sql`${sql.identifier(getTableName(c.table))}.${sql.identifier(c.name)}` : c;

/** SQL: the names of the organization whose id is in `orgIdColumn`. */
export const orgNamesSql = (orgIdColumn: SQLWrapper) =>
  sql<LocalizedText>`(select o.names from organizations o where o.id = ${outer(orgIdColumn)})`;
/** SQL: its acronym (null when none). */
export const orgAcronymSql = (orgIdColumn: SQLWrapper) =>
  sql<string | null>`(select o.acronym from organizations o where o.id = ${outer(orgIdColumn)})`;
/** SQL: its ISO 3166 alpha-3 code (States). */
export const orgIso3Sql = (orgIdColumn: SQLWrapper) =>
  sql<string | null>`(select o.iso3 from organizations o where o.id = ${outer(orgIdColumn)})`;
/** SQL: its UN regional group, as text (States). */
export const orgRegionSql = (orgIdColumn: SQLWrapper) =>
  sql<string | null>`(select o.regional_group::text from organizations o where o.id = ${outer(orgIdColumn)})`;

/** SQL: true when one of these organizations is a member of the Compact. */
export function compactMemberAmongSql(orgIds: string[]): SQL {
  if (!orgIds.length) return sql`false`;
  return sql`exists (select 1 from organizations o where o.compact_member and o.id in (${sql.join(
    orgIds.map((id) => sql`${id}::uuid`),
    sql`, `,
  )}))`;
}

export interface OrgSummary {
  id: string;
  slug: string;
  type: OrgType;
  names: LocalizedText;
  acronym: string | null;
  iso3: string | null;
  regionalGroup: RegionalGroup | null;
  compactMember: boolean;
  isDemo: boolean;
}
const summaryColumns = {
  id: organizations.id,
  slug: organizations.slug,
  type: organizations.type,
  names: organizations.names,
  acronym: organizations.acronym,
  iso3: organizations.iso3,
  regionalGroup: organizations.regionalGroup,
  compactMember: organizations.compactMember,
  isDemo: organizations.isDemo,
};

/** Organizations by id (unknown or malformed ids are left out). */
export async function organizationsByIds(db: Db | Tx, ids: string[]): Promise<OrgSummary[]> {
  const ok = [...new Set(ids.filter(isUuid))];
  if (!ok.length) return [];
  return db.select(summaryColumns).from(organizations).where(inArray(organizations.id, ok));
}

/** Types of the given organizations, by id (for checks: "is this a Member State?"). */
export async function organizationTypes(db: Db | Tx, ids: string[]): Promise<Map<string, OrgType>> {
  return new Map((await organizationsByIds(db, ids)).map((o) => [o.id, o.type]));
}

/** Organizations by slug (seeds). */
export async function organizationsBySlugs(db: Db | Tx, slugs: string[]): Promise<OrgSummary[]> {
  if (!slugs.length) return [];
  return db.select(summaryColumns).from(organizations).where(inArray(organizations.slug, slugs));
}

/** Organizations whose ISO3 code, acronym or slug is one of `codes` (case-insensitive; imports). */
export async function organizationsByCodes(db: Db | Tx, codes: string[]): Promise<OrgSummary[]> {
  const up = [...new Set(codes.map((c) => c.toUpperCase()))];
  if (!up.length) return [];
  const list = sql.join(
    up.map((c) => sql`${c}`),
    sql`, `,
  );
  return db
    .select(summaryColumns)
    .from(organizations)
    .where(
      sql`upper(${organizations.iso3}) in (${list}) or upper(${organizations.acronym}) in (${list})
        or upper(${organizations.slug}) in (${list})`,
    );
}

/** Ids of the Compact's member organizations. */
export async function compactMemberOrgIds(db: Db | Tx): Promise<string[]> {
  return (
    await db.select({ id: organizations.id }).from(organizations).where(eq(organizations.compactMember, true))
  ).map((r) => r.id);
}

/** Member States (and fictional demo States), by name in the given language (forms and filters; all are listed). */
export async function memberStateChoices(db: Db | Tx, locale: string): Promise<{ id: string; name: string }[]> {
  return choices(db, eq(organizations.type, 'member_state'), locale);
}

/** Active accounts of the focal points of these organizations (notifications), once each. */
export async function focalPointAccounts(
  db: Db | Tx,
  orgIds: string[],
): Promise<{ id: string; email: string; name: string; locale: string | null; role: Role }[]> {
  if (!orgIds.length) return [];
  return db
    .selectDistinct({ id: users.id, email: users.email, name: users.name, locale: users.locale, role: users.role })
    .from(users)
    .innerJoin(memberships, eq(memberships.personId, users.personId))
    .where(
      and(inArray(memberships.organizationId, orgIds), eq(memberships.focalPoint, true), isNullSql(users.disabledAt)),
    );
}

export interface PersonSummary {
  id: string;
  fullName: string;
  email: string | null;
  jobTitle: string | null;
}
/** People by id (unknown or malformed ids are left out): for other modules that name their records' people. */
export async function peopleByIds(db: Db | Tx, ids: string[]): Promise<PersonSummary[]> {
  const ok = [...new Set(ids.filter(isUuid))];
  if (!ok.length) return [];
  return db
    .select({ id: people.id, fullName: people.fullName, email: people.email, jobTitle: people.jobTitle })
    .from(people)
    .where(inArray(people.id, ok));
}

/** True when the person belongs to the organization (a membership row). */
export async function isMemberOf(db: Db | Tx, personId: string, organizationId: string): Promise<boolean> {
  if (!isUuid(personId) || !isUuid(organizationId)) return false;
  return (
    (
      await db
        .select({ id: memberships.id })
        .from(memberships)
        .where(and(eq(memberships.personId, personId), eq(memberships.organizationId, organizationId)))
        .limit(1)
    ).length > 0
  );
}

/** An account to notify: its user id and language. */
export interface Recipient {
  userId: string;
  locale: string | null;
}

/** The active accounts of these people (notifications), once each. */
export async function accountsOfPeople(db: Db | Tx, personIds: string[]): Promise<Recipient[]> {
  const ok = [...new Set(personIds.filter(isUuid))];
  if (!ok.length) return [];
  return db
    .select({ userId: users.id, locale: users.locale })
    .from(users)
    .where(and(inArray(users.personId, ok), isNullSql(users.disabledAt)));
}

/** The active accounts of the focal points of these organizations (their public function), once each. */
export async function focalPointRecipients(db: Db | Tx, orgIds: string[]): Promise<Recipient[]> {
  const ok = [...new Set(orgIds.filter(isUuid))];
  if (!ok.length) return [];
  return db
    .selectDistinct({ userId: users.id, locale: users.locale })
    .from(users)
    .innerJoin(memberships, eq(memberships.personId, users.personId))
    .where(and(inArray(memberships.organizationId, ok), eq(memberships.focalPoint, true), isNullSql(users.disabledAt)));
}

/** The people who belong to these organizations (pickers of other modules: e.g. a body's representatives). */
export async function peopleOfOrganizations(
  db: Db | Tx,
  orgIds: string[],
): Promise<{ personId: string; organizationId: string; fullName: string; title: string | null }[]> {
  const ok = [...new Set(orgIds.filter(isUuid))];
  if (!ok.length) return [];
  return db
    .select({
      personId: people.id,
      organizationId: memberships.organizationId,
      fullName: people.fullName,
      title: memberships.title,
    })
    .from(memberships)
    .innerJoin(people, eq(people.id, memberships.personId))
    .where(inArray(memberships.organizationId, ok))
    .orderBy(asc(people.fullName));
}

// ---------------------------------------------------------------- people pickers of other modules

/**
 * SQL: the people the actor may see in the directory — the rule of `person.read` (directory.policy.ts) as one
 * condition on `people`: a membership of an organization the actor sees (visibleTo: hidden CSOs only for
 * administrators, coordinators and their own members), or, for administrators and coordinators, everyone (people
 * without a membership too); and the actor's own person.
 */
export function personVisibleSql(actor: Actor): SQL {
  if (!isUser(actor)) return sql`false`;
  if (actor.role === 'platform_admin' || actor.role === 'coordinator') return sql`true`;
  const viaOrg = sql`exists (select 1 from ${memberships} inner join ${organizations}
    on ${organizations.id} = ${memberships.organizationId}
    where ${memberships.personId} = ${people.id} and ${visibleTo(actor)})`;
  return actor.personId ? or(viaOrg, eq(people.id, actor.personId))! : viaOrg;
}

export interface PersonMatch {
  id: string;
  fullName: string;
  jobTitle: string | null;
  /** The organizations the actor sees the person in (acronym, else the name in the reader's language). */
  organizations: string[];
}

/**
 * People the actor may see whose name contains the term (without case or accents) or whose e-mail address is the
 * term: a picker's search (at least two characters; at most `limit`, by name).
 */
export async function searchPeople(
  db: Db | Tx,
  actor: Actor,
  q: string,
  opts: { limit?: number; locale?: Locale | string } = {},
): Promise<PersonMatch[]> {
  const term = searchTerm(q);
  if (term.length < 2 || !isUser(actor)) return [];
  const limit = Math.min(50, Math.max(1, opts.limit ?? 20));
  const rows = await db
    .select({ id: people.id, fullName: people.fullName, jobTitle: people.jobTitle })
    .from(people)
    .where(
      and(
        personVisibleSql(actor),
        or(matchesAnyText(term, [[people.fullName, 'text']]), sql`lower(${people.email}) = lower(${term})`),
      ),
    )
    .orderBy(asc(people.fullName), asc(people.id))
    .limit(limit);
  const orgs = rows.length
    ? await db
        .select({
          personId: memberships.personId,
          acronym: organizations.acronym,
          names: organizations.names,
        })
        .from(memberships)
        .innerJoin(organizations, eq(organizations.id, memberships.organizationId))
        .where(
          and(
            inArray(
              memberships.personId,
              rows.map((r) => r.id),
            ),
            visibleTo(actor),
          ),
        )
    : [];
  const locale = (opts.locale ?? 'en') as Locale;
  return rows.map((r) => ({
    ...r,
    organizations: orgs
      .filter((o) => o.personId === r.id)
      .map((o) => o.acronym ?? nameIn(o.names as LocalizedText, locale))
      .sort(),
  }));
}

/** The people among these ids the actor may see (unknown, malformed or hidden ids are left out). */
export async function visiblePeopleByIds(db: Db | Tx, actor: Actor, ids: string[]): Promise<PersonSummary[]> {
  const ok = [...new Set(ids.filter(isUuid))];
  if (!ok.length) return [];
  return db
    .select({ id: people.id, fullName: people.fullName, email: people.email, jobTitle: people.jobTitle })
    .from(people)
    .where(and(inArray(people.id, ok), personVisibleSql(actor)));
}
