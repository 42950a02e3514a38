// JSON API of roadmaps and Strategy implementation plans. Same service, same visibility as the pages.
import type { FastifyInstance } from 'fastify';
import { ctxOf } from '../../../platform/http/request-context.ts';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { NullableString, StringEnum, errorResponses } from '../../../platform/http/api.ts';
import { ITEM_STATUSES, PLAN_SCOPES, ROADMAP_STATUSES } from '../portfolio.schema.ts';
import * as svc from './roadmaps.service.ts';

const IdParams = Type.Object({ id: Type.String({ maxLength: 36 }) });

export default async function roadmapsApi(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  const tags = ['portfolio'];
  const security = [{ bearer: [] }];
  const ItemOut = Type.Object({
    needId: Type.String(),
    rank: Type.Integer(),
    responsibleOrgId: NullableString({}),
    milestones: Type.String(),
    dueDate: NullableString({}),
    status: StringEnum(ITEM_STATUSES),
    needVisible: Type.Boolean(),
  });
  const RoadmapOut = Type.Object({
    id: Type.String(),
    stateOrgId: Type.String(),
    title: Type.String(),
    consultationDate: NullableString({}),
    status: StringEnum(ROADMAP_STATUSES),
    items: Type.Optional(Type.Array(ItemOut)),
  });
  app.get(
    '/api/v1/roadmaps',
    {
      config: { access: { action: 'roadmap.list' } },
      schema: {
        tags,
        security,
        summary: 'Roadmaps for technical assistance',
        response: { 200: Type.Object({ data: Type.Array(RoadmapOut) }), ...errorResponses },
      },
    },
    async (req) => ({
      data: (await svc.listRoadmaps(ctxOf(req))).map(({ r }) => ({
        id: r.id,
        stateOrgId: r.stateOrgId,
        title: r.title,
        consultationDate: r.consultationDate,
        status: r.status,
      })),
    }),
  );
  app.get(
    '/api/v1/roadmaps/:id',
    {
      config: { access: { action: 'roadmap.list' } },
      schema: {
        tags,
        security,
        summary: 'One roadmap with its prioritized items (the need’s content only when you may see it)',
        params: IdParams,
        response: { 200: RoadmapOut, ...errorResponses },
      },
    },
    async (req) => {
      const r = await svc.getRoadmap(ctxOf(req), req.params.id);
      return {
        id: r.id,
        stateOrgId: r.stateOrgId,
        title: r.title,
        consultationDate: r.consultationDate,
        status: r.status,
        items: r.items.map((i) => ({
          needId: i.needId,
          rank: i.rank,
          responsibleOrgId: i.responsibleOrgId,
          milestones: i.milestones,
          dueDate: i.dueDate,
          status: i.status,
          needVisible: !!i.descriptions,
        })),
      };
    },
  );
  app.post(
    '/api/v1/roadmaps',
    {
      config: { access: { action: 'roadmap.create' } },
      schema: {
        tags,
        security,
        summary: 'Create a roadmap after a capacity consultation',
        body: Type.Object(
          {
            stateOrgId: Type.String({ format: 'uuid' }),
            title: Type.String({ minLength: 1, maxLength: 300 }),
            consultationDate: Type.Optional(NullableString({ format: 'date' })),
            status: StringEnum(ROADMAP_STATUSES),
          },
          { additionalProperties: false },
        ),
        response: { 201: Type.Object({ id: Type.String() }), ...errorResponses },
      },
    },
    async (req, reply) =>
      reply.code(201).send({ id: await svc.createRoadmap(ctxOf(req), req.body as svc.RoadmapInput) }),
  );
  app.post(
    '/api/v1/roadmaps/:id/items',
    {
      config: { access: { action: 'roadmap.create' } },
      schema: {
        tags,
        security,
        summary: 'Add or update a prioritized need on a roadmap',
        params: IdParams,
        body: Type.Object(
          {
            needId: Type.String({ format: 'uuid' }),
            rank: Type.Integer({ minimum: 1, maximum: 999 }),
            responsibleOrgId: Type.Optional(NullableString({ format: 'uuid' })),
            milestones: Type.Optional(Type.String({ maxLength: 2000 })),
            dueDate: Type.Optional(NullableString({ format: 'date' })),
            status: StringEnum(ITEM_STATUSES),
          },
          { additionalProperties: false },
        ),
        response: { 204: Type.Null(), ...errorResponses },
      },
    },
    async (req, reply) => {
      await svc.setRoadmapItem(ctxOf(req), req.params.id, req.body as svc.ItemInput);
      return reply.code(204).send(null);
    },
  );
  app.get(
    '/api/v1/plans',
    {
      config: { access: { action: 'plan.list' } },
      schema: {
        tags,
        security,
        summary: 'National and regional Strategy implementation plans',
        response: {
          200: Type.Object({
            data: Type.Array(
              Type.Object({
                id: Type.String(),
                scope: StringEnum(PLAN_SCOPES),
                stateOrgId: NullableString({}),
                region: NullableString({}),
                title: Type.String(),
                adoptedOn: NullableString({}),
                needs: Type.Integer(),
              }),
            ),
          }),
          ...errorResponses,
        },
      },
    },
    async (req) => ({
      data: (await svc.listPlans(ctxOf(req))).map(({ p, needs }) => ({
        id: p.id,
        scope: p.scope,
        stateOrgId: p.stateOrgId,
        region: p.region,
        title: p.title,
        adoptedOn: p.adoptedOn,
        needs,
      })),
    }),
  );
  app.post(
    '/api/v1/plans',
    {
      config: { access: { action: 'plan.create' } },
      schema: {
        tags,
        security,
        summary: 'Record a national or regional implementation plan linked to needs',
        body: Type.Object(
          {
            scope: StringEnum(PLAN_SCOPES),
            stateOrgId: Type.Optional(NullableString({ format: 'uuid' })),
            region: Type.Optional(NullableString({})),
            title: Type.String({ minLength: 1, maxLength: 300 }),
            adoptedOn: Type.Optional(NullableString({ format: 'date' })),
            needIds: Type.Optional(Type.Array(Type.String({ format: 'uuid' }), { maxItems: 200 })),
          },
          { additionalProperties: false },
        ),
        response: { 201: Type.Object({ id: Type.String() }), ...errorResponses },
      },
    },
    async (req, reply) =>
      reply.code(201).send({
        id: await svc.createPlan(ctxOf(req), { ...(req.body as svc.PlanInput), needIds: req.body.needIds ?? [] }),
      }),
  );
}
