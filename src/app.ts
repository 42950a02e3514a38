// buildApp(config): opens the database, registers platform plugins, then modules, in order.
import Fastify, { type FastifyInstance } from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { randomUUID } from 'node:crypto';
import type { Config } from './config.ts';
import { migrateDatabase, openDatabase, type Database } from './platform/db/client.ts';
import httpPlugin, { type Platform, type RouteInfo } from './platform/http/plugin.tsx';
import { ErrorBody } from './platform/http/api.ts';
import { registerPolicy, can, isUser } from './platform/auth/policy.ts';
import { MailWorker } from './platform/mail/mailer.ts';
import type { NavItem } from './platform/views/context.ts';
import { accessPolicy } from './modules/access/access.policy.ts';
import { directoryPolicy } from './modules/directory/directory.policy.ts';
import { frameworkPolicy } from './modules/framework/framework.policy.ts';
import { assessmentsPolicy } from './modules/assessments/assessments.policy.ts';
import { eventsPolicy } from './modules/events/events.policy.ts';
import { resolveCredential } from './modules/access/access.service.ts';
import { OrganizationOut } from './modules/directory/directory.api.ts';
import homeRoutes from './modules/home/home.routes.tsx';
import accessRoutes from './modules/access/access.routes.tsx';
import accessApi from './modules/access/access.api.ts';
import directoryRoutes from './modules/directory/directory.routes.tsx';
import directoryApi from './modules/directory/directory.api.ts';
import adminRoutes from './modules/admin/admin.routes.tsx';
import frameworkRoutes from './modules/framework/framework.routes.tsx';
import assessmentsRoutes from './modules/assessments/assessments.routes.tsx';
import reportsRoutes from './modules/assessments/reports.routes.tsx';
import portfolioRoutes from './modules/portfolio/portfolio.routes.tsx';
import portfolioApi from './modules/portfolio/portfolio.api.ts';
import importRoutes from './modules/portfolio/import.routes.tsx';
import roadmapsRoutes from './modules/portfolio/roadmaps.routes.tsx';
import { portfolioPolicy } from './modules/portfolio/portfolio.policy.ts';
import eventsRoutes from './modules/events/events.routes.tsx';
import eventsApi from './modules/events/events.api.ts';

registerPolicy(accessPolicy);
registerPolicy(directoryPolicy);
registerPolicy(frameworkPolicy);
registerPolicy(assessmentsPolicy);
registerPolicy(portfolioPolicy);
registerPolicy(eventsPolicy);

const NAV: NavItem[] = [
  { href: '/events', labelKey: 'nav.events', visible: () => true },
  { href: '/directory', labelKey: 'nav.directory', visible: (a) => can(a, 'directory.list') },
  { href: '/framework', labelKey: 'nav.framework', visible: (a) => can(a, 'framework.list') },
  { href: '/assessments/visits', labelKey: 'nav.assessments', visible: (a) => can(a, 'assessment.visit.list') },
  { href: '/needs', labelKey: 'nav.needs', visible: (a) => can(a, 'need.list') },
  { href: '/portfolio', labelKey: 'nav.portfolio', visible: (a) => can(a, 'project.list') },
  { href: '/gap-analysis', labelKey: 'nav.gap', visible: (a) => can(a, 'gap.read') },
  { href: '/roadmaps', labelKey: 'nav.roadmaps', visible: (a) => can(a, 'roadmap.list') },
  { href: '/import', labelKey: 'nav.import', visible: (a) => can(a, 'portfolio.import') },
  { href: '/invitations/new', labelKey: 'nav.invite', visible: (a) => can(a, 'invitation.create') },
  { href: '/admin/users', labelKey: 'nav.users', visible: (a) => can(a, 'admin.users.manage') },
  { href: '/admin/audit', labelKey: 'nav.audit', visible: (a) => can(a, 'admin.audit.read') },
  { href: '/admin/outbox', labelKey: 'nav.outbox', visible: (a) => can(a, 'admin.outbox.read') },
  { href: '/api/docs', labelKey: 'nav.api', visible: (a) => isUser(a) },
];

export interface BuildOptions {
  /** Use this database instead of opening one from config (tests share one per process). */
  database?: Database;
  /** Apply migrations at start (default true). */
  migrate?: boolean;
  /** Where the log goes instead of standard output (the browser-journey harness keeps the last lines). */
  logStream?: { write(line: string): void };
}

export async function buildApp(config: Config, opts: BuildOptions = {}): Promise<FastifyInstance> {
  const database = opts.database ?? (await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir }));
  if (opts.migrate !== false) await migrateDatabase(database);

  const app = Fastify({
    logger: {
      level: config.logLevel,
      redact: ['req.headers.authorization', 'req.headers.cookie'],
      ...(opts.logStream ? { stream: opts.logStream } : {}),
    },
    genReqId: (req) =>
      typeof req.headers['x-request-id'] === 'string' && /^[\w-]{1,64}$/.test(req.headers['x-request-id'])
        ? req.headers['x-request-id']
        : randomUUID(),
    trustProxy: config.env === 'production',
    ajv: {
      customOptions: { coerceTypes: 'array', removeAdditional: false, allErrors: true },
      plugins: [(await import('ajv-formats')).default as never],
    },
    routerOptions: { maxParamLength: 200 },
  });

  // Platform-owned routes (static files, API docs) are public; every other route declares its access.
  // The route table feeds the permission-matrix test.
  const routes: RouteInfo[] = [];
  app.addHook('onRoute', (route) => {
    if (route.url.startsWith('/static/') || route.url.startsWith('/api/docs'))
      route.config = { ...(route.config ?? {}), access: 'public' } as never;
    for (const method of [route.method].flat())
      routes.push({ method, url: route.url, access: (route.config as { access?: unknown } | undefined)?.access });
  });

  const platform: Platform = { config, database, db: database.db, nav: NAV, routes };
  await app.register(httpPlugin, { platform, resolveCredential });

  app.addSchema(ErrorBody);
  app.addSchema(OrganizationOut);
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Counter-Terrorism Coordination Platform API',
        version: '1.0.0',
        description:
          'JSON API v1. Authenticate with a personal API token: `Authorization: Bearer ctcp_…` (create one under Account → API tokens).',
      },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    },
    hideUntagged: true,
  });
  // The platform's strict CSP (helmet) covers the API docs too; no outside validator badge.
  await app.register(swaggerUi, {
    routePrefix: '/api/docs',
    staticCSP: false,
    uiConfig: { docExpansion: 'list', validatorUrl: null },
  });
  app.get('/api/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, async () => app.swagger());

  await app.register(homeRoutes);
  await app.register(accessRoutes);
  await app.register(accessApi);
  await app.register(directoryRoutes);
  await app.register(directoryApi);
  await app.register(frameworkRoutes);
  await app.register(assessmentsRoutes);
  await app.register(reportsRoutes);
  await app.register(portfolioRoutes);
  await app.register(portfolioApi);
  await app.register(importRoutes);
  await app.register(roadmapsRoutes);
  await app.register(eventsRoutes);
  await app.register(eventsApi);
  await app.register(adminRoutes);

  let worker: MailWorker | null = null;
  if (config.smtpUrl && config.mailWorker) {
    worker = new MailWorker(database.db, config.smtpUrl, config.mailFrom, app.log);
    app.addHook('onReady', async () => worker!.start());
  }
  app.addHook('onClose', async () => {
    await worker?.stop();
    if (!opts.database) await database.close();
  });
  return app;
}
