// Public interface of the access module: accounts, invitations, sessions, second factor, API tokens, users.
import { defineModule } from '../../platform/modules/module.ts';
import { accessPolicy } from './access.policy.ts';
import accessRoutes from './access.routes.tsx';
import accessApi from './access.api.ts';
import passkeyRoutes from './passkeys/passkeys.routes.tsx';
import passkeyApi from './passkeys/passkeys.api.ts';
import { seedDemoAccounts } from './access.seed.ts';
import { accessPersonalData } from './personal-data.service.ts';

export * from './access.service.ts';
export { DEMO_ACCOUNTS, DEMO_PASSWORD, DEMO_TOTP_SECRET, seedDemoAccounts } from './access.seed.ts';
export { INVITABLE_ROLES } from './access.policy.ts';

export const module = defineModule({
  name: 'access',
  policy: accessPolicy,
  routes: [accessRoutes, accessApi, passkeyRoutes, passkeyApi],
  nav: [{ order: 100, href: '/invitations/new', labelKey: 'nav.invite' }],
  seed: async ({ db, demo, sessionSecret }) => (demo ? await seedDemoAccounts(db, sessionSecret) : 0),
  personalData: accessPersonalData,
});
