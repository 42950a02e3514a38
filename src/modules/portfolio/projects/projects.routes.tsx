// Pages of the portfolio (work without JavaScript): programmes and projects, their form, links to needs; exports.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ctxOf } from '../../../platform/http/request-context.ts';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { authorize, can } from '../../../platform/auth/policy.ts';
import { attempt, formErrors } from '../../../platform/http/forms.ts';
import { LOCALES, type Locale, nameIn } from '../../../platform/i18n/index.ts';
import type { FormErrors } from '../../../platform/views/components.tsx';
import { sendTable, type Column } from '../../../platform/export/tabular.ts';
import { memberStateChoices as stateChoices, organizationChoices } from '../../directory/index.ts';
import { type LinkStatus, type ProjectKind, type ProjectStatus } from '../portfolio.schema.ts';
import { amount, arr, PAGE, str, type Values } from '../portfolio.forms.ts';
import * as projectsSvc from '../projects/projects.service.ts';
import { invalid, type FieldError } from '../../../platform/http/errors.ts';
import {
  statusFieldName,
  textFieldName,
  textFormValues,
  textFromForm,
  textIn,
  type TranslatableText,
} from '../../../platform/i18n/text.ts';
import { ProjectFormView, ProjectList, ProjectView } from './projects.views.tsx';

const IdParams = Type.Object({ id: Type.String({ maxLength: 36 }) });

