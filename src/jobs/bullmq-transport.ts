import { Logger } from '@nestjs/common';
import { Queue } from 'bullmq';
import Redis from 'ioredis';
import type { AppConfig } from '../config/config';
import { DELIVERY_BACKOFF } from '../webhooks/delivery-policy';
import type { EventJob, JobTransport, QueueCount, RedisState } from './job-transport';
import { within } from './job-transport';
import { DeliveryJob, EventEnvelope, QUEUES } from './queues';
import { failFastRedisOptions } from './redis.provider';

const ANSWER_MS = 500;

/**
 * The BullMQ driver: events and webhook deliveries become jobs on Redis, consumed by the
 * @Processor classes of the worker. Its connections fail fast while Redis is down (no offline
 * queue), so a caller learns at once and the outbox keeps the work; nothing waits on Redis.
 * An event job runs once (the outbox row is what is retried); its id names the hand-over, so a
 * re-driven event is a new job even when Redis still holds the old one.
 */
export class BullmqTransport implements JobTransport {
  readonly kind = 'bullmq' as const;
  private readonly logger = new Logger(BullmqTransport.name);
  private readonly queues = new Map<string, Queue>();

  constructor(
    private readonly config: AppConfig,
    private readonly redis: Redis,
  ) {}

  private queue(name: string): Queue {
    let queue = this.queues.get(name);
    if (!queue) {
      queue = new Queue(name, {
        prefix: this.config.queuePrefix,
        connection: { ...failFastRedisOptions(this.config.redisUrl), commandTimeout: 5000 },
      });
      queue.on('error', () => undefined); // surfaced to callers through failed adds
      this.queues.set(name, queue);
    }
    return queue;
  }

  capacity(): number {
    return Number.POSITIVE_INFINITY;
  }

  async dispatchEvents(jobs: EventJob[]): Promise<void> {
    if (jobs.length === 0) return;
    await this.queue(QUEUES.events).addBulk(
      jobs.map(({ jobId, event }) => ({
        name: event.type,
        data: event satisfies EventEnvelope,
        opts: {
          jobId,
          attempts: 1,
          removeOnComplete: { age: 3600, count: 10_000 },
          removeOnFail: { age: 24 * 3600, count: 10_000 },
        },
      })),
    );
  }

  async dispatchDeliveries(jobs: DeliveryJob[]): Promise<void> {
    if (jobs.length === 0) return;
    await this.queue(QUEUES.webhooks).addBulk(
      jobs.map((data) => ({
        name: 'deliver',
        data,
        opts: {
          jobId: data.jobId ?? data.deliveryId,
          attempts: this.config.webhookAttempts,
          backoff: { type: DELIVERY_BACKOFF, delay: this.config.webhookBackoffMs },
          removeOnComplete: { age: 24 * 3600, count: 10_000 },
          removeOnFail: { age: 7 * 24 * 3600 },
        },
      })),
    );
  }

  async redisState(): Promise<RedisState> {
    try {
      await within(this.redis.ping(), ANSWER_MS);
      return 'up';
    } catch {
      return 'down';
    }
  }

  async queueCounts(): Promise<QueueCount[]> {
    if (this.redis.status !== 'ready') return [];
    const counts = await Promise.all(
      Object.values(QUEUES).map(async (name) => {
        try {
          const byState = await within(
            this.queue(name).getJobCounts('waiting', 'active', 'delayed', 'failed'),
            ANSWER_MS,
          );
          return Object.entries(byState).map(([state, count]) => ({ queue: name, state, count }));
        } catch {
          return [];
        }
      }),
    );
    return counts.flat();
  }

  async close(): Promise<void> {
    await Promise.all(
      [...this.queues.values()].map((q) =>
        q.close().catch((error: Error) => this.logger.debug(error.message)),
      ),
    );
  }
}
