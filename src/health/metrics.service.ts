import { Inject, Injectable } from '@nestjs/common';
import { Counter, collectDefaultMetrics, Gauge, Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../config/config';
import { JOB_TRANSPORT, JobTransport, within } from '../jobs/job-transport';
import { LatencyHistogram } from './latency-histogram';

/** A scrape never waits longer than this on PostgreSQL or Redis. */
const COLLECT_MS = 500;

interface OutboxStats {
  backlog: string;
  failing: string;
  oldest: number | null;
  deliveries_failing: string;
}

/**
 * Prometheus metrics: HTTP latency by route, the job transport and Redis, queue depths, and
 * the outbox: events not done, events failing longer than the alert threshold
 * (JOBS_FAILING_AFTER_SECONDS), the age of the oldest event not done, and failing webhook
 * deliveries. Every collector answers within COLLECT_MS or keeps its last value.
 */
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
    @Inject(JOB_TRANSPORT) transport: JobTransport,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    collectDefaultMetrics({ register: this.registry });
    this.httpErrors = new Counter({
      name: 'http_server_errors_total',
      help: 'Responses with status 5xx',
      labelNames: ['route', 'status'],
      registers: [this.registry],
    });
    new Gauge({
      name: 'tms_job_transport',
      help: 'How jobs travel: bullmq (Redis) or outbox (in-process from PostgreSQL, Redis not used)',
      labelNames: ['transport'],
      registers: [this.registry],
    }).set({ transport: transport.kind }, 1);
    if (transport.kind === 'bullmq') {
      new Gauge({
        name: 'tms_redis_up',
        help: 'Whether Redis answers a PING within half a second (absent when Redis is not used)',
        registers: [this.registry],
        async collect() {
          this.set((await transport.redisState()) === 'up' ? 1 : 0);
        },
      });
      new Gauge({
        name: 'queue_jobs',
        help: 'Jobs per queue and state',
        labelNames: ['queue', 'state'],
        registers: [this.registry],
        async collect() {
          // Redis down: tms_redis_up says so; the last values stay
          for (const { queue, state, count } of await transport.queueCounts())
            this.set({ queue, state }, count);
        },
      });
    }

    let stats: Promise<OutboxStats | null> | null = null;
    const outboxStats = (): Promise<OutboxStats | null> =>
      (stats ??= within(
        dataSource.query<OutboxStats[]>(
          `SELECT
             (SELECT count(*) FROM outbox WHERE processed_at IS NULL) AS backlog,
             (SELECT count(*) FROM outbox WHERE processed_at IS NULL
                 AND failing_since < now() - $1::float8 * interval '1 millisecond') AS failing,
             (SELECT extract(epoch FROM now() - min(created_at))::float8 FROM outbox
               WHERE processed_at IS NULL) AS oldest,
             (SELECT count(*) FROM webhook_deliveries WHERE status = 'retrying'
                 AND created_at < now() - $1::float8 * interval '1 millisecond') AS deliveries_failing`,
          [config.jobsFailingAfterMs],
        ),
        COLLECT_MS,
      )
        .then(
          ([row]) => row,
          () => null,
        ) // database down: /health reports it
        .finally(() => setImmediate(() => (stats = null))));
    const outboxGauge = (name: string, help: string, value: (s: OutboxStats) => number): void => {
      new Gauge({
        name,
        help,
        registers: [this.registry],
        async collect() {
          const s = await outboxStats();
          if (s) this.set(value(s));
        },
      });
    };
    outboxGauge(
      'outbox_backlog',
      'Outbox events not done yet (some handler has not recorded them)',
      (s) => Number(s.backlog),
    );
    outboxGauge(
      'tms_outbox_failing_events',
      'Outbox events failing for longer than the alert threshold (JOBS_FAILING_AFTER_SECONDS)',
      (s) => Number(s.failing),
    );
    outboxGauge(
      'tms_outbox_oldest_pending_seconds',
      'Age of the oldest outbox event not done yet (0 when none)',
      (s) => s.oldest ?? 0,
    );
    outboxGauge(
      'tms_webhook_deliveries_failing',
      'Webhook deliveries still retrying after the alert threshold',
      (s) => Number(s.deliveries_failing),
    );
  }

  /** Everything, in the Prometheus text format. */
  async exposition(): Promise<string> {
    return (await this.registry.metrics()) + '\n' + this.httpDuration.exposition();
  }
}
