// Turns schema validation errors (Ajv-shaped, from Fastify or TypeBox) into translated field messages.
import type { T } from '../i18n/index.ts';
import type { FieldError } from './errors.ts';

export interface SchemaIssue {
  keyword: string;
  instancePath?: string;
  params?: Record<string, unknown>;
  message?: string;
}

export function issueToField(v: SchemaIssue): FieldError {
  const field =
    v.keyword === 'required'
      ? String(v.params?.missingProperty ?? (v.params?.requiredProperties as string[] | undefined)?.[0] ?? '')
      : (v.instancePath ?? '').replace(/^\//, '').replace(/\//g, '.');
  const p = v.params ?? {};
  switch (v.keyword) {
    case 'required':
      return { field, messageKey: 'validation.required' };
    case 'minLength':
      return {
        field,
        messageKey: Number(p.limit) <= 1 ? 'validation.required' : 'validation.minLength',
        values: { limit: p.limit },
      };
    case 'maxLength':
      return { field, messageKey: 'validation.maxLength', values: { limit: p.limit } };
    case 'minimum':
      return { field, messageKey: 'validation.minimum', values: { limit: p.limit } };
    case 'maximum':
      return { field, messageKey: 'validation.maximum', values: { limit: p.limit } };
    case 'format':
      return {
        field,
        messageKey:
          p.format === 'email' ? 'validation.email' : p.format === 'date' ? 'validation.date' : 'validation.format',
      };
    case 'pattern':
      return { field, messageKey: 'validation.format' };
    case 'enum':
    case 'const':
    case 'anyOf':
      return { field, messageKey: 'validation.choice' };
    case 'type':
      return { field, messageKey: 'validation.type' };
    case 'additionalProperties':
      return { field: String(p.additionalProperty ?? field), messageKey: 'validation.unknownField' };
    default:
      return { field, messageKey: 'validation.invalid' };
  }
}

export function validationMessage(t: T, v: SchemaIssue, context?: string): { field: string; message: string } {
  const f = issueToField(v);
  const field = f.field || context || '';
  return { field, message: `${field ? field + ': ' : ''}${t(f.messageKey, f.values as never)}` };
}
