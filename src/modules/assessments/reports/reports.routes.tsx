// Pages of assessment reports: the upload form, one report with its language versions, downloads.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ctxOf } from '../../../platform/http/request-context.ts';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { can } from '../../../platform/auth/policy.ts';
import { attempt, multipartForm } from '../../../platform/http/forms.ts';
import { type FormErrors } from '../../../platform/views/components.tsx';
import { type ReportClassification } from '../assessments.schema.ts';
import * as reports from '../reports/reports.service.ts';
import { sendReportFile } from './reports.download.ts';
import { ReportFormView, ReportView } from './reports.views.tsx';

type Values = Record<string, string | undefined>;
const IdParams = Type.Object({ id: Type.String({ maxLength: 36 }) });
const FileParams = Type.Object({ id: Type.String({ maxLength: 36 }), fileId: Type.String({ maxLength: 36 }) });

export default async function reportsRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  // ----- reports -----
  const reportForm = (
    req: FastifyRequest,
    reply: FastifyReply,
    visitId: string,
    values: Values,
    errors?: FormErrors,
    status = 200,
  ) =>
    reply.page(
      req.t('reports.new'),
      <ReportFormView
        ctx={reply.viewContext()}
        action={`/assessments/visits/${visitId}/reports`}
        values={values}
        errors={errors}
      />,
      status,
    );

  app.get(
    '/assessments/visits/:id/reports/new',
    { config: { access: { action: 'assessment.report.create' } }, schema: { params: IdParams } },
    async (req, reply) => reportForm(req, reply, req.params.id, { classification: 'confidential', language: 'en' }),
  );

  app.post(
    '/assessments/visits/:id/reports',
    { config: { access: { action: 'assessment.report.create' } }, schema: { params: IdParams } },
    async (req, reply) => {
      const { fields, file } = await multipartForm(req);
      let id = '';
      const rerendered = await attempt(
        req,
        async () => {
          id = await reports.createReport(
            ctxOf(req),
            req.params.id,
            {
              title: fields.title ?? '',
              classification: fields.classification as ReportClassification,
              language: fields.language ?? '',
            },
            file,
          );
        },
        (errors) => reportForm(req, reply, req.params.id, fields, errors, 422),
      );
      if (rerendered) return reply;
      return reply.flash(req.t('reports.saved')).redirect(`/assessments/reports/${id}`, 303);
    },
  );

  app.get(
    '/assessments/reports/:id',
    { config: { access: { action: 'assessment.visit.list' } }, schema: { params: IdParams } },
    async (req, reply) => {
      const r = await reports.getReport(ctxOf(req), req.params.id);
      return reply.page(
        r.title,
        <ReportView ctx={reply.viewContext()} r={r} canUpload={can(req.actor, 'assessment.report.create')} />,
      );
    },
  );

  app.post(
    '/assessments/reports/:id/files',
    { config: { access: { action: 'assessment.report.create' } }, schema: { params: IdParams } },
    async (req, reply) => {
      const { fields, file } = await multipartForm(req);
      const rerendered = await attempt(
        req,
        () => reports.addReportFile(ctxOf(req), req.params.id, fields.language ?? '', file),
        async (errors) => {
          const r = await reports.getReport(ctxOf(req), req.params.id, false);
          return reply.page(
            r.title,
            <ReportView ctx={reply.viewContext()} r={r} canUpload errors={errors} values={fields} />,
            422,
          );
        },
      );
      if (rerendered) return reply;
      return reply.flash(req.t('reports.fileSaved')).redirect(`/assessments/reports/${req.params.id}`, 303);
    },
  );

  const download = (req: FastifyRequest<{ Params: { id: string; fileId: string } }>, reply: FastifyReply) =>
    sendReportFile(ctxOf(req), req.params.id, req.params.fileId, reply);
  app.get(
    '/assessments/reports/:id/files/:fileId',
    { config: { access: { action: 'assessment.visit.list' } }, schema: { params: FileParams } },
    download,
  );
}
