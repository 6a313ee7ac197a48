import { TestApp } from './support/app';
import { makeArticle, translateAndApprove } from './support/content';
import { addMember, makeProject, makeUser, TestUser, unique } from './support/factories';
import { Http } from './support/http';
import { startTeam } from './support/team';

describe('projects and members (e2e)', () => {
  let t: TestApp;
  let http: Http;
  let admin: string;
  let translator: TestUser;
  let reviewer: TestUser;
  let outsider: TestUser;
  let project: string;

  beforeAll(async () => {
    ({ t, http, admin, translator, reviewer, outsider } = await startTeam({ worker: false }));
    project = (
      await makeProject(http, admin, {
        targetLocales: ['es', 'zh-hans', 'AR'],
        members: { es: { translator }, 'zh-Hans': { reviewer } },
      })
    ).slug;
  });
  afterAll(() => t.close());

  it('creates a project with canonical locales and defaults', async () => {
    const res = await http.get(`/api/projects/${project}`, { token: admin });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      slug: project,
      sourceLocale: 'en',
      targetLocales: ['es', 'zh-Hans', 'ar'],
      publishPolicy: 'complete',
      stalePolicy: 'keep',
      requireReview: true,
      dueDays: 7,
    });
    expect(res.body.progress.map((p: { locale: string }) => p.locale)).toEqual([
      'es',
      'zh-Hans',
      'ar',
    ]);
  });

  it.each([
    [{ slug: 'Bad Slug' }, 'slug'],
    [{ slug: '-x' }, 'slug'],
    [{ sourceLocale: 'xx-YY' }, 'sourceLocale'],
    [{ targetLocales: ['es', 'klingon'] }, 'targetLocales.1'],
    [{ targetLocales: ['en', 'es'] }, 'targetLocales'],
    [{ targetLocales: ['es', 'ES'] }, 'targetLocales'],
    [{ publishPolicy: 'sometimes' }, 'publishPolicy'],
    [{ dueDays: 0 }, 'dueDays'],
    [{ unknownField: 1 }, 'unknownField'],
  ])('refuses %j naming %s in details', async (override, field) => {
    const body = {
      slug: unique('p'),
      name: 'P',
      sourceLocale: 'en',
      targetLocales: ['es'],
      ...override,
    };
    const res = await http.post('/api/projects', body, { token: admin });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.details.errors.map((e: { field: string }) => e.field)).toContain(field);
  });

  it('refuses a duplicate slug with 409 and changes nothing', async () => {
    const res = await http.post(
      '/api/projects',
      { slug: project, name: 'Other', sourceLocale: 'en', targetLocales: ['fr'] },
      { token: admin },
    );
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('SLUG_TAKEN');
    expect(
      (await http.get(`/api/projects/${project}`, { token: admin })).body.targetLocales,
    ).toEqual(['es', 'zh-Hans', 'ar']);
  });

  it('patches settings but not the slug', async () => {
    const other = (await makeProject(http, admin)).slug;
    const res = await http.patch(
      `/api/projects/${other}`,
      { dueDays: 3, requireReview: false, targetLocales: ['vi'] },
      { token: admin },
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ dueDays: 3, requireReview: false, targetLocales: ['vi'] });
    expect(
      (await http.patch(`/api/projects/${other}`, { slug: 'renamed' }, { token: admin })).status,
    ).toBe(400);
  });

  it('lists members and adds only target locales', async () => {
    const res = await http.get(`/api/projects/${project}/members`, { token: translator.token });
    expect(res.status).toBe(200);
    expect(res.body).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ userId: translator.id, locale: 'es', role: 'translator' }),
        expect.objectContaining({ userId: reviewer.id, locale: 'zh-Hans', role: 'reviewer' }),
      ]),
    );
    const bad = await http.post(
      `/api/projects/${project}/members`,
      { userId: outsider.id, locale: 'fr', role: 'translator' },
      { token: admin },
    );
    expect(bad.status).toBe(400);
    const source = await http.post(
      `/api/projects/${project}/members`,
      { userId: outsider.id, locale: 'en', role: 'translator' },
      { token: admin },
    );
    expect(source.status).toBe(400);
    const ghost = await http.post(
      `/api/projects/${project}/members`,
      { userId: '00000000-0000-4000-8000-000000000000', locale: 'es', role: 'translator' },
      { token: admin },
    );
    expect(ghost.status).toBe(404);
  });

  it('shows memberships on /auth/me and lists only own projects', async () => {
    const me = await http.get('/api/auth/me', { token: translator.token });
    expect(me.body.memberships).toEqual([{ project, locale: 'es', role: 'translator' }]);
    const mine = await http.get('/api/projects', { token: translator.token });
    expect(mine.body.map((p: { slug: string }) => p.slug)).toEqual([project]);
    expect((await http.get('/api/projects', { token: outsider.token })).body).toEqual([]);
  });

  it('lists each project with its own per-locale progress, as the project itself shows it', async () => {
    const [tr, rv] = await Promise.all([makeUser(http, admin), makeUser(http, admin)]);
    const tokens = { translator: tr.token, reviewer: rv.token };
    const roles = { translator: tr, reviewer: rv };
    const first = (
      await makeProject(http, admin, { targetLocales: ['fr', 'es'], members: { fr: roles } })
    ).slug;
    const second = (
      await makeProject(http, admin, { targetLocales: ['de'], members: { de: roles } })
    ).slug;
    const empty = (await makeProject(http, admin, { targetLocales: ['it'] })).slug;
    const one = await makeArticle(http, admin, first);
    const two = await makeArticle(http, admin, first);
    const three = await makeArticle(http, admin, second);
    await translateAndApprove(http, tokens, first, one.slug, 'fr', (s) => `FR ${s}`);
    await translateAndApprove(
      http,
      tokens,
      second,
      three.slug,
      'de',
      (s) => `DE ${s}`,
      (segment) => segment.position === 0,
    );

    const res = await http.get<Array<{ slug: string; progress: unknown[] }>>('/api/projects', {
      token: admin,
    });
    expect(res.status).toBe(200);
    const listed = new Map(res.body.map((p) => [p.slug, p.progress]));
    const total = one.segmentCount + two.segmentCount;
    expect(listed.get(first)).toEqual([
      expect.objectContaining({
        locale: 'fr',
        total,
        approved: one.segmentCount,
        untranslated: two.segmentCount,
        published: null,
        stale: false,
      }),
      expect.objectContaining({ locale: 'es', total, approved: 0, untranslated: total }),
    ]);
    expect(listed.get(second)).toEqual([
      expect.objectContaining({
        locale: 'de',
        total: three.segmentCount,
        approved: 1,
        untranslated: three.segmentCount - 1,
      }),
    ]);
    expect(listed.get(empty)).toEqual([expect.objectContaining({ locale: 'it', total: 0 })]);
    for (const slug of [first, second, empty]) {
      const single = await http.get<{ progress: unknown[] }>(`/api/projects/${slug}`, {
        token: admin,
      });
      expect(listed.get(slug)).toEqual(single.body.progress);
    }
    const mine = await http.get<Array<{ slug: string; progress: unknown[] }>>('/api/projects', {
      token: tr.token,
    });
    expect(mine.body.map((p) => [p.slug, p.progress])).toEqual(
      [first, second].sort().map((slug) => [slug, listed.get(slug)]),
    );
  });

  describe('role matrix', () => {
    type Who = 'admin' | 'translator' | 'reviewer' | 'outsider' | 'anonymous';
    const token = (who: Who): string | undefined =>
      ({
        admin,
        translator: translator.token,
        reviewer: reviewer.token,
        outsider: outsider.token,
        anonymous: undefined,
      })[who];

    const routes: Array<
      [string, string, () => string, (() => unknown) | undefined, Record<Who, number>]
    > = [
      [
        'POST',
        '/api/projects',
        () => '/api/projects',
        () => ({ slug: unique('m'), name: 'M', sourceLocale: 'en', targetLocales: ['es'] }),
        { admin: 201, translator: 403, reviewer: 403, outsider: 403, anonymous: 401 },
      ],
      [
        'GET',
        '/api/projects',
        () => '/api/projects',
        undefined,
        { admin: 200, translator: 200, reviewer: 200, outsider: 200, anonymous: 401 },
      ],
      [
        'GET',
        '/api/projects/:project',
        () => `/api/projects/${project}`,
        undefined,
        { admin: 200, translator: 200, reviewer: 200, outsider: 403, anonymous: 401 },
      ],
      [
        'PATCH',
        '/api/projects/:project',
        () => `/api/projects/${project}`,
        () => ({ name: 'Renamed' }),
        { admin: 200, translator: 403, reviewer: 403, outsider: 403, anonymous: 401 },
      ],
      [
        'GET',
        '/api/projects/:project/members',
        () => `/api/projects/${project}/members`,
        undefined,
        { admin: 200, translator: 200, reviewer: 200, outsider: 403, anonymous: 401 },
      ],
      [
        'POST',
        '/api/projects/:project/members',
        () => `/api/projects/${project}/members`,
        () => ({ userId: outsider.id, locale: 'ar', role: 'translator' }),
        { admin: 201, translator: 403, reviewer: 403, outsider: 403, anonymous: 401 },
      ],
      [
        'DELETE',
        '/api/projects/:project/members/:userId',
        () => `/api/projects/${project}/members/${outsider.id}?locale=ar`,
        undefined,
        { admin: 204, translator: 403, reviewer: 403, outsider: 403, anonymous: 401 },
      ],
    ];

    const order: Who[] = ['anonymous', 'outsider', 'translator', 'reviewer', 'admin'];
    it.each(routes)('%s %s', async (method, _name, path, body, expected) => {
      for (const who of order) {
        const res = await http.request(method, path(), { token: token(who), body: body?.() });
        expect({ who, status: res.status }).toEqual({ who, status: expected[who] });
        if (res.status >= 400)
          expect(res.body).toMatchObject({ statusCode: res.status, code: expect.any(String) });
      }
    });
  });

  it('removes memberships and 404s when there is none', async () => {
    const user = await makeUser(http, admin);
    await addMember(http, admin, project, user.id, 'es', 'translator');
    await addMember(http, admin, project, user.id, 'ar', 'reviewer');
    expect(
      (await http.delete(`/api/projects/${project}/members/${user.id}?locale=ES`, { token: admin }))
        .status,
    ).toBe(204);
    const left = (await http.get(`/api/projects/${project}/members`, { token: admin })).body.filter(
      (m: { userId: string }) => m.userId === user.id,
    );
    expect(left).toEqual([expect.objectContaining({ locale: 'ar' })]);
    expect(
      (await http.delete(`/api/projects/${project}/members/${user.id}`, { token: admin })).status,
    ).toBe(204);
    expect(
      (await http.delete(`/api/projects/${project}/members/${user.id}`, { token: admin })).status,
    ).toBe(404);
  });

  it('404s an unknown project for admins', async () => {
    const res = await http.get('/api/projects/does-not-exist', { token: admin });
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('NOT_FOUND');
  });
});
