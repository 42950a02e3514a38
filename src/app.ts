// buildApp(config): opens the database, registers platform plugins, then modules, in order.
import { lazySchemas } from './platform/http/lazy-schemas.ts';
import Fastify, { type FastifyInstance } from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { randomUUID } from 'node:crypto';
import { trustProxyOption, type Config } from './config.ts';
import { migrateDatabase, openDatabase, type Database } from './platform/db/client.ts';
import httpPlugin, { type Platform, type RouteInfo } from './platform/http/index.ts';
import { ErrorBody } from './platform/http/api.ts';
import { logSafeError } from './platform/http/error-handler.tsx';
import { completeApiRoute, documentRoute, finishDocument } from './platform/http/openapi.ts';
import { registerPolicy, isUser, type Actor } from './platform/auth/policy.ts';
import { ChangeChannel } from './platform/changes/changes.ts';
import { setAuditAnchorSink, setAuditKeys } from './platform/audit/audit.service.ts';
import { FileAnchorSink } from './platform/audit/anchor.ts';
import { registerPersonalData } from './platform/privacy/retention.ts';
import { JobQueue } from './platform/jobs/queue.ts';
import { jobDefinitions, registerJobs } from './platform/jobs/registry.ts';
import { registerWorkspace } from './platform/modules/workspace.ts';
import { registerLinkTargets } from './platform/modules/link-targets.ts';
import { registerSearchSources } from './platform/modules/search-sources.ts';
import { registerBriefing } from './platform/modules/briefing.ts';
import type { NavEntry } from './platform/views/context.ts';
import { resolveCredential } from './modules/access/index.ts';
import { MODULES } from './modules/index.ts';

// The main navigation, in order; each link is shown to whoever may open its page (platform/views/context.ts).
// The API's documentation is public, but of use to signed-in users (API tokens) only.
const NAV: NavEntry[] = [
  ...MODULES.flatMap((m) => m.nav ?? []),
  { order: 1000, href: '/api/docs', labelKey: 'nav.api', opens: (a: Actor) => isUser(a) },
].sort((a, b) => a.order - b.order);

export interface BuildOptions {
  /** Use this database instead of opening one from config (tests share one per process). */
  database?: Database;
  /** Apply migrations at start (default true). */
  migrate?: boolean;
  /** Where the log goes instead of standard output (the browser-journey harness keeps the last lines). */
  logStream?: { write(line: string): void };
}

