import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { STATUS_CODES } from 'node:http';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { QueryFailedError } from 'typeorm';
import { isDatabaseUnavailable } from '../database/unavailable';
import { DomainError, ErrorCode } from './domain-error';

/** Seconds a client is asked to wait before retrying while the database is unavailable. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

export interface ErrorBody {
  statusCode: number;
  error: string;
  code: string;
  message: string;
  details?: Record<string, unknown>;
}

const CODE_BY_STATUS: Record<number, ErrorCode> = {
  400: 'VALIDATION_FAILED',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  422: 'UNPROCESSABLE',
  429: 'TOO_MANY_REQUESTS',
  503: 'SERVICE_UNAVAILABLE',
};

/** Fastify's own errors (body parsing, limits) carry a code such as FST_ERR_CTP_INVALID_JSON_BODY. */
interface FastifyLikeError {
  statusCode?: number;
  code?: string;
  message: string;
}

function bodyFor(
  status: number,
  code: string,
  message: string,
  details?: Record<string, unknown>,
): ErrorBody {
  const body: ErrorBody = {
    statusCode: status,
    error: STATUS_CODES[status] ?? 'Error',
    code,
    message,
  };
  if (details !== undefined) body.details = details;
  return body;
}

/** Maps anything thrown to the contract's error body; never leaks a stack trace. */
export function toErrorBody(exception: unknown): ErrorBody {
  if (exception instanceof DomainError) {
    return bodyFor(exception.status, exception.code, exception.message, exception.details);
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const response = exception.getResponse();
    if (typeof response === 'object' && response !== null && 'code' in response) {
      const r = response as { code: string; message?: string; details?: Record<string, unknown> };
      return bodyFor(status, r.code, r.message ?? exception.message, r.details);
    }
    if (
      status === 400 &&
      /not valid JSON|Unexpected token|JSON at position/i.test(exception.message)
    ) {
      return bodyFor(400, 'MALFORMED_JSON', 'The request body is not valid JSON.');
    }
    const message =
      typeof response === 'object' && response !== null && 'message' in response
        ? String((response as { message: unknown }).message)
        : exception.message;
    return bodyFor(status, CODE_BY_STATUS[status] ?? 'INTERNAL_ERROR', message);
  }
  const fastifyError = exception as FastifyLikeError;
  if (typeof fastifyError?.code === 'string' && fastifyError.code.startsWith('FST_')) {
    const status = fastifyError.statusCode ?? 500;
    if (
      fastifyError.code.includes('INVALID_JSON') ||
      fastifyError.code === 'FST_ERR_CTP_EMPTY_JSON_BODY'
    ) {
      return bodyFor(400, 'MALFORMED_JSON', 'The request body is not valid JSON.');
    }
    if (status === 413) {
      return bodyFor(
        413,
        'PAYLOAD_TOO_LARGE',
        'The request body is larger than the server accepts.',
      );
    }
    if (status === 415) {
      return bodyFor(415, 'UNSUPPORTED_MEDIA_TYPE', fastifyError.message);
    }
    if (status < 500)
      return bodyFor(status, CODE_BY_STATUS[status] ?? 'VALIDATION_FAILED', fastifyError.message);
  }
  if (isDatabaseUnavailable(exception)) {
    return bodyFor(
      503,
      'DATABASE_UNAVAILABLE',
      'The database is unavailable at the moment. Try again shortly.',
    );
  }
  if (isUnstorableText(exception)) {
    return bodyFor(
      400,
      'VALIDATION_FAILED',
      'The request contains a character that cannot be stored (such as NUL, U+0000). Remove it.',
    );
  }
  if (exception instanceof SyntaxError && /JSON/.test(exception.message)) {
    return bodyFor(400, 'MALFORMED_JSON', 'The request body is not valid JSON.');
  }
  return bodyFor(500, 'INTERNAL_ERROR', 'Something went wrong on our side. The error was logged.');
}

/**
 * PostgreSQL refuses NUL in text (22021) and in jsonb (22P05). Validation and the checks refuse
 * it first where they can; a field that reaches the database with one is bad input, not a 500.
 */
const UNSTORABLE_TEXT_CODES = new Set(['22021', '22P05']);

function isUnstorableText(exception: unknown): boolean {
  if (!(exception instanceof QueryFailedError)) return false;
  const code = (exception.driverError as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' && UNSTORABLE_TEXT_CODES.has(code);
}

@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpExceptionFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const body = toErrorBody(exception);
    const http = host.switchToHttp();
    const reply = http.getResponse<FastifyReply>();
    if (body.code === 'DATABASE_UNAVAILABLE') {
      // An outage, not a bug: one line without a stack, and the client is told when to retry.
      this.logger.warn({
        msg: 'database unavailable',
        requestId: http.getRequest<FastifyRequest>().id,
        reason: exception instanceof Error ? exception.message : String(exception),
      });
      void reply.header('retry-after', String(DATABASE_RETRY_AFTER_SECONDS));
    } else if (body.statusCode >= 500) {
      this.logger.error({
        msg: 'request failed',
        requestId: http.getRequest<FastifyRequest>().id,
        err: exception instanceof Error ? exception : new Error(String(exception)),
      });
    }
    void reply
      .status(body.statusCode)
      .header('content-type', 'application/json; charset=utf-8')
      .send(body);
  }
}
