// JSON API v1 for statements: the archive, and recording one (the statement page's form: the secretariat for any
// organization, a delegation for itself; text and/or a PDF/DOCX) with the same service and rules.
import type { FastifyInstance } from 'fastify';
import { ctxOf } from '../../../platform/http/request-context.ts';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { LOCALES, nameIn } from '../../../platform/i18n/index.ts';
import { NullableString, PageQuery, Paged, StringEnum, errorResponses } from '../../../platform/http/api.ts';
import { multipartForm } from '../../../platform/http/forms.ts';
import { FilePart } from '../../../platform/http/openapi.ts';
import { organizationsByIds } from '../../directory/index.ts';
import { findVisibleEvent } from '../shared/events.service.ts';
import { SessionParams, security, tags } from '../shared/api.ts';
import { addStatement, listStatements } from './statements.service.ts';

const StatementOut = Type.Object(
  {
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
  },
  { $id: 'Statement' },
);

export default async function statementsApi(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { config } = app.platform;
  app.addSchema(StatementOut);
  const fileUrl = (id: string) => `${config.baseUrl}/events/statements/${id}/file`;

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
          200: Paged(Type.Ref('Statement')),
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
          file: x.s.file ? fileUrl(x.s.id) : null,
          createdAt: x.s.createdAt.toISOString(),
        })),
      };
    },
  );

  app.post(
    '/api/v1/events/:id/sessions/:sid/statements',
    {
      config: {
        access: { action: 'event.floor.request' },
        multipartBody: Type.Object({
          organizationId: Type.String({ maxLength: 36, description: 'On whose behalf (a delegation: its own)' }),
          speakerName: Type.String({ maxLength: 200 }),
          language: StringEnum(LOCALES),
          body: Type.Optional(Type.String({ maxLength: 50000, description: 'The text (or a file, or both)' })),
          speakerId: Type.Optional(Type.String({ maxLength: 36, description: "Its entry on the speakers' list" })),
          file: Type.Optional(FilePart('The statement as a PDF or DOCX (its real type is checked), at most 25 MB')),
        }),
      },
      schema: {
        tags,
        security: [{ bearer: [] }],
        summary:
          'Record a statement delivered in a session (multipart/form-data): the organizers for any organization, ' +
          'a delegation for itself',
        params: SessionParams,
        response: { 201: Type.Ref('Statement') },
      },
    },
    async (req, reply) => {
      const { fields, file } = await multipartForm(req);
      const st = await addStatement(
        ctxOf(req),
        req.params.id,
        req.params.sid,
        {
          organizationId: fields.organizationId ?? '',
          speakerName: fields.speakerName ?? '',
          language: fields.language ?? '',
          body: fields.body ?? '',
          speakerId: fields.speakerId ?? '',
        },
        file,
      );
      const [e, [org]] = await Promise.all([
        findVisibleEvent(ctxOf(req), req.params.id),
        organizationsByIds(req.server.platform.db, [st.organizationId]),
      ]);
      return reply.code(201).send({
        id: st.id,
        event: e.slug,
        sessionId: st.sessionId,
        organizationId: st.organizationId,
        organization: org ? nameIn(org.names, req.locale) : '',
        speakerName: st.speakerName,
        language: st.language,
        text: st.body,
        file: st.file ? fileUrl(st.id) : null,
        createdAt: st.createdAt.toISOString(),
      });
    },
  );
}
