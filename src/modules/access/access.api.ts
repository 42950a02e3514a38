// JSON API v1 for accounts: who am I, invitations, the audit log.
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { LOCALES, type Locale } from '../../platform/i18n/index.ts';
import { ROLES, type Role } from '../../platform/auth/auth.schema.ts';
import { authorize, type UserActor } from '../../platform/auth/policy.ts';
import { listAudit, verifyAuditChain } from '../../platform/audit/audit.service.ts';
import { ctxOf } from '../../platform/http/request-context.ts';
import { PageQuery, Paged, errorResponses } from '../../platform/http/api.ts';
import * as svc from './access.service.ts';

export default async function accessApi(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = app.platform;
  const security = [{ bearer: [] }];

  app.get(
    '/api/v1/me',
    {
      config: { access: 'signed_in' },
      schema: {
        tags: ['access'],
        security,
        summary: 'The token holder',
        response: {
          200: Type.Object({
            id: Type.String(),
            email: Type.String(),
            name: Type.String(),
            role: Type.String(),
            organizationIds: Type.Array(Type.String()),
            scopes: Type.Array(Type.String()),
          }),
          ...errorResponses,
        },
      },
    },
    async (req) => {
      const a = req.actor as UserActor;
      return { id: a.userId, email: a.email, name: a.name, role: a.role, organizationIds: a.orgIds, scopes: a.scopes };
    },
  );

  app.post(
    '/api/v1/invitations',
    {
      config: { access: { action: 'invitation.create' } },
      schema: {
        tags: ['access'],
        security,
        summary: 'Invite a person (the link is e-mailed)',
        body: Type.Object(
          {
            email: Type.String({ format: 'email', maxLength: 320 }),
            name: Type.String({ minLength: 1, maxLength: 200 }),
            role: Type.Union(ROLES.map((r) => Type.Literal(r))),
            organizationId: Type.Optional(Type.Union([Type.String({ format: 'uuid' }), Type.Null()])),
            focalPoint: Type.Optional(Type.Boolean()),
            locale: Type.Optional(Type.Union(LOCALES.map((l) => Type.Literal(l)))),
          },
          { additionalProperties: false },
        ),
        response: { 201: Type.Object({ id: Type.String() }), ...errorResponses },
      },
    },
    async (req, reply) => {
      const b = req.body;
      const r = await svc.createInvitation(ctxOf(req), {
        email: b.email,
        name: b.name,
        role: b.role as Role,
        organizationId: b.organizationId ?? null,
        focalPoint: b.focalPoint ?? false,
        locale: (b.locale ?? 'en') as Locale,
      });
      return reply.code(201).send({ id: r.id });
    },
  );

  const AuditOut = Type.Object({
    id: Type.Integer(),
    at: Type.String(),
    actorId: Type.Union([Type.String(), Type.Null()]),
    actorLabel: Type.Union([Type.String(), Type.Null()]),
    action: Type.String(),
    targetType: Type.Union([Type.String(), Type.Null()]),
    targetId: Type.Union([Type.String(), Type.Null()]),
    details: Type.Record(Type.String(), Type.Unknown()),
    hash: Type.String(),
  });
  app.get(
    '/api/v1/audit',
    {
      config: { access: { action: 'admin.audit.read' } },
      schema: {
        tags: ['audit'],
        security,
        operationId: 'listAuditEntries',
        summary: 'The audit log, newest first',
        querystring: Type.Object({
          action: Type.Optional(Type.String({ maxLength: 100, description: 'Actions starting with this text' })),
          actor: Type.Optional(Type.String({ maxLength: 320, description: 'Actor labels containing this text' })),
          from: Type.Optional(Type.String({ format: 'date' })),
          to: Type.Optional(Type.String({ format: 'date' })),
          ...PageQuery,
        }),
        response: { 200: Paged(AuditOut), ...errorResponses },
      },
    },
    async (req) => {
      authorize(req.actor, 'admin.audit.read');
      const { rows, total, page, pageSize } = await listAudit(db, req.query);
      return { data: rows.map((r) => ({ ...r, at: r.at.toISOString() })), page, pageSize, total };
    },
  );

  app.get(
    '/api/v1/audit/verify',
    {
      config: { access: { action: 'admin.audit.read' } },
      schema: {
        tags: ['audit'],
        security,
        operationId: 'verifyAuditChain',
        summary: 'Verify the hash chain, its keyed MACs and the exported anchors',
        response: {
          200: Type.Object({
            ok: Type.Boolean(),
            checked: Type.Integer(),
            firstBadId: Type.Union([Type.Integer(), Type.Null()]),
            problem: Type.Union([Type.String(), Type.Null()], {
              description:
                'link, hash, mac, unknown-key, unkeyed, personal, seal (at firstBadId); anchor-forged, ' +
                'anchor-mismatch (at the anchored id); truncated (the chain ends at lastId before the anchor)',
            }),
            legacy: Type.Integer({ description: 'Rows written before the chain was keyed (unkeyed hash only)' }),
            lastId: Type.Integer({ description: 'The last entry checked' }),
            anchors: Type.Integer({ description: 'Exported anchors checked (AUDIT_ANCHOR_DIR)' }),
            anchor: Type.Union([
              Type.Object({ id: Type.Integer(), count: Type.Integer(), at: Type.String() }),
              Type.Null(),
            ]),
          }),
          ...errorResponses,
        },
      },
    },
    async (req) => {
      authorize(req.actor, 'admin.audit.read');
      return verifyAuditChain(db);
    },
  );
}
