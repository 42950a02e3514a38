// Needs, portfolio, matching and gap analysis: pages (work without JavaScript) and exports.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { authorize, can } from '../../platform/auth/policy.ts';
import { attempt, formErrors } from '../../platform/http/forms.ts';
import { formatNumber, formatPercent, listSep, LOCALES, AUTONYMS, type T } from '../../platform/i18n/index.ts';
import {
  EmptyState,
  Field,
  FormPage,
  Pagination,
  PostForm,
  Select,
  TextArea,
  type FormErrors,
} from '../../platform/views/components.tsx';
import { BarChart, ChoroplethMap } from '../../platform/views/charts.tsx';
import { sendTable, type Column } from '../../platform/export/tabular.ts';
import type { ViewContext } from '../../platform/views/context.ts';
import { REGIONAL_GROUPS, type LocalizedText } from '../directory/directory.schema.ts';
import { FRAMEWORK } from '../framework/data/framework.ts';
import { stateChoices } from '../assessments/assessments.service.ts';
import {
  LINK_STATUSES,
  NEED_SOURCES,
  NEED_STATUSES,
  PRIORITIES,
  PROJECT_KINDS,
  PROJECT_STATUSES,
  type LinkStatus,
  type NeedSource,
  type NeedStatus,
  type Priority,
  type ProjectKind,
  type ProjectStatus,
} from './portfolio.schema.ts';
import * as needsSvc from './needs.service.ts';
import * as projectsSvc from './projects.service.ts';
import { gapAnalysis, type GapRow } from './gap.service.ts';
import { organizationChoices } from '../directory/directory.service.ts';

const PAGE = 25;
type Values = Record<string, string | string[] | undefined>;
const arr = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : typeof v === 'string' && v ? [v] : []);
const str = (v: unknown): string => (Array.isArray(v) ? String(v[0] ?? '') : typeof v === 'string' ? v : '');
const loc = (n: LocalizedText | Record<string, string>, l: string) =>
  (n as Record<string, string>)[l] ?? (n as Record<string, string>).en ?? Object.values(n)[0] ?? '';
const fw = (code: string, l: string) => {
  const f = FRAMEWORK.find((x) => x.code === code);
  return f ? loc(f.names, l) : code;
};
const THEMES = FRAMEWORK.filter((f) => f.kind === 'theme');
const PILLARS = FRAMEWORK.filter((f) => f.kind === 'pillar');
const RESOLUTIONS = FRAMEWORK.filter((f) => f.kind === 'sc_resolution' || f.kind === 'ga_resolution');

const NeedFilterQuery = Type.Object({
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000 })),
  state: Type.Optional(Type.String({ maxLength: 36 })),
  visit: Type.Optional(Type.String({ maxLength: 36 })),
  theme: Type.Optional(Type.String({ maxLength: 80 })),
  pillar: Type.Optional(Type.String({ maxLength: 20 })),
  priority: Type.Optional(Type.String({ maxLength: 10 })),
  status: Type.Optional(Type.String({ maxLength: 20 })),
  answered: Type.Optional(Type.Union([Type.Literal('yes'), Type.Literal('no'), Type.Literal('')])),
  region: Type.Optional(Type.String({ maxLength: 40 })),
  q: Type.Optional(Type.String({ maxLength: 200 })),
  format: Type.Optional(Type.Union([Type.Literal('csv'), Type.Literal('xlsx')])),
});

const NeedBody = Type.Object({
  stateOrgId: Type.String({ maxLength: 36 }),
  source: Type.String({ maxLength: 30 }),
  visitId: Type.Optional(Type.String({ maxLength: 36 })),
  sourceNote: Type.Optional(Type.String({ maxLength: 500 })),
  themes: Type.Optional(Type.Array(Type.String({ maxLength: 80 }), { maxItems: 50 })),
  pillars: Type.Optional(Type.Array(Type.String({ maxLength: 20 }), { maxItems: 10 })),
  resolutions: Type.Optional(Type.Array(Type.String({ maxLength: 40 }), { maxItems: 50 })),
  priority: Type.String({ maxLength: 10 }),
  status: Type.String({ maxLength: 20 }),
  ...Object.fromEntries(LOCALES.map((l) => [`description_${l}`, Type.Optional(Type.String({ maxLength: 5000 }))])),
  _csrf: Type.Optional(Type.String({ maxLength: 200 })),
});
const toNeed = (b: Values): needsSvc.NeedInput => ({
  stateOrgId: str(b.stateOrgId),
  source: str(b.source) as NeedSource,
  visitId: str(b.visitId) || null,
  sourceNote: str(b.sourceNote),
  themes: arr(b.themes),
  pillars: arr(b.pillars),
  resolutions: arr(b.resolutions),
  priority: str(b.priority) as Priority,
  status: str(b.status) as NeedStatus,
  descriptions: Object.fromEntries(LOCALES.map((l) => [l, str(b[`description_${l}`])])),
});

export const needColumns = (locale: string): Column<needsSvc.NeedRow>[] => [
  { key: 'id', header: 'id', hxl: '#indicator+id', value: (n) => n.id },
  { key: 'state', header: 'state', hxl: '#country+name', value: (n) => loc(n.stateNames, locale) },
  { key: 'iso3', header: 'iso3', hxl: '#country+code', value: (n) => n.stateIso3 },
  { key: 'region', header: 'region', hxl: '#region+name', value: (n) => n.regionalGroup },
  { key: 'source', header: 'source', hxl: '#meta+source', value: (n) => n.source },
  { key: 'themes', header: 'themes', hxl: '#sector+theme', value: (n) => n.themes.join(';') },
  { key: 'pillars', header: 'pillars', hxl: '#sector+pillar', value: (n) => n.pillars.join(';') },
  { key: 'resolutions', header: 'resolutions', hxl: '#meta+resolution', value: (n) => n.resolutions.join(';') },
  { key: 'priority', header: 'priority', hxl: '#priority', value: (n) => n.priority },
  { key: 'status', header: 'status', hxl: '#status', value: (n) => n.status },
  {
    key: 'description',
    header: 'description',
    hxl: '#description',
    value: (n) => needsSvc.descriptionIn(n.descriptions, locale).text,
  },
  { key: 'coverage', header: 'coverage_percent', hxl: '#indicator+coverage+pct', value: (n) => n.coverage },
];

