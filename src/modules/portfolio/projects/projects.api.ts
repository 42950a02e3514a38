// JSON API of the portfolio: programmes and projects, links to needs. Same services, same visibility as the pages.
import type { FastifyInstance } from 'fastify';
import { ctxOf } from '../../../platform/http/request-context.ts';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type, type Static } from 'typebox';
import { NullableString, PageQuery, Paged, StringEnum, errorResponses } from '../../../platform/http/api.ts';
import { LINK_STATUSES, PRIORITIES, PROJECT_KINDS, PROJECT_STATUSES, type LinkStatus } from '../portfolio.schema.ts';
import { TranslatableSchema, textFromApi } from '../../../platform/i18n/text.ts';
import { invalid, type FieldError } from '../../../platform/http/errors.ts';
import * as projectsSvc from '../projects/projects.service.ts';

const tags = ['portfolio'];
const security = [{ bearer: [] }];
const IdParams = Type.Object({ id: Type.String({ maxLength: 36 }) });

const ProjectOut = Type.Object(
  {
    id: Type.String(),
    kind: StringEnum(PROJECT_KINDS),
    code: NullableString({}),
    titles: TranslatableSchema,
    leadOrgId: Type.String(),
    themes: Type.Array(Type.String()),
    pillars: Type.Array(Type.String()),
    regions: Type.Array(Type.String()),
    budgetUsd: Type.Union([Type.Number(), Type.Null()]),
    fundsReceivedUsd: Type.Union([Type.Number(), Type.Null()]),
    startDate: NullableString({}),
    endDate: NullableString({}),
    status: StringEnum(PROJECT_STATUSES),
    isDemo: Type.Boolean(),
  },
  { $id: 'Project' },
);
const OrgRef = Type.Object({
  id: Type.String(),
  acronym: NullableString(),
  names: Type.Record(Type.String(), Type.String()),
});
/** One project as its page shows it: with its parent, summary, partners, beneficiary States and governance bodies. */
const ProjectDetailOut = Type.Object(
  {
    ...ProjectOut.properties,
    parentId: NullableString(),
    summary: Type.String(),
    partners: Type.Array(OrgRef),
    beneficiaries: Type.Array(OrgRef),
    governance: Type.Array(
      Type.Object({
        body: Type.String(),
        role: Type.String(),
        organizationId: Type.String(),
        acronym: NullableString(),
      }),
    ),
  },
  { $id: 'ProjectDetail' },
);
/** A project as the API takes it (creating, or replacing every field of one: all its language versions included). */
const ProjectIn = Type.Object(
  {
    kind: StringEnum(PROJECT_KINDS),
    parentId: Type.Optional(NullableString({ format: 'uuid', description: 'The programme it belongs to' })),
    code: Type.Optional(NullableString({ maxLength: 60 })),
    titles: TranslatableSchema,
    summary: Type.Optional(Type.String({ maxLength: 5000 })),
    leadOrgId: Type.String({ format: 'uuid' }),
    partnerOrgIds: Type.Optional(Type.Array(Type.String({ format: 'uuid' }), { maxItems: 100 })),
    beneficiaryStateIds: Type.Optional(Type.Array(Type.String({ format: 'uuid' }), { maxItems: 200 })),
    regions: Type.Optional(Type.Array(Type.String({ maxLength: 40 }), { maxItems: 5 })),
    themes: Type.Optional(Type.Array(Type.String({ maxLength: 80 }), { maxItems: 50 })),
    pillars: Type.Optional(Type.Array(Type.String({ maxLength: 20 }), { maxItems: 4 })),
    budgetUsd: Type.Optional(Type.Union([Type.Integer({ minimum: 0 }), Type.Null()])),
    fundsReceivedUsd: Type.Optional(Type.Union([Type.Integer({ minimum: 0 }), Type.Null()])),
    startDate: Type.Optional(NullableString({ format: 'date' })),
    endDate: Type.Optional(NullableString({ format: 'date' })),
    status: StringEnum(PROJECT_STATUSES),
    governance: Type.Optional(
      Type.Array(
        Type.Object(
          {
            body: Type.String({ minLength: 1, maxLength: 200 }),
            organizationId: Type.String({ format: 'uuid' }),
            role: Type.Optional(Type.String({ maxLength: 100 })),
          },
          { additionalProperties: false },
        ),
        { maxItems: 50 },
      ),
    ),
  },
  { additionalProperties: false },
);
/** The service's input from the API's body: every check (organizations, codes, amounts, dates) is the service's. */
function projectFromApi(b: Static<typeof ProjectIn>): projectsSvc.ProjectInput {
  const fields: FieldError[] = [];
  const titles = textFromApi(b.titles, 'titles', fields, { maxLength: 500, required: true });
  if (fields.length) throw invalid(fields);
  return {
    kind: b.kind,
    parentId: b.parentId ?? null,
    code: b.code ?? null,
    titles,
    summary: b.summary ?? '',
    leadOrgId: b.leadOrgId,
    partnerOrgIds: b.partnerOrgIds ?? [],
    beneficiaryStateIds: b.beneficiaryStateIds ?? [],
    regions: b.regions ?? [],
    themes: b.themes ?? [],
    pillars: b.pillars ?? [],
    budgetUsd: b.budgetUsd ?? null,
    fundsReceivedUsd: b.fundsReceivedUsd ?? null,
    startDate: b.startDate ?? null,
    endDate: b.endDate ?? null,
    status: b.status,
    governance: b.governance ?? [],
  };
}
type ProjectDetail = Awaited<ReturnType<typeof projectsSvc.getProject>>;
const projectDetailOut = (p: ProjectDetail) => ({
  ...projectOut(p),
  parentId: p.parentId,
  summary: p.summary,
  partners: p.partners.map((o) => ({ id: o.id, acronym: o.acronym, names: o.names })),
  beneficiaries: p.beneficiaries.map((o) => ({ id: o.id, acronym: o.acronym, names: o.names })),
  governance: p.governance.map((g) => ({ body: g.body, role: g.role, organizationId: g.id, acronym: g.acronym })),
});
const projectOut = (p: projectsSvc.Project) => ({
  id: p.id,
  kind: p.kind,
  code: p.code,
  titles: p.titles,
  leadOrgId: p.leadOrgId,
  themes: p.themes,
  pillars: p.pillars,
  regions: p.regions,
  budgetUsd: p.budgetUsd,
  fundsReceivedUsd: p.fundsReceivedUsd,
  startDate: p.startDate,
  endDate: p.endDate,
  status: p.status,
  isDemo: p.isDemo,
});

