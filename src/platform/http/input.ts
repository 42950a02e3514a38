// Input hygiene before validation: no NUL character anywhere (PostgreSQL text cannot hold U+0000), all text NFC,
// no non-finite number in a query string.
import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import { AppError } from './errors.ts';

const NUMERIC = /^\s*[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?\s*$/i;

async function input(app: FastifyInstance) {
  app.addHook('preValidation', async (req) => {
    // Refuse U+0000 with a clear 400 rather than fail in the database.
    if (hasNul(req.params) || hasNul(req.query) || hasNul(req.body))
      throw new AppError('validation_failed', 400, 'errors.nulCharacter');
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

export function hasNul(v: unknown, depth = 0): boolean {
  if (typeof v === 'string') return v.includes('\u0000');
  if (!v || typeof v !== 'object' || depth > 20 || Buffer.isBuffer(v)) return false;
  // A multipart part: a field's value, or a file's name (file content is binary and checked by its own rules).
  const part = v as { type?: unknown; fieldname?: unknown; value?: unknown; filename?: unknown };
  if ((part.type === 'field' || part.type === 'file') && typeof part.fieldname === 'string')
    return hasNul(part.type === 'field' ? part.value : part.filename, depth + 1);
  return Object.entries(v as Record<string, unknown>).some(([k, x]) => k.includes('\u0000') || hasNul(x, depth + 1));
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
