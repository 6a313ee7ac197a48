import { randomBytes } from 'node:crypto';
import { join, resolve } from 'node:path';
import { repoRoot } from '../common/repo-root';

/** Typed configuration, parsed once from the environment at start-up. */
export interface AppConfig {
  nodeEnv: 'development' | 'production' | 'test';
  databaseUrl: string;
  /**
   * When to start an embedded PostgreSQL instead of using databaseUrl: DATABASE_URL=embedded
   * says always; an unset DATABASE_URL says when nothing answers on 127.0.0.1:5432.
   */
  embeddedPostgres: EmbeddedPostgresSetting;
  /** Where BullMQ's Redis is; unused when `jobTransport` is `outbox`. */
  redisUrl: string;
  /** REDIS_URL was given (a server is then required at start-up; unset lets start-up probe). */
  redisUrlExplicit: boolean;
  /**
   * How jobs travel: `bullmq` (Redis) or `outbox` (claimed in-process from PostgreSQL).
   * REDIS_URL=none chooses `outbox`; with REDIS_URL unset, start-up (resolveJobTransport)
   * chooses `outbox` when nothing answers on 127.0.0.1:6379. Resolved once, at start-up.
   */
  jobTransport: JobTransportKind;
  port: number;
  host: string;
  jwtSecret: string;
  jwtSecretGenerated: boolean;
  /**
   * What stored secrets (webhook signing secrets) are sealed with: SECRETS_KEY, else the
   * configured JWT_SECRET; null when neither is configured (then they are stored as given).
   */
  secretsKey: string | null;
  jwtTtlSeconds: number;
  adminEmail: string | null;
  adminPassword: string | null;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  queuePrefix: string;
  publicUrl: string;
  webhookAllowPrivate: boolean;
  webhookBackoffMs: number;
  webhookAttempts: number;
  seedDemo: boolean;
  /** Processed outbox rows, processed-event markers and finished webhook deliveries older than this are deleted. */
  retentionDays: number;
  /** An event or job failing for longer than this is reported (/metrics, GET /api/admin/jobs). */
  jobsFailingAfterMs: number;
  /** How often the periodic tasks (reconciliation, retention) run. */
  reconcileEveryMs: number;
  /** A relayed event (or queued delivery) not done after this long is handed over again. */
  redriveAfterMs: number;
  /** Failed events are retried after base × 2^(attempts − 1), capped at the maximum. */
  eventRetryBaseMs: number;
  eventRetryMaxMs: number;
  /**
   * Test only (NODE_ENV=test): event types whose handler transactions wait before committing,
   * so a fault test can kill the process mid-handler. Empty otherwise.
   */
  testPauseEventTypes: string[];
  /** The built web app served under /app (WEB_DIST_DIR, default <repo>/dist/web). */
  webDistDir: string;
  /** How long a machine-translation provider may take to answer (MT_TIMEOUT_MS, default 10 s). */
  mtTimeoutMs: number;
}

export interface EmbeddedPostgresSetting {
  when: 'never' | 'no-local-server' | 'always';
  /** Cluster, password and owner file (EMBEDDED_PG_DIR, default ./data/postgres). */
  dir: string;
  /** EMBEDDED_PG_PORT; null: 54329 when free, else any free port. */
  port: number | null;
}

/** The server tried when DATABASE_URL is unset. */
export const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/tms';

export type JobTransportKind = 'bullmq' | 'outbox';

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    problem: string,
  ) {
    super(`Invalid configuration: ${variable} ${problem}`);
  }
}

type Env = Record<string, string | undefined>;

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

function str(env: Env, name: string, fallback: string): string {
  const value = env[name];
  return value === undefined || value === '' ? fallback : value;
}

function int(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(name, `must be an integer between ${min} and ${max} (got "${raw}")`);
  }
  return value;
}

function bool(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes'].includes(raw.toLowerCase())) return true;
  if (['0', 'false', 'no'].includes(raw.toLowerCase())) return false;
  throw new ConfigError(name, `must be true or false (got "${raw}")`);
}

function url(env: Env, name: string, fallback: string, protocols: string[]): string {
  const value = str(env, name, fallback);
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    throw new ConfigError(name, `is not a valid URL`);
  }
  if (!protocols.includes(parsed.protocol)) {
    throw new ConfigError(name, `must start with ${protocols.join(' or ')}`);
  }
  return value;
}

const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';

