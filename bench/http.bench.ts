import autocannon from 'autocannon';
import { join } from 'node:path';
import { runMigrations } from '../src/startup';
import {
  BENCH_ADMIN,
  benchServerEnv,
  dropDatabase,
  recreateDatabase,
  startChild,
  stopChild,
  table,
} from './support';

/**
 * `npm run bench -- http [seconds]`: autocannon, 64 connections, against GET /health and an
 * authenticated GET /api/projects/:project, on the real app and on the same modules over
 * Express and over Fastify. The server runs in its own process; autocannon in this one.
 */
const DATABASE = 'tms_bench_http';
const DURATION = Number(process.argv[2] ?? 10);
const ADMIN = BENCH_ADMIN;

interface Figures {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
}

async function load(url: string, headers: Record<string, string> = {}): Promise<Figures> {
  const result = await autocannon({ url, connections: 64, duration: DURATION, headers });
  return {
    rps: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.non2xx,
  };
}

async function main(): Promise<void> {
  const databaseUrl = await recreateDatabase(DATABASE);
  await runMigrations(databaseUrl);
  const env = benchServerEnv(databaseUrl, 'tms-bench-http');
  const rows: Array<Record<string, string | number>> = [];
  const server = join(__dirname, 'http-server.js');
  try {
    for (const variant of ['app', 'fastify', 'express']) {
      const { child, port } = await startChild(server, [variant], env);
      const base = `http://127.0.0.1:${port}`;
      try {
        if (variant === 'app') await seed(base);
        const token = await login(base);
        const health = await load(`${base}/health`);
        const project = await load(`${base}/api/projects/bench`, {
          authorization: `Bearer ${token}`,
        });
        for (const [route, f] of [
          ['GET /health', health],
          ['GET /api/projects/:project', project],
        ] as const) {
          rows.push({
            server: variant === 'app' ? 'app (Nest + Fastify, as shipped)' : `Nest + ${variant}`,
            route,
            'req/s': f.rps,
            'p50 ms': f.p50,
            'p99 ms': f.p99,
            errors: f.errors,
          });
        }
      } finally {
        // Let the server finish requests autocannon abandoned at the deadline before stopping it.
        await new Promise((r) => setTimeout(r, 1000));
        await stopChild(child);
      }
    }
  } finally {
    await dropDatabase(DATABASE);
  }
  process.stdout.write(
    `autocannon, 64 connections, ${DURATION} s per route, server in its own process\n\n${table(rows)}\n`,
  );
}

async function login(base: string): Promise<string> {
  const response = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(ADMIN),
  });
  if (!response.ok) throw new Error(`login failed: ${response.status}`);
  return ((await response.json()) as { accessToken: string }).accessToken;
}

async function seed(base: string): Promise<void> {
  const created = await fetch(`${base}/api/projects`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${await login(base)}` },
    body: JSON.stringify({
      slug: 'bench',
      name: 'Bench',
      sourceLocale: 'en',
      targetLocales: ['es', 'fr', 'zh-Hans', 'ar', 'vi'],
    }),
  });
  if (created.status !== 201) throw new Error(`create project failed: ${created.status}`);
}

void main().catch((error: unknown) => {
  process.stderr.write(`bench http failed: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
