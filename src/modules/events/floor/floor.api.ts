// JSON API v1 for the speakers' list of a session.
import { nameIn } from '../../../platform/i18n/index.ts';
import type { FastifyInstance } from 'fastify';
import { ctxOf } from '../../../platform/http/request-context.ts';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { NullableString, errorResponses } from '../../../platform/http/api.ts';
import { security, tags } from '../shared/api.ts';
import { floorState } from './floor.service.ts';
import { endsAt } from './floor.time.ts';

export default async function floorApi(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  const SpeakerOut = Type.Object({
    id: Type.String(),
    organizationId: Type.String(),
    organization: Type.String(),
    speakerName: NullableString(),
    status: Type.String(),
    position: Type.Integer(),
    startedAt: NullableString(),
    allowedMinutes: Type.Union([Type.Integer(), Type.Null()]),
    endsAt: NullableString(),
  });
  app.get(
    '/api/v1/events/:id/sessions/:sid/speakers',
    {
      config: { access: 'public' },
      schema: {
        tags,
        security,
        summary: "A session's speakers' list: who has the floor (with the statement's end), who waits, who spoke",
        params: Type.Object({ id: Type.String({ minLength: 1, maxLength: 120 }), sid: Type.String({ maxLength: 36 }) }),
        response: {
          200: Type.Object({
            sessionId: Type.String(),
            statementMinutes: Type.Integer(),
            speakers: Type.Array(SpeakerOut),
          }),
          ...errorResponses,
        },
      },
    },
    async (req) => {
      const st = await floorState(ctxOf(req), req.params.id, req.params.sid);
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
    },
  );
}
