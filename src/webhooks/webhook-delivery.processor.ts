import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject } from '@nestjs/common';
import type { Job } from 'bullmq';
import { APP_CONFIG, AppConfig } from '../config/config';
import { QUEUES } from '../jobs/queues';
import {
  DELIVERY_BACKOFF,
  DELIVERY_TIMEOUT_MS,
  retryDelayMs,
  statusAfter,
} from './delivery-policy';
import { DeliveryResult, sendWebhook } from './webhook-client';
import type { DeliveryJob } from './webhook-queue';
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
 * Attempts one webhook delivery per job run. Each attempt is logged; a non-2xx answer, a network
 * error or a timeout throws so BullMQ retries with backoff, until the last attempt marks the
 * delivery failed. A target refused by the SSRF guard fails at once.
 */
@Processor(QUEUES.webhooks, {
  concurrency: 16,
  settings: { backoffStrategy: webhookBackoff as never },
})
export class WebhookDeliveryProcessor extends WorkerHost {
  constructor(
    private readonly webhooks: WebhooksService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super();
  }

  async process(job: Job<DeliveryJob>): Promise<void> {
    const target = await this.webhooks.target(job.data);
    if (!target || target.status === 'succeeded' || target.status === 'failed') return;
    const attempt = job.attemptsMade + 1;
    const attempts = job.opts.attempts ?? 1;
    const signing = this.webhooks.signingSecret(target);
    const result: DeliveryResult =
      'error' in signing
        ? { statusCode: null, durationMs: 0, error: signing.error, refused: false }
        : await sendWebhook(
            {
              url: target.url,
              secret: signing.secret,
              body: target.body,
              event: target.event,
              deliveryId: target.deliveryId,
            },
            { allowPrivate: this.config.webhookAllowPrivate, timeoutMs: DELIVERY_TIMEOUT_MS },
          );
    const status = statusAfter(result, attempt, attempts);
    await this.webhooks.record(target.deliveryId, attempt, result, status);
    if (status === 'retrying') throw new Error(result.error ?? 'delivery failed');
  }
}
