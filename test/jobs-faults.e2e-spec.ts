import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { EventHandlerRegistry } from '../src/jobs/event-handlers';
import { JOB_TRANSPORT, JobTransport } from '../src/jobs/job-transport';
import { OutboxRelay } from '../src/jobs/outbox-relay';
import { OutboxService } from '../src/jobs/outbox.service';
import { QUEUES } from '../src/jobs/queues';
import { failFastRedisOptions } from '../src/jobs/redis.provider';
import { makeArticle, segments, translateAndApprove } from './support/content';
import { eventually, makeProject } from './support/factories';
import { Http } from './support/http';
import { PrivateRedis } from './support/redis-server';
import { RECONCILE_TASK } from '../src/publishing/publishing.module';
import { startTeam, Team } from './support/team';
import { WorkerProcess } from './support/worker-process';

/**
 * Faults the job system must survive without dropping work. Each test starts its own
 * redis-server on a free port (and its own worker process where a worker must die), never
 * touching the Redis and PostgreSQL other tests share; each is bounded in time.
 */

/** Fast periodic tasks, so a re-drive comes within seconds instead of minutes. */
const FAST_RECONCILE = { RECONCILE_INTERVAL_MS: '1000', REDRIVE_AFTER_MS: '3000' };

interface Locale {
  project: string;
  article: string;
  lastSegment: { id: string; source: string; revision: number };
}

/** A project and article whose Spanish is approved but for its last segment. */
async function almostApproved(team: Team): Promise<Locale> {
  const { http, admin, translator, reviewer } = team;
  const { slug: project } = await makeProject(http, admin, {
    targetLocales: ['es'],
    members: { es: { translator, reviewer } },
  });
  const { slug: article } = await makeArticle(http, admin, project);
  const all = await segments(http, translator.token, project, article, 'es');
  const last = all[all.length - 1];
  const tokens = { translator: translator.token, reviewer: reviewer.token };
  await translateAndApprove(
    http,
    tokens,
    project,
    article,
    'es',
    (s) => `ES ${s}`,
    (s) => s.id !== last.id,
  );
  return { project, article, lastSegment: last };
}

/** Translates and approves the last segment; answers how long each request took. */
async function approveLast(team: Team, locale: Locale): Promise<number[]> {
  const base = `/api/projects/${locale.project}/articles/${locale.article}/locales/es/segments/${locale.lastSegment.id}`;
  const timed = async (
    request: () => Promise<{ status: number; text: string }>,
    expected: number,
  ) => {
    const started = Date.now();
    const res = await request();
    expect(`${res.status} ${res.text}`).toMatch(new RegExp(`^${expected} `));
    return Date.now() - started;
  };
  return [
    await timed(
      () =>
        team.http.put(
          base,
          { target: `ES ${locale.lastSegment.source}`, revision: locale.lastSegment.revision },
          { token: team.translator.token },
        ),
      200,
    ),
    await timed(
      () =>
        // The save above made the next revision: the review names it.
        team.http.post(
          `${base}/review`,
          { decision: 'approve', revision: locale.lastSegment.revision + 1 },
          { token: team.reviewer.token },
        ),
      200,
    ),
  ];
}

async function publications(team: Team, locale: Locale): Promise<unknown[]> {
  const res = await team.http.get<unknown[]>(
    `/api/projects/${locale.project}/articles/${locale.article}/locales/es/publications`,
    { token: team.admin },
  );
  expect(res.status).toBe(200);
  return res.body;
}

async function pendingEvents(team: Team): Promise<number> {
  const [row] = await team.t.app
    .get(DataSource)
    .query(`SELECT count(*)::int AS n FROM outbox WHERE processed_at IS NULL`);
  return row.n;
}

/** The events not done yet, with their state, for a failure message. */
async function describePending(team: Team): Promise<string> {
  const rows = await team.t.app.get(DataSource).query(
    `SELECT type, attempts, relay_attempts, relayed_at, next_attempt_at, last_error
       FROM outbox WHERE processed_at IS NULL ORDER BY id`,
  );
  return JSON.stringify(rows);
}

/** Why each publication of the locale was made (`article.published` events), oldest first. */
async function publishCauses(team: Team, locale: string): Promise<string[]> {
  const rows = await team.t.app.get(DataSource).query(
    `SELECT payload->>'cause' AS cause FROM outbox
        WHERE type = 'article.published' AND payload->>'locale' = $1 ORDER BY id`,
    [locale],
  );
  return rows.map((row: { cause: string }) => row.cause);
}

