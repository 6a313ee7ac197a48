import { TestApp } from './support/app';
import { makeProject, makeUser, TestUser } from './support/factories';
import { makeArticle } from './support/content';
import { Http } from './support/http';
import { startAdmin } from './support/team';

/**
 * Every route in the generated OpenAPI document, called without a token and by a user who
 * belongs to no project. A new route that forgets its access check fails here: public routes
 * and routes open to any signed-in user are listed explicitly.
 */
const PUBLIC = new Set([
  'POST /api/auth/login',
  // Browser sessions: the HttpOnly cookie is the credential (auth-sessions.e2e-spec.ts).
  'POST /api/auth/refresh',
  'POST /api/auth/logout',
  'GET /api/locales',
  'GET /health',
  'GET /api/public/projects/{project}/articles',
  'GET /api/public/projects/{project}/articles/{article}',
]);
const ANY_USER = new Set([
  'GET /api/auth/me',
  'PATCH /api/auth/me',
  'POST /api/auth/password',
  'POST /api/auth/tokens',
  'GET /api/auth/tokens',
  'DELETE /api/auth/tokens/{id}',
  'GET /api/projects',
  'GET /api/tasks',
  // Visibility is per entry (memory.e2e-spec.ts): an outsider gets only shared entries.
  'GET /api/tm',
  // The same visibility as GET /api/tm (tmx.e2e-spec.ts).
  'GET /api/tm/export',
]);

/** Admin-only routes that must stay documented (and so be checked by the tests below). */
const ADMIN_ONLY = [
  'GET /api/admin/jobs',
  'POST /api/admin/jobs/{id}/retry',
  'GET /api/projects/{project}/mt',
  'PUT /api/projects/{project}/mt',
  'DELETE /api/projects/{project}/mt',
  'POST /api/tm/import',
];

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
  let admin: string;
  let routes: Array<{ method: string; path: string }>;

  beforeAll(async () => {
    const session = await startAdmin({ worker: false });
    ({ t, http } = session);
    admin = session.admin;
    outsider = await makeUser(http, admin);
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

  it('lets only the admin and the reviewer of the locale publish or withdraw it', async () => {
    const [translatorEs, reviewerFr, reviewerEs] = await Promise.all([
      makeUser(http, admin),
      makeUser(http, admin),
      makeUser(http, admin),
    ]);
    const { slug: p } = await makeProject(http, admin, {
      targetLocales: ['es', 'fr'],
      members: {
        es: { translator: translatorEs, reviewer: reviewerEs },
        fr: { reviewer: reviewerFr },
      },
    });
    const { slug: a } = await makeArticle(http, admin, p);
    const body = { reason: 'Checking the dose' };
    for (const action of ['publish', 'withdraw']) {
      const path = `/api/projects/${p}/articles/${a}/locales/es/${action}`;
      for (const user of [translatorEs, reviewerFr]) {
        const res = await http.post(path, body, { token: user.token });
        expect([action, res.status, res.body.code]).toEqual([action, 403, 'FORBIDDEN']);
      }
      // Allowed: refused only by the state of the locale (nothing approved or published yet).
      for (const token of [reviewerEs.token, admin]) {
        const res = await http.post(path, action === 'publish' ? undefined : body, { token });
        expect([action, res.status]).toEqual([action, 409]);
      }
    }
  });
});
