// JSON API v1 for authoring events: create one, read and replace its settings. The same service as the event form
// (authoring.service.ts: every check, the `event.create` and `event.manage` rules, the audit entry); the API's body is
// turned into the form's values, and a 422's fields are named as the API names them.
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type, type Static } from 'typebox';
import { ctxOf } from '../../../platform/http/request-context.ts';
import { NullableString, StringEnum, withApiFieldNames } from '../../../platform/http/api.ts';
import { LOCALES, type Locale } from '../../../platform/i18n/index.ts';
import { TranslatableSchema, textFormValues, textIn } from '../../../platform/i18n/text.ts';
import { ORG_TYPES } from '../../directory/index.ts';
import {
  EVENT_FORMATS,
  EVENT_STATUSES,
  EVENT_TYPES,
  EVENT_VISIBILITIES,
  PARTICIPANT_LIST_VISIBILITIES,
  REGISTRATION_MODES,
} from '../events.schema.ts';
import { managedEvent, type EventRow } from '../shared/events.service.ts';
import type { FormValues } from '../shared/forms.ts';
import { IdParams, LocalTime, NoPipe, tags } from '../shared/api.ts';
import * as au from './authoring.service.ts';

const security = [{ bearer: [] }];

/** An event's settings: what the API takes to create or replace one, and gives back. */
export const EventInput = Type.Object(
  {
    slug: Type.String({ pattern: '^[a-z0-9][a-z0-9-]{2,99}$', description: 'The address: /events/{slug}' }),
    type: StringEnum(EVENT_TYPES),
    status: Type.Optional(StringEnum(EVENT_STATUSES, { default: 'draft' })),
    format: StringEnum(EVENT_FORMATS),
    visibility: Type.Optional(StringEnum(EVENT_VISIBILITIES, { default: 'public' })),
    registrationMode: Type.Optional(StringEnum(REGISTRATION_MODES, { default: 'closed' })),
    participantList: Type.Optional(StringEnum(PARTICIPANT_LIST_VISIBILITIES, { default: 'organizers' })),
    title: TranslatableSchema,
    summary: Type.Optional(TranslatableSchema),
    description: Type.Optional(TranslatableSchema),
    timeZone: Type.String({ maxLength: 64, description: 'IANA time zone, e.g. America/New_York' }),
    allDay: Type.Optional(Type.Boolean()),
    startsAt: LocalTime,
    endsAt: LocalTime,
    registrationOpensAt: Type.Optional(Type.Union([LocalTime, Type.Null()])),
    registrationClosesAt: Type.Optional(Type.Union([LocalTime, Type.Null()])),
    venue: Type.Optional(NullableString({ maxLength: 300 })),
    meetingUrl: Type.Optional(NullableString({ maxLength: 500, description: 'https only; shown to accepted people' })),
    capacity: Type.Optional(Type.Union([Type.Integer({ minimum: 1, maximum: 100000 }), Type.Null()])),
    waitlist: Type.Optional(Type.Boolean()),
    showCsoParticipants: Type.Optional(Type.Boolean()),
    openTo: Type.Array(StringEnum(ORG_TYPES), { minItems: 1, maxItems: 20 }),
    pillars: Type.Optional(Type.Array(Type.String({ maxLength: 40 }), { maxItems: 10 })),
    themes: Type.Optional(Type.Array(Type.String({ maxLength: 80 }), { maxItems: 50 })),
    questions: Type.Optional(
      Type.Array(
        Type.Object(
          {
            id: Type.String({ pattern: '^[a-z][a-z0-9_]{0,39}$' }),
            kind: StringEnum(['text', 'choice', 'yes_no'] as const),
            required: Type.Boolean(),
            label: NoPipe(300, "In the language of the title's original"),
            options: Type.Optional(Type.Array(NoPipe(100, 'A choice (no ";")', ';'), { maxItems: 50 })),
          },
          { additionalProperties: false },
        ),
        { maxItems: 20, description: 'Extra questions asked at registration' },
      ),
    ),
    parent: Type.Optional(NullableString({ maxLength: 120, description: "The umbrella week's slug" })),
    organizers: Type.Array(Type.String({ format: 'uuid' }), { minItems: 1, maxItems: 50 }),
    coOrganizers: Type.Optional(Type.Array(Type.String({ format: 'uuid' }), { maxItems: 100 })),
  },
  { $id: 'EventInput', additionalProperties: false },
);
type EventIn = Static<typeof EventInput>;

