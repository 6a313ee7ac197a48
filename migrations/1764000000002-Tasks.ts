import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Routing and outbound notifications, owned by the tasks and webhooks modules.
 *
 * tasks: at most one open task per (article, locale, type), enforced by a partial unique index;
 * `remaining` is recomputed from the translations on every relevant event.
 * webhooks: per project, with the secret kept so deliveries can be signed (never returned).
 * webhook_deliveries: one row per (webhook, event) or redelivery; webhook_delivery_attempts: one
 * row per HTTP attempt, the log shown to admins.
 */
export class Tasks1764000000002 implements MigrationInterface {
  name = 'Tasks1764000000002';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE tasks (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        project_id uuid NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
        article_id uuid NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        locale text NOT NULL,
        type text NOT NULL CHECK (type IN ('translate', 'review')),
        status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done', 'cancelled')),
        assignee_id uuid REFERENCES users(id) ON DELETE SET NULL,
        source_version int NOT NULL,
        remaining int NOT NULL CHECK (remaining >= 0),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        assigned_at timestamptz,
        due_at timestamptz NOT NULL,
        done_at timestamptz
      )`);
    await q.query(
      `CREATE UNIQUE INDEX tasks_one_open_key ON tasks (article_id, locale, type) WHERE status = 'open'`,
    );
    await q.query(`CREATE INDEX tasks_article_locale_idx ON tasks (article_id, locale, type)`);
    await q.query(
      `CREATE INDEX tasks_assignee_open_idx ON tasks (assignee_id) WHERE status = 'open'`,
    );
    await q.query(`CREATE INDEX tasks_assignee_assigned_idx ON tasks (assignee_id, assigned_at)`);
    await q.query(`CREATE INDEX tasks_project_due_idx ON tasks (project_id, due_at, id)`);
    await q.query(`CREATE INDEX tasks_due_idx ON tasks (due_at, id)`);

    await q.query(`
      CREATE TABLE webhooks (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        project_id uuid NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
        url text NOT NULL,
        events text[] NOT NULL,
        secret text NOT NULL,
        active boolean NOT NULL DEFAULT true,
        created_by uuid REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX webhooks_project_idx ON webhooks (project_id) WHERE active`);
    await q.query(`
      CREATE TABLE webhook_deliveries (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        webhook_id uuid NOT NULL REFERENCES webhooks(id) ON DELETE CASCADE,
        event_id uuid NOT NULL,
        event_type text NOT NULL,
        body text NOT NULL,
        status text NOT NULL DEFAULT 'pending'
          CHECK (status IN ('pending', 'retrying', 'succeeded', 'failed')),
        attempts int NOT NULL DEFAULT 0,
        status_code int,
        duration_ms int,
        error text,
        redelivery_of uuid REFERENCES webhook_deliveries(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        completed_at timestamptz
      )`);
    await q.query(
      `CREATE INDEX webhook_deliveries_webhook_idx ON webhook_deliveries (webhook_id, created_at DESC, id DESC)`,
    );
    await q.query(`
      CREATE TABLE webhook_delivery_attempts (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        delivery_id uuid NOT NULL REFERENCES webhook_deliveries(id) ON DELETE CASCADE,
        attempt int NOT NULL,
        status_code int,
        duration_ms int NOT NULL,
        error text,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (delivery_id, attempt)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE webhook_delivery_attempts`);
    await q.query(`DROP TABLE webhook_deliveries`);
    await q.query(`DROP TABLE webhooks`);
    await q.query(`DROP TABLE tasks`);
  }
}
