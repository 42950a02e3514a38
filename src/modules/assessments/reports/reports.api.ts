// JSON API of assessment reports. Same service, same consent checks as the pages.
import type { FastifyInstance } from 'fastify';
import { ctxOf } from '../../../platform/http/request-context.ts';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { multipartForm } from '../../../platform/http/forms.ts';
import { StringEnum, errorResponses } from '../../../platform/http/api.ts';
import { FilePart } from '../../../platform/http/openapi.ts';
import { LOCALES } from '../../../platform/i18n/index.ts';
import { REPORT_CLASSIFICATIONS, type ReportClassification } from '../assessments.schema.ts';
import * as reports from '../reports/reports.service.ts';
import { sendReportFile } from './reports.download.ts';

const IdParams = Type.Object({ id: Type.String({ maxLength: 36 }) });
const FileParams = Type.Object({ id: Type.String({ maxLength: 36 }), fileId: Type.String({ maxLength: 36 }) });

export default async function reportsApi(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['assessments'];
  const security = [{ bearer: [] }];
  const FileOut = Type.Object({
    id: Type.String(),
    language: Type.String(),
    /** The language version's revision in the library (1, 2, …: each upload of the language is the next). */
    revision: Type.Integer(),
    contentType: Type.String(),
    size: Type.Integer(),
    sha256: Type.String(),
    uploadedAt: Type.String({ format: 'date-time' }),
    href: Type.String(),
  });
  const ReportOut = Type.Object({
    id: Type.String(),
    visitId: Type.String(),
    title: Type.String(),
    classification: StringEnum(REPORT_CLASSIFICATIONS),
    createdAt: Type.String({ format: 'date-time' }),
    files: Type.Array(FileOut),
  });
  const reportOut = (r: reports.ReportRow) => ({
    id: r.id,
    visitId: r.visitId,
    title: r.title,
    classification: r.classification,
    createdAt: r.createdAt.toISOString(),
    files: r.files.map((f) => ({
      id: f.id,
      language: f.language,
      revision: f.revision,
      contentType: f.contentType,
      size: f.size,
      sha256: f.sha256,
      uploadedAt: f.uploadedAt.toISOString(),
      href: `/api/v1/assessments/reports/${r.id}/files/${f.id}`,
    })),
  });

  app.get(
    '/api/v1/assessments/visits/:id/reports',
    {
      config: { access: { action: 'assessment.visit.list' } },
      schema: {
        tags,
        security,
        summary: 'Reports of a visit the reader may read (consent checked on every call)',
        params: IdParams,
        response: { 200: Type.Object({ data: Type.Array(ReportOut) }), ...errorResponses },
      },
    },
    async (req) => {
      const { getVisit } = await import('../visits/visits.service.ts');
      await getVisit(ctxOf(req), req.params.id);
      return { data: (await reports.reportsOfVisit(ctxOf(req), req.params.id)).map(reportOut) };
    },
  );

  app.get(
    '/api/v1/assessments/reports/:id',
    {
      config: { access: { action: 'assessment.visit.list' } },
      schema: {
        tags,
        security,
        summary: 'One report (404 unless a consent covers the reader; the view is audited)',
        params: IdParams,
        response: { 200: ReportOut, ...errorResponses },
      },
    },
    async (req) => reportOut(await reports.getReport(ctxOf(req), req.params.id)),
  );

  app.get(
    '/api/v1/assessments/reports/:id/files/:fileId',
    {
      config: { access: { action: 'assessment.visit.list' } },
      schema: {
        tags,
        security,
        summary: 'Download one language version (audited; the file name carries the reader and the time)',
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
    (req, reply) => sendReportFile(ctxOf(req), req.params.id, req.params.fileId, reply),
  );

  app.post(
    '/api/v1/assessments/visits/:id/reports',
    {
      config: {
        access: { action: 'assessment.report.create' },
        multipartBody: Type.Object({
          title: Type.String({ maxLength: 300 }),
          classification: StringEnum(REPORT_CLASSIFICATIONS),
          language: StringEnum(LOCALES),
          file: FilePart('The report: PDF or DOCX (its real type is checked), at most 25 MB'),
        }),
      },
      schema: {
        tags,
        security,
        summary:
          'Upload a report (multipart/form-data: title, classification, language, file — PDF or DOCX, at most 25 MB)',
        params: IdParams,
        response: { 201: Type.Object({ id: Type.String() }), ...errorResponses },
      },
    },
    async (req, reply) => {
      const { fields, file } = await multipartForm(req);
      const id = await reports.createReport(
        ctxOf(req),
        req.params.id,
        {
          title: fields.title ?? '',
          classification: (fields.classification ?? 'confidential') as ReportClassification,
          language: fields.language ?? '',
        },
        file,
      );
      return reply.code(201).send({ id });
    },
  );

  app.post(
    '/api/v1/assessments/reports/:id/files',
    {
      config: {
        access: { action: 'assessment.report.create' },
        multipartBody: Type.Object({
          language: StringEnum(LOCALES),
          file: FilePart('This language version: PDF or DOCX (its real type is checked), at most 25 MB'),
        }),
      },
      schema: {
        tags,
        security,
        summary:
          'Add or replace a language version of a report (multipart/form-data: language, file), as on the report’s ' +
          'page; the replaced file is removed',
        params: IdParams,
        response: { 201: ReportOut },
      },
    },
    async (req, reply) => {
      const { fields, file } = await multipartForm(req);
      await reports.addReportFile(ctxOf(req), req.params.id, fields.language ?? '', file);
      return reply.code(201).send(reportOut(await reports.getReport(ctxOf(req), req.params.id, false)));
    },
  );
}
