import { createServer, Server } from 'node:http';
import { AddressInfo, Socket } from 'node:net';
import { DataSource } from 'typeorm';
import { EventHandlerRegistry } from '../src/jobs/event-handlers';
import { OutboxService } from '../src/jobs/outbox.service';
import type { EventEnvelope } from '../src/jobs/queues';
import { REDIS } from '../src/jobs/redis.provider';
import { loadConfig } from '../src/config/config';
import { resolveJobTransport } from '../src/startup';
import { makeArticle } from './support/content';
import { eventually, makeProject, unique } from './support/factories';
import { AdminSession, startAdmin } from './support/team';

/** Ports the process opened TCP connections to while the app ran. */
function watchConnections(): { ports: number[]; restore(): void } {
  const ports: number[] = [];
  const original = Socket.prototype.connect;
  Socket.prototype.connect = function (this: Socket, ...args: unknown[]) {
    const first = args[0] as { port?: number | string } | number | string;
    const port = typeof first === 'object' && first !== null ? first.port : first;
    if (port !== undefined && !Number.isNaN(Number(port))) ports.push(Number(port));
    return (original as (...a: unknown[]) => Socket).apply(this, args);
  } as typeof Socket.prototype.connect;
  return { ports, restore: () => (Socket.prototype.connect = original) };
}

describe('jobs without Redis: REDIS_URL=none (e2e)', () => {
  let session: AdminSession;
  let receiver: Server;
  let receiverUrl: string;
  const received: Array<{ event: string; body: string }> = [];
  let answers = [503, 200];
  const connections = watchConnections();

  beforeAll(async () => {
    receiver = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        received.push({ event: String(req.headers['x-tms-event']), body });
        res.writeHead(answers.shift() ?? 200).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
    session = await startAdmin({ worker: true, env: { REDIS_URL: 'none' } });
  });
  afterAll(async () => {
    await session.t.close();
    connections.restore();
    await new Promise<void>((resolve) => receiver.close(() => resolve()));
  });

  it('resolves the outbox transport and says Redis is not used, on /health and /metrics', async () => {
    const { t, http } = session;
    expect(t.config.jobTransport).toBe('outbox');
    expect(t.app.get(REDIS)).toBeNull();
    expect((await http.get('/health')).body).toEqual({ status: 'ok', db: 'up', redis: 'not used' });
    const metrics = (await http.get('/metrics')).text;
    expect(metrics).toMatch(/^tms_job_transport\{transport="outbox"\} 1$/m);
    expect(metrics).not.toMatch(/^tms_redis_up/m);
    expect(metrics).not.toMatch(/^queue_jobs/m);
  });

  it('runs outbox events in-process through the registered handlers, once', async () => {
    const { t } = session;
    const seen: EventEnvelope[] = [];
    t.app.get(EventHandlerRegistry).register({
      name: 'test.outbox-mode-recorder',
      types: ['test.local'],
      handle: async (event) => {
        seen.push(event);
      },
    });
    const marker = unique('local');
    await t.app
      .get(DataSource)
      .transaction((manager) =>
        t.app.get(OutboxService).emit(manager, { type: 'test.local', payload: { marker } }),
      );
    const event = await eventually(async () => seen.find((e) => e.payload.marker === marker));
    const row = await eventually(async () => {
      const [r] = await t.app
        .get(DataSource)
        .query(`SELECT processed_at, attempts FROM outbox WHERE event_id = $1`, [event.eventId]);
      return r.processed_at !== null && r;
    });
    expect(row.attempts).toBe(0);
    expect(seen.filter((e) => e.payload.marker === marker)).toHaveLength(1);
  });

  it('delivers a webhook in-process, retrying a failed attempt, and never connects to Redis', async () => {
    const { http, admin } = session;
    const { slug } = await makeProject(http, admin);
    const hook = await http.post(
      `/api/projects/${slug}/webhooks`,
      { url: receiverUrl, events: ['article.created'], secret: 'outbox-mode-secret-1' },
      { token: admin },
    );
    expect(hook.status).toBe(201);
    answers = [503, 200];
    await makeArticle(http, admin, slug);
    const delivery = await eventually(async () => {
      const list = await http.get(`/api/projects/${slug}/webhooks/${hook.body.id}/deliveries`, {
        token: admin,
      });
      const [first] = list.body.items;
      return first?.status === 'succeeded' && first;
    }, 15_000);
    expect(delivery).toMatchObject({ event: 'article.created', attempts: 2, statusCode: 200 });
    expect(received.filter((r) => r.event === 'article.created')).toHaveLength(2);
    // The watch sees the app's connections (PostgreSQL's), and none to Redis.
    expect(connections.ports).toContain(Number(new URL(session.t.databaseUrl).port || 5432));
    expect(connections.ports).not.toContain(6379);
  });
});

describe('choosing the job transport at start-up (e2e)', () => {
  it('takes the outbox when REDIS_URL is unset and nothing answers, BullMQ when Redis answers', async () => {
    const nothing = loadConfig({});
    nothing.redisUrl = 'redis://127.0.0.1:1'; // where nothing listens, as 6379 on a bare machine
    expect(await resolveJobTransport(nothing)).toBe('outbox');
    expect(await resolveJobTransport(loadConfig({}))).toBe('bullmq'); // the shared Redis
    expect(await resolveJobTransport(loadConfig({ REDIS_URL: 'none' }))).toBe('outbox');
    expect(await resolveJobTransport(loadConfig({ REDIS_URL: 'redis://127.0.0.1:6379' }))).toBe(
      'bullmq',
    );
  });
});
