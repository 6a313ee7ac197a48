import { TestApp } from './support/app';
import { makeUser, TestUser } from './support/factories';
import { Http } from './support/http';
import { startAdmin } from './support/team';

/**
 * Every route in the generated OpenAPI document, called without a token and by a user who
 * belongs to no project. A new route that forgets its access check fails here: public routes
 * and routes open to any signed-in user are listed explicitly.
 */
const PUBLIC = new Set([
  'POST /api/auth/login',
  'GET /api/locales',
  'GET /health',
  'GET /api/public/projects/{project}/articles',
  'GET /api/public/projects/{project}/articles/{article}',
]);
const ANY_USER = new Set([
  'GET /api/auth/me',
  'POST /api/auth/tokens',
  'GET /api/auth/tokens',
  'DELETE /api/auth/tokens/{id}',
  'GET /api/projects',
  'GET /api/tasks',
]);

/** Admin-only routes that must stay documented (and so be checked by the tests below). */
const ADMIN_ONLY = ['GET /api/admin/jobs', 'POST /api/admin/jobs/{id}/retry'];

const PARAMS: Record<string, string> = {
  project: 'some-project',
  article: 'some-article',
  locale: 'es',
  version: '1',
};
const UUID = '00000000-0000-4000-8000-000000000000';

function concrete(path: string): string {
  return path.replace(/\{(\w+)\}/g, (_m, name: string) => PARAMS[name] ?? UUID);
}

describe('access on every route (e2e)', () => {
  let t: TestApp;
  let http: Http;
  let outsider: TestUser;
  let routes: Array<{ method: string; path: string }>;

  beforeAll(async () => {
    const session = await startAdmin({ worker: false });
    ({ t, http } = session);
    outsider = await makeUser(http, session.admin);
    const doc = await http.get<{ paths: Record<string, Record<string, unknown>> }>(
      '/api/docs-json',
    );
    routes = Object.entries(doc.body.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((method) => ({ method: method.toUpperCase(), path })),
    );
  });
  afterAll(() => t.close());

  const label = (r: { method: string; path: string }): string => `${r.method} ${r.path}`;
  const needsBody = (method: string): boolean => ['POST', 'PUT', 'PATCH'].includes(method);

  it('documents the whole API, and the public routes are exactly the listed ones', () => {
    expect(routes.length).toBeGreaterThan(40);
    for (const name of [...PUBLIC, ...ANY_USER, ...ADMIN_ONLY])
      expect(routes.map(label)).toContain(name);
  });

  it('refuses every non-public route without a token (401 UNAUTHORIZED)', async () => {
    const open: string[] = [];
    for (const route of routes.filter((r) => !PUBLIC.has(label(r)))) {
      const res = await http.request(route.method, concrete(route.path), {
        body: needsBody(route.method) ? {} : undefined,
      });
      if (res.status !== 401 || res.body.code !== 'UNAUTHORIZED') {
        open.push(`${label(route)} → ${res.status}`);
      }
    }
    expect(open).toEqual([]);
  });

  it('refuses a signed-in user who belongs to no project on every project or admin route (403)', async () => {
    const open: string[] = [];
    const restricted = routes.filter((r) => !PUBLIC.has(label(r)) && !ANY_USER.has(label(r)));
    for (const route of restricted) {
      const res = await http.request(route.method, concrete(route.path), {
        token: outsider.token,
        body: needsBody(route.method) ? {} : undefined,
      });
      if (res.status !== 403) open.push(`${label(route)} → ${res.status}`);
    }
    expect(open).toEqual([]);
  });
});
