// Pages: reply.viewContext() (what every view receives, built once per request), reply.page(title, body) (rendered
// through Layout, kept by the page cache when allowed) and reply.flash(message) (a one-time message cookie).
import fp from 'fastify-plugin';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { VNode } from 'preact';
import { render } from 'preact-render-to-string';
import { Layout } from '../views/Layout.tsx';
import type { NavEntry, NavItem, ViewContext } from '../views/context.ts';
import { FLASH_COOKIE } from './platform.ts';
import { isUser, type Actor, type RouteAccess } from '../auth/policy.ts';
import { unreadCount } from '../notify/notify.service.ts';
import { routeAdmits } from './route-access.ts';
import { fillParts, partMarker } from '../views/shared-parts.tsx';

declare module 'fastify' {
  interface FastifyReply {
    page(title: string, body: VNode, status?: number): FastifyReply;
    viewContext(): ViewContext;
    flash(message: string): FastifyReply;
  }
}

async function rendering(app: FastifyInstance) {
  const { config, nav } = app.platform;
  // Built once per request: a second CSRF secret in the same response would invalidate the first token.
  const viewContexts = new WeakMap<FastifyReply, ViewContext>();
  const usedCsrf = new WeakMap<FastifyReply, () => boolean>();
  // The HTML of the shared parts placed in the page (shared-parts.tsx), in the order they were placed.
  const placedParts = new WeakMap<FastifyReply, string[]>();
  // The header's unread count, for a signed-in reader's pages (not the API, static files or the calendar feed): an
  // indexed count taken before the handler so rendering stays synchronous, kept per reader (kept-answers.ts) and
  // dropped whenever the notifications table changes (its trigger, drizzle/0041) or this process answers a
  // state-changing request: a statement less on every page.
  const unread = new WeakMap<FastifyReply, number>();
  const keptCounts = app.keptAnswers('notifications');
  const NO_HEADER = /^\/(api|static|calendar|healthz|readyz)(\/|$)/;
  app.addHook('preHandler', async (req, reply) => {
    if (NO_HEADER.test(req.url)) return;
    const actor = req.actor;
    const [count, links] = await Promise.all([
      isUser(actor) && actor.via === 'session'
        ? keptCounts.value(actor.userId, () => unreadCount(app.platform.db, actor.userId))
        : undefined,
      navFor(actor),
    ]);
    if (count !== undefined) unread.set(reply, count);
    navs.set(reply, links);
  });

  // The main navigation: the links whose page this reader may open — the GET route at the link admits them
  // (routeAdmits, the request's own check) and the page's own rule (`opens`) agrees. Computed before the handler, so
  // rendering stays synchronous; a page rendered without it (an error before the handler) leaves out the links that
  // need their page's rule.
  const navs = new WeakMap<FastifyReply, NavItem[]>();
  let accessByHref: Map<string, RouteAccess | undefined> | undefined;
  const accessOf = (href: string) => {
    accessByHref ??= new Map(
      app.platform.routes.filter((r) => r.method === 'GET').map((r) => [r.url, r.access as RouteAccess | undefined]),
    );
    return accessByHref.get(href);
  };
  const item = ({ href, labelKey }: NavEntry): NavItem => ({ href, labelKey });
  const admitted = (actor: Actor) => nav.filter((n) => routeAdmits(actor, accessOf(n.href)));
  async function navFor(actor: Actor): Promise<NavItem[]> {
    const candidates = admitted(actor);
    const opens = await Promise.all(candidates.map((n) => (n.opens ? n.opens(actor, app.platform.db) : true)));
    return candidates.filter((_, i) => opens[i]).map(item);
  }
  // A link to a page that does not exist is a programming error: say so at start.
  app.addHook('onReady', async () => {
    const missing = nav.filter((n) => !app.platform.routes.some((r) => r.method === 'GET' && r.url === n.href));
    if (missing.length) throw new Error(`navigation links without a page: ${missing.map((n) => n.href).join(', ')}`);
  });
  app.decorateReply('viewContext', function (this: FastifyReply): ViewContext {
    const cached = viewContexts.get(this);
    if (cached) return cached;
    const req = this.request;
    const reply = this;
    const flash = req.cookies[FLASH_COOKIE];
    if (flash) this.clearCookie(FLASH_COOKIE, { path: '/' });
    // The form token (and its cookie) only when the page has a form that needs it.
    let csrfToken: string | undefined;
    const ctx: ViewContext = {
      t: req.t,
      locale: req.locale,
      actor: req.actor,
      timeZone: req.timeZone,
      timeZoneConfirmed: req.timeZoneConfirmed,
      get csrfToken() {
        if (csrfToken === undefined) csrfToken = reply.generateCsrf();
        return csrfToken;
      },
      path: req.url.split('?')[0],
      url: req.url,
      nav:
        navs.get(reply) ??
        admitted(req.actor)
          .filter((n) => !n.opens)
          .map(item),
      flash: flash ? safeFlash(flash) : undefined,
      unreadNotifications: unread.get(reply),
      place: (html) => {
        const parts = placedParts.get(reply);
        if (parts) parts.push(html);
        else placedParts.set(reply, [html]);
        return partMarker();
      },
    };
    usedCsrf.set(this, () => csrfToken !== undefined);
    viewContexts.set(this, ctx);
    return ctx;
  });

  app.decorateReply('page', function (this: FastifyReply, title: string, body: VNode, status = 200): FastifyReply {
    const ctx = this.viewContext();
    placedParts.delete(this);
    const rendered =
      '<!doctype html>' +
      render(
        <Layout ctx={ctx} title={title}>
          {body}
        </Layout>,
      );
    const parts = placedParts.get(this);
    const html = parts ? fillParts(rendered, parts) : rendered;
    if (status === 200 && !usedCsrf.get(this)?.()) this.keepPage(html);
    return this.code(status).type('text/html; charset=utf-8').send(html);
  });

  app.decorateReply('flash', function (this: FastifyReply, message: string): FastifyReply {
    return this.setCookie(FLASH_COOKIE, Buffer.from(message, 'utf8').toString('base64url'), {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: config.secureCookies,
      maxAge: 60,
    });
  });
}

function safeFlash(v: string): string | undefined {
  try {
    return Buffer.from(v, 'base64url').toString('utf8').slice(0, 300);
  } catch {
    return undefined;
  }
}

export default fp(rendering, { name: 'ctcp-rendering', dependencies: ['ctcp-page-cache'] });
