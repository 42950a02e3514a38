// The compact module's access rules as data. Meetings and minutes: the resource attributes are computed by the
// services from the body's one visibility rule (bodyVisibleSql / canSeeBody) and management rule (canManageBody).
import type { PolicyTable, UserActor } from '../../platform/auth/policy.ts';

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

export const compactPolicy = {
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
} as const satisfies PolicyTable;

declare module '../../platform/auth/policy.ts' {
  interface Actions extends Record<keyof typeof compactPolicy, true> {}
}
