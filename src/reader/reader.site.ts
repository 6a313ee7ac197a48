import { createServer, IncomingMessage, Server, ServerOptions, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import { Logger } from '@nestjs/common';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { LibraryService } from './library.service';
import { canonicalLocale } from '../languages/language-catalog';
import { libraryPath, pagePath } from './paths';
import { CHOOSE_PARAM, chooseResponse, ReaderResponse } from './prepared-page';
import type { ReaderService } from './reader.service';

type Params = Record<string, string | undefined>;

export const PAGE_ROUTE = '/read/:project/:locale/:article';

/**
 * The reader site (`GET /read/...`): public, GET-only pages served from immutable publications.
 *
 * Two layers. `registerReaderRoutes()` adds plain Fastify routes (no Nest guard, pipe,
 * interceptor or body parsing) that do everything: negotiation, first renders, the library
 * index and sitemap, 301/404, HEAD, errors. In front of Fastify, `ReaderFastPath` answers the one hot request, a GET for a page
 * this process has already prepared for the article's current state, straight from the Node
 * request listener: one cache lookup and one write. Fastify hooks propagate from the root to
 * every context, so a Fastify route can not escape Nest's middie middleware chain (a request
 * logger as middleware runs a path match and a middleware call per request even when /read is
 * excluded), the adapter's four request hooks, the CORS hook and so on; measured, that chain
 * cost more than half the reader's throughput (BENCHMARKS.md). The fast path keeps what a
 * reader response carries: the same headers, ETag/304, X-Request-Id
 * and the request-duration metric.
 */
export function registerReaderRoutes(
  fastify: FastifyInstance,
  site: () => { reader: ReaderService; library: LibraryService },
): void {
  const reader = (): ReaderService => site().reader;
  const library = (): LibraryService => site().library;
  const logger = new Logger('ReaderSite');
  const send = async (
    reply: FastifyReply,
    produce: () => Promise<ReaderResponse>,
  ): Promise<FastifyReply> => {
    try {
      const response = await produce();
      return reply.code(response.status).headers(response.headers).send(response.body);
    } catch (error) {
      logger.error({ msg: 'reader page failed', requestId: reply.request.id, err: error });
      return reply
        .code(503)
        .header('content-type', 'text/plain; charset=utf-8')
        .header('retry-after', '5')
        .send('Service temporarily unavailable');
    }
  };
  // Slugs hold no dots, so no article is called sitemap.xml.
  fastify.get('/read/:project/sitemap.xml', (request: FastifyRequest, reply: FastifyReply) =>
    send(reply, () => library().sitemap((request.params as Params).project ?? '')),
  );
  // `compress: false`: pages come compressed from the reader, each coding with its own ETag.
  const negotiateLibrary = (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> =>
    send(reply, () =>
      library().negotiate((request.params as Params).project ?? '', {
        cookie: request.headers.cookie,
        acceptLanguage: request.headers['accept-language'],
      }),
    );
  fastify.get('/read/:project', negotiateLibrary);
  fastify.get(
    '/read/:project/:article',
    { compress: false },
    (request: FastifyRequest, reply: FastifyReply) => {
      const p = request.params as Params;
      // `/read/<project>/` is the library too.
      if (!p.article) return negotiateLibrary(request, reply);
      return send(reply, () =>
        reader().negotiate(p.project ?? '', p.article ?? '', {
          cookie: request.headers.cookie,
          acceptLanguage: request.headers['accept-language'],
        }),
      );
    },
  );
  fastify.get(
    '/read/:project/:locale/',
    { compress: false },
    (request: FastifyRequest, reply: FastifyReply) => {
      const p = request.params as Params;
      const chosen = choice(request, p.locale);
      if (chosen)
        return send(reply, async () =>
          chooseResponse(chosen, libraryPath(p.project ?? '', chosen)),
        );
      return send(reply, () =>
        library().page(p.project ?? '', p.locale ?? '', {
          ifNoneMatch: request.headers['if-none-match'],
          acceptEncoding: request.headers['accept-encoding'],
        }),
      );
    },
  );
  fastify.get(PAGE_ROUTE, { compress: false }, (request: FastifyRequest, reply: FastifyReply) => {
    const p = request.params as Params;
    const chosen = choice(request, p.locale);
    if (chosen)
      return send(reply, async () =>
        chooseResponse(chosen, pagePath(p.project ?? '', chosen, p.article ?? '')),
      );
    return send(reply, () =>
      reader().page(p.project ?? '', p.locale ?? '', p.article ?? '', {
        v: (request.query as Params).v,
        ifNoneMatch: request.headers['if-none-match'],
        acceptEncoding: request.headers['accept-encoding'],
      }),
    );
  });
}

/** The locale a switcher link (`?choose`) picks, canonical; undefined for any other request. */
function choice(request: FastifyRequest, locale: string | undefined): string | undefined {
  const query = request.query as Params;
  if (!locale || query[CHOOSE_PARAM] === undefined) return undefined;
  return canonicalLocale(locale);
}

/** CORS for the public JSON API: GET from any origin, no credentials. */
export function registerPublicCors(fastify: FastifyInstance): void {
  fastify.addHook('onRequest', (request, reply, done) => {
    if (request.url.startsWith('/api/public/')) {
      void reply.header('access-control-allow-origin', '*');
      void reply.header('access-control-expose-headers', 'ETag');
    }
    done();
  });
  fastify.options('/api/public/*', (_request, reply) => {
    void reply
      .code(204)
      .header('access-control-allow-methods', 'GET, HEAD, OPTIONS')
      .header('access-control-allow-headers', 'If-None-Match, Accept-Language')
      .header('access-control-max-age', '86400')
      .send();
  });
}

export interface FastPathDeps {
  reader: ReaderService;
  /** The X-Request-Id for a request (the caller's when sane, else a new one). */
  requestId: (request: IncomingMessage) => string;
  /** The request duration metric for a (method, route, status), as the onResponse hook uses. */
  observer: (method: string, route: string, status: number) => (seconds: number) => void;
}

/** `/read/<project>/<locale>/<article>` with an optional `?v=<digits>`, nothing else. */
const PAGE_URL = /^\/read\/([^/?#]+)\/([^/?#]+)\/([^/?#]+)(?:\?v=(\d{1,9}))?$/;

function decode(segment: string): string | undefined {
  if (segment.indexOf('%') < 0) return segment;
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

export class ReaderFastPath {
  private deps: FastPathDeps | undefined;
  private closing = false;
  /** Metric observers by status (200, 304), looked up once. */
  private readonly observers = new Map<number, (seconds: number) => void>();

  attach(deps: FastPathDeps): void {
    this.deps = deps;
  }

  /** From now on every request goes through Fastify (which answers 503 while closing). */
  close(): void {
    this.closing = true;
  }

  /** Answers the request and returns true, or returns false for Fastify to handle it. */
  handle(request: IncomingMessage, response: ServerResponse): boolean {
    const url = request.url;
    if (
      request.method !== 'GET' ||
      url === undefined ||
      !url.startsWith('/read/') ||
      this.closing ||
      !this.deps
    )
      return false;
    const m = PAGE_URL.exec(url);
    if (!m) return false;
    const started = performance.now();
    const project = decode(m[1]);
    const locale = decode(m[2]);
    const article = decode(m[3]);
    if (project === undefined || locale === undefined || article === undefined) return false;
    const { reader, requestId, observer } = this.deps;
    const hit = reader.cachedPage(project, locale, article, {
      v: m[4],
      ifNoneMatch: request.headers['if-none-match'],
      acceptEncoding: request.headers['accept-encoding'],
    });
    if (!hit) return false;
    // The prepared list (Content-Length included) with this request's id in its last slot:
    // writeHead has turned the list into the header block before it returns, so the shared
    // list holds each request's id only for that request's own call.
    const headers = hit.headerList;
    headers[headers.length - 1] = requestId(request);
    response.writeHead(hit.status, headers);
    response.end(hit.status === 200 ? hit.body : undefined);
    let observe = this.observers.get(hit.status);
    if (!observe)
      this.observers.set(hit.status, (observe = observer('GET', PAGE_ROUTE, hit.status)));
    observe((performance.now() - started) / 1000);
    return true;
  }
}

/**
 * A Fastify `serverFactory` whose request listener offers each request to the fast path first,
 * with the server settings Fastify applies to the server it would create itself.
 */
export function readerServerFactory(
  fastPath: ReaderFastPath,
): (
  handler: (request: IncomingMessage, response: ServerResponse) => void,
  options: Record<string, unknown>,
) => Server {
  const logger = new Logger('ReaderFastPath');
  return (handler, options) => {
    const server = createServer((options.http ?? {}) as ServerOptions, (request, response) => {
      let handled = false;
      try {
        handled = fastPath.handle(request, response);
      } catch (error) {
        // A throw here would be an uncaught exception, ending the process: the request goes
        // to Fastify instead, which renders the page the slow way or answers an error.
        logger.error({ msg: 'reader fast path failed', err: error });
        handled = response.headersSent;
        if (handled && !response.writableEnded) response.destroy();
      }
      if (!handled) handler(request, response);
    });
    const number = (value: unknown): number | undefined =>
      typeof value === 'number' ? value : undefined;
    server.keepAliveTimeout = number(options.keepAliveTimeout) ?? server.keepAliveTimeout;
    server.requestTimeout = number(options.requestTimeout) ?? server.requestTimeout;
    server.setTimeout(number(options.connectionTimeout) ?? 0);
    const perSocket = number(options.maxRequestsPerSocket);
    if (perSocket !== undefined && perSocket > 0) server.maxRequestsPerSocket = perSocket;
    return server;
  };
}
