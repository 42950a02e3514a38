// Public interface of the admin module: the audit-log browser, the e-mail outbox, the failed jobs, user
// administration pages.
import { defineModule } from '../../platform/modules/module.ts';
import { adminPolicy } from './admin.policy.ts';
import adminRoutes from './admin.routes.tsx';
import adminApi from './admin.api.ts';

export { auditPage, deadLetter, outboxMessage, outboxPage, resendMessage } from './admin.service.ts';

export const module = defineModule({
  name: 'admin',
  policy: adminPolicy,
  routes: [adminRoutes, adminApi],
  nav: [
    { order: 110, href: '/admin/users', labelKey: 'nav.users' },
    { order: 120, href: '/admin/audit', labelKey: 'nav.audit' },
    { order: 130, href: '/admin/outbox', labelKey: 'nav.outbox' },
    { order: 135, href: '/admin/jobs', labelKey: 'nav.jobs' },
  ],
});
