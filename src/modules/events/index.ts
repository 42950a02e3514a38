// Public interface of the events module: events from concept note to outcome report.
// Sub-features each have a folder (service, page routes, JSON API, views); their route plugins are listed here.
import { h } from 'preact';
import { remindersJob } from './registration/reminders.job.ts';
import { defineModule } from '../../platform/modules/module.ts';
import { eventsPolicy } from './events.policy.ts';
import { seedEvents } from './events.seed.ts';
import publicRoutes from './public/public.routes.tsx';
import publicApi from './public/public.api.ts';
import statsApi from './public/stats.api.ts';
import authoringRoutes from './authoring/authoring.routes.tsx';
import authoringApi from './authoring/authoring.api.ts';
import programmeApi from './programme/programme.api.ts';
import documentsApi from './documents/documents.api.ts';
import sideEventsApi from './side-events/side-events.api.ts';
import outputsApi from './outputs/outputs.api.ts';
import attendanceApi from './registration/attendance.api.ts';
import programmeRoutes from './programme/programme.routes.tsx';
import documentsRoutes from './documents/documents.routes.tsx';
import floorRoutes from './floor/floor.routes.tsx';
import floorApi from './floor/floor.api.ts';
import statementsRoutes from './statements/statements.routes.tsx';
import statementsApi from './statements/statements.api.ts';
import sideEventsRoutes from './side-events/side-events.routes.tsx';
import outputsRoutes from './outputs/outputs.routes.tsx';
import registrationRoutes from './registration/registration.routes.tsx';
import registrationApi from './registration/registration.api.ts';
import bulkRoutes from './registration/bulk.routes.tsx';
import bulkApi from './registration/bulk.api.ts';
import figuresRoutes from './figures/figures.routes.tsx';
import figuresApi from './figures/figures.api.ts';
import manageRoutes from './manage/manage.routes.tsx';
import manageApi from './manage/manage.api.ts';
import { eventsPersonalData } from './personal-data.service.ts';
import { eventLinkTarget } from './shared/link-target.ts';
import { eventSearchSources } from './shared/search-source.ts';
import { eventCalendar, eventTasks } from './workspace.service.ts';
import { eventsHeldInPeriod, type EventFigures } from './briefing/briefing.service.ts';
import { EventsSection } from './briefing/briefing.views.tsx';
import { participationSentence } from './public/stats.service.ts';
import { registerPublicKind } from '../publishing/index.ts';
import { adoptPublishedEvents, EVENT_KIND, eventUrls } from './publication/publication.service.ts';
import { renderEventText } from './publication/publication.render.tsx';
import publicationRoutes from './publication/publication.routes.tsx';
import publicationApi from './publication/publication.api.ts';
import {
  adoptPublishedSummaries,
  SUMMARY_KIND,
  summaryUrls,
} from './summary-publication/summary-publication.service.ts';
import { renderSummaryText } from './summary-publication/summary-publication.render.tsx';
import summaryPublicationRoutes from './summary-publication/summary-publication.routes.tsx';
import summaryPublicationApi from './summary-publication/summary-publication.api.ts';

export { sendReminders, pendingReminders, type ReminderRun } from './registration/reminders.service.ts';
export { seedEvents, countSeeded, SEED_EVENT_SLUGS } from './events.seed.ts';
export { eventsHeldInPeriod, type EventFigures, type HeldEvent } from './briefing/briefing.service.ts';
export { publicEventRef, type PublicEventRef } from './shared/public-ref.ts';
export { adoptPublishedEvents, EVENT_KIND, ADOPTION_REASON } from './publication/publication.service.ts';
export {
  adoptPublishedSummaries,
  SUMMARY_KIND,
  SUMMARY_ADOPTION_REASON,
} from './summary-publication/summary-publication.service.ts';

// The monitor renders every published event's text through the event page's own parts.
registerPublicKind({ kind: EVENT_KIND, labelKey: 'events.publication.kind', urls: eventUrls, render: renderEventText });
// And every published Chair's Summary through the event page's summary section.
registerPublicKind({
  kind: SUMMARY_KIND,
  labelKey: 'events.summaryPublication.kind',
  urls: summaryUrls,
  render: renderSummaryText,
});

export const module = defineModule({
  name: 'events',
  jobs: [remindersJob],
  policy: eventsPolicy,
  routes: [
    publicRoutes,
    authoringRoutes,
    programmeRoutes,
    documentsRoutes,
    floorRoutes,
    statementsRoutes,
    sideEventsRoutes,
    outputsRoutes,
    registrationRoutes,
    bulkRoutes,
    figuresRoutes,
    manageRoutes,
    publicationRoutes,
    publicationApi,
    summaryPublicationRoutes,
    summaryPublicationApi,
    publicApi,
    registrationApi,
    statsApi,
    floorApi,
    statementsApi,
    authoringApi,
    programmeApi,
    documentsApi,
    sideEventsApi,
    outputsApi,
    attendanceApi,
    figuresApi,
    bulkApi,
    manageApi,
  ],
  nav: [
    { order: 10, href: '/events', labelKey: 'nav.events' },
    { order: 11, href: '/events/new', labelKey: 'events.authoring.new' },
  ],
  // Without demo: the upgrade of a deployment (events and Chair's Summaries published before the workflow get their
  // system revision).
  seed: async ({ db, demo }) =>
    (demo ? await seedEvents(db, { demo }) : 0) +
    (await adoptPublishedEvents(db)) +
    (await adoptPublishedSummaries(db)),
  personalData: eventsPersonalData,
  linkTargets: [eventLinkTarget],
  searchSources: eventSearchSources,
  tasks: eventTasks,
  calendarFor: eventCalendar,
  briefing: {
    key: 'events',
    order: 30,
    figures: eventsHeldInPeriod,
    render: (ctx, figures) =>
      h(EventsSection, {
        ctx,
        figures: figures as EventFigures,
        sentence: (f) => participationSentence(ctx.locale, f),
      }),
  },
});
