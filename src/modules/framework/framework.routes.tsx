// The Strategy framework page and API.
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { LOCALES, isLocale, type Locale } from '../../platform/i18n/index.ts';
import { StringEnum, errorResponses } from '../../platform/http/api.ts';
import type { ViewContext } from '../../platform/views/context.ts';
import { FRAMEWORK_KINDS, type FrameworkKind } from './framework.schema.ts';
import { listFramework, type FrameworkItem } from './framework.service.ts';

const KindQuery = Type.Optional(Type.Union([Type.Literal(''), ...FRAMEWORK_KINDS.map((k) => Type.Literal(k))]));

export default async function frameworkRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = app.platform;

  app.get(
    '/framework',
    { config: { access: { action: 'framework.list' } }, schema: { querystring: Type.Object({ kind: KindQuery }) } },
    async (req, reply) => {
      const items = await listFramework(
        { db, actor: req.actor },
        (req.query.kind || undefined) as FrameworkKind | undefined,
      );
      return reply.page(
        req.t('framework.title'),
        <FrameworkPage ctx={reply.viewContext()} items={items} kind={req.query.kind || ''} />,
      );
    },
  );

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
      const items = await listFramework({ db, actor: req.actor }, req.query.kind as FrameworkKind | undefined);
      return {
        data: items.map((i) => ({
          code: i.code,
          kind: i.kind,
          year: i.year,
          name: i.names[locale] ?? i.names.en,
          names: i.names as Record<string, string>,
        })),
      };
    },
  );
}

function FrameworkPage({ ctx, items, kind }: { ctx: ViewContext; items: FrameworkItem[]; kind: string }) {
  const { t } = ctx;
  const groups = FRAMEWORK_KINDS.filter((k) => !kind || k === kind).map((k) => ({
    kind: k,
    items: items.filter((i) => i.kind === k),
  }));
  return (
    <section>
      <h1>{t('framework.title')}</h1>
      <p class="lead">{t('framework.intro')}</p>
      <nav aria-label={t('framework.filter')}>
        <ul class="tabs">
          <li>
            <a href="/framework" aria-current={!kind ? 'page' : undefined}>
              {t('framework.all')}
            </a>
          </li>
          {FRAMEWORK_KINDS.map((k) => (
            <li>
              <a href={`/framework?kind=${k}`} aria-current={kind === k ? 'page' : undefined}>
                {t(`framework.kind.${k}`)}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {groups.map((g) => (
        <section aria-labelledby={`h-${g.kind}`}>
          <h2 id={`h-${g.kind}`}>{t(`framework.kind.${g.kind}`)}</h2>
          {g.items.length ? (
            <table>
              <caption class="visually-hidden">{t(`framework.kind.${g.kind}`)}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('framework.code')}</th>
                  <th scope="col">{t('field.name')}</th>
                  <th scope="col">{t('framework.year')}</th>
                </tr>
              </thead>
              <tbody>
                {g.items.map((i) => (
                  <tr>
                    <td dir="ltr">
                      <code>{i.code}</code>
                    </td>
                    <td>{i.names[ctx.locale] ?? i.names.en}</td>
                    <td>{i.year ?? '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <p class="empty">{t('framework.empty')}</p>
          )}
        </section>
      ))}
    </section>
  );
}
