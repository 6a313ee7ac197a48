import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { Counter, collectDefaultMetrics, Gauge, Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import { QUEUES } from '../jobs/queues';
import { LatencyHistogram } from './latency-histogram';

/** Prometheus metrics: HTTP latency by route, queue depths and the outbox backlog. */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();
  /** Outside the registry: observed on every request, so kept cheap (see LatencyHistogram). */
  readonly httpDuration = new LatencyHistogram(
    'http_request_duration_seconds',
    'HTTP request latency by route pattern',
    ['method', 'route', 'status'],
    [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
  );
  readonly httpErrors: Counter<'route' | 'status'>;

  constructor(
    dataSource: DataSource,
    @InjectQueue(QUEUES.events) events: Queue,
    @InjectQueue(QUEUES.webhooks) webhooks: Queue,
  ) {
    collectDefaultMetrics({ register: this.registry });
    this.httpErrors = new Counter({
      name: 'http_server_errors_total',
      help: 'Responses with status 5xx',
      labelNames: ['route', 'status'],
      registers: [this.registry],
    });
    const queues = [events, webhooks];
    new Gauge({
      name: 'queue_jobs',
      help: 'Jobs per queue and state',
      labelNames: ['queue', 'state'],
      registers: [this.registry],
      async collect() {
        for (const queue of queues) {
          try {
            const counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'failed');
            for (const [state, count] of Object.entries(counts))
              this.set({ queue: queue.name, state }, count);
          } catch {
            // Redis down: /health reports it; leave the last values
          }
        }
      },
    });
    new Gauge({
      name: 'outbox_backlog',
      help: 'Outbox events committed but not yet relayed to the queue',
      registers: [this.registry],
      async collect() {
        try {
          const [row] = await dataSource.query<{ n: string }[]>(
            `SELECT count(*) AS n FROM outbox WHERE relayed_at IS NULL`,
          );
          this.set(Number(row.n));
        } catch {
          // database down: /health reports it
        }
      },
    });
  }

  /** Everything, in the Prometheus text format. */
  async exposition(): Promise<string> {
    return (await this.registry.metrics()) + '\n' + this.httpDuration.exposition();
  }
}
