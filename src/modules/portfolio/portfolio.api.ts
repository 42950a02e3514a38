// JSON API for needs, the portfolio, matching and gap analysis. Same services, same visibility as the pages.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { NullableString, PageQuery, Paged, StringEnum, errorResponses } from '../../platform/http/api.ts';
import {
  LINK_STATUSES,
  NEED_SOURCES,
  NEED_STATUSES,
  PRIORITIES,
  PROJECT_KINDS,
  PROJECT_STATUSES,
  type LinkStatus,
} from './portfolio.schema.ts';
import * as needsSvc from './needs.service.ts';
import * as projectsSvc from './projects.service.ts';
import { gapAnalysis } from './gap.service.ts';

const tags = ['portfolio'];
const security = [{ bearer: [] }];
const IdParams = Type.Object({ id: Type.String({ maxLength: 36 }) });
const Texts = Type.Record(Type.String(), Type.String());

const NeedOut = Type.Object({
  id: Type.String(),
  stateOrgId: Type.String(),
  stateIso3: NullableString({}),
  source: StringEnum(NEED_SOURCES),
  visitId: NullableString({}),
  themes: Type.Array(Type.String()),
  pillars: Type.Array(Type.String()),
  resolutions: Type.Array(Type.String()),
  priority: StringEnum(PRIORITIES),
  status: StringEnum(NEED_STATUSES),
  descriptions: Texts,
  coveragePercent: Type.Number(),
  answered: Type.Boolean(),
  isDemo: Type.Boolean(),
});
const needOut = (n: needsSvc.NeedRow) => ({
  id: n.id,
  stateOrgId: n.stateOrgId,
  stateIso3: n.stateIso3,
  source: n.source,
  visitId: n.visitId,
  themes: n.themes,
  pillars: n.pillars,
  resolutions: n.resolutions,
  priority: n.priority,
  status: n.status,
  descriptions: n.descriptions as Record<string, string>,
  coveragePercent: n.coverage,
  answered: n.answered,
  isDemo: n.isDemo,
});
const ProjectOut = Type.Object({
  id: Type.String(),
  kind: StringEnum(PROJECT_KINDS),
  code: NullableString({}),
  titles: Texts,
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
  titles: p.titles as Record<string, string>,
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
const CandidateOut = Type.Object({
  projectId: Type.String(),
  titles: Texts,
  score: Type.Number(),
  reasons: Type.Array(Type.String()),
  status: Type.String(),
  fundingGapUsd: Type.Union([Type.Number(), Type.Null()]),
});
const GapRowOut = Type.Object({
  key: Type.String(),
  open: Type.Integer(),
  unanswered: Type.Integer(),
  coverage: Type.Number(),
});

export default async function portfolioApi(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = app.platform;
  const ctxOf = (req: FastifyRequest) => ({ db, actor: req.actor, ip: req.ip });

  app.get(
    '/api/v1/needs',
    {
      config: { access: { action: 'need.list' } },
      schema: {
        tags,
        security,
        summary:
          'Technical-assistance needs the reader may see (needs from an assessment visit follow the State’s consent)',
        querystring: Type.Object({
          ...PageQuery,
          state: Type.Optional(Type.String({ format: 'uuid' })),
          visit: Type.Optional(Type.String({ format: 'uuid' })),
          theme: Type.Optional(Type.String({ maxLength: 80 })),
          pillar: Type.Optional(Type.String({ maxLength: 20 })),
          priority: Type.Optional(StringEnum(PRIORITIES)),
          status: Type.Optional(StringEnum(NEED_STATUSES)),
          answered: Type.Optional(StringEnum(['yes', 'no'] as const)),
          region: Type.Optional(Type.String({ maxLength: 40 })),
          q: Type.Optional(Type.String({ maxLength: 200 })),
        }),
        response: { 200: Paged(NeedOut), ...errorResponses },
      },
    },
    async (req) => {
      const { page = 1, pageSize = 50, ...f } = req.query;
      const r = await needsSvc.listNeeds(ctxOf(req), f as needsSvc.NeedFilters, page, pageSize);
      return { data: r.rows.map(needOut), page, pageSize, total: r.total };
    },
  );

  app.get(
    '/api/v1/needs/:id',
    {
      config: { access: { action: 'need.list' } },
      schema: {
        tags,
        security,
        summary: 'One need with ranked candidate projects (404 when it is not yours to see)',
        params: IdParams,
        response: { 200: Type.Object({ need: NeedOut, matches: Type.Array(CandidateOut) }), ...errorResponses },
      },
    },
    async (req) => {
      const n = await needsSvc.getNeed(ctxOf(req), req.params.id);
      const matches = await projectsSvc.matchProjects(ctxOf(req), n);
      return {
        need: needOut(n),
        matches: matches.map((m) => ({
          projectId: m.id,
          titles: m.titles as Record<string, string>,
          score: m.score,
          reasons: m.reasons,
          status: m.status,
          fundingGapUsd: m.fundingGap,
        })),
      };
    },
  );

  app.post(
    '/api/v1/needs',
    {
      config: { access: { action: 'need.create' } },
      schema: {
        tags,
        security,
        summary: 'Record a need',
        body: Type.Object(
          {
            stateOrgId: Type.String({ format: 'uuid' }),
            source: StringEnum(NEED_SOURCES),
            visitId: Type.Optional(NullableString({ format: 'uuid' })),
            sourceNote: Type.Optional(Type.String({ maxLength: 500 })),
            themes: Type.Array(Type.String({ maxLength: 80 }), { maxItems: 50 }),
            pillars: Type.Optional(Type.Array(Type.String({ maxLength: 20 }), { maxItems: 4 })),
            resolutions: Type.Optional(Type.Array(Type.String({ maxLength: 40 }), { maxItems: 50 })),
            priority: Type.Optional(StringEnum(PRIORITIES)),
            status: Type.Optional(StringEnum(NEED_STATUSES)),
            descriptions: Type.Record(Type.String({ maxLength: 2 }), Type.String({ maxLength: 5000 })),
          },
          { additionalProperties: false },
        ),
        response: { 201: Type.Object({ id: Type.String() }), ...errorResponses },
      },
    },
    async (req, reply) => {
      const b = req.body;
      const id = await needsSvc.createNeed(ctxOf(req), {
        stateOrgId: b.stateOrgId,
        source: b.source,
        visitId: b.visitId ?? null,
        sourceNote: b.sourceNote,
        themes: b.themes,
        pillars: b.pillars ?? [],
        resolutions: b.resolutions ?? [],
        priority: b.priority ?? 'medium',
        status: b.status ?? 'identified',
        descriptions: b.descriptions,
      });
      return reply.code(201).send({ id });
    },
  );

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

  app.get(
    '/api/v1/gap-analysis',
    {
      config: { access: { action: 'gap.read' } },
      schema: {
        tags,
        security,
        summary:
          'Open needs with no response by region, pillar, theme, priority and State; coverage; the portfolio’s balance across the pillars',
        querystring: Type.Object({
          theme: Type.Optional(Type.String({ maxLength: 80 })),
          pillar: Type.Optional(Type.String({ maxLength: 20 })),
          priority: Type.Optional(StringEnum(PRIORITIES)),
          region: Type.Optional(Type.String({ maxLength: 40 })),
        }),
        response: {
          200: Type.Object({
            totals: Type.Object({ open: Type.Integer(), unanswered: Type.Integer(), coverage: Type.Number() }),
            byRegion: Type.Array(GapRowOut),
            byPillar: Type.Array(GapRowOut),
            byTheme: Type.Array(GapRowOut),
            byPriority: Type.Array(GapRowOut),
            byState: Type.Array(
              Type.Object({
                stateOrgId: Type.String(),
                iso3: NullableString({}),
                open: Type.Integer(),
                unanswered: Type.Integer(),
              }),
            ),
            balance: Type.Array(
              Type.Object({ pillar: Type.String(), projects: Type.Integer(), budgetUsd: Type.Number() }),
            ),
          }),
          ...errorResponses,
        },
      },
    },
    async (req) => {
      const g = await gapAnalysis(ctxOf(req), req.query);
      return {
        ...g,
        byState: g.byState.map((s) => ({
          stateOrgId: s.stateOrgId,
          iso3: s.iso3,
          open: s.open,
          unanswered: s.unanswered,
        })),
      };
    },
  );
}