/** Parses and validates the environment; throws ConfigError naming the first bad variable. */
export function loadConfig(env: Env = process.env): AppConfig {
  const nodeEnvRaw = str(env, 'NODE_ENV', 'development');
  if (!['development', 'production', 'test'].includes(nodeEnvRaw)) {
    throw new ConfigError('NODE_ENV', 'must be development, production or test');
  }
  const nodeEnv = nodeEnvRaw as AppConfig['nodeEnv'];

  const logLevel = str(env, 'LOG_LEVEL', nodeEnv === 'test' ? 'silent' : 'info');
  if (!(LOG_LEVELS as readonly string[]).includes(logLevel)) {
    throw new ConfigError('LOG_LEVEL', `must be one of ${LOG_LEVELS.join(', ')}`);
  }

  const jwtSecretRaw = env.JWT_SECRET ?? '';
  if (nodeEnv === 'production' && jwtSecretRaw === '') {
    throw new ConfigError('JWT_SECRET', 'is required when NODE_ENV=production');
  }
  if (jwtSecretRaw !== '' && jwtSecretRaw.length < 32) {
    throw new ConfigError('JWT_SECRET', 'must be at least 32 characters');
  }

  const secretsKeyRaw = env.SECRETS_KEY ?? '';
  if (secretsKeyRaw !== '' && secretsKeyRaw.length < 32) {
    throw new ConfigError('SECRETS_KEY', 'must be at least 32 characters');
  }

  const adminEmail = env.ADMIN_EMAIL?.trim() || null;
  const adminPassword = env.ADMIN_PASSWORD || null;
  if (adminEmail !== null && !/^[^\s@]+@[^\s@]+$/.test(adminEmail)) {
    throw new ConfigError('ADMIN_EMAIL', 'is not an e-mail address');
  }
  if (adminPassword !== null && adminPassword.length < 8) {
    throw new ConfigError('ADMIN_PASSWORD', 'must be at least 8 characters');
  }
  if (nodeEnv === 'production' && adminEmail !== null && adminPassword === null) {
    throw new ConfigError(
      'ADMIN_PASSWORD',
      'is required with ADMIN_EMAIL when NODE_ENV=production',
    );
  }

  const redisRaw = str(env, 'REDIS_URL', '');
  const redisNone = redisRaw.toLowerCase() === 'none';

  const port = int(env, 'PORT', 3000, 0, 65535);
  const databaseUrlUnset = (env.DATABASE_URL ?? '') === '';
  const embedded = env.DATABASE_URL?.trim().toLowerCase() === 'embedded';
  const host = str(env, 'HOST', '0.0.0.0');

  return {
    nodeEnv,
    databaseUrl: embedded
      ? DEFAULT_DATABASE_URL
      : url(env, 'DATABASE_URL', DEFAULT_DATABASE_URL, ['postgres:', 'postgresql:']),
    embeddedPostgres: {
      when: embedded ? 'always' : databaseUrlUnset ? 'no-local-server' : 'never',
      dir: str(env, 'EMBEDDED_PG_DIR', 'data/postgres'),
      port: env.EMBEDDED_PG_PORT ? int(env, 'EMBEDDED_PG_PORT', 0, 1, 65535) : null,
    },
    redisUrl: redisNone
      ? DEFAULT_REDIS_URL
      : url(env, 'REDIS_URL', DEFAULT_REDIS_URL, ['redis:', 'rediss:']),
    redisUrlExplicit: redisRaw !== '' && !redisNone,
    jobTransport: redisNone ? 'outbox' : 'bullmq',
    port,
    host,
    jwtSecret: jwtSecretRaw || randomBytes(32).toString('hex'),
    jwtSecretGenerated: jwtSecretRaw === '',
    secretsKey: secretsKeyRaw || jwtSecretRaw || null,
    jwtTtlSeconds: int(env, 'JWT_TTL_SECONDS', 12 * 3600, 60, 30 * 24 * 3600),
    adminEmail,
    adminPassword,
    logLevel: logLevel as AppConfig['logLevel'],
    queuePrefix: str(env, 'QUEUE_PREFIX', 'tms'),
    publicUrl: url(env, 'PUBLIC_URL', `http://localhost:${port}`, ['http:', 'https:']).replace(
      /\/$/,
      '',
    ),
    webhookAllowPrivate: bool(env, 'WEBHOOK_ALLOW_PRIVATE', false),
    webhookBackoffMs: int(env, 'WEBHOOK_BACKOFF_MS', 30_000, 1, 3_600_000),
    webhookAttempts: int(env, 'WEBHOOK_ATTEMPTS', 8, 1, 50),
    seedDemo: bool(env, 'SEED_DEMO', nodeEnv !== 'test'),
    retentionDays: int(env, 'RETENTION_DAYS', 30, 1, 36_500),
    jobsFailingAfterMs: int(env, 'JOBS_FAILING_AFTER_SECONDS', 600, 1, 7 * 24 * 3600) * 1000,
    reconcileEveryMs: int(env, 'RECONCILE_INTERVAL_MS', 60_000, 100, 24 * 3_600_000),
    redriveAfterMs: int(env, 'REDRIVE_AFTER_MS', 120_000, 100, 24 * 3_600_000),
    eventRetryBaseMs: int(env, 'EVENT_RETRY_BASE_MS', 1000, 1, 3_600_000),
    eventRetryMaxMs: int(env, 'EVENT_RETRY_MAX_MS', 300_000, 1, 24 * 3_600_000),
    testPauseEventTypes:
      nodeEnv === 'test'
        ? str(env, 'TMS_TEST_PAUSE_EVENT_TYPES', '')
            .split(',')
            .map((t) => t.trim())
            .filter(Boolean)
        : [],
    webDistDir: resolve(str(env, 'WEB_DIST_DIR', join(repoRoot(), 'dist', 'web'))),
    mtTimeoutMs: int(env, 'MT_TIMEOUT_MS', 10_000, 100, 120_000),
  };
}

/** Injection token for the parsed configuration. */
export const APP_CONFIG = Symbol('APP_CONFIG');
