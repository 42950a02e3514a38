// JSON API of assessment visits. Same service, same visibility as the pages.
import { nameIn } from '../../../platform/i18n/index.ts';
import type { FastifyInstance } from 'fastify';
import { ctxOf } from '../../../platform/http/request-context.ts';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type, type Static } from 'typebox';
import { NullableString, PageQuery, Paged, StringEnum, errorResponses } from '../../../platform/http/api.ts';
import { VISIT_STATUSES, VISIT_TYPES, type VisitStatus, type VisitType } from '../assessments.schema.ts';
import * as svc from '../visits/visits.service.ts';

export default async function visitsApi(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const IdParams = Type.Object({ id: Type.String({ maxLength: 36 }) });
  const tags = ['assessments'];
  const security = [{ bearer: [] }];
  const VisitOut = Type.Object({
    id: Type.String(),
    stateOrgId: Type.String(),
    stateName: Type.String(),
    type: StringEnum(VISIT_TYPES),
    status: StringEnum(VISIT_STATUSES),
    startDate: Type.String({ format: 'date' }),
    endDate: Type.String({ format: 'date' }),
    team: Type.String(),
    onBehalfOfCtc: Type.Boolean(),
    isDemo: Type.Boolean(),
  });
  /** A visit as the API takes it (recording one, or replacing every field of one). */
  const VisitIn = Type.Object(
    {
      stateOrgId: Type.String({ format: 'uuid' }),
      type: StringEnum(VISIT_TYPES),
      status: Type.Optional(StringEnum(VISIT_STATUSES)),
      startDate: Type.String({ format: 'date' }),
      endDate: Type.String({ format: 'date' }),
      team: Type.Optional(NullableString({ maxLength: 2000 })),
      onBehalfOfCtc: Type.Optional(Type.Boolean()),
    },
    { additionalProperties: false },
  );
  const visitFromApi = (b: Static<typeof VisitIn>): svc.VisitInput => ({
    stateOrgId: b.stateOrgId,
    type: b.type as VisitType,
    status: (b.status ?? 'planned') as VisitStatus,
    startDate: b.startDate,
    endDate: b.endDate,
    team: b.team ?? '',
    onBehalfOfCtc: b.onBehalfOfCtc ?? true,
  });
  const out = (v: svc.Visit, locale: string) => ({
    id: v.id,
    stateOrgId: v.stateOrgId,
    stateName: nameIn(v.stateNames, locale),
    type: v.type,
    status: v.status,
    startDate: v.startDate,
    endDate: v.endDate,
    team: v.team,
    onBehalfOfCtc: v.onBehalfOfCtc,
    isDemo: v.isDemo,
  });

  app.get(
    '/api/v1/assessments/visits',
    {
      config: { access: { action: 'assessment.visit.list' } },
      schema: {
        tags,
        security,
        summary: 'Assessment visits the reader may see (confidential; every read is audited)',
        querystring: Type.Object({ ...PageQuery }),
        response: { 200: Paged(VisitOut), ...errorResponses },
      },
    },
    async (req) => {
      const page = req.query.page ?? 1;
      const pageSize = req.query.pageSize ?? 50;
      const r = await svc.listVisits(ctxOf(req), page, pageSize);
      return { data: r.rows.map((v) => out(v, req.locale)), page, pageSize, total: r.total };
    },
  );

  app.get(
    '/api/v1/assessments/visits/:id',
    {
      config: { access: { action: 'assessment.visit.list' } },
      schema: {
        tags,
        security,
        summary: 'One assessment visit (404 when it is not yours to see)',
        params: IdParams,
        response: { 200: VisitOut, ...errorResponses },
      },
    },
    async (req) => out(await svc.getVisit(ctxOf(req), req.params.id), req.locale),
  );

  app.post(
    '/api/v1/assessments/visits',
    {
      config: { access: { action: 'assessment.visit.create' } },
      schema: {
        tags,
        security,
        summary: 'Record an assessment visit (CTED analysts)',
        body: VisitIn,
        response: { 201: Type.Object({ id: Type.String() }), ...errorResponses },
      },
    },
    async (req, reply) => {
      const id = await svc.createVisit(ctxOf(req), visitFromApi(req.body));
      return reply.code(201).send({ id });
    },
  );

  app.put(
    '/api/v1/assessments/visits/:id',
    {
      config: { access: { action: 'assessment.visit.update' } },
      schema: {
        tags,
        security,
        summary: 'Replace an assessment visit’s fields (CTED analysts, as on its edit page)',
        params: IdParams,
        body: VisitIn,
        response: { 200: VisitOut },
      },
    },
    async (req) => {
      await svc.updateVisit(ctxOf(req), req.params.id, visitFromApi(req.body));
      return out(await svc.getVisit(ctxOf(req), req.params.id), req.locale);
    },
  );
}
