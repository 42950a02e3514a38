// Public interface of the compact module: the Global Counter-Terrorism Coordination Compact — its working groups, its
// bodies (the Coordination Committee, the working groups, the heads' meeting, the CTC briefing) with their members and
// representatives, the one rule for who sees a body's records, and the Joint Programme of Work.
import { defineModule } from '../../platform/modules/module.ts';
import { seedCompact } from './compact.seed.ts';

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

export const module = defineModule({
  name: 'compact',
  seed: ({ db, demo }) => seedCompact(db, { demo }),
});
