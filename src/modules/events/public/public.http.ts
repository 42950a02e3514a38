// The listing's query string, shared by the listing page and GET /api/v1/events.
import { Type } from 'typebox';
import { EVENT_FORMATS, EVENT_TYPES, type EventFormat, type EventType } from '../events.schema.ts';
import type { EventFilters } from './public.service.ts';

const Empty = Type.Literal('');
export const ListQuery = Type.Object({
  when: Type.Optional(Type.Union([Type.Literal('upcoming'), Type.Literal('past')])),
  type: Type.Optional(Type.Union([Empty, ...EVENT_TYPES.map((t) => Type.Literal(t))])),
  format: Type.Optional(Type.Union([Empty, ...EVENT_FORMATS.map((t) => Type.Literal(t))])),
  series: Type.Optional(Type.String({ maxLength: 100 })),
  pillar: Type.Optional(Type.String({ maxLength: 100 })),
  theme: Type.Optional(Type.String({ maxLength: 100 })),
  q: Type.Optional(Type.String({ maxLength: 200 })),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000 })),
});

/** The filters of the listing from a query string ('' = no filter). */
export const toFilters = (q: Record<string, unknown>, page: number, pageSize: number): EventFilters => ({
  when: q.when === 'past' ? 'past' : 'upcoming',
  type: (q.type || undefined) as EventType | undefined,
  format: (q.format || undefined) as EventFormat | undefined,
  series: (q.series as string) || undefined,
  pillar: (q.pillar as string) || undefined,
  theme: (q.theme as string) || undefined,
  q: (q.q as string) || undefined,
  page,
  pageSize,
});
