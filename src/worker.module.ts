import { Module } from '@nestjs/common';
import { EventsProcessor } from './jobs/events.processor';
import { OutboxRelay } from './jobs/outbox-relay';

/** What only a worker process runs: the outbox relay and the queue processors. */
@Module({
  providers: [OutboxRelay, EventsProcessor],
})
export class WorkerModule {}
