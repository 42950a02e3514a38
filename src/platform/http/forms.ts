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
 * Runs a use case behind a form. A 422 from the service re-renders the form with its field errors and that reply
 * is returned; on success returns null (the caller redirects). Other errors go to the error handler.
 */
export async function attempt(req: FastifyRequest, run: () => Promise<unknown>, rerender: (errors: FormErrors) => FastifyReply | Promise<FastifyReply>): Promise<FastifyReply | null> {
  try {
    await run();
    return null;
  } catch (e) {
    if (e instanceof AppError && e.status === 422) return rerender(fieldErrors(req.t, e.fields));
    throw e;
  }
}
