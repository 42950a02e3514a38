// Views shared by several events pages: an event's dates, and the badges that say what state it is in.
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
  // A signed-in reader who never chose a zone is not told that UTC is theirs: they are asked to choose one.
  const unknown = isUser(ctx.actor) && ctx.timeZoneConfirmed === false;
  return (
    <>
      <span>{own}</span> <span class="muted">{t('events.eventZone', { zone: e.timeZone })}</span>
      {unknown ? (
        <p class="notice zone" role="note">
          {t('events.zoneUnknown')}{' '}
          <a href={`/account/time-zone?next=${encodeURIComponent(ctx.path)}`}>{t('events.zoneChoose')}</a>
        </p>
      ) : differs ? (
        <p class="notice zone" role="note">
          {t('events.yourZone', { zone: viewer, time: formatRange(locale, e.startsAt, e.endsAt, viewer) })}
          {isUser(ctx.actor) ? null : <> {t('events.zoneSignedOut')}</>}
        </p>
      ) : null}
    </>
  );
}

/**
 * What an event's title is always shown with, wherever it is listed (the list, search results, a series, side events,
 * the workspace): "Draft" until it is published, "Cancelled", "Demo data".
 */
export function EventBadges({ ctx, e }: { ctx: ViewContext; e: Pick<EventRow, 'status' | 'isDemo'> }) {
  const { t } = ctx;
  return (
    <>
      {e.status === 'draft' ? <span class="badge draft">{t('events.eventStatus.draft')}</span> : null}
      {e.status === 'cancelled' ? <span class="badge badge-warning">{t('events.cancelled')}</span> : null}
      {e.isDemo ? <span class="badge">{t('common.demoData')}</span> : null}
    </>
  );
}

/** The pages of an event's management menu, in its order (each a page that needs `event.manage`), and their names. */
export const MANAGE_PAGES = {
  manage: 'events.manage.overview',
  edit: 'events.manage.details',
  programme: 'events.authoring.programme',
  registrations: 'events.manageRegistrations',
  messages: 'events.messages.title',
  documents: 'events.documents',
  'side-events/proposals': 'events.side.proposals',
  summary: 'events.outputs.summary',
  figures: 'events.figures.title',
  clone: 'events.clone.title',
} as const;
export type ManagePage = keyof typeof MANAGE_PAGES;

/**
 * The management menu of an event, shown on its management pages (they need `event.manage`, so everyone who sees
 * one may follow every link): overview, details, programme, registrations, messages, documents, side events (an
 * umbrella week's), outputs, figures, cloning.
 */
export function ManageMenu({
  ctx,
  slug,
  current,
  week,
}: {
  ctx: ViewContext;
  slug: string;
  current?: ManagePage;
  /** Whether the event is an umbrella week (side events are proposed to weeks); unknown shows the link. */
  week?: boolean;
}) {
  const { t } = ctx;
  const pages = (Object.keys(MANAGE_PAGES) as ManagePage[]).filter(
    (p) => p !== 'side-events/proposals' || week !== false,
  );
  return (
    <nav class="manage-menu" aria-label={t('events.manage.menu')}>
      <ul>
        {pages.map((p) => (
          <li>
            <a href={`/events/${slug}/${p}`} aria-current={p === current ? 'page' : undefined}>
              {t(MANAGE_PAGES[p])}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
