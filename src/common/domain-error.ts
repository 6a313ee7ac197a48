/**
 * Services throw DomainError with a stable code; the global exception filter maps it to the
 * contract's error body. The status lives beside the code so the mapping is in one place.
 */
import { IMPORT_ERROR_STATUS } from '../interchange/import/import-error-status';
import { XML_ERROR_STATUS } from '../xml/xml-errors';

export const ERROR_STATUS = {
  VALIDATION_FAILED: 400,
  MALFORMED_JSON: 400,
  INVALID_CREDENTIALS: 401,
  UNAUTHORIZED: 401,
  SESSION_EXPIRED: 401,
  FORBIDDEN: 403,
  SELF_REVIEW: 403,
  NOT_FOUND: 404,
  EMAIL_TAKEN: 409,
  SLUG_TAKEN: 409,
  GLOSSARY_TERM_EXISTS: 409,
  CONFLICT: 409,
  TRANSLATION_CONFLICT: 409,
  SOURCE_CHANGED: 409,
  INVALID_STATE: 409,
  NOT_PUBLISHABLE: 409,
  NOT_PUBLISHED: 409,
  SOURCE_LOCALE: 409,
  MT_NOT_CONFIGURED: 409,
  PUBLICATION_WITHDRAWN: 410,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_FORMAT: 415,
  UNSUPPORTED_MEDIA_TYPE: 415,
  UNPROCESSABLE: 422,
  EMPTY_CONTENT: 422,
  BINARY_CONTENT: 422,
  CHECK_FAILED: 422,
  WRONG_PASSWORD: 422,
  CLINICAL_CHANGE: 422,
  WEBHOOK_TARGET_REFUSED: 422,
  TMX_INVALID: 422,
  ...XML_ERROR_STATUS,
  ...IMPORT_ERROR_STATUS,
  TOO_MANY_REQUESTS: 429,
  MT_RATE_LIMITED: 429,
  MT_QUOTA_EXCEEDED: 429,
  INTERNAL_ERROR: 500,
  SERVICE_UNAVAILABLE: 503,
  DATABASE_UNAVAILABLE: 503,
  MT_UNAVAILABLE: 503,
  MT_AUTH_FAILED: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'DomainError';
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

export const notFound = (what: string, details?: Record<string, unknown>): DomainError =>
  new DomainError('NOT_FOUND', `${what} not found`, details);

/** 400 VALIDATION_FAILED for one field, in the same shape as the validation pipe's errors. */
export const invalidField = (field: string, message: string): DomainError =>
  new DomainError('VALIDATION_FAILED', `${field}: ${message}`, {
    errors: [{ field, messages: [message] }],
  });
