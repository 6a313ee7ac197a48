import { ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import { Agent, request } from 'node:http';
import { join } from 'node:path';
import { Client } from 'pg';

/** Helpers shared by the benchmark scripts (compiled to dist/bench). */

export const ROOT = join(__dirname, '..', '..');

/** The admin every benchmark server is started with. */
export const BENCH_ADMIN = { email: 'bench@localhost', password: 'bench-password-1' };

/** The environment of a benchmark server process: its database, its queue prefix, quiet logs. */
export function benchServerEnv(databaseUrl: string, queuePrefix: string): Record<string, string> {
  return {
    DATABASE_URL: databaseUrl,
    ADMIN_EMAIL: BENCH_ADMIN.email,
    ADMIN_PASSWORD: BENCH_ADMIN.password,
    JWT_SECRET: 'bench-secret-that-is-long-enough-0123456789',
    LOG_LEVEL: 'warn',
    SEED_DEMO: 'false',
    QUEUE_PREFIX: queuePrefix,
  };
}

export function databaseUrl(name: string): string {
  const url = new URL(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
  url.pathname = `/${name}`;
  return url.toString();
}

export async function recreateDatabase(name: string): Promise<string> {
  const admin = new Client({ connectionString: databaseUrl('postgres') });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  return databaseUrl(name);
}

export async function dropDatabase(name: string): Promise<void> {
  const admin = new Client({ connectionString: databaseUrl('postgres') });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}

/**
 * Starts `node <script> <args>` and resolves once it prints `READY <port>` on stdout.
 * `launcher` runs node under another program, e.g. `['valgrind', '--tool=callgrind']`.
 */
export function startChild(
  script: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  launcher: readonly string[] = [],
): Promise<{ child: ChildProcess; port: number }> {
  return new Promise((resolve, reject) => {
    // BENCH_NODE_ARGS passes flags to the server, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof".
    const nodeArgs = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
    const command = [...launcher, process.execPath, ...nodeArgs, script, ...args];
    const child = spawn(command[0], command.slice(1), {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let buffer = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      // BENCH_SERVER_STDOUT=1 shows what the server prints (with --trace-gc, say).
      if (process.env.BENCH_SERVER_STDOUT) process.stderr.write(chunk);
      buffer += chunk.toString();
      const match = /READY (\d+)/.exec(buffer);
      if (match) resolve({ child, port: Number(match[1]) });
      buffer = buffer.slice(-20); // a line split across chunks
    });
    child.once('exit', (code) =>
      reject(new Error(`${script} exited with ${code} before it was ready`)),
    );
  });
}

export async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  await new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

export function table(rows: Array<Record<string, string | number>>): string {
  const columns = Object.keys(rows[0]);
  const widths = columns.map((c) => Math.max(c.length, ...rows.map((r) => String(r[c]).length)));
  const line = (cells: string[]): string =>
    '| ' + cells.map((c, i) => c.padEnd(widths[i])).join(' | ') + ' |';
  return [
    line(columns),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map((r) => line(columns.map((c) => String(r[c])))),
  ].join('\n');
}

/** Installs, with apt-get, the Debian packages of the commands that are missing. */
export function ensureCommands(packages: Record<string, string>): void {
  const missing = Object.keys(packages).filter(
    (command) =>
      spawnSync('sh', ['-c', `command -v ${command} || test -x /usr/sbin/${command}`]).status !== 0,
  );
  if (missing.length === 0) return;
  process.stderr.write(`installing ${missing.join(', ')} with apt-get\n`);
  const names = missing.map((command) => packages[command]).join(' ');
  execFileSync('sh', ['-c', `apt-get update -qq && apt-get install -y -qq ${names}`], {
    stdio: 'inherit',
  });
}

/** A JSON request to a benchmark server on 127.0.0.1, over `agent`'s kept-alive sockets. */
export function jsonApi(agent: Agent) {
  return function call<T>(
    port: number,
    method: string,
    path: string,
    token: string | null,
    body?: unknown,
  ): Promise<{ status: number; body: T }> {
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    return new Promise((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port,
          method,
          path,
          agent,
          headers: {
            ...(payload
              ? { 'content-type': 'application/json', 'content-length': payload.length }
              : {}),
            ...(token ? { authorization: `Bearer ${token}` } : {}),
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString();
            resolve({ status: res.statusCode ?? 0, body: (text ? JSON.parse(text) : null) as T });
          });
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(payload);
    });
  };
}

/** The body of a 2xx answer; anything else throws, naming the step. */
export async function must<T>(
  promise: Promise<{ status: number; body: T }>,
  what: string,
): Promise<T> {
  const res = await promise;
  if (res.status >= 300) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** Signs in as the benchmark admin (BENCH_ADMIN) and answers the access token. */
export async function adminToken(call: ReturnType<typeof jsonApi>, port: number): Promise<string> {
  const { accessToken } = await must(
    call<{ accessToken: string }>(port, 'POST', '/api/auth/login', null, BENCH_ADMIN),
    'login',
  );
  return accessToken;
}

/** The p-th percentile of ascending `sorted`. */
export const percentile = (sorted: number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
