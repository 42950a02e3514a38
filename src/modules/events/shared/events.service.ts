// The event every sub-feature starts from: the services' context, which events an actor may see, one visible event,
// and whether the actor manages it (the `event.manage` rule looks at the event's organizers).
import { and, eq, exists, inArray, ne, or, sql, type Placeholder, type SQL, type SQLWrapper } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Config } from '../../../config.ts';
import type { Db, Tx } from '../../../platform/db/client.ts';
import { authorize, can, isUser, type Actor, type UserActor } from '../../../platform/auth/policy.ts';
import { notFound } from '../../../platform/http/errors.ts';
import { asIs, placeholder, preparedOnce, type Value } from '../../../platform/db/prepared.ts';
import { isUuid, organizationsRef, type LocalizedText, type OrgType } from '../../directory/index.ts';
import { userContactRef } from '../../access/index.ts';
import { hasPublicRevision } from '../../publishing/index.ts';
import { eventDelegations, eventOrganizers, eventRegistrations, events } from '../events.schema.ts';

export interface EventsContext {
  db: Db;
  actor: Actor;
  config: Config;
  ip?: string | null;
}
export type EventRow = typeof events.$inferSelect;

const organizerOf = (orgIds: (string | Placeholder)[]) =>
  exists(
    sql`(select 1 from ${eventOrganizers}
      where ${eventOrganizers.eventId} = ${events.id} and ${inArray(eventOrganizers.organizationId, orgIds)})`,
  );

/**
 * The events this actor may see. Drafts, and events whose public text was never published through the two-signature
 * workflow (publication/publication.service.ts): their managers only. Invited events: managers, registrants,
 * delegations' States.
 */
export function eventsVisibleTo(actor: Actor, value: Value = asIs): SQL {
  const notDraft = and(ne(events.status, 'draft'), hasPublicRevision('event', events.id))!;
  if (!isUser(actor)) return and(notDraft, eq(events.visibility, 'public'))!;
  if (actor.role === 'platform_admin' || actor.role === 'coordinator') return sql`true`;
  const focal = actor.focalOrgIds.map((id, i) => value(id, `focal${i}`));
  const organizer = actor.role === 'entity_focal_point' && focal.length ? organizerOf(focal) : sql`false`;
  const registered = exists(
    sql`(select 1 from ${eventRegistrations} where ${eventRegistrations.eventId} = ${events.id}
      and ${eventRegistrations.userId} = ${value(actor.userId, 'user')})`,
  );
  const delegation = focal.length
    ? exists(
        sql`(select 1 from ${eventDelegations} where ${eventDelegations.eventId} = ${events.id}
          and ${inArray(eventDelegations.stateOrgId, focal)})`,
      )
    : sql`false`;
  return or(and(notDraft, or(inArray(events.visibility, ['public', 'platform']), registered, delegation)), organizer)!;
}

/** An event's audience tags in the search index, what eventsAudienceSql tests: listed (not a draft, with a public
 * revision), its visibility, its organizers. Its owner re-indexes the event whenever one of them changes. */
export function eventAudience(e: { listed: boolean; visibility: string; organizerIds: string[] }): string[] {
  return [
    ...(e.listed ? ['listed'] : []),
    `visibility:${e.visibility}`,
    ...e.organizerIds.map((id) => `organizer:${id}`),
  ];
}

/** The facts eventAudience needs, as fields of a select from events. */
export const eventAudienceFields = {
  listed: sql<boolean>`(${events.status} <> 'draft' and ${hasPublicRevision('event', events.id)})`,
  visibility: events.visibility,
  organizerIds: sql<string[]>`array(select ${eventOrganizers.organizationId}::text from ${eventOrganizers}
    where ${eventOrganizers.eventId} = ${events.id})`,
};

/**
 * eventsVisibleTo over a passage's audience tags (eventAudience) and its event's id, for the search; registrations
 * and delegations are read live, as small sets.
 */
export function eventsAudienceSql(actor: Actor, p: { audience: SQLWrapper; subjectId: SQLWrapper }): SQL {
  if (!isUser(actor)) return sql`${p.audience} @> array['listed', 'visibility:public']::text[]`;
  if (actor.role === 'platform_admin' || actor.role === 'coordinator') return sql`true`;
  const organizer =
    actor.role === 'entity_focal_point' && actor.focalOrgIds.length
      ? sql`${p.audience} && array[${sql.join(
          actor.focalOrgIds.map((id) => sql`${`organizer:${id}`}`),
          sql`, `,
        )}]::text[]`
      : sql`false`;
  const registered = sql`${p.subjectId} in (select ${eventRegistrations.eventId} from ${eventRegistrations}
    where ${eventRegistrations.userId} = ${actor.userId})`;
  const delegation = actor.focalOrgIds.length
    ? sql`${p.subjectId} in (select ${eventDelegations.eventId} from ${eventDelegations}
        where ${inArray(eventDelegations.stateOrgId, actor.focalOrgIds)})`
    : sql`false`;
  return sql`((${p.audience} @> array['listed']::text[]
    and (${p.audience} && array['visibility:public', 'visibility:platform']::text[] or ${registered} or ${delegation}))
    or ${organizer})`;
}

