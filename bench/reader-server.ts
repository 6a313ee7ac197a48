import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import Fastify from 'fastify';
import { AuthService } from '../src/auth/auth.service';
import { loadConfig } from '../src/config/config';
import { createHttpApp } from '../src/http-app';

/**
 * A server process for `npm run bench -- reader`: `app` is the real app as main.ts builds it;
 * `node` and `fastify` return the page bytes (argv[3]) from memory with the same headers.
 */
async function main(): Promise<void> {
  const variant = process.argv[2];
  if (variant === 'app') {
    const config = loadConfig();
    const app = await createHttpApp(config, { api: true, worker: false });
    await app.get(AuthService).ensureAdmin();
    await app.listen(0, '127.0.0.1');
    const address = app.getHttpServer().address() as { port: number };
    await serveApiOnce(`http://127.0.0.1:${address.port}`, config);
    ready(address);
    process.once('SIGTERM', () => void app.close().then(() => process.exit(0)));
    return;
  }
  const body = readFileSync(process.argv[3]);
  const headers = {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'public, max-age=60',
    etag: '"bench"',
  };
  if (variant === 'node') {
    const server = createServer((_req, res) => {
      res.writeHead(200, headers);
      res.end(body);
    });
    server.listen(0, '127.0.0.1', () => ready(server.address() as { port: number }));
  } else {
    const fastify = Fastify({ logger: false });
    fastify.get('/*', (_req, reply) => reply.headers(headers).send(body));
    await fastify.listen({ port: 0, host: '127.0.0.1' });
    ready(fastify.server.address() as { port: number });
  }
}

/**
 * A production process answers probes and API calls too, not only readers: one of each first,
 * so that whatever they switch on for the life of the process (as AsyncLocalStorage did) is in
 * the figures.
 */
async function serveApiOnce(
  base: string,
  config: { adminEmail: string | null; adminPassword: string | null },
): Promise<void> {
  const health = await fetch(`${base}/health`);
  const login = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: config.adminEmail, password: config.adminPassword }),
  });
  const { accessToken } = (await login.json()) as { accessToken: string };
  const projects = await fetch(`${base}/api/projects`, {
    headers: { authorization: `Bearer ${accessToken}` },
  });
  await projects.arrayBuffer();
  if (health.status !== 200 || projects.status !== 200) {
    throw new Error(
      `API before the bench: /health ${health.status}, /api/projects ${projects.status}`,
    );
  }
}

function ready(address: { port: number }): void {
  process.stdout.write(`READY ${address.port}\n`);
}

void main();
