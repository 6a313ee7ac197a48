import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import Redis from 'ioredis';
import type { DestinationStream } from 'pino';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { AuthService } from '../../src/auth/auth.service';
import { AppConfig, loadConfig } from '../../src/config/config';
import { createHttpApp } from '../../src/http-app';
import { preflight } from '../../src/startup';
import { dropDatabase, runPrefix, templateDb, urlFor, withAdminClient } from './db';

export const ADMIN = { email: 'admin@test.local', password: 'admin-password-1' };

export interface TestApp {
  app: NestFastifyApplication;
  config: AppConfig;
  baseUrl: string;
  databaseUrl: string;
  close(): Promise<void>;
}

export interface TestAppOptions {
  env?: Record<string, string>;
  worker?: boolean;
  /** Reuse an existing database (a second API process against the same data). */
  databaseUrl?: string;
  /** Where the app's JSON log lines go (LOG_LEVEL decides which are written). */
  logDestination?: DestinationStream;
}

/**
 * Boots the real app exactly as main.ts does, against a fresh database cloned from the migrated
 * template and its own Redis database index and queue prefix, listening on a random port.
 */
export async function startApp(options: TestAppOptions = {}): Promise<TestApp> {
  const id = randomBytes(4).toString('hex');
  const database = `${runPrefix()}_${process.env.JEST_WORKER_ID ?? '0'}_${id}`;
  const ownsDatabase = options.databaseUrl === undefined;
  if (ownsDatabase) {
    await withAdminClient((client) =>
      client.query(`CREATE DATABASE "${database}" TEMPLATE "${templateDb()}"`),
    );
  }
  const databaseUrl = options.databaseUrl ?? urlFor(database);
  const redisDb = Number(process.env.JEST_WORKER_ID ?? '1') % 16;
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    DATABASE_URL: databaseUrl,
    REDIS_URL: `redis://127.0.0.1:6379/${redisDb}`,
    QUEUE_PREFIX: `tms-test-${id}`,
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
    JWT_SECRET: 'test-secret-that-is-long-enough-0123456789',
    WEBHOOK_ALLOW_PRIVATE: 'true',
    WEBHOOK_BACKOFF_MS: '50',
    SEED_DEMO: 'false',
    PORT: '0',
    HOST: '127.0.0.1',
    ...options.env,
  });
  await preflight(config, { migrate: true });
  const app = await createHttpApp(
    config,
    { api: true, worker: options.worker ?? true },
    { logDestination: options.logDestination },
  );
  await app.get(AuthService).ensureAdmin();
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as AddressInfo;
  return {
    app,
    config,
    databaseUrl,
    baseUrl: `http://127.0.0.1:${address.port}`,
    async close() {
      await app.close();
      if (config.jobTransport === 'bullmq') await cleanRedis(config);
      if (ownsDatabase) await withAdminClient((client) => dropDatabase(client, database));
    },
  };
}

async function cleanRedis(config: AppConfig): Promise<void> {
  const redis = new Redis(config.redisUrl, { maxRetriesPerRequest: 1 });
  try {
    const keys = await redis.keys(`${config.queuePrefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
  } catch {
    // a test that stopped its own Redis cleans up after itself
  } finally {
    redis.disconnect();
  }
}
