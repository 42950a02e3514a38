// Output schemas and mappers shared by the events' JSON API (routes in public/, registration/, floor/, statements/).
import { Type } from 'typebox';
import { LOCALES } from '../../../platform/i18n/index.ts';
import { NullableString, StringEnum } from '../../../platform/http/api.ts';
import {
  EVENT_FORMATS,
  EVENT_STATUSES,
  EVENT_TYPES,
  EVENT_VISIBILITIES,
  REGISTRATION_STATUSES,
} from '../events.schema.ts';
import type { Registration } from '../registration/registration.service.ts';
import type { EventRow } from './events.service.ts';
import { pick } from '../../../platform/i18n/text.ts';

export const tags = ['events'];
/** Anonymous readers, or a bearer token. */
export const security: Record<string, string[]>[] = [{}, { bearer: [] }];
export const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 120 }) });
export const SessionParams = Type.Object({
  id: Type.String({ minLength: 1, maxLength: 120 }),
  sid: Type.String({ maxLength: 36 }),
});
/** A local date and time in the event's time zone, as the forms take it. */
export const LocalTime = Type.String({
  pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}$',
  description: "Local date and time (YYYY-MM-DDTHH:MM) in the event's time zone",
});
/**
 * A text that is one part of a line the forms read ("a | b | c", one item per line): no "|" and no line break (nor
 * the other separators given), so the API's items reach the same parser unchanged.
 */
export const NoPipe = (maxLength: number, description: string, also = '') =>
  Type.String({ minLength: 1, maxLength, pattern: `^[^|\\r\\n${also}]+$`, description });

export const TranslatedOut = Type.Object(
  Object.fromEntries(
    LOCALES.map((l) => [l, Type.Optional(Type.Object({ text: Type.String(), status: Type.String() }))]),
  ),
);
export const Shown = Type.Object({ text: Type.String(), lang: Type.String(), fallback: Type.Boolean() });
export const EventSummaryOut = Type.Object(
  {
    id: Type.String(),
    slug: Type.String(),
    type: StringEnum(EVENT_TYPES),
    status: StringEnum(EVENT_STATUSES),
    format: StringEnum(EVENT_FORMATS),
    visibility: StringEnum(EVENT_VISIBILITIES),
    title: Shown,
    summary: Type.Union([Shown, Type.Null()]),
    timeZone: Type.String(),
    allDay: Type.Boolean(),
    startsAt: Type.String({ format: 'date-time' }),
    endsAt: Type.String({ format: 'date-time' }),
    venue: NullableString(),
    seriesNumber: Type.Union([Type.Integer(), Type.Null()]),
    pillars: Type.Array(Type.String()),
    themes: Type.Array(Type.String()),
    isDemo: Type.Boolean(),
  },
  { $id: 'EventSummary' },
);
export const RegistrationOut = Type.Object({
  id: Type.String(),
  eventId: Type.String(),
  status: StringEnum(REGISTRATION_STATUSES),
  attendance: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
});

export const shown = (f: Parameters<typeof pick>[0], locale: (typeof LOCALES)[number]) => {
  const p = pick(f, locale);
  return p ? { text: p.text, lang: p.lang, fallback: p.fallback } : null;
};
export const summaryOut = (e: EventRow, locale: (typeof LOCALES)[number]) => ({
  id: e.id,
  slug: e.slug,
  type: e.type,
  status: e.status,
  format: e.format,
  visibility: e.visibility,
  title: shown(e.title, locale) ?? { text: e.slug, lang: 'en', fallback: true },
  summary: shown(e.summary, locale),
  timeZone: e.timeZone,
  allDay: e.allDay,
  startsAt: e.startsAt.toISOString(),
  endsAt: e.endsAt.toISOString(),
  venue: e.venue,
  seriesNumber: e.seriesNumber,
  pillars: e.pillars,
  themes: e.themes,
  isDemo: e.isDemo,
});
export const regOut = (r: Registration) => ({
  id: r.id,
  eventId: r.eventId,
  status: r.status,
  attendance: r.attendance,
  createdAt: r.createdAt.toISOString(),
});
