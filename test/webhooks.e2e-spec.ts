import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SecretBox } from '../src/common/secret-box';
import { verify } from '../src/webhooks/signature';
import { TestApp } from './support/app';
import { withClient } from './support/db';
import { makeArticle } from './support/content';
import { addMember, eventually, makeProject, makeUser, unique } from './support/factories';
import { Http } from './support/http';
import { startAdmin } from './support/team';

jest.setTimeout(90_000);

interface Received {
  path: string;
  headers: IncomingMessage['headers'];
  raw: string;
  answered: number | null;
}

interface Delivery {
  id: string;
  eventId: string;
  event: string;
  status: string;
  attempts: number;
  statusCode: number | null;
  durationMs: number | null;
  error: string | null;
  redeliveryOf: string | null;
  history: Array<{ attempt: number; statusCode: number | null; error: string | null }>;
}

/** A real receiver on 127.0.0.1:0 whose behaviour is chosen per path. */
class Receiver {
  readonly requests: Received[] = [];
  private server!: Server;
  private readonly hanging: ServerResponse[] = [];
  private readonly failuresLeft = new Map<string, number>();
  url = '';

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const path = req.url ?? '/';
        const entry: Received = {
          path,
          headers: req.headers,
          raw: Buffer.concat(chunks).toString('utf8'),
          answered: null,
        };
        this.requests.push(entry);
        if (path.startsWith('/hang')) {
          this.hanging.push(res); // never answered
          return;
        }
        const left = this.failuresLeft.get(path) ?? 0;
        entry.answered = left > 0 ? 503 : 200;
        if (left > 0) this.failuresLeft.set(path, left - 1);
        res.writeHead(entry.answered, { 'content-type': 'text/plain' }).end('thanks');
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  failFirst(path: string, times: number): void {
    this.failuresLeft.set(path, times);
  }

  on(path: string): Received[] {
    return this.requests.filter((r) => r.path === path);
  }

