import { Module } from '@nestjs/common';
import { EventsProcessor } from './jobs/events.processor';
import { OutboxRelay } from './jobs/outbox-relay';
import { PublishProcessor } from './publishing/publish.processor';
import { PublishingModule } from './publishing/publishing.module';

/** What only a worker process runs: the outbox relay and the queue processors. */
@Module({
  imports: [PublishingModule],
  providers: [OutboxRelay, EventsProcessor, PublishProcessor],
})
export class WorkerModule {}
