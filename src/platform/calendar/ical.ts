// The platform's one iCalendar (RFC 5545 / iTIP RFC 5546) writer, used by meetings, events and the personal feed.
// Timed items are written in the wall-clock time of their IANA zone (DTSTART;TZID=<zone>), with one VTIMEZONE per
// zone used (timezones-ical-library); items without a zone, or in UTC, in UTC; all-day items as DATE values. Every
// line ends with CRLF, the last one (END:VCALENDAR) too.
import ical, {
  ICalAttendeeRole,
  ICalAttendeeStatus,
  ICalCalendarMethod,
  ICalEventStatus,
  type ICalTZDateStub,
} from 'ical-generator';
import { tzlib_get_ical_block } from 'timezones-ical-library';
import type { Locale } from '../i18n/index.ts';
import { localTime } from '../i18n/time.ts';

export type IcsMethod = 'publish' | 'request' | 'cancel';

export interface IcsPerson {
  name: string;
  email: string;
}

export interface IcsItem {
  /** Stable across versions: calendar clients update the entry by it. */
  uid: string;
  /** Raised on every change of time, place or status (iCalendar SEQUENCE). */
  sequence?: number;
  start: Date;
  end: Date;
  /** All-day: start and end are the UTC midnights of the local dates (end exclusive), written as DATE values. */
  allDay?: boolean;
  /** The IANA zone the item is held in: a timed item is written in its wall-clock time, with its VTIMEZONE. */
  timeZone?: string | null;
  summary: string;
  description?: string | null;
  location?: string | null;
  url?: string | null;
  status?: 'confirmed' | 'tentative' | 'cancelled';
  stamp?: Date;
  lastModified?: Date;
  /** iTIP (REQUEST, CANCEL): who sends it, and to whom. */
  organizer?: IcsPerson | null;
  attendees?: IcsPerson[];
}

export interface IcsCalendar {
  method: IcsMethod;
  locale: Locale;
  /** The calendar's name (feeds). */
  name?: string;
  /** Seconds between polls (feeds). */
  ttl?: number;
  items: IcsItem[];
}

const blocks = new Map<string, string | null>();

/**
 * The VTIMEZONE of an IANA zone, its TZID the zone's own name (the library answers a linked zone, such as
 * Africa/Addis_Ababa, with its target's block: the rules are the same, the TZID must be the one the items use);
 * null when the library does not know the zone.
 */
export function vtimezone(zone: string): string | null {
  const known = blocks.get(zone);
  if (known !== undefined) return known;
  let block: string | null = null;
  try {
    const r = tzlib_get_ical_block(zone);
    const text = Array.isArray(r) ? r[0] : null;
    if (text?.startsWith('BEGIN:VTIMEZONE'))
      block = text
        .replace(/^TZID:.*$/m, `TZID:${zone}`)
        .replace(/^X-LIC-LOCATION:.*$/m, `X-LIC-LOCATION:${zone}`)
        .replace(/\r?\n/g, '\r\n');
  } catch {
    block = null;
  }
  blocks.set(zone, block);
  return block;
}

/** The zone an item's times are written in: its own when it has a VTIMEZONE, else none (UTC). */
function zoneOf(i: IcsItem): string | null {
  if (i.allDay || !i.timeZone || i.timeZone === 'UTC') return null;
  return vtimezone(i.timeZone) ? i.timeZone : null;
}

/** A Date whose local getters read its UTC fields: ical-generator writes a TZID time with the local getters. */
class WallClock extends Date {
  override getFullYear() {
    return this.getUTCFullYear();
  }
  override getMonth() {
    return this.getUTCMonth();
  }
  override getDate() {
    return this.getUTCDate();
  }
  override getHours() {
    return this.getUTCHours();
  }
  override getMinutes() {
    return this.getUTCMinutes();
  }
  override getSeconds() {
    return this.getUTCSeconds();
  }
}

/**
 * An instant that ical-generator writes in a zone's wall-clock time (its TZDate interface): whatever the process's
 * own zone, and without the gaps of the process's daylight-saving changes.
 */
