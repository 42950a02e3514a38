// GET /api/v1/search: the search box's results as JSON (the same service, the same rules: only what the caller may
// see is found or counted). Public, like the search page: without a token, what is public.
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { LOCALES } from '../../platform/i18n/index.ts';
import { NullableEnum, NullableString, StringEnum, errorResponses } from '../../platform/http/api.ts';
import { ctxOf } from '../../platform/http/request-context.ts';
import { MAX_PAGE, MAX_QUERY, PAGE_SIZE, SEARCH_KINDS, parseSearch, search } from './search.service.ts';

export const SearchHitOut = Type.Object(
  {
    kind: StringEnum(SEARCH_KINDS),
    id: Type.String({ format: 'uuid' }),
    language: NullableEnum(LOCALES),
    title: Type.String(),
    snippet: Type.String({ description: 'HTML: the text escaped, the words found inside <mark> elements' }),
    date: NullableString({ format: 'date' }),
    url: Type.String({ description: 'A local path to the page of the record' }),
    rank: Type.Number(),
  },
  { $id: 'SearchHit' },
);

const Counts = Type.Record(Type.String(), Type.Integer());

export default async function searchApi(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    '/api/v1/search',
    {
      config: { access: 'public' },
      schema: {
        tags: ['search'],
        security: [{ bearer: [] }, {}],
        summary: 'Search everything the caller may see: ranked hits with snippets, counts by kind and language',
        querystring: Type.Object({
          q: Type.String({ maxLength: MAX_QUERY }),
          kind: Type.Optional(Type.Array(StringEnum(SEARCH_KINDS), { maxItems: SEARCH_KINDS.length })),
          lang: Type.Optional(StringEnum(LOCALES)),
          from: Type.Optional(Type.String({ format: 'date' })),
          to: Type.Optional(Type.String({ format: 'date' })),
          pillar: Type.Optional(Type.String({ pattern: '^pillar-[1-4]$' })),
          page: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_PAGE, default: 1 })),
        }),
        response: {
          200: Type.Object({
            data: Type.Array(Type.Ref('SearchHit')),
            total: Type.Integer(),
            page: Type.Integer(),
            pageSize: Type.Integer(),
            facets: Type.Object({ kinds: Counts, languages: Counts }),
          }),
          ...errorResponses,
        },
      },
    },
    async (req) => {
      const r = req.query;
      const query = parseSearch({
        q: r.q,
        kinds: r.kind,
        language: r.lang,
        from: r.from,
        to: r.to,
        pillar: r.pillar,
        page: r.page ?? 1,
      });
      const result = await search({ ...ctxOf(req), locale: req.locale }, query);
      return {
        data: result.hits,
        total: result.total,
        page: result.page,
        pageSize: PAGE_SIZE,
        facets: result.facets,
      };
    },
  );
}
