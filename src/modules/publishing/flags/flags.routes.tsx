// The administrator page of published content (/admin/publishing).
import type { FastifyInstance } from 'fastify';
import { ctxOf } from '../../../platform/http/request-context.ts';
import { listFlags } from './flags.service.ts';
import { FlagsPage } from './flags.views.tsx';

export default async function flagsRoutes(app: FastifyInstance) {
  app.get('/admin/publishing', { config: { access: { action: 'publishing.monitor' } } }, async (req, reply) => {
    const flags = await listFlags(ctxOf(req));
    return reply.page(req.t('publishing.flags.title'), <FlagsPage ctx={reply.viewContext()} flags={flags} />);
  });
}
