import type { PolicyTable, UserActor } from '../../platform/auth/policy.ts';
import { cleared } from '../../platform/auth/classification.ts';

export interface VisitResource { stateOrgId: string }

/** Visits are confidential: CTED analysts see all; a State's focal points see their own State's; nobody else.
 * Sharing beyond that goes through the assessed State's consent (next step of the assessments issue). */
export const visitReadable = (a: UserActor, v: VisitResource) =>
  cleared(a, 'confidential') && (a.role === 'analyst' || (a.role === 'member_state_focal_point' && a.focalOrgIds.includes(v.stateOrgId)));

export const assessmentsPolicy: PolicyTable = {
  'assessment.visit.list': [{ roles: ['analyst', 'member_state_focal_point'] }],
  'assessment.visit.read': [{ roles: ['analyst', 'member_state_focal_point'], when: visitReadable }],
  'assessment.visit.create': [{ roles: ['analyst'], when: (a) => cleared(a, 'confidential') }],
  'assessment.visit.update': [{ roles: ['analyst'], when: (a) => cleared(a, 'confidential') }],
};
