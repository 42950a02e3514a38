// Views shared by several events pages: an event's dates, and the multiple select of the forms.
import { isUser } from '../../../platform/auth/policy.ts';
import { dateFormat, type Locale } from '../../../platform/i18n/index.ts';
import type { ViewContext } from '../../../platform/views/context.ts';
import type { EventRow } from './events.service.ts';
import { formatRange, sameZoneOffset } from './time.ts';

function dayRange(locale: Locale, e: Pick<EventRow, 'startsAt' | 'endsAt' | 'timeZone'>) {
  const last = new Date(e.endsAt.getTime() - 1);
  return dateFormat(locale, { dateStyle: 'long', timeZone: e.timeZone }).formatRange(e.startsAt, last);
}

/** The event's dates in its own zone, and in the reader's when the clocks differ. */
export function When({
  ctx,
  e,
  compact,
}: {
  ctx: ViewContext;
  e: Pick<EventRow, 'startsAt' | 'endsAt' | 'timeZone' | 'allDay'>;
  compact?: boolean;
}) {
  const { t, locale } = ctx;
  if (e.allDay) return <span>{dayRange(locale, e)}</span>;
  const own = formatRange(locale, e.startsAt, e.endsAt, e.timeZone);
  const viewer = ctx.timeZone || 'UTC';
  const differs = !sameZoneOffset(viewer, e.timeZone, e.startsAt);
  if (compact) return <span>{own}</span>;
  return (
    <>
      <span>{own}</span> <span class="muted">{t('events.eventZone', { zone: e.timeZone })}</span>
      {differs ? (
        <p class="notice zone" role="note">
          {t('events.yourZone', { zone: viewer, time: formatRange(locale, e.startsAt, e.endsAt, viewer) })}
          {isUser(ctx.actor) ? null : <> {t('events.zoneSignedOut')}</>}
        </p>
      ) : null}
    </>
  );
}

/** A list of choices where several may be picked (works without JavaScript). */
export function MultiSelect({
  name,
  label,
  options,
  values,
  error,
  hint,
  size = 8,
}: {
  name: string;
  label: string;
  options: { value: string; label: string }[];
  values: string[];
  error?: string;
  hint?: string;
  size?: number;
}) {
  const id = `f-${name}`;
  const described = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div class={`field${error ? ' has-error' : ''}`}>
      <label for={id}>{label}</label>
      {hint ? (
        <p class="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p class="error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
      <select
        id={id}
        name={name}
        multiple
        size={size}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={described}
      >
        {options.map((o) => (
          <option value={o.value} selected={values.includes(o.value)}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}
