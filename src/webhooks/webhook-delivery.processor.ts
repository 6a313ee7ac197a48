import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import type { DeliveryJob } from '../jobs/queues';
import { QUEUES } from '../jobs/queues';
import { WorkerErrorLog } from '../jobs/worker-errors';
import { DELIVERY_BACKOFF, retryDelayMs } from './delivery-policy';
import { WebhooksService } from './webhooks.service';

/** BullMQ backoff for webhook jobs: the base delay travels in the job's own options. */
export function webhookBackoff(
  attemptsMade: number,
  type?: string,
  _err?: Error,
  job?: { opts: { backoff?: number | { delay?: number } } },
): number {
  const backoff = job?.opts.backoff;
  const base = typeof backoff === 'object' ? (backoff.delay ?? 1000) : (backoff ?? 1000);
  return type === DELIVERY_BACKOFF ? retryDelayMs(base, attemptsMade) : base;
}

/**
 * The BullMQ driver's consumer of webhook deliveries: one attempt per job run
 * (WebhooksService.attempt); while the delivery is retrying the job throws so BullMQ waits
 * with backoff, until the last attempt marks the delivery failed. A target refused by the
 * SSRF guard fails at once.
 */
@Processor(QUEUES.webhooks, {
  concurrency: 16,
  settings: { backoffStrategy: webhookBackoff as never },
})
export class WebhookDeliveryProcessor extends WorkerHost {
  private readonly errors = new WorkerErrorLog(WebhookDeliveryProcessor.name);

  constructor(private readonly webhooks: WebhooksService) {
    super();
  }

  async process(job: Job<DeliveryJob>): Promise<void> {
    const status = await this.webhooks.attempt(job.data);
    if (status === 'retrying') throw new Error('delivery failed; retrying');
  }

  @OnWorkerEvent('error')
  onError(error: Error): void {
    this.errors.report(error);
  }
}
