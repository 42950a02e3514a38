// JSON API of the gap analysis. Same service, same visibility as the page.
import type { FastifyInstance } from 'fastify';
import { ctxOf } from '../../../platform/http/request-context.ts';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { NullableString, StringEnum, errorResponses } from '../../../platform/http/api.ts';
import { PRIORITIES } from '../portfolio.schema.ts';
import { gapAnalysis } from '../gap/gap.service.ts';

const tags = ['portfolio'];
const security = [{ bearer: [] }];

const GapRowOut = Type.Object({
  key: Type.String(),
  open: Type.Integer(),
  unanswered: Type.Integer(),
  coverage: Type.Number(),
});

export default async function gapApi(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    '/api/v1/gap-analysis',
    {
      config: { access: { action: 'gap.read' } },
      schema: {
        tags,
        security,
        summary:
          'Open needs with no response by region, pillar, theme, priority and State; ' +
          'coverage; the portfolio’s balance across the pillars',
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
