// JSON API of the document library: the same service, the same visibility, audit and checks as the pages.
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type, type Static } from 'typebox';
import { ctxOf } from '../../../platform/http/request-context.ts';
import { multipartForm } from '../../../platform/http/forms.ts';
import { errorResponses, NullableString, Paged, PageQuery, StringEnum } from '../../../platform/http/api.ts';
import { FilePart } from '../../../platform/http/openapi.ts';
import { LOCALES } from '../../../platform/i18n/index.ts';
import { textFromApi, TranslatableSchema } from '../../../platform/i18n/text.ts';
import type { FieldError } from '../../../platform/http/errors.ts';
import { DISTRIBUTIONS, LIBRARY_CLASSIFICATIONS, RELATIONS } from '../library.schema.ts';
import { TEXT_STATUSES } from '../extract/extract.schema.ts';
import * as svc from './documents.service.ts';
import { sendLibraryFile } from './documents.download.ts';

const IdParams = Type.Object({ id: Type.String({ maxLength: 40 }) });
const FileParams = Type.Object({ id: Type.String({ maxLength: 40 }), fileId: Type.String({ maxLength: 40 }) });

const FileOut = Type.Object({
  id: Type.String(),
  language: StringEnum(LOCALES),
  revision: Type.Integer(),
  fileName: Type.String(),
  mediaType: Type.String(),
  size: Type.Integer(),
  sha256: Type.String(),
  translatedFromRevision: Type.Union([Type.Integer(), Type.Null()]),
  uploadedAt: Type.String({ format: 'date-time' }),
  href: Type.String(),
  text: Type.Object(
    {
      status: StringEnum(TEXT_STATUSES),
      reason: NullableString(),
      characters: Type.Integer(),
    },
    { description: 'Whether the revision’s text is searchable: pending, done, failed (with a reason) or too_large.' },
  ),
});
const ParityOut = Type.Object({
  language: StringEnum(LOCALES),
  state: StringEnum(['original', 'up_to_date', 'lagging', 'missing'] as const),
  revision: Type.Integer(),
  translatedFrom: Type.Union([Type.Integer(), Type.Null()]),
  behind: Type.Integer(),
});
const Meta = {
  id: Type.String(),
  symbol: Type.String(),
  relatedId: NullableString(),
  relation: Type.Union([StringEnum(RELATIONS), Type.Null()]),
  title: TranslatableSchema,
  summary: TranslatableSchema,
  originalLanguage: StringEnum(LOCALES),
  classification: StringEnum(LIBRARY_CLASSIFICATIONS),
  distribution: StringEnum(DISTRIBUTIONS),
  workingGroupId: NullableString(),
  organizationIds: Type.Array(Type.String()),
  retainUntil: NullableString({ format: 'date' }),
  legalHold: Type.Boolean(),
  ownerOrgId: NullableString(),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
};
const DocumentSummaryOut = Type.Object({
  ...Meta,
  languages: Type.Array(Type.Object({ language: StringEnum(LOCALES), revision: Type.Integer() })),
});
const DocumentOut = Type.Object({ ...Meta, files: Type.Array(FileOut), parity: Type.Array(ParityOut) });
const DocumentIn = Type.Object({
  symbol: Type.Optional(Type.String({ maxLength: 200, description: 'Only on creation; Rev.N, Add.N, Corr.N relate' })),
  title: TranslatableSchema,
  summary: Type.Optional(TranslatableSchema),
  originalLanguage: StringEnum(LOCALES),
  classification: StringEnum(LIBRARY_CLASSIFICATIONS),
  distribution: StringEnum(DISTRIBUTIONS),
  workingGroupId: Type.Optional(Type.String({ maxLength: 40 })),
  organizationIds: Type.Optional(Type.Array(Type.String({ maxLength: 40 }), { maxItems: 200 })),
  retainUntil: Type.Optional(Type.String({ maxLength: 10, description: 'YYYY-MM-DD; empty: kept' })),
  legalHold: Type.Optional(Type.Boolean({ description: 'The secretariat only; ignored for anyone else' })),
  ownerOrgId: Type.Optional(Type.String({ maxLength: 40 })),
});

const meta = (d: svc.LibraryDocument) => ({
  id: d.id,
  symbol: d.symbol,
  relatedId: d.relatedId,
  relation: d.relation,
  title: d.title,
  summary: d.summary,
  originalLanguage: d.originalLanguage,
  classification: d.classification,
  distribution: d.distribution,
  workingGroupId: d.workingGroupId,
  organizationIds: d.distributionOrgIds,
  retainUntil: d.retainUntil,
  legalHold: d.legalHold,
  ownerOrgId: d.ownerOrgId,
  createdAt: d.createdAt.toISOString(),
  updatedAt: d.updatedAt.toISOString(),
});
const PENDING = { status: 'pending' as const, reason: null, characters: 0 };
const fileOut = (d: svc.LibraryDocument, f: svc.LibraryFile, text: svc.TextState = PENDING) => ({
  id: f.id,
  language: f.language,
  revision: f.revision,
  fileName: f.fileName,
  mediaType: f.mediaType,
  size: f.size,
  sha256: f.sha256,
  translatedFromRevision: f.translatedFromRevision,
  uploadedAt: f.uploadedAt.toISOString(),
  href: `/api/v1/library/${d.id}/files/${f.id}`,
  text: { status: text.status, reason: text.reason, characters: text.characters },
});
const documentOut = (d: svc.DocumentDetail) => ({
  ...meta(d),
  files: d.files.map((f) => fileOut(d, f, d.texts.get(f.id))),
  parity: d.parity,
});