export default async function projectsRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = app.platform;

  const ProjectQuery = Type.Object({
    page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000 })),
    status: Type.Optional(Type.String({ maxLength: 20 })),
    theme: Type.Optional(Type.String({ maxLength: 80 })),
    pillar: Type.Optional(Type.String({ maxLength: 20 })),
    q: Type.Optional(Type.String({ maxLength: 200 })),
    format: Type.Optional(Type.Union([Type.Literal('csv'), Type.Literal('xlsx')])),
  });
  const projectColumns = (l: string): Column<projectsSvc.Project>[] => [
    { key: 'id', header: 'id', hxl: '#activity+id', value: (p) => p.id },
    { key: 'code', header: 'code', hxl: '#activity+code', value: (p) => p.code },
    { key: 'kind', header: 'kind', hxl: '#activity+type', value: (p) => p.kind },
    { key: 'title', header: 'title', hxl: '#activity+name', value: (p) => textIn(p.titles, l as Locale) },
    { key: 'lead', header: 'lead', hxl: '#org+lead', value: (p) => p.leadAcronym ?? nameIn(p.leadNames, l) },
    { key: 'themes', header: 'themes', hxl: '#sector+theme', value: (p) => p.themes.join(';') },
    { key: 'pillars', header: 'pillars', hxl: '#sector+pillar', value: (p) => p.pillars.join(';') },
    { key: 'regions', header: 'regions', hxl: '#region+name', value: (p) => p.regions.join(';') },
    { key: 'budget', header: 'budget_usd', hxl: '#value+budget+usd', value: (p) => p.budgetUsd },
    { key: 'funds', header: 'funds_received_usd', hxl: '#value+received+usd', value: (p) => p.fundsReceivedUsd },
    {
      key: 'gap',
      header: 'funding_gap_usd',
      hxl: '#value+gap+usd',
      value: (p) => (p.budgetUsd == null ? null : p.budgetUsd - (p.fundsReceivedUsd ?? 0)),
    },
    { key: 'start', header: 'start_date', hxl: '#date+start', value: (p) => p.startDate },
    { key: 'end', header: 'end_date', hxl: '#date+end', value: (p) => p.endDate },
    { key: 'status', header: 'status', hxl: '#status', value: (p) => p.status },
  ];
  app.get(
    '/portfolio',
    { config: { access: { action: 'project.list' } }, schema: { querystring: ProjectQuery } },
    async (req, reply) => {
      const { page = 1, format, ...f } = req.query;
      if (format) {
        const all = await projectsSvc.listProjects(ctxOf(req), f, 1, 50_000);
        return sendTable(reply, format, `portfolio.${format}`, projectColumns(req.locale), all.rows, {
          hxl: true,
          sheetName: 'portfolio',
        });
      }
      const r = await projectsSvc.listProjects(ctxOf(req), f, page, PAGE);
      return reply.page(
        req.t('projects.title'),
        <ProjectList
          ctx={reply.viewContext()}
          rows={r.rows}
          total={r.total}
          page={page}
          filters={f as Record<string, string>}
          canCreate={can(req.actor, 'project.create')}
        />,
      );
    },
  );

  const ProjectBody = Type.Object({
    kind: Type.String({ maxLength: 20 }),
    parentId: Type.Optional(Type.String({ maxLength: 36 })),
    code: Type.Optional(Type.String({ maxLength: 60 })),
    summary: Type.Optional(Type.String({ maxLength: 5000 })),
    leadOrgId: Type.String({ maxLength: 36 }),
    partnerOrgIds: Type.Optional(Type.Array(Type.String({ maxLength: 36 }), { maxItems: 100 })),
    beneficiaryStateIds: Type.Optional(Type.Array(Type.String({ maxLength: 36 }), { maxItems: 200 })),
    regions: Type.Optional(Type.Array(Type.String({ maxLength: 40 }), { maxItems: 5 })),
    themes: Type.Optional(Type.Array(Type.String({ maxLength: 80 }), { maxItems: 50 })),
    pillars: Type.Optional(Type.Array(Type.String({ maxLength: 20 }), { maxItems: 4 })),
    budgetUsd: Type.Optional(Type.String({ maxLength: 16 })),
    fundsReceivedUsd: Type.Optional(Type.String({ maxLength: 16 })),
    startDate: Type.Optional(Type.String({ maxLength: 10 })),
    endDate: Type.Optional(Type.String({ maxLength: 10 })),
    status: Type.String({ maxLength: 20 }),
    governance: Type.Optional(Type.String({ maxLength: 5000 })),
    ...Object.fromEntries(
      LOCALES.flatMap((l) => [
        [textFieldName('title', l), Type.Optional(Type.String({ maxLength: 500 }))],
        [statusFieldName('title', l), Type.Optional(Type.String({ maxLength: 20 }))],
      ]),
    ),
    _csrf: Type.Optional(Type.String({ maxLength: 200 })),
  });
  /** The form's project; the title keeps the stored languages the form did not show (the form shows one). */
  const toProject = (
    b: Values,
    orgIdsByCode: Map<string, string>,
    previous?: TranslatableText | null,
  ): projectsSvc.ProjectInput => {
    const fields: FieldError[] = [];
    const titles = textFromForm(b, 'title', fields, { maxLength: 500, previous });
    if (fields.length) throw invalid(fields);
    return {
      kind: str(b.kind) as ProjectKind,
      parentId: str(b.parentId) || null,
      code: str(b.code) || null,
      summary: str(b.summary),
      leadOrgId: str(b.leadOrgId),
      partnerOrgIds: arr(b.partnerOrgIds),
      beneficiaryStateIds: arr(b.beneficiaryStateIds),
      regions: arr(b.regions),
      themes: arr(b.themes),
      pillars: arr(b.pillars),
      budgetUsd: amount(b.budgetUsd),
      fundsReceivedUsd: amount(b.fundsReceivedUsd),
      startDate: str(b.startDate) || null,
      endDate: str(b.endDate) || null,
      status: str(b.status) as ProjectStatus,
      titles,
      governance: parseGovernance(str(b.governance), orgIdsByCode),
    };
  };
  const projectForm = async (
    req: FastifyRequest,
    reply: FastifyReply,
    action: string,
    title: string,
    values: Values,
    errors?: FormErrors,
    status = 200,
    stored?: TranslatableText | null,
  ) => {
    const orgs = (await organizationChoices({ db, actor: req.actor }, req.locale))
      .filter((o) => o.type !== 'cso')
      .map((o) => ({ id: o.id, label: o.name }));
    const states = await stateChoices(db, req.locale);
    return reply.page(
      title,
      <ProjectFormView
        ctx={reply.viewContext()}
        action={action}
        title={title}
        values={values}
        errors={errors}
        orgs={orgs}
        states={states}
        stored={stored}
      />,
      status,
    );
  };
  app.get('/portfolio/new', { config: { access: { action: 'project.create' } } }, async (req, reply) =>
    projectForm(req, reply, '/portfolio', req.t('projects.new'), { kind: 'project', status: 'pipeline' }),
  );
  app.post(
    '/portfolio',
    { config: { access: { action: 'project.create' } }, schema: { body: ProjectBody }, attachValidation: true },
    async (req, reply) => {
      const values = (req.body ?? {}) as Values;
      const rerender = (errors: FormErrors) =>
        projectForm(req, reply, '/portfolio', req.t('projects.new'), values, errors, 422);
      const errors = formErrors(req);
      if (errors) return rerender(errors);
      let id = '';
      const rerendered = await attempt(
        req,
        async () => {
          id = await projectsSvc.createProject(ctxOf(req), toProject(values, await orgCodes(req)));
        },
        rerender,
      );
      if (rerendered) return reply;
      return reply.flash(req.t('projects.saved')).redirect(`/portfolio/${id}`, 303);
    },
  );

  const orgCodes = async (req: FastifyRequest) =>
    new Map(
      (await organizationChoices({ db, actor: req.actor }, req.locale)).flatMap((o) => [
        [o.id, o.id] as [string, string],
        ...(o.acronym ? [[o.acronym.toUpperCase(), o.id] as [string, string]] : []),
      ]),
    );
  app.get(
    '/portfolio/:id/edit',
    { config: { access: { action: 'project.create' } }, schema: { params: IdParams } },
    async (req, reply) => {
      const p = await projectsSvc.getProject(ctxOf(req), req.params.id);
      authorize(req.actor, 'project.write', { leadOrgId: p.leadOrgId });
      return projectForm(
        req,
        reply,
        `/portfolio/${p.id}`,
        req.t('projects.edit'),
        {
          kind: p.kind,
          parentId: p.parentId ?? '',
          code: p.code ?? '',
          summary: p.summary,
          leadOrgId: p.leadOrgId,
          partnerOrgIds: p.partners.map((o) => o.id),
          beneficiaryStateIds: p.beneficiaries.map((o) => o.id),
          regions: p.regions,
          themes: p.themes,
          pillars: p.pillars,
          budgetUsd: p.budgetUsd?.toString() ?? '',
          fundsReceivedUsd: p.fundsReceivedUsd?.toString() ?? '',
          startDate: p.startDate ?? '',
          endDate: p.endDate ?? '',
          status: p.status,
          governance: p.governance.map((g) => `${g.body} | ${g.acronym ?? g.id} | ${g.role}`).join('\n'),
          ...textFormValues('title', p.titles),
        },
        undefined,
        200,
        p.titles,
      );
    },
  );
  app.post(
    '/portfolio/:id',
    {
      config: { access: { action: 'project.create' } },
      schema: { params: IdParams, body: ProjectBody },
      attachValidation: true,
    },
    async (req, reply) => {
      const values = (req.body ?? {}) as Values;
      const previous = (await projectsSvc.getProject(ctxOf(req), req.params.id)).titles;
      const rerender = (errors: FormErrors) =>
        projectForm(req, reply, `/portfolio/${req.params.id}`, req.t('projects.edit'), values, errors, 422, previous);
      const errors = formErrors(req);
      if (errors) return rerender(errors);
      const rerendered = await attempt(
        req,
        async () =>
          projectsSvc.updateProject(ctxOf(req), req.params.id, toProject(values, await orgCodes(req), previous)),
        rerender,
      );
      if (rerendered) return reply;
      return reply.flash(req.t('projects.saved')).redirect(`/portfolio/${req.params.id}`, 303);
    },
  );

  app.get(
    '/portfolio/:id',
    { config: { access: { action: 'project.list' } }, schema: { params: IdParams } },
    async (req, reply) => {
      const p = await projectsSvc.getProject(ctxOf(req), req.params.id);
      const canWrite = can(req.actor, 'project.write', { leadOrgId: p.leadOrgId });
      const candidates = can(req.actor, 'need.list') ? await projectsSvc.candidateNeeds(ctxOf(req), p.id) : [];
      return reply.page(
        textIn(p.titles, req.locale),
        <ProjectView ctx={reply.viewContext()} p={p} candidates={candidates} canWrite={canWrite} />,
      );
    },
  );

  app.post(
    '/portfolio/:id/needs',
    {
      config: { access: { action: 'project.create' } },
      schema: {
        params: IdParams,
        body: Type.Object({
          needId: Type.String({ maxLength: 36 }),
          coveredPercent: Type.Integer({ minimum: 1, maximum: 100 }),
          status: Type.String({ maxLength: 20 }),
          _csrf: Type.Optional(Type.String({ maxLength: 200 })),
        }),
      },
    },
    async (req, reply) => {
      await projectsSvc.linkNeed(
        ctxOf(req),
        req.params.id,
        req.body.needId,
        req.body.coveredPercent,
        req.body.status as LinkStatus,
      );
      return reply.flash(req.t('projects.linked')).redirect(`/portfolio/${req.params.id}`, 303);
    },
  );
}

/**
 * Governance lines "Body | organization acronym | role"; an
 * unknown organization is kept as '' and refused by the service.
 */
function parseGovernance(
  text: string,
  orgIdsByCode: Map<string, string>,
): { body: string; organizationId: string; role?: string }[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => {
      const [body = '', org = '', role = 'member'] = l.split('|').map((x) => x.trim());
      return {
        body,
        organizationId: orgIdsByCode.get(org.toUpperCase()) ?? orgIdsByCode.get(org) ?? '',
        role: role || 'member',
      };
    });
}
