import { DynamicModule, Module, Provider } from '@nestjs/common';
import type { AppConfig } from './config/config';
import { EventsProcessor } from './jobs/events.processor';
import { OutboxRelay } from './jobs/outbox-relay';
import { PeriodicScheduler } from './jobs/periodic-tasks';
import { PublishingModule } from './publishing/publishing.module';
import { OutboxDeliveryPoller } from './webhooks/outbox-delivery-poller';
import { WebhookDeliveryProcessor } from './webhooks/webhook-delivery.processor';
import { WebhooksModule } from './webhooks/webhooks.module';

/**
 * What only a worker process runs: the outbox relay, the periodic tasks, and the consumers of
 * the job transport (BullMQ processors, or in-process pollers when there is no Redis).
 */
@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig): DynamicModule {
    const consumers: Provider[] =
      config.jobTransport === 'bullmq'
        ? [EventsProcessor, WebhookDeliveryProcessor]
        : [OutboxDeliveryPoller];
    return {
      module: WorkerModule,
      imports: [PublishingModule, WebhooksModule],
      providers: [OutboxRelay, PeriodicScheduler, ...consumers],
    };
  }
}