export default async function projectsApi(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.addSchema(ProjectOut);
  app.addSchema(ProjectDetailOut);

  app.get(
    '/api/v1/projects',
    {
      config: { access: { action: 'project.list' } },
      schema: {
        tags,
        security,
        summary: 'Programmes and projects of the capacity-building portfolio',
        querystring: Type.Object({
          ...PageQuery,
          status: Type.Optional(StringEnum(PROJECT_STATUSES)),
          theme: Type.Optional(Type.String({ maxLength: 80 })),
          pillar: Type.Optional(Type.String({ maxLength: 20 })),
          state: Type.Optional(Type.String({ format: 'uuid' })),
          q: Type.Optional(Type.String({ maxLength: 200 })),
        }),
        response: { 200: Paged(Type.Ref('Project')), ...errorResponses },
      },
    },
    async (req) => {
      const { page = 1, pageSize = 50, ...f } = req.query;
      const r = await projectsSvc.listProjects(ctxOf(req), f, page, pageSize);
      return { data: r.rows.map(projectOut), page, pageSize, total: r.total };
    },
  );

  app.get(
    '/api/v1/projects/:id',
    {
      config: { access: { action: 'project.list' } },
      schema: {
        tags,
        security,
        summary:
          'One project with the needs it answers (those the reader may see) and unanswered needs it could take on',
        params: IdParams,
        response: {
          200: Type.Object({
            project: Type.Ref('ProjectDetail'),
            answers: Type.Array(
              Type.Object({ needId: Type.String(), coveredPercent: Type.Integer(), status: StringEnum(LINK_STATUSES) }),
            ),
            candidateNeeds: Type.Array(
              Type.Object({
                needId: Type.String(),
                priority: StringEnum(PRIORITIES),
                sharedThemes: Type.Array(Type.String()),
                inBeneficiaryState: Type.Boolean(),
              }),
            ),
          }),
          ...errorResponses,
        },
      },
    },
    async (req) => {
      const p = await projectsSvc.getProject(ctxOf(req), req.params.id);
      const candidates = await projectsSvc.candidateNeeds(ctxOf(req), p.id).catch(() => []);
      return {
        project: projectDetailOut(p),
        answers: p.links.map((l) => ({ needId: l.needId, coveredPercent: l.coveredPercent, status: l.status })),
        candidateNeeds: candidates.map((c) => ({
          needId: c.id,
          priority: c.priority,
          sharedThemes: c.sharedThemes,
          inBeneficiaryState: c.inBeneficiary,
        })),
      };
    },
  );

  app.post(
    '/api/v1/projects/:id/needs',
    {
      config: { access: { action: 'project.create' } },
      schema: {
        tags,
        security,
        operationId: 'linkProjectToNeed',
        summary: 'Link a project to a need it answers (or update the link)',
        params: IdParams,
        body: Type.Object(
          {
            needId: Type.String({ format: 'uuid' }),
            coveredPercent: Type.Integer({ minimum: 1, maximum: 100 }),
            status: StringEnum(LINK_STATUSES),
          },
          { additionalProperties: false },
        ),
        response: { 204: Type.Null(), ...errorResponses },
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
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/v1/projects',
    {
      config: { access: { action: 'project.create' } },
      schema: {
        tags,
        security,
        summary:
          'Record a programme or project with its partners, beneficiary States and governance bodies (the same rule ' +
          'as the page: administrators, coordinators, and the focal points of the lead entity)',
        body: ProjectIn,
        response: { 201: Type.Ref('ProjectDetail') },
      },
    },
    async (req, reply) => {
      const id = await projectsSvc.createProject(ctxOf(req), projectFromApi(req.body));
      return reply.code(201).send(projectDetailOut(await projectsSvc.getProject(ctxOf(req), id)));
    },
  );

  app.put(
    '/api/v1/projects/:id',
    {
      config: { access: { action: 'project.create' } },
      schema: {
        tags,
        security,
        summary:
          'Replace a programme’s or project’s fields, partners, beneficiaries and governance (the lead entity’s ' +
          'focal points before and after, administrators, coordinators); the titles sent replace every language',
        params: IdParams,
        body: ProjectIn,
        response: { 200: Type.Ref('ProjectDetail') },
      },
    },
    async (req) => {
      await projectsSvc.updateProject(ctxOf(req), req.params.id, projectFromApi(req.body));
      return projectDetailOut(await projectsSvc.getProject(ctxOf(req), req.params.id));
    },
  );
}
