import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { FastifyInstance } from 'fastify';
import fastifyCompress from '@fastify/compress';
import fastifyMultipart from '@fastify/multipart';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { SwaggerModule } from '@nestjs/swagger';
import type { DestinationStream } from 'pino';
import { AppModule, ProcessRole } from './app.module';
import type { AuthenticatedRequest } from './auth/auth.decorators';
import { HttpExceptionFilter } from './common/http-exception.filter';
import { createValidationPipe } from './common/validation';
import { DomainError } from './common/domain-error';
import { TMX_IMPORT_ROUTE, TMX_MEDIA_TYPES } from './memory/memory.controller';
import {
  IMPORT_MEDIA_TYPES,
  IMPORT_ROUTES,
  ZIP_MEDIA_TYPES,
} from './interchange/import/interchange-import.controller';
import { IMPORT_MAX_BYTES } from './interchange/import/interchange-import.service';
import { TMX_MAX_BYTES } from './memory/tmx.service';
import type { AppConfig } from './config/config';
import { AppLogger, createLogger, NestPinoLogger, redactUrl, requestLogLevel } from './logging';
import { MetricsService } from './health/metrics.service';
import { createOpenApiDocument } from './openapi/openapi-document';
import {
  ReaderFastPath,
  readerServerFactory,
  registerPublicCors,
  registerReaderRoutes,
} from './reader/reader.site';
import { LibraryService } from './reader/library.service';
import { registerWebApp } from './web-app/web-app.site';
import { ReaderService } from './reader/reader.service';

const REQUEST_ID = /^[A-Za-z0-9._-]{1,128}$/;

/** The caller's X-Request-Id when it is sane, else a new UUID; it is on every log line and response. */
function requestId(request: IncomingMessage): string {
  const incoming = request.headers['x-request-id'];
  return typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
}

/**
 * One line per API request, after the response: its id, who made it (once the access guard has
 * resolved the token), the route and the outcome. Probes and reader pages are left out: they
 * come by the thousand, and /metrics counts them.
 */
function logRequest(
  logger: AppLogger,
  request: AuthenticatedRequest,
  reply: { statusCode: number; elapsedTime: number },
): void {
  const url = request.url;
  if (url === '/health' || url === '/metrics' || url.startsWith('/read/')) return;
  const level = requestLogLevel(reply.statusCode);
  if (!logger.isLevelEnabled(level)) return;
  logger[level](
    {
      requestId: request.id,
      userId: request.actor?.id,
      req: { method: request.method, url: redactUrl(url) },
      res: { statusCode: reply.statusCode },
      responseTime: Math.round(reply.elapsedTime),
    },
    'request completed',
  );
}

/** Routes (Fastify patterns) whose body may be text/csv. */
const CSV_ROUTES = new Set(['/api/projects/:project/glossary']);

/**
 * TMX bodies are handed to the import route as the request stream itself, never buffered:
 * the route reads them through the hardened XML reader, which enforces its own byte cap
 * (Fastify's bodyLimit only applies to bodies it reads). A declared length over that cap is
 * refused at once. Elsewhere XML stays 415 like any other unsupported type.
 */
function registerXmlStreamParser(fastify: FastifyInstance): void {
  fastify.addContentTypeParser(TMX_MEDIA_TYPES, (request, payload, done) => {
    // application/xml and text/xml are also how an XLIFF file comes to the interchange import.
    if (IMPORT_ROUTES.includes(request.routeOptions.url ?? '')) {
      return streamImportBody(request, payload, done);
    }
    if (request.routeOptions.url !== TMX_IMPORT_ROUTE) {
      const error = Object.assign(
        new Error(`Unsupported Media Type: ${request.headers['content-type']}`),
        {
          statusCode: 415,
          code: 'FST_ERR_CTP_INVALID_MEDIA_TYPE',
        },
      );
      return done(error, undefined);
    }
    const declared = Number(request.headers['content-length']);
    if (Number.isFinite(declared) && declared > TMX_MAX_BYTES) {
      return done(
        new DomainError('XML_TOO_LARGE', `The document is larger than ${TMX_MAX_BYTES} bytes.`),
        undefined,
      );
    }
    done(null, payload);
  });
}

