// Public interface of the home module: the home page (anonymous: what the platform is; signed in: the person's
// workspace — tasks, upcoming items, notifications), the notifications pages and API, the personal calendar feed,
// the health endpoints, and the help page and accessibility statement (linked from every page's footer). The
// workspace's content comes from every module through the contract's `tasks` and `calendarFor`
// (platform/modules/workspace.ts); nothing here imports another module.
import { defineModule } from '../../platform/modules/module.ts';
import homeRoutes from './home.routes.tsx';
import homeApi from './home.api.ts';
import aboutRoutes from './about.routes.tsx';
import workspaceApi, { workspaceApiSchemas } from './workspace.api.ts';

export const module = defineModule({
  name: 'home',
  routes: [homeRoutes, aboutRoutes, homeApi, workspaceApi],
  apiSchemas: workspaceApiSchemas,
});
