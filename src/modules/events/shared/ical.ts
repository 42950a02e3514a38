// iCalendar (RFC 5545) for events: one event, a series, all public events. Times are written in UTC, which every
// calendar converts to its own zone; the event's IANA zone goes into the description. The meeting link is included
// only in the file sent to an accepted participant.
import ical, { ICalCalendarMethod } from 'ical-generator';
import type { Locale } from '../../../platform/i18n/index.ts';
import { pick } from '../../../platform/i18n/text.ts';
import { localDay } from './time.ts';
import { type TranslatableText } from '../../../platform/i18n/text.ts';

export interface IcsEvent {
  id: string;
  slug: string;
  title: TranslatableText;
  summary: TranslatableText;
  venue: string | null;
  timeZone: string;
  allDay: boolean;
  startsAt: Date;
  endsAt: Date;
  status: string;
  updatedAt: Date;
}

export interface IcsOptions {
  name: string;
  locale: Locale;
  baseUrl: string;
  /** Only for an accepted participant's own file. */
  meetingUrl?: string | null;
  method?: 'publish' | 'request';
}

export function eventsIcs(list: IcsEvent[], o: IcsOptions): string {
  const cal = ical({
    name: o.name,
    prodId: {
      company: 'United Nations',
      product: 'Counter-Terrorism Coordination Platform',
      language: o.locale.toUpperCase(),
    },
    method: o.method === 'request' ? ICalCalendarMethod.REQUEST : ICalCalendarMethod.PUBLISH,
  });
  for (const e of list) {
    const url = `${o.baseUrl}/events/${e.slug}`;
    const summary = pick(e.summary, o.locale)?.text ?? '';
    const description = [summary, `${e.timeZone}`, url, o.meetingUrl ? o.meetingUrl : ''].filter(Boolean).join('\n\n');
    cal.createEvent({
      id: `${e.id}@ctcp`,
      // All-day events: the local dates of the event's zone, as DATE values (end exclusive).
      start: e.allDay ? new Date(`${localDay(e.startsAt, e.timeZone)}T00:00:00Z`) : e.startsAt,
      end: e.allDay ? new Date(`${localDay(e.endsAt, e.timeZone)}T00:00:00Z`) : e.endsAt,
      allDay: e.allDay,
      stamp: e.updatedAt,
      lastModified: e.updatedAt,
      summary: pick(e.title, o.locale)?.text ?? e.slug,
      description,
      location: o.meetingUrl ? [e.venue, o.meetingUrl].filter(Boolean).join(' — ') : (e.venue ?? undefined),
      url,
      status: e.status === 'cancelled' ? ('CANCELLED' as never) : ('CONFIRMED' as never),
    });
  }
  return cal.toString();
}
