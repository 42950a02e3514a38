// Public interface of the compact module: the Global Counter-Terrorism Coordination Compact — its working groups, its
// bodies (the Coordination Committee, the working groups, the heads' meeting, the CTC briefing) with their members and
// representatives, the one rule for who sees a body's records, and the Joint Programme of Work.
import { defineModule } from '../../platform/modules/module.ts';
import { can } from '../../platform/auth/policy.ts';
import { seedCompact } from './compact.seed.ts';
import { compactPolicy } from './compact.policy.ts';
import meetingsRoutes from './meetings/meetings.routes.tsx';
import meetingsApi from './meetings/meetings.api.ts';
import { meetingsPersonalData } from './meetings/personal-data.service.ts';
import { attendanceDue, meetingsOfUser, titleLanguages } from './meetings/meetings.service.ts';
import { minutesToComment } from './minutes/minutes.service.ts';

export * from './compact.service.ts';
export {
  BODY_KINDS,
  BODY_ROLES,
  BODY_SECRETARIAT_ROLES,
  BODY_MANAGER_ROLES,
  type Body,
  type BodyKind,
  type BodyRole,
  type BodyRef,
  type BodyPerson,
  listBodies,
  getBody,
  bodyOfWorkingGroup,
  bodyVisibleSql,
  visibleBodyIdsSql,
  canSeeBody,
  canManageBody,
  bodyRef,
  bodyMemberOrgIds,
  bodyPeople,
  bodiesOfOrgs,
} from './structure/structure.service.ts';
export {
  ACTION_SOURCES,
  ACTION_STATUSES,
  LINK_KINDS,
  type ActionSource,
  type ActionStatus,
  type LinkKind,
  type RegisterContext,
  type Decision,
  type DecisionInput,
  type Action,
  type ActionRow,
  type ActionInput,
  type ActionLink,
  type ActionFilters,
  type DecisionFilters,
  type ProgressInput,
  overdueSql,
  actionVisibleSql,
  decisionVisibleSql,
  createDecision,
  getDecision,
  listDecisions,
  createAction,
  getAction,
  listActions,
  openActionsForBody,
  updateActionProgress,
  syncEventAction,
  detachEventItems,
  eventActions,
  eventAction,
  updateEventAction,
} from './register/register.service.ts';

export {
  listMeetings,
  getMeeting,
  meetingsOfUser,
  occurrences,
  type Meeting,
  type MeetingRow,
} from './meetings/meetings.service.ts';

export const module = defineModule({
  name: 'compact',
  policy: compactPolicy,
  routes: [meetingsRoutes, meetingsApi],
  nav: [{ order: 45, href: '/compact/meetings', labelKey: 'meetings.nav', visible: (a) => can(a, 'meeting.list') }],
  seed: ({ db, demo }) => seedCompact(db, { demo }),
  personalData: meetingsPersonalData,
  tasks: async ({ db, actor }) => {
    const [toComment, attendance] = await Promise.all([minutesToComment(db, actor.personId), attendanceDue(db, actor)]);
    return [
      {
        kind: 'minutes.comment',
        titleKey: 'minutes.task.comment',
        count: toComment.length,
        url: toComment[0] ? `/compact/meetings/${toComment[0].meetingId}#minutes` : '/compact/meetings',
        due: toComment[0]?.deadline ?? null,
      },
      {
        kind: 'meetings.attendance',
        titleKey: 'meetings.task.attendance',
        count: attendance.count,
        url: '/compact/meetings?when=past',
      },
    ];
  },
  calendarFor: async (db, userId) =>
    (await meetingsOfUser(db, userId)).map((m) => ({
      uid: `meeting-${m.id}@ctcp`,
      title: titleLanguages(m.title),
      start: m.startsAt,
      end: m.endsAt,
      timeZone: m.timeZone,
      location: m.venue,
      url: `/compact/meetings/${m.id}`,
      status: 'confirmed' as const,
      kindKey: 'meetings.calendarKind',
    })),
});
