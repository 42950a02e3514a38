// Public interface of the portfolio module: needs, programmes and projects, gap analysis, roadmaps, import.
// Other modules use: its figures for the briefing pack (needFiguresForPeriod, also its `briefing` section).
import { defineModule } from '../../platform/modules/module.ts';
import { portfolioPolicy } from './portfolio.policy.ts';
import needsRoutes from './needs/needs.routes.tsx';
import needsApi from './needs/needs.api.ts';
import projectsRoutes from './projects/projects.routes.tsx';
import projectsApi from './projects/projects.api.ts';
import gapRoutes from './gap/gap.routes.tsx';
import gapApi from './gap/gap.api.ts';
import roadmapsRoutes from './roadmaps/roadmaps.routes.tsx';
import roadmapsApi from './roadmaps/roadmaps.api.ts';
import importRoutes from './import/import.routes.tsx';
import importApi from './import/import.api.ts';
import { seedDemoPortfolio } from './portfolio.seed.ts';
import { needLinkTarget, projectLinkTarget } from './links/link-targets.ts';
import { portfolioSearchSources } from './search-source.ts';
import { portfolioTasks } from './workspace.service.ts';
import { needFiguresForPeriod } from './briefing/briefing.service.ts';
import { renderNeeds } from './briefing/briefing.views.tsx';

export { needFiguresForPeriod, type NeedFigures } from './briefing/briefing.service.ts';

export const module = defineModule({
  name: 'portfolio',
  policy: portfolioPolicy,
  linkTargets: [needLinkTarget, projectLinkTarget],
  searchSources: portfolioSearchSources,
  routes: [
    needsRoutes,
    needsApi,
    projectsRoutes,
    projectsApi,
    gapRoutes,
    gapApi,
    roadmapsRoutes,
    roadmapsApi,
    importRoutes,
    importApi,
  ],
  nav: [
    { order: 50, href: '/needs', labelKey: 'nav.needs' },
    { order: 60, href: '/portfolio', labelKey: 'nav.portfolio' },
    { order: 70, href: '/gap-analysis', labelKey: 'nav.gap' },
    { order: 80, href: '/roadmaps', labelKey: 'nav.roadmaps' },
    { order: 90, href: '/import', labelKey: 'nav.import' },
  ],
  seed: async ({ db, demo }) => {
    if (!demo) return 0;
    const r = await seedDemoPortfolio(db);
    return r.needs + r.projects;
  },
  tasks: portfolioTasks,
  briefing: { key: 'needs', order: 20, figures: needFiguresForPeriod, render: renderNeeds },
});
