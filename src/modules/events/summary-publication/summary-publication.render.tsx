// A Chair's Summary's signed text rendered outside a request, through the event page's own summary section: what the
// publishing monitor renders and checks for every published summary, in each language.
import { render } from 'preact-render-to-string';
import type { Locale } from '../../../platform/i18n/index.ts';
import { readerContext } from '../../../platform/views/context.ts';
import type { PublicContent } from '../../publishing/index.ts';
import { SummarySection } from '../outputs/outputs.views.tsx';
import { summaryTextOf, type SummaryItem } from './summary-publication.service.ts';

export function renderSummaryText(content: PublicContent, locale: Locale): string {
  const text = summaryTextOf(content);
  const items: SummaryItem[] = (['conclusion', 'recommendation'] as const).flatMap((kind) =>
    (kind === 'conclusion' ? text.conclusions : text.recommendations).map((body, sort) => ({
      id: '',
      kind,
      sort,
      language: text.language,
      body,
    })),
  );
  // The slug only addresses documents, which are not part of the signed text.
  return render(<SummarySection ctx={readerContext(locale, '/events')} slug="" summary={{ items, documents: [] }} />);
}
