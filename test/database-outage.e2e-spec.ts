import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Pool } from 'pg';
import { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import { dataSourceOptions } from '../src/database/data-source';
import { EmbeddedPostgres, freePort } from '../src/database/embedded-postgres';
import { eventually, makeProject, unique } from './support/factories';
import { Response } from './support/http';
import { AdminSession, startAdmin } from './support/team';
import { runPrefix, templateDb, urlFor, withAdminClient, dropDatabase } from './support/db';

/** A response during an outage: a success, or the contract's 503 with Retry-After. Never a 500. */
function expectSuccessOr503(response: Response): void {
  if (response.status < 300) return;
  expect({ status: response.status, body: response.body }).toMatchObject({
    status: 503,
    body: { statusCode: 503, error: 'Service Unavailable', code: 'DATABASE_UNAVAILABLE' },
  });
  expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
}

/**
 * Requests that each touch the database: the token's user, a project, the project list, and
 * a write in a transaction (a new project).
 */
const traffic = (s: AdminSession, project: string): Array<Promise<Response>> => [
  s.http.get(`/api/projects/${project}`, { token: s.admin }),
  s.http.get('/api/projects', { token: s.admin }),
  s.http.get('/api/auth/me', { token: s.admin }),
  s.http.post(
    '/api/projects',
    { slug: unique('outage'), name: 'Outage', sourceLocale: 'en', targetLocales: ['es'] },
    { token: s.admin },
  ),
];

describe('PostgreSQL outages (e2e)', () => {
  it('answers 503 with Retry-After while its backends are terminated, and recovers without a restart', async () => {
    const session = await startAdmin({ worker: true });
    const killer = new Client({ connectionString: session.t.databaseUrl });
    await killer.connect();
    try {
      const { slug } = await makeProject(session.http, session.admin);
      const database = new URL(session.t.databaseUrl).pathname.slice(1);
      const seen: Response[] = [];
      let stop = false;
      const load = (async () => {
        while (!stop) seen.push(...(await Promise.all(traffic(session, slug))));
      })();
      // Terminates this test's own database's connections (never another database's) until
      // some request was caught in flight, at most for 20 s.
      try {
        await eventually(
          async () => {
            await killer.query(
              `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
                WHERE datname = $1 AND pid <> pg_backend_pid()`,
              [database],
            );
            return seen.some((r) => r.status === 503);
          },
          20_000,
          20,
        );
      } finally {
        stop = true;
        await load;
      }
      for (const response of seen) expectSuccessOr503(response);

      // Back to normal, with the same process: every request succeeds again.
      await eventually(async () => (await session.http.get('/health')).status === 200, 10_000);
      for (let round = 0; round < 5; round++) {
        for (const response of await Promise.all(traffic(session, slug))) {
          expect(response.status).toBeLessThan(300);
        }
      }
    } finally {
      await killer.end();
      await session.t.close();
    }
  });

  it('answers 503 while its PostgreSQL server is down, /health says so, and resumes when it is back', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tms-outage-'));
    // As root the server runs as an unprivileged user, who must reach the directory.
    chmodSync(dir, 0o755);
    const port = await freePort();
    let server = await EmbeddedPostgres.start({ dir: join(dir, 'pg'), port });
    let session: AdminSession | null = null;
    try {
      session = await startAdmin({ databaseUrl: server.url, worker: true });
      const { slug } = await makeProject(session.http, session.admin);

      await server.stop();
      const started = Date.now();
      for (const response of await Promise.all(traffic(session, slug))) {
        expect(response.status).toBe(503);
        expectSuccessOr503(response);
      }
      expect(Date.now() - started).toBeLessThan(5_000);
      const health = await session.http.get('/health');
      expect(health.status).toBe(503);
      expect(health.body).toMatchObject({ db: 'down', redis: 'up' });
      expect(Number(health.headers.get('retry-after'))).toBeGreaterThan(0);

      server = await EmbeddedPostgres.start({ dir: join(dir, 'pg'), port });
      const live = session;
      await eventually(async () => (await live.http.get('/health')).status === 200, 15_000);
      for (const response of await Promise.all(traffic(session, slug))) {
        expect(response.status).toBeLessThan(300);
      }
    } finally {
      await session?.t.close();
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('survives a backend terminated while its connection is checked out with no listener, and drops it', async () => {
    const database = `${runPrefix()}_outage_${process.pid}`;
    await withAdminClient((c) =>
      c.query(`CREATE DATABASE "${database}" TEMPLATE "${templateDb()}"`),
    );
    const dataSource = new DataSource({ ...dataSourceOptions(urlFor(database)), logging: false });
    await dataSource.initialize();
    try {
      const pool = (dataSource.driver as PostgresDriver).master as Pool;
      // The moment between pg-pool handing a connection over and its new owner listening.
      const client = await pool.connect();
      const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
      const ended = new Promise((resolve) => client.once('end', resolve));
      await withAdminClient((c) => c.query('SELECT pg_terminate_backend($1)', [rows[0].pid]));
      await ended;
      client.release();
      const after = await dataSource.query<Array<{ ok: number }>>('SELECT 1 AS ok');
      expect(after).toEqual([{ ok: 1 }]);
    } finally {
      await dataSource.destroy();
      await withAdminClient((c) => dropDatabase(c, database));
    }
  });
});
