// JSON API v1 for the directory.
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { LOCALES, isLocale } from '../../platform/i18n/index.ts';
import { TranslatableSchema, textFromApi, type TranslatableInput } from '../../platform/i18n/text.ts';
import { invalid, type FieldError } from '../../platform/http/errors.ts';
import { ctxOf } from '../../platform/http/request-context.ts';
import { NullableEnum, NullableString, PageQuery, Paged, StringEnum, errorResponses } from '../../platform/http/api.ts';
import { ORG_TYPES, REGIONAL_GROUPS, type OrgType, type RegionalGroup } from './directory.schema.ts';
import * as svc from './directory.service.ts';

const Names = Type.Object(
  Object.fromEntries(
    LOCALES.map((l) => [
      l,
      l === 'en' ? Type.String({ minLength: 1, maxLength: 300 }) : Type.Optional(Type.String({ maxLength: 300 })),
    ]),
  ) as Record<string, ReturnType<typeof Type.String>>,
);
const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);

export const OrganizationOut = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    slug: Type.String(),
    type: StringEnum(ORG_TYPES),
    names: Names,
    acronym: NullableString(),
    iso2: NullableString(),
    iso3: NullableString(),
    regionalGroup: NullableEnum(REGIONAL_GROUPS),
    compactMember: Type.Boolean(),
    grassroots: Type.Boolean(),
    womenLed: Type.Boolean(),
    youthLed: Type.Boolean(),
    countriesOfOperation: Type.Array(Type.String()),
    publicListing: Type.Boolean(),
    website: NullableString(),
    /** Translatable: `{ [locale]: { text, status } }`, one version per language, exactly one original. */
    description: Type.Union([TranslatableSchema, Type.Null()]),
    isDemo: Type.Boolean(),
    updatedAt: Type.String({ format: 'date-time' }),
  },
  { $id: 'Organization' },
);

const OrganizationIn = Type.Object(
  {
    type: Type.Union(ORG_TYPES.map((t) => Type.Literal(t))),
    names: Names,
    acronym: Type.Optional(Nullable(Type.String({ maxLength: 40 }))),
    regionalGroup: Type.Optional(Type.Union([...REGIONAL_GROUPS.map((g) => Type.Literal(g)), Type.Null()])),
    compactMember: Type.Optional(Type.Boolean()),
    grassroots: Type.Optional(Type.Boolean()),
    womenLed: Type.Optional(Type.Boolean()),
    youthLed: Type.Optional(Type.Boolean()),
    countriesOfOperation: Type.Optional(Type.Array(Type.String({ pattern: '^[A-Z]{3}$' }), { maxItems: 200 })),
    publicListing: Type.Optional(Type.Boolean()),
    website: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
    description: Type.Optional(Type.Union([TranslatableSchema, Type.Null()])),
  },
  { additionalProperties: false },
);

/** The service's input from the API body: the description checked as translatable text (NFC, one original). */
function toOrgInput(body: unknown): svc.OrgInput {
  const b = body as svc.OrgInput & { description?: TranslatableInput | null };
  const fields: FieldError[] = [];
  const description = b.description ? textFromApi(b.description, 'description', fields, { maxLength: 5000 }) : null;
  if (fields.length) throw invalid(fields);
  return { ...b, description };
}

const toOut = (o: svc.Organization) => ({ ...o, updatedAt: o.updatedAt.toISOString(), createdAt: undefined });

