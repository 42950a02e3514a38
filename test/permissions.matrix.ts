// Who may reach each route (route-level access; resource-level rules are tested per module).
import { ROLES, type Role } from '../src/platform/auth/auth.schema.ts';

export type Principal = Role | 'anonymous';
export const ALL: Principal[] = ['anonymous', ...ROLES];
const PUBLIC = ALL;
const SIGNED_IN: Principal[] = [...ROLES];
const ADMIN: Principal[] = ['platform_admin'];
const EDITORS: Principal[] = ['platform_admin', 'coordinator'];
const CONFIDENTIAL: Principal[] = ['platform_admin', 'coordinator', 'analyst', 'entity_focal_point', 'member_state_focal_point'];
const NEED_WRITERS: Principal[] = ['analyst', 'coordinator', 'member_state_focal_point'];
const PROJECT_WRITERS: Principal[] = ['platform_admin', 'coordinator', 'entity_focal_point'];
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
  // assessments (confidential: CTED analysts, the visited State's focal points, and — resource by resource — whoever
  // the State's consent covers within their clearance; route level admits every role cleared for confidential material)
  'GET /assessments/visits': CONFIDENTIAL,
  'GET /assessments/visits/new': ['analyst'],
  'POST /assessments/visits': ['analyst'],
  'GET /assessments/visits/:id': CONFIDENTIAL,
  'GET /assessments/visits/:id/edit': ['analyst'],
  'POST /assessments/visits/:id': ['analyst'],
  'GET /api/v1/assessments/visits': CONFIDENTIAL,
  'GET /api/v1/assessments/visits/:id': CONFIDENTIAL,
  'POST /api/v1/assessments/visits': ['analyst'],
  'GET /assessments/visits/:id/reports/new': ['analyst'],
  'POST /assessments/visits/:id/reports': ['analyst'],
  'GET /assessments/reports/:id': CONFIDENTIAL,
  'POST /assessments/reports/:id/files': ['analyst'],
  'GET /assessments/reports/:id/files/:fileId': CONFIDENTIAL,
  'POST /assessments/visits/:id/consent': ['member_state_focal_point'],
  'POST /assessments/consent/:id/narrow': ['member_state_focal_point'],
  'POST /assessments/consent/:id/revoke': ['member_state_focal_point'],
  'GET /api/v1/assessments/visits/:id/reports': CONFIDENTIAL,
  'GET /api/v1/assessments/reports/:id': CONFIDENTIAL,
  'GET /api/v1/assessments/reports/:id/files/:fileId': CONFIDENTIAL,
  'POST /api/v1/assessments/visits/:id/reports': ['analyst'],
  'GET /api/v1/assessments/visits/:id/consent': CONFIDENTIAL,
  'POST /api/v1/assessments/visits/:id/consent': ['member_state_focal_point'],
  'POST /api/v1/assessments/consent/:id/narrow': ['member_state_focal_point'],
  'POST /api/v1/assessments/consent/:id/revoke': ['member_state_focal_point'],
  // needs, portfolio, gap analysis (needs: no CSOs or observers; needs from visits further filtered by consent)
  'GET /needs': CONFIDENTIAL,
  'GET /needs/new': NEED_WRITERS,
  'POST /needs': NEED_WRITERS,
  'GET /needs/:id': CONFIDENTIAL,
  'GET /needs/:id/edit': NEED_WRITERS,
  'POST /needs/:id': NEED_WRITERS,
  'GET /portfolio': SIGNED_IN,
  'GET /portfolio/new': PROJECT_WRITERS,
  'POST /portfolio': PROJECT_WRITERS,
  'GET /portfolio/:id': SIGNED_IN,
  'POST /portfolio/:id/needs': PROJECT_WRITERS,
  'GET /gap-analysis': CONFIDENTIAL,
  'GET /api/v1/needs': CONFIDENTIAL,
  'GET /api/v1/needs/:id': CONFIDENTIAL,
  'POST /api/v1/needs': NEED_WRITERS,
  'GET /api/v1/projects': SIGNED_IN,
  'GET /api/v1/projects/:id': SIGNED_IN,
  'POST /api/v1/projects/:id/needs': PROJECT_WRITERS,
  'GET /api/v1/gap-analysis': CONFIDENTIAL,
  // administration
  'GET /admin/audit': ADMIN,
  'GET /admin/outbox': ADMIN,
  'GET /admin/outbox/:id': ADMIN,
  'GET /admin/users': ADMIN,
  'POST /admin/users/:id/role': ADMIN,
  'POST /admin/users/:id/disable': ADMIN,
};
