// Public interface of the privacy module: retention overview and runs, erasure of a person, a person's own data.
// The personal data itself is declared by its owners (`personalData` in each module's definition, and the platform's
// in platform/privacy); this module only presents and triggers.
import { defineModule } from '../../platform/modules/module.ts';
import { privacyPolicy } from './privacy.policy.ts';
import privacyRoutes from './privacy.routes.tsx';
import privacyApi from './privacy.api.ts';

export { eraseUser, erasurePreview, myData, retentionOverview, runRetentionNow } from './privacy.service.ts';

export const module = defineModule({
  name: 'privacy',
  policy: privacyPolicy,
  routes: [privacyRoutes, privacyApi],
  nav: [
    {
      order: 140,
      href: '/admin/privacy',
      labelKey: 'privacy.nav',
    },
  ],
});
