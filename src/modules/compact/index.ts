// Public interface of the compact module: the Global Counter-Terrorism Coordination Compact — its working groups, its
// bodies (the Coordination Committee, the working groups, the heads' meeting, the CTC briefing) with their members and
// representatives, the one rule for who sees a body's records, and the Joint Programme of Work.
import { actionRemindersJob } from './register/reminders.job.ts';
import { defineModule, type CalendarItem, type Task, type TaskContext } from '../../platform/modules/module.ts';
import type { Db } from '../../platform/db/client.ts';
import type { PersonalData } from '../../platform/privacy/privacy.types.ts';
import { compactPolicy } from './compact.policy.ts';
import structureRoutes from './structure/structure.routes.tsx';
import structureApi from './structure/structure.api.ts';
import programmeRoutes from './programme/programme.routes.tsx';
import { seedCompact } from './compact.seed.ts';
import briefingRoutes from './briefing/briefing.routes.tsx';
import briefingApi from './briefing/briefing.api.ts';
import { mayReadBriefings, registerFiguresForPeriod } from './briefing/briefing.service.ts';
import { renderRegister } from './briefing/briefing.views.tsx';
import registerRoutes from './register/register.routes.tsx';
import registerApi, { ActionOut, DecisionOut } from './register/register.api.ts';
import { outputLinkTarget } from './register/link-target.ts';
import { compactSearchSources } from './search-source.ts';
import { registerPersonalData } from './register/personal-data.service.ts';
import { registerCalendar, registerTasks } from './register/workspace.service.ts';
import meetingsRoutes from './meetings/meetings.routes.tsx';
import meetingsApi from './meetings/meetings.api.ts';
import { meetingsPersonalData } from './meetings/personal-data.service.ts';
import { attendanceDue, meetingsOfUser, titleLanguages } from './meetings/meetings.service.ts';
import { minutesToComment } from './minutes/minutes.service.ts';
import { compactPersonalData as structurePersonalData } from './personal-data.service.ts';

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
  syncCommitteeByOffice,
  GROUP_MEMBER_ROLES,
  groupsOfOrgsSql,
  workingGroupMemberOrgIds,
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
  type DecisionEdit,
  type ActionEdit,
  type EditResult,
  type RegisterChange,
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
  updateDecision,
  updateAction,
  changesOf,
  syncEventAction,
  detachEventItems,
  eventActions,
  eventAction,
  updateEventAction,
} from './register/register.service.ts';
export { sendActionReminders, type ActionReminderRun } from './register/reminders.service.ts';

export {
  createBriefing,
  getBriefing,
  listBriefings,
  approveBriefing,
  circulateBriefing,
  computeSnapshot,
  defaultPeriod,
  briefingPackIds,
  briefingPacksToKeep,
  packBytes,
  type Snapshot,
} from './briefing/briefing.service.ts';
export { programme, type ProgrammePriority, type ProgrammeOutput } from './programme/programme.service.ts';

export {
  listMeetings,
  getMeeting,
  meetingsOfUser,
  occurrences,
  type Meeting,
  type MeetingRow,
} from './meetings/meetings.service.ts';

/** The meetings' part of the workspace: minutes to comment on, attendance to record. */
async function meetingTasks({ db, actor }: TaskContext): Promise<Task[]> {
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
}

/** The person's meetings (invited) for the personal calendar. */
async function meetingCalendar(db: Db, userId: string): Promise<CalendarItem[]> {
  return (await meetingsOfUser(db, userId)).map((m) => ({
    uid: `meeting-${m.id}@ctcp`,
    title: titleLanguages(m.title),
    start: m.startsAt,
    end: m.endsAt,
    timeZone: m.timeZone,
    location: m.venue,
    url: `/compact/meetings/${m.id}`,
    sequence: m.sequence,
    status: m.status === 'cancelled' ? ('cancelled' as const) : ('confirmed' as const),
    kindKey: 'meetings.calendarKind',
  }));
}

/** The structure's (representatives), the register's and the meetings' personal data, as one declaration. */
const PARTS: PersonalData[] = [structurePersonalData, registerPersonalData, meetingsPersonalData];
const compactPersonalData: PersonalData = {
  retention: PARTS.flatMap((p) => p.retention ?? []),
  exportFor: async (db, subject) => {
    const out = {};
    for (const p of PARTS) Object.assign(out, await p.exportFor?.(db, subject));
    return out;
  },
  erase: async (tx, subject) => {
    let n = 0;
    for (const p of PARTS) n += (await p.erase?.(tx, subject)) ?? 0;
    return n;
  },
};

export const module = defineModule({
  name: 'compact',
  jobs: [actionRemindersJob],
  policy: compactPolicy,
  routes: [
    structureRoutes,
    programmeRoutes,
    structureApi,
    registerRoutes,
    registerApi,
    meetingsRoutes,
    meetingsApi,
    briefingRoutes,
    briefingApi,
  ],
  apiSchemas: [DecisionOut, ActionOut],
  nav: [
    { order: 15, href: '/compact', labelKey: 'compact.nav' },
    // The route admits the roles that could belong to the CTC briefing body; the page's rule asks whether they do.
    { order: 18, href: '/compact/briefings', labelKey: 'briefing.link', opens: (a, db) => mayReadBriefings(db, a) },
    { order: 17, href: '/compact/register', labelKey: 'register.nav' },
    { order: 16, href: '/compact/meetings', labelKey: 'meetings.nav' },
  ],
  personalData: compactPersonalData,
  tasks: async (ctx) => [...(await registerTasks(ctx)), ...(await meetingTasks(ctx))],
  calendarFor: async (db, userId) => [...(await registerCalendar(db, userId)), ...(await meetingCalendar(db, userId))],
  linkTargets: [outputLinkTarget],
  searchSources: compactSearchSources,
  seed: ({ db, demo }) => seedCompact(db, { demo }),
  // The briefing pack's own section (decisions of the period, status of the actions); the other sections come from
  // their owners through the same contract (platform/modules/briefing.ts).
  briefing: { key: 'register', order: 40, figures: registerFiguresForPeriod, render: renderRegister },
});