async function timedGet(
  http: Http,
  path: string,
  token?: string,
): Promise<{ ms: number; status: number; text: string }> {
  const started = Date.now();
  const res = await http.get(path, { token });
  return { ms: Date.now() - started, status: res.status, text: res.text };
}

describe('job faults (e2e)', () => {
  let redis: PrivateRedis;
  let team: Team;
  const workers: WorkerProcess[] = [];

  afterEach(async () => {
    for (const worker of workers.splice(0)) await worker.kill();
    await team?.t.close();
    await redis?.stop();
  });

  it('publishes a locale approved while Redis was down for 60 s within 60 s of its return, and never waits on Redis meanwhile', async () => {
    redis = await PrivateRedis.start();
    // The periodic publishing reconciliation would publish from PostgreSQL alone while Redis is
    // down; pushed past the test, it leaves the event's own path through Redis to be proven.
    team = await startTeam({
      worker: true,
      env: { REDIS_URL: redis.url, RECONCILE_INTERVAL_MS: '3600000' },
    });
    // Its first run comes a second after start: let it pass before the approval.
    await eventually(async () => {
      const [row] = await team.t.app
        .get(DataSource)
        .query(`SELECT count(*)::int AS n FROM periodic_task_runs WHERE name = $1`, [
          RECONCILE_TASK,
        ]);
      return row.n === 1;
    }, 10_000);
    const locale = await almostApproved(team);
    expect(await publications(team, locale)).toEqual([]);
    // Events of the earlier approvals must be done first: a job relayed into this Redis just
    // before it is killed (it keeps nothing) comes back only with the hourly re-drive here.
    await eventually(async () => (await pendingEvents(team)) === 0, 30_000, 100);

    await redis.down();
    const downAt = Date.now();
    for (const ms of await approveLast(team, locale)) expect(ms).toBeLessThan(1000);
    const metrics = await timedGet(team.http, '/metrics');
    expect(metrics.ms).toBeLessThan(1000);
    expect(metrics.text).toMatch(/^tms_redis_up 0$/m);
    const health = await timedGet(team.http, '/health');
    expect(health.ms).toBeLessThan(1000);
    expect(health.status).toBe(503);
    const list = await timedGet(team.http, `/api/projects/${locale.project}/articles`, team.admin);
    expect(list).toMatchObject({ status: 200 });
    expect(list.ms).toBeLessThan(1000);
    const login = Date.now();
    await team.http.post('/api/auth/login', {
      email: 'nobody@test.local',
      password: 'wrong-password',
    });
    expect(Date.now() - login).toBeLessThan(1000);

    await new Promise((r) => setTimeout(r, Math.max(0, 60_000 - (Date.now() - downAt))));
    // The approval's event waits for Redis (and the reconciliation for its next run).
    expect(await publishCauses(team, 'es')).toEqual([]);
    await redis.up();
    await eventually(async () => (await publications(team, locale)).length === 1, 60_000, 250);
    await eventually(async () => (await pendingEvents(team)) === 0, 30_000, 250).catch(
      async (error: Error) => {
        throw new Error(`${error.message}; pending: ${await describePending(team)}`);
      },
    );
    expect(await publications(team, locale)).toHaveLength(1);
    expect(await publishCauses(team, 'es')).toEqual(['approval']);
  }, 240_000);

  it('publishes exactly once when the worker is killed with SIGKILL in the middle of the approval handler', async () => {
    redis = await PrivateRedis.start();
    team = await startTeam({ worker: false, env: { REDIS_URL: redis.url, ...FAST_RECONCILE } });
    const locale = await almostApproved(team);
    const doomed = await WorkerProcess.start(team.t, {
      ...FAST_RECONCILE,
      TMS_TEST_PAUSE_EVENT_TYPES: 'locale.approved',
    });
    workers.push(doomed);
    await approveLast(team, locale);
    await doomed.waitFor(/tms-test: holding locale\.approved/, 30_000);
    await doomed.kill('SIGKILL');

    workers.push(await WorkerProcess.start(team.t, FAST_RECONCILE));
    await eventually(async () => (await pendingEvents(team)) === 0, 45_000, 250);
    // Before publishing ran inside the handler, a publish job the dead worker held came back
    // only when BullMQ found it stalled (30 s).
    await eventually(async () => (await publications(team, locale)).length > 0, 60_000, 250);
    // Every event is done (the re-driven one included): nothing is left that could publish again.
    await eventually(async () => (await pendingEvents(team)) === 0, 20_000, 250);
    expect(await publications(team, locale)).toHaveLength(1);
  }, 150_000);

  it('re-drives events that Redis lost (restarted without persistence) and does their work', async () => {
    redis = await PrivateRedis.start();
    team = await startTeam({ worker: false, env: { REDIS_URL: redis.url, ...FAST_RECONCILE } });
    const locale = await almostApproved(team);
    await approveLast(team, locale);

    // Relay every event to Redis as a worker would, but let no worker take them.
    const relay = new OutboxRelay(
      team.t.app.get(DataSource),
      team.t.app.get<JobTransport>(JOB_TRANSPORT),
    );
    await relay.drain();
    relay.onApplicationShutdown();
    const [unrelayed] = await team.t.app
      .get(DataSource)
      .query(`SELECT count(*)::int AS n FROM outbox WHERE relayed_at IS NULL`);
    expect(unrelayed.n).toBe(0);
    const queue = new Queue(QUEUES.events, {
      prefix: team.t.config.queuePrefix,
      connection: failFastRedisOptions(redis.url),
    });
    expect((await queue.getJobCounts('waiting')).waiting).toBeGreaterThan(0);
    await queue.close();

    await redis.down();
    await redis.up(); // empty: the queued events are gone
    workers.push(await WorkerProcess.start(team.t, FAST_RECONCILE));
    await eventually(async () => (await publications(team, locale)).length === 1, 45_000, 250);
    await eventually(async () => (await pendingEvents(team)) === 0, 20_000, 250);
  }, 120_000);

  it('retries an event whose handler fails for 25 s until it succeeds, reporting it meanwhile on /metrics and GET /api/admin/jobs, with a retry action', async () => {
    redis = await PrivateRedis.start();
    team = await startTeam({
      worker: true,
      env: {
        REDIS_URL: redis.url,
        JOBS_FAILING_AFTER_SECONDS: '3',
        EVENT_RETRY_BASE_MS: '2000',
        EVENT_RETRY_MAX_MS: '20000',
      },
    });
    const { t, http, admin } = team;
    const failUntil = Date.now() + 25_000;
    let applied = 0;
    t.app.get(EventHandlerRegistry).register({
      name: 'test.flaky-downstream',
      types: ['test.flaky'],
      handle: async () => {
        if (Date.now() < failUntil) throw new Error('downstream refused the event');
        applied += 1;
      },
    });
    const dataSource = t.app.get(DataSource);
    await dataSource.transaction((manager) =>
      t.app.get(OutboxService).emit(manager, { type: 'test.flaky', payload: {} }),
    );
    const [{ event_id: eventId }] = await dataSource.query(
      `SELECT event_id FROM outbox WHERE type = 'test.flaky'`,
    );
    const attempts = async (): Promise<number> =>
      (await dataSource.query(`SELECT attempts FROM outbox WHERE event_id = $1`, [eventId]))[0]
        .attempts;

    await eventually(
      async () => /^tms_outbox_failing_events 1$/m.test((await http.get('/metrics')).text),
      10_000,
      200,
    );
    const listed = await http.get('/api/admin/jobs', { token: admin });
    expect(listed.status).toBe(200);
    expect(listed.body.nextCursor).toBeNull();
    expect(listed.body.items).toEqual([
      expect.objectContaining({
        id: eventId,
        kind: 'event',
        type: 'test.flaky',
        status: 'failing',
        overThreshold: true,
        lastError: 'test.flaky-downstream: downstream refused the event',
      }),
    ]);
    expect(listed.body.items[0].attempts).toBeGreaterThanOrEqual(1);
    expect((await http.get('/api/admin/jobs', { token: team.reviewer.token })).status).toBe(403);

    // "Retry now" runs it at once, ahead of its backoff.
    const before = await attempts();
    const retried = await http.post(`/api/admin/jobs/${eventId}/retry`, undefined, {
      token: admin,
    });
    expect(retried.status).toBe(202);
    expect(retried.body).toEqual({ id: eventId, kind: 'event' });
    await eventually(async () => (await attempts()) > before, 1500, 50);
    const unknown = await http.post(
      '/api/admin/jobs/00000000-0000-4000-8000-000000000000/retry',
      undefined,
      { token: admin },
    );
    expect(unknown.status).toBe(404);

    await eventually(
      async () =>
        (
          await dataSource.query(`SELECT processed_at FROM outbox WHERE event_id = $1`, [eventId])
        )[0].processed_at !== null,
      45_000,
      250,
    );
    expect(applied).toBe(1);
    expect(Date.now()).toBeGreaterThanOrEqual(failUntil);
    expect((await http.get('/metrics')).text).toMatch(/^tms_outbox_failing_events 0$/m);
    expect((await http.get('/api/admin/jobs', { token: admin })).body.items).toEqual([]);
  }, 90_000);
});
