/** The server's error body (API.md, Conventions). */
export interface ErrorBody {
  statusCode: number;
  error: string;
  code: string;
  message: string;
  details?: Record<string, unknown>;
}

/** Every HTTP status of 400 or more, thrown by the API client with the server's body. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: Record<string, unknown>;

  constructor(status: number, body: Partial<ErrorBody> | null) {
    super(body?.message ?? `HTTP ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.code = body?.code ?? 'HTTP_' + status;
    this.details = body?.details ?? {};
  }
}

export function isApiError(error: unknown, code?: string): error is ApiError {
  return error instanceof ApiError && (code === undefined || error.code === code);
}

/** A request the user or the query cache cancelled: never shown as an error. */
export function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}

/**
 * One message for any error: the server's own message when it sent one, else the localized
 * fallback for the status (network down, server error).
 */
export function errorMessage(error: unknown, t: (key: string) => string): string {
  if (error instanceof ApiError) {
    if (error.status >= 500 && error.status !== 503) return t('errors.server');
    return error.message;
  }
  if (error instanceof TypeError) return t('errors.network');
  return t('errors.unknown');
}
