// Pages of assessment visits (work without JavaScript); the visit page carries its reports and the consent panel.
import { nameIn } from '../../../platform/i18n/index.ts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ctxOf } from '../../../platform/http/request-context.ts';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { can } from '../../../platform/auth/policy.ts';
import { attempt, checked, formErrors } from '../../../platform/http/forms.ts';
import { type FormErrors } from '../../../platform/views/components.tsx';
import { type VisitStatus, type VisitType } from '../assessments.schema.ts';
import * as svc from '../visits/visits.service.ts';
import * as reports from '../reports/reports.service.ts';
import * as consent from '../consent/consent.service.ts';
import { VisitFormView, VisitList, VisitView } from './visits.views.tsx';
import type { ConsentPanelData } from '../consent/consent.views.tsx';

const PAGE = 25;
const VisitBody = Type.Object({
  stateOrgId: Type.String({ maxLength: 36 }),
  type: Type.String({ maxLength: 30 }),
  status: Type.String({ maxLength: 30 }),
  startDate: Type.String({ maxLength: 10 }),
  endDate: Type.String({ maxLength: 10 }),
  team: Type.Optional(Type.String({ maxLength: 2000 })),
  onBehalfOfCtc: Type.Optional(Type.Union([Type.Literal('on'), Type.Literal('')])),
  _csrf: Type.Optional(Type.String({ maxLength: 200 })),
});
type VisitForm = Record<string, string | undefined>;
const toInput = (b: VisitForm): svc.VisitInput => ({
  stateOrgId: b.stateOrgId ?? '',
  type: b.type as VisitType,
  status: b.status as VisitStatus,
  startDate: b.startDate ?? '',
  endDate: b.endDate ?? '',
  team: b.team ?? '',
  onBehalfOfCtc: checked(b.onBehalfOfCtc),
});

export default async function visitsRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = app.platform;

  app.get(
    '/assessments/visits',
    {
      config: { access: { action: 'assessment.visit.list' } },
      schema: { querystring: Type.Object({ page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000 })) }) },
    },
    async (req, reply) => {
      const page = req.query.page ?? 1;
      const r = await svc.listVisits(ctxOf(req), page, PAGE);
      return reply.page(
        req.t('assessments.visits'),
        <VisitList
          ctx={reply.viewContext()}
          rows={r.rows}
          total={r.total}
          page={page}
          canCreate={can(req.actor, 'assessment.visit.create')}
        />,
      );
    },
  );

  const form = async (
    req: FastifyRequest,
    reply: FastifyReply,
    action: string,
    title: string,
    values: VisitForm,
    errors?: FormErrors,
    status = 200,
  ) =>
    reply.page(
      title,
      <VisitFormView
        ctx={reply.viewContext()}
        action={action}
        title={title}
        values={values}
        errors={errors}
        states={await svc.stateChoices(db, req.locale)}
      />,
      status,
    );

  app.get(
    '/assessments/visits/new',
    { config: { access: { action: 'assessment.visit.create' } } },
    async (req, reply) =>
      form(req, reply, '/assessments/visits', req.t('assessments.newVisit'), {
        type: 'comprehensive',
        status: 'planned',
        onBehalfOfCtc: 'on',
      }),
  );

  app.post(
    '/assessments/visits',
    { config: { access: { action: 'assessment.visit.create' } }, schema: { body: VisitBody }, attachValidation: true },
    async (req, reply) => {
      const values = (req.body ?? {}) as VisitForm;
      const rerender = (errors: FormErrors) =>
        form(req, reply, '/assessments/visits', req.t('assessments.newVisit'), values, errors, 422);
      const errors = formErrors(req);
      if (errors) return rerender(errors);
      let id = '';
      const rerendered = await attempt(
        req,
        async () => {
          id = await svc.createVisit(ctxOf(req), toInput(values));
        },
        rerender,
      );
      if (rerendered) return reply;
      return reply.flash(req.t('assessments.saved')).redirect(`/assessments/visits/${id}`, 303);
    },
  );

  const IdParams = Type.Object({ id: Type.String({ maxLength: 36 }) });
  app.get(
    '/assessments/visits/:id',
    { config: { access: { action: 'assessment.visit.list' } }, schema: { params: IdParams } },
    async (req, reply) => {
      const ctx = ctxOf(req);
      const v = await svc.getVisit(ctx, req.params.id);
      const visitReports = await reports.reportsOfVisit(ctx, v.id);
      const seesConsent = can(req.actor, 'assessment.consent.read', { stateOrgId: v.stateOrgId });
      const decides = can(req.actor, 'assessment.consent.decide', { stateOrgId: v.stateOrgId });
      const panel: ConsentPanelData | null = seesConsent
        ? {
            grants: await consent.grantsOfVisit(ctx, v.id),
            history: await consent.historyOfVisit(ctx, v.id),
            choices: decides ? await consent.granteeChoices(ctx, v.stateOrgId, req.locale) : null,
          }
        : null;
      return reply.page(
        req.t('assessments.visitTo', { state: nameIn(v.stateNames, req.locale) }),
        <VisitView
          ctx={reply.viewContext()}
          v={v}
          canEdit={can(req.actor, 'assessment.visit.update')}
          reports={visitReports}
          canUpload={can(req.actor, 'assessment.report.create')}
          consentPanel={panel}
        />,
      );
    },
  );

  app.get(
    '/assessments/visits/:id/edit',
    { config: { access: { action: 'assessment.visit.update' } }, schema: { params: IdParams } },
    async (req, reply) => {
      const v = await svc.getVisit(ctxOf(req), req.params.id);
      return form(req, reply, `/assessments/visits/${v.id}`, req.t('assessments.editVisit'), {
        stateOrgId: v.stateOrgId,
        type: v.type,
        status: v.status,
        startDate: v.startDate,
        endDate: v.endDate,
        team: v.team,
        onBehalfOfCtc: v.onBehalfOfCtc ? 'on' : '',
      });
    },
  );

  app.post(
    '/assessments/visits/:id',
    {
      config: { access: { action: 'assessment.visit.update' } },
      schema: { params: IdParams, body: VisitBody },
      attachValidation: true,
    },
    async (req, reply) => {
      const values = (req.body ?? {}) as VisitForm;
      const rerender = (errors: FormErrors) =>
        form(req, reply, `/assessments/visits/${req.params.id}`, req.t('assessments.editVisit'), values, errors, 422);
      const errors = formErrors(req);
      if (errors) return rerender(errors);
      const rerendered = await attempt(
        req,
        () => svc.updateVisit(ctxOf(req), req.params.id, toInput(values)),
        rerender,
      );
      if (rerendered) return reply;
      return reply.flash(req.t('assessments.saved')).redirect(`/assessments/visits/${req.params.id}`, 303);
    },
  );

  // ----- API -----
}
