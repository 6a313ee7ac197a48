import { DataSource } from 'typeorm';
import { TestApp } from './support/app';
import { makeArticle, segments as segmentsOf } from './support/content';
import { makeProject, makeUser, TestUser, unique } from './support/factories';
import { Http } from './support/http';
import { startTeam } from './support/team';

const CONTENT = [
  'Give children 5 mL of the syrup every 6 hours.',
  '',
  'Do not give more than 4 doses in 24 hours.',
].join('\n');

/**
 * POST .../segments/:id/check: the checks a save of the target would run, for the editor to
 * show as the translator types; nothing is written and no revision is needed.
 */
describe('segment check without saving (e2e)', () => {
  let t: TestApp;
  let http: Http;
  let admin: string;
  let translator: TestUser;
  let reviewer: TestUser;
  let outsider: TestUser;
  let frTranslator: TestUser;

  beforeAll(async () => {
    ({ t, http, admin, translator, reviewer, outsider } = await startTeam({ worker: false }));
    frTranslator = await makeUser(http, admin);
  });
  afterAll(async () => {
    await t.close();
  });

  async function setup() {
    const project = (
      await makeProject(http, admin, {
        targetLocales: ['es', 'fr'],
        members: { es: { translator, reviewer }, fr: { translator: frTranslator } },
      })
    ).slug;
    const { slug: article } = await makeArticle(http, admin, project, {
      slug: unique('syrup'),
      title: 'Fever in children',
      format: 'text',
      content: CONTENT,
    });
    const base = `/api/projects/${project}/articles/${article}/locales/es/segments`;
    const segments = await segmentsOf(http, translator.token, project, article, 'es');
    return { project, article, base, segments };
  }

  it('returns exactly the checks a save runs, blocking and warnings, and writes nothing', async () => {
    const { base, segments } = await setup();
    const url = `${base}/${segments[1].id}`;
    const targets = [
      'Dé a los niños 10 mL del jarabe cada 6 horas.', // a number changed: blocking
      '  ', // empty: blocking
      'dé a los niños 5 mL del jarabe cada 6 horas', // end punctuation: a warning
    ];
    for (const target of targets) {
      const checked = await http.post(`${url}/check`, { target }, { token: translator.token });
      expect(checked.status).toBe(200);
      expect(Object.keys(checked.body)).toEqual(['checks']);
      expect(checked.body.checks.length).toBeGreaterThan(0);
      const read = await http.get(url, { token: admin });
      expect([read.body.revision, read.body.target, read.body.state]).toEqual([
        0,
        null,
        'untranslated',
      ]);
      const saved = await http.put(url, { target, revision: 0 }, { token: translator.token });
      if (saved.status === 422) {
        expect(saved.body.code).toBe('CHECK_FAILED');
        expect([...saved.body.details.checks, ...saved.body.details.warnings]).toEqual(
          checked.body.checks,
        );
        expect(checked.body.checks.some((c: { severity: string }) => c.severity === 'error')).toBe(
          true,
        );
      } else {
        expect(saved.status).toBe(200);
        expect(saved.body.checks).toEqual(checked.body.checks);
        expect(checked.body.checks).toEqual([
          expect.objectContaining({ code: 'END_PUNCTUATION', severity: 'warning' }),
        ]);
      }
    }
    // A good target has no checks; a check needs no revision and ignores the saved one.
    const good = await http.post(
      `${url}/check`,
      { target: 'Dé a los niños 5 mL del jarabe cada 6 horas.' },
      { token: reviewer.token },
    );
    expect([good.status, good.body]).toEqual([200, { checks: [] }]);
    const history = await http.get(`${url}/history`, { token: admin });
    expect(history.body.items).toHaveLength(1); // only the one save that passed
  });

  it('is cheap: after the editor read the segments, a check reads no route scope', async () => {
    const { base, segments, project, article } = await setup();
    await segmentsOf(http, translator.token, project, article, 'es');
    const dataSource = t.app.get(DataSource);
    const runners = jest.spyOn(dataSource, 'createQueryRunner');
    const check = () =>
      http.post(
        `${base}/${segments[2].id}/check`,
        { target: 'No dé más de 4 dosis en 24 horas.' },
        { token: translator.token },
      );
    expect((await check()).status).toBe(200); // warms the glossary cache
    runners.mockClear();
    const checked = await check();
    const queries = runners.mock.calls.length;
    runners.mockRestore();
    expect([checked.status, checked.body]).toEqual([200, { checks: [] }]);
    // The token's user may be read by the auth guard; the check itself queries nothing.
    expect(queries).toBeLessThanOrEqual(1);
  });

  it('is for those who may translate the locale: 403 for others, 401 without a token', async () => {
    const { base, segments } = await setup();
    const url = `${base}/${segments[1].id}/check`;
    const body = { target: 'Dé a los niños 5 mL del jarabe cada 6 horas.' };
    expect((await http.post(url, body, { token: translator.token })).status).toBe(200);
    expect((await http.post(url, body, { token: reviewer.token })).status).toBe(200);
    expect((await http.post(url, body, { token: admin })).status).toBe(200);
    const other = await http.post(url, body, { token: frTranslator.token });
    expect([other.status, other.body.code]).toEqual([403, 'FORBIDDEN']);
    expect((await http.post(url, body, { token: outsider.token })).status).toBe(403);
    expect((await http.post(url, body)).status).toBe(401);
  });

  it('validates the body: 400 without a string target or with unknown fields', async () => {
    const { base, segments } = await setup();
    const url = `${base}/${segments[1].id}/check`;
    for (const body of [
      {},
      { target: 5 },
      { target: 'x'.repeat(20001) },
      { target: 'a', revision: 0 },
    ]) {
      const res = await http.post(url, body, { token: translator.token });
      expect([res.status, res.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    }
  });

  it('404 for an unknown project, article, locale or segment; 409 for an old segment', async () => {
    const { base, segments, project, article } = await setup();
    const body = { target: 'Hola.' };
    const paths = [
      `/api/projects/nope/articles/${article}/locales/es/segments/${segments[1].id}/check`,
      `/api/projects/${project}/articles/nope/locales/es/segments/${segments[1].id}/check`,
      `/api/projects/${project}/articles/${article}/locales/de/segments/${segments[1].id}/check`,
      `${base}/no-such-segment/check`,
    ];
    for (const path of paths) {
      const res = await http.post(path, body, { token: admin });
      expect([path, res.status, res.body.code]).toEqual([path, 404, 'NOT_FOUND']);
    }
    const changed = await http.put(
      `/api/projects/${project}/articles/${article}/source`,
      { content: CONTENT.replace('every 6 hours', 'every 8 hours') },
      { token: admin },
    );
    expect(changed.status).toBe(200);
    const stale = await http.post(`${base}/${segments[1].id}/check`, body, { token: admin });
    expect([stale.status, stale.body.code]).toEqual([409, 'SOURCE_CHANGED']);
  });
});
