// JSON API of the Compact's structure and programme: same services, same rules as the pages.
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ctxOf } from '../../../platform/http/request-context.ts';
import { NullableString, StringEnum, errorResponses } from '../../../platform/http/api.ts';
import { TranslatableSchema } from '../../../platform/i18n/text.ts';
import * as svc from './structure.service.ts';
import { OUTPUT_STATUSES, programme } from '../programme/programme.service.ts';

const SlugParams = Type.Object({ slug: Type.String({ maxLength: 100 }) });
const SlugIdParams = Type.Object({ slug: Type.String({ maxLength: 100 }), id: Type.String({ maxLength: 36 }) });
const Names = Type.Record(Type.String(), Type.String());

const BodyOut = Type.Object({
  id: Type.String(),
  slug: Type.String(),
  kind: StringEnum(svc.BODY_KINDS),
  names: TranslatableSchema,
  symbolPrefix: Type.String(),
  workingGroupId: NullableString(),
  pillars: Type.Array(Type.String()),
  themes: Type.Array(Type.String()),
  source: NullableString(),
});
const MemberOut = Type.Object({
  id: Type.String(),
  organizationId: Type.String(),
  organizationSlug: Type.String(),
  organizationAcronym: NullableString(),
  organizationNames: Names,
  role: StringEnum(svc.BODY_ROLES),
  termStart: NullableString({ format: 'date' }),
  termEnd: NullableString({ format: 'date' }),
  current: Type.Boolean(),
  byOfficeOf: NullableString(),
  representatives: Type.Union([
    Type.Array(
      Type.Object({ id: Type.String(), personId: Type.String(), fullName: Type.String(), roleTitle: NullableString() }),
    ),
    Type.Null(),
  ]),
});
const OutputOut = Type.Object({
  id: Type.String(),
  code: Type.String(),
  title: TranslatableSchema,
  status: StringEnum(OUTPUT_STATUSES),
  isDemo: Type.Boolean(),
  ownerBodyIds: Type.Array(Type.String()),
});
const PriorityOut = Type.Object({
  id: Type.String(),
  code: Type.String(),
  period: Type.String(),
  title: TranslatableSchema,
  source: NullableString(),
  isDemo: Type.Boolean(),
  outputs: Type.Array(OutputOut),
});

const bodyOut = (b: svc.Body) => ({
  id: b.id,
  slug: b.slug,
  kind: b.kind,
  names: b.names,
  symbolPrefix: b.symbolPrefix,
  workingGroupId: b.workingGroupId,
  pillars: b.pillars,
  themes: b.themes,
  source: b.source,
});
const memberOut = (m: svc.BodyMemberRow) => ({
  id: m.id,
  organizationId: m.organizationId,
  organizationSlug: m.organizationSlug,
  organizationAcronym: m.organizationAcronym,
  organizationNames: m.organizationNames,
  role: m.role,
  termStart: m.termStart,
  termEnd: m.termEnd,
  current: m.current,
  byOfficeOf: m.byOfficeOf,
  representatives: m.representatives,
});

