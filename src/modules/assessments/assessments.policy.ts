import type { PolicyTable, UserActor } from '../../platform/auth/policy.ts';
import { cleared } from '../../platform/auth/classification.ts';
import type { ReportClassification } from './assessments.schema.ts';

/** `consented`: a live grant of the assessed State covers the reader (computed in SQL in the same request). */
export interface VisitResource {
  stateOrgId: string;
  consented?: boolean;
}
export interface ReportResource extends VisitResource {
  classification: ReportClassification;
}

const ownState = (a: UserActor, stateOrgId: string) =>
  a.role === 'member_state_focal_point' && a.focalOrgIds.includes(stateOrgId);

/** Visits are confidential: CTED analysts see all; a State's focal points see their own State's; anyone else only
 * under the State's consent, and only within their clearance. */
export const visitReadable = (a: UserActor, v: VisitResource) =>
  cleared(a, 'confidential') && (a.role === 'analyst' || ownState(a, v.stateOrgId) || v.consented === true);

/** Reports carry their own classification: a consent does not lift a reader above their clearance. */
export const reportReadable = (a: UserActor, r: ReportResource) =>
  cleared(a, r.classification) && (a.role === 'analyst' || ownState(a, r.stateOrgId) || r.consented === true);

/** Consent is the assessed State's decision, taken by its focal points — not by CTED. */
export const consentDecidable = (a: UserActor, v: VisitResource) =>
  cleared(a, 'confidential') && ownState(a, v.stateOrgId);

const CONFIDENTIAL_ROLES = [
  'platform_admin',
  'coordinator',
  'analyst',
  'entity_focal_point',
  'member_state_focal_point',
] as const;

export const assessmentsPolicy = {
  'assessment.visit.list': [{ roles: CONFIDENTIAL_ROLES }],
  'assessment.visit.read': [{ roles: CONFIDENTIAL_ROLES, when: visitReadable }],
  'assessment.report.read': [{ roles: CONFIDENTIAL_ROLES, when: reportReadable }],
  'assessment.report.create': [{ roles: ['analyst'], when: (a) => cleared(a, 'confidential') }],
  'assessment.consent.read': [
    {
      roles: ['analyst', 'member_state_focal_point'],
      when: (a, v: VisitResource) => cleared(a, 'confidential') && (a.role === 'analyst' || ownState(a, v.stateOrgId)),
    },
  ],
  'assessment.consent.decide': [{ roles: ['member_state_focal_point'], when: consentDecidable }],
  // Route level (no resource yet): who may reach the consent forms at all; the service checks the State.
  'assessment.consent.manage': [{ roles: ['member_state_focal_point'], when: (a) => cleared(a, 'confidential') }],
  'assessment.visit.create': [{ roles: ['analyst'], when: (a) => cleared(a, 'confidential') }],
  'assessment.visit.update': [{ roles: ['analyst'], when: (a) => cleared(a, 'confidential') }],
} satisfies PolicyTable;

declare module '../../platform/auth/policy.ts' {
  interface Actions extends Record<keyof typeof assessmentsPolicy, true> {}
}
