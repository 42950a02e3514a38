import type { PolicyTable, UserActor } from '../../platform/auth/policy.ts';
import { cleared } from '../../platform/auth/classification.ts';

/** Roles that work with technical-assistance needs at all (CSOs and observers do not). */
export const NEED_ROLES = [
  'platform_admin',
  'coordinator',
  'analyst',
  'entity_focal_point',
  'member_state_focal_point',
] as const;

/** `consented`: a live grant covering the needs of the source visit covers the reader (computed in SQL). */
export interface NeedResource {
  stateOrgId: string;
  fromVisit: boolean;
  consented?: boolean;
}

const ownState = (a: UserActor, stateOrgId: string) =>
  a.role === 'member_state_focal_point' && a.focalOrgIds.includes(stateOrgId);

/** The secretariat's roles beside CTED's analysts (UNOCT's coordinators, the platform's administrators). */
export const SECRETARIAT_ROLES = ['platform_admin', 'coordinator'] as const;

/**
 * The one needs-visibility rule (needsVisibleTo in needs.service.ts is its SQL form): a State's needs are visible to
 * that State's focal points, to the secretariat (CTED's analysts all of them; UNOCT's coordinators and the
 * administrators those not from an assessment visit) and, for needs from a visit, to whom the State's consent for
 * that visit covers. Nobody else — not another State, not an entity without the State's consent.
 */
export const needReadable = (a: UserActor, n: NeedResource) =>
  a.role === 'analyst' ||
  ownState(a, n.stateOrgId) ||
  (n.fromVisit
    ? cleared(a, 'confidential') && n.consented === true
    : (SECRETARIAT_ROLES as readonly string[]).includes(a.role) && cleared(a, 'internal'));

export const portfolioPolicy = {
  'need.list': [{ roles: NEED_ROLES }],
  'need.read': [{ roles: NEED_ROLES, when: needReadable }],
  // CTED records needs from its visits; a State records its own; UNOCT records needs from other sources.
  'need.create': [{ roles: ['analyst', 'coordinator', 'member_state_focal_point'] }],
  'need.write': [
    { roles: ['analyst'], when: (a) => cleared(a, 'confidential') },
    { roles: ['coordinator'], when: (_a, n: NeedResource) => !n.fromVisit },
    { roles: ['member_state_focal_point'], when: (a, n: NeedResource) => ownState(a, n.stateOrgId) && !n.fromVisit },
  ],
  'project.list': [{ roles: '*' }],
  'project.read': [{ roles: '*' }],
  'project.create': [{ roles: ['platform_admin', 'coordinator', 'entity_focal_point'] }],
  'project.write': [
    { roles: ['platform_admin', 'coordinator'] },
    { roles: ['entity_focal_point'], when: (a, p: { leadOrgId: string }) => a.focalOrgIds.includes(p.leadOrgId) },
  ],
  'gap.read': [{ roles: NEED_ROLES }],
  // Roadmaps: the Compact side and the State concerned; written by UNOCT, CTED, or the State for itself.
  'roadmap.list': [{ roles: NEED_ROLES }],
  'roadmap.read': [
    { roles: ['platform_admin', 'coordinator', 'analyst', 'entity_focal_point'] },
    { roles: ['member_state_focal_point'], when: (a, r: { stateOrgId: string }) => ownState(a, r.stateOrgId) },
  ],
  'roadmap.create': [{ roles: ['coordinator', 'analyst', 'member_state_focal_point'] }],
  'roadmap.write': [
    { roles: ['coordinator', 'analyst'] },
    { roles: ['member_state_focal_point'], when: (a, r: { stateOrgId: string }) => ownState(a, r.stateOrgId) },
  ],
  'plan.list': [{ roles: NEED_ROLES }],
  'plan.create': [{ roles: ['coordinator', 'analyst', 'member_state_focal_point'] }],
  'portfolio.import': [{ roles: ['platform_admin', 'coordinator', 'analyst'] }],
} satisfies PolicyTable;

declare module '../../platform/auth/policy.ts' {
  interface Actions extends Record<keyof typeof portfolioPolicy, true> {}
}
