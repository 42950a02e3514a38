// Dates of events: in the event's IANA time zone, and in the reader's when it differs.
import { dateFormat, type Locale } from '../../../platform/i18n/index.ts';

/** Is this an IANA time-zone name Intl knows? */
export function isTimeZone(tz: string): boolean {
  try {
    dateFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

// Intl's formatRange builds an interval formatter on every call (a quarter of a millisecond): ranges are kept.
const ranges = new Map<string, string>();

/** "8 January 2021, 09:00–10:30 EST" in the given zone (the zone's short name included). */
export function formatRange(locale: Locale, start: Date, end: Date, timeZone: string): string {
  const key = `${locale}|${timeZone}|${start.getTime()}|${end.getTime()}`;
  const kept = ranges.get(key);
  if (kept !== undefined) return kept;
  const f = dateFormat(locale, { dateStyle: 'long', timeStyle: 'short', timeZone });
  const range = f.formatRange(start, end);
  const zone =
    dateFormat(locale, { timeZone, timeZoneName: 'short' })
      .formatToParts(start)
      .find((p) => p.type === 'timeZoneName')?.value ?? timeZone;
  if (ranges.size >= 10_000) ranges.clear();
  ranges.set(key, `${range} (${zone})`);
  return `${range} (${zone})`;
}

export const formatTime = (locale: Locale, d: Date, timeZone: string) =>
  dateFormat(locale, { timeStyle: 'short', timeZone }).format(d);
export const formatDay = (locale: Locale, d: Date, timeZone: string) =>
  dateFormat(locale, { dateStyle: 'full', timeZone }).format(d);
/** The calendar day (YYYY-MM-DD) of an instant in a zone: programme days are the event's local days. */
export const localDay = (d: Date, timeZone: string) =>
  dateFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit', timeZone }).format(d);

/** The same wall-clock offset at two instants? Used to say whether the reader's zone differs from the event's. */
export function sameZoneOffset(a: string, b: string, at: Date): boolean {
  if (a === b) return true;
  const wall = (tz: string) =>
    dateFormat('en-GB', {
      timeZone: tz,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).format(at);
  return wall(a) === wall(b);
}

/** An instant from a local wall-clock time in a zone ("2021-01-08T09:00" in America/New_York). */
export function zonedTime(local: string, timeZone: string): Date {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local);
  if (!m) throw new Error(`bad local time ${local}`);
  const asUtc = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5]);
  // Two passes settle the offset also across daylight-saving changes.
  let t = asUtc;
  for (let i = 0; i < 2; i++) {
    const p = Object.fromEntries(
      dateFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
      })
        .formatToParts(new Date(t))
        .map((x) => [x.type, x.value]),
    );
    const wall = Date.UTC(+p.year, +p.month - 1, +p.day, +p.hour, +p.minute);
    t += asUtc - wall;
  }
  return new Date(t);
}
