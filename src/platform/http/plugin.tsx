// Cross-cutting HTTP: security headers, cookies, forms, CSRF, rate limits, the reader (actor + language),
// route access, the page renderer and the one error handler.
import fp from 'fastify-plugin';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import helmet from '@fastify/helmet';
import csrf from '@fastify/csrf-protection';
import multipart from '@fastify/multipart';
import { MAX_UPLOAD_BYTES } from '../files/storage.ts';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import { render } from 'preact-render-to-string';
import type { VNode } from 'preact';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import qs from 'node:querystring';
import type { Config } from '../../config.ts';
import type { Database, Db } from '../db/client.ts';
import { ANONYMOUS, isUser, type Actor, type RouteAccess, can } from '../auth/policy.ts';
import { requiresMfa } from '../auth/classification.ts';
import { sessionCookieName } from '../auth/session.ts';
import { DEFAULT_LOCALE, fromAcceptLanguage, isLocale, translator, type Locale, type T } from '../i18n/index.ts';
import { AppError } from './errors.ts';
import { Layout } from '../views/Layout.tsx';
import type { NavItem, ViewContext } from '../views/context.ts';
import { ErrorPage } from '../views/ErrorPage.tsx';
import { validationMessage } from './validation.ts';

export interface LoadedUser {
  actor: Actor & { kind: 'user' };
  totpEnabled: boolean;
  locale: Locale;
  timeZone: string;
}
export interface ResolvedCredential extends LoadedUser {
  credentialId: string;
  mfaVerified: boolean;
}
/** Turns a session cookie or an API token into its user (supplied by the access module). */
export type ResolveCredential = (
  database: Database,
  kind: 'session' | 'token',
  raw: string,
  times: { idleMinutes: number; maxHours: number },
) => Promise<ResolvedCredential | null>;

export interface Platform {
  config: Config;
  database: Database;
  db: Db;
  nav: NavItem[];
  /** Every route as registered (method, url, declared access). */
  routes: RouteInfo[];
}

export interface RouteInfo {
  method: string;
  url: string;
  access: unknown;
}

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor;
    locale: Locale;
    t: T;
    timeZone: string;
    sessionId: string | null;
    /** Signed in with a password, second factor still to give. */
    pendingMfaUserId: string | null;
    /** Signed in, in a role that requires a second factor, none enrolled yet. */
    mfaEnrolmentRequired: boolean;
  }
  interface FastifyReply {
    page(title: string, body: VNode, status?: number): FastifyReply;
    viewContext(): ViewContext;
    flash(message: string): FastifyReply;
  }
  interface FastifyContextConfig {
    access?: RouteAccess;
    /** Reachable while the second factor is pending or not yet enrolled (sign-in steps, enrolment, sign-out). */
    duringMfa?: boolean;
    /** A public page whose rendering for anonymous readers may be served again for config.pageCacheSeconds. */
    pageCache?: boolean;
  }
  interface FastifyInstance {
    platform: Platform;
  }
}

export const STATIC_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../static');
export const FLASH_COOKIE = 'ctcp_flash';
export const LANG_COOKIE = 'ctcp_lang';

export const isApi = (req: FastifyRequest) => req.url.startsWith('/api/');
const wantsJson = (req: FastifyRequest) =>
  isApi(req) || (!!req.headers.accept?.includes('application/json') && !req.headers.accept.includes('text/html'));

export interface HttpOptions {
  platform: Platform;
  resolveCredential: ResolveCredential;
}