export default async function structureApi(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['compact'];
  const security = [{ bearer: [] }];

  app.get(
    '/api/v1/compact',
    {
      config: { access: { action: 'compact.read' } },
      schema: {
        tags,
        security,
        summary: 'The Compact: its member entities (with the date each joined, when public) and its bodies',
        response: {
          200: Type.Object({
            entities: Type.Array(
              Type.Object({
                organizationId: Type.String(),
                slug: Type.String(),
                acronym: NullableString(),
                names: Names,
                joinedOn: NullableString({ format: 'date' }),
              }),
            ),
            bodies: Type.Array(BodyOut),
          }),
          ...errorResponses,
        },
      },
    },
    async (req) => {
      const entities = await svc.compactEntityList(ctxOf(req));
      return {
        entities: entities.map((e) => ({
          organizationId: e.organizationId,
          slug: e.slug,
          acronym: e.acronym,
          names: e.names,
          joinedOn: e.joinedOn,
        })),
        bodies: (await svc.bodiesFor(ctxOf(req), req.locale)).map(bodyOut),
      };
    },
  );

  app.get(
    '/api/v1/compact/bodies',
    {
      config: { access: { action: 'compact.read' } },
      schema: {
        tags,
        security,
        summary:
          'The Compact’s bodies: the Coordination Committee, the heads’ meeting, the CTC briefing, the working groups',
        response: { 200: Type.Object({ data: Type.Array(BodyOut) }), ...errorResponses },
      },
    },
    async (req) => ({ data: (await svc.bodiesFor(ctxOf(req), req.locale)).map(bodyOut) }),
  );

  app.get(
    '/api/v1/compact/bodies/:slug',
    {
      config: { access: { action: 'compact.read' } },
      schema: {
        tags,
        security,
        summary: 'One body (slug or id) with its members and observers (representatives only when you may see people)',
        params: SlugParams,
        response: {
          200: Type.Object({
            body: BodyOut,
            members: Type.Array(MemberOut),
            outputs: Type.Array(OutputOut),
            canManage: Type.Boolean(),
            canSeeRecords: Type.Boolean(),
          }),
          ...errorResponses,
        },
      },
    },
    async (req) => {
      const ctx = ctxOf(req);
      const d = await svc.bodyDetail(ctx, req.params.slug);
      return {
        body: bodyOut(d.body),
        members: d.members.map(memberOut),
        outputs: (await programme(ctx, { bodyId: d.body.id })).flatMap((p) => p.outputs),
        canManage: d.canManage,
        canSeeRecords: d.canSeeRecords,
      };
    },
  );

  app.get(
    '/api/v1/compact/programme',
    {
      config: { access: { action: 'compact.read' } },
      schema: {
        tags,
        security,
        summary: 'The Joint Programme of Work: priorities, outputs, owner bodies (fictional outputs: isDemo)',
        response: { 200: Type.Object({ data: Type.Array(PriorityOut) }), ...errorResponses },
      },
    },
    async (req) => ({ data: await programme(ctxOf(req)) }),
  );

  app.post(
    '/api/v1/compact/bodies/:slug/members',
    {
      config: { access: { action: 'compact.manage' } },
      schema: {
        tags,
        security,
        summary: 'Add a member entity to a body, with its role and term of office (audited)',
        params: SlugParams,
        body: Type.Object(
          {
            organizationId: Type.String({ maxLength: 36 }),
            role: Type.String({ maxLength: 20 }),
            termStart: Type.Optional(NullableString({ maxLength: 10 })),
            termEnd: Type.Optional(NullableString({ maxLength: 10 })),
          },
          { additionalProperties: false },
        ),
        response: { 201: Type.Object({ id: Type.String() }), ...errorResponses },
      },
    },
    async (req, reply) =>
      reply.code(201).send({ id: await svc.addBodyMember(ctxOf(req), req.params.slug, req.body as svc.MemberInput) }),
  );

  app.delete(
    '/api/v1/compact/bodies/:slug/members/:id',
    {
      config: { access: { action: 'compact.manage' } },
      schema: {
        tags,
        security,
        summary: 'Remove a member entity (and its representatives) from a body (audited)',
        params: SlugIdParams,
        response: { 204: Type.Null(), ...errorResponses },
      },
    },
    async (req, reply) => {
      await svc.removeBodyMember(ctxOf(req), req.params.slug, req.params.id);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/v1/compact/bodies/:slug/members/:id/representatives',
    {
      config: { access: { action: 'compact.manage' } },
      schema: {
        tags,
        security,
        summary: 'Add a representative (a person of the member entity) to a seat (audited)',
        params: SlugIdParams,
        body: Type.Object(
          {
            personId: Type.String({ maxLength: 36 }),
            roleTitle: Type.Optional(NullableString({ maxLength: 200 })),
          },
          { additionalProperties: false },
        ),
        response: { 201: Type.Object({ id: Type.String() }), ...errorResponses },
      },
    },
    async (req, reply) =>
      reply.code(201).send({
        id: await svc.addRepresentative(
          ctxOf(req),
          req.params.slug,
          req.params.id,
          req.body as svc.RepresentativeInput,
        ),
      }),
  );

  app.delete(
    '/api/v1/compact/bodies/:slug/representatives/:id',
    {
      config: { access: { action: 'compact.manage' } },
      schema: {
        tags,
        security,
        summary: 'Remove a representative from a seat (audited)',
        params: SlugIdParams,
        response: { 204: Type.Null(), ...errorResponses },
      },
    },
    async (req, reply) => {
      await svc.removeRepresentative(ctxOf(req), req.params.slug, req.params.id);
      return reply.code(204).send(null);
    },
  );
}
