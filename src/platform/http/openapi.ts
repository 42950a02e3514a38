// The OpenAPI document's quality, in one place instead of in every route:
// - `completeApiRoute` (app.ts's onRoute hook) gives every /api/v1 route a stable, readable operationId derived from
//   its method and path (`GET /api/v1/compact/meetings` → `listMeetings`, `POST …/registrations/{rid}/decision` →
//   `decideEventRegistration`) unless the route names one, and declares the platform's error responses where they can
//   occur: 400 (any input), 401 and 403 (routes that are not public), 404 (a path with a parameter), 413, 415 and 422
//   (a request with a body), 429 (a rate-limited route); 409 is declared by the routes whose services can conflict.
// - `finishDocument` (the swagger plugin's transformObject) adds `servers` and `info.license`, turns every error
//   response into a reference to one shared response (ErrorBody schema, a real description) and replaces Fastify's
//   "Default Response" by a description of what the success carries.
// - `documentRoute` (the swagger plugin's transform) documents a multipart/form-data body a route declares in
//   `config.multipartBody` (its fields; a file as `{ type: 'string', format: 'binary' }`): Fastify does not validate
//   those bodies, the service checks every field and the file's real type.
// Named schemas: shared schemas keep their `$id` as their component name (`refResolver` in app.ts).
import type { FastifySchema, RouteOptions } from 'fastify';
import { Type } from 'typebox';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The fields of a multipart/form-data request body, for the OpenAPI document only. */
    multipartBody?: object;
  }
}

/** An uploaded file in a multipart/form-data body. */
export const FilePart = (description: string) =>
  Type.Unsafe<unknown>({ type: 'string', format: 'binary', description });

/** transform: the schema the document shows for a route (a multipart body it declares in its config). */
export function documentRoute(o: { schema: FastifySchema; url: string; route: RouteOptions }) {
  const multipart = (o.route.config as { multipartBody?: object } | undefined)?.multipartBody;
  if (!multipart) return { schema: o.schema, url: o.url };
  return { schema: { ...o.schema, body: multipart, consumes: ['multipart/form-data'] }, url: o.url };
}

const ERROR_REF = { $ref: 'ErrorBody' };
const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH']);

/** Path segments that are an action on what precedes them: the operationId's verb (and an optional suffix). */
const ACTIONS: Record<string, { verb: string; suffix?: string; singular?: boolean }> = {
  adopt: { verb: 'adopt' },
  approve: { verb: 'approve' },
  attendance: { verb: 'record', suffix: 'Attendance' },
  'check-in': { verb: 'checkIn' },
  circulate: { verb: 'circulate' },
  decision: { verb: 'decide' },
  move: { verb: 'move' },
  narrow: { verb: 'narrow' },
  next: { verb: 'callNext', singular: true },
  progress: { verb: 'record', suffix: 'Progress' },
  publish: { verb: 'publish' },
  read: { verb: 'mark', suffix: 'Read' },
  'read-all': { verb: 'markAll', suffix: 'Read' },
  request: { verb: 'request', singular: true },
  revoke: { verb: 'revoke' },
  schedule: { verb: 'schedule' },
  spoken: { verb: 'mark', suffix: 'Spoken' },
  verify: { verb: 'verify' },
  withdraw: { verb: 'withdraw' },
};
/** Nouns whose singular is not the plural without its "s". */
const IRREGULAR: Record<string, string> = { people: 'person', minutes: 'minutes', agenda: 'agenda-item' };

const isParam = (s: string) => s.startsWith(':') || s.startsWith('{');
const pascal = (s: string) =>
  s
    .split(/[-_]/)
    .filter(Boolean)
    .map((w) => w[0].toUpperCase() + w.slice(1))
    .join('');
const isPlural = (w: string) => w === 'people' || (/s$/.test(w) && !/(ss|sis|us|tics)$/.test(w));
const singular = (w: string) =>
  IRREGULAR[w] ?? (/[^aeiou]ies$/.test(w) ? w.replace(/ies$/, 'y') : isPlural(w) ? w.replace(/s$/, '') : w);

/**
 * A readable operationId from a method and an /api/v1 path: a verb (list, get, create, update, delete, or the action
 * the last segment names) and the nouns of the path (each in the singular but the last, which is plural when a list
 * is read; the first segment dropped when it only groups others, as /compact/…; `me` and `mine` as "My").
 */
