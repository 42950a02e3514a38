// The gap-analysis page and its exports.
import { nameIn } from '../../../platform/i18n/index.ts';
import type { FastifyInstance } from 'fastify';
import { ctxOf } from '../../../platform/http/request-context.ts';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { sendTable } from '../../../platform/export/tabular.ts';
import { fw } from '../portfolio.views.tsx';
import { gapAnalysis, type GapRow } from '../gap/gap.service.ts';
import { GapView, keyLabel } from './gap.views.tsx';

export default async function gapRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  const GapQuery = Type.Object({
    theme: Type.Optional(Type.String({ maxLength: 80 })),
    pillar: Type.Optional(Type.String({ maxLength: 20 })),
    priority: Type.Optional(Type.String({ maxLength: 10 })),
    region: Type.Optional(Type.String({ maxLength: 40 })),
    table: Type.Optional(
      Type.Union(['region', 'pillar', 'theme', 'priority', 'state', 'balance'].map((x) => Type.Literal(x))),
    ),
    format: Type.Optional(Type.Union([Type.Literal('csv'), Type.Literal('xlsx')])),
  });
  app.get(
    '/gap-analysis',
    { config: { access: { action: 'gap.read' } }, schema: { querystring: GapQuery } },
    async (req, reply) => {
      const { table, format, ...f } = req.query;
      const g = await gapAnalysis(ctxOf(req), f);
      const l = req.locale;
      if (format && table) {
        if (table === 'balance') {
          return sendTable(
            reply,
            format,
            `portfolio-balance.${format}`,
            [
              {
                key: 'pillar',
                header: 'pillar',
                hxl: '#sector+pillar',
                value: (r: (typeof g.balance)[number]) => fw(r.pillar, l),
              },
              { key: 'projects', header: 'open_projects', hxl: '#activity+num', value: (r) => r.projects },
              { key: 'budget', header: 'budget_usd', hxl: '#value+budget+usd', value: (r) => r.budgetUsd },
            ],
            g.balance,
            { hxl: true, sheetName: 'balance' },
          );
        }
        if (table === 'state') {
          return sendTable(
            reply,
            format,
            `gap-by-state.${format}`,
            [
              {
                key: 'state',
                header: 'state',
                hxl: '#country+name',
                value: (r: (typeof g.byState)[number]) => nameIn(r.names, l),
              },
              { key: 'iso3', header: 'iso3', hxl: '#country+code', value: (r) => r.iso3 },
              { key: 'open', header: 'open_needs', hxl: '#indicator+open+num', value: (r) => r.open },
              {
                key: 'unanswered',
                header: 'unanswered_needs',
                hxl: '#indicator+unanswered+num',
                value: (r) => r.unanswered,
              },
            ],
            g.byState,
            { hxl: true, sheetName: 'by state' },
          );
        }
        const rows = { region: g.byRegion, pillar: g.byPillar, theme: g.byTheme, priority: g.byPriority }[table];
        return sendTable<GapRow>(
          reply,
          format,
          `gap-by-${table}.${format}`,
          [
            {
              key: table,
              header: table,
              hxl: table === 'region' ? '#region+name' : table === 'priority' ? '#priority' : '#sector',
              value: (r: GapRow) => keyLabel(req.t, table, r.key, l),
            },
            { key: 'open', header: 'open_needs', hxl: '#indicator+open+num', value: (r) => r.open },
            {
              key: 'unanswered',
              header: 'unanswered_needs',
              hxl: '#indicator+unanswered+num',
              value: (r) => r.unanswered,
            },
            { key: 'coverage', header: 'coverage_percent', hxl: '#indicator+coverage+pct', value: (r) => r.coverage },
          ],
          rows,
          { hxl: true, sheetName: `by ${table}` },
        );
      }
      return reply.page(
        req.t('gap.title'),
        <GapView ctx={reply.viewContext()} g={g} filters={f as Record<string, string>} />,
      );
    },
  );
}
