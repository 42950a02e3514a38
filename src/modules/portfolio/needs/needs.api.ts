// JSON API of needs, with ranked candidate projects. Same services, same visibility as the pages.
import type { FastifyInstance } from 'fastify';
import { ctxOf } from '../../../platform/http/request-context.ts';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type, type Static } from 'typebox';
import { NullableString, PageQuery, Paged, StringEnum, errorResponses } from '../../../platform/http/api.ts';
import { NEED_SOURCES, NEED_STATUSES, PRIORITIES } from '../portfolio.schema.ts';
import { invalid, type FieldError } from '../../../platform/http/errors.ts';
import { TranslatableSchema, textFromApi } from '../../../platform/i18n/text.ts';
import * as needsSvc from '../needs/needs.service.ts';
import * as projectsSvc from '../projects/projects.service.ts';

const tags = ['portfolio'];
const security = [{ bearer: [] }];
const IdParams = Type.Object({ id: Type.String({ maxLength: 36 }) });

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
  descriptions: TranslatableSchema,
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
  descriptions: n.descriptions,
  coveragePercent: n.coverage,
  answered: n.answered,
  isDemo: n.isDemo,
});
/** A need as the API takes it (creating, or replacing every field of one: all its language versions included). */
const NeedIn = Type.Object(
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
    descriptions: TranslatableSchema,
  },
  { additionalProperties: false },
);
/** The service's input from the API's body: the same checks as the form follow in the service. */
function needFromApi(b: Static<typeof NeedIn>): needsSvc.NeedInput {
  const fields: FieldError[] = [];
  const descriptions = textFromApi(b.descriptions, 'descriptions', fields, { maxLength: 5000 });
  if (fields.length) throw invalid(fields);
  return {
    stateOrgId: b.stateOrgId,
    source: b.source,
    visitId: b.visitId ?? null,
    sourceNote: b.sourceNote,
    themes: b.themes,
    pillars: b.pillars ?? [],
    resolutions: b.resolutions ?? [],
    priority: b.priority ?? 'medium',
    status: b.status ?? 'identified',
    descriptions,
  };
}
const CandidateOut = Type.Object({
  projectId: Type.String(),
  titles: TranslatableSchema,
  score: Type.Number(),
  reasons: Type.Array(Type.String()),
  status: Type.String(),
  fundingGapUsd: Type.Union([Type.Number(), Type.Null()]),
});

export default async function needsApi(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

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
          titles: m.titles,
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
        body: NeedIn,
        response: { 201: Type.Object({ id: Type.String() }), ...errorResponses },
      },
    },
    async (req, reply) => {
      const id = await needsSvc.createNeed(ctxOf(req), needFromApi(req.body));
      return reply.code(201).send({ id });
    },
  );

  app.put(
    '/api/v1/needs/:id',
    {
      config: { access: { action: 'need.create' } },
      schema: {
        tags,
        security,
        summary:
          'Replace a need’s fields (the same rule as its edit page: its State’s focal points, UNOCT, CTED for a ' +
          'need from a visit); the descriptions sent replace every language version',
        params: IdParams,
        body: NeedIn,
        response: { 200: NeedOut },
      },
    },
    async (req) => {
      await needsSvc.updateNeed(ctxOf(req), req.params.id, needFromApi(req.body));
      return needOut(await needsSvc.getNeed(ctxOf(req), req.params.id));
    },
  );
}
