// Wall-clock times in IANA time zones: the one place that turns "2027-03-01T10:00 in Europe/Geneva" into an instant
// and back (events, meetings, account settings).
import { dateFormat } from './index.ts';

/** Is this an IANA time-zone name Intl knows? */
export function isTimeZone(tz: string): boolean {
  try {
    dateFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

const wallParts = (d: Date, timeZone: string) =>
  Object.fromEntries(
    dateFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    })
      .formatToParts(d)
      .map((x) => [x.type, x.value]),
  );

/**
 * An instant from a wall-clock time in a zone ("2027-03-01T10:00" in Europe/Geneva); null when the text is not such a
 * time. Two passes settle the zone's offset, also across daylight-saving changes.
 */
export function zonedTime(local: string, timeZone: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local);
  if (!m) return null;
  const asUtc = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5]);
  if (Number.isNaN(asUtc) || new Date(asUtc).getUTCMonth() !== +m[2] - 1 || +m[4] > 23 || +m[5] > 59) return null;
  let t = asUtc;
  for (let i = 0; i < 2; i++) {
    const p = wallParts(new Date(t), timeZone);
    t += asUtc - Date.UTC(+p.year, +p.month - 1, +p.day, +p.hour, +p.minute);
  }
  return new Date(t);
}

/** The wall-clock time of an instant in a zone, as 'YYYY-MM-DDTHH:MM'. */
export function localTime(d: Date, timeZone: string): string {
  const p = wallParts(d, timeZone);
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}`;
}
