import type { LoggerService } from '@nestjs/common';
import pino, { DestinationStream, Level, Logger } from 'pino';
import type { AppConfig } from './config/config';

export type AppLogger = Logger;

/** Field paths whose values never reach a log line, wherever a caller puts them. */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  'password',
  'token',
  'accessToken',
  'secret',
  '*.password',
  '*.token',
  '*.accessToken',
  '*.secret',
];

/**
 * JSON lines through pino, to stdout unless a destination is given (tests capture it).
 *
 * Request ids are attached explicitly (the request log line, the exception filter), not through
 * AsyncLocalStorage: on Node 20 the first `AsyncLocalStorage.run()` turns async_hooks on for the
 * life of the process, which measured 15% more CPU per reader page (BENCHMARKS.md).
 */
export function createLogger(
  level: AppConfig['logLevel'],
  destination?: DestinationStream,
): AppLogger {
  const options = { level, redact: { paths: REDACTED_PATHS, censor: '[redacted]' } };
  return destination ? pino(options, destination) : pino(options);
}

const SECRET_PARAM = /token|password|secret|key|signature|code/i;

/**
 * A URL as it may be logged: the values of query parameters that look like credentials
 * (`?access_token=…`, `?api_key=…`) are replaced. No route of ours takes one, but clients
 * sometimes send them anyway, and access logs are read by more people than the database.
 */
export function redactUrl(url: string): string {
  const query = url.indexOf('?');
  if (query < 0 || !SECRET_PARAM.test(url.slice(query))) return url;
  const parts = url
    .slice(query + 1)
    .split('&')
    .map((pair) => {
      const equals = pair.indexOf('=');
      const name = equals < 0 ? pair : pair.slice(0, equals);
      return equals >= 0 && SECRET_PARAM.test(name) ? `${name}=[redacted]` : pair;
    });
  return `${url.slice(0, query)}?${parts.join('&')}`;
}

/** The level of a request's log line: failures on our side are errors, refusals warnings. */
export function requestLogLevel(statusCode: number): Level {
  if (statusCode >= 500) return 'error';
  if (statusCode >= 400) return 'warn';
  return 'info';
}

const STACK = /\n\s*at /;

/**
 * Nest's boot messages (one per module and per route: about 85 lines at each start) go out at
 * debug, so that an operator's info log starts with what the app itself has to say.
 */
const BOOT_CHATTER = new Set(['InstanceLoader', 'RoutesResolver', 'RouterExplorer']);

/**
 * Nest's `Logger` calls written to pino. A `new Logger('Name')` appends its context as the last
 * argument; an Error or a plain object as the message becomes fields of the line.
 */
export class NestPinoLogger implements LoggerService {
  constructor(private readonly logger: AppLogger) {}

  verbose(message: unknown, ...rest: unknown[]): void {
    this.write('trace', message, rest);
  }
  debug(message: unknown, ...rest: unknown[]): void {
    this.write('debug', message, rest);
  }
  log(message: unknown, ...rest: unknown[]): void {
    const context = rest.at(-1);
    this.write(
      typeof context === 'string' && BOOT_CHATTER.has(context) ? 'debug' : 'info',
      message,
      rest,
    );
  }
  warn(message: unknown, ...rest: unknown[]): void {
    this.write('warn', message, rest);
  }
  error(message: unknown, ...rest: unknown[]): void {
    this.write('error', message, rest);
  }
  fatal(message: unknown, ...rest: unknown[]): void {
    this.write('fatal', message, rest);
  }

  private write(level: Level, message: unknown, rest: unknown[]): void {
    if (!this.logger.isLevelEnabled(level)) return;
    const fields: Record<string, unknown> = {};
    const params = [...rest];
    const context = params.length > 0 ? params.pop() : undefined;
    if (typeof context === 'string') fields.context = context;
    else if (context !== undefined) params.push(context);
    // Nest's own exception handlers call error(message, stack, context).
    const stack = params.find((p): p is string => typeof p === 'string' && STACK.test(p));
    if (message instanceof Error) {
      fields.err = message;
    } else if (typeof message === 'object' && message !== null) {
      Object.assign(fields, message);
    } else if (stack !== undefined) {
      const err = new Error(String(message));
      err.stack = stack;
      fields.err = err;
    }
    const text = typeof message === 'object' && message !== null ? undefined : String(message);
    if (text === undefined) this.logger[level](fields);
    else this.logger[level](fields, text);
  }
}
