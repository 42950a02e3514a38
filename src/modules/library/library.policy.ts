import type { PolicyTable, UserActor } from '../../platform/auth/policy.ts';
import { cleared, type Classification } from '../../platform/auth/classification.ts';
import type { Distribution, LibraryClassification } from './library.schema.ts';

/** What the rules need of a document. */
export interface DocumentResource {
  classification: LibraryClassification;
  distribution: Distribution;
  ownerOrgId: string | null;
}

/** The platform's level of a library document: an unclassified one is public only when it is distributed to all. */
export function platformLevel(d: Pick<DocumentResource, 'classification' | 'distribution'>): Classification {
  if (d.classification === 'unclassified') return d.distribution === 'public' ? 'public' : 'internal';
  return d.classification;
}

/** The secretariat keeps the library: it sees and manages every document within its clearance. */
export const LIBRARIANS = ['platform_admin', 'coordinator'] as const;
export const isLibrarian = (a: UserActor) => (LIBRARIANS as readonly string[]).includes(a.role);

/** The roles that add documents for their organization. */
const AUTHORS = ['platform_admin', 'coordinator', 'analyst', 'entity_focal_point'] as const;

/** Who changes a document: the secretariat, or an author of its owner organization — both cleared for its level. */
export const documentManageable = (a: UserActor, d: DocumentResource) =>
  cleared(a, platformLevel(d)) && (isLibrarian(a) || (!!d.ownerOrgId && a.orgIds.includes(d.ownerOrgId)));

export const libraryPolicy = {
  // Route level: who may reach the forms at all; the service checks the document.
  'library.create': [{ roles: AUTHORS }],
  'library.manage': [{ roles: AUTHORS, when: documentManageable }],
  // Legal hold and deletion are the secretariat's.
  'library.hold': [{ roles: LIBRARIANS, when: (a, d: DocumentResource) => cleared(a, platformLevel(d)) }],
  'library.delete': [{ roles: LIBRARIANS, when: (a, d: DocumentResource) => cleared(a, platformLevel(d)) }],
} as const satisfies PolicyTable;

declare module '../../platform/auth/policy.ts' {
  interface Actions extends Record<keyof typeof libraryPolicy, true> {}
}