  async stop(): Promise<void> {
    for (const res of this.hanging) res.destroy();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

const HOOK_SECRET = 'whsec-clinic-bridge-4471';

describe('webhooks (e2e)', () => {
  let t: TestApp;
  let http: Http;
  let admin: string;
  let receiver: Receiver;

  beforeAll(async () => {
    receiver = new Receiver();
    await receiver.start();
    ({ t, http, admin } = await startAdmin({
      env: { WEBHOOK_ATTEMPTS: '3', WEBHOOK_BACKOFF_MS: '50' },
    }));
  });
  afterAll(async () => {
    await t.close();
    await receiver.stop();
  });

  async function register(
    project: string,
    path: string,
    events: string[],
  ): Promise<{ id: string; url: string; events: string[] }> {
    const res = await http.post(
      `/api/projects/${project}/webhooks`,
      { url: receiver.url + path, events, secret: HOOK_SECRET },
      { token: admin },
    );
    expect(res.status).toBe(201);
    return res.body;
  }

  async function deliveries(project: string, hook: string): Promise<Delivery[]> {
    const res = await http.get<{ items: Delivery[] }>(
      `/api/projects/${project}/webhooks/${hook}/deliveries`,
      { token: admin },
    );
    expect(res.status).toBe(200);
    return res.body.items;
  }

  async function createArticle(project: string, slug: string): Promise<void> {
    await makeArticle(http, admin, project, {
      slug,
      title: 'Resting well',
      format: 'text',
      content: 'Short naps can help. Keep a regular bedtime.',
    });
  }

  it('registers, lists and deletes webhooks without ever returning the secret', async () => {
    const { slug } = await makeProject(http, admin);
    const created = await http.post(
      `/api/projects/${slug}/webhooks`,
      { url: `${receiver.url}/registry`, events: ['article.published'], secret: HOOK_SECRET },
      { token: admin },
    );
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      url: `${receiver.url}/registry`,
      events: ['article.published'],
      active: true,
    });
    expect(typeof created.body.id).toBe('string');
    expect(created.body).not.toHaveProperty('secret');
    expect(created.text).not.toContain(HOOK_SECRET);

    const listed = await http.get(`/api/projects/${slug}/webhooks`, { token: admin });
    expect(listed.status).toBe(200);
    expect(listed.body).toEqual([created.body]);
    expect(listed.text).not.toContain(HOOK_SECRET);

    const member = await makeUser(http, admin);
    await addMember(http, admin, slug, member.id, 'es', 'reviewer');
    const forbidden = await http.post(
      `/api/projects/${slug}/webhooks`,
      { url: `${receiver.url}/x`, events: ['task.assigned'], secret: 's' },
      { token: member.token },
    );
    expect(forbidden.status).toBe(403);
    expect((await http.get(`/api/projects/${slug}/webhooks`, { token: member.token })).status).toBe(
      403,
    );

    for (const body of [
      { url: 'ftp://hooks.example.org/x', events: ['task.assigned'], secret: 's' },
      { url: `${receiver.url}/x`, events: ['article.deleted'], secret: 's' },
      { url: `${receiver.url}/x`, events: [], secret: 's' },
      { url: `${receiver.url}/x`, events: ['task.assigned'] },
    ]) {
      const bad = await http.post(`/api/projects/${slug}/webhooks`, body, { token: admin });
      expect(bad.status).toBe(400);
    }

    const removed = await http.delete(`/api/projects/${slug}/webhooks/${created.body.id}`, {
      token: admin,
    });
    expect(removed.status).toBe(204);
    expect((await http.get(`/api/projects/${slug}/webhooks`, { token: admin })).body).toEqual([]);
    const again = await http.delete(`/api/projects/${slug}/webhooks/${created.body.id}`, {
      token: admin,
    });
    expect(again.status).toBe(404);
  });

  it('stores the signing secret sealed; one sealed under another key fails its attempts, unsent', async () => {
    const { slug } = await makeProject(http, admin);
    const sealed = await register(slug, '/sealed', ['article.created']);
    const rekeyed = await register(slug, '/rekeyed', ['article.created']);
    await withClient(t.databaseUrl, async (db) => {
      const { rows } = await db.query<{ secret: string }>(
        'SELECT secret FROM webhooks WHERE id = $1',
        [sealed.id],
      );
      expect(rows[0].secret).toMatch(/^v1:/);
      expect(rows[0].secret).not.toContain(HOOK_SECRET);
      // As if the key had been changed since this one was registered.
      const other = new SecretBox(
        'another-key-that-is-long-enough-0123456789',
        'webhook signing secret',
      );
      await db.query('UPDATE webhooks SET secret = $2 WHERE id = $1', [
        rekeyed.id,
        other.seal(HOOK_SECRET),
      ]);
    });
    await createArticle(slug, unique('sealed'));

    const [ok] = await eventually(async () => {
      const list = await deliveries(slug, sealed.id);
      return list[0]?.status === 'succeeded' ? list : undefined;
    });
    const [call] = receiver.on('/sealed');
    expect(verify(HOOK_SECRET, call.raw, call.headers['x-tms-signature-256'] as string)).toBe(true);
    expect(ok.attempts).toBe(1);

    const [failed] = await eventually(async () => {
      const list = await deliveries(slug, rekeyed.id);
      return list[0]?.status === 'failed' ? list : undefined;
    });
    expect(failed.error).toMatch(/cannot read the signing secret/);
    expect(failed.history).toHaveLength(3);
    expect(receiver.on('/rekeyed')).toHaveLength(0);
  });

  it('retries a receiver that fails twice and then succeeds: one successful, signed delivery', async () => {
    const { slug } = await makeProject(http, admin);
    receiver.failFirst('/flaky', 2);
    const hook = await register(slug, '/flaky', ['article.created']);
    const article = unique('nap');
    await createArticle(slug, article);

    const [delivery] = await eventually(async () => {
      const list = await deliveries(slug, hook.id);
      return list.length === 1 && list[0].status === 'succeeded' ? list : undefined;
    });
    const calls = receiver.on('/flaky');
    expect(calls.map((c) => c.answered)).toEqual([503, 503, 200]);
    expect(delivery).toMatchObject({
      event: 'article.created',
      attempts: 3,
      statusCode: 200,
      error: null,
    });
    expect(delivery.history.map((h) => [h.attempt, h.statusCode])).toEqual([
      [1, 503],
      [2, 503],
      [3, 200],
    ]);

    for (const call of calls) {
      expect(call.headers['x-tms-event']).toBe('article.created');
      expect(call.headers['x-tms-delivery']).toBe(delivery.id);
      expect(call.headers['content-type']).toMatch(/^application\/json/);
      expect(verify(HOOK_SECRET, call.raw, call.headers['x-tms-signature-256'] as string)).toBe(
        true,
      );
      expect(verify('wrong-secret', call.raw, call.headers['x-tms-signature-256'] as string)).toBe(
        false,
      );
    }
    const body = JSON.parse(calls[2].raw);
    expect(body).toMatchObject({
      id: delivery.eventId,
      type: 'article.created',
      payload: { project: slug, article, version: 1 },
    });
    expect(Number.isNaN(Date.parse(body.time))).toBe(false);

    // Nothing more arrives later: exactly one success.
    await new Promise((r) => setTimeout(r, 500));
    expect(receiver.on('/flaky').filter((c) => c.answered === 200)).toHaveLength(1);

    // Redelivery is a new delivery of the same event, with its own id.
    const redelivered = await http.post<Delivery>(
      `/api/projects/${slug}/webhooks/${hook.id}/deliveries/${delivery.id}/redeliver`,
      undefined,
      { token: admin },
    );
    expect(redelivered.status).toBe(202);
    expect(redelivered.body).toMatchObject({
      eventId: delivery.eventId,
      redeliveryOf: delivery.id,
    });
    await eventually(() => Promise.resolve(receiver.on('/flaky').length === 4));
    const fourth = receiver.on('/flaky')[3];
    expect(fourth.headers['x-tms-delivery']).toBe(redelivered.body.id);
    expect(fourth.raw).toBe(calls[0].raw);
    const after = await eventually(async () => {
      const list = await deliveries(slug, hook.id);
      return list.length === 2 && list[0].status === 'succeeded' ? list : undefined;
    });
    expect(after[0].id).toBe(redelivered.body.id);
  });

  it('sends only subscribed events; task.assigned carries the task and its assignee', async () => {
    const { slug } = await makeProject(http, admin, { targetLocales: ['es'] });
    const translator = await makeUser(http, admin);
    await addMember(http, admin, slug, translator.id, 'es', 'translator');
    const hook = await register(slug, '/assigned', ['task.assigned']);
    const article = unique('sleep');
    await createArticle(slug, article);

    const [call] = await eventually(async () => {
      const calls = receiver.on('/assigned');
      return calls.length === 1 ? calls : undefined;
    });
    expect(call.headers['x-tms-event']).toBe('task.assigned');
    const body = JSON.parse(call.raw);
    expect(body.type).toBe('task.assigned');
    expect(body.payload).toMatchObject({
      project: slug,
      article,
      locale: 'es',
      type: 'translate',
      assigneeId: translator.id,
    });
    const tasks = await http.get(`/api/tasks?assignee=me&project=${slug}`, {
      token: translator.token,
    });
    expect(tasks.body.items.map((x: { id: string }) => x.id)).toEqual([body.payload.taskId]);
    await new Promise((r) => setTimeout(r, 300));
    expect(receiver.on('/assigned')).toHaveLength(1);
    expect(await deliveries(slug, hook.id)).toHaveLength(1);
  });

  it('marks a delivery failed after the configured attempts when the receiver never answers', async () => {
    const { slug } = await makeProject(http, admin);
    const hook = await register(slug, '/hang', ['article.created']);
    await createArticle(slug, unique('quiet'));

    const [delivery] = await eventually(
      async () => {
        const list = await deliveries(slug, hook.id);
        return list.length === 1 && list[0].status === 'failed' ? list : undefined;
      },
      60_000,
      500,
    );
    expect(delivery.attempts).toBe(3);
    expect(delivery.statusCode).toBeNull();
    expect(delivery.error).toMatch(/timed out/);
    expect(delivery.history.map((h) => h.attempt)).toEqual([1, 2, 3]);
    expect(delivery.durationMs).toBeGreaterThanOrEqual(9_900);
    expect(receiver.on('/hang')).toHaveLength(3);
  });
});

