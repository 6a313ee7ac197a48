import { Module } from '@nestjs/common';
import { ProjectsModule } from '../projects/projects.module';
import { WebhookQueue } from './webhook-queue';
import { WebhooksController } from './webhooks.controller';
import { WebhooksService } from './webhooks.service';

/**
 * Per-project webhooks, fed only from the outbox. The delivery processor
 * (WebhookDeliveryProcessor) is registered in the worker module.
 */
@Module({
  imports: [ProjectsModule],
  controllers: [WebhooksController],
  providers: [WebhooksService, WebhookQueue],
  exports: [WebhooksService],
})
export class WebhooksModule {}
