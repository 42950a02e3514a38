// Public interface of the assessments module: visits, reports and the assessed State's consent.
import { defineModule } from '../../platform/modules/module.ts';
import { can } from '../../platform/auth/policy.ts';
import { assessmentsPolicy } from './assessments.policy.ts';
import assessmentsRoutes from './assessments.routes.tsx';
import reportsRoutes from './reports.routes.tsx';
import { seedDemoVisits } from './assessments.seed.ts';

export * from './assessments.service.ts';
export * from './reports.service.ts';
export * from './consent.service.ts';
export * from './consent.sql.ts';

export const module = defineModule({
  name: 'assessments',
  policy: assessmentsPolicy,
  routes: [assessmentsRoutes, reportsRoutes],
  nav: [
    {
      order: 40,
      href: '/assessments/visits',
      labelKey: 'nav.assessments',
      visible: (a) => can(a, 'assessment.visit.list'),
    },
  ],
  seed: async ({ db, demo }) => (demo ? await seedDemoVisits(db) : 0),
});
