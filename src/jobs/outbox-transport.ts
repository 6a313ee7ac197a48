import { Logger } from '@nestjs/common';
import type { EventRunner } from './event-runner';
import type { EventJob, JobTransport, QueueCount, RedisState } from './job-transport';
import type { DeliveryJob } from './queues';

/** Events run at once in this process, at most this many at a time. */
const CONCURRENCY = 8;

/**
 * The PostgreSQL-outbox driver, for a single process without Redis: the relay claims due
 * outbox rows (FOR UPDATE SKIP LOCKED) and this driver runs them in-process through the same
 * EventRunner, so the same handlers, duplicate guard and retry rules apply. Webhook deliveries
 * are claimed from their table by OutboxDeliveryPoller. A claim that dies with the process is
 * re-driven by the reconciliation, as a lost BullMQ job would be. Nothing connects to Redis.
 */
export class OutboxTransport implements JobTransport {
  readonly kind = 'outbox' as const;
  private readonly logger = new Logger(OutboxTransport.name);
  private readonly running = new Set<Promise<void>>();

  constructor(private readonly runner: EventRunner) {}

  capacity(): number {
    return Math.max(0, CONCURRENCY - this.running.size);
  }

  dispatchEvents(jobs: EventJob[]): Promise<void> {
    for (const { event } of jobs) {
      // Runs after the claiming transaction commits: the runner's update of the row waits for it.
      const run: Promise<void> = this.runner
        .run(event)
        .then(
          () => undefined,
          (error: Error) =>
            this.logger.warn(`event ${event.eventId} could not be recorded: ${error.message}`),
        )
        .finally(() => this.running.delete(run));
      this.running.add(run);
    }
    return Promise.resolve();
  }

  dispatchDeliveries(_jobs: DeliveryJob[]): Promise<void> {
    return Promise.resolve();
  }

  redisState(): Promise<RedisState> {
    return Promise.resolve('not used');
  }

  queueCounts(): Promise<QueueCount[]> {
    return Promise.resolve([]);
  }

  async close(): Promise<void> {
    await Promise.all([...this.running]);
  }
}
