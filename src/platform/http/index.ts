// The HTTP platform: small Fastify plugins registered in order. Each file does one job:
//   security-headers  cookies, forms, helmet/CSP, multipart          csrf        the double-submit form token
//   rate-limit        per-route limits                                 static      /static/ assets
//   reader            the actor and the language of the request       route-access config.access on every route
//   page-cache        anonymous public pages kept a few seconds       input       NUL refusal, NFC, finite numbers
//   kept-answers      answers kept per class of readers until a change
//   response-headers  charset, no-store, Vary                           rendering   reply.page, viewContext, flash
//   error-handler     the one error renderer (HTML or JSON) and the 404
//   confirm           destructive page actions go through their confirmation page (config.confirm, confirmation())
import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import securityHeaders, { responseHeadersPlugin, staticFilesPlugin } from './security-headers.ts';
import csrf from './csrf.ts';
import rateLimit from './rate-limit.ts';
import reader, { type ResolveCredential } from './reader.ts';
import routeAccess from './route-access.ts';
import pageCache from './page-cache.ts';
import keptAnswers from './kept-answers.ts';
import input from './input.ts';
import rendering from './rendering.tsx';
import errorHandler from './error-handler.tsx';
import confirmations from './confirm.tsx';
import type { Platform } from './platform.ts';

export type { Platform, RouteInfo } from './platform.ts';
export { FLASH_COOKIE, LANG_COOKIE, isApi } from './platform.ts';
export type { LoadedUser, ResolvedCredential, ResolveCredential } from './reader.ts';
export { STATIC_DIR } from './security-headers.ts';
export { sendError } from './error-handler.tsx';
export { ctxOf, type RequestContext } from './request-context.ts';
export { confirmation, type Confirmation, type ConfirmRequest } from './confirm.tsx';

export interface HttpOptions {
  platform: Platform;
  resolveCredential: ResolveCredential;
}

async function httpPlugin(app: FastifyInstance, { platform, resolveCredential }: HttpOptions) {
  app.decorate('platform', platform);
  await app.register(securityHeaders);
  await app.register(csrf);
  await app.register(rateLimit);
  await app.register(staticFilesPlugin);
  // onRequest, in this order: who and which language, may they, a kept page.
  await app.register(reader, { resolveCredential });
  await app.register(routeAccess);
  await app.register(pageCache);
  await app.register(keptAnswers);
  await app.register(input);
  await app.register(responseHeadersPlugin);
  await app.register(rendering);
  await app.register(errorHandler);
  await app.register(confirmations);
}

export default fp(httpPlugin, { name: 'ctcp-http' });
