// Who may reach each route (route-level access; resource-level rules are tested per module).
import { ROLES, type Role } from '../src/platform/auth/auth.schema.ts';

export type Principal = Role | 'anonymous';
export const ALL: Principal[] = ['anonymous', ...ROLES];
const PUBLIC = ALL;
const SIGNED_IN: Principal[] = [...ROLES];
const ADMIN: Principal[] = ['platform_admin'];
const EDITORS: Principal[] = ['platform_admin', 'coordinator'];
/** Route level; an entity focal point then manages only the events their entity organizes. */
const EVENT_MANAGERS: Principal[] = ['platform_admin', 'coordinator', 'entity_focal_point'];
const INVITERS: Principal[] = ['platform_admin', 'entity_focal_point', 'member_state_focal_point', 'cso_representative'];

export const MATRIX: Record<string, Principal[]> = {
  // platform
  'GET /': PUBLIC,
  'GET /healthz': PUBLIC,
  'GET /readyz': PUBLIC,
  'GET /static/*': PUBLIC,
  'GET /api/docs*': PUBLIC,
  'GET /api/openapi.json': PUBLIC,
  // access
  'GET /sign-in': PUBLIC,
  'POST /sign-in': PUBLIC,
  // Only a session with a pending second factor (exercised in test/access.test.ts), none of the principals here.
  'GET /sign-in/two-factor': [],
  'POST /sign-in/two-factor': [],
  'POST /sign-out': PUBLIC,
  'GET /lang/:code': PUBLIC,
  'GET /account': SIGNED_IN,
  'POST /account/settings': SIGNED_IN,
  'POST /account/password': SIGNED_IN,
  'GET /account/two-factor': SIGNED_IN,
  'POST /account/two-factor': SIGNED_IN,
  'POST /account/two-factor/disable': SIGNED_IN,
  'GET /account/tokens': SIGNED_IN,
  'POST /account/tokens': SIGNED_IN,
  'POST /account/tokens/:id/revoke': SIGNED_IN,
  'GET /invitations/new': INVITERS,
  'POST /invitations': INVITERS,
  'GET /invitations/:token': PUBLIC,
  'POST /invitations/:token': PUBLIC,
  'GET /password/forgot': PUBLIC,
  'POST /password/forgot': PUBLIC,
  'GET /password/reset/:token': PUBLIC,
  'POST /password/reset/:token': PUBLIC,
  'GET /api/v1/me': SIGNED_IN,
  'POST /api/v1/invitations': INVITERS,
  'GET /api/v1/audit': ADMIN,
  'GET /api/v1/audit/verify': ADMIN,
  // directory
  'GET /directory': SIGNED_IN,
  'GET /directory/organizations/new': EDITORS,
  'POST /directory/organizations': EDITORS,
  'GET /directory/organizations/:slug': SIGNED_IN,
  'GET /directory/organizations/:slug/edit': EDITORS,
  'POST /directory/organizations/:slug': EDITORS,
  'GET /directory/people/:id': SIGNED_IN,
  'POST /directory/people/:id': ADMIN,
  'POST /directory/people/:id/memberships': ADMIN,
  'POST /directory/people/:id/memberships/:orgId/remove': ADMIN,
  'GET /api/v1/organizations': SIGNED_IN,
  'GET /api/v1/organizations/:id': SIGNED_IN,
  'POST /api/v1/organizations': EDITORS,
  'PUT /api/v1/organizations/:id': EDITORS,
  'GET /api/v1/people/:id': SIGNED_IN,
  'GET /api/v1/organizations/:id/people': SIGNED_IN,
  'PUT /api/v1/people/:id': ADMIN,
  'PUT /api/v1/people/:id/memberships/:orgId': ADMIN,
  'DELETE /api/v1/people/:id/memberships/:orgId': ADMIN,
  // framework
  'GET /framework': SIGNED_IN,
  'GET /api/v1/framework': SIGNED_IN,
  // assessments (confidential: CTED analysts, and focal points of the visited State for their own State's visits)
  'GET /assessments/visits': ['analyst', 'member_state_focal_point'],
  'GET /assessments/visits/new': ['analyst'],
  'POST /assessments/visits': ['analyst'],
  'GET /assessments/visits/:id': ['analyst', 'member_state_focal_point'],
  'GET /assessments/visits/:id/edit': ['analyst'],
  'POST /assessments/visits/:id': ['analyst'],
  'GET /api/v1/assessments/visits': ['analyst', 'member_state_focal_point'],
  'GET /api/v1/assessments/visits/:id': ['analyst', 'member_state_focal_point'],
  'POST /api/v1/assessments/visits': ['analyst'],
  // events (public reading; resource rules — visibility, eligibility, organizers — are tested in test/events*.test.ts)
  'GET /events': PUBLIC,
  'GET /events/calendar.ics': PUBLIC,
  'GET /events/series/:series': PUBLIC,
  'GET /events/series/:series/calendar.ics': PUBLIC,
  'GET /events/:slug': PUBLIC,
  'GET /events/:slug/calendar.ics': PUBLIC,
  'GET /events/:slug/statistics': PUBLIC,
  'GET /events/:slug/participants': PUBLIC,
  'GET /events/:slug/register': SIGNED_IN,
  'POST /events/:slug/register': SIGNED_IN,
  'POST /events/:slug/cancel': SIGNED_IN,
  'GET /events/:slug/delegation': ['member_state_focal_point'],
  'POST /events/:slug/delegation': ['member_state_focal_point'],
  'GET /events/:slug/registrations': EVENT_MANAGERS,
  'GET /events/:slug/registrations.csv': EVENT_MANAGERS,
  'GET /events/:slug/registrations.xlsx': EVENT_MANAGERS,
  'POST /events/:slug/registrations/:id/decision': EVENT_MANAGERS,
  'POST /events/:slug/registrations/:id/check-in': EVENT_MANAGERS,
  'GET /api/v1/events': PUBLIC,
  'GET /api/v1/events/:id': PUBLIC,
  'GET /api/v1/events/:id/statistics': PUBLIC,
  'POST /api/v1/events/:id/registrations': SIGNED_IN,
  'DELETE /api/v1/events/:id/registrations/mine': SIGNED_IN,
  'GET /api/v1/events/:id/registrations': EVENT_MANAGERS,
  // administration
  'GET /admin/audit': ADMIN,
  'GET /admin/outbox': ADMIN,
  'GET /admin/outbox/:id': ADMIN,
  'GET /admin/users': ADMIN,
  'POST /admin/users/:id/role': ADMIN,
  'POST /admin/users/:id/disable': ADMIN,
};
