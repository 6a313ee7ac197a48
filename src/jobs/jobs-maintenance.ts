import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../config/config';
import { PeriodicTasks } from './periodic-tasks';

/** Rows per DELETE: small statements keep locks and WAL bursts short. */
export const RETENTION_BATCH = 1000;

export const RECONCILE_TASK = 'jobs.reconcile-outbox';
export const RETENTION_TASK = 'jobs.retention';

/**
 * The outbox's periodic work. Reconciliation hands over again every event that was relayed but
 * is not done after REDRIVE_AFTER_MS: its job was lost (Redis restarted without persistence,
 * a worker killed mid-run) or is stuck. Events never relayed, or failing and due, the relay
 * takes anyway. Retention deletes what is finished and older than RETENTION_DAYS: processed
 * outbox rows, their processed-event markers and finished webhook deliveries (with their
 * attempts). Source versions, revisions, history and publications are never pruned.
 */
@Injectable()
export class JobsMaintenance implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(JobsMaintenance.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly tasks: PeriodicTasks,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.tasks.register({
      name: RECONCILE_TASK,
      everyMs: this.config.reconcileEveryMs,
      run: async () => {
        await this.redriveOutbox();
      },
    });
    this.tasks.register({
      name: RETENTION_TASK,
      everyMs: this.config.reconcileEveryMs,
      run: async () => {
        await this.prune();
      },
    });
  }

  onModuleDestroy(): void {
    this.tasks.unregister(RECONCILE_TASK);
    this.tasks.unregister(RETENTION_TASK);
  }

  /** Events relayed longer ago than REDRIVE_AFTER_MS and not done go back to the relay. */
  async redriveOutbox(): Promise<number> {
    const [, count] = await this.dataSource.query<[unknown, number]>(
      `UPDATE outbox SET relayed_at = NULL
        WHERE processed_at IS NULL
          AND relayed_at < now() - $1::float8 * interval '1 millisecond'`,
      [this.config.redriveAfterMs],
    );
    if (count > 0) this.logger.warn(`re-driving ${count} outbox event(s) relayed but not done`);
    return count;
  }

  /** Deletes finished rows older than the retention, RETENTION_BATCH at a time. */
  async prune(): Promise<Record<string, number>> {
    const days = this.config.retentionDays;
    const deleted = {
      outbox: await this.deleteInBatches(
        `DELETE FROM outbox WHERE id IN (
           SELECT id FROM outbox
            WHERE processed_at < now() - $1::int * interval '1 day' LIMIT ${RETENTION_BATCH})`,
        days,
      ),
      // Never the marker of an event still being retried: it would run that handler again.
      processedEvents: await this.deleteInBatches(
        `DELETE FROM processed_events WHERE (event_id, handler) IN (
           SELECT p.event_id, p.handler FROM processed_events p
            WHERE p.processed_at < now() - $1::int * interval '1 day'
              AND NOT EXISTS (SELECT 1 FROM outbox o
                               WHERE o.event_id = p.event_id AND o.processed_at IS NULL)
            LIMIT ${RETENTION_BATCH})`,
        days,
      ),
      // Attempts go with their delivery (ON DELETE CASCADE).
      webhookDeliveries: await this.deleteInBatches(
        `DELETE FROM webhook_deliveries WHERE id IN (
           SELECT id FROM webhook_deliveries
            WHERE completed_at < now() - $1::int * interval '1 day' LIMIT ${RETENTION_BATCH})`,
        days,
      ),
    };
    if (Object.values(deleted).some((n) => n > 0)) {
      this.logger.log(`retention (${days} days) deleted ${JSON.stringify(deleted)}`);
    }
    return deleted;
  }

  private async deleteInBatches(sql: string, days: number): Promise<number> {
    let total = 0;
    for (;;) {
      const [, count] = await this.dataSource.query<[unknown, number]>(sql, [days]);
      total += count;
      if (count < RETENTION_BATCH) return total;
    }
  }
}
