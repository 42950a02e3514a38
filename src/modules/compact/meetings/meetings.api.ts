// JSON API of meetings and minutes: /api/v1/compact/meetings.
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ctxOf } from '../../../platform/http/request-context.ts';
import { NullableString, PageQuery, Paged, StringEnum, errorResponses } from '../../../platform/http/api.ts';
import { invalid, type FieldError } from '../../../platform/http/errors.ts';
import { TranslatableSchema, textFromApi } from '../../../platform/i18n/text.ts';
import * as svc from './meetings.service.ts';
import * as min from '../minutes/minutes.service.ts';
const { AGENDA_TYPES, ATTENDANCE, EDIT_SCOPES, MEETING_FORMATS, MEETING_KINDS, RECURRENCES } = svc;

const IdParams = Type.Object({ id: Type.String({ maxLength: 36 }) });
const ItemParams = Type.Object({ id: Type.String({ maxLength: 36 }), itemId: Type.String({ maxLength: 36 }) });
const MinParams = Type.Object({ id: Type.String({ maxLength: 36 }), minutesId: Type.String({ maxLength: 36 }) });
const InviteeParams = Type.Object({ id: Type.String({ maxLength: 36 }), inviteeId: Type.String({ maxLength: 36 }) });
const read = { access: { action: 'meeting.read' as const } };
const manage = { access: { action: 'meeting.manage' as const } };
const base = { tags: ['compact'], security: [{ bearer: [] }] };

const MeetingBody = Type.Object({
  bodyId: Type.String({ maxLength: 120 }),
  kind: StringEnum(MEETING_KINDS),
  title: TranslatableSchema,
  timeZone: Type.String({ maxLength: 64 }),
  start: Type.String({ maxLength: 16, description: 'Local wall-clock time YYYY-MM-DDTHH:MM in timeZone' }),
  end: Type.String({ maxLength: 16 }),
  format: StringEnum(MEETING_FORMATS),
  venue: Type.Optional(Type.String({ maxLength: 300 })),
  meetingLink: Type.Optional(Type.String({ maxLength: 500 })),
  recurrence: Type.Optional(StringEnum(RECURRENCES)),
  personIds: Type.Optional(Type.Array(Type.String({ maxLength: 36 }), { maxItems: 200 })),
});
const Scope = StringEnum(EDIT_SCOPES, {
  description: 'A meeting of a series: this meeting only (default), or this one and every later one of the series',
});
const MeetingUpdateBody = Type.Object({
  kind: StringEnum(MEETING_KINDS),
  title: TranslatableSchema,
  timeZone: Type.String({ maxLength: 64 }),
  start: Type.String({ maxLength: 16, description: 'Local wall-clock time YYYY-MM-DDTHH:MM in timeZone' }),
  end: Type.String({ maxLength: 16 }),
  format: StringEnum(MEETING_FORMATS),
  venue: Type.Optional(Type.Union([Type.String({ maxLength: 300 }), Type.Null()])),
  meetingLink: Type.Optional(Type.Union([Type.String({ maxLength: 500 }), Type.Null()])),
  scope: Type.Optional(Scope),
});
const AgendaBody = Type.Object({
  type: StringEnum(AGENDA_TYPES),
  title: TranslatableSchema,
  leadOrgId: Type.Optional(Type.Union([Type.String({ maxLength: 36 }), Type.Null()])),
  documents: Type.Optional(
    Type.Array(Type.Object({ label: Type.String({ maxLength: 200 }), url: Type.String({ maxLength: 1000 }) }), {
      maxItems: 20,
    }),
  ),
  startTime: Type.Optional(Type.Union([Type.String({ maxLength: 5 }), Type.Null()])),
  durationMinutes: Type.Optional(Type.Union([Type.Integer(), Type.Null()])),
});
const MinutesBody = Type.Object({
  summary: TranslatableSchema,
  items: Type.Optional(
    Type.Record(
      Type.String({ maxLength: 36 }),
      Type.Object({ discussion: Type.Optional(TranslatableSchema), outcome: Type.Optional(TranslatableSchema) }),
    ),
  ),
});

type TextIn = Parameters<typeof textFromApi>[0];

