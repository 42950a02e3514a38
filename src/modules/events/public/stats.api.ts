// JSON API v1 for an event's participation statistics.
import type { FastifyInstance } from 'fastify';
import { ctxOf } from '../../../platform/http/request-context.ts';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { NullableString, errorResponses } from '../../../platform/http/api.ts';
import { IdParams, security, tags } from '../shared/api.ts';
import { findVisibleEvent } from '../shared/events.service.ts';
import { computeStats, participation } from './stats.service.ts';

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
          'Participation statistics: what the platform recorded (accepted registrations) and, beside it, what the ' +
          'organizers published (their figures and sources, at …/published-figures), each with its own sentence. ' +
          '`sentence` is the published one when there is one (`reported`: true), else the recorded one',
        params: IdParams,
        response: {
          200: Type.Object({
            stats: Type.Any(),
            sentence: NullableString(),
            reported: Type.Boolean(),
            publishedSentence: NullableString(),
            recordedSentence: NullableString(),
            publishedSideEvents: NullableString(),
            recordedSideEvents: NullableString(),
          }),
          ...errorResponses,
        },
      },
    },
    async (req) => {
      const e = await findVisibleEvent(ctxOf(req), req.params.id);
      const stats = await computeStats(db, e.id);
      const p = await participation(db, e, stats, req.locale);
      const published = p.published?.sentence ?? null;
      return {
        stats,
        sentence: published ?? p.recorded.sentence,
        reported: !!published,
        publishedSentence: published,
        recordedSentence: p.recorded.sentence,
        publishedSideEvents: p.published?.sideEvents ?? null,
        recordedSideEvents: p.recorded.sideEvents,
      };
    },
  );
}
