import { Injectable, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';

/**
 * CORS for the public JSON API (GET only; any origin; no credentials). The reader pages
 * themselves are registered by `registerReaderSite()` (reader.site.ts), from http-app.ts, in a
 * Fastify context of their own outside Nest's middleware.
 */
@Injectable()
export class ReaderRoutes implements OnModuleInit {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  onModuleInit(): void {
    const adapter = this.adapterHost.httpAdapter;
    if (!adapter) return; // a worker-only process serves no HTTP
    const fastify = adapter.getInstance<FastifyInstance>();
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
}
