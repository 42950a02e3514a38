// JSON API v1 for an event's programme: sessions with their speakers (add, replace, delete, order) and the published
// versions. The same service as the programme pages (programme.service.ts: every check, `event.manage`, the audit).
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type, type Static } from 'typebox';
import { ctxOf } from '../../../platform/http/request-context.ts';
import { NullableString, StringEnum, withApiFieldNames } from '../../../platform/http/api.ts';
import { TranslatableSchema, textFormValues } from '../../../platform/i18n/text.ts';
import { SESSION_KINDS, type ScheduleChange } from '../events.schema.ts';
import { findVisibleEvent, managedEvent } from '../shared/events.service.ts';
import type { FormValues } from '../shared/forms.ts';
import { IdParams, LocalTime, NoPipe, SessionParams, security as readSecurity, tags } from '../shared/api.ts';
import * as pr from './programme.service.ts';

const security = [{ bearer: [] }];
const SLOT_ROLES = ['keynote', 'speaker', 'statement', 'remarks'] as const;

const SessionIn = Type.Object(
  {
    kind: StringEnum(SESSION_KINDS),
    title: TranslatableSchema,
    startsAt: Type.Optional(Type.Union([LocalTime, Type.Null()])),
    endsAt: Type.Optional(Type.Union([LocalTime, Type.Null()])),
    pillar: Type.Optional(NullableString({ maxLength: 40 })),
    chairName: Type.Optional(NullableString({ maxLength: 200 })),
    chairRole: Type.Optional(Type.Union([StringEnum(['chair', 'moderator'] as const), Type.Null()])),
    room: Type.Optional(NullableString({ maxLength: 200 })),
    statementMinutes: Type.Optional(Type.Integer({ minimum: 1, maximum: 60, default: 5 })),
    speakers: Type.Optional(
      Type.Array(
        Type.Object(
          {
            name: NoPipe(200, "The speaker's name"),
            affiliation: Type.Optional(Type.Union([NoPipe(300, 'Organization or title'), Type.Null()])),
            role: Type.Optional(StringEnum(SLOT_ROLES, { default: 'speaker' })),
            minutes: Type.Optional(Type.Union([Type.Integer({ minimum: 1, maximum: 600 }), Type.Null()])),
            time: Type.Optional(
              Type.Union([Type.String({ pattern: '^\\d{2}:\\d{2}$', description: 'HH:MM on the day' }), Type.Null()]),
            ),
          },
          { additionalProperties: false },
        ),
        { maxItems: 100, description: 'The timed speakers, in order' },
      ),
    ),
  },
  { additionalProperties: false },
);
const SessionOut = Type.Object(
  {
    id: Type.String(),
    kind: StringEnum(SESSION_KINDS),
    title: TranslatableSchema,
    startsAt: NullableString({ format: 'date-time' }),
    endsAt: NullableString({ format: 'date-time' }),
    pillar: NullableString(),
    chairName: NullableString(),
    chairRole: NullableString(),
    room: NullableString(),
    statementMinutes: Type.Integer(),
    speakers: Type.Array(
      Type.Object({
        name: Type.String(),
        affiliation: NullableString(),
        role: Type.String(),
        minutes: Type.Union([Type.Integer(), Type.Null()]),
        startsAt: NullableString({ format: 'date-time' }),
      }),
    ),
  },
  { $id: 'EventSession' },
);
const Programme = Type.Object({ data: Type.Array(Type.Ref('EventSession')) });
const VersionOut = Type.Object(
  {
    number: Type.Integer(),
    note: NullableString(),
    publishedAt: Type.String({ format: 'date-time' }),
    changes: Type.Array(
      Type.Object({
        change: StringEnum(['added', 'removed', 'changed'] as const),
        title: Type.String(),
        fields: Type.Array(Type.String()),
      }),
    ),
    sessions: Type.Array(
      Type.Object({
        id: Type.String(),
        kind: Type.String(),
        title: Type.String(),
        startsAt: NullableString(),
        endsAt: NullableString(),
        room: NullableString(),
        chairName: NullableString(),
        speakers: Type.Array(Type.String()),
      }),
    ),
  },
  { $id: 'ProgrammeVersion' },
);

/** The form's values from the API's body: the speakers become the form's lines ("name | affiliation | …"). */
function toForm(b: Static<typeof SessionIn>): FormValues {
  return {
    kind: b.kind,
    ...textFormValues('title', b.title),
    startsAt: b.startsAt ?? '',
    endsAt: b.endsAt ?? '',
    pillar: b.pillar ?? '',
    chairName: b.chairName ?? '',
    chairRole: b.chairRole ?? '',
    room: b.room ?? '',
    statementMinutes: String(b.statementMinutes ?? 5),
    speakers: (b.speakers ?? [])
      .map((x) => [x.name, x.affiliation ?? '', x.role ?? 'speaker', x.minutes ?? '', x.time ?? ''].join(' | '))
      .join('\n'),
  };
}

