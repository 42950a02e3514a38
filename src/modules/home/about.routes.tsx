// Help and the accessibility statement: public pages, kept a few seconds for anonymous readers like the events pages.
import type { FastifyInstance } from 'fastify';
import { AccessibilityPage, HelpPage } from './about.views.tsx';

export default async function aboutRoutes(app: FastifyInstance) {
  const open = { config: { access: 'public' as const, pageCache: true } };
  app.get('/help', open, async (req, reply) => reply.page(req.t('help.title'), <HelpPage ctx={reply.viewContext()} />));
  app.get('/accessibility', open, async (req, reply) =>
    reply.page(req.t('accessibility.title'), <AccessibilityPage ctx={reply.viewContext()} />),
  );
}
