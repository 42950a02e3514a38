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
import { registerPublicKind } from '../publishing/index.ts';
import publicationRoutes from './publishing/publication.routes.tsx';
import publicationApi from './publishing/publication.api.ts';
import { LIBRARY_KIND } from './publishing/publication.content.ts';
import { libraryUrls } from './publishing/publication.service.ts';
import { renderLibraryDocument } from './publishing/publication.render.tsx';
import { publishDemoDocuments } from './publishing/publication.seed.ts';

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

export { LIBRARY_KIND } from './publishing/publication.content.ts';

// Public documents go out through the two-signature workflow; the monitor renders each published one through the
// document page's own title and summary.
registerPublicKind({ kind: LIBRARY_KIND, labelKey: 'library.kind', urls: libraryUrls, render: renderLibraryDocument });

export const module = defineModule({
  name: 'library',
  policy: libraryPolicy,
  routes: [documentsRoutes, documentsApi, publicationRoutes, publicationApi],
  nav: [{ order: 45, href: '/library', labelKey: 'nav.library' }],
  // Every seed (with or without demo data) also keeps the briefing packs not kept yet (kept-packs.ts); the demo's
  // public documents are published with two signatures (publishing/publication.seed.ts).
  seed: async ({ db, demo, files }) => {
    const n = demo ? (await seedLibrary(db, files)) + (await publishDemoDocuments(db)) : 0;
    if (files) await keepBriefingPacks(db, files);
    return n;
  },
  jobs: [libraryRetentionJob, libraryExtractJob, libraryKeepJob],
  // Its documents' metadata and the text of their files (extract/): kind `library`.
  searchSources: [librarySearchSource],
});
