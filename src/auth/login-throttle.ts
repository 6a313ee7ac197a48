import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config/config';
import { REDIS, RedisClient } from '../jobs/redis.provider';

const WINDOW_SECONDS = 60;
const MAX_FAILURES = 10;

/**
 * Counts failed logins per (IP, e-mail) in Redis so the limit holds across API replicas. If Redis
 * is down (its client fails fast), or not used at all, a per-process counter takes over:
 * throttling degrades, logging in keeps working and never waits on Redis.
 */
@Injectable()
export class LoginThrottle {
  private readonly logger = new Logger(LoginThrottle.name);
  private readonly local = new Map<string, { count: number; resetAt: number }>();

  constructor(
    @Inject(REDIS) private readonly redis: RedisClient,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private key(ip: string, email: string): string {
    // Namespaced like the queues, so installations sharing one Redis do not share counters.
    return `${this.config.queuePrefix}:login-failures:${ip}:${email.toLowerCase()}`;
  }

  async isBlocked(ip: string, email: string): Promise<boolean> {
    const key = this.key(ip, email);
    try {
      if (!this.redis) throw new Error('Redis is not used');
      const count = Number((await this.redis.get(key)) ?? 0);
      return count >= MAX_FAILURES;
    } catch {
      const entry = this.local.get(key);
      return entry !== undefined && entry.resetAt > Date.now() && entry.count >= MAX_FAILURES;
    }
  }

  async recordFailure(ip: string, email: string): Promise<void> {
    const key = this.key(ip, email);
    try {
      if (!this.redis) throw new Error('Redis is not used');
      const count = await this.redis.incr(key);
      if (count === 1) await this.redis.expire(key, WINDOW_SECONDS);
    } catch (error) {
      if (this.redis)
        this.logger.warn(`login throttle falls back to memory: ${(error as Error).message}`);
      const now = Date.now();
      const entry = this.local.get(key);
      if (!entry || entry.resetAt <= now)
        this.local.set(key, { count: 1, resetAt: now + WINDOW_SECONDS * 1000 });
      else entry.count += 1;
    }
  }

  async reset(ip: string, email: string): Promise<void> {
    const key = this.key(ip, email);
    this.local.delete(key);
    await this.redis?.del(key).catch(() => undefined);
  }
}
