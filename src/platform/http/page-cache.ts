// Public pages for anonymous readers (the most read pages, e.g. an event's during registration): the rendered page is
// kept for config.pageCacheSeconds per URL and language. Any state-changing request in this process drops every
// kept page at once, and announces it on the change channel ('pages'), so every other process drops its kept pages
// too (within milliseconds; while a process is not listening it keeps no page). Signed-in readers, pages carrying a
// flash message or a form token, and every other route are always rendered afresh.
import fp from 'fastify-plugin';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isUser } from '../auth/policy.ts';
import { FLASH_COOKIE } from './platform.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** A public page whose rendering for anonymous readers may be served again for config.pageCacheSeconds. */
    pageCache?: boolean;
  }
  interface FastifyReply {
    /** Keeps a rendered page (status 200, no form token) when its route and reader allow (used by reply.page). */
    keepPage(html: string): void;
  }
}

async function pageCache(app: FastifyInstance) {
  const { config, changes } = app.platform;
  const pages = new Map<string, { at: number; html: string }>();
  // Counts the state-changing requests; a page whose rendering saw one finish is not kept (it may show the old state).
  let writes = 0;
  const writesAtStart = new WeakMap<FastifyRequest, number>();
  const drop = () => {
    writes++;
    pages.clear();
  };
  if (config.pageCacheSeconds) {
    changes.subscribe('pages', drop);
    // Changes missed while not listening may have been made: nothing kept from before is served.
    changes.onState(drop);
  }
  const pageCacheKey = (req: FastifyRequest) => {
    if (
      !config.pageCacheSeconds ||
      !changes.live ||
      (req.method !== 'GET' && req.method !== 'HEAD') ||
      !req.routeOptions.config?.pageCache
    )
      return null;
    if (isUser(req.actor) || req.pendingMfaUserId || req.cookies[FLASH_COOKIE]) return null;
    return `${req.locale}|${req.timeZone}|${req.url}`;
  };
  app.addHook('onRequest', async (req, reply) => {
    const key = pageCacheKey(req);
    if (!key) return;
    const hit = pages.get(key);
    if (hit && Date.now() - hit.at <= config.pageCacheSeconds * 1000)
      return reply.code(200).type('text/html; charset=utf-8').send(hit.html);
    if (hit) pages.delete(key);
    writesAtStart.set(req, writes);
  });
  const changing = (req: FastifyRequest) => req.method !== 'GET' && req.method !== 'HEAD' && req.method !== 'OPTIONS';
  // Announced before the response leaves (so the client's next request, to any process, sees the change), and even
  // when this process keeps no pages: the others may.
  app.addHook('onSend', async (req) => {
    if (changing(req))
      await changes.publish({ t: 'pages' }).catch((err) => req.log.warn({ err }, 'page change not announced'));
  });
  app.addHook('onResponse', async (req) => {
    if (changing(req)) drop();
  });
  app.decorateReply('keepPage', function (this: FastifyReply, html: string) {
    const key = pageCacheKey(this.request);
    if (key && writesAtStart.get(this.request) === writes) {
      if (pages.size >= 1000) pages.clear();
      pages.set(key, { at: Date.now(), html });
    }
  });
}

export default fp(pageCache, { name: 'ctcp-page-cache' });
