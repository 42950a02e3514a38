// The one policy engine. Modules declare their rules as data (<module>.policy.ts) and register them;
// services call authorize(); list queries filter with the module's visibleTo(); routes declare `config.access`.
import { AppError } from '../http/errors.ts';
import type { Role } from './auth.schema.ts';

export interface UserActor {
  kind: 'user';
  userId: string;
  email: string;
  name: string;
  role: Role;
  personId: string | null;
  /** Organizations the person belongs to. */
  orgIds: string[];
  /** Organizations for which the person is a focal point. */
  focalOrgIds: string[];
  /** The second factor was verified in this session (always false for API tokens of roles without MFA). */
  mfa: boolean;
  via: 'session' | 'token';
  scopes: string[];
}
export interface AnonymousActor {
  kind: 'anonymous';
}
export type Actor = UserActor | AnonymousActor;
export const ANONYMOUS: AnonymousActor = { kind: 'anonymous' };

export const isUser = (a: Actor): a is UserActor => a.kind === 'user';

export interface Rule<R = unknown> {
  /** Roles the rule applies to; '*' = every signed-in user. */
  roles: readonly Role[] | '*';
  /** Extra condition on the actor and the resource. */
  when?: (actor: UserActor, resource: R) => boolean;
}
export type PolicyTable = Record<string, readonly Rule<any>[]>;

/**
 * Every action name any module declares. Empty here: each module's policy file declares its table
 * `as const satisfies PolicyTable` and adds its names to this interface (declaration merging), so `can`, `authorize`
 * and `config.access` accept only declared actions — a misspelled action is a type error.
 */
// biome-ignore lint/suspicious/noEmptyInterface: filled by module augmentation
export interface Actions {}
export type Action = keyof Actions & string;

const rules = new Map<string, readonly Rule<any>[]>();

export function registerPolicy(table: PolicyTable): void {
  for (const [action, list] of Object.entries(table)) {
    if (rules.has(action) && rules.get(action) !== list) throw new Error(`Policy for ${action} registered twice`);
    rules.set(action, list);
  }
}

export const knownActions = () => [...rules.keys()];

/** True when some rule allows. No rule for the action = deny. Anonymous actors are denied every action. */
export function can<R>(actor: Actor, action: Action, resource?: R): boolean {
  const list = rules.get(action);
  if (!list || !isUser(actor)) return false;
  if (actor.via === 'token' && !tokenScopeAllows(actor.scopes, action)) return false;
  return list.some(
    (r) => (r.roles === '*' || r.roles.includes(actor.role)) && (!r.when || r.when(actor, resource as R)),
  );
}

/** Token scopes: "read" allows actions ending in .read/.list; "write" allows everything the role may do. */
function tokenScopeAllows(scopes: string[], action: string): boolean {
  if (scopes.includes('write')) return true;
  return scopes.includes('read') && /\.(read|list)$/.test(action);
}

export interface AuthorizeOptions {
  /** Answer 404 instead of 403, so the existence of the resource does not leak. */
  hide?: boolean;
}

export function authorize<R>(
  actor: Actor,
  action: Action,
  resource?: R,
  opts: AuthorizeOptions = {},
): asserts actor is UserActor {
  if (!rules.has(action)) {
    // A missing rule is a programming error; deny (never allow) and say so in the logs via the error code.
    throw new AppError('permission_not_set', 403, 'errors.forbidden', { action });
  }
  if (!isUser(actor)) throw new AppError('unauthenticated', 401, 'errors.unauthenticated');
  if (!can(actor, action, resource)) {
    throw opts.hide
      ? new AppError('not_found', 404, 'errors.notFound')
      : new AppError('forbidden', 403, 'errors.forbidden');
  }
}

/** Route-level access, declared on every route as `config: { access }`. */
export type RouteAccess = 'public' | 'signed_in' | 'mfa_pending' | { action: Action };
