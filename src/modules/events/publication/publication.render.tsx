// An event's public text rendered outside a request, through the event page's own parts (title, venue, summary and
// description): what the publishing monitor renders and checks for every published event, in each language.
import { render } from 'preact-render-to-string';
import type { Locale } from '../../../platform/i18n/index.ts';
import { readerContext } from '../../../platform/views/context.ts';
import type { PublicContent } from '../../publishing/index.ts';
import { EventAbout, EventTitle, EventVenue } from '../public/public.views.tsx';
import { eventTextOf } from './publication.service.ts';

export function renderEventText(content: PublicContent, locale: Locale): string {
  const ctx = readerContext(locale, '/events');
  const text = eventTextOf(content);
  return render(
    <article class="event">
      <EventTitle ctx={ctx} text={text} />
      <dl class="facts">
        <EventVenue ctx={ctx} text={text} />
      </dl>
      <EventAbout ctx={ctx} text={text} />
    </article>,
  );
}
