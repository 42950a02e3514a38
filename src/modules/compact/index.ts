// Public interface of the compact module: the Global Counter-Terrorism Coordination Compact — its working groups, its
// bodies (the Coordination Committee, the working groups, the heads' meeting, the CTC briefing) with their members and
// representatives, the one rule for who sees a body's records, and the Joint Programme of Work.
import { defineModule } from '../../platform/modules/module.ts';
import type { PersonalData } from '../../platform/privacy/privacy.types.ts';
import { can } from '../../platform/auth/policy.ts';
import { compactPolicy } from './compact.policy.ts';
import structureRoutes from './structure/structure.routes.tsx';
import structureApi from './structure/structure.api.ts';
import programmeRoutes from './programme/programme.routes.tsx';
import { seedCompact } from './compact.seed.ts';
import briefingRoutes from './briefing/briefing.routes.tsx';
import briefingApi from './briefing/briefing.api.ts';
import { registerFiguresForPeriod } from './briefing/briefing.service.ts';
import { renderRegister } from './briefing/briefing.views.tsx';
import registerRoutes from './register/register.routes.tsx';
import registerApi, { ActionOut, DecisionOut } from './register/register.api.ts';
import { outputLinkTarget } from './register/link-target.ts';
import { registerPersonalData } from './register/personal-data.service.ts';
import { registerCalendar, registerTasks } from './register/workspace.service.ts';
import { compactPersonalData } from './personal-data.service.ts';

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
export { sendActionReminders, type ActionReminderRun } from './register/reminders.service.ts';

export {
  createBriefing,
  getBriefing,
  listBriefings,
  approveBriefing,
  circulateBriefing,
  computeSnapshot,
  defaultPeriod,
  type Snapshot,
} from './briefing/briefing.service.ts';
export { programme, type ProgrammePriority, type ProgrammeOutput } from './programme/programme.service.ts';

/** The module's personal data: the structure's (representatives' seats) and the register's (notes, owners). */
const bothPersonalData: PersonalData = {
  retention: [...(compactPersonalData.retention ?? []), ...(registerPersonalData.retention ?? [])],
  exportFor: async (db, s) => ({
    ...((await compactPersonalData.exportFor?.(db, s)) ?? {}),
    ...((await registerPersonalData.exportFor?.(db, s)) ?? {}),
  }),
  erase: async (tx, s) =>
    ((await compactPersonalData.erase?.(tx, s)) ?? 0) + ((await registerPersonalData.erase?.(tx, s)) ?? 0),
};

export const module = defineModule({
  name: 'compact',
  policy: compactPolicy,
  routes: [structureRoutes, programmeRoutes, structureApi, registerRoutes, registerApi, briefingRoutes, briefingApi],
  apiSchemas: [DecisionOut, ActionOut],
  nav: [
    { order: 15, href: '/compact', labelKey: 'compact.nav', visible: (a) => can(a, 'compact.read') },
    {
      order: 16,
      href: '/compact/briefings',
      labelKey: 'briefing.link',
      visible: (a) => can(a, 'compact.briefing.list'),
    },
    { order: 25, href: '/compact/register', labelKey: 'register.nav', visible: (a) => can(a, 'compact.register.read') },
  ],
  personalData: bothPersonalData,
  tasks: registerTasks,
  calendarFor: registerCalendar,
  linkTargets: [outputLinkTarget],
  seed: ({ db, demo }) => seedCompact(db, { demo }),
  // The briefing pack's own section (decisions of the period, status of the actions); the other sections come from
  // their owners through the same contract (platform/modules/briefing.ts).
  briefing: { key: 'register', order: 40, figures: registerFiguresForPeriod, render: renderRegister },
});
