// The public document page's content part rendered outside a request, through the page's own components (the title
// and the summary of DocumentView, with a reader's view context): what the publishing monitor renders and checks for
// every published library document. The signed file names and hashes are checked as values by the check itself.
import { render } from 'preact-render-to-string';
import type { Locale } from '../../../platform/i18n/index.ts';
import { readerContext } from '../../../platform/views/context.ts';
import type { PublicContent } from '../../publishing/index.ts';
import { DocumentSummary, DocumentTitle } from '../documents/documents.views.tsx';
import { fromContent } from './publication.content.ts';

export const renderLibraryDocument = (content: PublicContent, locale: Locale) => {
  const ctx = readerContext(locale, '/library');
  const d = fromContent(content);
  return render(
    <>
      <DocumentTitle ctx={ctx} d={d} />
      <DocumentSummary ctx={ctx} d={d} />
    </>,
  );
};
