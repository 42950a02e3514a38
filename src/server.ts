// Starts the process (alone, or as one of the workers of `ctcp serve --workers N`: cluster.ts); nothing else.
import cluster from 'node:cluster';
import closeWithGrace from 'close-with-grace';
import type { Config } from './config.ts';
import type { Database } from './platform/db/client.ts';
import { buildApp } from './app.ts';

export async function startServer(config: Config, database: Database, onListening?: (url: string) => void) {
  const app = await buildApp(config, { database, migrate: false });
  app.addHook('onClose', async () => {
    await database.close();
  });
  // Tests tell which process answered (several workers share the port).
  if (config.env === 'test')
    app.addHook('onRequest', async (_req, reply) => {
      reply.header('x-ctcp-pid', String(process.pid));
    });
  // A worker stops on the primary's SIGTERM only: a terminal's Ctrl-C or hang-up, sent to the whole process group,
  // is the primary's to handle (a second signal would make close-with-grace exit at once, mid-request).
  const skip: ('SIGINT' | 'SIGHUP')[] = cluster.isWorker ? ['SIGINT', 'SIGHUP'] : [];
  for (const s of skip) process.on(s, () => {});
  closeWithGrace({ delay: 10_000, skip }, async ({ signal, err }) => {
    if (err) app.log.error({ err }, 'closing after an error');
    else app.log.info({ signal }, 'shutting down: finishing in-flight requests');
    await app.close();
  });
  await app.listen({ port: config.port, host: config.host });
  onListening?.(`http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${config.port}`);
  return app;
}
