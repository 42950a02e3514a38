// JSON API v1 for the speakers' list of a session: reading it, and every change the speakers' list page makes (a
// delegation asks for the floor or withdraws; the organizers add, order, call the next speaker, mark statements
// delivered, set the speaking time). The same service and rules (floor.service.ts); changes are announced on the change
// channel, so open room views in every app process update as they do for the page's changes.
import { nameIn } from '../../../platform/i18n/index.ts';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ctxOf } from '../../../platform/http/request-context.ts';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { NullableString, StringEnum, errorResponses } from '../../../platform/http/api.ts';
import { SessionParams, security, tags } from '../shared/api.ts';
import * as floor from './floor.service.ts';
import { endsAt } from './floor.time.ts';

const writer = [{ bearer: [] }];
const SpeakerParams = Type.Object({
  id: Type.String({ minLength: 1, maxLength: 120 }),
  sid: Type.String({ maxLength: 36 }),
  rid: Type.String({ maxLength: 36 }),
});
const SpeakerIn = Type.Object(
  {
    organizationId: Type.String({ maxLength: 36, description: 'The delegation' }),
    speakerName: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);
const SpeakerOut = Type.Object(
  {
    id: Type.String(),
    organizationId: Type.String(),
    organization: Type.String(),
    speakerName: NullableString(),
    status: Type.String(),
    position: Type.Integer(),
    startedAt: NullableString(),
    allowedMinutes: Type.Union([Type.Integer(), Type.Null()]),
    endsAt: NullableString(),
  },
  { $id: 'Speaker' },
);
const ListOut = Type.Object(
  {
    sessionId: Type.String(),
    statementMinutes: Type.Integer(),
    speakers: Type.Array(Type.Ref('Speaker')),
  },
  { $id: 'SpeakersList' },
);
const List = Type.Ref('SpeakersList');
const Conflict = Type.Ref('ErrorBody');

export default async function floorApi(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.addSchema(SpeakerOut);
  app.addSchema(ListOut);
  const fctx = (req: FastifyRequest): floor.FloorContext => ctxOf(req);
  /** The speakers' list as the reader sees it (withdrawn requests left out). */
  const listOf = async (req: FastifyRequest, id: string, sid: string) => {
    const st = await floor.floorState(fctx(req), id, sid);
    return {
      sessionId: st.session.id,
      statementMinutes: st.session.statementMinutes,
      speakers: st.rows
        .filter((r) => r.status !== 'withdrawn')
        .map((r) => ({
          id: r.id,
          organizationId: r.organizationId,
          organization: nameIn(r.orgNames, req.locale),
          speakerName: r.speakerName,
          status: r.status,
          position: r.position,
          startedAt: r.startedAt?.toISOString() ?? null,
          allowedMinutes: r.allowedMinutes,
          endsAt: endsAt(r)?.toISOString() ?? null,
        })),
    };
  };

  app.get(
    '/api/v1/events/:id/sessions/:sid/speakers',
    {
      config: { access: 'public' },
      schema: {
        tags,
        security,
        summary: "A session's speakers' list: who has the floor (with the statement's end), who waits, who spoke",
        params: SessionParams,
        response: { 200: List, ...errorResponses },
      },
    },
    async (req) => listOf(req, req.params.id, req.params.sid),
  );

  app.post(
    '/api/v1/events/:id/sessions/:sid/speakers/request',
    {
      config: { access: { action: 'event.floor.request' } },
      schema: {
        tags,
        security: writer,
        operationId: 'requestFloor',
        summary:
          "Ask for the floor for your delegation (a State's focal point, or an accepted participant's " +
          'organization) on an interactive segment; the list after it (409 when already listed or not interactive)',
        params: SessionParams,
        body: SpeakerIn,
        response: { 201: List, 409: Conflict },
      },
    },
    async (req, reply) => {
      const { id, sid } = req.params;
      await floor.requestFloor(fctx(req), id, sid, req.body.organizationId, req.body.speakerName ?? '');
      return reply.code(201).send(await listOf(req, id, sid));
    },
  );

  app.post(
    '/api/v1/events/:id/sessions/:sid/speakers',
    {
      config: { access: { action: 'event.manage' } },
      schema: {
        tags,
        security: writer,
        summary: "Put a delegation on the speakers' list (its organizers); the list after it",
        params: SessionParams,
        body: SpeakerIn,
        response: { 201: List, 409: Conflict },
      },
    },
    async (req, reply) => {
      const { id, sid } = req.params;
      await floor.addSpeaker(fctx(req), id, sid, req.body.organizationId, req.body.speakerName ?? '');
      return reply.code(201).send(await listOf(req, id, sid));
    },
  );

  app.post(
    '/api/v1/events/:id/sessions/:sid/speakers/next',
    {
      config: { access: { action: 'event.manage' } },
      schema: {
        tags,
        security: writer,
        summary:
          'End the current statement and give the floor to the first delegation waiting, timed from now ' +
          '(409 when nobody speaks or waits)',
        params: SessionParams,
        response: { 200: List, 409: Conflict },
      },
    },
    async (req) => {
      await floor.callNext(fctx(req), req.params.id, req.params.sid);
      return listOf(req, req.params.id, req.params.sid);
    },
  );

  app.put(
    '/api/v1/events/:id/sessions/:sid/speakers/minutes',
    {
      config: { access: { action: 'event.manage' } },
      schema: {
        tags,
        security: writer,
        operationId: 'setStatementMinutes',
        summary: 'The speaking time per statement (minutes) for the next speakers called',
        params: SessionParams,
        body: Type.Object({ minutes: Type.Integer({ minimum: 1, maximum: 60 }) }, { additionalProperties: false }),
        response: { 200: List },
      },
    },
    async (req) => {
      await floor.setStatementMinutes(fctx(req), req.params.id, req.params.sid, req.body.minutes);
      return listOf(req, req.params.id, req.params.sid);
    },
  );

  app.post(
    '/api/v1/events/:id/sessions/:sid/speakers/:rid/move',
    {
      config: { access: { action: 'event.manage' } },
      schema: {
        tags,
        security: writer,
        summary: 'Move a waiting speaker one place up or down',
        params: SpeakerParams,
        body: Type.Object({ direction: StringEnum(['up', 'down'] as const) }, { additionalProperties: false }),
        response: { 200: List },
      },
    },
    async (req) => {
      const { id, sid, rid } = req.params;
      await floor.moveSpeaker(fctx(req), id, sid, rid, req.body.direction);
      return listOf(req, id, sid);
    },
  );

  for (const [to, action, summary] of [
    ['spoken', 'event.manage', 'Mark a statement delivered (409 when already done)'],
    [
      'withdraw',
      'event.floor.request',
      'Withdraw from the list: a delegation its own waiting request, the organizers any (409 when already done)',
    ],
  ] as const)
    app.post(
      `/api/v1/events/:id/sessions/:sid/speakers/:rid/${to}`,
      {
        config: { access: { action } },
        schema: { tags, security: writer, summary, params: SpeakerParams, response: { 200: List, 409: Conflict } },
      },
      async (req) => {
        const { id, sid, rid } = req.params;
        await floor.setSpeakerStatus(fctx(req), id, sid, rid, to === 'spoken' ? 'spoken' : 'withdrawn');
        return listOf(req, id, sid);
      },
    );
}