/** The form's values from the API's body (fields left out take the form's defaults). */
function toForm(b: EventIn): FormValues {
  const on = (x: boolean | undefined) => (x ? 'on' : '');
  return {
    slug: b.slug,
    type: b.type,
    status: b.status ?? 'draft',
    format: b.format,
    visibility: b.visibility ?? 'public',
    registrationMode: b.registrationMode ?? 'closed',
    participantList: b.participantList ?? 'organizers',
    ...textFormValues('title', b.title),
    ...textFormValues('summary', b.summary ?? {}),
    ...textFormValues('description', b.description ?? {}),
    timeZone: b.timeZone,
    allDay: on(b.allDay),
    startsAt: b.startsAt,
    endsAt: b.endsAt,
    registrationOpensAt: b.registrationOpensAt ?? '',
    registrationClosesAt: b.registrationClosesAt ?? '',
    venue: b.venue ?? '',
    meetingUrl: b.meetingUrl ?? '',
    capacity: b.capacity == null ? '' : String(b.capacity),
    waitlist: on(b.waitlist),
    showCsoParticipants: on(b.showCsoParticipants),
    openTo: b.openTo,
    pillars: b.pillars ?? [],
    themes: b.themes ?? [],
    questions: (b.questions ?? [])
      .map((q) =>
        [
          q.id,
          q.kind,
          q.required ? 'required' : 'optional',
          q.label,
          ...(q.options ? [q.options.join('; ')] : []),
        ].join(' | '),
      )
      .join('\n'),
    parent: b.parent ?? '',
    organizers: b.organizers,
    coOrganizers: b.coOrganizers ?? [],
  };
}

/** An event's settings as the API gives them back (the form's values, typed). */
async function settingsOf(ctx: ReturnType<typeof ctxOf>, e: EventRow): Promise<EventIn> {
  const v = await au.eventFormValues(ctx, e);
  const one = (x: FormValues[string]) => (Array.isArray(x) ? (x[0] ?? '') : (x ?? ''));
  const many = (x: FormValues[string]) => (Array.isArray(x) ? x : x ? [x] : []);
  const lang = (LOCALES.find((l) => e.title[l]?.status === 'original') ?? 'en') as Locale;
  return {
    slug: e.slug,
    type: e.type,
    status: e.status,
    format: e.format,
    visibility: e.visibility,
    registrationMode: e.registrationMode,
    participantList: e.participantList,
    title: e.title,
    summary: e.summary ?? {},
    description: e.description ?? {},
    timeZone: e.timeZone,
    allDay: e.allDay,
    startsAt: one(v.startsAt),
    endsAt: one(v.endsAt),
    registrationOpensAt: one(v.registrationOpensAt) || null,
    registrationClosesAt: one(v.registrationClosesAt) || null,
    venue: e.venue,
    meetingUrl: e.meetingUrl,
    capacity: e.capacity,
    waitlist: e.waitlist,
    showCsoParticipants: e.showCsoParticipants,
    openTo: e.openTo as EventIn['openTo'],
    pillars: e.pillars,
    themes: e.themes,
    questions: e.questions.map((q) => ({
      id: q.id,
      kind: q.kind,
      required: q.required,
      label: textIn(q.label, lang),
      ...(q.options ? { options: q.options.map((o) => textIn(o.label, lang)) } : {}),
    })),
    parent: one(v.parent) || null,
    organizers: many(v.organizers),
    coOrganizers: many(v.coOrganizers),
  };
}

export default async function authoringApi(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.addSchema(EventInput);
  const Settings = Type.Ref('EventInput');

  app.post(
    '/api/v1/events',
    {
      config: { access: { action: 'event.create' } },
      schema: {
        tags,
        security,
        summary:
          'Create an event, as on the event form (administrators, coordinators, and entity focal points who name ' +
          'their entity among the organizers); its settings as stored',
        body: Settings,
        response: { 201: Settings },
      },
    },
    async (req, reply) => {
      const e = await withApiFieldNames(() => au.createEvent(ctxOf(req), toForm(req.body as EventIn)));
      return reply.code(201).send(await settingsOf(ctxOf(req), e));
    },
  );

  app.get(
    '/api/v1/events/:id/settings',
    {
      config: { access: { action: 'event.manage' } },
      schema: {
        tags,
        security,
        operationId: 'getEventSettings',
        summary: "An event's settings as its organizers edit them (the body PUT /api/v1/events/{id} takes)",
        params: IdParams,
        response: { 200: Settings },
      },
    },
    async (req) => settingsOf(ctxOf(req), await managedEvent(ctxOf(req), req.params.id)),
  );

  app.put(
    '/api/v1/events/:id',
    {
      config: { access: { action: 'event.manage' } },
      schema: {
        tags,
        security,
        summary:
          "Replace an event's settings (its organizers, administrators, coordinators; the organizers named must " +
          'leave the editor managing it); translations of unchanged question labels are kept',
        params: IdParams,
        body: Settings,
        response: { 200: Settings },
      },
    },
    async (req) => {
      const e = await withApiFieldNames(() => au.updateEvent(ctxOf(req), req.params.id, toForm(req.body as EventIn)));
      return settingsOf(ctxOf(req), e);
    },
  );
}
