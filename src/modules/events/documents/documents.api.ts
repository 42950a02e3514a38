// JSON API v1 for an event's documents: a new document with its first language version, and further language versions
// (an uploaded PDF/DOCX or an https link). The same service as the documents pages (documents.service.ts: every check,
// the file's real type, `event.manage`, the audit entry; an uploaded file is removed when the transaction fails).
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ctxOf } from '../../../platform/http/request-context.ts';
import { multipartForm } from '../../../platform/http/forms.ts';
import { NullableString, StringEnum } from '../../../platform/http/api.ts';
import { FilePart } from '../../../platform/http/openapi.ts';
import { LOCALES } from '../../../platform/i18n/index.ts';
import { TEXT_STATUSES, TranslatableSchema } from '../../../platform/i18n/text.ts';
import { DOCUMENT_KINDS } from '../events.schema.ts';
import { managedEvent } from '../shared/events.service.ts';
import { tags } from '../shared/api.ts';
import * as dc from './documents.service.ts';

const security = [{ bearer: [] }];
const DocParams = Type.Object({
  id: Type.String({ minLength: 1, maxLength: 120 }),
  docId: Type.String({ maxLength: 36 }),
});
const version = {
  language: StringEnum(LOCALES),
  status: StringEnum(TEXT_STATUSES, { description: "The version's translation status" }),
  url: Type.Optional(Type.String({ maxLength: 500, description: 'An https link (or a file, not both)' })),
  file: Type.Optional(FilePart('A PDF or DOCX (its real type is checked), at most 25 MB')),
};
const DocumentOut = Type.Object(
  {
    id: Type.String(),
    kind: StringEnum(DOCUMENT_KINDS),
    title: TranslatableSchema,
    versions: Type.Record(
      Type.String(),
      Type.Object({
        status: Type.String(),
        url: NullableString(),
        file: Type.Union([
          Type.Object({ name: Type.String(), contentType: Type.String(), size: Type.Integer(), href: Type.String() }),
          Type.Null(),
        ]),
      }),
    ),
  },
  { $id: 'EventDocument' },
);
type Doc = Awaited<ReturnType<typeof dc.findDocument>>;

export default async function documentsApi(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.addSchema(DocumentOut);
  const { db, config } = app.platform;
  const documentOut = (slug: string, d: Doc) => ({
    id: d.id,
    kind: d.kind,
    title: d.title,
    versions: Object.fromEntries(
      Object.entries(d.versions).map(([lang, v]) => [
        lang,
        {
          status: v!.status,
          url: v!.url ?? null,
          file: v!.file
            ? {
                name: v!.file.name,
                contentType: v!.file.contentType,
                size: v!.file.size,
                href: `${config.baseUrl}/events/${slug}/documents/${d.id}/${lang}`,
              }
            : null,
        },
      ]),
    ),
  });

  app.post(
    '/api/v1/events/:id/documents',
    {
      config: {
        access: { action: 'event.manage' },
        multipartBody: Type.Object({
          kind: StringEnum(DOCUMENT_KINDS),
          title: Type.String({ maxLength: 300 }),
          titleLanguage: StringEnum(LOCALES),
          ...version,
        }),
      },
      schema: {
        tags,
        security,
        summary:
          'Add a document (concept note, agenda, Chair’s Summary…) with its first language version: ' +
          'multipart/form-data with a file, or an https link (its organizers)',
        params: Type.Object({ id: Type.String({ minLength: 1, maxLength: 120 }) }),
        response: { 201: Type.Ref('EventDocument') },
      },
    },
    async (req, reply) => {
      const { fields, file } = await multipartForm(req);
      const d = await dc.addDocument(
        ctxOf(req),
        req.params.id,
        {
          kind: fields.kind ?? '',
          title: fields.title ?? '',
          titleLanguage: fields.titleLanguage ?? '',
          language: fields.language ?? '',
          status: fields.status ?? '',
          url: (fields.url ?? '').trim(),
        },
        file,
      );
      const e = await managedEvent(ctxOf(req), req.params.id);
      return reply.code(201).send(documentOut(e.slug, d));
    },
  );

  app.post(
    '/api/v1/events/:id/documents/:docId/versions',
    {
      config: {
        access: { action: 'event.manage' },
        multipartBody: Type.Object({
          title: Type.Optional(Type.String({ maxLength: 300, description: 'The title in this language' })),
          ...version,
        }),
      },
      schema: {
        tags,
        security,
        summary: 'Add or replace a language version of a document (multipart/form-data: a file or an https link)',
        params: DocParams,
        response: { 201: Type.Ref('EventDocument') },
      },
    },
    async (req, reply) => {
      const { fields, file } = await multipartForm(req);
      await dc.addDocumentVersion(
        ctxOf(req),
        req.params.id,
        req.params.docId,
        {
          title: fields.title ?? '',
          language: fields.language ?? '',
          status: fields.status ?? '',
          url: (fields.url ?? '').trim(),
        },
        file,
      );
      const e = await managedEvent(ctxOf(req), req.params.id);
      return reply.code(201).send(documentOut(e.slug, await dc.findDocument(db, e.id, req.params.docId)));
    },
  );
}
