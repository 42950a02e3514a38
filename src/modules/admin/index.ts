// Public interface of the admin module: the audit-log browser, the e-mail outbox, user administration pages.
import { defineModule } from '../../platform/modules/module.ts';
import { adminPolicy } from './admin.policy.ts';
import adminRoutes from './admin.routes.tsx';

export { auditPage, outboxMessage, outboxPage } from './admin.service.ts';

export const module = defineModule({
  name: 'admin',
  policy: adminPolicy,
  routes: [adminRoutes],
  nav: [
    { order: 110, href: '/admin/users', labelKey: 'nav.users' },
    { order: 120, href: '/admin/audit', labelKey: 'nav.audit' },
    { order: 130, href: '/admin/outbox', labelKey: 'nav.outbox' },
  ],
});