function minutesFromApi(b: { summary: TextIn; items?: Record<string, { discussion?: TextIn; outcome?: TextIn }> }) {
  const fields: FieldError[] = [];
  const summary = textFromApi(b.summary, 'summary', fields, { maxLength: 50000 });
  const items: min.MinutesInput['items'] = {};
  for (const [k, v] of Object.entries(b.items ?? {}))
    items[k] = {
      discussion: textFromApi(v.discussion, `items.${k}.discussion`, fields, { maxLength: 50000 }),
      outcome: textFromApi(v.outcome, `items.${k}.outcome`, fields, { maxLength: 20000 }),
    };
  if (fields.length) throw invalid(fields);
  return { summary, items };
}

/** An operation's outcome as the service returns it (its fields are described by the operation). */
const Outcome = (description: string) => Type.Object({}, { additionalProperties: true, description });

// What the operations answer (declared: the document describes them and the serializer writes only these fields).
const Conflict = Type.Ref('ErrorBody');
const Ok = Type.Object({ ok: Type.Boolean() });
const MeetingOut = Type.Object({
  id: Type.String(),
  bodyId: Type.String(),
  kind: StringEnum(MEETING_KINDS),
  title: TranslatableSchema,
  timeZone: Type.String(),
  startsAt: Type.String({ format: 'date-time' }),
  endsAt: Type.String({ format: 'date-time' }),
  format: StringEnum(MEETING_FORMATS),
  venue: NullableString(),
  isDemo: Type.Boolean(),
  circulatedVersion: Type.Union([Type.Integer(), Type.Null()]),
  status: Type.Union([Type.Literal('scheduled'), Type.Literal('cancelled')]),
});
const MeetingDetailOut = Type.Object({
  ...MeetingOut.properties,
  meetingLink: NullableString(),
  sequence: Type.Integer(),
  agenda: Type.Array(
    Type.Object({
      id: Type.String(),
      position: Type.Integer(),
      type: StringEnum(AGENDA_TYPES),
      title: TranslatableSchema,
      leadOrgId: NullableString(),
      documents: Type.Array(Type.Object({ label: Type.String(), url: Type.String() })),
      startTime: NullableString(),
      durationMinutes: Type.Union([Type.Integer(), Type.Null()]),
    }),
  ),
  openActions: Type.Array(
    Type.Object({
      id: Type.String(),
      symbol: Type.Optional(NullableString()),
      title: Type.Union([TranslatableSchema, Type.String()]),
      dueOn: NullableString(),
      overdue: Type.Boolean(),
    }),
  ),
  invitees: Type.Array(
    Type.Object({
      id: Type.String(),
      personId: NullableString(),
      name: Type.String(),
      organizationId: NullableString(),
      attendance: NullableString(),
    }),
  ),
  minutes: Type.Array(
    Type.Object({
      id: Type.String(),
      version: Type.Integer(),
      previousId: NullableString(),
      status: Type.String(),
      summary: TranslatableSchema,
      items: Type.Record(
        Type.String(),
        Type.Object({ discussion: Type.Optional(TranslatableSchema), outcome: Type.Optional(TranslatableSchema) }),
      ),
      commentDeadline: NullableString(),
      sha256: NullableString(),
      adoptedAt: NullableString(),
    }),
  ),
  comments: Type.Array(
    Type.Object({
      id: Type.String(),
      minutesId: Type.String(),
      author: Type.String(),
      body: Type.String(),
      createdAt: Type.String({ format: 'date-time' }),
    }),
  ),
});
const MinutesVersionOut = Type.Object({ id: Type.String(), version: Type.Integer(), status: Type.String() });

const meetingOut = (m: svc.Meeting | svc.MeetingRow) => ({
  id: m.id,
  bodyId: m.bodyId,
  kind: m.kind,
  title: m.title,
  timeZone: m.timeZone,
  startsAt: m.startsAt.toISOString(),
  endsAt: m.endsAt.toISOString(),
  format: m.format,
  status: m.status,
  venue: m.venue,
  isDemo: m.isDemo,
  circulatedVersion: m.circulatedVersion,
});

