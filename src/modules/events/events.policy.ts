import type { PolicyTable, UserActor } from '../../platform/auth/policy.ts';

/** What the rules look at: the event's organizers. Without a resource (route-level check) a role rule alone decides. */
export interface EventResource {
  organizerOrgIds: string[];
}

/**
 * Administrators and UNOCT coordinators manage every event; an
 * entity's focal point manages the events their entity organizes.
 */
export const managesEvent = (a: UserActor, e?: EventResource) =>
  a.role === 'platform_admin' ||
  a.role === 'coordinator' ||
  (a.role === 'entity_focal_point' && (!e || e.organizerOrgIds.some((id) => a.focalOrgIds.includes(id))));

export const eventsPolicy = {
  /** Register oneself (eligibility, window and capacity are checked by the service, with their reasons). */
  'event.register': [{ roles: '*' }],
  /** Register a Member State's delegation: focal points of that State (checked against the State in the service). */
  'event.delegation.manage': [{ roles: ['member_state_focal_point'], when: (a) => a.focalOrgIds.length > 0 }],
  /**
   * Create an event: administrators, coordinators, and entity
   * focal points (who must name their entity as an organizer).
   */
  'event.create': [
    { roles: ['platform_admin', 'coordinator'] },
    { roles: ['entity_focal_point'], when: (a) => a.focalOrgIds.length > 0 },
  ],
  /**
   * Ask for the floor on a speakers' list (the delegation is checked in the
   * service: a State's focal point, or an accepted participant's organization).
   */
  'event.floor.request': [{ roles: '*' }],
  /** Propose a side event for an umbrella week on behalf of one's organization. */
  'event.sideEvent.propose': [{ roles: '*', when: (a) => a.orgIds.length > 0 || a.focalOrgIds.length > 0 }],
  /**
   * Authoring, programme, documents, speakers' lists, statements,
   * side-event decisions, outputs, registrations, exports.
   */
  'event.manage': [{ roles: ['platform_admin', 'coordinator', 'entity_focal_point'], when: managesEvent }],
} satisfies PolicyTable;

declare module '../../platform/auth/policy.ts' {
  interface Actions extends Record<keyof typeof eventsPolicy, true> {}
}
