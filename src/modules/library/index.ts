// Public interface of the library module: documents with one symbol for every language version, their revisions,
// distribution and classification, language parity, legal hold and retention. Other modules keep their documents
// here through these functions.
import { defineModule } from '../../platform/modules/module.ts';
import { libraryPolicy } from './library.policy.ts';
import documentsRoutes from './documents/documents.routes.tsx';
import documentsApi from './documents/documents.api.ts';
import { libraryRetentionJob } from './documents/retention.job.ts';
import { libraryExtractJob } from './extract/extract.job.ts';
import { librarySearchSource } from './extract/search-source.ts';
import { libraryKeepJob } from './documents/keep.job.ts';
import { keepBriefingPacks } from './documents/kept-packs.ts';
import { seedLibrary } from './library.seed.ts';

export {
  createDocument,
  documentsVisibleSql,
  downloadFile,
  getDocument,
  listDocuments,
  parityOf,
  uploadRevision,
  type DocumentDetail,
  type LibraryDocument,
  type LibraryFile,
  type ParityRow,
} from './documents/documents.service.ts';
export { platformLevel } from './library.policy.ts';
export { latestFileTexts } from './extract/extract.service.ts';
export { briefingPacksWaiting, keepBriefingPacks } from './documents/kept-packs.ts';
export {
  addSourcedRevision,
  createSourcedDocument,
  latestSourcedFiles,
  sourcedHasFilesSql,
  SOURCE_PREFIXES,
  type DocumentSource,
} from './documents/sourced.service.ts';

export const module = defineModule({
  name: 'library',
  policy: libraryPolicy,
  routes: [documentsRoutes, documentsApi],
  nav: [{ order: 45, href: '/library', labelKey: 'nav.library' }],
  // Every seed (with or without demo data) also keeps the briefing packs not kept yet (kept-packs.ts).
  seed: async ({ db, demo, files }) => {
    const n = demo ? await seedLibrary(db, files) : 0;
    if (files) await keepBriefingPacks(db, files);
    return n;
  },
  jobs: [libraryRetentionJob, libraryExtractJob, libraryKeepJob],
  // Its documents' metadata and the text of their files (extract/): kind `library`.
  searchSources: [librarySearchSource],
});
