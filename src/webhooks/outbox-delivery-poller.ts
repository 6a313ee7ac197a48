import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { describeError } from '../jobs/retry-policy';
import { WebhooksService } from './webhooks.service';

const POLL_MS = 250;
const CONCURRENCY = 16;

/**
 * The outbox driver's consumer of webhook deliveries (no Redis): claims due rows of
 * webhook_deliveries with FOR UPDATE SKIP LOCKED and attempts them in-process with the same
 * code and retry timing as the BullMQ processor.
 */
@Injectable()
export class OutboxDeliveryPoller implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxDeliveryPoller.name);
  private readonly running = new Set<Promise<void>>();
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  private failures = 0;

  constructor(private readonly webhooks: WebhooksService) {}

  onApplicationBootstrap(): void {
    this.schedule(0);
  }

  private schedule(delay: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => void this.poll(), delay);
  }

  async poll(): Promise<void> {
    let claimed = 0;
    try {
      const free = CONCURRENCY - this.running.size;
      const jobs = free > 0 ? await this.webhooks.claimDue(free) : [];
      claimed = jobs.length;
      for (const job of jobs) {
        const run: Promise<void> = this.webhooks
          .attempt(job)
          .then(
            () => undefined,
            (error: unknown) =>
              this.logger.warn(
                `delivery ${job.deliveryId} attempt failed: ${describeError(error)}`,
              ),
          )
          .finally(() => this.running.delete(run));
        this.running.add(run);
      }
      this.failures = 0;
    } catch (error) {
      this.failures += 1;
      if (this.failures === 1 || this.failures % 30 === 0) {
        this.logger.warn(`webhook deliveries waiting for PostgreSQL: ${describeError(error)}`);
      }
    }
    this.schedule(claimed > 0 ? 0 : Math.min(POLL_MS * 2 ** this.failures, 5000));
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await Promise.all([...this.running]);
  }
}
