import type { PolicyTable } from '../../platform/auth/policy.ts';
import type { Role } from '../../platform/auth/auth.schema.ts';
import type { OrgType } from '../directory/index.ts';

/**
 * Which kinds of organization a member in each role may belong to: a Member State's focal point belongs to a Member
 * State, a civil-society representative to civil society, academia or the like, the secretariat to UN entities.
 * An account without an organization is not concerned (observers, administrators of the platform itself).
 */
export const ROLE_ORG_TYPES: Record<Role, readonly OrgType[]> = {
  platform_admin: ['un_entity'],
  coordinator: ['un_entity'],
  analyst: ['un_entity'],
  entity_focal_point: ['un_entity', 'regional_org', 'international_org'],
  member_state_focal_point: ['member_state'],
  cso_representative: ['cso', 'academia', 'faith_based', 'private_sector', 'other'],
  observer: [
    'member_state',
    'un_entity',
    'regional_org',
    'international_org',
    'cso',
    'academia',
    'faith_based',
    'private_sector',
    'other',
  ],
};

export const roleFitsOrganization = (role: Role, type: OrgType) => ROLE_ORG_TYPES[role].includes(type);

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