/**
 * Interchange import bodies (XLIFF, PO): streamed to the import routes like TMX, with the
 * import's own byte cap. text/plain, which Fastify otherwise reads as a string, stays a string
 * (within the body limit) on every other route.
 */
function registerImportStreamParser(fastify: FastifyInstance): void {
  const types = [...IMPORT_MEDIA_TYPES, ...ZIP_MEDIA_TYPES].filter(
    (type) => !TMX_MEDIA_TYPES.includes(type),
  );
  fastify.removeContentTypeParser('text/plain');
  fastify.addContentTypeParser(types, (request, payload, done) => {
    if (IMPORT_ROUTES.includes(request.routeOptions.url ?? '')) {
      return streamImportBody(request, payload, done);
    }
    if (request.headers['content-type']?.startsWith('text/plain')) {
      return readTextBody(payload, done);
    }
    const error = Object.assign(
      new Error(`Unsupported Media Type: ${request.headers['content-type']}`),
      { statusCode: 415, code: 'FST_ERR_CTP_INVALID_MEDIA_TYPE' },
    );
    done(error, undefined);
  });
}

/**
 * multipart/form-data with one `file` field, on the import routes only: @fastify/multipart's
 * parser only marks the request, and the route streams the file part through busboy (never
 * buffered; the part is cut at the import's byte cap). The plugin's parser is global, so other
 * routes are answered 415 before it runs, as before.
 */
async function registerImportMultipart(fastify: FastifyInstance): Promise<void> {
  await fastify.register(fastifyMultipart, {
    limits: { fileSize: IMPORT_MAX_BYTES, files: 1, fields: 10, parts: 11, fieldSize: 1024 },
  });
  fastify.addHook('preParsing', (request, _reply, payload, done) => {
    const multipart = request.headers['content-type']?.toLowerCase().startsWith('multipart/');
    if (!multipart || IMPORT_ROUTES.includes(request.routeOptions.url ?? ''))
      return done(null, payload);
    const error = Object.assign(
      new Error(`Unsupported Media Type: ${request.headers['content-type']}`),
      { statusCode: 415, code: 'FST_ERR_CTP_INVALID_MEDIA_TYPE' },
    );
    done(error, undefined);
  });
}

function streamImportBody(
  request: { headers: IncomingMessage['headers'] },
  payload: IncomingMessage,
  done: (error: Error | null, body?: unknown) => void,
): void {
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > IMPORT_MAX_BYTES) {
    return done(
      new DomainError('PAYLOAD_TOO_LARGE', `The file is larger than ${IMPORT_MAX_BYTES} bytes.`),
      undefined,
    );
  }
  done(null, payload);
}

/** Fastify's own text/plain behaviour: the body as a string, within the body limit. */
function readTextBody(
  payload: IncomingMessage,
  done: (error: Error | null, body?: unknown) => void,
): void {
  const chunks: Buffer[] = [];
  let size = 0;
  payload.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size <= BODY_LIMIT_BYTES) chunks.push(chunk);
  });
  payload.on('error', (error) => done(error, undefined));
  payload.on('end', () => {
    if (size > BODY_LIMIT_BYTES) {
      const error = Object.assign(new Error('Request body is too large'), {
        statusCode: 413,
        code: 'FST_ERR_CTP_BODY_TOO_LARGE',
      });
      return done(error, undefined);
    }
    done(null, Buffer.concat(chunks).toString('utf8'));
  });
}

/** Largest request body accepted anywhere (an article source is further limited to 1 MB). */
export const BODY_LIMIT_BYTES = 5 * 1024 * 1024;

/**
 * The HTTP adapter choice lives here and only here. Fastify, because it measured faster than
 * Express for both the JSON API and the reader pages (see BENCHMARKS.md).
 */
