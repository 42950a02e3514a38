// Pages: reply.viewContext() (what every view receives, built once per request), reply.page(title, body) (rendered
// through Layout, kept by the page cache when allowed) and reply.flash(message) (a one-time message cookie).
import fp from 'fastify-plugin';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { VNode } from 'preact';
import { render } from 'preact-render-to-string';
import { Layout } from '../views/Layout.tsx';
import type { ViewContext } from '../views/context.ts';
import { FLASH_COOKIE } from './platform.ts';
import { isUser } from '../auth/policy.ts';
import { unreadCount } from '../notify/notify.service.ts';

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
  // The header's unread count, for a signed-in reader's pages (not the API, static files or the calendar feed): one
  // indexed count per page, taken before the handler so rendering stays synchronous.
  const unread = new WeakMap<FastifyReply, number>();
  const NO_HEADER = /^\/(api|static|calendar|healthz|readyz)(\/|$)/;
  app.addHook('preHandler', async (req, reply) => {
    if (!isUser(req.actor) || req.actor.via !== 'session' || NO_HEADER.test(req.url)) return;
    unread.set(reply, await unreadCount(app.platform.db, req.actor.userId));
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
      get csrfToken() {
        if (csrfToken === undefined) csrfToken = reply.generateCsrf();
        return csrfToken;
      },
      path: req.url.split('?')[0],
      url: req.url,
      nav,
      flash: flash ? safeFlash(flash) : undefined,
      unreadNotifications: unread.get(reply),
    };
    usedCsrf.set(this, () => csrfToken !== undefined);
    viewContexts.set(this, ctx);
    return ctx;
  });

  app.decorateReply('page', function (this: FastifyReply, title: string, body: VNode, status = 200): FastifyReply {
    const ctx = this.viewContext();
    const html =
      '<!doctype html>' +
      render(
        <Layout ctx={ctx} title={title}>
          {body}
        </Layout>,
      );
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
