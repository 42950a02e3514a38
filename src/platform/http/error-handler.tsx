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