export default async function portfolioRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = app.platform;
  const ctxOf = (req: FastifyRequest) => ({ db, actor: req.actor, ip: req.ip });

  // ----- needs -----
  app.get(
    '/needs',
    { config: { access: { action: 'need.list' } }, schema: { querystring: NeedFilterQuery } },
    async (req, reply) => {
      const { page = 1, format, ...f } = req.query;
      if (format) {
        const all = await needsSvc.listNeeds(ctxOf(req), f as needsSvc.NeedFilters, 1, 50_000);
        return sendTable(reply, format, `needs.${format}`, needColumns(req.locale), all.rows, {
          hxl: true,
          sheetName: 'needs',
        });
      }
      const r = await needsSvc.listNeeds(ctxOf(req), f as needsSvc.NeedFilters, page, PAGE);
      const states = await stateChoices(db, req.locale);
      return reply.page(
        req.t('needs.title'),
        <NeedList
          ctx={reply.viewContext()}
          rows={r.rows}
          total={r.total}
          page={page}
          filters={f as Record<string, string>}
          states={states}
          canCreate={can(req.actor, 'need.create')}
        />,
      );
    },
  );

  const needForm = async (
    req: FastifyRequest,
    reply: FastifyReply,
    action: string,
    title: string,
    values: Values,
    errors?: FormErrors,
    status = 200,
  ) =>
    reply.page(
      title,
      <NeedFormView
        ctx={reply.viewContext()}
        action={action}
        title={title}
        values={values}
        errors={errors}
        states={await stateChoices(db, req.locale)}
      />,
      status,
    );

  app.get(
    '/needs/new',
    {
      config: { access: { action: 'need.create' } },
      schema: {
        querystring: Type.Object({
          visit: Type.Optional(Type.String({ maxLength: 36 })),
          state: Type.Optional(Type.String({ maxLength: 36 })),
        }),
      },
    },
    async (req, reply) =>
      needForm(req, reply, '/needs', req.t('needs.new'), {
        source: req.query.visit ? 'assessment_visit' : 'other',
        visitId: req.query.visit,
        stateOrgId: req.query.state,
        priority: 'medium',
        status: 'identified',
        [`description_${req.locale}`]: '',
      }),
  );

  app.post(
    '/needs',
    { config: { access: { action: 'need.create' } }, schema: { body: NeedBody }, attachValidation: true },
    async (req, reply) => {
      const values = (req.body ?? {}) as Values;
      const rerender = (errors: FormErrors) => needForm(req, reply, '/needs', req.t('needs.new'), values, errors, 422);
      const errors = formErrors(req);
      if (errors) return rerender(errors);
      let id = '';
      const done = await attempt(
        req,
        async () => {
          id = await needsSvc.createNeed(ctxOf(req), toNeed(values));
        },
        rerender,
      );
      if (done) return done;
      return reply.flash(req.t('needs.saved')).redirect(`/needs/${id}`, 303);
    },
  );

  const IdParams = Type.Object({ id: Type.String({ maxLength: 36 }) });
  app.get(
    '/needs/:id',
    { config: { access: { action: 'need.list' } }, schema: { params: IdParams } },
    async (req, reply) => {
      const n = await needsSvc.getNeed(ctxOf(req), req.params.id);
      const links = await needsSvc.linksOfNeed(ctxOf(req), n.id);
      const matches = await projectsSvc.matchProjects(ctxOf(req), n);
      return reply.page(
        req.t('needs.one', { state: loc(n.stateNames, req.locale) }),
        <NeedView
          ctx={reply.viewContext()}
          n={n}
          links={links}
          matches={matches}
          canEdit={can(req.actor, 'need.write', { stateOrgId: n.stateOrgId, fromVisit: !!n.visitId })}
        />,
      );
    },
  );

  app.get(
    '/needs/:id/edit',
    { config: { access: { action: 'need.create' } }, schema: { params: IdParams } },
    async (req, reply) => {
      const n = await needsSvc.getNeed(ctxOf(req), req.params.id);
      return needForm(req, reply, `/needs/${n.id}`, req.t('needs.edit'), {
        stateOrgId: n.stateOrgId,
        source: n.source,
        visitId: n.visitId ?? '',
        sourceNote: n.sourceNote,
        themes: n.themes,
        pillars: n.pillars,
        resolutions: n.resolutions,
        priority: n.priority,
        status: n.status,
        ...Object.fromEntries(Object.entries(n.descriptions).map(([l, v]) => [`description_${l}`, v])),
      });
    },
  );

  app.post(
    '/needs/:id',
    {
      config: { access: { action: 'need.create' } },
      schema: { params: IdParams, body: NeedBody },
      attachValidation: true,
    },
    async (req, reply) => {
      const values = (req.body ?? {}) as Values;
      const rerender = (errors: FormErrors) =>
        needForm(req, reply, `/needs/${req.params.id}`, req.t('needs.edit'), values, errors, 422);
      const errors = formErrors(req);
      if (errors) return rerender(errors);
      const done = await attempt(req, () => needsSvc.updateNeed(ctxOf(req), req.params.id, toNeed(values)), rerender);
      if (done) return done;
      return reply.flash(req.t('needs.saved')).redirect(`/needs/${req.params.id}`, 303);
    },
  );

  // ----- portfolio -----
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
    { key: 'title', header: 'title', hxl: '#activity+name', value: (p) => loc(p.titles, l) },
    { key: 'lead', header: 'lead', hxl: '#org+lead', value: (p) => p.leadAcronym ?? loc(p.leadNames, l) },
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
    ...Object.fromEntries(LOCALES.map((l) => [`title_${l}`, Type.Optional(Type.String({ maxLength: 500 }))])),
    _csrf: Type.Optional(Type.String({ maxLength: 200 })),
  });
  const amount = (v: unknown) => {
    const s = str(v).replace(/[\s,]/g, '');
    return s === '' ? null : /^\d+$/.test(s) ? Number(s) : -1;
  };
  const toProject = (b: Values, orgIdsByCode: Map<string, string>): projectsSvc.ProjectInput => ({
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
    titles: Object.fromEntries(LOCALES.map((l) => [l, str(b[`title_${l}`])])),
    governance: parseGovernance(str(b.governance), orgIdsByCode),
  });
  const projectForm = async (
    req: FastifyRequest,
    reply: FastifyReply,
    action: string,
    title: string,
    values: Values,
    errors?: FormErrors,
    status = 200,
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
      const done = await attempt(
        req,
        async () => {
          id = await projectsSvc.createProject(ctxOf(req), toProject(values, await orgCodes(req)));
        },
        rerender,
      );
      if (done) return done;
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
      return projectForm(req, reply, `/portfolio/${p.id}`, req.t('projects.edit'), {
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
        ...Object.fromEntries(Object.entries(p.titles).map(([l, v]) => [`title_${l}`, v])),
      });
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
      const rerender = (errors: FormErrors) =>
        projectForm(req, reply, `/portfolio/${req.params.id}`, req.t('projects.edit'), values, errors, 422);
      const errors = formErrors(req);
      if (errors) return rerender(errors);
      const done = await attempt(
        req,
        async () => projectsSvc.updateProject(ctxOf(req), req.params.id, toProject(values, await orgCodes(req))),
        rerender,
      );
      if (done) return done;
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
        loc(p.titles, req.locale),
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

  // ----- gap analysis -----
  const GapQuery = Type.Object({
    theme: Type.Optional(Type.String({ maxLength: 80 })),
    pillar: Type.Optional(Type.String({ maxLength: 20 })),
    priority: Type.Optional(Type.String({ maxLength: 10 })),
    region: Type.Optional(Type.String({ maxLength: 40 })),
    table: Type.Optional(
      Type.Union(['region', 'pillar', 'theme', 'priority', 'state', 'balance'].map((x) => Type.Literal(x))),
    ),
    format: Type.Optional(Type.Union([Type.Literal('csv'), Type.Literal('xlsx')])),
  });
  app.get(
    '/gap-analysis',
    { config: { access: { action: 'gap.read' } }, schema: { querystring: GapQuery } },
    async (req, reply) => {
      const { table, format, ...f } = req.query;
      const g = await gapAnalysis(ctxOf(req), f);
      const l = req.locale;
      if (format && table) {
        if (table === 'balance') {
          return sendTable(
            reply,
            format,
            `portfolio-balance.${format}`,
            [
              {
                key: 'pillar',
                header: 'pillar',
                hxl: '#sector+pillar',
                value: (r: (typeof g.balance)[number]) => fw(r.pillar, l),
              },
              { key: 'projects', header: 'open_projects', hxl: '#activity+num', value: (r) => r.projects },
              { key: 'budget', header: 'budget_usd', hxl: '#value+budget+usd', value: (r) => r.budgetUsd },
            ],
            g.balance,
            { hxl: true, sheetName: 'balance' },
          );
        }
        if (table === 'state') {
          return sendTable(
            reply,
            format,
            `gap-by-state.${format}`,
            [
              {
                key: 'state',
                header: 'state',
                hxl: '#country+name',
                value: (r: (typeof g.byState)[number]) => loc(r.names, l),
              },
              { key: 'iso3', header: 'iso3', hxl: '#country+code', value: (r) => r.iso3 },
              { key: 'open', header: 'open_needs', hxl: '#indicator+open+num', value: (r) => r.open },
              {
                key: 'unanswered',
                header: 'unanswered_needs',
                hxl: '#indicator+unanswered+num',
                value: (r) => r.unanswered,
              },
            ],
            g.byState,
            { hxl: true, sheetName: 'by state' },
          );
        }
        const rows = { region: g.byRegion, pillar: g.byPillar, theme: g.byTheme, priority: g.byPriority }[table];
        return sendTable<GapRow>(
          reply,
          format,
          `gap-by-${table}.${format}`,
          [
            {
              key: table,
              header: table,
              hxl: table === 'region' ? '#region+name' : table === 'priority' ? '#priority' : '#sector',
              value: (r: GapRow) => keyLabel(req.t, table, r.key, l),
            },
            { key: 'open', header: 'open_needs', hxl: '#indicator+open+num', value: (r) => r.open },
            {
              key: 'unanswered',
              header: 'unanswered_needs',
              hxl: '#indicator+unanswered+num',
              value: (r) => r.unanswered,
            },
            { key: 'coverage', header: 'coverage_percent', hxl: '#indicator+coverage+pct', value: (r) => r.coverage },
          ],
          rows,
          { hxl: true, sheetName: `by ${table}` },
        );
      }
      return reply.page(
        req.t('gap.title'),
        <GapView ctx={reply.viewContext()} g={g} filters={f as Record<string, string>} />,
      );
    },
  );
}

