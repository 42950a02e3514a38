// The compact module's access rules as data: the structure (bodies, members, programme) and the register of decisions
// and actions. Which records a reader sees is `bodyVisibleSql` / `canSeeBody` (structure.service.ts); these rules
// decide who reaches the forms and who writes. Meetings and minutes: the services compute the resource (visible,
// manages, invited) from the same rules.
import type { PolicyTable, UserActor } from '../../platform/auth/policy.ts';
import { BODY_SECRETARIAT_ROLES, canManageBody, canSeeBody, type BodyRef } from './structure/structure.service.ts';

/** Roles that may reach the membership forms; the service then applies `canManageBody` to the body itself. */
export const BODY_FORM_ROLES = ['platform_admin', 'coordinator', 'entity_focal_point'] as const;

const secretariat = (a: UserActor) => (BODY_SECRETARIAT_ROLES as readonly string[]).includes(a.role);

/** A body's register: the body (its chairs) when the record belongs to one. */
export interface RegisterBodyResource {
  body: Pick<BodyRef, 'chairOrgIds'> | null;
}
/** An action: its body (or none for an event's follow-up action) and its owner entity. */
export interface ActionResource extends RegisterBodyResource {
  ownerOrgId: string | null;
}

/** The secretariat and the body's managers (coordinators, administrators, its chair entities' focal points). */
const managesRegister = (a: UserActor, r?: RegisterBodyResource) =>
  secretariat(a) || (!!r?.body && canManageBody(a, r.body));

/** What the meetings' and minutes' rules are given (computed by the service for the meeting's body). */
export interface MeetingResource {
  /** The reader sees the body's records (bodyVisibleSql). */
  visible: boolean;
  /** The reader is of the secretariat or manages the body (canManageBody). */
  manages: boolean;
  /** The reader is invited to the meeting. */
  invited?: boolean;
  /** The minutes' status and comment deadline (comments). */
  minutesStatus?: string | null;
  commentDeadline?: Date | null;
}

/** Route level (no resource): any role that could hold the right somewhere; the service decides per body. */
const onBody =
  (test: (r: MeetingResource) => boolean) =>
  (_a: UserActor, r?: MeetingResource): boolean =>
    r === undefined || test(r);

const MANAGER_ROLES = ['platform_admin', 'coordinator', 'analyst', 'entity_focal_point'] as const;
/** The CTC briefing body as the briefing pack's rules see it (briefing.service.ts loads it with `bodyRef`). */
export interface BriefingBodyResource {
  memberOrgIds: string[];
  chairOrgIds: string[];
}

/**
 * The co-chair entities (of the CTC briefing body) on whose behalf this person may approve a pack: an entity's focal
 * point for that entity, a member of the secretariat (coordinator, analyst) for the entity they belong to.
 */
export function approverOrgIds(a: UserActor, r: Pick<BriefingBodyResource, 'chairOrgIds'>): string[] {
  if (a.role === 'entity_focal_point') return a.focalOrgIds.filter((o) => r.chairOrgIds.includes(o));
  if (a.role === 'coordinator' || a.role === 'analyst') return a.orgIds.filter((o) => r.chairOrgIds.includes(o));
  return [];
}

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
  /** Read the register (rows: bodyVisibleSql; an event's follow-up actions: the event's rule). */
  'compact.register.read': [{ roles: '*' }],
  /** Open the create forms (the body is checked by the service with compact.decision.create). */
  'compact.register.write': [{ roles: [...BODY_SECRETARIAT_ROLES, 'entity_focal_point'] }],
  'compact.decision.create': [
    { roles: '*', when: (a: UserActor, r?: RegisterBodyResource) => !!r && managesRegister(a, r) },
  ],
  'compact.action.create': [
    { roles: '*', when: (a: UserActor, r?: RegisterBodyResource) => !!r && managesRegister(a, r) },
  ],
  /** Edit a decision after its creation (text, meeting, dates; never the symbol): as creation, the body's managers. */
  'compact.decision.edit': [
    { roles: '*', when: (a: UserActor, r?: RegisterBodyResource) => !!r && managesRegister(a, r) },
  ],
  /** Edit an action (title, owners, due date, pillar, links): as creation, the body's managers and the secretariat. */
  'compact.action.edit': [
    { roles: '*', when: (a: UserActor, r?: RegisterBodyResource) => !!r && managesRegister(a, r) },
  ],
  /** Status, progress notes, evidence: the owner entity's people, the body's managers and the secretariat. */
  'compact.action.update': [
    {
      roles: '*',
      when: (a: UserActor, r?: ActionResource) =>
        !!r && (managesRegister(a, r) || (!!r.ownerOrgId && a.orgIds.includes(r.ownerOrgId))),
    },
  ],
  'meeting.list': [{ roles: '*' }],
  'meeting.read': [{ roles: '*', when: onBody((r) => r.visible) }],
  'meeting.manage': [{ roles: MANAGER_ROLES, when: onBody((r) => r.visible && r.manages) }],
  'minutes.read': [{ roles: '*', when: onBody((r) => r.visible) }],
  'minutes.manage': [{ roles: MANAGER_ROLES, when: onBody((r) => r.visible && r.manages) }],
  'minutes.comment': [
    {
      roles: '*',
      when: onBody(
        (r) =>
          r.visible &&
          !!r.invited &&
          r.minutesStatus === 'circulated' &&
          (!r.commentDeadline || r.commentDeadline.getTime() > Date.now()),
      ),
    },
  ],
  /** Route level of the briefing pages; the service then applies compact.briefing.read to the body. */
  'compact.briefing.list': [{ roles: [...BODY_SECRETARIAT_ROLES, 'entity_focal_point'] }],
  /** The packs: the secretariat and the people of the CTC briefing body's member entities. */
  'compact.briefing.read': [
    {
      roles: '*',
      when: (a: UserActor, r?: BriefingBodyResource) =>
        secretariat(a) || (!!r && a.orgIds.some((o) => r.memberOrgIds.includes(o))),
    },
  ],
  /** Generate a pack (a new version): the secretariat. */
  'compact.briefing.create': [{ roles: BODY_SECRETARIAT_ROLES }],
  /** Approve on behalf of a co-chair entity (route level: the roles that can be one). */
  'compact.briefing.approve': [
    {
      roles: ['coordinator', 'analyst', 'entity_focal_point'],
      when: (a: UserActor, r?: BriefingBodyResource) => !r || approverOrgIds(a, r).length > 0,
    },
  ],
  /** Circulate an approved pack to the body's people: the secretariat (the service requires both approvals). */
  'compact.briefing.circulate': [{ roles: BODY_SECRETARIAT_ROLES }],
} as const satisfies PolicyTable;

declare module '../../platform/auth/policy.ts' {
  interface Actions extends Record<keyof typeof compactPolicy, true> {}
}
