// Public interface of the assessments module: visits, reports and the assessed State's consent.
// Other modules use: the consent condition (consentCovers), a visit's State (visitStateOf), the first visit to a State
// (demo seeds); events checks uploaded files as reports are checked (checkReportFile).
import { defineModule } from '../../platform/modules/module.ts';
import { assessmentsPolicy } from './assessments.policy.ts';
import visitsRoutes from './visits/visits.routes.tsx';
import visitsApi from './visits/visits.api.ts';
import reportsRoutes from './reports/reports.routes.tsx';
import reportsApi from './reports/reports.api.ts';
import consentRoutes from './consent/consent.routes.tsx';
import consentApi from './consent/consent.api.ts';
import { seedDemoVisits } from './assessments.seed.ts';
import { assessmentTasks } from './workspace.service.ts';
import { visitCountsForPeriod } from './briefing/briefing.service.ts';
import { renderVisits } from './briefing/briefing.views.tsx';
import { reportSearchSource } from './reports/search-source.ts';

export { consentCovers, consentedVisits, type ConsentPart } from './consent/consent.sql.ts';
export { checkReportFile } from './reports/reports.service.ts';
export { firstVisitOfState, visitStateOf } from './visits/visits.service.ts';
export { visitCountsForPeriod, type VisitFigures } from './briefing/briefing.service.ts';

export const module = defineModule({
  name: 'assessments',
  policy: assessmentsPolicy,
  routes: [visitsRoutes, visitsApi, reportsRoutes, reportsApi, consentRoutes, consentApi],
  nav: [
    {
      order: 40,
      href: '/assessments/visits',
      labelKey: 'nav.assessments',
    },
  ],
  seed: async ({ db, demo }) => (demo ? await seedDemoVisits(db) : 0),
  tasks: assessmentTasks,
  searchSources: [reportSearchSource],
  briefing: {
    key: 'visits',
    order: 10,
    figures: visitCountsForPeriod,
    render: renderVisits,
  },
});
