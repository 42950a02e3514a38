// iCalendar (RFC 5545) for events — one event, a series, all public events, a session, a registrant's file — through
// the platform's one writer (platform/calendar/ical.ts): timed events in the wall-clock time of the event's IANA zone
// (DTSTART;TZID=…) with the zone's VTIMEZONE, all-day events as DATE values of their local days. SEQUENCE is the
// event's (raised by the database on every change of time, place or status). The meeting link is included only in
// the file sent to an accepted participant.
import type { Locale } from '../../../platform/i18n/index.ts';
import { pick } from '../../../platform/i18n/text.ts';
import { writeIcs, type IcsMethod, type IcsPerson } from '../../../platform/calendar/ical.ts';
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
  sequence?: number;
}

export interface IcsOptions {
  name: string;
  locale: Locale;
  baseUrl: string;
  /** Only for an accepted participant's own file. */
  meetingUrl?: string | null;
  method?: IcsMethod;
  /** iTIP (REQUEST, CANCEL): the sender and the registrant. */
  organizer?: IcsPerson | null;
  attendee?: IcsPerson | null;
}

export function eventsIcs(list: IcsEvent[], o: IcsOptions): string {
  return writeIcs({
    method: o.method ?? 'publish',
    locale: o.locale,
    name: o.name,
    items: list.map((e) => {
      const url = `${o.baseUrl}/events/${e.slug}`;
      const summary = pick(e.summary, o.locale)?.text ?? '';
      return {
        uid: `${e.id}@ctcp`,
        sequence: e.sequence ?? 0,
        // All-day events: the local dates of the event's zone, as DATE values (end exclusive).
        start: e.allDay ? new Date(`${localDay(e.startsAt, e.timeZone)}T00:00:00Z`) : e.startsAt,
        end: e.allDay ? new Date(`${localDay(e.endsAt, e.timeZone)}T00:00:00Z`) : e.endsAt,
        allDay: e.allDay,
        timeZone: e.timeZone,
        stamp: e.updatedAt,
        lastModified: e.updatedAt,
        summary: pick(e.title, o.locale)?.text ?? e.slug,
        description: [summary, e.timeZone, url, o.meetingUrl ?? ''].filter(Boolean).join('\n\n'),
        location: o.meetingUrl ? [e.venue, o.meetingUrl].filter(Boolean).join(' — ') : e.venue,
        url,
        status: e.status === 'cancelled' ? 'cancelled' : 'confirmed',
        organizer: o.organizer ?? null,
        attendees: o.attendee ? [o.attendee] : [],
      };
    }),
  });
}
