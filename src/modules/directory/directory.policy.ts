import type { PolicyTable, UserActor } from '../../platform/auth/policy.ts';

export interface OrgVisibility {
  id: string;
  type: string;
  publicListing: boolean;
}

/** CSOs that did not choose a public listing are seen only by administrators, coordinators and their own members. */
export const orgVisible = (a: UserActor, o: OrgVisibility) =>
  o.type !== 'cso' ||
  o.publicListing ||
  a.role === 'platform_admin' ||
  a.role === 'coordinator' ||
  a.orgIds.includes(o.id);

export const directoryPolicy = {
  'directory.list': [{ roles: '*' }],
  'organization.read': [{ roles: '*', when: orgVisible }],
  'organization.create': [{ roles: ['platform_admin', 'coordinator'] }],
  'organization.update': [{ roles: ['platform_admin', 'coordinator'] }],
  'person.read': [
    {
      roles: '*',
      when: (a, p: { orgs: OrgVisibility[] }) =>
        p.orgs.length === 0
          ? a.role === 'platform_admin' || a.role === 'coordinator'
          : p.orgs.some((o) => orgVisible(a, o)),
    },
  ],
  'person.update': [{ roles: ['platform_admin'] }],
  'membership.manage': [{ roles: ['platform_admin'] }],
} as const satisfies PolicyTable;

declare module '../../platform/auth/policy.ts' {
  interface Actions extends Record<keyof typeof directoryPolicy, true> {}
}
