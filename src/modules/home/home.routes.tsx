// The home page (anonymous: what the platform is; signed in: the person's workspace), the notifications pages and the
// personal calendar feed (its page under the account, and the public, token-addressed .ics).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { isUser, type UserActor } from '../../platform/auth/policy.ts';
import { feedIcs, resolveFeedToken } from '../../platform/calendar/feed.service.ts';
import { confirmation } from '../../platform/http/confirm.tsx';
import { notFound } from '../../platform/http/errors.ts';
import { Home } from './home.views.tsx';
import { FeedPage, NotificationsPage, WorkspaceHome } from './workspace.views.tsx';
import * as svc from './home.service.ts';

const PAGE_SIZE = 25;
const IdParams = Type.Object({ id: Type.String({ maxLength: 36 }) });

export default async function homeRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { config } = app.platform;
  const ctx = (req: FastifyRequest): svc.HomeContext => ({
    db: app.platform.db,
    actor: req.actor as UserActor,
    locale: req.locale,
    ip: req.ip,
  });

  app.get('/', { config: { access: 'public' } }, async (req, reply) => {
    if (!isUser(req.actor)) return reply.page(req.t('home.title'), <Home ctx={reply.viewContext()} />);
    const data = await svc.workspaceOf(ctx(req));
    return reply.page(req.t('home.workspaceTitle'), <WorkspaceHome ctx={reply.viewContext()} data={data} />);
  });

  app.get(
    '/notifications',
    {
      config: { access: 'signed_in' },
      schema: { querystring: Type.Object({ page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000 })) }) },
    },
    async (req, reply) => {
      const page = req.query.page ?? 1;
      const r = await svc.notificationsOf(ctx(req), page, PAGE_SIZE);
      return reply.page(
        req.t('notifications.title'),
        <NotificationsPage ctx={reply.viewContext()} {...r} page={page} pageSize={PAGE_SIZE} />,
      );
    },
  );

  app.post('/notifications/read-all', { config: { access: 'signed_in' } }, async (req, reply) => {
    const n = await svc.readAllNotifications(ctx(req));
    return reply.flash(req.t('notifications.allMarked', { count: n })).redirect('/notifications', 303);
  });

  app.post(
    '/notifications/:id/read',
    { config: { access: 'signed_in' }, schema: { params: IdParams } },
    async (req, reply) => {
      await svc.readNotification(ctx(req), req.params.id);
      return reply.flash(req.t('notifications.marked')).redirect('/notifications', 303);
    },
  );

  // Opening a notification marks it read, then goes to its (local only) link.
  app.post(
    '/notifications/:id/open',
    { config: { access: 'signed_in' }, schema: { params: IdParams } },
    async (req, reply) => reply.redirect(await svc.openNotification(ctx(req), req.params.id), 303),
  );

  app.get('/account/calendar', { config: { access: 'signed_in' } }, async (req, reply) => {
    const token = await svc.feedTokenOf(ctx(req));
    return reply.page(
      req.t('feed.title'),
      <FeedPage ctx={reply.viewContext()} token={token} baseUrl={config.baseUrl} />,
    );
  });

  // The new URL is shown once, on this response (never stored: only the token's SHA-256 is).
  app.post('/account/calendar', { config: { access: 'signed_in', noStore: true } }, async (req, reply) => {
    const created = await svc.newFeedToken(ctx(req));
    const token = await svc.feedTokenOf(ctx(req));
    return reply.page(
      req.t('feed.title'),
      <FeedPage ctx={reply.viewContext()} token={token} created={created} baseUrl={config.baseUrl} />,
    );
  });

  confirmation(app, '/account/calendar/revoke', { config: { access: 'signed_in' } }, async (req) => {
    if (!(await svc.feedTokenOf(ctx(req)))) throw notFound();
    return {
      title: req.t('feed.confirm.revoke.title'),
      question: req.t('feed.confirm.revoke.question'),
      button: req.t('feed.confirm.revoke.button'),
      back: '/account/calendar',
      breadcrumb: [
        { href: '/account', label: req.t('account.title') },
        { href: '/account/calendar', label: req.t('feed.title') },
      ],
    };
  });
  app.post('/account/calendar/revoke', { config: { access: 'signed_in', confirm: true } }, async (req, reply) => {
    const had = await svc.dropFeedToken(ctx(req));
    return reply.flash(req.t(had ? 'feed.revoked' : 'feed.none')).redirect('/account/calendar', 303);
  });

  // The feed itself: public (calendar clients send no cookie), the secret is the URL. Rate-limited per address.
  // Cache-Control: `private, max-age=300` rather than no-store: calendar clients (and their proxies) poll it, and
  // some refuse or re-fetch in a loop a feed marked no-store; `private` keeps shared caches from keeping a person's
  // calendar, and five minutes bounds how long a revoked URL's last answer may be reused by that one client.
  app.get(
    '/calendar/:file',
    {
      config: { access: 'public', rateLimit: { max: 60, timeWindow: '1 minute' } },
      schema: { params: Type.Object({ file: Type.String({ maxLength: 100 }) }) },
    },
    async (req, reply) => {
      const m = /^(.+)\.ics$/.exec(req.params.file);
      const person = m ? await resolveFeedToken(app.platform.db, m[1]) : null;
      if (!person) return reply.code(404).header('cache-control', 'no-store').type('text/plain').send('Not found');
      const body = await feedIcs(app.platform.db, person, config.baseUrl);
      return reply
        .header('cache-control', 'private, max-age=300')
        .header('x-robots-tag', 'noindex')
        .type('text/calendar; charset=utf-8')
        .send(body);
    },
  );
}
