// The health endpoints (JSON): /healthz (the process answers) and /readyz (the database answers too).
import type { FastifyInstance } from 'fastify';

export default async function homeApi(app: FastifyInstance) {
  app.get('/healthz', { config: { access: 'public' }, logLevel: 'warn' }, async () => ({ status: 'ok' }));
  app.get('/readyz', { config: { access: 'public' }, logLevel: 'warn' }, async (_req, reply) => {
    const ok = await app.platform.database.ping();
    return reply
      .code(ok ? 200 : 503)
      .send({ status: ok ? 'ready' : 'unavailable', database: app.platform.database.kind });
  });
}
