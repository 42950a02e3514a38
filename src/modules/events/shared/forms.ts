// Reading the events' HTML forms: one value or several from a field, a choice from a list, a local date and time.
import { isTimeZone, zonedTime } from '../../../platform/i18n/time.ts';
import type { FieldError } from '../../../platform/http/errors.ts';

export type FormValues = Record<string, string | string[] | undefined>;
/** One trimmed value ('' when absent). */
export const one = (v: FormValues[string]) => (Array.isArray(v) ? (v[0] ?? '') : (v ?? '')).trim();
/** Every non-empty trimmed value of a repeated field. */
export const many = (v: FormValues[string]) =>
  (Array.isArray(v) ? v : v ? [v] : []).map((x) => x.trim()).filter(Boolean);
const LOCAL = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/;

/** A value that must be one of a list (the field's error otherwise). */
export const choice = <T extends string>(v: string, list: readonly T[], field: string, fields: FieldError[]): T => {
  if (!(list as readonly string[]).includes(v)) fields.push({ field, messageKey: 'validation.choice' });
  return v as T;
};

/** An instant from a datetime-local field, read in the event's zone. */
export function instant(v: FormValues, name: string, tz: string, fields: FieldError[], required: boolean): Date | null {
  const s = one(v[name]);
  if (!s) {
    if (required) fields.push({ field: name, messageKey: 'validation.required' });
    return null;
  }
  if (!LOCAL.test(s) || Number.isNaN(Date.parse(`${s}:00Z`))) {
    fields.push({ field: name, messageKey: 'validation.dateTime' });
    return null;
  }
  return isTimeZone(tz) ? zonedTime(s, tz) : null;
}

/**
 * "The end must come after the start", said with the other errors: compared as instants when the zone is valid, and as
 * wall-clock times when it is not (so fixing the zone does not bring this error in a second round).
 */
export function endAfterStart(
  v: FormValues,
  names: { start: string; end: string },
  instants: { start: Date | null; end: Date | null },
  fields: FieldError[],
) {
  const start = one(v[names.start]);
  const end = one(v[names.end]);
  const before =
    instants.start && instants.end
      ? instants.end <= instants.start
      : LOCAL.test(start) && LOCAL.test(end) && end <= start;
  if (before && !fields.some((f) => f.field === names.end))
    fields.push({ field: names.end, messageKey: 'events.errors.endBeforeStart' });
}
