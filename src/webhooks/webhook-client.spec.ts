import type { lookup } from 'node:dns';
import { createServer, IncomingMessage, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { verify } from './signature';
import { sendWebhook } from './webhook-client';

describe('sendWebhook', () => {
  let server: Server;
  let url: string;
  const seen: Array<{ headers: IncomingMessage['headers']; body: string }> = [];
  let answer = 200;

  beforeAll(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        seen.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
        if (req.url === '/slow') return; // never answers
        res.writeHead(answer).end('ok');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  beforeEach(() => {
    seen.length = 0;
    answer = 200;
  });

  const request = (path: string) => ({
    url: url + path,
    secret: 'unit-secret',
    body: JSON.stringify({ id: 'e-1', type: 'locale.approved', payload: { locale: 'ar' } }),
    event: 'locale.approved',
    deliveryId: 'd-1',
  });

  it('POSTs the exact body with event, delivery and signature headers', async () => {
    const result = await sendWebhook(request('/ok'), { allowPrivate: true, timeoutMs: 2000 });
    expect(result).toMatchObject({ statusCode: 200, error: null, refused: false });
    expect(seen).toHaveLength(1);
    const [{ headers, body }] = seen;
    expect(body).toBe(request('/ok').body);
    expect(headers['x-tms-event']).toBe('locale.approved');
    expect(headers['x-tms-delivery']).toBe('d-1');
    expect(verify('unit-secret', body, headers['x-tms-signature-256'] as string)).toBe(true);
  });

  it('reports a non-2xx answer as an error with its status', async () => {
    answer = 502;
    const result = await sendWebhook(request('/ok'), { allowPrivate: true, timeoutMs: 2000 });
    expect(result).toMatchObject({ statusCode: 502, error: 'HTTP 502', refused: false });
  });

  it('gives up after the timeout', async () => {
    const result = await sendWebhook(request('/slow'), { allowPrivate: true, timeoutMs: 200 });
    expect(result.statusCode).toBeNull();
    expect(result.error).toMatch(/timed out after 200 ms/);
    expect(result.durationMs).toBeGreaterThanOrEqual(190);
  });

  it('refuses a loopback target without sending anything when private targets are not allowed', async () => {
    const result = await sendWebhook(request('/ok'), { allowPrivate: false, timeoutMs: 2000 });
    expect(result).toMatchObject({ statusCode: null, refused: true });
    expect(result.error).toMatch(/private/);
    expect(seen).toHaveLength(0);
  });

  it('connects to the address its own lookup checked, and refuses private ones', async () => {
    // A name only this resolver knows: reaching the server proves the checked lookup is the one
    // the socket uses (no second resolution that DNS rebinding could change).
    const resolve = ((_host: string, _opts: unknown, cb: (...args: unknown[]) => void) =>
      cb(null, [{ address: '127.0.0.1', family: 4 }])) as unknown as typeof lookup;
    const named = request('/ok');
    named.url = named.url.replace('127.0.0.1', 'hooks.partner.test');
    const refused = await sendWebhook(named, { allowPrivate: false, timeoutMs: 2000, resolve });
    expect(refused).toMatchObject({ statusCode: null, refused: true });
    expect(refused.error).toMatch(/hooks\.partner\.test resolves to a private address/);
    expect(seen).toHaveLength(0);
    const allowed = await sendWebhook(named, { allowPrivate: true, timeoutMs: 2000, resolve });
    expect(allowed.statusCode).toBe(200);
    expect(seen[0].headers.host).toMatch(/^hooks\.partner\.test:/);
  });

  it('reports connection failures', async () => {
    const closed = request('/ok');
    closed.url = 'http://127.0.0.1:1/hook';
    const result = await sendWebhook(closed, { allowPrivate: true, timeoutMs: 2000 });
    expect(result).toMatchObject({ statusCode: null, refused: false });
    expect(result.error).toMatch(/ECONNREFUSED/);
  });
});
