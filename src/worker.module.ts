import { Module } from '@nestjs/common';
import { EventsProcessor } from './jobs/events.processor';
import { OutboxRelay } from './jobs/outbox-relay';
import { PublishingModule } from './publishing/publishing.module';
import { WebhookDeliveryProcessor } from './webhooks/webhook-delivery.processor';
import { WebhooksModule } from './webhooks/webhooks.module';

/** What only a worker process runs: the outbox relay and the queue processors. */
@Module({
  imports: [PublishingModule, WebhooksModule],
  providers: [OutboxRelay, EventsProcessor, WebhookDeliveryProcessor],
})
export class WorkerModule {}
