import { ChildProcess, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_DATABASE_URL, loadConfig } from '../src/config/config';
import { freePort } from '../src/database/embedded-postgres';
import { provideDatabase } from '../src/startup';
import { ADMIN } from './support/app';
import { makeArticle, translateAndApprove } from './support/content';
import { eventually, loginAdmin, makeProject, makeUser } from './support/factories';
import { Http } from './support/http';

const MAIN = join(__dirname, '..', 'dist', 'src', 'main.js');

interface Server {
  child: ChildProcess;
  stderr: () => string;
  exited: Promise<number | null>;
}

/** `npm start` as a user runs it: the built server with its worker, in its own process. */
function startServer(env: NodeJS.ProcessEnv): Server {
  const child = spawn(process.execPath, [MAIN, '--with-worker'], {
    env,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  return { child, stderr: () => stderr, exited };
}

async function listening(server: Server): Promise<void> {
  await eventually(
    async () => {
      if (server.child.exitCode !== null) throw new Error(`server exited: ${server.stderr()}`);
      return /listening on/.test(server.stderr());
    },
    90_000,
    100,
  );
}

async function stopServer(server: Server): Promise<number | null> {
  server.child.kill('SIGTERM');
  return server.exited;
}

/** Stops a PostgreSQL a killed server may have left behind, so the test leaves nothing running. */
function stopLeftoverPostgres(pgdata: string): void {
  const pidFile = join(pgdata, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  try {
    process.kill(pid, 'SIGQUIT');
  } catch {
    // already gone
  }
}

describe('npm start with nothing installed: embedded PostgreSQL, jobs without Redis (e2e)', () => {
  it('runs translate, review, publish and read on its own PostgreSQL, stops it, and keeps the data for the next starts', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tms-embedded-'));
    // As root the server runs as an unprivileged user, who must reach the directory.
    chmodSync(dir, 0o755);
    const pgDir = join(dir, 'postgres');
    const [httpPort, pgPort] = [await freePort(), await freePort()];
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      DATABASE_URL: 'embedded',
      EMBEDDED_PG_DIR: pgDir,
      EMBEDDED_PG_PORT: String(pgPort),
      // The single-node mode: nothing but Node.js, jobs from the PostgreSQL outbox.
      REDIS_URL: 'none',
      PORT: String(httpPort),
      HOST: '127.0.0.1',
      PUBLIC_URL: `http://127.0.0.1:${httpPort}`,
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
      JWT_SECRET: 'embedded-test-secret-that-is-long-enough-0123',
      SEED_DEMO: 'false',
    };
    let server = startServer(env);
    try {
      await listening(server);
      expect(server.stderr()).toContain(
        `tms: PostgreSQL embedded (${pgDir}, port ${pgPort}); jobs in-process from the PostgreSQL outbox (no Redis)`,
      );
      if (process.getuid?.() === 0) {
        expect(statSync(join(pgDir, 'pgdata')).uid).not.toBe(0);
      }

      const http = new Http(`http://127.0.0.1:${httpPort}`);
      const admin = await loginAdmin(http);
      const translator = await makeUser(http, admin);
      const reviewer = await makeUser(http, admin);
      const { slug: project } = await makeProject(http, admin, {
        targetLocales: ['es'],
        members: { es: { translator, reviewer } },
      });
      const { slug: article } = await makeArticle(http, admin, project);
      await translateAndApprove(
        http,
        { translator: translator.token, reviewer: reviewer.token },
        project,
        article,
        'es',
        (source) => `ES ${source}`,
      );
      await eventually(async () => {
        const res = await http.get<unknown[]>(
          `/api/projects/${project}/articles/${article}/locales/es/publications`,
          { token: admin },
        );
        return res.status === 200 && res.body.length === 1;
      }, 30_000);
      const page = await http.get(`/read/${project}/es/${article}`);
      expect(page.status).toBe(200);
      expect(page.text).toContain('ES Take <strong>2 tablets</strong> with water.');
      const health = await http.get<Record<string, unknown>>('/health');
      expect(health.body).toMatchObject({ status: 'ok', db: 'up', redis: 'not used' });

      expect(await stopServer(server)).toBe(0);
      expect(existsSync(join(pgDir, 'pgdata', 'postmaster.pid'))).toBe(false);

      // A second start finds the same data, without migrating again.
      server = startServer(env);
      await listening(server);
      expect(server.stderr()).not.toMatch(/ran migrations/);
      const again = await http.get(`/read/${project}/es/${article}`);
      expect(again.status).toBe(200);
      expect(again.text).toContain('ES Take <strong>2 tablets</strong> with water.');

      // Killed outright, the server leaves its PostgreSQL running; the next start takes it over.
      server.child.kill('SIGKILL');
      await server.exited;
      expect(existsSync(join(pgDir, 'pgdata', 'postmaster.pid'))).toBe(true);
      server = startServer(env);
      await listening(server);
      expect((await http.get(`/read/${project}/es/${article}`)).status).toBe(200);
      expect(await stopServer(server)).toBe(0);
      expect(existsSync(join(pgDir, 'pgdata', 'postmaster.pid'))).toBe(false);
    } finally {
      if (server.child.exitCode === null) {
        server.child.kill('SIGKILL');
        await server.exited;
      }
      stopLeftoverPostgres(join(pgDir, 'pgdata'));
      rmSync(dir, { recursive: true, force: true });
    }
  }, 240_000);

  it('uses the PostgreSQL answering on 127.0.0.1:5432 when DATABASE_URL is unset', async () => {
    const provided = await provideDatabase(loadConfig({ NODE_ENV: 'test' }));
    expect(provided.embedded).toBeNull();
    expect(provided.mode).toEqual({ kind: 'server', url: DEFAULT_DATABASE_URL });
    expect(provided.config.databaseUrl).toBe(DEFAULT_DATABASE_URL);
  });
});
