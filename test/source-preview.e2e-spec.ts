import { TestApp } from './support/app';
import {
  makeArticle,
  segments as segmentsOf,
  SegmentItem,
  translateAndApprove,
} from './support/content';
import { outboxPayloads } from './support/db';
import { makeProject, TestUser, unique } from './support/factories';
import { Http } from './support/http';
import { startTeam } from './support/team';

const CONTENT = [
  'Take one tablet each morning with food.',
  '',
  'Swallow the tablet whole with a glass of water.',
  '',
  'Store the pack below 25 °C.',
  '',
  'Ask your pharmacist about other medicines.',
  '',
  'Keep out of the reach of children.',
].join('\n');

/** Kept, a wording change, a clinical change, a removal and an addition. */
const UPDATED = [
  'Take one tablet each morning with food.',
  '',
  'Swallow the tablet whole with a full glass of water.',
  '',
  'Store the pack below 30 °C.',
  '',
  'Keep out of the reach of children.',
  '',
  'Tell your doctor if you feel dizzy.',
].join('\n');

interface Preview {
  currentVersion: number;
  changed: boolean;
  sync: Record<string, unknown>;
  changeRisk: Record<string, number>;
  segments: Array<{
    id: string;
    position: number;
    kind: string;
    status: string;
    source: string;
    previousSource: string | null;
    changeRisk: string | null;
  }>;
  removed: Array<{ id: string; position: number; kind: string; source: string }>;
  locales: Array<{
    locale: string;
    keptApproved: number;
    becomeFuzzy: number;
    untranslatedAdded: number;
    after: Record<string, number>;
  }>;
}

/**
 * POST .../source/preview: what the PUT .../source with the same body would do, by the same
 * code, with nothing written; a PUT right after does exactly what was previewed.
 */
