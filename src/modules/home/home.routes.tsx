// The public home page and the health endpoints.
import type { FastifyInstance } from 'fastify';
import { ping } from '../../platform/db/client.ts';
import { Home } from './home.views.tsx';

export default async function homeRoutes(app: FastifyInstance) {
  app.get('/', { config: { access: 'public' } }, async (req, reply) =>
    reply.page(req.t('home.title'), <Home ctx={reply.viewContext()} />),
  );
  app.get('/healthz', { config: { access: 'public' }, logLevel: 'warn' }, async () => ({ status: 'ok' }));
  app.get('/readyz', { config: { access: 'public' }, logLevel: 'warn' }, async (_req, reply) => {
    const ok = await ping(app.platform.database);
    return reply
      .code(ok ? 200 : 503)
      .send({ status: ok ? 'ready' : 'unavailable', database: app.platform.database.kind });
  });
}
