// The server under test, in its own process(es), apart from the load generator (bench/load.ts): the app built as
// `ctcp serve` builds it, plus bench-only routes (a hello-world baseline; an authenticated single-row INSERT, the
// ceiling of any write over HTTP; a POST answered at once, the ceiling of any request of a burst; the credential
// lookup alone; the signed-in event page's statement and bytes, nothing rendered; the process's memory).
// BENCH_WORKERS=N (default 1) forks N workers with node:cluster sharing one port (round-robin), so "2 server
// processes" needs nothing outside the bench. Settings from the environment:
// BENCH_PORT, BENCH_DATABASE_URL (a PostgreSQL database) or BENCH_DATA_DIR (an embedded data directory; one worker
// only), BENCH_PAGE_CACHE_SECONDS (default 5, as in production). Prints `ready <port> <worker pids>` when every worker
// listens.
import cluster from 'node:cluster';
import type { UserActor } from '../src/platform/auth/policy.ts';

const workers = Number(process.env.BENCH_WORKERS ?? 1);
const port = Number(process.env.BENCH_PORT ?? 0);

if (cluster.isPrimary && workers > 1) {
  let listening = 0;
  const pids: number[] = [];
  for (let i = 0; i < workers; i++) {
    const w = cluster.fork();
    pids.push(w.process.pid!);
    // A worker says so once it listens and its route schemas are compiled (not Fastify's 'listening', which comes
    // before the compiling ends and would measure it).
    w.on('message', (m) => {
      if (m === 'ready' && ++listening === workers) console.log(`ready ${port} ${pids.join(',')}`);
    });
    w.on('exit', (code) => {
      if (code && !stopping) {
        console.error(`worker ${w.process.pid} exited with ${code}`);
        process.exit(1);
      }
    });
  }
  let stopping = false;
  process.on('SIGTERM', () => {
    stopping = true;
    for (const w of Object.values(cluster.workers ?? {})) w?.process.kill('SIGTERM');
    setTimeout(() => process.exit(0), 2000).unref();
    cluster.on('exit', () => {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
    });
  });
} else {
  const { sql } = await import('drizzle-orm');
  const { loadConfig } = await import('../src/config.ts');
  const { buildApp } = await import('../src/app.ts');
  const { openDatabase } = await import('../src/platform/db/client.ts');
  const { schemasWarmed } = await import('../src/platform/http/lazy-schemas.ts');
  const databaseUrl = process.env.BENCH_DATABASE_URL ?? '';
  const config = loadConfig(
    {
      env: 'test',
      logLevel: 'silent',
      databaseUrl,
      dataDir: process.env.BENCH_DATA_DIR ?? 'memory://',
      pageCacheSeconds: Number(process.env.BENCH_PAGE_CACHE_SECONDS ?? 5),
      // Kept credentials as a production server keeps them (CREDENTIAL_CACHE_SECONDS' default; tests use 0).
      credentialCacheSeconds: Number(process.env.BENCH_CREDENTIAL_CACHE_SECONDS ?? 30),
      // Kept answers as a production server keeps them (KEPT_ANSWER_SECONDS' default; tests use 0).
      keptAnswerSeconds: Number(process.env.BENCH_KEPT_ANSWER_SECONDS ?? 60),
      port,
    },
    { ...process.env, DATABASE_URL: '' },
  );
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  const app = await buildApp(config, { database, migrate: false });
  app.get('/bench/hello', { config: { access: 'public' } }, async () => ({ hello: 'world' }));
  app.post('/api/bench/insert', { config: { access: 'signed_in' } }, async (req, reply) => {
    const userId = (req.actor as { userId: string }).userId;
    await database.db.execute(sql`insert into bench_insert (user_id) values (${userId})`);
    return reply.code(201).send({ ok: true });
  });
  // The least any request of the registration burst can cost: the same POST, answered without reading it.
  app.post('/api/bench/nothing', { config: { access: 'public' } }, async (_req, reply) => reply.code(201).send({}));
  // The credential lookup alone (what a page costs before its own work): a route that only needs a signed-in reader.
  app.get('/api/bench/me', { config: { access: 'signed_in' } }, async (req) => ({
    id: (req.actor as { userId: string }).userId,
  }));
  // The signed-in event page's ceiling: its own statement (the reader's visibility check, registration and
  // organizations, as the page runs it) and the page's bytes as rendered once for this reader, nothing rendered.
  const { findEventForReader } = await import('../src/modules/events/shared/events.service.ts');
  const rendered = new Map<string, string>();
  app.get<{ Params: { slug: string } }>(
    '/bench/event-page-ceiling/:slug',
    { config: { access: 'signed_in' } },
    async (req, reply) => {
      const { slug } = req.params;
      await findEventForReader({ db: database.db, actor: req.actor as UserActor }, slug);
      let html = rendered.get(slug);
      if (html === undefined) {
        html = (await app.inject({ url: `/events/${slug}`, headers: { cookie: req.headers.cookie ?? '' } })).body;
        rendered.set(slug, html);
      }
      return reply.type('text/html; charset=utf-8').send(html);
    },
  );
  // Memory of this process after a full collection (the soak's leak check; needs --expose-gc, else before one).
  app.get('/bench/memory', { config: { access: 'public' } }, async () => {
    (globalThis as { gc?: () => void }).gc?.();
    const m = process.memoryUsage();
    return { pid: process.pid, heapUsed: m.heapUsed, external: m.external, arrayBuffers: m.arrayBuffers, rss: m.rss };
  });
  await app.listen({ port, host: '127.0.0.1' });
  // Measured once every route's schemas are compiled (they compile in the background after listen).
  await schemasWarmed();
  if (cluster.isWorker) process.send?.('ready');
  else console.log(`ready ${port} ${process.pid}`);
  process.on('SIGTERM', async () => {
    await app.close();
    await database.close();
    process.exit(0);
  });
}