/** What eventsVisibleTo reads of the reader, as part of a prepared statement's name: a statement built for one
 * reader never serves another whose events differ. */
const readerShape = (actor: Actor) =>
  !isUser(actor)
    ? 'anonymous'
    : actor.role === 'platform_admin' || actor.role === 'coordinator'
      ? 'all'
      : `${actor.role === 'entity_focal_point' ? 'focal' : 'user'}_${actor.focalOrgIds.length}`;

const visibleEventQuery = (db: Db, actor: Actor, byId: boolean, value: Value) =>
  db
    .select()
    .from(events)
    .where(and(eq(byId ? events.id : events.slug, value('', 'key')), eventsVisibleTo(actor, value)))
    .limit(1);
/**
 * One event by id or slug, if the actor may see it (404 otherwise: no existence leak). The most run query of the
 * events module (every event page and action starts with it), so it is built once per database and reader's shape
 * and prepared under a name, as the directory's page query is: building it (some fifty columns and the visibility
 * rule) cost more CPU than anything else in a registration.
 */
export async function findVisibleEvent(ctx: { db: Db; actor: Actor }, idOrSlug: string): Promise<EventRow> {
  const { db, actor } = ctx;
  const byId = isUuid(idOrSlug);
  const prepared = preparedOnce(db, `event_${byId ? 'id' : 'slug'}_${readerShape(actor)}`, (name) =>
    visibleEventQuery(db, actor, byId, placeholder).prepare(name),
  );
  const values: Record<string, unknown> = { key: idOrSlug };
  if (isUser(actor)) {
    values.user = actor.userId;
    for (const [i, id] of actor.focalOrgIds.entries()) values[`focal${i}`] = id;
  }
  const e = (await prepared.execute(values))[0];
  if (!e) throw notFound();
  return e;
}

/** A reader's organization as an event page needs it (may they register, as whom). */
export type ReaderOrganization = { id: string; type: OrgType; names: LocalizedText };
/** What a signed-in reader's event page reads of the reader: their registration and their organizations. */
export interface ReaderRows {
  mine: typeof eventRegistrations.$inferSelect | null;
  orgs: ReaderOrganization[];
}

/** The reader's organizations, as a page or a registration needs them: a column of the event's statement. */
const readerOrgsSql = (actor: UserActor, value: Value) => {
  const org = organizationsRef('reader_org');
  return sql<ReaderOrganization[]>`coalesce((select
    json_agg(json_build_object('id', ${org.id}, 'type', ${org.type}, 'names', ${org.names}))
    from ${org} where ${org.id} = any(${value(actor.orgIds, 'orgs')}::uuid[])), '[]'::json)`;
};

const readerEventQuery = (db: Db, actor: UserActor, byId: boolean, value: Value) => {
  return db
    .select({
      id: events.id,
      mine: eventRegistrations,
      orgs: readerOrgsSql(actor, value),
    })
    .from(events)
    .leftJoin(
      eventRegistrations,
      and(eq(eventRegistrations.eventId, events.id), eq(eventRegistrations.userId, value(actor.userId, 'user'))),
    )
    .where(and(eq(byId ? events.id : events.slug, value('', 'key')), eventsVisibleTo(actor, value)))
    .limit(1);
};

/**
 * findVisibleEvent for a signed-in reader's page, with what the page reads of the reader, in one prepared statement:
 * the event's id if they may see it (404 otherwise), their registration, their organizations. Each statement sent
 * costs the server more than its answer (the write to PostgreSQL's socket), and this page is the most read.
 */
export async function findEventForReader(
  ctx: { db: Db; actor: UserActor },
  idOrSlug: string,
): Promise<{ id: string } & ReaderRows> {
  const { db, actor } = ctx;
  const byId = isUuid(idOrSlug);
  const prepared = preparedOnce(db, `reader_event_${byId ? 'id' : 'slug'}_${readerShape(actor)}`, (name) =>
    readerEventQuery(db, actor, byId, placeholder).prepare(name),
  );
  const values: Record<string, unknown> = { key: idOrSlug, user: actor.userId, orgs: actor.orgIds };
  for (const [i, id] of actor.focalOrgIds.entries()) values[`focal${i}`] = id;
  const row = (await prepared.execute(values))[0];
  if (!row) throw notFound();
  return row;
}

