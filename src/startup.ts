import { connect } from 'node:net';
import Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { ConfigError, loadConfig, AppConfig, JobTransportKind } from './config/config';
import { DatabaseMode, describeMode, jobsMode } from './config/mode';
import { dataSourceOptions } from './database/data-source';
import { EmbeddedPostgres, EmbeddedPostgresError } from './database/embedded-postgres';
import { ensureDatabase, redactUrl } from './database/ensure-database';
import { redisOptionsFromUrl } from './jobs/redis.provider';

/** A start-up failure with a one-line, actionable message. */
export class StartupError extends Error {}

const HOW_TO_START =
  'start it (`docker compose up -d postgres redis`, or your system service) or point the URL elsewhere';

export function configOrExit(): AppConfig {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) fail(error.message);
    throw error;
  }
}

export function fail(message: string): never {
  process.stderr.write(`tms: ${message}\n`);
  process.exit(1);
}

export async function checkPostgres(config: AppConfig): Promise<void> {
  try {
    if (await ensureDatabase(config.databaseUrl)) {
      process.stderr.write(
        `tms: created database ${new URL(config.databaseUrl).pathname.slice(1)}\n`,
      );
    }
  } catch (error) {
    throw new StartupError(
      `PostgreSQL is not reachable at DATABASE_URL=${redactUrl(config.databaseUrl)} (${(error as Error).message}); ${HOW_TO_START}.`,
    );
  }
}

/** Whether a Redis server answers PING at the URL within `timeoutMs`; why not when it does not. */
async function pingRedis(url: string, timeoutMs: number): Promise<Error | null> {
  const client = new Redis({
    ...redisOptionsFromUrl(url),
    lazyConnect: true,
    connectTimeout: timeoutMs,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  let cause: Error | null = null;
  client.on('error', (error: Error) => (cause ??= error));
  try {
    await client.connect();
    await client.ping();
    return null;
  } catch (error) {
    return cause ?? (error as Error);
  } finally {
    client.disconnect();
  }
}

/** The PostgreSQL the app uses, and the embedded server behind it if this process runs one. */
export interface ProvidedDatabase {
  config: AppConfig;
  embedded: EmbeddedPostgres | null;
  mode: DatabaseMode;
}

/**
 * Decides where the data lives before anything connects: the configured server, or an
 * embedded PostgreSQL started here (DATABASE_URL=embedded, or DATABASE_URL unset and nothing
 * answering on 127.0.0.1:5432). The rest of the app only sees config.databaseUrl.
 */
export async function provideDatabase(config: AppConfig): Promise<ProvidedDatabase> {
  const { when, dir, port } = config.embeddedPostgres;
  const embed = when === 'always' || (when === 'no-local-server' && !(await answers(5432)));
  if (!embed) return { config, embedded: null, mode: { kind: 'server', url: config.databaseUrl } };
  try {
    const embedded = await EmbeddedPostgres.start({ dir, port });
    return {
      config: { ...config, databaseUrl: embedded.url },
      embedded,
      mode: { kind: 'embedded', dir: embedded.dir, port: embedded.port },
    };
  } catch (error) {
    if (error instanceof EmbeddedPostgresError) fail(error.message);
    throw error;
  }
}

/** Whether something accepts TCP connections on 127.0.0.1:port. */
function answers(port: number): Promise<boolean> {
  return new Promise((done) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.setTimeout(1000);
    socket.once('connect', () => {
      socket.destroy();
      done(true);
    });
    socket.once('timeout', () => {
      socket.destroy();
      done(false);
    });
    socket.once('error', () => done(false));
  });
}

/** Prints the one-line mode: where the data lives and how jobs run. */
export function announceMode(database: ProvidedDatabase): void {
  process.stderr.write(
    describeMode({ database: database.mode, jobs: jobsMode(database.config) }) + '\n',
  );
}

export async function checkRedis(config: AppConfig): Promise<void> {
  const failure = await pingRedis(config.redisUrl, 3000);
  if (failure) {
    const reason = failure.message || 'connection refused';
    throw new StartupError(
      `Redis is not reachable at REDIS_URL=${redactUrl(config.redisUrl)} (${reason}); ${HOW_TO_START}.`,
    );
  }
}

/**
 * How jobs travel, decided once at start-up: REDIS_URL=none chooses the PostgreSQL outbox; an
 * explicit REDIS_URL requires that server (start-up fails naming it); with REDIS_URL unset,
 * BullMQ when something answers on 127.0.0.1:6379, else the outbox.
 */
export async function resolveJobTransport(config: AppConfig): Promise<JobTransportKind> {
  if (config.jobTransport === 'outbox') return 'outbox';
  if (config.redisUrlExplicit) {
    await checkRedis(config);
    return 'bullmq';
  }
  return (await pingRedis(config.redisUrl, 1000)) === null ? 'bullmq' : 'outbox';
}

/** Runs pending migrations under an advisory lock so replicas starting together do not race. */
export async function runMigrations(databaseUrl: string): Promise<string[]> {
  const dataSource = new DataSource({ ...dataSourceOptions(databaseUrl), logging: false });
  await dataSource.initialize();
  try {
    await dataSource.query('SELECT pg_advisory_lock(727274)');
    const ran = await dataSource.runMigrations({ transaction: 'each' });
    await dataSource.query('SELECT pg_advisory_unlock(727274)');
    return ran.map((m) => m.name);
  } finally {
    await dataSource.destroy();
  }
}

/**
 * Everything that must hold before the app starts: config, PostgreSQL, Redis (or the outbox
 * without it), schema. Resolves `config.jobTransport` in place and returns the config.
 */
export async function preflight(
  config: AppConfig,
  options: { migrate: boolean },
): Promise<AppConfig> {
  try {
    await checkPostgres(config);
    config.jobTransport = await resolveJobTransport(config);
    if (options.migrate) {
      const ran = await runMigrations(config.databaseUrl);
      if (ran.length > 0) process.stderr.write(`tms: ran migrations ${ran.join(', ')}\n`);
    }
    return config;
  } catch (error) {
    if (error instanceof StartupError) fail(error.message);
    throw error;
  }
}

/** Closes the app on SIGTERM/SIGINT: drains HTTP, closes workers and pools, exits 0. */
export function exitCleanlyOnSignals(close: () => Promise<void>): void {
  let closing = false;
  const handler = (signal: NodeJS.Signals): void => {
    if (closing) return;
    closing = true;
    process.stderr.write(`tms: ${signal} received, shutting down\n`);
    const force = setTimeout(() => process.exit(1), 15_000);
    force.unref();
    close().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`tms: shutdown failed: ${(error as Error).message}\n`);
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', handler);
  process.once('SIGINT', handler);
}