class ZonedInstant extends Date implements ICalTZDateStub {
  readonly internal: Date;
  constructor(d: Date) {
    super(d.getTime());
    this.internal = new Date(d.getTime());
  }
  withTimeZone(timeZone?: string | null): ICalTZDateStub {
    if (!timeZone || timeZone === 'UTC') return new ZonedInstant(this.internal);
    const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(localTime(this.internal, timeZone))!;
    const wall = new WallClock(Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], this.internal.getUTCSeconds()));
    return Object.assign(wall, { withTimeZone: () => wall as unknown as ICalTZDateStub }) as ICalTZDateStub;
  }
  tzComponents() {
    return this.internal;
  }
}

const METHODS = {
  publish: ICalCalendarMethod.PUBLISH,
  request: ICalCalendarMethod.REQUEST,
  cancel: ICalCalendarMethod.CANCEL,
} as const;

const STATUSES = {
  confirmed: ICalEventStatus.CONFIRMED,
  tentative: ICalEventStatus.TENTATIVE,
  cancelled: ICalEventStatus.CANCELLED,
} as const;

/** "Name <address>" (MAIL_FROM) as an organizer. */
export function mailbox(from: string): IcsPerson {
  const m = /^\s*"?([^"<]*?)"?\s*<([^>]+)>\s*$/.exec(from);
  return m ? { name: m[1].trim() || m[2], email: m[2].trim() } : { name: from.trim(), email: from.trim() };
}

/** The calendar as text: one VTIMEZONE per zone its items use, CRLF line ends, and a final CRLF. */
export function writeIcs(c: IcsCalendar): string {
  const cal = ical({
    prodId: {
      company: 'United Nations',
      product: 'Counter-Terrorism Coordination Platform',
      language: c.locale.toUpperCase(),
    },
    method: METHODS[c.method],
    ...(c.name ? { name: c.name } : {}),
    ...(c.ttl ? { ttl: c.ttl } : {}),
    // No calendar-wide zone (a feed mixes zones); the generator is asked for each item's zone.
    timezone: { name: null, generator: vtimezone },
  });
  for (const i of c.items) {
    const zone = zoneOf(i);
    const status = c.method === 'cancel' ? 'cancelled' : (i.status ?? 'confirmed');
    const ev = cal.createEvent({
      id: i.uid,
      sequence: i.sequence ?? 0,
      start: zone ? new ZonedInstant(i.start) : i.start,
      end: zone ? new ZonedInstant(i.end) : i.end,
      allDay: !!i.allDay,
      timezone: zone,
      stamp: i.stamp ?? new Date(),
      ...(i.lastModified ? { lastModified: i.lastModified } : {}),
      summary: i.summary,
      description: i.description || undefined,
      location: i.location || undefined,
      url: i.url || undefined,
      status: STATUSES[status],
    });
    if (i.organizer && c.method !== 'publish') ev.organizer({ name: i.organizer.name, email: i.organizer.email });
    if (c.method !== 'publish')
      for (const a of i.attendees ?? [])
        ev.createAttendee({
          name: a.name,
          email: a.email,
          role: ICalAttendeeRole.REQ,
          status: ICalAttendeeStatus.NEEDSACTION,
          rsvp: false,
        });
  }
  const text = cal.toString();
  return text.endsWith('\r\n') ? text : `${text}\r\n`;
}

/** The content lines of an .ics file, unfolded (tests, checks). */
export const icsLines = (text: string): string[] => text.replace(/\r\n[ \t]/g, '').split('\r\n');

/** Every TZID an .ics file uses, and every VTIMEZONE it carries (tests, checks). */
export function icsZones(text: string): { used: string[]; defined: string[] } {
  const l = icsLines(text);
  const used = new Set(l.flatMap((x) => /^[A-Z-]+;(?:[^:]*;)?TZID=([^:;]+)/.exec(x)?.[1] ?? []));
  const defined = new Set(
    l.flatMap((x, i) => (x === 'BEGIN:VTIMEZONE' ? (/^TZID:(.+)$/.exec(l[i + 1])?.[1] ?? []) : [])),
  );
  return { used: [...used].sort(), defined: [...defined].sort() };
}
