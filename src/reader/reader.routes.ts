import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ReaderResponse, ReaderService } from './reader.service';

type Params = Record<string, string>;

/**
 * The reader pages are plain Fastify routes: no Nest guard, pipe, interceptor or body parsing
 * on the hot path (they are public, GET-only and served from immutable publications).
 */
@Injectable()
export class ReaderRoutes implements OnModuleInit {
  private readonly logger = new Logger(ReaderRoutes.name);

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly reader: ReaderService,
  ) {}

  onModuleInit(): void {
    const adapter = this.adapterHost.httpAdapter;
    if (!adapter) return; // a worker-only process serves no HTTP
    const fastify = adapter.getInstance<FastifyInstance>();

    fastify.get('/read/:project/:article', (request, reply) =>
      this.send(reply, () => {
        const p = request.params as Params;
        return this.reader.negotiate(p.project, p.article, {
          cookie: request.headers.cookie,
          acceptLanguage: request.headers['accept-language'],
        });
      }),
    );
    fastify.get('/read/:project/:locale/:article', (request: FastifyRequest, reply) =>
      this.send(reply, () => {
        const p = request.params as Params;
        const v = (request.query as Params).v;
        return this.reader.page(p.project, p.locale, p.article, {
          v,
          cookie: request.headers.cookie,
          ifNoneMatch: request.headers['if-none-match'],
        });
      }),
    );
    // CORS for the public JSON API (GET only; any origin; no credentials).
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

  private async send(
    reply: FastifyReply,
    produce: () => Promise<ReaderResponse>,
  ): Promise<FastifyReply> {
    try {
      const response = await produce();
      return reply.code(response.status).headers(response.headers).send(response.body);
    } catch (error) {
      this.logger.error(`reader page failed: ${(error as Error).message}`);
      return reply
        .code(503)
        .header('content-type', 'text/plain; charset=utf-8')
        .header('retry-after', '5')
        .send('Service temporarily unavailable');
    }
  }
}
