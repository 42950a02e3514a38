// The public article rendered outside a request, through the page's own view: what the publishing monitor renders
// and checks for every published news item, in each language (a reader's view: anonymous, the language's catalogue).
import { render } from 'preact-render-to-string';
import type { Locale } from '../../../platform/i18n/index.ts';
import { readerContext } from '../../../platform/views/context.ts';
import type { PublicContent } from '../../publishing/index.ts';
import { fromContent } from './news.service.ts';
import { NewsArticle } from './news.views.tsx';

export const renderNewsArticle = (content: PublicContent, locale: Locale) =>
  render(<NewsArticle ctx={readerContext(locale, '/news')} content={fromContent(content)} />);
