// Public interface of the portfolio module: needs, programmes and projects, gap analysis, roadmaps, import.
import { defineModule } from '../../platform/modules/module.ts';
import { can } from '../../platform/auth/policy.ts';
import { portfolioPolicy } from './portfolio.policy.ts';
import portfolioRoutes from './portfolio.routes.tsx';
import portfolioApi from './portfolio.api.ts';
import importRoutes from './import.routes.tsx';
import roadmapsRoutes from './roadmaps.routes.tsx';
import { seedDemoPortfolio } from './portfolio.seed.ts';

export const module = defineModule({
  name: 'portfolio',
  policy: portfolioPolicy,
  routes: [portfolioRoutes, portfolioApi, importRoutes, roadmapsRoutes],
  nav: [
    { order: 50, href: '/needs', labelKey: 'nav.needs', visible: (a) => can(a, 'need.list') },
    { order: 60, href: '/portfolio', labelKey: 'nav.portfolio', visible: (a) => can(a, 'project.list') },
    { order: 70, href: '/gap-analysis', labelKey: 'nav.gap', visible: (a) => can(a, 'gap.read') },
    { order: 80, href: '/roadmaps', labelKey: 'nav.roadmaps', visible: (a) => can(a, 'roadmap.list') },
    { order: 90, href: '/import', labelKey: 'nav.import', visible: (a) => can(a, 'portfolio.import') },
  ],
  seed: async ({ db, demo }) => {
    if (!demo) return 0;
    const r = await seedDemoPortfolio(db);
    return r.needs + r.projects;
  },
});
