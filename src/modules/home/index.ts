// Public interface of the home module: the home page and the health endpoints.
import { defineModule } from '../../platform/modules/module.ts';
import homeRoutes from './home.routes.tsx';
import homeApi from './home.api.ts';

export const module = defineModule({ name: 'home', routes: [homeRoutes, homeApi] });
