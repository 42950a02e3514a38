// The personal calendar's items: what a module's `calendarFor` gives the personal iCalendar feed and the home page
// (platform/modules/module.ts). Plain data; the feed renders them with the platform's iCalendar writer (ical.ts).
import type { LocalizedText } from '../i18n/index.ts';

export interface CalendarItem {
  /** Stable and unique across modules (`event-<id>@ctcp`, `meeting-<id>@ctcp`): calendar clients update by it. */
  uid: string;
  /** The title in every language it has (the feed and the page pick the person's), or one plain string. */
  title: LocalizedText | string;
  start: Date;
  end: Date;
  allDay?: boolean;
  /** The IANA time zone the item is held in (display only; start and end are instants). */
  timeZone?: string | null;
  location?: string | null;
  /** A local path on the platform (`/events/…`); the feed makes it absolute. */
  url?: string | null;
  /** The item's iCalendar SEQUENCE (the same as in the owner's own .ics files), 0 when absent. */
  sequence?: number;
  /** confirmed (accepted), tentative (pending), cancelled. */
  status?: 'confirmed' | 'tentative' | 'cancelled';
  /** What it is to the person, a catalogue key (`feed.kind.registered`…), for the home page's list. */
  kindKey?: string;
}