async function httpPlugin(app: FastifyInstance, { platform, resolveCredential }: HttpOptions) {
  const { config } = platform;
  const secure = config.secureCookies;
  const sessionCookie = sessionCookieName(secure);
  app.decorate('platform', platform);

  await app.register(cookie);
  await app.register(formbody, { parser: (body) => qs.parse(body), bodyLimit: 1_048_576 });
  await app.register(helmet, {
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
  // File uploads: every part is read into the body (fields as { value }, files as buffered parts), one file per request.
  await app.register(multipart, {
    attachFieldsToBody: true,
    throwFileSizeLimit: true,
    limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 30, fieldSize: 100_000, parts: 32 },
  });
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
  await app.register(rateLimit, { global: false });
  await app.register(fastifyStatic, { root: STATIC_DIR, prefix: '/static/', maxAge: '1h', decorateReply: false });

  app.decorateRequest('actor', null as never);
  app.decorateRequest('locale', DEFAULT_LOCALE);
  app.decorateRequest('t', null as unknown as T);
  app.decorateRequest('timeZone', 'UTC');
  app.decorateRequest('sessionId', null);
  app.decorateRequest('pendingMfaUserId', null);
  app.decorateRequest('mfaEnrolmentRequired', false);

  // Who is asking, and in which language.
  app.addHook('onRequest', async (req, reply) => {
    req.actor = ANONYMOUS;
    let loaded: LoadedUser | null = null;
    const times = { idleMinutes: config.sessionIdleMinutes, maxHours: config.sessionMaxHours };
    if (isApi(req)) {
      const auth = req.headers.authorization;
      if (auth?.startsWith('Bearer '))
        loaded = await resolveCredential(platform.database, 'token', auth.slice(7).trim(), times);
    } else {
      const token = req.cookies[sessionCookie];
      if (token) {
        const u = await resolveCredential(platform.database, 'session', token, times);
        if (u) {
          req.sessionId = u.credentialId;
          if (u.totpEnabled && !u.mfaVerified) {
            req.pendingMfaUserId = u.actor.userId;
            req.locale = u.locale;
          } else {
            loaded = u;
            req.mfaEnrolmentRequired = !u.totpEnabled && requiresMfa(u.actor.role);
          }
        } else {
          reply.clearCookie(sessionCookie, { path: '/', secure, httpOnly: true, sameSite: 'lax' });
        }
      }
    }
    if (loaded) {
      req.actor = loaded.actor;
      req.timeZone = loaded.timeZone;
    }
    // Pages: the user's setting, then the language cookie, then Accept-Language.
    // API: the client's Accept-Language first (a program asks for what it can show), then the user's setting.
    const cookieLang = req.cookies[LANG_COOKIE];
    const accepted = fromAcceptLanguage(req.headers['accept-language']);
    req.locale = isApi(req)
      ? (accepted ?? loaded?.locale ?? DEFAULT_LOCALE)
      : (loaded?.locale ??
        (req.pendingMfaUserId ? req.locale : undefined) ??
        (isLocale(cookieLang) ? cookieLang : undefined) ??
        accepted ??
        DEFAULT_LOCALE);
    req.t = translator(req.locale);
  });

  // Route access, declared on every route. No declaration = deny.
  app.addHook('onRequest', async (req, reply) => {
    const cfg = req.routeOptions.config;
    const access = cfg?.access;
    if (req.routeOptions.url === undefined) return; // 404 handler
    if (access === undefined) throw new AppError('permission_not_set', 403, 'errors.forbidden');
    if (access === 'public') return;
    if (access === 'mfa_pending') {
      // The second step of sign-in: only a session whose password was accepted and whose second factor is pending.
      if (req.pendingMfaUserId) return;
      if (req.method === 'GET') return reply.redirect('/sign-in', 303);
      throw new AppError('unauthenticated', 401, 'errors.unauthenticated');
    }
    if (!isUser(req.actor)) {
      if (req.pendingMfaUserId && cfg.duringMfa) return;
      if (!isApi(req) && req.method === 'GET') {
        const target = req.pendingMfaUserId ? '/sign-in/two-factor' : `/sign-in?next=${encodeURIComponent(req.url)}`;
        return reply.redirect(target, 303);
      }
      throw new AppError('unauthenticated', 401, 'errors.unauthenticated');
    }
    if (req.mfaEnrolmentRequired && !cfg.duringMfa) {
      if (req.method === 'GET') return reply.redirect('/account/two-factor?required=1', 303);
      throw new AppError('mfa_required', 403, 'errors.mfaRequired');
    }
    if (access === 'signed_in') return;
    if (!can(req.actor, access.action)) throw new AppError('forbidden', 403, 'errors.forbidden');
  });

  // Public pages for anonymous readers (the most read pages, e.g. an event's during registration): the rendered page is
  // kept for config.pageCacheSeconds per URL and language. Any state-changing request in this process drops every
  // kept page at once; another process's change shows once the seconds are over. Signed-in readers, pages carrying a
  // flash message or a form token, and every other route are always rendered afresh.
  const pageCache = new Map<string, { at: number; html: string }>();
  // Counts the state-changing requests; a page whose rendering saw one finish is not kept (it may show the old state).
  let writes = 0;
  const writesAtStart = new WeakMap<FastifyRequest, number>();
  const pageCacheKey = (req: FastifyRequest) => {
    if (
      !config.pageCacheSeconds ||
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
    const hit = pageCache.get(key);
    if (hit && Date.now() - hit.at <= config.pageCacheSeconds * 1000)
      return reply.code(200).type('text/html; charset=utf-8').send(hit.html);
    if (hit) pageCache.delete(key);
    writesAtStart.set(req, writes);
  });
  app.addHook('onResponse', async (req) => {
    if (req.method !== 'GET' && req.method !== 'HEAD' && req.method !== 'OPTIONS') {
      writes++;
      pageCache.clear();
    }
  });

  // PostgreSQL text cannot hold U+0000: refuse it in any input with a clear 400 rather than fail in the database.
  app.addHook('preValidation', async (req) => {
    if (hasNul(req.params) || hasNul(req.query) || hasNul(req.body))
      throw new AppError('validation_failed', 400, 'errors.nulCharacter');
    // All stored text is NFC: a decomposed "é" and a composed one are the same letter to search and compare.
    req.body = toNfc(req.body);
    req.query = toNfc(req.query) as typeof req.query;
    req.params = toNfc(req.params) as typeof req.params;
    // Ajv coerces "1e309" to Infinity and lets it through integer checks: no query parameter may be a non-finite number.
    for (const v of Object.values((req.query ?? {}) as Record<string, unknown>).flat()) {
      if (typeof v === 'string' && NUMERIC.test(v) && !Number.isFinite(Number(v)))
        throw new AppError('validation_failed', 400, 'errors.badRequest');
    }
  });

  // CSRF on every state-changing form (the JSON API uses bearer tokens, not cookies).
  app.addHook('preHandler', (req, reply, done) => {
    if (
      req.method === 'GET' ||
      req.method === 'HEAD' ||
      req.method === 'OPTIONS' ||
      isApi(req) ||
      req.routeOptions.url === undefined
    )
      return done();
    app.csrfProtection(req, reply, done);
  });

  app.addHook('onSend', async (req, reply, payload) => {
    const type = reply.getHeader('content-type');
    if (
      typeof type === 'string' &&
      /^(text\/|application\/(json|xml|javascript))/.test(type) &&
      !/charset=/i.test(type)
    ) {
      reply.header('content-type', `${type}; charset=utf-8`);
    }
    if (isUser(req.actor) && !req.url.startsWith('/static/')) reply.header('cache-control', 'no-store');
    reply.header('vary', 'Cookie, Accept-Language');
    return payload;
  });

  // Built once per request: a second CSRF secret in the same response would invalidate the first token.
  const viewContexts = new WeakMap<FastifyReply, ViewContext>();
  const usedCsrf = new WeakMap<FastifyReply, () => boolean>();
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
        return (csrfToken ??= reply.generateCsrf());
      },
      path: req.url.split('?')[0],
      nav: platform.nav,
      flash: flash ? safeFlash(flash) : undefined,
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
    const key = status === 200 ? pageCacheKey(this.request) : null;
    if (key && writesAtStart.get(this.request) === writes && !usedCsrf.get(this)?.()) {
      if (pageCache.size >= 1000) pageCache.clear();
      pageCache.set(key, { at: Date.now(), html });
    }
    return this.code(status).type('text/html; charset=utf-8').send(html);
  });

  app.decorateReply('flash', function (this: FastifyReply, message: string): FastifyReply {
    return this.setCookie(FLASH_COOKIE, Buffer.from(message, 'utf8').toString('base64url'), {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure,
      maxAge: 60,
    });
  });

  app.setNotFoundHandler((req, reply) => {
    sendError(req, reply, new AppError('not_found', 404, 'errors.notFound'));
  });

  app.setErrorHandler((err, req, reply) => {
    sendError(req, reply, err as Error);
  });
}

