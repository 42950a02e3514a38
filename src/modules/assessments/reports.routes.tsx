// Assessment reports and the State's consent: pages and API.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { create as contentDisposition } from 'content-disposition';
import { can } from '../../platform/auth/policy.ts';
import { attempt, multipartForm } from '../../platform/http/forms.ts';
import { NullableString, StringEnum, errorResponses } from '../../platform/http/api.ts';
import { AUTONYMS, formatDate, LOCALES, numberFormat } from '../../platform/i18n/index.ts';
import { Field, FileField, FormPage, Select, type FormErrors } from '../../platform/views/components.tsx';
import type { ViewContext } from '../../platform/views/context.ts';
import {
  CONSENT_SCOPES,
  GRANTEE_KINDS,
  REPORT_CLASSIFICATIONS,
  type ConsentScope,
  type GranteeKind,
  type ReportClassification,
} from './assessments.schema.ts';
import * as reports from './reports.service.ts';
import * as consent from './consent.service.ts';

type Values = Record<string, string | undefined>;
const IdParams = Type.Object({ id: Type.String({ maxLength: 36 }) });
const FileParams = Type.Object({ id: Type.String({ maxLength: 36 }), fileId: Type.String({ maxLength: 36 }) });

export default async function reportsRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { db, config } = app.platform;
  const ctxOf = (req: FastifyRequest) => ({ db, config, actor: req.actor, ip: req.ip, filesDir: config.filesDir });

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
      const done = await attempt(
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
      if (done) return done;
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
      const done = await attempt(
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
      if (done) return done;
      return reply.flash(req.t('reports.fileSaved')).redirect(`/assessments/reports/${req.params.id}`, 303);
    },
  );

  const download = async (req: FastifyRequest<{ Params: { id: string; fileId: string } }>, reply: FastifyReply) => {
    const f = await reports.downloadReportFile(ctxOf(req), req.params.id, req.params.fileId);
    return reply
      .header('content-type', f.contentType)
      .header('content-disposition', contentDisposition(f.fileName))
      .header('x-content-type-options', 'nosniff')
      .send(f.data);
  };
  app.get(
    '/assessments/reports/:id/files/:fileId',
    { config: { access: { action: 'assessment.visit.list' } }, schema: { params: FileParams } },
    download,
  );

  // ----- consent (forms on the visit page) -----
  const ConsentBody = Type.Object({
    granteeKind: Type.String({ maxLength: 30 }),
    granteeOrgId: Type.Optional(Type.String({ maxLength: 36 })),
    granteeGroupId: Type.Optional(Type.String({ maxLength: 36 })),
    scope: Type.String({ maxLength: 10 }),
    expiresOn: Type.Optional(Type.String({ maxLength: 10 })),
    note: Type.Optional(Type.String({ maxLength: 1000 })),
    _csrf: Type.Optional(Type.String({ maxLength: 200 })),
  });
  const visitBack = async (req: FastifyRequest, reply: FastifyReply, visitId: string, errors: FormErrors) =>
    reply.flash(Object.values(errors).join(' ')).redirect(`/assessments/visits/${visitId}#consent`, 303);

  app.post(
    '/assessments/visits/:id/consent',
    { config: { access: { action: 'assessment.consent.manage' } }, schema: { params: IdParams, body: ConsentBody } },
    async (req, reply) => {
      const b = req.body;
      const done = await attempt(
        req,
        () =>
          consent.grantConsent(ctxOf(req), req.params.id, {
            granteeKind: b.granteeKind as GranteeKind,
            granteeOrgId: b.granteeOrgId || null,
            granteeGroupId: b.granteeGroupId || null,
            scope: b.scope as ConsentScope,
            expiresOn: b.expiresOn || null,
            note: b.note ?? '',
          }),
        (errors) =>
          reply
            .code(422)
            .page(
              req.t('consent.title'),
              <ConsentErrors ctx={reply.viewContext()} visitId={req.params.id} errors={errors} />,
              422,
            ),
      );
      if (done) return done;
      return reply.flash(req.t('consent.granted')).redirect(`/assessments/visits/${req.params.id}#consent`, 303);
    },
  );

  const NarrowBody = Type.Object({
    scope: Type.String({ maxLength: 10 }),
    expiresOn: Type.Optional(Type.String({ maxLength: 10 })),
    visitId: Type.String({ maxLength: 36 }),
    _csrf: Type.Optional(Type.String({ maxLength: 200 })),
  });
  app.post(
    '/assessments/consent/:id/narrow',
    { config: { access: { action: 'assessment.consent.manage' } }, schema: { params: IdParams, body: NarrowBody } },
    async (req, reply) => {
      const done = await attempt(
        req,
        () =>
          consent.narrowConsent(ctxOf(req), req.params.id, {
            scope: req.body.scope as ConsentScope,
            expiresOn: req.body.expiresOn || null,
          }),
        (errors) =>
          reply
            .code(422)
            .page(
              req.t('consent.title'),
              <ConsentErrors ctx={reply.viewContext()} visitId={req.body.visitId} errors={errors} />,
              422,
            ),
      );
      if (done) return done;
      return reply.flash(req.t('consent.narrowed')).redirect(`/assessments/visits/${req.body.visitId}#consent`, 303);
    },
  );

  app.post(
    '/assessments/consent/:id/revoke',
    {
      config: { access: { action: 'assessment.consent.manage' } },
      schema: {
        params: IdParams,
        body: Type.Object({
          visitId: Type.String({ maxLength: 36 }),
          _csrf: Type.Optional(Type.String({ maxLength: 200 })),
        }),
      },
    },
    async (req, reply) => {
      await consent.revokeConsent(ctxOf(req), req.params.id);
      return reply.flash(req.t('consent.revoked')).redirect(`/assessments/visits/${req.body.visitId}#consent`, 303);
    },
  );
  void visitBack;

  // ----- API -----
  const tags = ['assessments'];
  const security = [{ bearer: [] }];
  const FileOut = Type.Object({
    id: Type.String(),
    language: Type.String(),
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
      const { getVisit } = await import('./assessments.service.ts');
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
      },
    },
    download,
  );

  app.post(
    '/api/v1/assessments/visits/:id/reports',
    {
      config: { access: { action: 'assessment.report.create' } },
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

  const GrantOut = Type.Object({
    id: Type.String(),
    granteeKind: StringEnum(GRANTEE_KINDS),
    granteeOrgId: NullableString({}),
    granteeGroupId: NullableString({}),
    granteeName: NullableString({}),
    scope: StringEnum(CONSENT_SCOPES),
    expiresAt: NullableString({ format: 'date-time' }),
    grantedAt: Type.String({ format: 'date-time' }),
    revokedAt: NullableString({ format: 'date-time' }),
    live: Type.Boolean(),
  });
  const EventOut = Type.Object({
    grantId: Type.String(),
    action: Type.String(),
    scope: StringEnum(CONSENT_SCOPES),
    expiresAt: NullableString({ format: 'date-time' }),
    by: Type.String(),
    at: Type.String({ format: 'date-time' }),
  });
  app.get(
    '/api/v1/assessments/visits/:id/consent',
    {
      config: { access: { action: 'assessment.visit.list' } },
      schema: {
        tags,
        security,
        summary: 'The State’s grants for a visit and the history of its decisions (the State’s focal points and CTED)',
        params: IdParams,
        response: {
          200: Type.Object({ grants: Type.Array(GrantOut), history: Type.Array(EventOut) }),
          ...errorResponses,
        },
      },
    },
    async (req) => {
      const grants = await consent.grantsOfVisit(ctxOf(req), req.params.id);
      const history = await consent.historyOfVisit(ctxOf(req), req.params.id);
      return {
        grants: grants.map((g) => ({
          id: g.id,
          granteeKind: g.granteeKind,
          granteeOrgId: g.granteeOrgId,
          granteeGroupId: g.granteeGroupId,
          granteeName: g.granteeNames
            ? ((g.granteeNames as Record<string, string>)[req.locale] ?? g.granteeNames.en)
            : null,
          scope: g.scope,
          expiresAt: g.expiresAt?.toISOString() ?? null,
          grantedAt: g.grantedAt.toISOString(),
          revokedAt: g.revokedAt?.toISOString() ?? null,
          live: g.live,
        })),
        history: history.map((e) => ({
          grantId: e.grantId,
          action: e.action,
          scope: e.scope,
          expiresAt: e.expiresAt?.toISOString() ?? null,
          by: e.actorLabel,
          at: e.at.toISOString(),
        })),
      };
    },
  );

  app.post(
    '/api/v1/assessments/visits/:id/consent',
    {
      config: { access: { action: 'assessment.consent.manage' } },
      schema: {
        tags,
        security,
        summary: 'Grant consent (the assessed State’s focal points only)',
        params: IdParams,
        body: Type.Object(
          {
            granteeKind: StringEnum(GRANTEE_KINDS),
            granteeOrgId: Type.Optional(NullableString({ format: 'uuid' })),
            granteeGroupId: Type.Optional(NullableString({ format: 'uuid' })),
            scope: StringEnum(CONSENT_SCOPES),
            expiresOn: Type.Optional(NullableString({ format: 'date' })),
            note: Type.Optional(Type.String({ maxLength: 1000 })),
          },
          { additionalProperties: false },
        ),
        response: { 201: Type.Object({ id: Type.String() }), ...errorResponses },
      },
    },
    async (req, reply) =>
      reply
        .code(201)
        .send({ id: await consent.grantConsent(ctxOf(req), req.params.id, req.body as consent.GrantInput) }),
  );

  app.post(
    '/api/v1/assessments/consent/:id/narrow',
    {
      config: { access: { action: 'assessment.consent.manage' } },
      schema: {
        tags,
        security,
        summary: 'Narrow a grant (smaller scope or earlier expiry)',
        params: IdParams,
        body: Type.Object(
          { scope: StringEnum(CONSENT_SCOPES), expiresOn: Type.Optional(NullableString({ format: 'date' })) },
          { additionalProperties: false },
        ),
        response: { 204: Type.Null(), ...errorResponses },
      },
    },
    async (req, reply) => {
      await consent.narrowConsent(ctxOf(req), req.params.id, req.body as consent.NarrowInput);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/v1/assessments/consent/:id/revoke',
    {
      config: { access: { action: 'assessment.consent.manage' } },
      schema: {
        tags,
        security,
        summary: 'Revoke a grant, effective on the next request',
        params: IdParams,
        response: { 204: Type.Null(), ...errorResponses },
      },
    },
    async (req, reply) => {
      await consent.revokeConsent(ctxOf(req), req.params.id);
      return reply.code(204).send(null);
    },
  );
}

// ---------- views ----------

const langOptions = () => LOCALES.map((l) => ({ value: l, label: AUTONYMS[l] }));
const size = (ctx: ViewContext, n: number) =>
  `${numberFormat(ctx.locale, { maximumFractionDigits: 1 }).format(n / 1024 / 1024)} MB`;

function ReportFormView({
  ctx,
  action,
  values,
  errors,
}: {
  ctx: ViewContext;
  action: string;
  values: Values;
  errors?: FormErrors;
}) {
  const { t } = ctx;
  return (
    <FormPage
      ctx={ctx}
      title={t('reports.new')}
      action={action}
      errors={errors}
      upload
      intro={
        <p class="notice classification" role="note">
          {t('reports.notice')}
        </p>
      }
    >
      <Field
        name="title"
        label={t('reports.title')}
        value={values.title}
        required
        error={errors?.title}
        maxLength={300}
      />
      <Select
        name="classification"
        label={t('reports.classification')}
        value={values.classification}
        options={REPORT_CLASSIFICATIONS.map((c) => ({ value: c, label: t(`classification.${c}`) }))}
        error={errors?.classification}
      />
      <Select
        name="language"
        label={t('reports.language')}
        value={values.language}
        options={langOptions()}
        error={errors?.language}
      />
      <FileField
        name="file"
        label={t('reports.file')}
        hint={t('reports.fileHint')}
        accept=".pdf,.docx,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        error={errors?.file}
      />
      <button type="submit">{t('reports.upload')}</button>
    </FormPage>
  );
}

function ReportView({
  ctx,
  r,
  canUpload,
  errors,
  values,
}: {
  ctx: ViewContext;
  r: reports.ReportRow;
  canUpload: boolean;
  errors?: FormErrors;
  values?: Values;
}) {
  const { t } = ctx;
  return (
    <article>
      <p class="breadcrumb">
        <a href={`/assessments/visits/${r.visitId}`}>{t('reports.backToVisit')}</a>
      </p>
      <h1 dir="auto">{r.title}</h1>
      <p class="notice classification" role="note">
        {t(`classification.${r.classification}`)} — {t('reports.readNotice')}
      </p>
      <h2>{t('reports.versions')}</h2>
      {r.files.length ? (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('reports.language')}</th>
              <th scope="col">{t('reports.format')}</th>
              <th scope="col">{t('reports.size')}</th>
              <th scope="col">{t('reports.uploaded')}</th>
              <th scope="col">
                <span class="visually-hidden">{t('reports.download')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {r.files.map((f) => (
              <tr>
                <td lang={f.language}>{AUTONYMS[f.language as keyof typeof AUTONYMS] ?? f.language}</td>
                <td>{f.contentType === 'application/pdf' ? 'PDF' : 'DOCX'}</td>
                <td>{size(ctx, f.size)}</td>
                <td>{formatDate(ctx.locale, f.uploadedAt, ctx.timeZone)}</td>
                <td>
                  <a href={`/assessments/reports/${r.id}/files/${f.id}`} download>
                    {t('reports.download')}
                  </a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p class="empty">{t('reports.noFiles')}</p>
      )}
      {canUpload ? (
        <section>
          <h2>{t('reports.addVersion')}</h2>
          {errors ? (
            <div class="error-summary" role="alert">
              <ul>
                {Object.entries(errors).map(([f, m]) => (
                  <li>
                    <a href={`#f-${f}`}>{m}</a>
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          <form method="post" action={`/assessments/reports/${r.id}/files`} enctype="multipart/form-data" noValidate>
            <input type="hidden" name="_csrf" value={ctx.csrfToken} />
            <Select
              name="language"
              label={t('reports.language')}
              value={values?.language ?? 'fr'}
              options={langOptions()}
              error={errors?.language}
            />
            <FileField
              name="file"
              label={t('reports.file')}
              hint={t('reports.fileHint')}
              accept=".pdf,.docx"
              error={errors?.file}
            />
            <button type="submit">{t('reports.upload')}</button>
          </form>
        </section>
      ) : null}
    </article>
  );
}

function ConsentErrors({ ctx, visitId, errors }: { ctx: ViewContext; visitId: string; errors: FormErrors }) {
  const { t } = ctx;
  return (
    <section class="narrow">
      <h1>{t('consent.title')}</h1>
      <div class="error-summary" role="alert">
        <h2>{t('form.errorSummary', { count: Object.keys(errors).length })}</h2>
        <ul>
          {Object.values(errors).map((m) => (
            <li>{m}</li>
          ))}
        </ul>
      </div>
      <p>
        <a href={`/assessments/visits/${visitId}#consent`}>{t('consent.backToVisit')}</a>
      </p>
    </section>
  );
}
