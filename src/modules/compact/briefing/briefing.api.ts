// JSON API of the briefing pack: same services, same rules as the pages. A pack's figures are the saved snapshot.
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ctxOf } from '../../../platform/http/request-context.ts';
import { NullableString, StringEnum, errorResponses } from '../../../platform/http/api.ts';
import * as svc from './briefing.service.ts';
import { BRIEFING_STATUSES } from './briefing.schema.ts';

const IdParams = Type.Object({ id: Type.String({ maxLength: 36 }) });
const When = () => Type.Union([Type.String({ format: 'date-time' }), Type.Null()]);
const SummaryOut = Type.Object({
  id: Type.String(),
  periodFrom: Type.String({ format: 'date' }),
  periodTo: Type.String({ format: 'date' }),
  version: Type.Integer(),
  status: StringEnum(BRIEFING_STATUSES),
  sha256: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
  approvedAt: When(),
  circulatedAt: When(),
});
const ApprovalOut = Type.Object({
  organizationId: Type.String(),
  organizationAcronym: NullableString(),
  userLabel: Type.String(),
  approvedAt: Type.String({ format: 'date-time' }),
});
const summaryOut = (b: svc.BriefingSummary) => ({
  id: b.id,
  periodFrom: b.periodFrom,
  periodTo: b.periodTo,
  version: b.version,
  status: b.status,
  sha256: b.sha256,
  createdAt: b.createdAt.toISOString(),
  approvedAt: b.approvedAt?.toISOString() ?? null,
  circulatedAt: b.circulatedAt?.toISOString() ?? null,
});

export default async function briefingApi(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['compact'];
  const security = [{ bearer: [] }];

  app.get(
    '/api/v1/compact/briefings',
    {
      config: { access: { action: 'compact.briefing.list' } },
      schema: {
        tags,
        security,
        summary: 'The briefing packs to the Counter-Terrorism Committee (period, version, status), newest first',
        response: { 200: Type.Object({ items: Type.Array(SummaryOut) }), ...errorResponses },
      },
    },
    async (req) => ({ items: (await svc.listBriefings(ctxOf(req))).map(summaryOut) }),
  );

  app.post(
    '/api/v1/compact/briefings',
    {
      config: { access: { action: 'compact.briefing.create' } },
      schema: {
        tags,
        security,
        summary: 'Generate a pack for a period (a new version when the period has one); figures computed, never typed',
        body: Type.Object({
          from: Type.Optional(Type.String({ maxLength: 20 })),
          to: Type.Optional(Type.String({ maxLength: 20 })),
        }),
        response: { 201: SummaryOut, ...errorResponses },
      },
    },
    async (req, reply) => {
      const b = req.body ?? {};
      const d = svc.defaultPeriod();
      const row = await svc.createBriefing(ctxOf(req), { from: b.from ?? d.from, to: b.to ?? d.to });
      return reply.code(201).send(summaryOut(row));
    },
  );

  app.get(
    '/api/v1/compact/briefings/:id',
    {
      config: { access: { action: 'compact.briefing.list' } },
      schema: {
        tags,
        security,
        params: IdParams,
        summary: 'A pack with its saved figures (snapshot), approvals and what the caller may do',
        response: {
          200: Type.Object({
            briefing: SummaryOut,
            figures: Type.Unknown(),
            approvals: Type.Array(ApprovalOut),
            canApprove: Type.Boolean(),
            canCirculate: Type.Boolean(),
          }),
          ...errorResponses,
        },
      },
    },
    async (req) => {
      const d = await svc.getBriefing(ctxOf(req), req.params.id);
      return {
        briefing: summaryOut(d.briefing),
        figures: d.snapshot,
        approvals: d.approvals.map((a) => ({
          organizationId: a.organizationId,
          organizationAcronym: a.organizationAcronym,
          userLabel: a.userLabel,
          approvedAt: a.approvedAt.toISOString(),
        })),
        canApprove: d.canApprove,
        canCirculate: d.canCirculate,
      };
    },
  );

  app.post(
    '/api/v1/compact/briefings/:id/approve',
    {
      config: { access: { action: 'compact.briefing.approve' } },
      schema: {
        tags,
        security,
        params: IdParams,
        summary: "Approve a draft pack on behalf of the caller's co-chair entity (UNOCT or CTED)",
        response: {
          200: Type.Object({ organizationId: Type.String(), status: StringEnum(BRIEFING_STATUSES) }),
          ...errorResponses,
        },
      },
    },
    async (req) => svc.approveBriefing(ctxOf(req), req.params.id),
  );

  app.post(
    '/api/v1/compact/briefings/:id/circulate',
    {
      config: { access: { action: 'compact.briefing.circulate' } },
      schema: {
        tags,
        security,
        params: IdParams,
        summary: 'Circulate an approved pack (both co-chairs approved) and notify the CTC briefing body',
        response: {
          200: Type.Object({ status: StringEnum(BRIEFING_STATUSES), notified: Type.Integer() }),
          ...errorResponses,
        },
      },
    },
    async (req) => svc.circulateBriefing(ctxOf(req), req.params.id),
  );
}
