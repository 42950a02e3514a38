// Public interface of the events module: events from concept note to outcome report.
import { defineModule } from '../../platform/modules/module.ts';
import { eventsPolicy } from './events.policy.ts';
import eventsRoutes from './events.routes.tsx';
import eventsApi from './events.api.ts';
import { seedEvents } from './events.seed.ts';

export { sendReminders } from './events.reminders.ts';

export const module = defineModule({
  name: 'events',
  policy: eventsPolicy,
  routes: [eventsRoutes, eventsApi],
  nav: [{ order: 10, href: '/events', labelKey: 'nav.events', visible: () => true }],
  seed: async ({ db, demo }) => (demo ? await seedEvents(db, { demo }) : 0),
});