/** What registering reads of the registrant besides the event, in the same statement (findEventForRegistrant). */
export interface RegistrantRows {
  /** Their registration for this event (by account, else by address), if any. */
  mine: typeof eventRegistrations.$inferSelect | null;
  /** The registration this Idempotency-Key already made (any event), if any. */
  prior: typeof eventRegistrations.$inferSelect | null;
  contact: { email: string; name: string; locale: string; timeZone: string; timeZoneConfirmed: boolean };
  orgs: ReaderOrganization[];
}

const registrantEventQuery = (db: Db, actor: UserActor, byId: boolean, value: Value) => {
  const contact = userContactRef('registrant');
  const prior = alias(eventRegistrations, 'prior_registration');
  const user = value(actor.userId, 'user');
  return db
    .select({
      event: events,
      mine: eventRegistrations,
      prior,
      contact: {
        email: contact.email,
        name: contact.name,
        locale: contact.locale,
        timeZone: contact.timeZone,
        timeZoneConfirmed: contact.timeZoneConfirmed,
      },
      orgs: readerOrgsSql(actor, value),
    })
    .from(events)
    .innerJoin(contact, eq(contact.id, user))
    .leftJoin(
      eventRegistrations,
      and(
        eq(eventRegistrations.eventId, events.id),
        or(eq(eventRegistrations.userId, user), eq(eventRegistrations.email, value('', 'email'))),
      ),
    )
    .leftJoin(prior, and(eq(prior.submittedBy, user), eq(prior.idempotencyKey, value('', 'idem'))))
    .where(and(eq(byId ? events.id : events.slug, value('', 'key')), eventsVisibleTo(actor, value)))
    .orderBy(sql`${eventRegistrations.userId} = ${user} desc nulls last`)
    .limit(1);
};

/**
 * findVisibleEvent for a registration, with what registering reads of the registrant — their registration for the
 * event, the one their Idempotency-Key made, their name, address and preferences, their organizations — in one
 * prepared statement (registrations arrive in bursts: each statement sent, and each one built, costs the server more
 * CPU than the database spends on it). 404 if the event is not visible to them.
 */
export async function findEventForRegistrant(
  ctx: { db: Db; actor: UserActor },
  idOrSlug: string,
  idempotencyKey: string | undefined,
): Promise<{ event: EventRow } & RegistrantRows> {
  const { db, actor } = ctx;
  const byId = isUuid(idOrSlug);
  const prepared = preparedOnce(db, `registrant_event_${byId ? 'id' : 'slug'}_${readerShape(actor)}`, (name) =>
    registrantEventQuery(db, actor, byId, placeholder).prepare(name),
  );
  const values: Record<string, unknown> = {
    key: idOrSlug,
    user: actor.userId,
    orgs: actor.orgIds,
    email: actor.email.toLowerCase(),
    // A key is at least 8 characters: '' finds nothing.
    idem: idempotencyKey ?? '',
  };
  for (const [i, id] of actor.focalOrgIds.entries()) values[`focal${i}`] = id;
  const row = (await prepared.execute(values))[0];
  if (!row) throw notFound();
  return row;
}

/** The organizations organizing (or co-organizing) an event: what the `event.manage` rule looks at. */
export async function organizerOrgIdsOf(db: Tx, eventId: string): Promise<string[]> {
  return (
    await db
      .select({ id: eventOrganizers.organizationId })
      .from(eventOrganizers)
      .where(eq(eventOrganizers.eventId, eventId))
  ).map((r) => r.id);
}

/** 403 unless the actor manages the event. */
export async function authorizeManage(ctx: { db: Db; actor: Actor }, eventId: string) {
  authorize(ctx.actor, 'event.manage', { organizerOrgIds: await organizerOrgIdsOf(ctx.db, eventId) });
}

/** Does the actor manage the event? (Never for a signed-out reader.) */
export async function canManageEvent(db: Db, actor: Actor, eventId: string): Promise<boolean> {
  if (!isUser(actor)) return false;
  return can(actor, 'event.manage', { organizerOrgIds: await organizerOrgIdsOf(db, eventId) });
}

/** An event the actor manages (404 if not visible, 403 if not theirs). */
export async function managedEvent(ctx: EventsContext, idOrSlug: string): Promise<EventRow> {
  const e = await findVisibleEvent(ctx, idOrSlug);
  await authorizeManage(ctx, e.id);
  return e;
}
