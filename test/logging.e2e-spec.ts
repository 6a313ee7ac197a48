import { ADMIN } from './support/app';
import { withClient } from './support/db';
import { Http } from './support/http';
import { startAdmin } from './support/team';
import type { TestApp } from './support/app';

type Line = Record<string, unknown> & {
  level: number;
  msg?: string;
  requestId?: string;
  req?: { method: string; url: string };
  res?: { statusCode: number };
};

describe('request logs (e2e)', () => {
  const lines: Line[] = [];
  let raw = '';
  let t: TestApp;
  let http: Http;
  let admin: string;

  beforeAll(async () => {
    ({ t, http, admin } = await startAdmin({
      worker: false,
      env: { LOG_LEVEL: 'info' },
      logDestination: {
        write: (line: string) => {
          raw += line;
          lines.push(JSON.parse(line) as Line);
        },
      },
    }));
  });
  afterAll(() => t.close());

  const requestLines = (requestId: string) => lines.filter((l) => l.requestId === requestId);

  it('writes one line per API request with the id the response carries, and no secrets', async () => {
    const login = await http.post('/api/auth/login', ADMIN);
    expect(login.status).toBe(200);
    const id = login.headers.get('x-request-id') ?? '';
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(requestLines(id)).toEqual([
      expect.objectContaining({
        level: 30,
        msg: 'request completed',
        req: { method: 'POST', url: '/api/auth/login' },
        res: { statusCode: 200 },
        responseTime: expect.any(Number),
      }),
    ]);
    const token = (login.body as { accessToken: string }).accessToken;
    expect(token.length).toBeGreaterThan(20);
    expect(raw).not.toContain(ADMIN.password);
    expect(raw).not.toContain(token);
    expect(raw).not.toContain(admin);
  });

  it("keeps the caller's X-Request-Id on the line and in the answer, with the caller's user id", async () => {
    const res = await http.get('/api/projects', {
      token: admin,
      headers: { 'x-request-id': 'edge-7f3a.trace_01' },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-request-id')).toBe('edge-7f3a.trace_01');
    const me = await http.get<{ id: string }>('/api/auth/me', { token: admin });
    expect(requestLines('edge-7f3a.trace_01')).toEqual([
      expect.objectContaining({
        level: 30,
        userId: me.body.id,
        req: { method: 'GET', url: '/api/projects' },
      }),
    ]);
  });

  it('logs refusals as warnings', async () => {
    const res = await http.get('/api/nothing-here', { token: admin });
    expect(res.status).toBe(404);
    expect(requestLines(res.headers.get('x-request-id') ?? '')).toEqual([
      expect.objectContaining({ level: 40, res: { statusCode: 404 } }),
    ]);
  });

  it('redacts credentials a client put in the query string', async () => {
    const res = await http.get('/api/projects?page=1&access_token=leaked-in-url-1234', {
      token: admin,
    });
    expect(requestLines(res.headers.get('x-request-id') ?? '')).toEqual([
      expect.objectContaining({
        req: { method: 'GET', url: '/api/projects?page=1&access_token=[redacted]' },
      }),
    ]);
    expect(raw).not.toContain('leaked-in-url-1234');
  });

  it('leaves probes, metrics and reader pages out', async () => {
    const before = lines.length;
    for (const path of ['/health', '/metrics', '/read/no-such-project/no-such-article']) {
      const res = await http.get(path);
      expect(res.headers.get('x-request-id')).toBeTruthy();
      expect(requestLines(res.headers.get('x-request-id') ?? '')).toEqual([]);
    }
    expect(lines.slice(before).filter((l) => l.msg === 'request completed')).toEqual([]);
  });

  it('logs a failure with its stack and request id, and answers without them', async () => {
    // A real failure: the table the route reads is gone.
    await withClient(t.databaseUrl, (db) =>
      db.query('ALTER TABLE projects RENAME TO projects_gone'),
    );
    try {
      const res = await http.get('/api/projects', { token: admin });
      expect(res.status).toBe(500);
      expect(res.body).toMatchObject({ code: 'INTERNAL_ERROR' });
      expect(res.text).not.toContain('projects');
      const id = res.headers.get('x-request-id') ?? '';
      const logged = requestLines(id);
      expect(logged).toEqual([
        expect.objectContaining({
          level: 50,
          msg: 'request failed',
          context: 'HttpExceptionFilter',
          err: expect.objectContaining({
            message: expect.stringContaining('"projects" does not exist'),
            stack: expect.stringContaining('\n    at '),
          }),
        }),
        expect.objectContaining({ level: 50, msg: 'request completed', res: { statusCode: 500 } }),
      ]);
    } finally {
      await withClient(t.databaseUrl, (db) =>
        db.query('ALTER TABLE projects_gone RENAME TO projects'),
      );
    }
  });
});
