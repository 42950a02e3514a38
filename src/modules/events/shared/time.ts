// Dates of events: in the event's IANA time zone, and in the reader's when it differs.
import { dateFormat, type Locale } from '../../../platform/i18n/index.ts';

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

const sameOffsets = new Map<string, boolean>();

/** The same wall-clock offset at two instants? Used to say whether the reader's zone differs from the event's. Kept
 * as ranges are: two formats per event page otherwise. */
export function sameZoneOffset(a: string, b: string, at: Date): boolean {
  if (a === b) return true;
  const key = `${a}|${b}|${at.getTime()}`;
  const kept = sameOffsets.get(key);
  if (kept !== undefined) return kept;
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
  const same = wall(a) === wall(b);
  if (sameOffsets.size >= 10_000) sameOffsets.clear();
  sameOffsets.set(key, same);
  return same;
}
