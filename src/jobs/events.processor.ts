import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
import { DataSource } from 'typeorm';
import { EventHandlerRegistry } from './event-handlers';
import { EventEnvelope, QUEUES } from './queues';

/**
 * Runs every handler registered for an event. Each handler's work commits together with a
 * processed_events row, so a redelivered event (the relay is at-least-once) is applied once.
 */
@Processor(QUEUES.events, { concurrency: 8 })
export class EventsProcessor extends WorkerHost {
  private readonly logger = new Logger(EventsProcessor.name);

  constructor(
    private readonly registry: EventHandlerRegistry,
    private readonly dataSource: DataSource,
  ) {
    super();
  }

  async process(job: Job<EventEnvelope>): Promise<void> {
    const event = job.data;
    for (const handler of this.registry.for(event.type)) {
      await this.dataSource.transaction(async (manager) => {
        const inserted = await manager.query<unknown[]>(
          `INSERT INTO processed_events (event_id, handler) VALUES ($1, $2)
           ON CONFLICT DO NOTHING RETURNING event_id`,
          [event.eventId, handler.name],
        );
        if (inserted.length === 0) return;
        await handler.handle(event, manager);
      });
    }
    this.logger.debug(`handled ${event.type} ${event.eventId}`);
  }
}