const NUMERIC = /^\s*[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?\s*$/i;

function hasNul(v: unknown, depth = 0): boolean {
  if (typeof v === 'string') return v.includes('\u0000');
  if (!v || typeof v !== 'object' || depth > 20 || Buffer.isBuffer(v)) return false;
  // A multipart part: a field's value, or a file's name (file content is binary and checked by its own rules).
  const part = v as { type?: unknown; fieldname?: unknown; value?: unknown; filename?: unknown };
  if ((part.type === 'field' || part.type === 'file') && typeof part.fieldname === 'string')
    return hasNul(part.type === 'field' ? part.value : part.filename, depth + 1);
  return Object.entries(v as Record<string, unknown>).some(([k, x]) => k.includes('\u0000') || hasNul(x, depth + 1));
}

/** Every string of an input, NFC-normalized, in place for objects (multipart fields keep their shape). */
function toNfc(v: unknown, depth = 0): unknown {
  if (typeof v === 'string') return v.normalize('NFC');
  if (!v || typeof v !== 'object' || depth > 20 || Buffer.isBuffer(v)) return v;
  const part = v as { type?: unknown; fieldname?: unknown; value?: unknown };
  if (part.type === 'field' && typeof part.fieldname === 'string') {
    if (typeof part.value === 'string') part.value = part.value.normalize('NFC');
    return v;
  }
  if (part.type === 'file' && typeof part.fieldname === 'string') return v;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) v[i] = toNfc(v[i], depth + 1);
    return v;
  }
  const o = v as Record<string, unknown>;
  for (const k of Object.keys(o)) o[k] = toNfc(o[k], depth + 1);
  return v;
}

