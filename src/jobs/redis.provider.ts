import type { FactoryProvider } from '@nestjs/common';
import Redis, { RedisOptions } from 'ioredis';
import { APP_CONFIG, AppConfig } from '../config/config';

export const REDIS = Symbol('REDIS');

/** ioredis options from a redis:// URL (BullMQ takes options, not URLs). */
export function redisOptionsFromUrl(url: string): RedisOptions {
  const parsed = new URL(url);
  const db = parsed.pathname.replace(/^\//, '');
  return {
    host: parsed.hostname || '127.0.0.1',
    port: Number(parsed.port || 6379),
    db: db === '' ? 0 : Number(db),
    username: parsed.username ? decodeURIComponent(parsed.username) : undefined,
    password: parsed.password ? decodeURIComponent(parsed.password) : undefined,
    tls: parsed.protocol === 'rediss:' ? {} : undefined,
  };
}

/**
 * Options for a connection that fails fast while Redis is down (no offline queue, one retry per
 * command) and keeps reconnecting in the background, so callers can degrade rather than hang.
 */
export function failFastRedisOptions(
  url: string,
): RedisOptions & { retryStrategy: (times: number) => number } {
  return {
    ...redisOptionsFromUrl(url),
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    retryStrategy: (times: number) => Math.min(times * 200, 2000),
  };
}

/** The shared client; null when jobs travel through the outbox and nothing may touch Redis. */
export type RedisClient = Redis | null;

/**
 * A shared fail-fast client for small commands (health, throttling, metrics): a command that
 * gets no answer in half a second fails, so no request waits on Redis.
 */
export const redisProvider: FactoryProvider<RedisClient> = {
  provide: REDIS,
  inject: [APP_CONFIG],
  useFactory: (config: AppConfig) => {
    if (config.jobTransport === 'outbox') return null;
    const client = new Redis({
      ...failFastRedisOptions(config.redisUrl),
      connectTimeout: 2000,
      commandTimeout: 500,
    });
    client.on('error', () => undefined); // reported by /health and /metrics
    return client;
  },
};
