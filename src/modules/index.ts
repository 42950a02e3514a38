// The one list of modules. app.ts registers their policies, schemas and routes in this order, and `ctcp seed`
// runs their seeds in this order (a module's seed may rely on the modules above it).
// Adding a module: one folder under src/modules with an index.ts exporting `module`, and one line here.
import type { ModuleDefinition } from '../platform/modules/module.ts';
import { module as directory } from './directory/index.ts';
import { module as compact } from './compact/index.ts';
import { module as framework } from './framework/index.ts';
import { module as access } from './access/index.ts';
import { module as assessments } from './assessments/index.ts';
import { module as portfolio } from './portfolio/index.ts';
import { module as library } from './library/index.ts';
import { module as events } from './events/index.ts';
import { module as publishing } from './publishing/index.ts';
import { module as news } from './news/index.ts';
import { module as admin } from './admin/index.ts';
import { module as privacy } from './privacy/index.ts';
import { module as home } from './home/index.ts';
import { module as search } from './search/index.ts';

export const MODULES: readonly ModuleDefinition[] = [
  directory,
  compact,
  framework,
  access,
  assessments,
  portfolio,
  library,
  events,
  publishing,
  news,
  admin,
  privacy,
  home,
  search,
];