export default async function meetingsApi(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    '/api/v1/compact/meetings',
    {
      config: { access: { action: 'meeting.list' } },
      schema: {
        ...base,
        summary: 'Meetings of the bodies the reader sees (upcoming or past; filter by body)',
        querystring: Type.Object({
          body: Type.Optional(Type.String({ maxLength: 120 })),
          when: Type.Optional(StringEnum(['upcoming', 'past'] as const)),
          ...PageQuery,
        }),
        response: { 200: Paged(MeetingOut), ...errorResponses },
      },
    },
    async (req) => {
      const r = await svc.listMeetings(ctxOf(req), {
        bodyId: req.query.body,
        when: req.query.when,
        page: req.query.page,
        pageSize: req.query.pageSize,
      });
      return { data: r.rows.map(meetingOut), page: r.page, pageSize: r.pageSize, total: r.total };
    },
  );

  app.post(
    '/api/v1/compact/meetings',
    {
      config: manage,
      schema: {
        ...base,
        summary: 'Create a meeting or a series',
        body: MeetingBody,
        response: { 201: Type.Object({ id: Type.String(), ids: Type.Array(Type.String()) }) },
      },
    },
    async (req, reply) => {
      const fields: FieldError[] = [];
      const title = textFromApi(req.body.title, 'title', fields, { maxLength: 300, required: true });
      if (fields.length) throw invalid(fields);
      const r = await svc.createMeeting(ctxOf(req), { ...req.body, title });
      return reply.code(201).send({ id: r.id, ids: r.ids });
    },
  );

  app.get(
    '/api/v1/compact/meetings/:id',
    {
      config: read,
      schema: {
        ...base,
        summary: 'A meeting: details, agenda, invitees, minutes',
        params: IdParams,
        response: { 200: MeetingDetailOut },
      },
    },
    async (req) => {
      const ctx = ctxOf(req);
      const m = await svc.getMeeting(ctx, req.params.id, req.locale);
      const versions = await min.minutesOf(ctx.db, m.meeting.id);
      const comments = await min.commentsFor(
        ctx.db,
        m,
        req.actor.kind === 'user' ? req.actor.userId : null,
        versions.map((v) => v.id),
      );
      return {
        ...meetingOut(m.meeting),
        meetingLink: m.meeting.meetingLink,
        sequence: m.meeting.sequence,
        agenda: m.agenda.map((i) => ({
          id: i.id,
          position: i.position,
          type: i.type,
          title: i.title,
          leadOrgId: i.leadOrgId,
          documents: i.documents,
          startTime: i.startTime,
          durationMinutes: i.durationMinutes,
        })),
        openActions: m.openActions,
        invitees: m.invitees.map((i) => ({
          id: i.id,
          personId: i.personId,
          name: i.fullName,
          organizationId: i.organizationId,
          attendance: i.attendance,
        })),
        minutes: versions.map((v) => ({
          id: v.id,
          version: v.version,
          previousId: v.previousId,
          status: v.status,
          summary: v.summary,
          items: v.items,
          commentDeadline: v.commentDeadline?.toISOString() ?? null,
          sha256: v.sha256,
          adoptedAt: v.adoptedAt?.toISOString() ?? null,
        })),
        comments: comments.map((c) => ({
          id: c.id,
          minutesId: c.minutesId,
          author: c.authorName,
          body: c.body,
          createdAt: c.createdAt.toISOString(),
        })),
      };
    },
  );

  app.put(
    '/api/v1/compact/meetings/:id',
    {
      config: manage,
      schema: {
        ...base,
        summary: 'Edit a meeting, or this meeting and the later ones of its series (scope: following)',
        description:
          'The fields of the creation except the body and the recurrence. A change of time shifts every later ' +
          "meeting of the series by the same wall-clock amount in the series' zone. Each changed meeting's " +
          'iCalendar SEQUENCE goes up; when its time, place, format or link changed after its agenda was ' +
          'circulated, every invitee gets an update e-mail with the new .ics (once per invitee and version). ' +
          'A cancelled meeting: 409.',
        params: IdParams,
        body: MeetingUpdateBody,
        response: { 200: Outcome('The meetings changed, and how many update e-mails were queued') },
      },
    },
    async (req) => {
      const fields: FieldError[] = [];
      const title = textFromApi(req.body.title, 'title', fields, { maxLength: 300, required: true });
      if (fields.length) throw invalid(fields);
      return svc.updateMeeting(ctxOf(req), req.params.id, { ...req.body, title });
    },
  );

  app.post(
    '/api/v1/compact/meetings/:id/cancel',
    {
      config: manage,
      schema: {
        ...base,
        summary: 'Cancel a meeting, or this meeting and the later ones of its series (?scope=following)',
        description:
          'Invitees who had the agenda get a cancellation with a METHOD:CANCEL .ics. Already cancelled, or ended: 409.',
        params: IdParams,
        querystring: Type.Object({ scope: Type.Optional(Scope) }),
        response: { 200: Outcome('The meetings cancelled, and how many cancellations were queued') },
      },
    },
    async (req) => svc.cancelMeeting(ctxOf(req), req.params.id, req.query.scope ?? 'this'),
  );

  app.get(
    '/api/v1/compact/meetings/:id/people',
    {
      config: manage,
      schema: {
        ...base,
        summary: 'People the manager may invite: the directory search (name or e-mail address), invitees marked',
        params: IdParams,
        querystring: Type.Object({ q: Type.String({ maxLength: 100 }) }),
        response: {
          200: Type.Object({
            data: Type.Array(
              Type.Object({
                id: Type.String(),
                name: Type.String(),
                jobTitle: Type.Optional(Type.Union([Type.String(), Type.Null()])),
                organizations: Type.Array(Type.Any()),
                invited: Type.Boolean(),
              }),
            ),
          }),
        },
      },
    },
    async (req) => ({
      data: (await svc.inviteCandidates(ctxOf(req), req.params.id, req.query.q, req.locale)).map((p) => ({
        id: p.id,
        name: p.fullName,
        jobTitle: p.jobTitle,
        organizations: p.organizations,
        invited: p.invited,
      })),
    }),
  );

  app.post(
    '/api/v1/compact/meetings/:id/invitees',
    {
      config: manage,
      schema: {
        ...base,
        summary: 'Invite a named person (a directory person the manager may see)',
        description:
          '201 with the invitation; 200 when the person was already invited. Once the agenda has been circulated, ' +
          'the new invitee gets it at once.',
        params: IdParams,
        body: Type.Object({ personId: Type.String({ maxLength: 36 }) }),
        response: {
          200: Outcome('The person was already invited'),
          201: Outcome('The invitation'),
        },
      },
    },
    async (req, reply) => {
      const r = await svc.invitePerson(ctxOf(req), req.params.id, req.body.personId);
      return reply.code(r.created ? 201 : 200).send(r);
    },
  );

  app.delete(
    '/api/v1/compact/meetings/:id/invitees/:inviteeId',
    {
      config: manage,
      schema: {
        ...base,
        summary: 'Remove an invitee (who had the agenda gets a cancellation)',
        params: InviteeParams,
        response: { 204: Type.Null({ description: 'Removed' }) },
      },
    },
    async (req, reply) => {
      await svc.removeInvitee(ctxOf(req), req.params.id, req.params.inviteeId);
      return reply.code(204).send(null);
    },
  );

  app.delete(
    '/api/v1/compact/meetings/:id',
    {
      config: manage,
      schema: { ...base, summary: 'Delete a meeting', params: IdParams, response: { 204: Type.Null(), 409: Conflict } },
    },
    async (req, reply) => {
      await svc.deleteMeeting(ctxOf(req), req.params.id);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/v1/compact/meetings/:id/agenda',
    {
      config: manage,
      schema: {
        ...base,
        summary: 'Add an agenda item',
        params: IdParams,
        body: AgendaBody,
        response: { 201: Type.Object({ id: Type.String(), position: Type.Integer() }) },
      },
    },
    async (req, reply) => {
      const fields: FieldError[] = [];
      const title = textFromApi(req.body.title, 'title', fields, { maxLength: 500, required: true });
      if (fields.length) throw invalid(fields);
      const it = await svc.addAgendaItem(ctxOf(req), req.params.id, { ...req.body, title });
      return reply.code(201).send({ id: it.id, position: it.position });
    },
  );

  app.put(
    '/api/v1/compact/meetings/:id/agenda/:itemId',
    {
      config: manage,
      schema: { ...base, summary: 'Edit an agenda item', params: ItemParams, body: AgendaBody, response: { 200: Ok } },
    },
    async (req) => {
      const fields: FieldError[] = [];
      const title = textFromApi(req.body.title, 'title', fields, { maxLength: 500, required: true });
      if (fields.length) throw invalid(fields);
      await svc.updateAgendaItem(ctxOf(req), req.params.id, req.params.itemId, { ...req.body, title });
      return { ok: true };
    },
  );

  app.delete(
    '/api/v1/compact/meetings/:id/agenda/:itemId',
    {
      config: manage,
      schema: { ...base, summary: 'Delete an agenda item', params: ItemParams, response: { 204: Type.Null() } },
    },
    async (req, reply) => {
      await svc.deleteAgendaItem(ctxOf(req), req.params.id, req.params.itemId);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/v1/compact/meetings/:id/agenda/:itemId/move',
    {
      config: manage,
      schema: {
        ...base,
        summary: 'Move an agenda item up or down',
        params: ItemParams,
        body: Type.Object({ direction: StringEnum(['up', 'down'] as const) }),
        response: { 200: Ok },
      },
    },
    async (req) => {
      await svc.moveAgendaItem(ctxOf(req), req.params.id, req.params.itemId, req.body.direction);
      return { ok: true };
    },
  );

  app.post(
    '/api/v1/compact/meetings/:id/circulate',
    {
      config: manage,
      schema: {
        ...base,
        summary: "Circulate the agenda's current version",
        params: IdParams,
        response: { 200: Type.Object({ version: Type.Integer(), sent: Type.Integer() }) },
      },
    },
    async (req) => svc.circulateAgenda(ctxOf(req), req.params.id),
  );

  app.post(
    '/api/v1/compact/meetings/:id/attendance',
    {
      config: manage,
      schema: {
        ...base,
        summary: 'Record attendance (invitee id → present, excused, absent)',
        params: IdParams,
        body: Type.Record(Type.String({ maxLength: 36 }), StringEnum(ATTENDANCE)),
        response: { 200: Ok },
      },
    },
    async (req) => {
      await svc.recordAttendance(ctxOf(req), req.params.id, req.body as Record<string, string>);
      return { ok: true };
    },
  );

  app.post(
    '/api/v1/compact/meetings/:id/minutes',
    {
      config: { access: { action: 'minutes.manage' } },
      schema: { ...base, summary: 'Start the minutes', params: IdParams, response: { 201: MinutesVersionOut } },
    },
    async (req, reply) => {
      const m = await min.createMinutes(ctxOf(req), req.params.id);
      return reply.code(201).send({ id: m.id, version: m.version, status: m.status });
    },
  );

  app.put(
    '/api/v1/compact/meetings/:id/minutes/:minutesId',
    {
      config: { access: { action: 'minutes.manage' } },
      schema: {
        ...base,
        summary: "Save the minutes' text",
        params: MinParams,
        body: MinutesBody,
        response: { 200: Ok, 409: Conflict },
      },
    },
    async (req) => {
      await min.saveMinutes(ctxOf(req), req.params.minutesId, minutesFromApi(req.body));
      return { ok: true };
    },
  );

  app.post(
    '/api/v1/compact/meetings/:id/minutes/:minutesId/circulate',
    {
      config: { access: { action: 'minutes.manage' } },
      schema: {
        ...base,
        summary: 'Circulate the minutes for comments until a deadline',
        params: MinParams,
        body: Type.Object({ deadline: Type.String({ maxLength: 30 }) }),
        response: { 200: Ok, 409: Conflict },
      },
    },
    async (req) => {
      await min.circulateMinutes(ctxOf(req), req.params.minutesId, new Date(req.body.deadline));
      return { ok: true };
    },
  );

  app.post(
    '/api/v1/compact/meetings/:id/minutes/:minutesId/comments',
    {
      config: { access: { action: 'minutes.comment' } },
      schema: {
        ...base,
        summary: 'Comment on circulated minutes (invitees)',
        params: MinParams,
        body: Type.Object({ body: Type.String({ maxLength: 5000 }) }),
        response: { 201: Type.Object({ id: Type.String() }), 409: Conflict },
      },
    },
    async (req, reply) => {
      const c = await min.commentOnMinutes(ctxOf(req), req.params.minutesId, req.body.body);
      return reply.code(201).send({ id: c.id });
    },
  );

  app.post(
    '/api/v1/compact/meetings/:id/minutes/:minutesId/adopt',
    {
      config: { access: { action: 'minutes.manage' } },
      schema: {
        ...base,
        summary: 'Adopt the minutes (locks them)',
        params: MinParams,
        response: { 200: Type.Object({ sha256: Type.String() }), 409: Conflict },
      },
    },
    async (req) => min.adoptMinutes(ctxOf(req), req.params.minutesId),
  );

  app.post(
    '/api/v1/compact/meetings/:id/minutes/:minutesId/corrigendum',
    {
      config: { access: { action: 'minutes.manage' } },
      schema: {
        ...base,
        summary: 'Issue a corrigendum: a new version',
        params: MinParams,
        response: {
          201: Type.Object({ id: Type.String(), version: Type.Integer(), previousId: NullableString() }),
          409: Conflict,
        },
      },
    },
    async (req, reply) => {
      const m = await min.corrigendum(ctxOf(req), req.params.minutesId);
      return reply.code(201).send({ id: m.id, version: m.version, previousId: m.previousId });
    },
  );
}
