// The Strategy framework's JSON API: pillars, resolutions and themes with their names in six languages.
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { LOCALES, isLocale, nameIn, type Locale } from '../../platform/i18n/index.ts';
import { StringEnum, errorResponses } from '../../platform/http/api.ts';
import { ctxOf } from '../../platform/http/request-context.ts';
import { FRAMEWORK_KINDS, type FrameworkKind } from './framework.schema.ts';
import { listFramework } from './framework.service.ts';

export default async function frameworkApi(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    '/api/v1/framework',
    {
      config: { access: { action: 'framework.list' } },
      schema: {
        tags: ['framework'],
        security: [{ bearer: [] }],
        summary:
          'Pillars of the Global Counter-Terrorism Strategy, Security Council and General Assembly resolutions, themes',
        querystring: Type.Object({
          kind: Type.Optional(StringEnum(FRAMEWORK_KINDS)),
          lang: Type.Optional(StringEnum(LOCALES)),
        }),
        response: {
          200: Type.Object({
            data: Type.Array(
              Type.Object({
                code: Type.String(),
                kind: StringEnum(FRAMEWORK_KINDS),
                year: Type.Union([Type.Integer(), Type.Null()]),
                name: Type.String(),
                names: Type.Record(Type.String(), Type.String()),
              }),
            ),
          }),
          ...errorResponses,
        },
      },
    },
    async (req) => {
      const locale: Locale = isLocale(req.query.lang) ? req.query.lang : req.locale;
      const items = await listFramework(ctxOf(req), req.query.kind as FrameworkKind | undefined);
      return {
        data: items.map((i) => ({
          code: i.code,
          kind: i.kind,
          year: i.year,
          name: nameIn(i.names, locale),
          names: i.names as Record<string, string>,
        })),
      };
    },
  );
}