function safeFlash(v: string): string | undefined {
  try {
    return Buffer.from(v, 'base64url').toString('utf8').slice(0, 300);
  } catch {
    return undefined;
  }
}

interface FastifyLikeError extends Error {
  statusCode?: number;
  code?: string;
  validation?: unknown[];
  validationContext?: string;
}

/** The one error renderer: JSON for the API (or JSON clients), an HTML page otherwise. 5xx details stay in the log. */
export function sendError(req: FastifyRequest, reply: FastifyReply, e: Error) {
  const err = e as FastifyLikeError;
  const t = req.t ?? translator(DEFAULT_LOCALE);
  let status: number;
  let code: string;
  let message: string;
  let fields: { field: string; message: string }[] = [];
  if (err instanceof AppError) {
    status = err.status;
    code = err.code;
    message = t(err.messageKey, err.values as never);
    fields = err.fields.map((f) => ({ field: f.field, message: t(f.messageKey, f.values as never) }));
    if (err.code === 'permission_not_set')
      req.log.error({ action: err.values.action, url: req.url }, 'no access rule declared: denied');
  } else if (err.validation) {
    status = 400;
    code = 'validation_failed';
    fields = (err.validation as never[]).map((v) => validationMessage(t, v, err.validationContext));
    message = t('errors.validation', { count: fields.length });
  } else if (err.statusCode === 429) {
    status = 429;
    code = 'rate_limited';
    message = t('errors.rateLimited');
  } else if (err.code === 'FST_CSRF_INVALID_TOKEN' || err.code === 'FST_CSRF_MISSING_SECRET') {
    status = 403;
    code = 'csrf';
    message = t('errors.csrf');
  } else if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
    status = err.statusCode;
    code = err.code ?? 'bad_request';
    message = t(
      status === 413
        ? 'errors.tooLarge'
        : status === 415
          ? 'errors.unsupportedMediaType'
          : status === 404
            ? 'errors.notFound'
            : 'errors.badRequest',
    );
  } else {
    status = 500;
    code = 'internal';
    message = t('errors.internal');
    req.log.error({ err }, 'unhandled error');
  }
  if (wantsJson(req)) {
    return reply
      .code(status)
      .type('application/json; charset=utf-8')
      .send({ error: { code, message, ...(fields.length ? { fields } : {}) }, requestId: req.id });
  }
  const title = t(
    status === 404
      ? 'errors.notFoundTitle'
      : status === 403
        ? 'errors.forbiddenTitle'
        : status >= 500
          ? 'errors.internalTitle'
          : 'errors.title',
  );
  return reply.page(
    title,
    <ErrorPage title={title} message={message} fields={fields} requestId={String(req.id)} t={t} />,
    status,
  );
}

export default fp(httpPlugin, { name: 'ctcp-http' });
