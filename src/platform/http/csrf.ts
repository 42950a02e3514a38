// CSRF on every state-changing form: a double-submit token (@fastify/csrf-protection) checked before the handler.
// The JSON API uses bearer tokens, not cookies, and is not checked.
import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import csrf from '@fastify/csrf-protection';
import { isApi, isSafeMethod } from './platform.ts';

async function csrfProtection(app: FastifyInstance) {
  const secure = app.platform.config.secureCookies;
  await app.register(csrf, {
    cookieKey: secure ? '__Host-ctcp_csrf' : 'ctcp_csrf',
    cookieOpts: { path: '/', secure, httpOnly: true, sameSite: 'lax' },
    getToken: (req) => {
      const v = (req.body as Record<string, unknown> | undefined)?._csrf;
      // multipart bodies carry fields as { value }
      const token = typeof v === 'string' ? v : (v as { value?: unknown } | undefined)?.value;
      return typeof token === 'string' ? token : (req.headers['x-csrf-token'] as string | undefined);
    },
  });
  app.addHook('preHandler', (req, reply, done) => {
    if (isSafeMethod(req) || isApi(req) || req.routeOptions.url === undefined) return done();
    app.csrfProtection(req, reply, done);
  });
}

export default fp(csrfProtection, { name: 'ctcp-csrf' });
