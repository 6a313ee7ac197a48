import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An outbox event is done only when every handler has recorded it (processed_at); until then
 * it is retried with capped backoff (attempts, next_attempt_at), and how long it has been
 * failing and why is kept for /metrics and the admin's job list. Webhook deliveries get their
 * own next_attempt_at, so they can be claimed from the table when there is no Redis and
 * re-driven when Redis lost their job. periodic_task_runs lets one process at a time run each
 * periodic task (reconciliation, retention) at its interval. The indexes serve the relay, the
 * reconciliation, the metrics and the retention deletes.
 */
export class JobsNeverDropped1764000000013 implements MigrationInterface {
  name = 'JobsNeverDropped1764000000013';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE outbox
        ADD COLUMN processed_at timestamptz,
        ADD COLUMN attempts int NOT NULL DEFAULT 0,
        ADD COLUMN next_attempt_at timestamptz NOT NULL DEFAULT now(),
        ADD COLUMN last_error text,
        ADD COLUMN failing_since timestamptz`);
    // Rows the old relay handed to Redis counted as done; they keep counting as done.
    await q.query(`UPDATE outbox SET processed_at = relayed_at WHERE relayed_at IS NOT NULL`);
    await q.query(`DROP INDEX outbox_pending_idx`);
    await q.query(
      `CREATE INDEX outbox_due_idx ON outbox (id) WHERE relayed_at IS NULL AND processed_at IS NULL`,
    );
    await q.query(
      `CREATE INDEX outbox_unfinished_idx ON outbox (created_at) WHERE processed_at IS NULL`,
    );
    await q.query(
      `CREATE INDEX outbox_processed_idx ON outbox (processed_at) WHERE processed_at IS NOT NULL`,
    );
    await q.query(
      `CREATE INDEX processed_events_processed_at_idx ON processed_events (processed_at)`,
    );

    await q.query(`ALTER TABLE webhook_deliveries ADD COLUMN next_attempt_at timestamptz`);
    await q.query(
      `UPDATE webhook_deliveries SET next_attempt_at = now() WHERE status IN ('pending', 'retrying')`,
    );
    await q.query(`ALTER TABLE webhook_deliveries ALTER COLUMN next_attempt_at SET DEFAULT now()`);
    await q.query(
      `CREATE INDEX webhook_deliveries_due_idx ON webhook_deliveries (next_attempt_at)
        WHERE status IN ('pending', 'retrying')`,
    );
    await q.query(
      `CREATE INDEX webhook_deliveries_completed_idx ON webhook_deliveries (completed_at)
        WHERE completed_at IS NOT NULL`,
    );

    await q.query(`
      CREATE TABLE periodic_task_runs (
        name text PRIMARY KEY,
        last_run_at timestamptz NOT NULL,
        last_error text
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE periodic_task_runs`);
    await q.query(`DROP INDEX webhook_deliveries_completed_idx`);
    await q.query(`DROP INDEX webhook_deliveries_due_idx`);
    await q.query(`ALTER TABLE webhook_deliveries DROP COLUMN next_attempt_at`);
    await q.query(`DROP INDEX processed_events_processed_at_idx`);
    await q.query(`DROP INDEX outbox_processed_idx`);
    await q.query(`DROP INDEX outbox_unfinished_idx`);
    await q.query(`DROP INDEX outbox_due_idx`);
    await q.query(`CREATE INDEX outbox_pending_idx ON outbox (id) WHERE relayed_at IS NULL`);
    await q.query(`
      ALTER TABLE outbox
        DROP COLUMN processed_at, DROP COLUMN attempts, DROP COLUMN next_attempt_at,
        DROP COLUMN last_error, DROP COLUMN failing_since`);
  }
}
