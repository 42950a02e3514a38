// The Strategy framework page.
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ctxOf } from '../../platform/http/request-context.ts';
import { FRAMEWORK_KINDS, type FrameworkKind } from './framework.schema.ts';
import { listFramework } from './framework.service.ts';
import { FrameworkPage } from './framework.views.tsx';

export const KindQuery = Type.Optional(Type.Union([Type.Literal(''), ...FRAMEWORK_KINDS.map((k) => Type.Literal(k))]));

export default async function frameworkRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    '/framework',
    { config: { access: { action: 'framework.list' } }, schema: { querystring: Type.Object({ kind: KindQuery }) } },
    async (req, reply) => {
      const items = await listFramework(ctxOf(req), (req.query.kind || undefined) as FrameworkKind | undefined);
      return reply.page(
        req.t('framework.title'),
        <FrameworkPage ctx={reply.viewContext()} items={items} kind={req.query.kind || ''} />,
      );
    },
  );
}
