// JSON API of the State's consent: grants and their history, grant, narrow, revoke.
import { textIn } from '../../../platform/i18n/text.ts';
import { nameIn } from '../../../platform/i18n/index.ts';
import type { FastifyInstance } from 'fastify';
import { ctxOf } from '../../../platform/http/request-context.ts';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { NullableString, StringEnum, errorResponses } from '../../../platform/http/api.ts';
import { CONSENT_SCOPES, GRANTEE_KINDS } from '../assessments.schema.ts';
import * as consent from '../consent/consent.service.ts';

const IdParams = Type.Object({ id: Type.String({ maxLength: 36 }) });

export default async function consentApi(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['assessments'];
  const security = [{ bearer: [] }];
  const GrantOut = Type.Object({
    id: Type.String(),
    granteeKind: StringEnum(GRANTEE_KINDS),
    granteeOrgId: NullableString({}),
    granteeGroupId: NullableString({}),
    granteeName: NullableString({}),
    scope: StringEnum(CONSENT_SCOPES),
    expiresAt: NullableString({ format: 'date-time' }),
    grantedAt: Type.String({ format: 'date-time' }),
    revokedAt: NullableString({ format: 'date-time' }),
    live: Type.Boolean(),
  });
  const EventOut = Type.Object({
    grantId: Type.String(),
    action: Type.String(),
    scope: StringEnum(CONSENT_SCOPES),
    expiresAt: NullableString({ format: 'date-time' }),
    by: Type.String(),
    at: Type.String({ format: 'date-time' }),
  });
  app.get(
    '/api/v1/assessments/visits/:id/consent',
    {
      config: { access: { action: 'assessment.visit.list' } },
      schema: {
        tags,
        security,
        summary: 'The State’s grants for a visit and the history of its decisions (the State’s focal points and CTED)',
        params: IdParams,
        response: {
          200: Type.Object({ grants: Type.Array(GrantOut), history: Type.Array(EventOut) }),
          ...errorResponses,
        },
      },
    },
    async (req) => {
      const grants = await consent.grantsOfVisit(ctxOf(req), req.params.id);
      const history = await consent.historyOfVisit(ctxOf(req), req.params.id);
      return {
        grants: grants.map((g) => ({
          id: g.id,
          granteeKind: g.granteeKind,
          granteeOrgId: g.granteeOrgId,
          granteeGroupId: g.granteeGroupId,
          granteeName:
            (g.granteeGroupNames ? textIn(g.granteeGroupNames, req.locale) : nameIn(g.granteeNames, req.locale)) ||
            null,
          scope: g.scope,
          expiresAt: g.expiresAt?.toISOString() ?? null,
          grantedAt: g.grantedAt.toISOString(),
          revokedAt: g.revokedAt?.toISOString() ?? null,
          live: g.live,
        })),
        history: history.map((e) => ({
          grantId: e.grantId,
          action: e.action,
          scope: e.scope,
          expiresAt: e.expiresAt?.toISOString() ?? null,
          by: e.actorLabel,
          at: e.at.toISOString(),
        })),
      };
    },
  );

  app.post(
    '/api/v1/assessments/visits/:id/consent',
    {
      config: { access: { action: 'assessment.consent.manage' } },
      schema: {
        tags,
        security,
        summary: 'Grant consent (the assessed State’s focal points only)',
        params: IdParams,
        body: Type.Object(
          {
            granteeKind: StringEnum(GRANTEE_KINDS),
            granteeOrgId: Type.Optional(NullableString({ format: 'uuid' })),
            granteeGroupId: Type.Optional(NullableString({ format: 'uuid' })),
            scope: StringEnum(CONSENT_SCOPES),
            expiresOn: Type.Optional(NullableString({ format: 'date' })),
            note: Type.Optional(Type.String({ maxLength: 1000 })),
          },
          { additionalProperties: false },
        ),
        response: { 201: Type.Object({ id: Type.String() }), ...errorResponses },
      },
    },
    async (req, reply) =>
      reply
        .code(201)
        .send({ id: await consent.grantConsent(ctxOf(req), req.params.id, req.body as consent.GrantInput) }),
  );

  app.post(
    '/api/v1/assessments/consent/:id/narrow',
    {
      config: { access: { action: 'assessment.consent.manage' } },
      schema: {
        tags,
        security,
        summary: 'Narrow a grant (smaller scope or earlier expiry)',
        params: IdParams,
        body: Type.Object(
          { scope: StringEnum(CONSENT_SCOPES), expiresOn: Type.Optional(NullableString({ format: 'date' })) },
          { additionalProperties: false },
        ),
        response: { 204: Type.Null(), ...errorResponses },
      },
    },
    async (req, reply) => {
      await consent.narrowConsent(ctxOf(req), req.params.id, req.body as consent.NarrowInput);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/v1/assessments/consent/:id/revoke',
    {
      config: { access: { action: 'assessment.consent.manage' } },
      schema: {
        tags,
        security,
        summary: 'Revoke a grant, effective on the next request',
        params: IdParams,
        response: { 204: Type.Null(), ...errorResponses },
      },
    },
    async (req, reply) => {
      await consent.revokeConsent(ctxOf(req), req.params.id);
      return reply.code(204).send(null);
    },
  );
}
