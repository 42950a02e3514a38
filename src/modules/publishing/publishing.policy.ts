import type { PolicyTable } from '../../platform/auth/policy.ts';

/** Who writes and signs platform-wide public content. */
export const PUBLISHER_ROLES = ['platform_admin', 'coordinator'] as const;

/** The people a signature must not come from: the author, the last editor, and (a second approval) the publisher. */
export interface SignatureResource {
  authorId: string | null;
  lastEditorId: string | null;
  publishedBy?: string | null;
}

export const publishingPolicy = {
  // Drafting and submitting: the publishers, and an entity's focal point (the public records of events their entity
  // organizes: the owning module checks which records). Signing and publishing stay with the publishers.
  'publishing.author': [
    { roles: PUBLISHER_ROLES },
    { roles: ['entity_focal_point'], when: (a) => a.focalOrgIds.length > 0 },
  ],
  // Route level (no resource): the role; service level: neither the author nor the last editor (nor the publisher).
  'publishing.approve': [
    {
      roles: PUBLISHER_ROLES,
      when: (a, r: SignatureResource | undefined) =>
        !r || (a.userId !== r.authorId && a.userId !== r.lastEditorId && a.userId !== r.publishedBy),
    },
  ],
  'publishing.publish': [{ roles: PUBLISHER_ROLES }],
  'publishing.force': [{ roles: ['platform_admin'] }],
  'publishing.withdraw': [{ roles: PUBLISHER_ROLES }],
  'publishing.monitor': [{ roles: PUBLISHER_ROLES }],
} as const satisfies PolicyTable;

declare module '../../platform/auth/policy.ts' {
  interface Actions extends Record<keyof typeof publishingPolicy, true> {}
}
