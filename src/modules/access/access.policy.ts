import type { PolicyTable } from '../../platform/auth/policy.ts';
import type { Role } from '../../platform/auth/auth.schema.ts';

/** Which roles each inviter may hand out. Focal points invite into their own organization only. */
export const INVITABLE_ROLES: Partial<Record<Role, readonly Role[]>> = {
  platform_admin: [
    'platform_admin',
    'coordinator',
    'analyst',
    'entity_focal_point',
    'member_state_focal_point',
    'cso_representative',
    'observer',
  ],
  entity_focal_point: ['entity_focal_point', 'observer'],
  member_state_focal_point: ['member_state_focal_point', 'observer'],
  cso_representative: ['cso_representative', 'observer'],
};

export interface InvitationResource {
  organizationId: string | null;
  role: Role;
}

export const accessPolicy = {
  'account.manage': [{ roles: '*' }],
  'token.manage': [{ roles: '*' }],
  'invitation.create': [
    { roles: ['platform_admin'] },
    {
      roles: ['entity_focal_point', 'member_state_focal_point', 'cso_representative'],
      when: (a, r: InvitationResource | undefined) =>
        !r ||
        (!!r.organizationId &&
          a.focalOrgIds.includes(r.organizationId) &&
          (INVITABLE_ROLES[a.role] ?? []).includes(r.role)),
    },
  ],
  'admin.users.manage': [{ roles: ['platform_admin'] }],
} as const satisfies PolicyTable;

declare module '../../platform/auth/policy.ts' {
  interface Actions extends Record<keyof typeof accessPolicy, true> {}
}
