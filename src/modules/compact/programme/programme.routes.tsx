// The Joint Programme of Work page.
import type { FastifyInstance } from 'fastify';
import { ctxOf } from '../../../platform/http/request-context.ts';
import { listBodies } from '../structure/structure.service.ts';
import { programme } from './programme.service.ts';
import { ProgrammePage } from './programme.views.tsx';

export default async function programmeRoutes(fastify: FastifyInstance) {
  const { db } = fastify.platform;
  fastify.get('/compact/programme', { config: { access: { action: 'compact.read' } } }, async (req, reply) => {
    const priorities = await programme(ctxOf(req));
    const bodies = new Map((await listBodies(db, req.locale)).map((b) => [b.id, b]));
    return reply.page(
      req.t('compact.programme.title', { period: priorities[0]?.period ?? '2024–2026' }),
      <ProgrammePage ctx={reply.viewContext()} priorities={priorities} bodies={bodies} />,
    );
  });
}
