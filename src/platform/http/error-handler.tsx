// The one error handler (and the 404 handler): an AppError, a validation failure, a rate limit, a CSRF refusal or
// anything else becomes a translated HTML page, or `{ error: { code, message, fields }, requestId }` for the API
// and JSON clients. 5xx details go to the log only.
import fp from 'fastify-plugin';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DEFAULT_LOCALE, translator } from '../i18n/index.ts';
import { ErrorPage } from '../views/ErrorPage.tsx';
import { AppError } from './errors.ts';
import { validationMessage } from './validation.ts';
import { wantsJson } from './platform.ts';

interface FastifyLikeError extends Error {
  statusCode?: number;
  code?: string;
  validation?: unknown[];
  validationContext?: string;
}

/** A database error (PostgreSQL's or PGlite's): it has a severity and a five-character SQLSTATE. */
function databaseErrorOf(e: unknown): { code: string; routine?: string } | null {
  for (let x = e, depth = 0; x && typeof x === 'object' && depth < 4; x = (x as { cause?: unknown }).cause, depth++) {
    const c = x as { code?: unknown; severity?: unknown; routine?: unknown };
    if (typeof c.code === 'string' && /^[0-9A-Z]{5}$/.test(c.code) && c.severity)
      return { code: c.code, routine: typeof c.routine === 'string' ? c.routine : undefined };
  }
  return null;
}

/**
 * The log's error serializer: never query parameters, never what a database message quotes of them (PostgreSQL
 * writes the offending value into its message and detail: a need's description, an e-mail address). A database
 * error is logged as its SQLSTATE, routine, the query text with its $n placeholders, and the stack's frames.
 */
export function logSafeError(err: unknown): { type: string; message: string; stack: string; [key: string]: unknown } {
  if (!(err instanceof Error)) return { type: typeof err, message: 'non-error thrown', stack: '' };
  const e = err as Error & { query?: unknown; code?: unknown; statusCode?: unknown };
  const frames = (e.stack ?? '')
    .split('\n')
    .filter((l) => /^\s+at /.test(l))
    .join('\n');
  const db = databaseErrorOf(e);
  if (db)
    return {
      type: e.name,
      message: 'database error',
      sqlstate: db.code,
      routine: db.routine,
      query: typeof e.query === 'string' ? e.query.slice(0, 2000) : undefined,
      stack: frames,
    };
  // Other errors keep their message, except a query builder's, which lists the parameters after the query.
  const message = e.message.replace(/\nparams:[\s\S]*$/, '');
  return { type: e.name, message, code: e.code, statusCode: e.statusCode, stack: frames };
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

async function errorHandler(app: FastifyInstance) {
  app.setNotFoundHandler((req, reply) => {
    sendError(req, reply, new AppError('not_found', 404, 'errors.notFound'));
  });
  app.setErrorHandler((err, req, reply) => {
    sendError(req, reply, err as Error);
  });
}

export default fp(errorHandler, { name: 'ctcp-error-handler', dependencies: ['ctcp-rendering'] });
