import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ADMIN } from './support/app';
import { eventually } from './support/factories';
import { runPrefix, templateDb, urlFor, withAdminClient } from './support/db';

const MAIN = join(__dirname, '..', 'dist', 'src', 'main.js');

function baseEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH, NODE_ENV: 'test', LOG_LEVEL: 'silent', ...extra };
}

describe('npm start entry point (e2e)', () => {
  it('names PostgreSQL, the URL and how to start it in one line when it is unreachable', () => {
    const result = spawnSync(process.execPath, [MAIN], {
      env: baseEnv({ DATABASE_URL: 'postgres://postgres:secret@127.0.0.1:1/tms' }),
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(result.status).not.toBe(0);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /PostgreSQL is not reachable at DATABASE_URL=postgres:\/\/postgres:\*\*\*@127\.0\.0\.1:1\/tms/,
    );
    expect(lines[0]).toContain('docker compose up -d postgres redis');
    expect(lines[0]).not.toContain('secret');
  });

  it('names Redis when it is unreachable', () => {
    const result = spawnSync(process.execPath, [MAIN], {
      env: baseEnv({ DATABASE_URL: urlFor(templateDb()), REDIS_URL: 'redis://127.0.0.1:1' }),
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(result.status).not.toBe(0);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/Redis is not reachable at REDIS_URL=redis:\/\/127\.0\.0\.1:1/);
  });

  it('refuses bad configuration naming the variable', () => {
    const result = spawnSync(process.execPath, [MAIN], {
      env: baseEnv({ PORT: 'abc' }),
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toBe(
      'tms: Invalid configuration: PORT must be an integer between 0 and 65535 (got "abc")',
    );
  });

  it('creates the database, migrates, serves, and exits 0 on SIGTERM', async () => {
    const database = `${runPrefix()}_start_${process.pid}`;
    const child = spawn(process.execPath, [MAIN, '--with-worker'], {
      env: baseEnv({
        DATABASE_URL: urlFor(database),
        PORT: '0',
        HOST: '127.0.0.1',
        PUBLIC_URL: 'http://127.0.0.1:0',
        QUEUE_PREFIX: `tms-start-${process.pid}`,
        ADMIN_EMAIL: ADMIN.email,
        ADMIN_PASSWORD: ADMIN.password,
        SEED_DEMO: 'false',
      }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    try {
      await eventually(async () => /listening on/.test(stderr), 30_000, 100);
      expect(stderr).toContain(`created database ${database}`);
      expect(stderr).toMatch(/ran migrations/);
      const exit = new Promise<number | null>((resolve) =>
        child.once('exit', (code) => resolve(code)),
      );
      child.kill('SIGTERM');
      expect(await exit).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      await withAdminClient((client) =>
        client.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`),
      );
    }
  }, 60_000);
});
