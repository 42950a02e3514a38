// JSON API v1 for personal data: the retention overview and its application, erasure (preview and perform), and
// the token holder's own data.
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { NullableString, errorResponses } from '../../platform/http/api.ts';
import { ctxOf } from '../../platform/http/request-context.ts';
import * as svc from './privacy.service.ts';

const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);
const Counts = Type.Record(Type.String(), Type.Integer());
const RetentionOut = Type.Object({
  rules: Type.Array(
    Type.Object({
      kind: Type.String(),
      owner: Type.String(),
      days: Type.Union([Type.Integer(), Type.Null()]),
      due: Type.Integer(),
      next: Nullable(Type.String({ format: 'date-time' })),
    }),
  ),
  lastRun: Type.Union([Type.Object({ at: Type.String({ format: 'date-time' }), counts: Counts }), Type.Null()]),
});
const UserParams = Type.Object({ userId: Type.String({ format: 'uuid' }) });

export default async function privacyApi(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const security = [{ bearer: [] }];
  const tags = ['privacy'];

  app.get(
    '/api/v1/privacy/retention',
    {
      config: { access: { action: 'privacy.retention.manage' } },
      schema: {
        tags,
        security,
        summary: 'Retention rules: days kept, rows due now, next removal, last run',
        response: { 200: RetentionOut, ...errorResponses },
      },
    },
    async (req) => {
      const r = await svc.retentionOverview(ctxOf(req));
      return {
        rules: r.lines.map((l) => ({ ...l, next: l.next?.toISOString() ?? null })),
        lastRun: r.lastRun ? { at: r.lastRun.at.toISOString(), counts: r.lastRun.counts } : null,
      };
    },
  );

  app.post(
    '/api/v1/privacy/retention',
    {
      config: { access: { action: 'privacy.retention.manage' } },
      schema: {
        tags,
        security,
        operationId: 'applyRetention',
        summary: 'Apply every retention rule now (409 while another process applies them)',
        response: { 200: Type.Object({ counts: Counts, total: Type.Integer() }), ...errorResponses },
      },
    },
    async (req) => {
      const r = await svc.runRetentionNow(ctxOf(req));
      return { counts: r.counts, total: r.total };
    },
  );

  app.get(
    '/api/v1/privacy/erasures/:userId',
    {
      config: { access: { action: 'privacy.erasure.perform' } },
      schema: {
        tags,
        security,
        summary: 'What erasing this account would remove',
        params: UserParams,
        response: {
          200: Type.Object({
            userId: Type.String(),
            email: Type.String(),
            name: Type.String(),
            lastAdmin: Type.Boolean(),
            erased: Type.Boolean(),
            counts: Type.Array(Type.Object({ owner: Type.String(), section: Type.String(), count: Type.Integer() })),
          }),
          ...errorResponses,
        },
      },
    },
    async (req) => svc.erasurePreview(ctxOf(req), req.params.userId),
  );

  app.post(
    '/api/v1/privacy/erasures/:userId',
    {
      config: { access: { action: 'privacy.erasure.perform' } },
      schema: {
        tags,
        security,
        operationId: 'eraseAccount',
        summary: "Erase the account's person everywhere (409 for the last platform administrator)",
        params: UserParams,
        response: { 200: Type.Object({ pseudonym: Type.String(), rows: Counts }), ...errorResponses },
      },
    },
    async (req) => svc.eraseUser(ctxOf(req), req.params.userId),
  );

  app.get(
    '/api/v1/me/data',
    {
      config: { access: { action: 'privacy.export.own' } },
      schema: {
        tags,
        security,
        summary: "The token holder's own data (the same as my-data.json)",
        response: {
          200: Type.Object(
            {
              exportedAt: Type.String({ format: 'date-time' }),
              subject: Type.Object({ id: NullableString(), email: NullableString(), name: NullableString() }),
              data: Type.Record(Type.String(), Type.Record(Type.String(), Type.Array(Type.Unknown()))),
            },
            { description: "The token holder's personal data, by module and section" },
          ),
        },
      },
    },
    async (req, reply) => {
      reply.header('cache-control', 'no-store');
      return svc.myData(ctxOf(req));
    },
  );
}
