// JSON API v1 for an event's participation statistics.
import type { FastifyInstance } from 'fastify';
import { ctxOf } from '../../../platform/http/request-context.ts';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { NullableString, errorResponses } from '../../../platform/http/api.ts';
import { IdParams, security, tags } from '../shared/api.ts';
import { findVisibleEvent } from '../shared/events.service.ts';
import { computeStats, participationSentence, sentenceFigures } from './stats.service.ts';

export default async function statsApi(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = app.platform;

  app.get(
    '/api/v1/events/:id/statistics',
    {
      config: { access: 'public' },
      schema: {
        tags,
        security,
        summary:
          'Participation statistics (accepted registrations; published figures for earlier events) ' +
          'and the generated sentence',
        params: IdParams,
        response: {
          200: Type.Object({ stats: Type.Any(), sentence: NullableString(), reported: Type.Boolean() }),
          ...errorResponses,
        },
      },
    },
    async (req) => {
      const e = await findVisibleEvent(ctxOf(req), req.params.id);
      const stats = await computeStats(db, e.id);
      const f = sentenceFigures(e, stats);
      return { stats, sentence: f ? participationSentence(req.locale, f) : null, reported: !!f?.source };
    },
  );
}
