// Public interface of the search module: one search over everything a reader may see (docs/architecture.md,
// "Search"). The owners declare what is searchable (`searchSources` in their module definitions) and call
// reindexSearch in the transactions that change it; this module owns the index (search_passages), the query, the
// page and the API. It has no rules of its own: every hit passes its owner's read rule, joined in the query.
import { defineModule } from '../../platform/modules/module.ts';
import searchRoutes from './search.routes.tsx';
import searchApi, { SearchHitOut } from './search.api.ts';
import { searchRebuildJob } from './search.job.ts';
import { eraseFromSearch, rebuildSearchIndex } from './search.service.ts';

export {
  reindexSearch,
  rebuildSearchIndex,
  search,
  parseSearch,
  segmentChinese,
  snippetHtml,
  SEARCH_KINDS,
  TS_CONFIG,
  type SearchKind,
  type SearchQuery,
  type SearchResult,
  type SearchHit,
} from './search.service.ts';

export const module = defineModule({
  name: 'search',
  routes: [searchRoutes, searchApi],
  apiSchemas: [SearchHitOut],
  jobs: [searchRebuildJob],
  // The index copies names (people, statements' speakers): an erasure indexes those records again from their owners.
  personalData: { erase: (tx, subject) => eraseFromSearch(tx, subject) },
  // Last in the module list: every owner's records are seeded by then.
  seed: async ({ db }) => Object.values(await rebuildSearchIndex(db)).reduce((a, b) => a + b, 0),
});
