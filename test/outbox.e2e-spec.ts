import { DataSource } from 'typeorm';
import { Queue } from 'bullmq';
import { EventHandlerRegistry } from '../src/jobs/event-handlers';
import { OutboxService } from '../src/jobs/outbox.service';
import { EventEnvelope, QUEUES } from '../src/jobs/queues';
import { failFastRedisOptions } from '../src/jobs/redis.provider';
import { startApp, TestApp } from './support/app';
import { eventually, loginAdmin, unique } from './support/factories';
import { Http } from './support/http';
import { PrivateRedis } from './support/redis-server';

/** Records what the worker actually processed, through the real relay and BullMQ. */
function recordingHandler(app: TestApp, types: string[]): EventEnvelope[] {
  const seen: EventEnvelope[] = [];
  app.app.get(EventHandlerRegistry).register({
    name: `test-recorder-${unique('h')}`,
    types,
    handle: async (event) => {
      seen.push(event);
    },
  });
  return seen;
}

describe('transactional outbox (e2e)', () => {
  describe('with Redis up', () => {
    let t: TestApp;
    let seen: EventEnvelope[];

    beforeAll(async () => {
      t = await startApp({ worker: true });
      seen = recordingHandler(t, ['test.ping']);
    });
    afterAll(() => t.close());

    it('turns a committed event into a processed job, once', async () => {
      const marker = unique('committed');
      await t.app
        .get(DataSource)
        .transaction((manager) =>
          t.app.get(OutboxService).emit(manager, { type: 'test.ping', payload: { marker } }),
        );
      const event = await eventually(async () => seen.find((e) => e.payload.marker === marker));
      expect(event.type).toBe('test.ping');
      expect(event.eventId).toMatch(/^[0-9a-f-]{36}$/);
      const row = await eventually(async () => {
        const [r] = await t.app
          .get(DataSource)
          .query(`SELECT relayed_at, processed_at FROM outbox WHERE event_id = $1`, [
            event.eventId,
          ]);
        return r.processed_at !== null && r;
      });
      expect(row.relayed_at).not.toBeNull();
      expect(seen.filter((e) => e.payload.marker === marker)).toHaveLength(1);
    });

    it('never runs an event whose transaction rolled back', async () => {
      const marker = unique('rolled-back');
      await expect(
        t.app.get(DataSource).transaction(async (manager) => {
          await t.app.get(OutboxService).emit(manager, { type: 'test.ping', payload: { marker } });
          throw new Error('business rule failed');
        }),
      ).rejects.toThrow('business rule failed');
      const control = unique('control');
      await t.app
        .get(DataSource)
        .transaction((manager) =>
          t.app
            .get(OutboxService)
            .emit(manager, { type: 'test.ping', payload: { marker: control } }),
        );
      await eventually(async () => seen.find((e) => e.payload.marker === control));
      expect(seen.find((e) => e.payload.marker === marker)).toBeUndefined();
      const rows = await t.app
        .get(DataSource)
        .query(`SELECT 1 FROM outbox WHERE payload->>'marker' = $1`, [marker]);
      expect(rows).toHaveLength(0);
    });

    it('applies an event delivered twice once per handler: the second delivery finds it recorded', async () => {
      const marker = unique('dup');
      await t.app
        .get(DataSource)
        .transaction((manager) =>
          t.app.get(OutboxService).emit(manager, { type: 'test.ping', payload: { marker } }),
        );
      const event = await eventually(async () => seen.find((e) => e.payload.marker === marker));
      // Deliver the same event again through BullMQ as a job of its own (as a relay that
      // crashed between handing it over and marking it would), and wait until it has run.
      const queue = new Queue(QUEUES.events, {
        prefix: t.config.queuePrefix,
        connection: failFastRedisOptions(t.config.redisUrl),
      });
      try {
        const duplicate = await queue.add(event.type, event, { jobId: unique('duplicate') });
        await eventually(async () => (await duplicate.getState()) === 'completed', 10_000);
      } finally {
        await queue.close();
      }
      expect(seen.filter((e) => e.payload.marker === marker)).toHaveLength(1);
      const [row] = await t.app
        .get(DataSource)
        .query(`SELECT processed_at, attempts FROM outbox WHERE event_id = $1`, [event.eventId]);
      expect(row).toMatchObject({ attempts: 0 });
      expect(row.processed_at).not.toBeNull();
    });
  });

  describe('with Redis going down and coming back', () => {
    let redis: PrivateRedis;
    let t: TestApp;
    let http: Http;
    let seen: EventEnvelope[];

    beforeAll(async () => {
      redis = await PrivateRedis.start();
      t = await startApp({ worker: true, env: { REDIS_URL: redis.url } });
      http = new Http(t.baseUrl);
      seen = recordingHandler(t, ['project.created']);
    });
    afterAll(async () => {
      await t.close();
      await redis.stop();
    });

    it('reports health, commits business writes while Redis is down, and runs their jobs when it is back', async () => {
      const admin = await loginAdmin(http);
      expect((await http.get('/health')).body).toEqual({ status: 'ok', db: 'up', redis: 'up' });

      await redis.down();
      const health = await http.get('/health');
      expect(health.status).toBe(503);
      expect(health.body).toMatchObject({ db: 'up', redis: 'down', code: 'SERVICE_UNAVAILABLE' });
      expect(health.body.message).toContain('redis');

      const slug = unique('outage');
      const created = await http.post(
        '/api/projects',
        { slug, name: 'During outage', sourceLocale: 'en', targetLocales: ['es'] },
        { token: admin },
      );
      expect(created.status).toBe(201);
      const [pending] = await t.app
        .get(DataSource)
        .query(
          `SELECT relayed_at FROM outbox WHERE type = 'project.created' AND payload->>'project' = $1`,
          [slug],
        );
      expect(pending.relayed_at).toBeNull();
      expect(seen.find((e) => e.payload.project === slug)).toBeUndefined();

      await redis.up();
      await eventually(async () => (await http.get('/health')).status === 200, 15_000);
      const event = await eventually(
        async () => seen.find((e) => e.payload.project === slug),
        20_000,
      );
      expect(event.type).toBe('project.created');
    }, 60_000);
  });
});