export default async function directoryApi(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['directory'];
  const security = [{ bearer: [] }];
  const keptLists = fastify.keptAnswers('orgs');

  app.get(
    '/api/v1/organizations',
    {
      config: { access: { action: 'directory.list' } },
      schema: {
        tags,
        security,
        summary: 'List and search organizations',
        querystring: Type.Object({
          q: Type.Optional(Type.String({ maxLength: 200 })),
          type: Type.Optional(Type.Union(ORG_TYPES.map((t) => Type.Literal(t)))),
          group: Type.Optional(Type.Union(REGIONAL_GROUPS.map((t) => Type.Literal(t)))),
          compactMember: Type.Optional(Type.Boolean()),
          grassroots: Type.Optional(Type.Boolean()),
          womenLed: Type.Optional(Type.Boolean()),
          youthLed: Type.Optional(Type.Boolean()),
          lang: Type.Optional(Type.Union(LOCALES.map((l) => Type.Literal(l)))),
          ...PageQuery,
        }),
        response: { 200: Paged(Type.Ref('Organization')), ...errorResponses },
      },
    },
    async (req, reply) => {
      const q = req.query;
      const page = q.page ?? 1;
      const pageSize = q.pageSize ?? 50;
      // The serialized page, kept for readers who see the same organizations (dropped on any change of them).
      const body = await keptLists.answer(`${svc.visibilityKey(req.actor)}|${req.url}`, async () => {
        const r = await svc.listOrganizations(ctxOf(req), {
          q: q.q,
          type: q.type as OrgType | undefined,
          group: q.group as RegionalGroup | undefined,
          compactMember: q.compactMember,
          grassroots: q.grassroots,
          womenLed: q.womenLed,
          youthLed: q.youthLed,
          page,
          pageSize,
          locale: isLocale(q.lang) ? q.lang : 'en',
        });
        return reply.serialize({ data: r.rows.map(toOut), page, pageSize, total: r.total }) as string;
      });
      return reply.type('application/json; charset=utf-8').send(body);
    },
  );

  app.get(
    '/api/v1/organizations/:id',
    {
      config: { access: { action: 'directory.list' } },
      schema: {
        tags,
        security,
        summary: 'One organization (by id or slug)',
        params: Type.Object({ id: Type.String({ maxLength: 100 }) }),
        response: { 200: Type.Ref('Organization'), ...errorResponses },
      },
    },
    async (req) => toOut(await svc.getOrganization(ctxOf(req), req.params.id)),
  );

  app.post(
    '/api/v1/organizations',
    {
      config: { access: { action: 'organization.create' } },
      schema: {
        tags,
        security,
        summary: 'Create an organization',
        body: OrganizationIn,
        response: { 201: Type.Ref('Organization'), ...errorResponses },
      },
    },
    async (req, reply) => {
      const o = await svc.createOrganization(ctxOf(req), toOrgInput(req.body));
      return reply.code(201).send(toOut(o));
    },
  );

  app.put(
    '/api/v1/organizations/:id',
    {
      config: { access: { action: 'organization.update' } },
      schema: {
        tags,
        security,
        summary: 'Replace an organization',
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
        body: OrganizationIn,
        response: { 200: Type.Ref('Organization'), ...errorResponses },
      },
    },
    async (req) => toOut(await svc.updateOrganization(ctxOf(req), req.params.id, toOrgInput(req.body))),
  );

  app.get(
    '/api/v1/people/:id',
    {
      config: { access: { action: 'directory.list' } },
      schema: {
        tags,
        security,
        summary: 'One person and the organizations the reader may see',
        params: Type.Object({ id: Type.String({ maxLength: 36 }) }),
        response: {
          200: Type.Object({
            id: Type.String(),
            fullName: Type.String(),
            jobTitle: Nullable(Type.String()),
            organizations: Type.Array(
              Type.Object({
                id: Type.String(),
                slug: Type.String(),
                focalPoint: Type.Boolean(),
                title: Nullable(Type.String()),
              }),
            ),
          }),
          ...errorResponses,
        },
      },
    },
    async (req) => {
      const { person, orgs } = await svc.getPerson(ctxOf(req), req.params.id);
      return {
        id: person.id,
        fullName: person.fullName,
        jobTitle: person.jobTitle,
        organizations: orgs.map((o) => ({ id: o.id, slug: o.slug, focalPoint: o.focalPoint, title: o.title })),
      };
    },
  );

  app.get(
    '/api/v1/organizations/:id/people',
    {
      config: { access: { action: 'directory.list' } },
      schema: {
        tags,
        security,
        summary: 'People of an organization',
        params: Type.Object({ id: Type.String({ maxLength: 100 }) }),
        response: {
          200: Type.Object({
            data: Type.Array(
              Type.Object({
                personId: Type.String(),
                fullName: Type.String(),
                title: NullableString(),
                focalPoint: Type.Boolean(),
              }),
            ),
          }),
          ...errorResponses,
        },
      },
    },
    async (req) => {
      const org = await svc.getOrganization(ctxOf(req), req.params.id);
      const members = await svc.listMembers(ctxOf(req), org);
      return {
        data: members.map((m) => ({
          personId: m.personId,
          fullName: m.fullName,
          title: m.title,
          focalPoint: m.focalPoint,
        })),
      };
    },
  );

  app.put(
    '/api/v1/people/:id',
    {
      config: { access: { action: 'person.update' } },
      schema: {
        tags,
        security,
        summary: 'Update a person',
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
        body: Type.Object(
          {
            fullName: Type.String({ minLength: 1, maxLength: 200 }),
            jobTitle: Type.Optional(NullableString({ maxLength: 200 })),
            email: Type.Optional(NullableString({ maxLength: 320, format: 'email' })),
          },
          { additionalProperties: false },
        ),
        response: { 204: Type.Null(), ...errorResponses },
      },
    },
    async (req, reply) => {
      await svc.updatePerson(ctxOf(req), req.params.id, req.body);
      return reply.code(204).send(null);
    },
  );

  const MembershipParams = Type.Object({ id: Type.String({ format: 'uuid' }), orgId: Type.String({ format: 'uuid' }) });
  app.put(
    '/api/v1/people/:id/memberships/:orgId',
    {
      config: { access: { action: 'membership.manage' } },
      schema: {
        tags,
        security,
        summary: 'Add or change a membership (focal-point flag, title)',
        params: MembershipParams,
        body: Type.Object(
          { focalPoint: Type.Boolean(), title: Type.Optional(NullableString({ maxLength: 200 })) },
          { additionalProperties: false },
        ),
        response: { 204: Type.Null(), ...errorResponses },
      },
    },
    async (req, reply) => {
      await svc.setMembership(ctxOf(req), {
        personId: req.params.id,
        organizationId: req.params.orgId,
        focalPoint: req.body.focalPoint,
        title: req.body.title,
      });
      return reply.code(204).send(null);
    },
  );

  app.delete(
    '/api/v1/people/:id/memberships/:orgId',
    {
      config: { access: { action: 'membership.manage' } },
      schema: {
        tags,
        security,
        summary: 'Remove a membership',
        params: MembershipParams,
        response: { 204: Type.Null(), ...errorResponses },
      },
    },
    async (req, reply) => {
      await svc.removeMembership(ctxOf(req), req.params.id, req.params.orgId);
      return reply.code(204).send(null);
    },
  );
}