export async function buildApp(config: Config, opts: BuildOptions = {}): Promise<FastifyInstance> {
  setAuditKeys(config.auditKey, config.auditKeyPrevious);
  setAuditAnchorSink(config.auditAnchorDir ? new FileAnchorSink(config.auditAnchorDir) : null);
  const database = opts.database ?? (await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir }));
  if (opts.migrate !== false) await migrateDatabase(database);
  // Policies are registered explicitly, before any route can ask (registering the same table again is a no-op).
  for (const m of MODULES) if (m.policy) registerPolicy(m.policy);
  // The modules' personal data (retention rules, export, erasure), for the runner and the privacy pages.
  registerPersonalData(MODULES);
  // The modules' tasks and calendar items (the home page's workspace, the personal iCalendar feed).
  registerWorkspace(MODULES);
  // What records may link to (labels and rules of other modules' records: the Compact register's links).
  registerLinkTargets(MODULES);
  // What the search box finds: each owner's passages and read rule (the search module joins them in one statement).
  registerSearchSources(MODULES);
  // The modules' sections of the briefing pack to the Counter-Terrorism Committee (the compact module assembles them).
  registerBriefing(MODULES);
  // The platform's and the modules' jobs (mail delivery, reminders, retention, audit anchors).
  registerJobs(MODULES);

  const schemas = lazySchemas();
  const app = Fastify({
    logger: {
      level: config.logLevel,
      redact: ['req.headers.authorization', 'req.headers.cookie'],
      // Errors are logged without query parameters or request content (confidential text must not reach the log).
      serializers: { err: logSafeError },
      ...(opts.logStream ? { stream: opts.logStream } : {}),
    },
    genReqId: (req) =>
      typeof req.headers['x-request-id'] === 'string' && /^[\w-]{1,64}$/.test(req.headers['x-request-id'])
        ? req.headers['x-request-id']
        : randomUUID(),
    // X-Forwarded-For is believed only from the proxies TRUST_PROXY names (off by default): rate limits and the audit
    // log's addresses depend on it.
    trustProxy: trustProxyOption(config.trustProxy),
    ajv: {
      customOptions: { coerceTypes: 'array', removeAdditional: false, allErrors: true },
      plugins: [(await import('ajv-formats')).default as never],
    },
    routerOptions: { maxParamLength: 200 },
    // Route schemas compile on first use and in the background once listening, not all before the first request.
    schemaController: schemas.schemaController,
  });
  app.addHook('onListen', async () => schemas.warm((err) => app.log.error({ err }, 'route schema does not compile')));

  // Platform-owned routes (static files, API docs) are public; every other route declares its access.
  // The route table feeds the permission-matrix test. API routes get their operationId and error responses here.
  const routes: RouteInfo[] = [];
  app.addHook('onRoute', (route) => {
    if (route.url.startsWith('/static/') || route.url.startsWith('/api/docs'))
      route.config = { ...(route.config ?? {}), access: 'public' } as never;
    completeApiRoute(route);
    for (const method of [route.method].flat())
      routes.push({ method, url: route.url, access: (route.config as { access?: unknown } | undefined)?.access });
  });

  // Changes made through any app process reach this one (live views, kept pages, kept credentials).
  const changes = new ChangeChannel(database, app.log);
  await changes.start();
  // Registered at once, so the listening connection is closed even when the rest of the set-up fails.
  app.addHook('onClose', async () => {
    await changes.stop().catch((err) => app.log.warn({ err }, 'change channel not stopped cleanly'));
  });
  const platform: Platform = { config, database, db: database.db, changes, nav: NAV, routes };
  await app.register(httpPlugin, { platform, resolveCredential });

  app.addSchema(ErrorBody);
  for (const m of MODULES) for (const schema of m.apiSchemas ?? []) app.addSchema(schema);
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Counter-Terrorism Coordination Platform API',
        version: '1.0.0',
        description:
          'JSON API v1. Authenticate with a personal API token: `Authorization: Bearer ctcp_…` ' +
          '(create one under Account → API tokens).',
      },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    },
    hideUntagged: true,
    // Shared schemas are components named by their $id (ErrorBody, Organization…), never def-0, def-1…
    refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => String(json.$id ?? `schema${i}`) },
    // Multipart bodies declared by routes (config.multipartBody) are documented as such.
    transform: documentRoute as never,
    // Servers, licence, the shared error responses and real response descriptions (platform/http/openapi.ts).
    transformObject: (doc) =>
      finishDocument('openapiObject' in doc ? doc.openapiObject : doc.swaggerObject, {
        serverUrl: config.baseUrl,
      }),
  });
  // The platform's strict CSP (helmet) covers the API docs too; no outside validator badge.
  await app.register(swaggerUi, {
    routePrefix: '/api/docs',
    staticCSP: false,
    uiConfig: { docExpansion: 'list', validatorUrl: null },
  });
  app.get('/api/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, async () => app.swagger());

  for (const m of MODULES) for (const routes of m.routes ?? []) await app.register(routes);

  // The job queue's runner (JOBS=on, the default): every enabled job and the schedules. With several processes each
  // scheduled job still runs once per period, and each e-mail is sent once (platform/jobs, platform/mail).
  const jobs = config.jobs
    ? new JobQueue({ database, config, log: app.log, definitions: jobDefinitions(), work: true })
    : null;
  if (jobs) app.addHook('onReady', async () => jobs.start());
  app.addHook('onClose', async () => {
    await jobs?.stop();
    if (!opts.database) await database.close();
  });
  return app;
}
