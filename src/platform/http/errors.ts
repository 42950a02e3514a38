// The one error type. Services throw it; the error handler renders it as HTML or JSON.
export interface FieldError {
  field: string;
  messageKey: string;
  values?: Record<string, unknown>;
}

export class AppError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    readonly messageKey: string,
    readonly values: Record<string, unknown> = {},
    readonly fields: FieldError[] = [],
  ) {
    super(`${code}: ${messageKey}`);
    this.name = 'AppError';
  }
}

export const notFound = () => new AppError('not_found', 404, 'errors.notFound');
export const forbidden = () => new AppError('forbidden', 403, 'errors.forbidden');
export const unauthenticated = () => new AppError('unauthenticated', 401, 'errors.unauthenticated');
export const invalid = (fields: FieldError[], messageKey = 'errors.validation') =>
  new AppError('validation_failed', 422, messageKey, { count: fields.length }, fields);
export const conflict = (messageKey: string, values: Record<string, unknown> = {}) =>
  new AppError('conflict', 409, messageKey, values);
