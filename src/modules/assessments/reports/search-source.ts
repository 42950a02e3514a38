// Assessment reports in the search box (platform/modules/search-sources.ts): by title, under the report's rule as SQL
// (reportReadable in assessments.policy.ts): the reader's clearance reaches the report's classification, and they are
// a CTED analyst, a focal point of the assessed State, or covered by the State's live consent for the report — the one
// consent condition (consentCovers), evaluated in the search's own statement.
import { inArray, sql } from 'drizzle-orm';
import { isUser } from '../../../platform/auth/policy.ts';
import { cleared } from '../../../platform/auth/classification.ts';
import type { SearchSource } from '../../../platform/modules/search-sources.ts';
import { assessmentReports } from '../assessments.schema.ts';
import { REPORT_CLASSIFICATIONS } from '../assessments.schema.ts';
import { consentCovers } from '../consent/consent.sql.ts';

const ROLES = ['platform_admin', 'coordinator', 'analyst', 'entity_focal_point', 'member_state_focal_point'];
const uuids = (ids: string[]) =>
  sql.join(
    ids.map((id) => sql`${id}::uuid`),
    sql`, `,
  );

export const reportSearchSource: SearchSource = {
  kind: 'report',
  async passages(db, ids) {
    const rows = await db
      .select({ id: assessmentReports.id, title: assessmentReports.title, createdAt: assessmentReports.createdAt })
      .from(assessmentReports)
      .where(ids ? inArray(assessmentReports.id, ids) : undefined);
    return rows.map((r) => ({
      subjectId: r.id,
      language: null,
      title: r.title,
      body: '',
      date: r.createdAt.toISOString().slice(0, 10),
      pillars: [],
      url: `/assessments/reports/${r.id}`,
    }));
  },
  visibleSql(actor, idColumn) {
    if (!isUser(actor) || !ROLES.includes(actor.role)) return sql`false`;
    const levels = REPORT_CLASSIFICATIONS.filter((c) => cleared(actor, c));
    if (!levels.length) return sql`false`;
    const ownState =
      actor.role === 'member_state_focal_point' && actor.focalOrgIds.length
        ? sql`v.state_org_id in (${uuids(actor.focalOrgIds)})`
        : sql`false`;
    const who =
      actor.role === 'analyst' ? sql`true` : sql`(${ownState} or ${consentCovers(actor, sql`v.id`, 'report')})`;
    return sql`${idColumn} in (select r.id from assessment_reports r inner join assessment_visits v on v.id = r.visit_id
      where r.classification in (${sql.join(
        levels.map((l) => sql`${l}`),
        sql`, `,
      )}) and ${who})`;
  },
};
