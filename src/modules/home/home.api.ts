// The health endpoints (JSON): /healthz (the process answers) and /readyz (the database answers too).
import type { FastifyInstance } from 'fastify';
import { ping } from '../../platform/db/client.ts';

export default async function homeApi(app: FastifyInstance) {
  app.get('/healthz', { config: { access: 'public' }, logLevel: 'warn' }, async () => ({ status: 'ok' }));
  app.get('/readyz', { config: { access: 'public' }, logLevel: 'warn' }, async (_req, reply) => {
    const ok = await ping(app.platform.database);
    return reply
      .code(ok ? 200 : 503)
      .send({ status: ok ? 'ready' : 'unavailable', database: app.platform.database.kind });
  });
}