describe('webhook targets without WEBHOOK_ALLOW_PRIVATE (e2e)', () => {
  let t: TestApp;
  let http: Http;
  let admin: string;

  beforeAll(async () => {
    ({ t, http, admin } = await startAdmin({
      worker: false,
      env: { WEBHOOK_ALLOW_PRIVATE: 'false' },
    }));
  });
  afterAll(() => t.close());

  it.each([
    'http://127.0.0.1:9/hook',
    'http://localhost:9/hook',
    'http://[::1]/hook',
    'http://[::ffff:169.254.169.254]/latest',
    'http://169.254.169.254/latest/meta-data',
    'http://10.1.2.3/hook',
    'http://0.0.0.0/hook',
    'http://[fd00::1]/hook',
    'http://[fe80::1]/hook',
  ])('refuses %s', async (url) => {
    const { slug } = await makeProject(http, admin);
    const res = await http.post(
      `/api/projects/${slug}/webhooks`,
      { url, events: ['article.published'], secret: HOOK_SECRET },
      { token: admin },
    );
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('WEBHOOK_TARGET_REFUSED');
  });

  it('accepts a public https target', async () => {
    const { slug } = await makeProject(http, admin);
    const res = await http.post(
      `/api/projects/${slug}/webhooks`,
      { url: 'https://93.184.215.14/tms-hook', events: ['*'], secret: HOOK_SECRET },
      { token: admin },
    );
    expect(res.status).toBe(201);
    expect(res.body.events).toEqual(['*']);
  });
});
