import type { IncomingMessage } from 'node:http';
import { RequestMethod } from '@nestjs/common';
import type { Params } from 'nestjs-pino';
import type { AppConfig } from './config/config';

/** JSON logs through pino; every line of a request carries its id; secrets are redacted. */
export function loggerOptions(config: AppConfig): Params {
  return {
    // Reader pages skip the request logger (their hot path never reaches Fastify or Nest
    // middleware at all: see src/reader/reader.site.ts).
    exclude: [{ method: RequestMethod.ALL, path: 'read/*path' }],
    pinoHttp: {
      level: config.logLevel,
      // Fastify assigns the id (see http-app.ts); pino-http reuses it.
      customProps: (req: IncomingMessage) => ({
        requestId: (req as IncomingMessage & { id?: string }).id,
      }),
      redact: {
        paths: [
          'req.headers.authorization',
          'req.headers.cookie',
          'res.headers["set-cookie"]',
          '*.password',
          '*.token',
          '*.accessToken',
          '*.secret',
        ],
        censor: '[redacted]',
      },
      autoLogging: {
        ignore: (req: IncomingMessage) =>
          req.url === '/health' || req.url === '/metrics' || req.url?.startsWith('/read/') === true,
      },
      serializers: {
        req: (req: { id: string; method: string; url: string }) => ({
          id: req.id,
          method: req.method,
          url: req.url,
        }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
    },
  };
}
