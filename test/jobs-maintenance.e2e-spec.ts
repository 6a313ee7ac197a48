import { Client } from 'pg';
import { DataSource } from 'typeorm';
import {
  JobsMaintenance,
  RECONCILE_TASK,
  RETENTION_BATCH,
  RETENTION_TASK,
} from '../src/jobs/jobs-maintenance';
import { PeriodicScheduler, PeriodicTasks } from '../src/jobs/periodic-tasks';
import { REDRIVE_DELIVERIES_TASK } from '../src/webhooks/webhooks.service';
import { makeProject, unique } from './support/factories';
import { AdminSession, startAdmin } from './support/team';

describe('periodic job maintenance (e2e)', () => {
  let session: AdminSession;
  let db: DataSource;

  beforeAll(async () => {
    session = await startAdmin({ worker: false });
    db = session.t.app.get(DataSource);
  });
  afterAll(() => session.t.close());

  const outboxRow = async (fields: Record<string, string>): Promise<string> => {
    const columns = Object.keys(fields);
    const [row] = await db.query(
      `INSERT INTO outbox (type, payload${columns.map((c) => `, ${c}`).join('')})
       VALUES ('test.retention', '{}'${columns.map((c) => `, ${fields[c]}`).join('')})
       RETURNING event_id`,
    );
    return row.event_id;
  };
  const exists = async (sql: string, id: string): Promise<boolean> =>
    (await db.query(sql, [id])).length > 0;

  it('deletes finished outbox rows, markers and webhook deliveries past RETENTION_DAYS, in batches, and keeps the rest', async () => {
    const old = `now() - interval '31 days'`;
    const recent = `now() - interval '29 days'`;
    const oldDone = await outboxRow({ created_at: old, processed_at: old });
    const recentDone = await outboxRow({ created_at: recent, processed_at: recent });
    const oldFailing = await outboxRow({ created_at: old, failing_since: old });
    await db.query(
      `INSERT INTO outbox (type, payload, created_at, processed_at)
       SELECT 'test.retention-bulk', '{}', ${old}, ${old} FROM generate_series(1, $1)`,
      [RETENTION_BATCH * 2 + 500],
    );
    for (const [event, at] of [
      [oldDone, old],
      [recentDone, recent],
      [oldFailing, old], // one handler of a still-failing event recorded it long ago
    ]) {
      await db.query(
        `INSERT INTO processed_events (event_id, handler, processed_at) VALUES ($1, 'h', ${at})`,
        [event],
      );
    }

    const { slug } = await makeProject(session.http, session.admin);
    const hook = await session.http.post(
      `/api/projects/${slug}/webhooks`,
      { url: 'http://127.0.0.1:9/hook', events: ['article.created'], secret: 'retention-secret' },
      { token: session.admin },
    );
    expect(hook.status).toBe(201);
    const delivery = async (status: string, completedAt: string | null): Promise<string> => {
      const [row] = await db.query(
        `INSERT INTO webhook_deliveries (webhook_id, event_id, event_type, body, status, created_at, completed_at)
         VALUES ($1, gen_random_uuid(), 'article.created', '{}', $2, now() - interval '40 days', ${completedAt ?? 'NULL'})
         RETURNING id`,
        [hook.body.id, status],
      );
      await db.query(
        `INSERT INTO webhook_delivery_attempts (delivery_id, attempt, duration_ms, created_at)
         VALUES ($1, 1, 5, now() - interval '40 days')`,
        [row.id],
      );
      return row.id;
    };
    const oldDelivered = await delivery('succeeded', old);
    const recentDelivered = await delivery('failed', recent);
    const stillRetrying = await delivery('retrying', null);

    const deleted = await session.t.app.get(JobsMaintenance).prune();
    expect(deleted).toEqual({
      outbox: RETENTION_BATCH * 2 + 500 + 1,
      processedEvents: 1,
      webhookDeliveries: 1,
    });

    const outbox = `SELECT 1 FROM outbox WHERE event_id = $1`;
    expect(await exists(outbox, oldDone)).toBe(false);
    expect(await exists(outbox, recentDone)).toBe(true);
    expect(await exists(outbox, oldFailing)).toBe(true);
    const markers = `SELECT 1 FROM processed_events WHERE event_id = $1`;
    expect(await exists(markers, oldDone)).toBe(false);
    expect(await exists(markers, recentDone)).toBe(true);
    expect(await exists(markers, oldFailing)).toBe(true);
    const deliveries = `SELECT 1 FROM webhook_deliveries WHERE id = $1`;
    const attempts = `SELECT 1 FROM webhook_delivery_attempts WHERE delivery_id = $1`;
    expect(await exists(deliveries, oldDelivered)).toBe(false);
    expect(await exists(attempts, oldDelivered)).toBe(false);
    expect(await exists(deliveries, recentDelivered)).toBe(true);
    expect(await exists(deliveries, stillRetrying)).toBe(true);
    expect(await exists(attempts, stillRetrying)).toBe(true);
  });

  it('re-drives an event relayed long ago and never done, and leaves done or fresh ones alone', async () => {
    const lost = await outboxRow({ relayed_at: `now() - interval '1 hour'` });
    const fresh = await outboxRow({ relayed_at: 'now()' });
    const done = await outboxRow({
      relayed_at: `now() - interval '1 hour'`,
      processed_at: 'now()',
    });
    expect(await session.t.app.get(JobsMaintenance).redriveOutbox()).toBe(1);
    const relayed = async (id: string): Promise<boolean> =>
      (await db.query(`SELECT relayed_at FROM outbox WHERE event_id = $1`, [id]))[0].relayed_at !==
      null;
    expect(await relayed(lost)).toBe(false);
    expect(await relayed(fresh)).toBe(true);
    expect(await relayed(done)).toBe(true);
  });

  it('runs a periodic task in one process at a time, once per interval', async () => {
    const tasks = session.t.app.get(PeriodicTasks);
    expect(tasks.list().map((t) => t.name)).toEqual(
      expect.arrayContaining([RECONCILE_TASK, RETENTION_TASK, REDRIVE_DELIVERIES_TASK]),
    );
    const scheduler = new PeriodicScheduler(tasks, db);
    let runs = 0;
    const task = {
      name: unique('test.periodic'),
      everyMs: 60_000,
      run: async () => {
        runs += 1;
      },
    };

    // Another process holds the task's lock: this one skips it.
    const other = new Client({ connectionString: session.t.databaseUrl });
    await other.connect();
    try {
      await other.query(`SELECT pg_advisory_lock(hashtextextended($1, 0))`, [
        `tms:periodic:${task.name}`,
      ]);
      expect(await scheduler.runOnce(task)).toBe(false);
      await other.query(`SELECT pg_advisory_unlock_all()`);
    } finally {
      await other.end();
    }
    expect(runs).toBe(0);

    expect(await scheduler.runOnce(task)).toBe(true);
    expect(runs).toBe(1);
    // Run within its interval (by this or any other process): not again.
    expect(await scheduler.runOnce(task)).toBe(false);
    expect(runs).toBe(1);

    const failing = {
      ...task,
      name: unique('test.failing'),
      run: () => Promise.reject(new Error('no')),
    };
    expect(await scheduler.runOnce(failing)).toBe(true);
    const [row] = await db.query(`SELECT last_error FROM periodic_task_runs WHERE name = $1`, [
      failing.name,
    ]);
    expect(row.last_error).toBe('no');
  });

  it('pages failing events and deliveries oldest first for admins, and retries a delivery that gave up', async () => {
    const { http, admin } = session;
    await db.query(`UPDATE outbox SET processed_at = now() WHERE processed_at IS NULL`);
    await db.query(
      `UPDATE webhook_deliveries SET status = 'succeeded' WHERE status <> 'succeeded'`,
    );
    const failing = [];
    for (const minutes of [30, 20, 5]) {
      failing.push(
        await outboxRow({
          failing_since: `now() - interval '${minutes} minutes'`,
          attempts: '3',
          last_error: `'handler x: refused ${minutes}'`,
        }),
      );
    }
    const { slug } = await makeProject(http, admin);
    const hook = await http.post(
      `/api/projects/${slug}/webhooks`,
      { url: 'http://127.0.0.1:9/gave-up', events: ['article.created'], secret: 'paging-secret' },
      { token: admin },
    );
    const [gaveUp] = await db.query(
      `INSERT INTO webhook_deliveries (webhook_id, event_id, event_type, body, status, attempts, error, created_at, completed_at, next_attempt_at)
       VALUES ($1, gen_random_uuid(), 'article.created', '{}', 'failed', 8, 'connect ECONNREFUSED',
               now() - interval '10 minutes', now(), NULL)
       RETURNING id`,
      [hook.body.id],
    );

    const first = await http.get('/api/admin/jobs?limit=2', { token: admin });
    expect(first.status).toBe(200);
    expect(first.body.items.map((i: { id: string }) => i.id)).toEqual([failing[0], failing[1]]);
    expect(first.body.items[0]).toMatchObject({
      kind: 'event',
      status: 'failing',
      attempts: 3,
      lastError: 'handler x: refused 30',
      overThreshold: true,
    });
    const second = await http.get(`/api/admin/jobs?limit=2&cursor=${first.body.nextCursor}`, {
      token: admin,
    });
    expect(second.body.items.map((i: { id: string }) => i.id)).toEqual([gaveUp.id, failing[2]]);
    expect(second.body.items[0]).toMatchObject({
      kind: 'webhook-delivery',
      status: 'failed',
      lastError: 'connect ECONNREFUSED',
      nextAttemptAt: null,
    });
    expect(second.body.items[1].overThreshold).toBe(false);
    expect(second.body.nextCursor).toBeNull();

    const retried = await http.post(`/api/admin/jobs/${gaveUp.id}/retry`, undefined, {
      token: admin,
    });
    expect(retried.status).toBe(202);
    expect(retried.body).toEqual({ id: gaveUp.id, kind: 'webhook-delivery' });
    const [row] = await db.query(
      `SELECT status, completed_at, next_attempt_at <= now() AS due FROM webhook_deliveries WHERE id = $1`,
      [gaveUp.id],
    );
    expect(row).toEqual({ status: 'retrying', completed_at: null, due: true });

    for (const [path, status] of [
      ['/api/admin/jobs?limit=0', 400],
      ['/api/admin/jobs?cursor=nonsense', 400],
    ] as const) {
      const res = await http.get(path, { token: admin });
      expect(res.status).toBe(status);
      expect(res.body.code).toBe('VALIDATION_FAILED');
    }
    const bad = await http.post('/api/admin/jobs/not-a-uuid/retry', undefined, { token: admin });
    expect(bad.status).toBe(400);
  });
});
