import type { PolicyTable, UserActor } from '../../platform/auth/policy.ts';

/** What the rules look at: the event's organizers. Without a resource (route-level check) a role rule alone decides. */
export interface EventResource { organizerOrgIds: string[] }

/** Administrators and UNOCT coordinators manage every event; an entity's focal point manages the events their entity organizes. */
export const managesEvent = (a: UserActor, e?: EventResource) =>
  a.role === 'platform_admin' || a.role === 'coordinator' || (a.role === 'entity_focal_point' && (!e || e.organizerOrgIds.some((id) => a.focalOrgIds.includes(id))));

export const eventsPolicy: PolicyTable = {
  /** Register oneself (eligibility, window and capacity are checked by the service, with their reasons). */
  'event.register': [{ roles: '*' }],
  /** Register a Member State's delegation: focal points of that State (checked against the State in the service). */
  'event.delegation.manage': [{ roles: ['member_state_focal_point'], when: (a) => a.focalOrgIds.length > 0 }],
  /** Registrations, decisions, check-in, exports. */
  'event.manage': [{ roles: ['platform_admin', 'coordinator', 'entity_focal_point'], when: managesEvent }],
};
