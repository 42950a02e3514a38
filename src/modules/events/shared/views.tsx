// Views shared by several events pages: an event's dates.
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
