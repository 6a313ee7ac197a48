import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { EventRunner } from './event-runner';
import { EventEnvelope, QUEUES } from './queues';
import { WorkerErrorLog } from './worker-errors';

/**
 * The BullMQ driver's consumer of the `events` queue. The job runs once: whether the event is
 * done, or failing and when it is tried again, is recorded on its outbox row (EventRunner).
 */
@Processor(QUEUES.events, { concurrency: 8 })
export class EventsProcessor extends WorkerHost {
  private readonly errors = new WorkerErrorLog(EventsProcessor.name);

  constructor(private readonly runner: EventRunner) {
    super();
  }

  async process(job: Job<EventEnvelope>): Promise<void> {
    await this.runner.run(job.data);
  }

  @OnWorkerEvent('error')
  onError(error: Error): void {
    this.errors.report(error);
  }
}
