// The assessments module's part of the workspace (module contract: tasks). For a Member State's focal point:
//
// - Reports awaiting her consent decision. Consent is decided per visit (consent_grants, every decision in
//   consent_events: granted, narrowed, revoked); there is no separate "refused" record. So a report of a visit to
//   her State AWAITS A DECISION when it has at least one language version (it is available to the State) and no
//   consent event on its visit is dated at or after the report's creation: the State has not yet said anything about
//   the visit's material since this report came. A grant, a narrowing or a revocation (a refusal of what had been
//   granted) after the report counts as her decision and ends the task (and resolves the notification
//   `consent:report:<reportId>:…`, consent.service.ts).
// - Live grants (not revoked, expiry set and not passed) of her State's visits that expire within 30 days.
//
// Only focal points who may decide (`assessment.consent.manage`: confidential clearance with a verified second factor).
import { and, countDistinct, eq, gt, inArray, isNull, lte, min, sql } from 'drizzle-orm';
import { can } from '../../platform/auth/policy.ts';
import type { Tx } from '../../platform/db/client.ts';
import type { Task, TaskContext } from '../../platform/modules/module.ts';
import { sourcedHasFilesSql } from '../library/index.ts';
import { assessmentReports, assessmentVisits, consentGrants } from './assessments.schema.ts';

const DAY = 86_400_000;

/** SQL: the report (assessment_reports row in scope) awaits the State's decision (definition above). */
export const awaitingDecisionSql = sql`${sourcedHasFilesSql(assessmentReports.libraryDocumentId)}
  and not exists (select 1 from consent_events ce where ce.visit_id = ${assessmentReports.visitId}
    and ce.at >= ${assessmentReports.createdAt})`;

/** Reports of these States' visits awaiting a decision: id, visit. */
export async function reportsAwaitingDecision(db: Tx, stateOrgIds: string[]) {
  if (!stateOrgIds.length) return [];
  return db
    .select({ id: assessmentReports.id, visitId: assessmentReports.visitId })
    .from(assessmentReports)
    .innerJoin(assessmentVisits, eq(assessmentVisits.id, assessmentReports.visitId))
    .where(and(inArray(assessmentVisits.stateOrgId, stateOrgIds), awaitingDecisionSql))
    .orderBy(assessmentReports.createdAt);
}

export async function assessmentTasks({ db, actor }: TaskContext): Promise<Task[]> {
  if (actor.role !== 'member_state_focal_point' || !actor.focalOrgIds.length) return [];
  if (!can(actor, 'assessment.consent.manage')) return [];
  const tasks: Task[] = [];
  const waiting = await reportsAwaitingDecision(db, actor.focalOrgIds);
  if (waiting.length) {
    const visits = [...new Set(waiting.map((r) => r.visitId))];
    tasks.push({
      kind: 'consent.decide',
      titleKey: 'home.task.consentDecide',
      count: waiting.length,
      url: visits.length === 1 ? `/assessments/visits/${visits[0]}#consent` : '/assessments/visits',
    });
  }
  const now = new Date();
  const [exp] = await db
    .select({
      n: countDistinct(consentGrants.id),
      due: min(consentGrants.expiresAt),
      visit: min(sql<string>`${consentGrants.visitId}::text`),
    })
    .from(consentGrants)
    .innerJoin(assessmentVisits, eq(assessmentVisits.id, consentGrants.visitId))
    .where(
      and(
        inArray(assessmentVisits.stateOrgId, actor.focalOrgIds),
        isNull(consentGrants.revokedAt),
        gt(consentGrants.expiresAt, now),
        lte(consentGrants.expiresAt, new Date(now.getTime() + 30 * DAY)),
      ),
    );
  const n = Number(exp?.n ?? 0);
  if (n)
    tasks.push({
      kind: 'consent.expiring',
      titleKey: 'home.task.consentExpiring',
      count: n,
      url: n === 1 && exp.visit ? `/assessments/visits/${exp.visit}#consent` : '/assessments/visits',
      due: exp.due ? new Date(exp.due) : null,
    });
  return tasks;
}
