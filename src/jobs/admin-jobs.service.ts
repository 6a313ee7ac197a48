import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { notFound } from '../common/domain-error';
import {
  decodeCursor,
  DEFAULT_PAGE_LIMIT,
  isStringPairCursor,
  Page,
  PageQuery,
  toPage,
} from '../common/pagination';
import { APP_CONFIG, AppConfig } from '../config/config';
import type { FailingJobDto, RetriedJobDto } from './admin-jobs.dto';
import { JOB_TRANSPORT, JobTransport } from './job-transport';
import { describeError } from './retry-policy';

interface FailingRow extends Omit<FailingJobDto, 'failingSince' | 'nextAttemptAt'> {
  failingSince: Date;
  sinceKey: string;
  nextAttemptAt: Date | null;
}

/**
 * Failing events (retried until every handler has recorded them) and failing webhook
 * deliveries (retrying, or given up), oldest failure first, for admins; and "retry now".
 */
const FAILING_SQL = `
  SELECT o.event_id::text AS id, 'event' AS kind, o.type, 'failing' AS status, o.attempts,
         o.last_error AS "lastError", o.failing_since AS "failingSince",
         o.failing_since::text AS "sinceKey", o.next_attempt_at AS "nextAttemptAt",
         o.failing_since < now() - $1::float8 * interval '1 millisecond' AS "overThreshold"
    FROM outbox o
   WHERE o.processed_at IS NULL AND o.failing_since IS NOT NULL
  UNION ALL
  SELECT d.id::text, 'webhook-delivery', d.event_type, d.status, d.attempts, d.error,
         d.created_at, d.created_at::text, d.next_attempt_at,
         d.status = 'failed' OR d.created_at < now() - $1::float8 * interval '1 millisecond'
    FROM webhook_deliveries d
   WHERE d.status = 'failed' OR (d.status = 'retrying' AND d.attempts > 0)`;

@Injectable()
export class AdminJobsService {
  private readonly logger = new Logger(AdminJobsService.name);

  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(JOB_TRANSPORT) private readonly transport: JobTransport,
  ) {}

  async failing(query: PageQuery): Promise<Page<FailingJobDto>> {
    const cursor = decodeCursor(query.cursor, isStringPairCursor);
    const limit = query.limit ?? DEFAULT_PAGE_LIMIT;
    const rows = await this.dataSource.query<FailingRow[]>(
      `SELECT * FROM (${FAILING_SQL}) j
        ${cursor ? `WHERE (j."failingSince", j.id) > ($2::timestamptz, $3::text)` : ''}
        ORDER BY j."failingSince", j.id LIMIT ${limit + 1}`,
      cursor
        ? [this.config.jobsFailingAfterMs, cursor[0], cursor[1]]
        : [this.config.jobsFailingAfterMs],
    );
    const page = toPage(rows, limit, (row) => [row.sinceKey, row.id]);
    return {
      items: page.items.map(({ sinceKey: _key, ...row }) => ({
        ...row,
        attempts: Number(row.attempts),
        failingSince: new Date(row.failingSince).toISOString(),
        nextAttemptAt: row.nextAttemptAt ? new Date(row.nextAttemptAt).toISOString() : null,
      })),
      nextCursor: page.nextCursor,
    };
  }

  /** Makes a failing event or delivery due now; 404 when nothing with that id is failing. */
  async retry(id: string): Promise<RetriedJobDto> {
    const [, events] = await this.dataSource.query<[unknown, number]>(
      `UPDATE outbox SET next_attempt_at = now(), relayed_at = NULL
        WHERE event_id = $1 AND processed_at IS NULL`,
      [id],
    );
    if (events > 0) return { id, kind: 'event' };

    const [, deliveries] = await this.dataSource.query<[unknown, number]>(
      `UPDATE webhook_deliveries
          SET status = 'retrying', completed_at = NULL, next_attempt_at = now(), updated_at = now()
        WHERE id = $1 AND status IN ('pending', 'retrying', 'failed')`,
      [id],
    );
    if (deliveries === 0) throw notFound('Failing job', { id });
    try {
      await this.transport.dispatchDeliveries([
        { deliveryId: id, gate: `webhooks:retry:${id}`, jobId: `${id}-retry-${randomUUID()}` },
      ]);
    } catch (error) {
      // The row is due: the reconciliation hands it over once Redis answers again.
      this.logger.warn(
        `delivery ${id} will be retried when Redis is back: ${describeError(error)}`,
      );
    }
    return { id, kind: 'webhook-delivery' };
  }
}