export function operationIdFor(method: string, url: string): string {
  let segs = url
    .replace(/^\/api\/v1\//, '')
    .split('/')
    .filter(Boolean);
  let mine = false;
  if (segs.at(-1) === 'mine') {
    mine = true;
    segs = segs.slice(0, -1);
  }
  const last = segs.at(-1) ?? '';
  const action = segs.length > 1 && !isParam(last) ? ACTIONS[last] : undefined;
  if (action) segs = segs.slice(0, -1);
  const statics = segs.filter((s) => !isParam(s));
  const lastIsParam = isParam(segs.at(-1) ?? '');
  const creating = !action && method === 'POST';
  const nouns = segs.flatMap((s, i) => {
    if (isParam(s)) return [];
    if (s === 'me') return ['My'];
    const next = segs[i + 1];
    const beforeParam = isParam(next ?? '');
    // A first segment that only groups the others (/compact/…, /assessments/…, /events/statements).
    if (i === 0 && !beforeParam && segs.length > 1) return [];
    const lastNoun = s === statics.at(-1);
    // A resource before a parameter, or qualifying the next segment (…/side-events/proposals), is one.
    const one = beforeParam || next !== undefined || mine || (lastNoun && (creating || action?.singular));
    return [pascal(one ? singular(s) : s)];
  });
  const subject = (mine ? ['My'] : []).concat(nouns).join('') || 'Me';
  let verb: string;
  if (action) verb = action.verb;
  else if (method === 'GET') verb = lastIsParam || !isPlural(statics.at(-1) ?? '') ? 'get' : 'list';
  else if (method === 'POST') verb = 'create';
  else if (method === 'DELETE') verb = 'delete';
  else verb = 'update';
  return verb + (subject === 'My' ? 'Me' : subject) + (action?.suffix ?? '');
}

type RouteSchema = {
  hide?: boolean;
  operationId?: string;
  body?: unknown;
  response?: Record<string | number, unknown>;
};

/** onRoute: completes an /api/v1 route's schema for the document (operationId, the error responses it can give). */
export function completeApiRoute(route: RouteOptions): void {
  if (!route.url.startsWith('/api/v1/') && route.url !== '/api/v1') return;
  const schema = (route.schema ?? {}) as RouteSchema;
  if (schema.hide) return;
  route.schema = schema as RouteOptions['schema'];
  const method = [route.method].flat()[0] as string;
  schema.operationId ??= operationIdFor(method, route.url);
  schema.response ??= {};
  const response = schema.response;
  const config = route.config as { access?: unknown; rateLimit?: unknown } | undefined;
  const access = config?.access;
  const rateLimited = !!config?.rateLimit;
  const statuses = [400];
  if (access !== 'public') statuses.push(401, 403);
  if (route.url.includes(':')) statuses.push(404);
  if (BODY_METHODS.has(method)) statuses.push(413, 415);
  if (method !== 'GET' && method !== 'HEAD') statuses.push(422);
  if (rateLimited) statuses.push(429);
  for (const s of statuses) response[s] ??= ERROR_REF;
}

/** The shared error responses, by status: their component name and description. */
const ERRORS: Record<string, { name: string; description: string }> = {
  '400': {
    name: 'BadRequest',
    description:
      'Bad request: a parameter, the query or the body does not match the schema, or holds text that is not valid ' +
      '(the fields are listed)',
  },
  '401': { name: 'Unauthorized', description: 'No valid API token: send `Authorization: Bearer ctcp_…`' },
  '403': {
    name: 'Forbidden',
    description: "The token's role or scope does not allow this action on this record",
  },
  '404': {
    name: 'NotFound',
    description: 'Not found, or not yours to see (records outside the reader’s access answer 404, never 403)',
  },
  '409': {
    name: 'Conflict',
    description: 'Conflict with the record’s current state (already decided, full, locked, nothing to do…)',
  },
  '413': { name: 'PayloadTooLarge', description: 'The request body is larger than the platform accepts' },
  '415': {
    name: 'UnsupportedMediaType',
    description: 'The request body’s content type is not one the operation takes',
  },
  '422': {
    name: 'ValidationFailed',
    description: 'The input is well formed but not valid: every field’s error, translated (nothing was stored)',
  },
  '429': { name: 'TooManyRequests', description: 'Too many requests: wait a minute and try again' },
};
const SUCCESS: Record<string, string> = {
  '200': 'Done: the record as it is now',
  '201': 'Created: the new record',
  '202': 'Accepted',
  '204': 'Done (no content)',
};

interface Doc {
  info: Record<string, unknown>;
  servers?: { url: string; description?: string }[];
  paths?: Record<string, Record<string, OperationObject>>;
  components?: { responses?: Record<string, unknown>; schemas?: Record<string, unknown> };
}
interface OperationObject {
  summary?: string;
  responses?: Record<string, ResponseObject>;
}
interface ResponseObject {
  description?: string;
  content?: Record<string, { schema?: { $ref?: string } }>;
  $ref?: string;
}

/** transformObject: servers, licence, shared error responses and real response descriptions. */
export function finishDocument<T extends object>(document: T, o: { serverUrl: string }): T {
  const doc = document as unknown as Doc;
  doc.servers = [{ url: o.serverUrl, description: 'This platform' }];
  doc.info.license ??= { name: 'Proprietary: all rights reserved', identifier: 'LicenseRef-Proprietary' };
  const used = new Set<string>();
  for (const methods of Object.values(doc.paths ?? {}))
    for (const [method, op] of Object.entries(methods)) {
      for (const [status, r] of Object.entries(op.responses ?? {})) {
        const error = ERRORS[status];
        const schemaRef = Object.values(r.content ?? {})[0]?.schema?.$ref;
        if (error && schemaRef?.endsWith('/ErrorBody')) {
          op.responses![status] = { $ref: `#/components/responses/${error.name}` };
          used.add(status);
        } else if (!r.$ref && (!r.description || r.description === 'Default Response')) {
          r.description =
            method === 'get' && status === '200' && op.summary
              ? op.summary
              : (SUCCESS[status] ?? error?.description ?? `HTTP ${status}`);
        }
      }
    }
  doc.components ??= {};
  doc.components.responses = {
    ...doc.components.responses,
    ...Object.fromEntries(
      [...used].sort().map((s) => [
        ERRORS[s].name,
        {
          description: ERRORS[s].description,
          content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorBody' } } },
        },
      ]),
    ),
  };
  return document;
}
