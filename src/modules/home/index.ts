// Public interface of the home module: the home page (anonymous: what the platform is; signed in: the person's
// workspace — tasks, upcoming items, notifications), the notifications pages and API, the personal calendar feed,
// and the health endpoints. The workspace's content comes from every module through the contract's `tasks` and
// `calendarFor` (platform/modules/workspace.ts); nothing here imports another module.
import { defineModule } from '../../platform/modules/module.ts';
import homeRoutes from './home.routes.tsx';
import homeApi from './home.api.ts';
import workspaceApi, { workspaceApiSchemas } from './workspace.api.ts';

export const module = defineModule({
  name: 'home',
  routes: [homeRoutes, homeApi, workspaceApi],
  apiSchemas: workspaceApiSchemas,
});
