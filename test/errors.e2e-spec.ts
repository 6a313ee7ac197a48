import { TestApp } from './support/app';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { Http, rawGet } from './support/http';
import { startAdmin } from './support/team';

describe('errors and operations (e2e)', () => {
  let t: TestApp;
  let http: Http;
  let admin: string;

  beforeAll(async () => {
    ({ t, http, admin } = await startAdmin({ worker: false }));
  });
  afterAll(() => t.close());

  it('compresses JSON answers of 1 KB and more as the client accepts, and no others', async () => {
    const auth = { authorization: `Bearer ${admin}` };
    const plain = await rawGet(`${t.baseUrl}/api/locales`, auth);
    expect(plain.status).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.length).toBeGreaterThan(1024);
    for (const [accept, coding, decode] of [
      ['gzip, deflate, br', 'br', brotliDecompressSync],
      ['gzip', 'gzip', gunzipSync],
    ] as const) {
      const res = await rawGet(`${t.baseUrl}/api/locales`, { ...auth, 'accept-encoding': accept });
      expect([res.headers['content-encoding'], res.headers.vary]).toEqual([
        coding,
        'accept-encoding',
      ]);
      expect(res.body.length).toBeLessThan(plain.body.length / 3);
      expect(JSON.parse(decode(res.body).toString())).toEqual(JSON.parse(plain.body.toString()));
    }
    const small = await rawGet(`${t.baseUrl}/health`, { 'accept-encoding': 'br' });
    expect(small.body.length).toBeLessThan(1024);
    expect(small.headers['content-encoding']).toBeUndefined();
    // A compressed request body is not inflated: it is refused as any other body that is not JSON.
    const gzipped = await http.request('POST', '/api/projects', {
      token: admin,
      rawBody: '\x1f\x8b\x08\x00',
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
    });
    expect([gzipped.status, (gzipped.body as { code: string }).code]).toEqual([
      400,
      'MALFORMED_JSON',
    ]);
  });

  it('answers unknown routes with 404 in the contract shape', async () => {
    const res = await http.get('/api/nothing-here', { token: admin });
    expect(res.status).toBe(404);
    expect(res.body).toEqual({
      statusCode: 404,
      error: 'Not Found',
      code: 'NOT_FOUND',
      message: expect.any(String),
    });
  });

  it('answers malformed JSON with 400 MALFORMED_JSON', async () => {
    const res = await http.request('POST', '/api/projects', {
      token: admin,
      rawBody: '{"slug": "x",',
      headers: { 'content-type': 'application/json' },
    });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ statusCode: 400, code: 'MALFORMED_JSON' });
  });

  it('answers bodies over 5 MB with 413 and creates nothing', async () => {
    const big = JSON.stringify({
      slug: 'too-big',
      name: 'x'.repeat(5 * 1024 * 1024),
      sourceLocale: 'en',
      targetLocales: ['es'],
    });
    const res = await http.request('POST', '/api/projects', {
      token: admin,
      rawBody: big,
      headers: { 'content-type': 'application/json' },
    });
    expect(res.status).toBe(413);
    expect(res.body).toMatchObject({ statusCode: 413, code: 'PAYLOAD_TOO_LARGE' });
    expect((await http.get('/api/projects/too-big', { token: admin })).status).toBe(404);
  });

  it('refuses unsupported content types with 415', async () => {
    const res = await http.request('POST', '/api/projects', {
      token: admin,
      rawBody: 'slug,name',
      headers: { 'content-type': 'text/csv' },
    });
    expect(res.status).toBe(415);
    expect(res.body.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('never leaks a stack trace', async () => {
    const res = await http.request('POST', '/api/auth/login', {
      rawBody: '[1,2',
      headers: { 'content-type': 'application/json' },
    });
    expect(res.text).not.toMatch(/at .*\.(ts|js):\d+/);
  });

  it('serves the locale catalog publicly', async () => {
    const res = await http.get('/api/locales');
    expect(res.status).toBe(200);
    expect(res.body.length).toBeGreaterThanOrEqual(40);
    expect(res.body.find((l: { code: string }) => l.code === 'ur')).toMatchObject({
      direction: 'rtl',
      nativeName: 'اردو',
    });
  });

  it('serves OpenAPI generated from the controllers', async () => {
    const json = await http.get('/api/docs-json');
    expect(json.status).toBe(200);
    expect(Object.keys(json.body.paths)).toEqual(
      expect.arrayContaining(['/api/auth/login', '/api/projects/{project}/members']),
    );
    const ui = await http.get('/api/docs');
    expect(ui.status).toBe(200);
    expect(ui.text).toContain('swagger');
  });

  it('exports Prometheus metrics with route latency, queue depths and outbox backlog', async () => {
    await http.get(`/api/projects`, { token: admin });
    const res = await http.get('/metrics');
    expect(res.status).toBe(200);
    expect(res.text).toMatch(/http_request_duration_seconds_bucket\{[^}]*route="\/api\/projects"/);
    expect(res.text).toMatch(/queue_jobs\{queue="events",state="waiting"\}/);
    expect(res.text).toMatch(/^outbox_backlog \d+/m);
    // One well-formed text exposition: every line a comment or a sample, each family declared once.
    const lines = res.text.split('\n').filter((line) => line !== '');
    const malformed = lines.filter(
      (line) =>
        !/^(# (HELP|TYPE) \w+ .*|\w+(\{.*\})? -?[\d.e+-]+|\w+(\{.*\})? [+-]?Inf|\w+(\{.*\})? NaN)$/.test(
          line,
        ),
    );
    expect(malformed).toEqual([]);
    const families = lines.filter((line) => line.startsWith('# TYPE ')).map((l) => l.split(' ')[2]);
    expect(new Set(families).size).toBe(families.length);
    expect(families).toContain('http_request_duration_seconds');
  });

  it('puts a request id on responses, echoing a valid incoming one', async () => {
    const res = await http.get('/api/locales', { headers: { 'x-request-id': 'trace-123' } });
    expect(res.headers.get('x-request-id')).toBe('trace-123');
    const generated = await http.get('/api/locales');
    expect(generated.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});
