// Security headers (helmet with a strict CSP), cookies, URL-encoded forms and multipart uploads; the response
// headers every answer gets (charset, no-store for signed-in readers, Vary); static files.
import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import helmet from 'helmet';
import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { MAX_UPLOAD_BYTES } from '../files/storage.ts';
import { isUser } from '../auth/policy.ts';
import { parseForm } from './input.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The page carries a token or personal data: `Cache-Control: no-store` whoever asks. */
    noStore?: boolean;
  }
}

export const STATIC_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../static');

/** Cookies, forms, helmet, multipart: registered before everything that reads a cookie or a body. */
async function securityHeaders(app: FastifyInstance) {
  const { config } = app.platform;
  await app.register(cookie);
  await app.register(formbody, { parser: parseForm, bodyLimit: 1_048_576 });
  // helmet's middleware, built once: the Fastify wrapper (@fastify/helmet) built it anew for every request, parsing
  // the policy each time (~8 µs a request, a tenth of a hello-world answer's CPU).
  const headers = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        formAction: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        frameAncestors: ["'none'"],
      },
    },
    strictTransportSecurity: config.env === 'production',
    crossOriginEmbedderPolicy: false,
  });
  app.addHook('onRequest', (req, reply, done) => headers(req.raw, reply.raw, (err?: unknown) => done(err as Error)));
  // File uploads: every part is read into the body (fields as
  // { value }, files as buffered parts), one file per request.
  await app.register(multipart, {
    attachFieldsToBody: true,
    throwFileSizeLimit: true,
    limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 30, fieldSize: 100_000, parts: 32 },
  });
}

/**
 * Static assets under /static/ (public, cached for an hour). Pages name their icon (static/favicon.svg); what asks for
 * /favicon.ico all the same (a JSON answer or a download shown by the browser) is sent there.
 */
async function staticFiles(app: FastifyInstance) {
  await app.register(fastifyStatic, { root: STATIC_DIR, prefix: '/static/', maxAge: '1h', decorateReply: false });
  app.get('/favicon.ico', { config: { access: 'public' }, schema: { hide: true } }, async (_req, reply) =>
    reply.header('cache-control', 'public, max-age=86400').redirect('/static/favicon.svg', 301),
  );
}

/**
 * Text types say utf-8; pages for signed-in readers are never stored by caches; answers vary by cookie and language.
 */
async function responseHeaders(app: FastifyInstance) {
  app.addHook('onSend', async (req, reply, payload) => {
    const type = reply.getHeader('content-type');
    if (
      typeof type === 'string' &&
      /^(text\/|application\/(json|xml|javascript))/.test(type) &&
      !/charset=/i.test(type)
    ) {
      reply.header('content-type', `${type}; charset=utf-8`);
    }
    // Never stored: answers for a session (signed in, or still giving the second factor), for an API token, and pages
    // that carry a token or personal data (routes declaring `config: { noStore: true }`: sign-in, password reset,
    // invitations).
    const credential = isUser(req.actor) || !!req.sessionId || !!req.headers.authorization;
    if ((credential && !req.url.startsWith('/static/')) || req.routeOptions.config?.noStore)
      reply.header('cache-control', 'no-store');
    reply.header('vary', 'Cookie, Accept-Language');
    return payload;
  });
}

export default fp(securityHeaders, { name: 'ctcp-security-headers' });
export const staticFilesPlugin = fp(staticFiles, { name: 'ctcp-static' });
export const responseHeadersPlugin = fp(responseHeaders, { name: 'ctcp-response-headers' });
