import { Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { QUEUES } from '../jobs/queues';
import { PublishJobData, PublishingService, PublishResult } from './publishing.service';

/** The `publish` queue: delegates to the service; a thrown error is retried with backoff. */
@Processor(QUEUES.publish, { concurrency: 4 })
export class PublishProcessor extends WorkerHost {
  constructor(private readonly publishing: PublishingService) {
    super();
  }

  process(job: Job<PublishJobData>): Promise<PublishResult> {
    return this.publishing.publish(job.data);
  }
}
