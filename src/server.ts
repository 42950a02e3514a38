// Starts the process; nothing else.
import closeWithGrace from 'close-with-grace';
import type { Config } from './config.ts';
import type { Database } from './platform/db/client.ts';
import { buildApp } from './app.ts';

export async function startServer(config: Config, database: Database, onListening?: (url: string) => void) {
  const app = await buildApp(config, { database, migrate: false });
  app.addHook('onClose', async () => {
    await database.close();
  });
  closeWithGrace({ delay: 10_000 }, async ({ signal, err }) => {
    if (err) app.log.error({ err }, 'closing after an error');
    else app.log.info({ signal }, 'shutting down: finishing in-flight requests');
    await app.close();
  });
  await app.listen({ port: config.port, host: config.host });
  onListening?.(`http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${config.port}`);
  return app;
}
