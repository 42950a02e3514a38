// JSON API v1 for the statements archive.
import type { FastifyInstance } from 'fastify';
import { ctxOf } from '../../../platform/http/request-context.ts';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { LOCALES, nameIn } from '../../../platform/i18n/index.ts';
import { NullableString, PageQuery, Paged, StringEnum, errorResponses } from '../../../platform/http/api.ts';
import { security, tags } from '../shared/api.ts';
import { listStatements } from './statements.service.ts';

export default async function statementsApi(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { config } = app.platform;

  app.get(
    '/api/v1/events/statements',
    {
      config: { access: 'public' },
      schema: {
        tags,
        security,
        summary:
          'Statements of the events the reader may see, ' +
          'with filters (event slug, session id, organization id, language) and text search',
        querystring: Type.Object({
          event: Type.Optional(Type.String({ maxLength: 120 })),
          session: Type.Optional(Type.String({ maxLength: 36 })),
          org: Type.Optional(Type.String({ maxLength: 36 })),
          lang: Type.Optional(StringEnum(LOCALES)),
          q: Type.Optional(Type.String({ maxLength: 200 })),
          page: PageQuery.page,
          pageSize: PageQuery.pageSize,
        }),
        response: {
          200: Paged(
            Type.Object({
              id: Type.String(),
              event: Type.String(),
              sessionId: Type.String(),
              organizationId: Type.String(),
              organization: Type.String(),
              speakerName: Type.String(),
              language: Type.String(),
              text: NullableString(),
              file: NullableString(),
              createdAt: Type.String(),
            }),
          ),
          ...errorResponses,
        },
      },
    },
    async (req) => {
      const q = req.query;
      const page = q.page ?? 1;
      const pageSize = q.pageSize ?? 50;
      const r = await listStatements(ctxOf(req), {
        event: q.event || undefined,
        session: q.session || undefined,
        org: q.org || undefined,
        lang: q.lang || undefined,
        q: q.q || undefined,
        page,
        pageSize,
      });
      return {
        page,
        pageSize,
        total: r.total,
        data: r.rows.map((x) => ({
          id: x.s.id,
          event: x.eventSlug,
          sessionId: x.s.sessionId,
          organizationId: x.s.organizationId,
          organization: nameIn(x.orgNames, req.locale),
          speakerName: x.s.speakerName,
          language: x.s.language,
          text: x.s.body,
          file: x.s.file ? `${config.baseUrl}/events/statements/${x.s.id}/file` : null,
          createdAt: x.s.createdAt.toISOString(),
        })),
      };
    },
  );
}
