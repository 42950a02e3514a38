// Information classification, a platform primitive. A role's clearance is a ceiling:
// modules add their own conditions (e.g. a State's consent) on top of it.
import type { Role } from './auth.schema.ts';
import { isUser, type Actor } from './policy.ts';

export const CLASSIFICATIONS = ['public', 'internal', 'confidential', 'strictly_confidential'] as const;
export type Classification = (typeof CLASSIFICATIONS)[number];
const rank = (c: Classification) => CLASSIFICATIONS.indexOf(c);

export const CLEARANCE: Record<Role, Classification> = {
  platform_admin: 'confidential',
  coordinator: 'confidential',
  analyst: 'strictly_confidential',
  entity_focal_point: 'confidential',
  member_state_focal_point: 'strictly_confidential',
  cso_representative: 'internal',
  observer: 'internal',
};

/** Roles whose clearance reaches confidential material must use a second factor. */
export const requiresMfa = (role: Role) => rank(CLEARANCE[role]) >= rank('confidential');

/**
 * May the actor hold material of this classification at all? Confidential levels also need a verified second factor.
 */
export function cleared(actor: Actor, level: Classification): boolean {
  if (level === 'public') return true;
  if (!isUser(actor)) return false;
  if (rank(level) > rank(CLEARANCE[actor.role])) return false;
  return rank(level) < rank('confidential') || actor.mfa;
}
