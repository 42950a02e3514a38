import type { PolicyTable } from '../../platform/auth/policy.ts';
import { canManageBody, canSeeBody, type BodyRef } from './structure/structure.service.ts';

/** Roles that may reach the membership forms; the service then applies `canManageBody` to the body itself. */
export const BODY_FORM_ROLES = ['platform_admin', 'coordinator', 'entity_focal_point'] as const;

export const compactPolicy = {
  // The Compact's structure (bodies, member entities, programme) is known to every signed-in user; a body's records
  // (meetings, minutes, decisions, actions) follow bodyVisibleSql / canSeeBody.
  'compact.read': [{ roles: '*' }],
  'compact.records.read': [
    { roles: '*', when: (a, b: Pick<BodyRef, 'memberOrgIds' | 'committeeOrgIds'>) => canSeeBody(a, b) },
  ],
  'compact.manage': [{ roles: BODY_FORM_ROLES }],
  'compact.body.manage': [
    { roles: BODY_FORM_ROLES, when: (a, b: Pick<BodyRef, 'chairOrgIds'>) => canManageBody(a, b) },
  ],
} as const satisfies PolicyTable;

declare module '../../platform/auth/policy.ts' {
  interface Actions extends Record<keyof typeof compactPolicy, true> {}
}
