// Public interface of the framework module: pillars, resolutions and themes of the Global Strategy.
import { defineModule } from '../../platform/modules/module.ts';
import { frameworkPolicy } from './framework.policy.ts';
import frameworkRoutes from './framework.routes.tsx';
import frameworkApi from './framework.api.ts';
import { seedFramework } from './framework.service.ts';

export * from './framework.service.ts';

export const module = defineModule({
  name: 'framework',
  policy: frameworkPolicy,
  routes: [frameworkRoutes, frameworkApi],
  nav: [{ order: 30, href: '/framework', labelKey: 'nav.framework' }],
  seed: ({ db }) => seedFramework(db),
});
export { FRAMEWORK } from './data/framework.ts';
