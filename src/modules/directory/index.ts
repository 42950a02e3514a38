// Public interface of the directory module: organizations, people, memberships, focal points, working groups.
import { defineModule } from '../../platform/modules/module.ts';
import { directoryPolicy } from './directory.policy.ts';
import directoryRoutes from './directory.routes.tsx';
import directoryApi, { OrganizationOut } from './directory.api.ts';
import { seedDirectory } from './directory.seed.ts';
import { directoryPersonalData } from './personal-data.service.ts';
import { directorySearchSources } from './search-source.ts';

export * from './directory.service.ts';
export {
  ORG_TYPES,
  REGIONAL_GROUPS,
  type OrgType,
  type RegionalGroup,
  type LocalizedText,
} from './directory.schema.ts';
export { OrganizationOut } from './directory.api.ts';

export const module = defineModule({
  name: 'directory',
  policy: directoryPolicy,
  routes: [directoryRoutes, directoryApi],
  apiSchemas: [OrganizationOut],
  nav: [{ order: 20, href: '/directory', labelKey: 'nav.directory' }],
  seed: ({ db, demo }) => seedDirectory(db, { demo }),
  personalData: directoryPersonalData,
  searchSources: directorySearchSources,
});