describe('source update preview (e2e)', () => {
  let t: TestApp;
  let http: Http;
  let admin: string;
  let translator: TestUser;
  let reviewer: TestUser;
  let outsider: TestUser;

  beforeAll(async () => {
    ({ t, http, admin, translator, reviewer, outsider } = await startTeam({ worker: false }));
  });
  afterAll(async () => {
    await t.close();
  });

  /** es fully approved; fr: the first half translated (not reviewed), the rest untranslated. */
  async function setup(content = CONTENT) {
    const project = (
      await makeProject(http, admin, {
        targetLocales: ['es', 'fr'],
        members: { es: { translator, reviewer }, fr: { translator, reviewer } },
      })
    ).slug;
    const { slug: article } = await makeArticle(http, admin, project, {
      slug: unique('tablets'),
      title: 'Your tablets',
      format: 'text',
      content,
    });
    const tokens = { translator: translator.token, reviewer: reviewer.token };
    await translateAndApprove(http, tokens, project, article, 'es', (s) => `ES ${s}`);
    for (const s of (await segmentsOf(http, admin, project, article, 'fr')).slice(0, 3)) {
      const saved = await http.put(
        `/api/projects/${project}/articles/${article}/locales/fr/segments/${s.id}`,
        { target: `FR ${s.source}`, revision: 0 },
        { token: translator.token },
      );
      expect(saved.status).toBe(200);
    }
    const articleUrl = `/api/projects/${project}/articles/${article}`;
    const preview = (body: unknown, token = admin) =>
      http.post<Preview>(`${articleUrl}/source/preview`, body, { token });
    const progress = async () => {
      const res = await http.get(articleUrl, { token: admin });
      return res.body.locales as Array<Record<string, number> & { locale: string }>;
    };
    const snapshot = async () => ({
      es: await segmentsOf(http, admin, project, article, 'es'),
      fr: await segmentsOf(http, admin, project, article, 'fr'),
      versions: (await http.get(`${articleUrl}/versions`, { token: admin })).body,
      events: (await outboxPayloads(t.databaseUrl, 'article.source_changed')).filter(
        (p) => p.article === article,
      ).length,
    });
    return { project, article, articleUrl, preview, progress, snapshot };
  }

  /** The states a preview says each locale will have, in the progress's terms. */
  const states = (after: Record<string, number>) => ({
    approved: after.approved,
    translated: after.translated,
    fuzzy: after.fuzzy,
    rejected: after.rejected,
    untranslated: after.untranslated,
  });

  it('previews kept, changed, added and removed segments and each locale, writing nothing', async () => {
    const { articleUrl, preview, progress, snapshot } = await setup();
    const before = await snapshot();
    const res = await preview({ content: UPDATED });
    expect(res.status).toBe(200);
    const body = res.body;
    expect(body.changed).toBe(true);
    expect(body.currentVersion).toBe(1);
    expect(body.sync).toEqual({
      kept: 3,
      fuzzy: 2,
      added: 1,
      removed: 1,
      keptApproved: 0,
      demoted: [],
    });
    expect(body.changeRisk).toEqual({ minor: 0, wording: 1, clinical: 1 });
    expect(body.segments.map((s) => [s.position, s.kind, s.status, s.changeRisk])).toEqual([
      [0, 'title', 'kept', null],
      [1, 'paragraph', 'kept', null],
      [2, 'paragraph', 'changed', 'wording'],
      [3, 'paragraph', 'changed', 'clinical'],
      [4, 'paragraph', 'kept', null],
      [5, 'paragraph', 'added', null],
    ]);
    expect(body.segments[3]).toMatchObject({
      source: 'Store the pack below 30 °C.',
      previousSource: 'Store the pack below 25 °C.',
    });
    expect(body.removed).toEqual([
      {
        id: before.es[4].id,
        position: 4,
        kind: 'paragraph',
        source: 'Ask your pharmacist about other medicines.',
      },
    ]);
    // Kept segments keep their ids.
    expect(body.segments[1].id).toBe(before.es[1].id);
    expect(body.locales).toEqual([
      {
        locale: 'es',
        keptApproved: 3,
        becomeFuzzy: 2,
        untranslatedAdded: 1,
        after: { approved: 3, translated: 0, fuzzy: 2, rejected: 0, untranslated: 1 },
      },
      // fr: the title and the first two sentences were translated; the clinical change had
      // nothing to carry, so it is new and untranslated like the added one.
      {
        locale: 'fr',
        keptApproved: 0,
        becomeFuzzy: 1,
        untranslatedAdded: 2,
        after: { approved: 0, translated: 2, fuzzy: 1, rejected: 0, untranslated: 3 },
      },
    ]);
    // Nothing written: same version, same segments and states, no event.
    expect(await snapshot()).toEqual(before);

    // The PUT that follows does what the preview said.
    const put = await http.put(`${articleUrl}/source`, { content: UPDATED }, { token: admin });
    expect(put.status).toBe(200);
    expect(put.body).toEqual({
      currentVersion: body.currentVersion + 1,
      changed: true,
      sync: body.sync,
      changeRisk: body.changeRisk,
    });
    const after = await snapshot();
    expect(after.es.map((s) => [s.id, s.position, s.kind, s.source])).toEqual(
      body.segments.map((s) => [s.id, s.position, s.kind, s.source]),
    );
    for (const locale of body.locales) {
      const real = (await progress()).find((p) => p.locale === locale.locale);
      expect([locale.locale, real && states(real as Record<string, number>)]).toEqual([
        locale.locale,
        states(locale.after),
      ]);
      const items: SegmentItem[] = after[locale.locale as 'es' | 'fr'];
      const changed = body.segments.filter((s) => s.status === 'changed').map((s) => s.id);
      expect(items.filter((s) => changed.includes(s.id) && s.state === 'fuzzy')).toHaveLength(
        locale.becomeFuzzy,
      );
    }
  });

  it('previews minorChange as the PUT does it, and its 422 CLINICAL_CHANGE', async () => {
    const { articleUrl, preview, progress, snapshot } = await setup();
    const minor = CONTENT.replace('with food.', 'with food!');
    const res = await preview({ content: minor, minorChange: true });
    expect(res.status).toBe(200);
    expect(res.body.sync).toMatchObject({ kept: 5, fuzzy: 1, keptApproved: 1, demoted: [] });
    expect(res.body.locales[0]).toMatchObject({ locale: 'es', keptApproved: 6, becomeFuzzy: 0 });

    const before = await snapshot();
    const clinical = await preview({ content: UPDATED, minorChange: true });
    expect([clinical.status, (clinical.body as unknown as { code: string }).code]).toEqual([
      422,
      'CLINICAL_CHANGE',
    ]);
    expect(await snapshot()).toEqual(before);

    const put = await http.put(
      `${articleUrl}/source`,
      { content: minor, minorChange: true },
      { token: admin },
    );
    expect(put.body.sync).toEqual(res.body.sync);
    const es = (await progress()).find((p) => p.locale === 'es');
    expect(states(es as Record<string, number>)).toEqual(states(res.body.locales[0].after));
  });

  it('an unchanged source previews changed: false with every segment kept', async () => {
    const { preview, progress, snapshot } = await setup();
    const res = await preview({ content: CONTENT, title: 'Your tablets' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      changed: false,
      currentVersion: 1,
      sync: { kept: 6, fuzzy: 0, added: 0, removed: 0 },
      removed: [],
    });
    const before = await snapshot();
    expect(res.body.segments.map((s) => [s.id, s.status])).toEqual(
      before.es.map((s) => [s.id, 'kept']),
    );
    for (const locale of res.body.locales) {
      const real = (await progress()).find((p) => p.locale === locale.locale);
      expect(states(real as Record<string, number>)).toEqual(states(locale.after));
      expect([locale.becomeFuzzy, locale.untranslatedAdded]).toEqual([0, 0]);
    }
  });

  it('is for admins: 403 for project members, 401 without a token', async () => {
    const { preview } = await setup();
    for (const who of [translator, reviewer, outsider]) {
      const res = await preview({ content: UPDATED }, who.token);
      expect([res.status, (res.body as unknown as { code: string }).code]).toEqual([
        403,
        'FORBIDDEN',
      ]);
    }
    const { articleUrl } = await setup();
    expect((await http.post(`${articleUrl}/source/preview`, { content: UPDATED })).status).toBe(
      401,
    );
  });

  it('validates the body as the PUT does (400, 415); 404 for an unknown project or article', async () => {
    const { project, article, preview } = await setup();
    for (const body of [
      {},
      { content: 5 },
      { content: UPDATED, extra: 1 },
      { content: UPDATED, minorChange: 'yes' },
    ]) {
      const res = await preview(body);
      expect([res.status, (res.body as unknown as { code: string }).code]).toEqual([
        400,
        'VALIDATION_FAILED',
      ]);
    }
    const format = await preview({ content: UPDATED, format: 'docx' });
    expect([format.status, (format.body as unknown as { code: string }).code]).toEqual([
      415,
      'UNSUPPORTED_FORMAT',
    ]);
    for (const path of [
      `/api/projects/nope/articles/${article}/source/preview`,
      `/api/projects/${project}/articles/nope/source/preview`,
    ]) {
      const res = await http.post(path, { content: UPDATED }, { token: admin });
      expect([path, res.status, res.body.code]).toEqual([path, 404, 'NOT_FOUND']);
    }
  });
});
