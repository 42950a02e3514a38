// The assessed State's consent, as SQL conditions evaluated on every request (no cache can outlive a revocation).
import { sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import { isUser, type Actor } from '../../../platform/auth/policy.ts';
import { compactMemberAmongSql } from '../../directory/index.ts';
import { groupsOfOrgsSql } from '../../compact/index.ts';

export type ConsentPart = 'report' | 'needs' | 'any';

const uuidList = (ids: string[]) =>
  sql.join(
    ids.map((id) => sql`${id}::uuid`),
    sql`, `,
  );

/** The visits (a subquery of their ids) whose live grants cover this actor for this part: not revoked, not expired,
 * the right scope, and addressed to one of the actor's organizations, to all Compact entities (when one of the
 * actor's organizations is a Compact member), or to a working group one of them belongs to. Null when none can. */
export function consentedVisits(actor: Actor, part: ConsentPart): SQL | null {
  if (!isUser(actor) || !actor.orgIds.length) return null;
  const orgs = uuidList(actor.orgIds);
  const scope = part === 'any' ? sql`true` : sql`g.scope in (${part}, 'both')`;
  return sql`select g.visit_id from consent_grants g where g.revoked_at is null
    and (g.expires_at is null or g.expires_at > now()) and ${scope}
    and ((g.grantee_kind = 'organization' and g.grantee_org_id in (${orgs}))
      or (g.grantee_kind = 'compact' and ${compactMemberAmongSql(actor.orgIds)})
      or (g.grantee_kind = 'working_group' and g.grantee_group_id in (${groupsOfOrgsSql(actor.orgIds)})))`;
}

/** True (in SQL) when a live grant for the visit covers this actor for this part (consentedVisits). Clearance is
 * checked apart. */
export function consentCovers(actor: Actor, visitId: SQLWrapper | string, part: ConsentPart): SQL {
  const visits = consentedVisits(actor, part);
  if (!visits) return sql`false`;
  // The visit is compared outside the subquery: drizzle writes the fields of a one-table select without their table
  // ("id", "visit_id"), and inside the subquery such a name
  // would mean a column of consent_grants (fail open or closed).
  return sql`coalesce(${visitId} in (${visits}), false)`;
}