type Session = pr.ProgrammeSession;
const sessionOut = (s: Session) => ({
  id: s.id,
  kind: s.kind,
  title: s.title,
  startsAt: s.startsAt?.toISOString() ?? null,
  endsAt: s.endsAt?.toISOString() ?? null,
  pillar: s.pillar,
  chairName: s.chairName,
  chairRole: s.chairRole,
  room: s.room,
  statementMinutes: s.statementMinutes,
  speakers: s.slots.map((x) => ({
    name: x.speakerName,
    affiliation: x.affiliation,
    role: x.role,
    minutes: x.minutes,
    startsAt: x.startsAt?.toISOString() ?? null,
  })),
});
const versionOut = (v: Awaited<ReturnType<typeof pr.programmeVersions>>[number]) => ({
  number: v.number,
  note: v.note,
  publishedAt: v.publishedAt.toISOString(),
  changes: v.changes as ScheduleChange[],
  sessions: v.sessions,
});

export default async function programmeApi(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.addSchema(SessionOut);
  app.addSchema(VersionOut);
  const { db } = app.platform;
  const oneSession = async (eventId: string, sessionId: string) =>
    sessionOut((await pr.programmeOf(db, eventId)).find((s) => s.id === sessionId)!);

  app.post(
    '/api/v1/events/:id/sessions',
    {
      config: { access: { action: 'event.manage' } },
      schema: {
        tags,
        security,
        summary: "Add a session with its timed speakers to an event's programme (its organizers)",
        params: IdParams,
        body: SessionIn,
        response: { 201: Type.Ref('EventSession') },
      },
    },
    async (req, reply) => {
      const e = await managedEvent(ctxOf(req), req.params.id);
      const sid = await withApiFieldNames(() => pr.saveSession(ctxOf(req), e.id, null, toForm(req.body)));
      return reply.code(201).send(await oneSession(e.id, sid));
    },
  );

  app.put(
    '/api/v1/events/:id/sessions/:sid',
    {
      config: { access: { action: 'event.manage' } },
      schema: {
        tags,
        security,
        summary: 'Replace a session and its speakers',
        params: SessionParams,
        body: SessionIn,
        response: { 200: Type.Ref('EventSession') },
      },
    },
    async (req) => {
      const e = await managedEvent(ctxOf(req), req.params.id);
      const sid = await withApiFieldNames(() => pr.saveSession(ctxOf(req), e.id, req.params.sid, toForm(req.body)));
      return oneSession(e.id, sid);
    },
  );

  app.delete(
    '/api/v1/events/:id/sessions/:sid',
    {
      config: { access: { action: 'event.manage' } },
      schema: {
        tags,
        security,
        summary: 'Delete a session',
        params: SessionParams,
        response: { 204: Type.Null() },
      },
    },
    async (req, reply) => {
      await pr.deleteSession(ctxOf(req), req.params.id, req.params.sid);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/v1/events/:id/sessions/:sid/move',
    {
      config: { access: { action: 'event.manage' } },
      schema: {
        tags,
        security,
        summary: 'Move a session one place up or down in the programme; the programme in its new order',
        params: SessionParams,
        body: Type.Object({ direction: StringEnum(['up', 'down'] as const) }, { additionalProperties: false }),
        response: { 200: Programme },
      },
    },
    async (req) => {
      await pr.moveSession(ctxOf(req), req.params.id, req.params.sid, req.body.direction);
      const e = await managedEvent(ctxOf(req), req.params.id);
      return { data: (await pr.programmeOf(db, e.id)).map(sessionOut) };
    },
  );

  app.get(
    '/api/v1/events/:id/programme/versions',
    {
      config: { access: 'public' },
      schema: {
        tags,
        security: readSecurity,
        summary: 'The published versions of the programme, latest first, with their changes',
        params: IdParams,
        response: { 200: Type.Object({ data: Type.Array(Type.Ref('ProgrammeVersion')) }) },
      },
    },
    async (req) => {
      const e = await findVisibleEvent(ctxOf(req), req.params.id);
      return { data: (await pr.programmeVersions(ctxOf(req), e.id)).map(versionOut) };
    },
  );

  app.post(
    '/api/v1/events/:id/programme/versions',
    {
      config: { access: { action: 'event.manage' } },
      schema: {
        tags,
        security,
        operationId: 'publishEventProgramme',
        summary:
          'Publish the programme as its next numbered version, with the changes from the previous one ' +
          '(409 when nothing changed or there is no session)',
        params: IdParams,
        body: Type.Object({ note: Type.Optional(Type.String({ maxLength: 1000 })) }, { additionalProperties: false }),
        response: { 201: Type.Ref('ProgrammeVersion'), 409: Type.Ref('ErrorBody') },
      },
    },
    async (req, reply) => {
      const v = await pr.publishProgramme(ctxOf(req), req.params.id, req.body?.note ?? '');
      return reply.code(201).send(versionOut(v));
    },
  );
}
