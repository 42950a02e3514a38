// Public interface of the library module: documents with one symbol for every language version, their revisions,
// distribution and classification, language parity, legal hold and retention. Other modules keep their documents
// here through these functions.
import { defineModule } from '../../platform/modules/module.ts';
import { libraryPolicy } from './library.policy.ts';
import documentsRoutes from './documents/documents.routes.tsx';
import documentsApi from './documents/documents.api.ts';
import { libraryRetentionJob } from './documents/retention.job.ts';
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
export {
  addSourcedRevision,
  createSourcedDocument,
  latestSourcedFiles,
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
  seed: async ({ db, demo, files }) => (demo ? (await seedLibrary(db, files)) + (await publishDemoDocuments(db)) : 0),
  jobs: [libraryRetentionJob],
});
