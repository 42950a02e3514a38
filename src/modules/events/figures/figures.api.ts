// JSON API v1 of an event's published figures: read by whoever may see the event, replaced by its managers (the same
// rules and checks as the page).
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ctxOf } from '../../../platform/http/request-context.ts';
import { NullableEnum, NullableString, StringEnum, errorResponses } from '../../../platform/http/api.ts';
import type { FieldError } from '../../../platform/http/errors.ts';
import { LOCALES } from '../../../platform/i18n/index.ts';
import { TranslatableSchema, textFromApi } from '../../../platform/i18n/text.ts';
import { ORG_TYPES } from '../../directory/index.ts';
import { FIGURE_MODES, FIGURE_QUALIFIERS, PUBLISHED_FIGURE_KINDS } from '../events.schema.ts';
import { IdParams, TranslatedOut, security, tags } from '../shared/api.ts';
import * as svc from './figures.service.ts';

const SourceOut = Type.Object({
  label: TranslatedOut,
  url: NullableString(),
  quote: NullableString(),
  quoteLang: NullableEnum(LOCALES),
});
const FigureOut = Type.Object({
  kind: StringEnum(PUBLISHED_FIGURE_KINDS),
  value: Type.Integer(),
  qualifier: StringEnum(FIGURE_QUALIFIERS),
  mode: NullableEnum(FIGURE_MODES),
  orgKinds: Type.Array(StringEnum(ORG_TYPES)),
  source: Type.Integer({ description: 'Index of its source in `sources`' }),
});
const FiguresOut = Type.Object({
  data: Type.Union([Type.Object({ sources: Type.Array(SourceOut), figures: Type.Array(FigureOut) }), Type.Null()]),
});

export default async function figuresApi(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    '/api/v1/events/:id/published-figures',
    {
      config: { access: 'public' },
      schema: {
        tags,
        security,
        summary:
          'The figures the organizers published (each with its wording, how people took part, the kinds of ' +
          'organizations counted, and its source); null when none. Recorded statistics are at …/statistics',
        params: IdParams,
        response: { 200: FiguresOut, ...errorResponses },
      },
    },
    async (req) => ({ data: (await svc.publishedFiguresOf(ctxOf(req), req.params.id)).figures }),
  );

  app.put(
    '/api/v1/events/:id/published-figures',
    {
      config: { access: { action: 'event.manage' } },
      schema: {
        tags,
        security: [{ bearer: [] }],
        summary:
          "Replace the event's published figures (its managers). An empty list of figures removes them. " +
          'Only the sources a figure cites are kept',
        params: IdParams,
        body: Type.Object(
          {
            sources: Type.Array(
              Type.Object(
                {
                  label: TranslatableSchema,
                  url: Type.Optional(Type.Union([Type.String({ maxLength: 500 }), Type.Null()])),
                  quote: Type.Optional(Type.Union([Type.String({ maxLength: 2000 }), Type.Null()])),
                  quoteLang: Type.Optional(Type.Union([StringEnum(LOCALES), Type.Null()])),
                },
                { additionalProperties: false },
              ),
              { maxItems: svc.MAX_SOURCES },
            ),
            figures: Type.Array(
              Type.Object(
                {
                  kind: StringEnum(PUBLISHED_FIGURE_KINDS),
                  value: Type.Integer({ minimum: 0, maximum: svc.MAX_FIGURE }),
                  qualifier: Type.Optional(StringEnum(FIGURE_QUALIFIERS)),
                  mode: Type.Optional(Type.Union([StringEnum(FIGURE_MODES), Type.Null()])),
                  orgKinds: Type.Optional(Type.Array(StringEnum(ORG_TYPES), { maxItems: ORG_TYPES.length })),
                  source: Type.Optional(Type.Integer({ minimum: 0, maximum: svc.MAX_SOURCES - 1 })),
                },
                { additionalProperties: false },
              ),
              { maxItems: PUBLISHED_FIGURE_KINDS.length },
            ),
          },
          { additionalProperties: false },
        ),
        response: { 200: FiguresOut, ...errorResponses },
      },
    },
    async (req) => {
      const labelErrors: FieldError[] = [];
      const sources = req.body.sources.map((s, i) => ({
        ...s,
        label: textFromApi(s.label, `src${i}_label`, labelErrors, { maxLength: 300 }),
      }));
      const data = await svc.savePublishedFigures(
        ctxOf(req),
        req.params.id,
        { sources, figures: req.body.figures },
        labelErrors,
      );
      return { data };
    },
  );
}
