import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from './errors.ts';
import type { FormErrors } from '../views/components.tsx';
import { issueToField, type SchemaIssue } from './validation.ts';
import type { FieldError } from './errors.ts';
import type { T } from '../i18n/index.ts';

/** Field errors from a route declared with attachValidation (forms re-render with 422 instead of failing). */
export function formErrors(req: FastifyRequest): FormErrors | null {
  const v = req.validationError as (Error & { validation?: SchemaIssue[] }) | undefined;
  if (!v?.validation) return null;
  const out: FormErrors = {};
  for (const issue of v.validation) {
    const f = issueToField(issue);
    if (f.field && !out[f.field]) out[f.field] = req.t(f.messageKey, f.values as never);
  }
  return out;
}

export function fieldErrors(t: T, fields: FieldError[]): FormErrors {
  const out: FormErrors = {};
  for (const f of fields) if (!out[f.field]) out[f.field] = t(f.messageKey, f.values as never);
  return out;
}

export const checked = (v: unknown) => v === 'on' || v === 'true' || v === true;

/**
 * Runs a use case behind a form. A 422 from the service re-renders the form with its field errors and `true` is
 * returned: the caller returns `reply` at once (`if (await attempt(…)) return reply;`). On success returns false (the
 * caller goes on, usually to a redirect). Other errors go to the error handler. The answer is a plain boolean, never
 * the reply: a reply is a thenable, and awaiting one let handlers fall through after the form was sent.
 */
export async function attempt(
  req: FastifyRequest,
  run: () => Promise<unknown>,
  rerender: (errors: FormErrors) => FastifyReply | Promise<FastifyReply>,
): Promise<boolean> {
  try {
    await run();
    return false;
  } catch (e) {
    if (e instanceof AppError && e.status === 422) {
      const page = rerender(fieldErrors(req.t, e.fields));
      // An async re-render (one that loads data first) is awaited so its errors reach the error handler.
      if (page instanceof Promise) await page;
      return true;
    }
    throw e;
  }
}

export interface UploadedFile {
  filename: string;
  data: Buffer;
}
/** A multipart form (see the multipart registration in plugin.tsx): its text fields and its one file, if any. */
export async function multipartForm(
  req: FastifyRequest,
  fileField = 'file',
): Promise<{ fields: Record<string, string>; file: UploadedFile | null }> {
  const body = (req.body ?? {}) as Record<string, unknown>;
  const fields: Record<string, string> = {};
  let file: UploadedFile | null = null;
  for (const [k, raw] of Object.entries(body)) {
    const part = (Array.isArray(raw) ? raw[0] : raw) as
      | { type?: string; value?: unknown; filename?: string; toBuffer?: () => Promise<Buffer> }
      | string;
    if (typeof part === 'string') fields[k] = part;
    else if (part?.type === 'field') fields[k] = String(part.value ?? '');
    else if (part?.type === 'file' && k === fileField && part.filename && part.toBuffer) {
      const data = await part.toBuffer();
      if (data.length) file = { filename: part.filename, data };
    }
  }
  return { fields, file };
}
