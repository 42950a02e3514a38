// Shared pieces of the JSON API: the one error body, pagination envelope, OpenAPI registration.
import { Type, type TSchema } from 'typebox';
import { AppError } from './errors.ts';

export const ErrorBody = Type.Object(
  {
    error: Type.Object({
      code: Type.String(),
      message: Type.String(),
      fields: Type.Optional(Type.Array(Type.Object({ field: Type.String(), message: Type.String() }))),
    }),
    requestId: Type.String(),
  },
  { $id: 'ErrorBody' },
);

export const PageQuery = {
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000, default: 1 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 50 })),
};

export const Paged = <T extends TSchema>(item: T) =>
  Type.Object({
    data: Type.Array(item),
    page: Type.Integer(),
    pageSize: Type.Integer(),
    total: Type.Integer(),
  });

/** Error responses every authenticated API route may give. */
export const errorResponses = {
  400: Type.Ref('ErrorBody'),
  401: Type.Ref('ErrorBody'),
  403: Type.Ref('ErrorBody'),
  404: Type.Ref('ErrorBody'),
  422: Type.Ref('ErrorBody'),
};

/** Enumerations and nullable strings as plain JSON Schema keywords (`enum`, `type: [..., 'null']`), not anyOf:
 * the response serializer handles these directly, where anyOf costs a validation per value. */
export const StringEnum = <const T extends readonly string[]>(values: T, opts: Record<string, unknown> = {}) =>
  Type.Unsafe<T[number]>({ type: 'string', enum: [...values], ...opts });
export const NullableString = (opts: Record<string, unknown> = {}) =>
  Type.Unsafe<string | null>({ type: ['string', 'null'], ...opts });
export const NullableEnum = <const T extends readonly string[]>(values: T) =>
  Type.Unsafe<T[number] | null>({ type: ['string', 'null'], enum: [...values, null] });

/** A form's field name as the API names it: a language version `title_en` / `title_en_status` is `title.en`. */
export const apiFieldName = (field: string) =>
  field.replace(/^(\w+?)_(ar|en|es|fr|ru|zh)(?:_status)?$/, (_m, name: string, lang: string) => `${name}.${lang}`);

/**
 * Runs a service written for a form (its input as form values) on behalf of the JSON API: a 422's field errors are
 * renamed to the API's fields (`title.en`, not `title_en`). The service's checks and rules are the same.
 */
export async function withApiFieldNames<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    if (e instanceof AppError && e.status === 422 && e.fields.length)
      throw new AppError(
        e.code,
        e.status,
        e.messageKey,
        e.values,
        e.fields.map((f) => ({ ...f, field: apiFieldName(f.field) })),
      );
    throw e;
  }
}
