// Events as link targets (platform/modules/link-targets.ts): the Compact register's actions serve events and an event's
// Chair's Summary follow-up actions live there. Labels and the pickers' search for the readers who may see the event;
// the follow-up rule is `event.manage`'s (managesEvent) as SQL: administrators, coordinators, the organizing
// entities' focal points.
import { and, desc, eq, inArray, or, sql, type SQLWrapper } from 'drizzle-orm';
import { isUser, type Actor } from '../../../platform/auth/policy.ts';
import type { LinkTarget } from '../../../platform/modules/link-targets.ts';
import { matchesText } from '../../../platform/db/sql.ts';
import { textIn } from '../../../platform/i18n/text.ts';
import { isUuid } from '../../directory/index.ts';
import { events } from '../events.schema.ts';
import { eventsVisibleTo } from './events.service.ts';

const uuidList = (ids: string[]) =>
  sql.join(
    ids.map((id) => sql`${id}::uuid`),
    sql`, `,
  );

/** SQL twin of managesEvent over a column holding an event id. */
export function eventManagedSql(actor: Actor, idColumn: SQLWrapper) {
  if (!isUser(actor)) return sql`false`;
  if (actor.role === 'platform_admin' || actor.role === 'coordinator') return sql`true`;
  const orgs = actor.focalOrgIds.filter(isUuid);
  if (actor.role !== 'entity_focal_point' || !orgs.length) return sql`false`;
  return sql`exists (select 1 from event_organizers eo where eo.event_id = ${idColumn}
    and eo.organization_id in (${uuidList(orgs)}))`;
}

export const eventLinkTarget: LinkTarget = {
  kind: 'event',
  async labels(db, ids, locale, actor) {
    const ok = ids.filter(isUuid);
    if (!ok.length) return new Map();
    const rows = await db
      .select({ id: events.id, slug: events.slug, title: events.title })
      .from(events)
      .where(and(inArray(events.id, ok), eventsVisibleTo(actor)));
    return new Map(rows.map((r) => [r.id, { label: textIn(r.title, locale), url: `/events/${r.slug}` }]));
  },
  async search({ db, actor, locale }, q, limit) {
    const rows = await db
      .select({ id: events.id, slug: events.slug, title: events.title })
      .from(events)
      .where(
        and(
          isUuid(q) ? eq(events.id, q) : or(matchesText(events.title, q), matchesText(events.slug, q, 'text')),
          eventsVisibleTo(actor),
        ),
      )
      .orderBy(desc(events.startsAt), desc(events.id))
      .limit(limit);
    return rows.map((r) => ({ id: r.id, label: textIn(r.title, locale), url: `/events/${r.slug}` }));
  },
  followUpVisibleSql: eventManagedSql,
  pillarSql: (idColumn, pillar) =>
    sql`exists (select 1 from events pe where pe.id = ${idColumn} and ${pillar} = any(pe.pillars))`,
};
