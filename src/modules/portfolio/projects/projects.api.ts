// JSON API of the portfolio: programmes and projects, links to needs. Same services, same visibility as the pages.
import type { FastifyInstance } from 'fastify';
import { ctxOf } from '../../../platform/http/request-context.ts';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { NullableString, PageQuery, Paged, StringEnum, errorResponses } from '../../../platform/http/api.ts';
import { LINK_STATUSES, PRIORITIES, PROJECT_KINDS, PROJECT_STATUSES, type LinkStatus } from '../portfolio.schema.ts';
import { TranslatableSchema } from '../../../platform/i18n/text.ts';
import * as projectsSvc from '../projects/projects.service.ts';

const tags = ['portfolio'];
const security = [{ bearer: [] }];
const IdParams = Type.Object({ id: Type.String({ maxLength: 36 }) });

const ProjectOut = Type.Object({
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
        response: { 200: Paged(ProjectOut), ...errorResponses },
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
            project: ProjectOut,
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
        project: projectOut(p),
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
}
