import { Module } from '@nestjs/common';
import { ProjectsModule } from '../projects/projects.module';
import { WebhooksController } from './webhooks.controller';
import { WebhooksService } from './webhooks.service';

/**
 * Per-project webhooks, fed only from the outbox. Deliveries are attempted in the worker: by
 * WebhookDeliveryProcessor (BullMQ) or OutboxDeliveryPoller (no Redis), see WorkerModule.
 */
@Module({
  imports: [ProjectsModule],
  controllers: [WebhooksController],
  providers: [WebhooksService],
  exports: [WebhooksService],
})
export class WebhooksModule {}