export async function createHttpApp(
  config: AppConfig,
  role: ProcessRole,
  options: { logDestination?: DestinationStream } = {},
): Promise<NestFastifyApplication> {
  const logger = createLogger(config.logLevel, options.logDestination);
  // The reader's hot path answers from the request listener, ahead of Fastify (reader.site.ts).
  const readerFastPath = new ReaderFastPath();
  const adapter = new FastifyAdapter({
    serverFactory: readerServerFactory(readerFastPath),
    bodyLimit: BODY_LIMIT_BYTES,
    trustProxy: process.env.TRUST_PROXY === 'true',
    return503OnClosing: true,
    forceCloseConnections: 'idle',
    requestIdHeader: false,
    genReqId: requestId,
  });
  const fastify = adapter.getInstance<FastifyInstance>();

  // Every response carries its request id; every response is timed by route pattern (the
  // reader's fast path does both itself). The metric children are kept per (method, route,
  // status), each bound to its series once (LatencyHistogram).
  // Services Nest builds below, used by the hooks and the reader routes added before it.
  const late: { metrics?: MetricsService; reader?: ReaderService; library?: LibraryService } = {};
  const observers = new Map<string, (seconds: number) => void>();
  const observer = (method: string, route: string, status: number): ((s: number) => void) => {
    const key = `${method} ${route} ${status}`;
    let observe = observers.get(key);
    if (!observe && late.metrics) {
      const duration = late.metrics.httpDuration.child(method, route, String(status));
      const errors = status >= 500 ? late.metrics.httpErrors.labels(route, String(status)) : null;
      observe = errors
        ? (seconds) => {
            duration(seconds);
            errors.inc();
          }
        : duration;
      observers.set(key, observe);
    }
    return observe ?? (() => undefined);
  };
  fastify.addHook('onRequest', (request, reply, done) => {
    void reply.header('x-request-id', request.id);
    done();
  });
  fastify.addHook('onResponse', (request, reply, done) => {
    observer(
      request.method,
      request.routeOptions.url ?? 'unmatched',
      reply.statusCode,
    )(reply.elapsedTime / 1000);
    logRequest(logger, request as AuthenticatedRequest, reply);
    done();
  });
  // CSV bodies arrive as text, within the same body limit, on the routes that take CSV (the
  // glossary import); everywhere else text/csv stays 415 like any other unsupported type.
  fastify.addContentTypeParser('text/csv', { parseAs: 'string' }, (request, body, done) => {
    if (CSV_ROUTES.has(request.routeOptions.url ?? '')) return done(null, body);
    const error = Object.assign(new Error(`Unsupported Media Type: text/csv`), {
      statusCode: 415,
      code: 'FST_ERR_CTP_INVALID_MEDIA_TYPE',
    });
    done(error, undefined);
  });
  registerXmlStreamParser(fastify);
  registerImportStreamParser(fastify);
  await registerImportMultipart(fastify);
  registerPublicCors(fastify);
  registerReaderRoutes(fastify, () => {
    if (!late.reader || !late.library)
      throw new Error('reader site used before the app was created');
    return { reader: late.reader, library: late.library };
  });
  registerWebApp(fastify, config.webDistDir);
  fastify.addHook('preClose', (done) => {
    readerFastPath.close();
    done();
  });

  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot(config, role),
    adapter,
    {
      bufferLogs: true,
    },
  );
  app.useLogger(new NestPinoLogger(logger));
  // JSON and text answers of 1 KB and more, in br or gzip as the client accepts. Only the routes
  // Nest adds from here on are compressed: the reader routes above set their own coding and
  // ETags. Request bodies are never decompressed, so the body limit bounds what is parsed.
  await fastify.register(fastifyCompress, {
    encodings: ['br', 'gzip'],
    threshold: 1024,
    globalDecompression: false,
  });
  app.useGlobalFilters(new HttpExceptionFilter());
  app.useGlobalPipes(createValidationPipe());

  late.metrics = app.get(MetricsService);
  const readerService = app.get(ReaderService);
  late.reader = readerService;
  late.library = app.get(LibraryService);
  readerFastPath.attach({
    reader: readerService,
    requestId,
    observer,
  });

  SwaggerModule.setup('api/docs', app, () => createOpenApiDocument(app), {
    jsonDocumentUrl: 'api/docs-json',
  });
  return app;
}
