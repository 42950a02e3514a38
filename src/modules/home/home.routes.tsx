// The public home page.
import type { FastifyInstance } from 'fastify';
import { Home } from './home.views.tsx';

export default async function homeRoutes(app: FastifyInstance) {
  app.get('/', { config: { access: 'public' } }, async (req, reply) =>
    reply.page(req.t('home.title'), <Home ctx={reply.viewContext()} />),
  );
}