const keyLabel = (t: T, table: string, key: string, l: string) =>
  table === 'region'
    ? key === 'none'
      ? '—'
      : t(`group.${key}`)
    : table === 'priority'
      ? t(`needs.priority.${key}`)
      : fw(key, l);

// ---------- views ----------

function Checkboxes({
  name,
  legend,
  options,
  values,
  error,
}: {
  name: string;
  legend: string;
  options: { value: string; label: string }[];
  values: string[];
  error?: string;
}) {
  return (
    <fieldset class={`field checkboxes${error ? ' has-error' : ''}`} id={`f-${name}`}>
      <legend>{legend}</legend>
      {error ? <p class="error">{error}</p> : null}
      {options.map((o, i) => (
        <div class="checkbox">
          <input type="checkbox" id={`f-${name}-${i}`} name={name} value={o.value} checked={values.includes(o.value)} />
          <label for={`f-${name}-${i}`}>{o.label}</label>
        </div>
      ))}
    </fieldset>
  );
}

function MultiSelect({
  name,
  label,
  options,
  values,
  hint,
  error,
}: {
  name: string;
  label: string;
  options: { value: string; label: string }[];
  values: string[];
  hint?: string;
  error?: string;
}) {
  const id = `f-${name}`;
  return (
    <div class={`field${error ? ' has-error' : ''}`}>
      <label for={id}>{label}</label>
      {hint ? (
        <p class="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {error ? <p class="error">{error}</p> : null}
      <select id={id} name={name} multiple size={8} aria-describedby={hint ? `${id}-hint` : undefined}>
        {options.map((o) => (
          <option value={o.value} selected={values.includes(o.value)}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

function Exports({ ctx, base, query }: { ctx: ViewContext; base: string; query: Record<string, string | undefined> }) {
  const q = (format: string) => {
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries(query)) if (v) p.set(k, v);
    p.set('format', format);
    return `${base}?${p.toString()}`;
  };
  return (
    <p class="exports">
      <a href={q('csv')}>{ctx.t('export.csv')}</a> · <a href={q('xlsx')}>{ctx.t('export.xlsx')}</a>
    </p>
  );
}

function NeedList({
  ctx,
  rows,
  total,
  page,
  filters,
  states,
  canCreate,
}: {
  ctx: ViewContext;
  rows: needsSvc.NeedRow[];
  total: number;
  page: number;
  filters: Record<string, string>;
  states: { id: string; name: string }[];
  canCreate: boolean;
}) {
  const { t, locale } = ctx;
  return (
    <section>
      <h1>{t('needs.title')}</h1>
      <p class="notice" role="note">
        {t('needs.visibilityNotice')}
      </p>
      {canCreate ? (
        <p>
          <a
            class="button"
            href={filters.visit ? `/needs/new?visit=${encodeURIComponent(filters.visit)}` : '/needs/new'}
          >
            {t('needs.new')}
          </a>
        </p>
      ) : null}
      <form method="get" action="/needs" class="filters">
        <Select
          name="state"
          label={t('assessments.state')}
          value={filters.state}
          includeEmpty={t('filter.all')}
          options={states.map((s) => ({ value: s.id, label: s.name }))}
        />
        <Select
          name="region"
          label={t('field.region')}
          value={filters.region}
          includeEmpty={t('filter.all')}
          options={REGIONAL_GROUPS.map((r) => ({ value: r, label: t(`group.${r}`) }))}
        />
        <Select
          name="theme"
          label={t('needs.themes')}
          value={filters.theme}
          includeEmpty={t('filter.all')}
          options={THEMES.map((f) => ({ value: f.code, label: loc(f.names, locale) }))}
        />
        <Select
          name="pillar"
          label={t('needs.pillars')}
          value={filters.pillar}
          includeEmpty={t('filter.all')}
          options={PILLARS.map((f) => ({ value: f.code, label: loc(f.names, locale) }))}
        />
        <Select
          name="priority"
          label={t('needs.priorityLabel')}
          value={filters.priority}
          includeEmpty={t('filter.all')}
          options={PRIORITIES.map((p) => ({ value: p, label: t(`needs.priority.${p}`) }))}
        />
        <Select
          name="status"
          label={t('assessments.status')}
          value={filters.status}
          includeEmpty={t('filter.all')}
          options={NEED_STATUSES.map((s) => ({ value: s, label: t(`needs.status.${s}`) }))}
        />
        <Select
          name="answered"
          label={t('needs.answered')}
          value={filters.answered}
          includeEmpty={t('filter.all')}
          options={[
            { value: 'yes', label: t('common.yes') },
            { value: 'no', label: t('common.no') },
          ]}
        />
        <Field name="q" label={t('filter.search')} value={filters.q} />
        {filters.visit ? <input type="hidden" name="visit" value={filters.visit} /> : null}
        <button type="submit">{t('filter.apply')}</button>
      </form>
      <Exports ctx={ctx} base="/needs" query={filters} />
      {rows.length ? (
        <table>
          <caption class="visually-hidden">{t('needs.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('assessments.state')}</th>
              <th scope="col">{t('needs.description')}</th>
              <th scope="col">{t('needs.themes')}</th>
              <th scope="col">{t('needs.priorityLabel')}</th>
              <th scope="col">{t('assessments.status')}</th>
              <th scope="col">{t('needs.coverage')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((n) => {
              const d = needsSvc.descriptionIn(n.descriptions, locale);
              return (
                <tr>
                  <td>
                    {loc(n.stateNames, locale)}
                    {n.isDemo ? <span class="badge">{t('common.demoData')}</span> : null}
                  </td>
                  <td>
                    <a href={`/needs/${n.id}`} lang={d.lang} dir="auto">
                      {d.text.length > 140 ? d.text.slice(0, 140) + '…' : d.text}
                    </a>
                    {n.visitId ? <span class="badge">{t('classification.confidential')}</span> : null}
                  </td>
                  <td>{n.themes.map((c) => fw(c, locale)).join(listSep(locale))}</td>
                  <td>{t(`needs.priority.${n.priority}`)}</td>
                  <td>{t(`needs.status.${n.status}`)}</td>
                  <td>{formatPercent(locale, n.coverage)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : (
        <EmptyState>{t('needs.none')}</EmptyState>
      )}
      <Pagination ctx={ctx} page={page} pageSize={PAGE} total={total} baseQuery={filters} />
    </section>
  );
}

function NeedFormView({
  ctx,
  action,
  title,
  values,
  errors,
  states,
}: {
  ctx: ViewContext;
  action: string;
  title: string;
  values: Values;
  errors?: FormErrors;
  states: { id: string; name: string }[];
}) {
  const { t, locale } = ctx;
  return (
    <FormPage ctx={ctx} title={title} action={action} errors={errors}>
      <Select
        name="stateOrgId"
        label={t('assessments.state')}
        value={str(values.stateOrgId)}
        includeEmpty="—"
        options={states.map((s) => ({ value: s.id, label: s.name }))}
        error={errors?.stateOrgId}
      />
      <Select
        name="source"
        label={t('needs.source')}
        value={str(values.source)}
        options={NEED_SOURCES.map((s) => ({ value: s, label: t(`needs.sourceValue.${s}`) }))}
        error={errors?.source}
      />
      <Field
        name="visitId"
        label={t('needs.visitId')}
        hint={t('needs.visitIdHint')}
        value={str(values.visitId)}
        error={errors?.visitId}
        maxLength={36}
      />
      <Field
        name="sourceNote"
        label={t('needs.sourceNote')}
        value={str(values.sourceNote)}
        error={errors?.sourceNote}
        maxLength={500}
      />
      <Checkboxes
        name="themes"
        legend={t('needs.themes')}
        values={arr(values.themes)}
        options={THEMES.map((f) => ({ value: f.code, label: loc(f.names, locale) }))}
        error={errors?.themes}
      />
      <Checkboxes
        name="pillars"
        legend={t('needs.pillars')}
        values={arr(values.pillars)}
        options={PILLARS.map((f) => ({ value: f.code, label: loc(f.names, locale) }))}
        error={errors?.pillars}
      />
      <Checkboxes
        name="resolutions"
        legend={t('needs.resolutions')}
        values={arr(values.resolutions)}
        options={RESOLUTIONS.map((f) => ({ value: f.code, label: `${f.code} — ${loc(f.names, locale)}` }))}
        error={errors?.resolutions}
      />
      <Select
        name="priority"
        label={t('needs.priorityLabel')}
        value={str(values.priority)}
        options={PRIORITIES.map((p) => ({ value: p, label: t(`needs.priority.${p}`) }))}
        error={errors?.priority}
      />
      <Select
        name="status"
        label={t('assessments.status')}
        value={str(values.status)}
        options={NEED_STATUSES.map((s) => ({ value: s, label: t(`needs.status.${s}`) }))}
        error={errors?.status}
      />
      <fieldset class="field" id="f-description">
        <legend>{t('needs.description')}</legend>
        <p class="hint">{t('needs.descriptionHint')}</p>
        {errors?.description ? <p class="error">{errors.description}</p> : null}
        {[locale, ...LOCALES.filter((l) => l !== locale)].map((l) => (
          <TextArea
            name={`description_${l}`}
            label={AUTONYMS[l]}
            value={str(values[`description_${l}`])}
            rows={l === locale ? 5 : 2}
            maxLength={5000}
          />
        ))}
      </fieldset>
      <button type="submit">{t('action.save')}</button>
    </FormPage>
  );
}

function NeedView({
  ctx,
  n,
  links,
  matches,
  canEdit,
}: {
  ctx: ViewContext;
  n: needsSvc.NeedRow;
  links: Awaited<ReturnType<typeof needsSvc.linksOfNeed>>;
  matches: projectsSvc.Candidate[];
  canEdit: boolean;
}) {
  const { t, locale } = ctx;
  const d = needsSvc.descriptionIn(n.descriptions, locale);
  return (
    <article>
      <p class="breadcrumb">
        <a href="/needs">{t('needs.title')}</a>
      </p>
      <h1>{t('needs.one', { state: loc(n.stateNames, locale) })}</h1>
      {n.visitId ? (
        <p class="notice classification" role="note">
          {t('needs.confidentialNotice')}
        </p>
      ) : null}
      {canEdit ? (
        <p>
          <a class="button" href={`/needs/${n.id}/edit`}>
            {t('action.edit')}
          </a>
        </p>
      ) : null}
      {d.fallback ? (
        <p class="hint">{t('needs.fallback', { language: AUTONYMS[d.lang as keyof typeof AUTONYMS] ?? d.lang })}</p>
      ) : null}
      <p lang={d.lang} dir="auto" class="lead">
        {d.text}
      </p>
      <dl class="facts">
        <dt>{t('needs.source')}</dt>
        <dd>
          {t(`needs.sourceValue.${n.source}`)}
          {n.visitId ? (
            <>
              {' '}
              — <a href={`/assessments/visits/${n.visitId}`}>{t('needs.theVisit')}</a>
            </>
          ) : null}
          {n.sourceNote ? ` — ${n.sourceNote}` : ''}
        </dd>
        <dt>{t('needs.themes')}</dt>
        <dd>{n.themes.map((c) => fw(c, locale)).join(listSep(locale)) || '—'}</dd>
        <dt>{t('needs.pillars')}</dt>
        <dd>{n.pillars.map((c) => fw(c, locale)).join(listSep(locale)) || '—'}</dd>
        <dt>{t('needs.resolutions')}</dt>
        <dd>{n.resolutions.join(listSep(locale)) || '—'}</dd>
        <dt>{t('needs.priorityLabel')}</dt>
        <dd>{t(`needs.priority.${n.priority}`)}</dd>
        <dt>{t('assessments.status')}</dt>
        <dd>{t(`needs.status.${n.status}`)}</dd>
        <dt>{t('needs.coverage')}</dt>
        <dd>{formatPercent(locale, n.coverage)}</dd>
      </dl>
      <h2>{t('needs.responses')}</h2>
      {links.length ? (
        <ul>
          {links.map((l) => (
            <li>
              <a href={`/portfolio/${l.projectId}`}>{loc(l.titles, locale)}</a> — {t(`projects.link.${l.status}`)},{' '}
              {formatPercent(locale, l.coveredPercent)}
            </li>
          ))}
        </ul>
      ) : (
        <EmptyState>{t('needs.noResponse')}</EmptyState>
      )}
      <h2>{t('needs.matches')}</h2>
      {matches.length ? (
        <ol class="matches">
          {matches.map((m) => (
            <li>
              <a href={`/portfolio/${m.id}`}>{loc(m.titles, locale)}</a>
              {m.leadAcronym ? ` (${m.leadAcronym})` : ''} — {t('needs.score', { score: m.score })}
              <ul class="reasons">
                {m.reasons.map((r) => (
                  <li>{reasonLabel(t, r, locale, m.fundingGap)}</li>
                ))}
              </ul>
            </li>
          ))}
        </ol>
      ) : (
        <EmptyState>{t('needs.noMatches')}</EmptyState>
      )}
    </article>
  );
}

function reasonLabel(t: ViewContext['t'], r: string, l: string, gap: number | null) {
  if (r.startsWith('theme:')) return t('match.theme', { name: fw(r.slice(6), l) });
  if (r.startsWith('pillar:')) return t('match.pillar', { name: fw(r.slice(7), l) });
  if (r === 'funded' && gap != null) return t('match.fundedGap', { gap: formatNumber(l as never, gap) });
  return t(`match.${r}`);
}

function ProjectList({
  ctx,
  rows,
  total,
  page,
  filters,
  canCreate,
}: {
  ctx: ViewContext;
  rows: projectsSvc.Project[];
  total: number;
  page: number;
  filters: Record<string, string>;
  canCreate: boolean;
}) {
  const { t, locale } = ctx;
  return (
    <section>
      <h1>{t('projects.title')}</h1>
      {canCreate ? (
        <p>
          <a class="button" href="/portfolio/new">
            {t('projects.new')}
          </a>
        </p>
      ) : null}
      <form method="get" action="/portfolio" class="filters">
        <Select
          name="status"
          label={t('assessments.status')}
          value={filters.status}
          includeEmpty={t('filter.all')}
          options={PROJECT_STATUSES.map((s) => ({ value: s, label: t(`projects.status.${s}`) }))}
        />
        <Select
          name="theme"
          label={t('needs.themes')}
          value={filters.theme}
          includeEmpty={t('filter.all')}
          options={THEMES.map((f) => ({ value: f.code, label: loc(f.names, locale) }))}
        />
        <Select
          name="pillar"
          label={t('needs.pillars')}
          value={filters.pillar}
          includeEmpty={t('filter.all')}
          options={PILLARS.map((f) => ({ value: f.code, label: loc(f.names, locale) }))}
        />
        <Field name="q" label={t('filter.search')} value={filters.q} />
        <button type="submit">{t('filter.apply')}</button>
      </form>
      <Exports ctx={ctx} base="/portfolio" query={filters} />
      {rows.length ? (
        <table>
          <caption class="visually-hidden">{t('projects.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('reports.title')}</th>
              <th scope="col">{t('projects.lead')}</th>
              <th scope="col">{t('needs.pillars')}</th>
              <th scope="col">{t('projects.budget')}</th>
              <th scope="col">{t('assessments.status')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((p) => (
              <tr>
                <td>
                  <a href={`/portfolio/${p.id}`} dir="auto">
                    {loc(p.titles, locale)}
                  </a>{' '}
                  <span class="muted">{t(`projects.kind.${p.kind}`)}</span>
                  {p.isDemo ? <span class="badge">{t('common.demoData')}</span> : null}
                </td>
                <td>{p.leadAcronym ?? loc(p.leadNames, locale)}</td>
                <td>{p.pillars.map((c) => fw(c, locale)).join(listSep(locale)) || '—'}</td>
                <td>{p.budgetUsd != null ? `${formatNumber(locale, p.budgetUsd)} USD` : '—'}</td>
                <td>{t(`projects.status.${p.status}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <EmptyState>{t('projects.none')}</EmptyState>
      )}
      <Pagination ctx={ctx} page={page} pageSize={PAGE} total={total} baseQuery={filters} />
    </section>
  );
}

function ProjectFormView({
  ctx,
  action,
  title,
  values,
  errors,
  orgs,
  states,
}: {
  ctx: ViewContext;
  action: string;
  title: string;
  values: Values;
  errors?: FormErrors;
  orgs: { id: string; label: string }[];
  states: { id: string; name: string }[];
}) {
  const { t, locale } = ctx;
  const orgOptions = orgs.map((o) => ({ value: o.id, label: o.label }));
  return (
    <FormPage ctx={ctx} title={title} action={action} errors={errors}>
      <Select
        name="kind"
        label={t('field.type')}
        value={str(values.kind)}
        options={PROJECT_KINDS.map((k) => ({ value: k, label: t(`projects.kind.${k}`) }))}
        error={errors?.kind}
      />
      <Field
        name={`title_${locale}`}
        label={t('reports.title')}
        value={str(values[`title_${locale}`])}
        required
        error={errors?.title}
        maxLength={500}
      />
      <Field name="code" label={t('projects.code')} value={str(values.code)} maxLength={60} />
      <Field
        name="parentId"
        label={t('projects.parent')}
        hint={t('projects.parentHint')}
        value={str(values.parentId)}
        error={errors?.parentId}
        maxLength={36}
      />
      <TextArea name="summary" label={t('projects.summary')} value={str(values.summary)} maxLength={5000} />
      <Select
        name="leadOrgId"
        label={t('projects.lead')}
        value={str(values.leadOrgId)}
        includeEmpty="—"
        options={orgOptions}
        error={errors?.leadOrgId}
      />
      <MultiSelect
        name="partnerOrgIds"
        label={t('projects.partners')}
        hint={t('projects.multiHint')}
        values={arr(values.partnerOrgIds)}
        options={orgOptions}
        error={errors?.partnerOrgIds}
      />
      <MultiSelect
        name="beneficiaryStateIds"
        label={t('projects.beneficiaries')}
        hint={t('projects.multiHint')}
        values={arr(values.beneficiaryStateIds)}
        options={states.map((s) => ({ value: s.id, label: s.name }))}
        error={errors?.beneficiaryStateIds}
      />
      <Checkboxes
        name="regions"
        legend={t('projects.regions')}
        values={arr(values.regions)}
        options={REGIONAL_GROUPS.map((r) => ({ value: r, label: t(`group.${r}`) }))}
        error={errors?.regions}
      />
      <Checkboxes
        name="themes"
        legend={t('needs.themes')}
        values={arr(values.themes)}
        options={THEMES.map((f) => ({ value: f.code, label: loc(f.names, locale) }))}
        error={errors?.themes}
      />
      <Checkboxes
        name="pillars"
        legend={t('needs.pillars')}
        values={arr(values.pillars)}
        options={PILLARS.map((f) => ({ value: f.code, label: loc(f.names, locale) }))}
        error={errors?.pillars}
      />
      <Field
        name="budgetUsd"
        label={t('projects.budget')}
        inputMode="numeric"
        value={str(values.budgetUsd)}
        error={errors?.budgetUsd}
        maxLength={16}
      />
      <Field
        name="fundsReceivedUsd"
        label={t('projects.funds')}
        inputMode="numeric"
        value={str(values.fundsReceivedUsd)}
        error={errors?.fundsReceivedUsd}
        maxLength={16}
      />
      <Field
        name="startDate"
        type="date"
        label={t('assessments.startDate')}
        value={str(values.startDate)}
        error={errors?.startDate}
      />
      <Field
        name="endDate"
        type="date"
        label={t('assessments.endDate')}
        value={str(values.endDate)}
        error={errors?.endDate}
      />
      <Select
        name="status"
        label={t('assessments.status')}
        value={str(values.status)}
        options={PROJECT_STATUSES.map((s) => ({ value: s, label: t(`projects.status.${s}`) }))}
        error={errors?.status}
      />
      <TextArea
        name="governance"
        label={t('projects.governance')}
        hint={t('projects.governanceHint')}
        value={str(values.governance)}
        rows={3}
        maxLength={5000}
        error={errors?.governance}
      />
      <button type="submit">{t('action.save')}</button>
    </FormPage>
  );
}

function ProjectView({
  ctx,
  p,
  candidates,
  canWrite,
}: {
  ctx: ViewContext;
  p: Awaited<ReturnType<typeof projectsSvc.getProject>>;
  candidates: Awaited<ReturnType<typeof projectsSvc.candidateNeeds>>;
  canWrite: boolean;
}) {
  const { t, locale } = ctx;
  const org = (o: { names: LocalizedText; acronym: string | null }) => o.acronym ?? loc(o.names, locale);
  const gap = p.budgetUsd != null ? p.budgetUsd - (p.fundsReceivedUsd ?? 0) : null;
  return (
    <article>
      <p class="breadcrumb">
        <a href="/portfolio">{t('projects.title')}</a>
      </p>
      <h1 dir="auto">{loc(p.titles, locale)}</h1>
      {p.isDemo ? (
        <p class="notice" role="note">
          {t('common.demoDataNote')}
        </p>
      ) : null}
      {canWrite ? (
        <p>
          <a class="button" href={`/portfolio/${p.id}/edit`}>
            {t('action.edit')}
          </a>
        </p>
      ) : null}
      {p.summary ? <p dir="auto">{p.summary}</p> : null}
      <dl class="facts">
        <dt>{t('field.type')}</dt>
        <dd>
          {t(`projects.kind.${p.kind}`)}
          {p.code ? ` — ${p.code}` : ''}
        </dd>
        <dt>{t('projects.lead')}</dt>
        <dd>{org({ names: p.leadNames, acronym: p.leadAcronym })}</dd>
        <dt>{t('projects.partners')}</dt>
        <dd>{p.partners.map(org).join(listSep(locale)) || '—'}</dd>
        <dt>{t('projects.beneficiaries')}</dt>
        <dd>{p.beneficiaries.map(org).join(listSep(locale)) || '—'}</dd>
        <dt>{t('projects.regions')}</dt>
        <dd>{p.regions.map((r) => t(`group.${r}`)).join(listSep(locale)) || '—'}</dd>
        <dt>{t('needs.themes')}</dt>
        <dd>{p.themes.map((c) => fw(c, locale)).join(listSep(locale)) || '—'}</dd>
        <dt>{t('needs.pillars')}</dt>
        <dd>{p.pillars.map((c) => fw(c, locale)).join(listSep(locale)) || '—'}</dd>
        <dt>{t('projects.budget')}</dt>
        <dd>{p.budgetUsd != null ? `${formatNumber(locale, p.budgetUsd)} USD` : '—'}</dd>
        <dt>{t('projects.funds')}</dt>
        <dd>{p.fundsReceivedUsd != null ? `${formatNumber(locale, p.fundsReceivedUsd)} USD` : '—'}</dd>
        <dt>{t('projects.gap')}</dt>
        <dd>{gap != null ? `${formatNumber(locale, gap)} USD` : '—'}</dd>
        <dt>{t('assessments.dates')}</dt>
        <dd>
          {p.startDate ?? '—'} – {p.endDate ?? '—'}
        </dd>
        <dt>{t('assessments.status')}</dt>
        <dd>{t(`projects.status.${p.status}`)}</dd>
      </dl>
      {p.governance.length ? (
        <>
          <h2>{t('projects.governance')}</h2>
          <ul>
            {p.governance.map((g) => (
              <li>
                {g.body}: {org(g)} ({g.role})
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {p.children.length ? (
        <>
          <h2>{t('projects.children')}</h2>
          <ul>
            {p.children.map((c) => (
              <li>
                <a href={`/portfolio/${c.id}`}>{loc(c.titles, locale)}</a>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <h2>{t('projects.answers')}</h2>
      {p.links.length ? (
        <ul>
          {p.links.map((l) => (
            <li>
              <a href={`/needs/${l.needId}`}>
                {loc(l.stateNames, locale)}: {needsSvc.descriptionIn(l.descriptions, locale).text.slice(0, 120)}
              </a>{' '}
              — {t(`projects.link.${l.status}`)}, {formatPercent(locale, l.coveredPercent)}
            </li>
          ))}
        </ul>
      ) : (
        <EmptyState>{t('projects.noAnswers')}</EmptyState>
      )}
      {p.hiddenLinks ? <p class="hint">{t('projects.hiddenLinks', { count: p.hiddenLinks })}</p> : null}
      <h2>{t('projects.candidates')}</h2>
      {candidates.length ? (
        <ul class="matches">
          {candidates.map((n) => (
            <li>
              <a href={`/needs/${n.id}`}>
                {loc(n.stateNames, locale)}: {needsSvc.descriptionIn(n.descriptions, locale).text.slice(0, 120)}
              </a>{' '}
              — {t(`needs.priority.${n.priority}`)}
              <ul class="reasons">
                {n.sharedThemes.map((c) => (
                  <li>{t('match.theme', { name: fw(c, locale) })}</li>
                ))}
                {n.inBeneficiary ? <li>{t('match.state')}</li> : null}
              </ul>
              {canWrite ? (
                <PostForm ctx={ctx} action={`/portfolio/${p.id}/needs`} class="inline">
                  <input type="hidden" name="needId" value={n.id} />
                  <label for={`cov-${n.id}`}>{t('projects.coveredPercent')}</label>
                  <input id={`cov-${n.id}`} name="coveredPercent" type="number" min={1} max={100} value="100" />
                  <label for={`st-${n.id}`}>{t('assessments.status')}</label>
                  <select id={`st-${n.id}`} name="status">
                    {LINK_STATUSES.map((s) => (
                      <option value={s} selected={s === 'agreed'}>
                        {t(`projects.link.${s}`)}
                      </option>
                    ))}
                  </select>
                  <button type="submit" class="secondary">
                    {t('projects.link')}
                  </button>
                </PostForm>
              ) : null}
            </li>
          ))}
        </ul>
      ) : (
        <EmptyState>{t('projects.noCandidates')}</EmptyState>
      )}
    </article>
  );
}

function GapTable({
  ctx,
  id,
  title,
  rows,
  table,
  filters,
}: {
  ctx: ViewContext;
  id: string;
  title: string;
  rows: GapRow[];
  table: string;
  filters: Record<string, string>;
}) {
  const { t, locale } = ctx;
  return (
    <section aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{title}</h2>
      <BarChart
        ctx={ctx}
        id={id}
        title={t('gap.unansweredBy', { what: title })}
        data={rows.map((r) => ({ label: keyLabel(t, table, r.key, locale), value: r.unanswered }))}
        table={false}
      />
      <table>
        <caption>{t('gap.coverageBy', { what: title })}</caption>
        <thead>
          <tr>
            <th scope="col">{title}</th>
            <th scope="col">{t('gap.open')}</th>
            <th scope="col">{t('gap.unanswered')}</th>
            <th scope="col">{t('needs.coverage')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr>
              <th scope="row">{keyLabel(t, table, r.key, locale)}</th>
              <td>{formatNumber(locale, r.open)}</td>
              <td>{formatNumber(locale, r.unanswered)}</td>
              <td>{formatPercent(locale, r.coverage)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <Exports ctx={ctx} base="/gap-analysis" query={{ ...filters, table }} />
    </section>
  );
}

function GapView({
  ctx,
  g,
  filters,
}: {
  ctx: ViewContext;
  g: Awaited<ReturnType<typeof gapAnalysis>>;
  filters: Record<string, string>;
}) {
  const { t, locale } = ctx;
  return (
    <section>
      <h1>{t('gap.title')}</h1>
      <p class="notice" role="note">
        {t('gap.notice')}
      </p>
      <form method="get" action="/gap-analysis" class="filters">
        <Select
          name="region"
          label={t('field.region')}
          value={filters.region}
          includeEmpty={t('filter.all')}
          options={REGIONAL_GROUPS.map((r) => ({ value: r, label: t(`group.${r}`) }))}
        />
        <Select
          name="theme"
          label={t('needs.themes')}
          value={filters.theme}
          includeEmpty={t('filter.all')}
          options={THEMES.map((f) => ({ value: f.code, label: loc(f.names, locale) }))}
        />
        <Select
          name="pillar"
          label={t('needs.pillars')}
          value={filters.pillar}
          includeEmpty={t('filter.all')}
          options={PILLARS.map((f) => ({ value: f.code, label: loc(f.names, locale) }))}
        />
        <Select
          name="priority"
          label={t('needs.priorityLabel')}
          value={filters.priority}
          includeEmpty={t('filter.all')}
          options={PRIORITIES.map((p) => ({ value: p, label: t(`needs.priority.${p}`) }))}
        />
        <button type="submit">{t('filter.apply')}</button>
      </form>
      <p class="lead">
        {t('gap.summary', {
          open: g.totals.open,
          unanswered: g.totals.unanswered,
          coverage: formatPercent(locale, g.totals.coverage),
        })}
      </p>
      <ChoroplethMap
        ctx={ctx}
        id="gap-map"
        title={t('gap.map')}
        values={g.byState.map((s) => ({
          iso3: s.iso3 ?? '',
          label: loc(s.names, locale),
          value: s.unanswered,
          href: `/needs?state=${s.stateOrgId}&answered=no`,
        }))}
      />
      <Exports ctx={ctx} base="/gap-analysis" query={{ ...filters, table: 'state' }} />
      <GapTable
        ctx={ctx}
        id="gap-region"
        title={t('field.region')}
        rows={g.byRegion}
        table="region"
        filters={filters}
      />
      <GapTable
        ctx={ctx}
        id="gap-pillar"
        title={t('needs.pillars')}
        rows={g.byPillar}
        table="pillar"
        filters={filters}
      />
      <GapTable ctx={ctx} id="gap-theme" title={t('needs.themes')} rows={g.byTheme} table="theme" filters={filters} />
      <GapTable
        ctx={ctx}
        id="gap-priority"
        title={t('needs.priorityLabel')}
        rows={g.byPriority}
        table="priority"
        filters={filters}
      />
      <section aria-labelledby="balance-h">
        <h2 id="balance-h">{t('gap.balance')}</h2>
        <BarChart
          ctx={ctx}
          id="gap-balance"
          title={t('gap.balanceChart')}
          data={g.balance.map((b) => ({ label: fw(b.pillar, locale), value: b.projects }))}
          table={false}
        />
        <table>
          <caption>{t('gap.balance')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('needs.pillars')}</th>
              <th scope="col">{t('gap.openProjects')}</th>
              <th scope="col">{t('projects.budget')}</th>
            </tr>
          </thead>
          <tbody>
            {g.balance.map((b) => (
              <tr>
                <th scope="row">{fw(b.pillar, locale)}</th>
                <td>{formatNumber(locale, b.projects)}</td>
                <td>{formatNumber(locale, b.budgetUsd)} USD</td>
              </tr>
            ))}
          </tbody>
        </table>
        <Exports ctx={ctx} base="/gap-analysis" query={{ ...filters, table: 'balance' }} />
      </section>
    </section>
  );
}

/** Governance lines "Body | organization acronym | role"; an unknown organization is kept as '' and refused by the service. */
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
