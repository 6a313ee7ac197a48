import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { Queue } from 'bullmq';
import { APP_CONFIG, AppConfig } from '../config/config';
import { failFastRedisOptions } from '../jobs/redis.provider';
import { QUEUES } from '../jobs/queues';
import { DELIVERY_BACKOFF } from './delivery-policy';

export interface DeliveryJob {
  deliveryId: string;
  /** Advisory-lock key held by the transaction that created the delivery row. */
  gate: string;
}

/**
 * Enqueues delivery jobs. Its own connection fails fast while Redis is down (instead of queueing
 * commands), so the caller's transaction rolls back and the event is retried later.
 */
@Injectable()
export class WebhookQueue implements OnApplicationShutdown {
  private queue: Queue<DeliveryJob> | null = null;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  private get(): Queue<DeliveryJob> {
    if (!this.queue) {
      this.queue = new Queue<DeliveryJob>(QUEUES.webhooks, {
        prefix: this.config.queuePrefix,
        connection: failFastRedisOptions(this.config.redisUrl),
      });
      this.queue.on('error', () => undefined); // surfaced to callers through failed adds
    }
    return this.queue;
  }

  async add(jobs: DeliveryJob[]): Promise<void> {
    if (jobs.length === 0) return;
    await this.get().addBulk(
      jobs.map((data) => ({
        name: 'deliver',
        data,
        opts: {
          jobId: data.deliveryId,
          attempts: this.config.webhookAttempts,
          backoff: { type: DELIVERY_BACKOFF, delay: this.config.webhookBackoffMs },
          removeOnComplete: { age: 24 * 3600, count: 10_000 },
          removeOnFail: { age: 7 * 24 * 3600 },
        },
      })),
    );
  }

  async onApplicationShutdown(): Promise<void> {
    await this.queue?.close().catch(() => undefined);
  }
}