type In = Static<typeof DocumentIn>;
function apiInput(b: In, fields: FieldError[]): svc.DocumentInput {
  return {
    symbol: b.symbol,
    title: textFromApi(b.title, 'title', fields, { maxLength: 500, required: true }),
    summary: textFromApi(b.summary, 'summary', fields, { maxLength: 4000 }),
    originalLanguage: b.originalLanguage,
    classification: b.classification,
    distribution: b.distribution,
    workingGroupId: b.workingGroupId ?? '',
    organizationIds: b.organizationIds ?? [],
    retainUntil: b.retainUntil ?? '',
    legalHold: b.legalHold,
    ownerOrgId: b.ownerOrgId ?? '',
  };
}

export default async function documentsApi(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['library'];
  const security = [{ bearer: [] }];

  app.get(
    '/api/v1/library',
    {
      config: { access: 'public' },
      schema: {
        tags,
        security,
        // "library" names the collection in the singular: the derived id would be getLibrary, as for one document.
        operationId: 'listLibraryDocuments',
        summary: 'The documents the reader receives (distribution and classification filtered in the query)',
        querystring: Type.Object(PageQuery),
        response: { 200: Paged(DocumentSummaryOut), ...errorResponses },
      },
    },
    async (req) => {
      const page = req.query.page ?? 1;
      const pageSize = req.query.pageSize ?? 50;
      const r = await svc.listDocuments(ctxOf(req), { page, pageSize });
      return { data: r.rows.map((d) => ({ ...meta(d), languages: d.languages })), page, pageSize, total: r.total };
    },
  );

  app.post(
    '/api/v1/library',
    {
      config: { access: { action: 'library.create' } },
      schema: {
        tags,
        security,
        summary: 'Create a document (its files are uploaded afterwards)',
        body: DocumentIn,
        response: { 201: DocumentOut, 409: Type.Ref('ErrorBody'), ...errorResponses },
      },
    },
    async (req, reply) => {
      const fields: FieldError[] = [];
      const d = await svc.createDocument(ctxOf(req), apiInput(req.body, fields), fields);
      return reply.code(201).send(documentOut(await svc.getDocument(ctxOf(req), d.id, false)));
    },
  );

  app.get(
    '/api/v1/library/:id',
    {
      config: { access: 'public' },
      schema: {
        tags,
        security,
        summary: 'One document with its files and language parity (a confidential one: the read is audited)',
        params: IdParams,
        response: { 200: DocumentOut, ...errorResponses },
      },
    },
    async (req) => documentOut(await svc.getDocument(ctxOf(req), req.params.id)),
  );

  app.put(
    '/api/v1/library/:id',
    {
      config: { access: { action: 'library.create' } },
      schema: {
        tags,
        security,
        summary: 'Edit a document’s metadata (the symbol never changes)',
        params: IdParams,
        body: DocumentIn,
        response: { 200: DocumentOut, ...errorResponses },
      },
    },
    async (req) => {
      const fields: FieldError[] = [];
      await svc.updateDocument(ctxOf(req), req.params.id, apiInput(req.body, fields), fields);
      return documentOut(await svc.getDocument(ctxOf(req), req.params.id, false));
    },
  );

  app.get(
    '/api/v1/library/:id/parity',
    {
      config: { access: 'public' },
      schema: {
        tags,
        security,
        summary: 'Language parity: for each translation, up to date, lagging the original by N revisions, or missing',
        params: IdParams,
        response: { 200: Type.Object({ data: Type.Array(ParityOut) }), ...errorResponses },
      },
    },
    async (req) => ({ data: (await svc.getDocument(ctxOf(req), req.params.id)).parity }),
  );

  app.post(
    '/api/v1/library/:id/files',
    {
      config: {
        access: { action: 'library.create' },
        multipartBody: Type.Object({
          language: StringEnum(LOCALES),
          translatedFrom: Type.Optional(Type.String({ description: 'The original’s revision; default: its latest' })),
          file: FilePart('The revision: PDF or DOCX (its real type is checked), at most 25 MB'),
        }),
      },
      schema: {
        tags,
        security,
        summary: 'Upload a new revision of a language version (multipart/form-data: language, translatedFrom, file)',
        params: IdParams,
        response: { 201: FileOut, ...errorResponses },
      },
    },
    async (req, reply) => {
      const { fields, file } = await multipartForm(req);
      const f = await svc.uploadRevision(
        ctxOf(req),
        req.params.id,
        { language: fields.language ?? '', translatedFrom: fields.translatedFrom },
        file,
      );
      return reply.code(201).send(fileOut({ id: req.params.id } as svc.LibraryDocument, f));
    },
  );

  app.get(
    '/api/v1/library/:id/files/:fileId',
    {
      config: { access: 'public' },
      schema: {
        tags,
        security,
        summary: 'Download one revision (a confidential document: audited; the file name carries reader and time)',
        params: FileParams,
        response: {
          200: {
            description: 'The file (PDF or DOCX) as an attachment',
            content: {
              'application/pdf': { schema: { type: 'string', format: 'binary' } },
              'application/vnd.openxmlformats-officedocument.wordprocessingml.document': {
                schema: { type: 'string', format: 'binary' },
              },
            },
          },
        },
      },
    },
    (req, reply) => sendLibraryFile(ctxOf(req), req.params.id, req.params.fileId, reply),
  );

  app.delete(
    '/api/v1/library/:id',
    {
      config: { access: { action: 'library.create' } },
      schema: {
        tags,
        security,
        summary: 'Delete a document and its files (the secretariat; 409 under legal hold)',
        params: IdParams,
        response: { 204: Type.Null(), 409: Type.Ref('ErrorBody'), ...errorResponses },
      },
    },
    async (req, reply) => {
      await svc.deleteDocument(ctxOf(req), req.params.id);
      return reply.code(204).send(null);
    },
  );
}
