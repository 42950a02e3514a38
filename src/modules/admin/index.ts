// Public interface of the admin module: the audit-log browser, the e-mail outbox, user administration pages.
import { defineModule } from '../../platform/modules/module.ts';
import { can } from '../../platform/auth/policy.ts';
import { adminPolicy } from './admin.policy.ts';
import adminRoutes from './admin.routes.tsx';

export { auditPage, outboxMessage, outboxPage } from './admin.service.ts';

export const module = defineModule({
  name: 'admin',
  policy: adminPolicy,
  routes: [adminRoutes],
  nav: [
    { order: 110, href: '/admin/users', labelKey: 'nav.users', visible: (a) => can(a, 'admin.users.manage') },
    { order: 120, href: '/admin/audit', labelKey: 'nav.audit', visible: (a) => can(a, 'admin.audit.read') },
    { order: 130, href: '/admin/outbox', labelKey: 'nav.outbox', visible: (a) => can(a, 'admin.outbox.read') },
  ],
});
