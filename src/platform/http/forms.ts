import type { FastifyRequest } from 'fastify';
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
