// Input hygiene before validation: only valid text, all of it NFC, no non-finite number in a query string.
// Valid text means: well-formed UTF-8 in the URL (after percent-decoding) and in JSON and form bodies (checked as
// bytes while the body streams in, and after percent-decoding); no lone surrogate (a JSON "\ud800" escape); no NUL
// (PostgreSQL text cannot hold U+0000); in multipart forms, whose parts are decoded before we see them, no U+FFFD
// (the mark an undecodable byte leaves). One answer for all of them: 400 `invalid_text`, before anything reaches the
// database — never a 500, never text stored with replacement characters.
import fp from 'fastify-plugin';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { isUtf8 } from 'node:buffer';
import { Transform } from 'node:stream';
import qs from 'node:querystring';
import { AppError } from './errors.ts';

/** The error every invalid text gets. */
export const invalidText = () => new AppError('invalid_text', 400, 'errors.invalidText');

/** Marks a form body whose percent-escapes did not decode to UTF-8 (the form parser cannot throw). */
const INVALID_FORM = Symbol('invalid form text');

/** The URL-encoded form parser: strict percent-decoding (node's parser would put U+FFFD in place of bad bytes). */
export function parseForm(body: string): Record<string, unknown> {
  let bad = false;
  const decode = (v: string) => {
    try {
      return decodeURIComponent(v);
    } catch {
      bad = true;
      return '';
    }
  };
  const parsed = qs.parse(body, '&', '=', { decodeURIComponent: decode });
  return bad ? { [INVALID_FORM]: true } : parsed;
}

/** True when the URL's path and query decode to well-formed UTF-8. */
export function urlIsText(url: string): boolean {
  // Raw bytes beyond ASCII reach us as latin1 characters: they must be UTF-8.
  if (/[^\x21-\x7e]/.test(url) && !isUtf8(Buffer.from(url, 'latin1'))) return false;
  try {
    decodeURIComponent(url.replace(/\+/g, ' '));
    return true;
  } catch {
    return false;
  }
}

/**
 * A pass-through stream that fails with invalid_text at the first byte sequence that is not UTF-8. It counts what it
 * passes as `receivedEncodedLength`, which Fastify compares with Content-Length.
 */
function utf8Guard(): Transform & { receivedEncodedLength: number } {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const guard = new Transform({
    transform(chunk: Buffer, _enc, done) {
      guard.receivedEncodedLength += chunk.length;
      try {
        decoder.decode(chunk, { stream: true });
      } catch {
        return done(invalidText());
      }
      done(null, chunk);
    },
    flush(done) {
      try {
        decoder.decode();
      } catch {
        return done(invalidText());
      }
      done();
    },
  }) as Transform & { receivedEncodedLength: number };
  guard.receivedEncodedLength = 0;
  return guard;
}

const TEXT_BODY = /^(application\/(json|x-www-form-urlencoded)|application\/[\w.+-]+\+json|text\/)/i;

const NUMERIC = /^\s*[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?\s*$/i;

async function input(app: FastifyInstance) {
  app.addHook('onRequest', async (req) => {
    if (!urlIsText(req.url)) throw invalidText();
  });
  app.addHook('preParsing', async (req, _reply, payload) => {
    const type = req.headers['content-type'];
    if (typeof type !== 'string' || !TEXT_BODY.test(type)) return payload;
    const guarded = utf8Guard();
    payload.on('error', (e) => guarded.destroy(e));
    return payload.pipe(guarded);
  });
  app.addHook('preValidation', async (req) => {
    if (badText(req)) throw invalidText();
    // All stored text is NFC: a decomposed "é" and a composed one are the same letter to search and compare.
    req.body = toNfc(req.body);
    req.query = toNfc(req.query) as typeof req.query;
    req.params = toNfc(req.params) as typeof req.params;
    // Ajv coerces "1e309" to Infinity and lets it through integer
    // checks: no query parameter may be a non-finite number.
    for (const v of Object.values((req.query ?? {}) as Record<string, unknown>).flat()) {
      if (typeof v === 'string' && NUMERIC.test(v) && !Number.isFinite(Number(v)))
        throw new AppError('validation_failed', 400, 'errors.badRequest');
    }
  });
}

function badText(req: FastifyRequest): boolean {
  const body = req.body as Record<PropertyKey, unknown> | undefined;
  if (body && typeof body === 'object' && body[INVALID_FORM]) return true;
  return hasBadText(req.params) || hasBadText(req.query) || hasBadText(req.body);
}

/** A NUL or a lone surrogate anywhere in a string (keys included); in multipart parts, also U+FFFD. */
export function hasBadText(v: unknown, depth = 0, multipart = false): boolean {
  if (typeof v === 'string') return v.includes('\u0000') || !v.isWellFormed() || (multipart && v.includes('\uFFFD'));
  if (!v || typeof v !== 'object' || depth > 20 || Buffer.isBuffer(v)) return false;
  // A multipart part: a field's value, or a file's name (file content is binary and checked by its own rules).
  const part = v as { type?: unknown; fieldname?: unknown; value?: unknown; filename?: unknown };
  if ((part.type === 'field' || part.type === 'file') && typeof part.fieldname === 'string')
    return hasBadText(part.type === 'field' ? part.value : part.filename, depth + 1, true);
  return Object.entries(v as Record<string, unknown>).some(
    ([k, x]) => hasBadText(k, depth + 1, multipart) || hasBadText(x, depth + 1, multipart),
  );
}

/** Every string of an input, NFC-normalized, in place for objects (multipart fields keep their shape). */
export function toNfc(v: unknown, depth = 0): unknown {
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

export default fp(input, { name: 'ctcp-input' });
