import { Client } from 'pg';
import { TestApp } from './support/app';
import { makeArticle, segments as segmentsOf, SegmentItem as Segment } from './support/content';
import { outboxPayloads } from './support/db';
import { addMember, makeProject, TestUser, unique } from './support/factories';
import { Http } from './support/http';
import { startTeam } from './support/team';

const CONTENT = [
  'Give children 5 mL of the syrup every 6 hours.',
  '',
  'Do not give more than 4 doses in 24 hours.',
  '',
  'Call the Riverside Clinic if the fever lasts longer than 3 days.',
].join('\n');

describe('segments: translation and review (e2e)', () => {
  let t: TestApp;
  let http: Http;
  let admin: string;
  let translator: TestUser;
  let reviewer: TestUser;
  let outsider: TestUser;
  let db: Client;

  beforeAll(async () => {
    ({ t, http, admin, translator, reviewer, outsider } = await startTeam({
      worker: false,
      names: { translator: 'Tess Translator', reviewer: 'Rita Reviewer' },
    }));
    db = new Client({ connectionString: t.databaseUrl });
    await db.connect();
  });
  afterAll(async () => {
    await db.end();
    await t.close();
  });

  async function setup(options: { requireReview?: boolean } = {}) {
    const members = { es: { translator, reviewer } };
    const project = (
      await makeProject(http, admin, { targetLocales: ['es', 'fr'], members, ...options })
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

  const events = (type: string) => outboxPayloads(t.databaseUrl, type);

  it('lists segments in document order, untranslated with revision 0', async () => {
    const { segments, base } = await setup();
    expect(segments.map((s) => s.position)).toEqual([0, 1, 2, 3]);
    expect(segments[0]).toEqual({
      id: expect.any(String),
      position: 0,
      kind: 'title',
      source: 'Fever in children',
      baseSource: null,
      previousSource: null,
      changeRisk: null,
      target: null,
      state: 'untranslated',
      revision: 0,
      checks: [],
      updatedBy: null,
      updatedAt: null,
      repeats: 0,
    });
    const page = await http.get(`${base}?limit=3`, { token: translator.token });
    expect(page.body.items).toHaveLength(3);
    const rest = await http.get(`${base}?limit=3&cursor=${page.body.nextCursor}`, {
      token: translator.token,
    });
    expect(rest.body.items.map((s: Segment) => s.position)).toEqual([3]);
    expect(rest.body.nextCursor).toBeNull();
    expect((await http.get(base, { token: outsider.token })).status).toBe(403);
  });

  it('runs the whole state machine with history and events', async () => {
    const { base, segments, project, article } = await setup();
    const seg = segments[1];
    const url = `${base}/${seg.id}`;
    const saved = await http.put(
      url,
      { target: 'Dé a los niños 5 mL del jarabe cada 6 horas.', revision: 0 },
      { token: translator.token },
    );
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({
      state: 'translated',
      revision: 1,
      updatedBy: { id: translator.id, name: 'Tess Translator' },
    });

    // The author may not approve their own revision, even as a reviewer of the locale.
    await addMember(http, admin, project, translator.id, 'es', 'reviewer');
    const self = await http.post(
      `${url}/review`,
      { decision: 'approve', revision: 1 },
      { token: translator.token },
    );
    expect(self.status).toBe(403);
    expect(self.body.code).toBe('SELF_REVIEW');
    await addMember(http, admin, project, translator.id, 'es', 'translator');

    const rejected = await http.post(
      `${url}/review`,
      { decision: 'reject', revision: 1, comment: 'Use "niñas y niños".' },
      { token: reviewer.token },
    );
    expect(rejected.status).toBe(200);
    expect(rejected.body).toMatchObject({ state: 'rejected', revision: 2 });
    const again = await http.post(
      `${url}/review`,
      { decision: 'approve', revision: 2 },
      { token: reviewer.token },
    );
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('INVALID_STATE');

    const fixed = await http.put(
      url,
      { target: 'Dé a niñas y niños 5 mL del jarabe cada 6 horas.', revision: 2 },
      { token: translator.token },
    );
    expect(fixed.body).toMatchObject({ state: 'translated', revision: 3 });
    const approved = await http.post(
      `${url}/review`,
      { decision: 'approve', revision: 3 },
      { token: reviewer.token },
    );
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({
      state: 'approved',
      revision: 4,
      target: 'Dé a niñas y niños 5 mL del jarabe cada 6 horas.',
    });

    // An edit of an approved segment goes back to translated.
    const edited = await http.put(
      url,
      { target: 'Dé a niñas y niños 5 mL de jarabe cada 6 horas.', revision: 4 },
      { token: reviewer.token },
    );
    expect(edited.body).toMatchObject({ state: 'translated', revision: 5 });

    const history = await http.get(`${url}/history`, { token: outsider.token });
    expect(history.status).toBe(403);
    const h = await http.get(`${url}/history?limit=3`, { token: translator.token });
    expect(
      h.body.items.map((i: { revision: number; state: string }) => [i.revision, i.state]),
    ).toEqual([
      [5, 'translated'],
      [4, 'approved'],
      [3, 'translated'],
    ]);
    const older = await http.get(`${url}/history?cursor=${h.body.nextCursor}`, {
      token: translator.token,
    });
    expect(older.body.items).toEqual([
      expect.objectContaining({
        revision: 2,
        state: 'rejected',
        comment: 'Use "niñas y niños".',
        action: 'reject',
        author: { id: reviewer.id, name: 'Rita Reviewer' },
      }),
      expect.objectContaining({
        revision: 1,
        state: 'translated',
        sourceText: seg.source,
        action: 'save',
      }),
    ]);

    expect(await events('segment.translated')).toContainEqual(
      expect.objectContaining({
        article,
        locale: 'es',
        segmentId: seg.id,
        revision: 1,
        state: 'translated',
        authorId: translator.id,
      }),
    );
    expect(await events('segment.reviewed')).toContainEqual(
      expect.objectContaining({
        article,
        locale: 'es',
        segmentId: seg.id,
        revision: 2,
        decision: 'reject',
        state: 'rejected',
        reviewerId: reviewer.id,
        comment: 'Use "niñas y niños".',
      }),
    );
  });

  it('refuses a stale revision with the current segment and overwrites nothing', async () => {
    const { base, segments } = await setup();
    const url = `${base}/${segments[3].id}`;
    await http.put(
      url,
      { target: 'Llame a la Riverside Clinic si la fiebre dura más de 3 días.', revision: 0 },
      { token: translator.token },
    );
    const stale = await http.put(
      url,
      { target: 'Otra versión: 3 días.', revision: 0 },
      { token: reviewer.token },
    );
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('TRANSLATION_CONFLICT');
    expect(stale.body.details.segment).toMatchObject({
      id: segments[3].id,
      revision: 1,
      target: 'Llame a la Riverside Clinic si la fiebre dura más de 3 días.',
    });
    const stale2 = await http.put(
      url,
      { target: 'Otra versión: 3 días.', revision: 7 },
      { token: reviewer.token },
    );
    expect(stale2.status).toBe(409);
    expect((await http.get(url, { token: admin })).body.revision).toBe(1);
  });

  it('blocks a target whose numbers or codes do not match, and returns warnings', async () => {
    const { base, segments } = await setup();
    const url = `${base}/${segments[1].id}`;
    const bad = await http.put(
      url,
      { target: 'Dé a los niños 10 mL del jarabe cada 6 horas.', revision: 0 },
      { token: translator.token },
    );
    expect(bad.status).toBe(422);
    expect(bad.body.code).toBe('CHECK_FAILED');
    expect(bad.body.details.checks).toEqual([
      expect.objectContaining({ code: 'NUMBERS', severity: 'error' }),
    ]);
    const empty = await http.put(url, { target: '  ', revision: 0 }, { token: translator.token });
    expect(empty.body.details.checks).toEqual([expect.objectContaining({ code: 'EMPTY_TARGET' })]);
    const warned = await http.put(
      url,
      { target: 'dé a los niños 5 mL del jarabe cada 6 horas', revision: 0 },
      { token: translator.token },
    );
    expect(warned.status).toBe(200);
    expect(warned.body.checks).toEqual([
      expect.objectContaining({ code: 'END_PUNCTUATION', severity: 'warning' }),
    ]);
    const h = await http.get(`${url}/history`, { token: admin });
    expect(h.body.items).toHaveLength(1);
    expect(h.body.items[0].checks).toEqual([expect.objectContaining({ code: 'END_PUNCTUATION' })]);
  });

  it('enforces roles per locale and has no translations for the source locale', async () => {
    const { base, segments, project, article } = await setup();
    const fr = `/api/projects/${project}/articles/${article}/locales/fr/segments/${segments[0].id}`;
    expect(
      (
        await http.put(
          fr,
          { target: 'Fièvre chez les enfants', revision: 0 },
          { token: translator.token },
        )
      ).status,
    ).toBe(403);
    const review = await http.post(
      `${base}/${segments[0].id}/review`,
      { decision: 'approve', revision: 0 },
      { token: translator.token },
    );
    expect(review.status).toBe(403);
    const source = await http.get(
      `/api/projects/${project}/articles/${article}/locales/en/segments`,
      { token: admin },
    );
    expect(source.status).toBe(404);
    expect((await http.get(`${base}/not-a-segment`, { token: admin })).status).toBe(404);
    const untranslated = await http.post(
      `${base}/${segments[0].id}/review`,
      { decision: 'approve', revision: 0 },
      { token: reviewer.token },
    );
    expect(untranslated.status).toBe(409);
    expect(untranslated.body.code).toBe('INVALID_STATE');
  });

  it('filters by state', async () => {
    const { base, segments } = await setup();
    await http.put(
      `${base}/${segments[0].id}`,
      { target: 'Fiebre en niños', revision: 0 },
      { token: translator.token },
    );
    const res = await http.get(`${base}?state=untranslated,fuzzy`, { token: translator.token });
    expect(res.body.items.map((s: Segment) => s.id)).toEqual(segments.slice(1).map((s) => s.id));
    const translated = await http.get(`${base}?state=translated`, { token: translator.token });
    expect(translated.body.items.map((s: Segment) => s.id)).toEqual([segments[0].id]);
    expect((await http.get(`${base}?state=done`, { token: translator.token })).status).toBe(400);
  });

  it('approves on save without review, emits locale.approved once the locale is complete, and counts progress', async () => {
    const { base, segments, project, article } = await setup({ requireReview: false });
    const targets = [
      'Fiebre en niños',
      'Dé a los niños 5 mL del jarabe cada 6 horas.',
      'No dé más de 4 dosis en 24 horas.',
      'Llame a la Riverside Clinic si la fiebre dura más de 3 días.',
    ];
    for (const [i, s] of segments.entries()) {
      const res = await http.put(
        `${base}/${s.id}`,
        { target: targets[i], revision: 0 },
        { token: translator.token },
      );
      expect(res.body.state).toBe('approved');
      if (i === 2)
        expect((await events('locale.approved')).filter((e) => e.article === article)).toEqual([]);
    }
    expect((await events('locale.approved')).filter((e) => e.article === article)).toEqual([
      expect.objectContaining({
        project,
        article,
        locale: 'es',
        version: 1,
        projectId: expect.any(String),
        articleId: expect.any(String),
      }),
    ]);
    const got = await http.get(`/api/projects/${project}/articles/${article}`, {
      token: translator.token,
    });
    expect(got.body.locales[0]).toMatchObject({
      locale: 'es',
      total: 4,
      approved: 4,
      untranslated: 0,
    });
    expect(got.body.locales[1]).toMatchObject({
      locale: 'fr',
      total: 4,
      approved: 0,
      untranslated: 4,
    });
    const proj = await http.get(`/api/projects/${project}`, { token: translator.token });
    expect(proj.body.progress[0]).toMatchObject({ locale: 'es', total: 4, approved: 4 });
  });

  it('keeps comments per segment', async () => {
    const { base, segments } = await setup();
    const url = `${base}/${segments[2].id}/comments`;
    const posted = await http.post(
      url,
      { body: 'Is "doses" the daily total?' },
      { token: translator.token },
    );
    expect(posted.status).toBe(201);
    expect(posted.body).toMatchObject({
      body: 'Is "doses" the daily total?',
      author: { id: translator.id },
    });
    expect((await http.post(url, { body: '' }, { token: translator.token })).status).toBe(400);
    const list = await http.get(url, { token: reviewer.token });
    expect(list.body).toEqual([expect.objectContaining({ id: posted.body.id })]);
  });

  it('saves 40 segments sent at once, each with its own revision, history row and event', async () => {
    const project = (
      await makeProject(http, admin, {
        targetLocales: ['es'],
        members: { es: { translator, reviewer } },
      })
    ).slug;
    const { slug: article } = await makeArticle(http, admin, project, {
      slug: unique('steps'),
      title: 'Steps',
      format: 'text',
      content: Array.from({ length: 39 }, (_, i) => `Step ${i + 1}: rest and drink water.`).join(
        '\n\n',
      ),
    });
    const all = await segmentsOf(http, translator.token, project, article, 'es');
    expect(all).toHaveLength(40);
    const base = `/api/projects/${project}/articles/${article}/locales/es/segments`;
    const results = await Promise.all(
      all.map((s, i) =>
        http.put<Segment>(
          `${base}/${s.id}`,
          { target: `ES ${s.source}`, revision: 0 },
          { token: i % 2 ? translator.token : reviewer.token },
        ),
      ),
    );
    expect(results.map((r) => [r.status, r.body.revision, r.body.target])).toEqual(
      all.map((s) => [200, 1, `ES ${s.source}`]),
    );
    const { rows } = await db.query(
      `SELECT count(*)::int AS n, count(DISTINCT r.segment_key)::int AS keys
         FROM translation_revisions r JOIN articles a ON a.id = r.article_id
         JOIN projects p ON p.id = a.project_id WHERE p.slug = $1`,
      [project],
    );
    expect(rows[0]).toEqual({ n: 40, keys: 40 });
    const saved = (await events('segment.translated')).filter((e) => e.project === project);
    expect(saved.map((e) => e.segmentId).sort()).toEqual(all.map((s) => s.id).sort());
    expect(saved.every((e) => e.revision === 1 && e.locale === 'es')).toBe(true);
  });

  it('lets exactly one of 50 concurrent saves on the same revision win', async () => {
    const { base, segments, project, article } = await setup();
    const url = `${base}/${segments[3].id}`;
    await http.put(
      url,
      { target: 'Llame a la clínica si la fiebre dura más de 3 días.', revision: 0 },
      { token: translator.token },
    );
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        http.put(
          url,
          {
            // Different texts (without numbers of their own) from two people.
            target: `Llame a la Riverside Clinic si la fiebre dura más de 3 días${'!'.repeat(i % 5)}.`,
            revision: 1,
          },
          { token: i % 2 ? translator.token : reviewer.token },
        ),
      ),
    );
    const statuses = results.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(49);
    const { rows } = await db.query(
      `SELECT count(*)::int AS n, max(r.revision) AS top FROM translation_revisions r
         JOIN articles a ON a.id = r.article_id JOIN projects p ON p.id = a.project_id
        WHERE p.slug = $1 AND a.slug = $2 AND r.locale = 'es' AND r.segment_key = $3`,
      [project, article, segments[3].id],
    );
    expect(rows[0]).toEqual({ n: 2, top: 2 });
  });
});
