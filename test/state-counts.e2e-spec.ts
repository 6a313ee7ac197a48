import { Client } from 'pg';
import type { EntityManager } from 'typeorm';
import { countWords } from '../src/segmentation/words';
import { readLocaleCounts } from '../src/translations/state-counts';
import { makeArticle, segments, SegmentItem } from './support/content';
import { makeProject, unique } from './support/factories';
import { Http } from './support/http';
import { startTeam, Team } from './support/team';

/**
 * The per (article, locale) state counts the database keeps (migration LocaleStateCounts) must
 * always equal a full recount over the current version, whoever writes: saves (batched into
 * one statement), reviews, source updates, and plain SQL.
 */

/**
 * The counts recomputed from scratch: every segment of the current version, per locale; each
 * state also in words (the segments' `words` summed).
 */
const RECOUNT = `
  WITH pairs AS (
    SELECT a.id AS article_id, l.locale, v.id AS version_id
      FROM articles a
      JOIN source_versions v ON v.article_id = a.id AND v.version = a.current_version
     CROSS JOIN (SELECT DISTINCT locale FROM translations
                 UNION SELECT locale FROM project_locales) l
     WHERE a.id = ANY($1::uuid[])
  )
  SELECT p.article_id AS "articleId", p.locale,
         count(*)::int AS total,
         count(*) FILTER (WHERE t.state IS NULL OR t.state = 'untranslated')::int AS untranslated,
         count(*) FILTER (WHERE t.state = 'fuzzy')::int AS fuzzy,
         count(*) FILTER (WHERE t.state = 'translated')::int AS translated,
         count(*) FILTER (WHERE t.state = 'rejected')::int AS rejected,
         count(*) FILTER (WHERE t.state = 'approved')::int AS approved,
         count(*) FILTER (WHERE s.change_risk = 'minor' AND t.state IS DISTINCT FROM 'approved')::int AS minor,
         count(*) FILTER (WHERE s.change_risk = 'wording' AND t.state IS DISTINCT FROM 'approved')::int AS wording,
         count(*) FILTER (WHERE s.change_risk = 'clinical' AND t.state IS DISTINCT FROM 'approved')::int AS clinical,
         sum(s.words)::int AS "totalWords",
         COALESCE(sum(s.words) FILTER (WHERE t.state IS NULL OR t.state = 'untranslated'), 0)::int AS "untranslatedWords",
         COALESCE(sum(s.words) FILTER (WHERE t.state = 'fuzzy'), 0)::int AS "fuzzyWords",
         COALESCE(sum(s.words) FILTER (WHERE t.state = 'translated'), 0)::int AS "translatedWords",
         COALESCE(sum(s.words) FILTER (WHERE t.state = 'rejected'), 0)::int AS "rejectedWords",
         COALESCE(sum(s.words) FILTER (WHERE t.state = 'approved'), 0)::int AS "approvedWords"
    FROM pairs p
    JOIN source_segments s ON s.version_id = p.version_id
    LEFT JOIN translations t
      ON t.article_id = p.article_id AND t.locale = p.locale AND t.segment_key = s.key
   GROUP BY p.article_id, p.locale
   ORDER BY 1, 2`;

/** The same pairs as the kept counts say (a missing counts row: all untranslated). */
const KEPT = `
  SELECT a.id AS "articleId", l.locale,
         COALESCE(c.total, vt.total, 0) AS total,
         COALESCE(c.untranslated, vt.total, 0) AS untranslated,
         COALESCE(c.fuzzy, 0) AS fuzzy, COALESCE(c.translated, 0) AS translated,
         COALESCE(c.rejected, 0) AS rejected, COALESCE(c.approved, 0) AS approved,
         COALESCE(c.minor, vt.minor, 0) AS minor, COALESCE(c.wording, vt.wording, 0) AS wording,
         COALESCE(c.clinical, vt.clinical, 0) AS clinical,
         COALESCE(c.words_total, vt.words, 0) AS "totalWords",
         COALESCE(c.untranslated_words, vt.words, 0) AS "untranslatedWords",
         COALESCE(c.fuzzy_words, 0) AS "fuzzyWords",
         COALESCE(c.translated_words, 0) AS "translatedWords",
         COALESCE(c.rejected_words, 0) AS "rejectedWords",
         COALESCE(c.approved_words, 0) AS "approvedWords"
    FROM articles a
    JOIN source_versions v ON v.article_id = a.id AND v.version = a.current_version
    LEFT JOIN version_segment_totals vt ON vt.version_id = v.id
   CROSS JOIN (SELECT DISTINCT locale FROM translations UNION SELECT locale FROM project_locales) l
    LEFT JOIN locale_state_counts c ON c.article_id = a.id AND c.locale = l.locale
   WHERE a.id = ANY($1::uuid[])
   ORDER BY 1, 2`;

/** Segments of the current versions with the word count written for them. */
const SEGMENT_WORDS = `
  SELECT s.text, s.words FROM articles a
    JOIN source_versions v ON v.article_id = a.id AND v.version = a.current_version
    JOIN source_segments s ON s.version_id = v.id
   WHERE a.id = ANY($1::uuid[])`;

/** Who has segments waiting for review, recounted and as kept. */
const AUTHORS_RECOUNT = `
  SELECT a.id AS "articleId", t.locale, t.translated_by AS author, count(*)::int AS n
    FROM articles a
    JOIN source_versions v ON v.article_id = a.id AND v.version = a.current_version
    JOIN source_segments s ON s.version_id = v.id
    JOIN translations t ON t.article_id = a.id AND t.segment_key = s.key
   WHERE a.id = ANY($1::uuid[]) AND t.state = 'translated' AND t.translated_by IS NOT NULL
   GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`;
const AUTHORS_KEPT = `
  SELECT article_id AS "articleId", locale, author_id AS author, translated AS n
    FROM locale_author_counts
   WHERE article_id = ANY($1::uuid[]) AND translated <> 0
   ORDER BY 1, 2, 3`;

/** Project sums as kept, and as the sum of the article rows (all-zero sums left out). */
const SUMS = (from: string, key: string) => `
  SELECT project_id AS "projectId", locale, sum(total)::int AS total,
         sum(untranslated)::int AS untranslated, sum(fuzzy)::int AS fuzzy,
         sum(translated)::int AS translated, sum(rejected)::int AS rejected,
         sum(approved)::int AS approved, sum(minor)::int AS minor, sum(wording)::int AS wording,
         sum(clinical)::int AS clinical, sum(stale)::int AS stale,
         sum(words_total)::int AS "totalWords", sum(untranslated_words)::int AS "untranslatedWords",
         sum(fuzzy_words)::int AS "fuzzyWords", sum(translated_words)::int AS "translatedWords",
         sum(rejected_words)::int AS "rejectedWords", sum(approved_words)::int AS "approvedWords"
    FROM ${from} WHERE ${key} = ANY($1::uuid[])
   GROUP BY 1, 2
  HAVING sum(abs(total) + abs(untranslated) + abs(fuzzy) + abs(translated) + abs(rejected)
             + abs(approved) + abs(minor) + abs(wording) + abs(clinical) + abs(stale)
             + abs(words_total) + abs(untranslated_words) + abs(fuzzy_words)
             + abs(translated_words) + abs(rejected_words) + abs(approved_words)) <> 0
   ORDER BY 1, 2`;
const PROJECT_KEPT = SUMS('project_locale_counts', 'project_id');
const PROJECT_RECOUNT = SUMS('locale_state_counts', 'article_id');

/** Article rows whose version facts disagree with the articles and publications. */
const WRONG_VERSIONS = `
  SELECT c.article_id, c.locale FROM locale_state_counts c JOIN articles a ON a.id = c.article_id
   WHERE c.article_id = ANY($1::uuid[])
     AND (c.current_version <> a.current_version OR c.project_id <> a.project_id
          OR c.published_version IS DISTINCT FROM (
               SELECT max(p.source_version) FROM publications p
                WHERE p.article_id = c.article_id AND p.locale = c.locale))
  UNION ALL
  SELECT a.id, l.locale FROM articles a JOIN project_locales l ON l.project_id = a.project_id
   WHERE a.id = ANY($1::uuid[]) AND NOT EXISTS (
     SELECT 1 FROM locale_state_counts c WHERE c.article_id = a.id AND c.locale = l.locale)`;

/** Runs readLocaleCounts (what the services call) on a plain pg client. */
const onClient = (client: Client): EntityManager =>
  ({
    query: async (sql: string, params: unknown[]) => (await client.query(sql, params)).rows,
  }) as unknown as EntityManager;

/** A small deterministic generator, so a failing sequence can be replayed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const SENTENCES = [
  'Keep the bandage dry for two days.',
  'Change the dressing every morning.',
  'Call the clinic if the wound smells bad.',
  'Take 1 tablet of the pain medicine after meals.',
  'Do not lift anything heavy for a week.',
  'Walk a little every day to help healing.',
  'Eat fruit and vegetables to stay regular.',
  'Ask your pharmacist before taking other medicines.',
];

describe('per (article, locale) state counts (e2e)', () => {
  let team: Team;
  let http: Http;
  let admin: string;
  let db: Client;

  beforeAll(async () => {
    team = await startTeam({ worker: false });
    ({ http, admin } = team);
    db = new Client({ connectionString: team.t.databaseUrl });
    await db.connect();
  });
  afterAll(async () => {
    await db.end();
    await team.t.close();
  });

  async function expectExact(articleIds: string[]): Promise<void> {
    const rows = async (sql: string) => (await db.query(sql, [articleIds])).rows;
    const [kept, recount] = [await rows(KEPT), await rows(RECOUNT)];
    const [keptAuthors, recountAuthors] = [await rows(AUTHORS_KEPT), await rows(AUTHORS_RECOUNT)];
    expect(recount.length).toBeGreaterThan(0);
    expect(kept).toEqual(recount);
    // Words are counted, and each segment's count is the counter's.
    expect(recount.every((r) => r.totalWords > r.total)).toBe(true);
    const written = await rows(SEGMENT_WORDS);
    expect(written.map((r) => r.words)).toEqual(written.map((r) => countWords(r.text)));
    expect(keptAuthors).toEqual(recountAuthors);
    expect(await rows(WRONG_VERSIONS)).toEqual([]);
    const projects = (
      await db.query<{ id: string }>(
        `SELECT DISTINCT project_id AS id FROM articles WHERE id = ANY($1::uuid[])`,
        [articleIds],
      )
    ).rows.map((r) => r.id);
    const projectRows = async (sql: string) => (await db.query(sql, [projects])).rows;
    // Only whole projects compare: sum every article of the projects.
    const all = (
      await db.query<{ id: string }>(`SELECT id FROM articles WHERE project_id = ANY($1::uuid[])`, [
        projects,
      ])
    ).rows.map((r) => r.id);
    expect(await projectRows(PROJECT_KEPT)).toEqual((await db.query(PROJECT_RECOUNT, [all])).rows);
  }

  async function article(content: string[], requireReview = true) {
    const project = (
      await makeProject(http, admin, {
        targetLocales: ['es', 'fr'],
        requireReview,
        members: {
          es: { translator: team.translator, reviewer: team.reviewer },
          fr: { translator: team.translator, reviewer: team.reviewer },
        },
      })
    ).slug;
    const { slug } = await makeArticle(http, admin, project, {
      slug: unique('care'),
      title: 'Wound care at home',
      format: 'text',
      content: content.join('\n\n'),
    });
    const [{ id }] = (
      await db.query<{ id: string }>(
        `SELECT a.id FROM articles a JOIN projects p ON p.id = a.project_id
          WHERE p.slug = $1 AND a.slug = $2`,
        [project, slug],
      )
    ).rows;
    const base = `/api/projects/${project}/articles/${slug}`;
    return {
      id,
      project,
      slug,
      list: (locale: string): Promise<SegmentItem[]> =>
        segments(http, admin, project, slug, locale),
      save: (locale: string, s: { id: string; revision: number }, target: string) =>
        http.put(
          `${base}/locales/${locale}/segments/${s.id}`,
          { target, revision: s.revision },
          { token: team.translator.token },
        ),
      // A review names the revision it decides on: the one the reviewer reads first.
      review: async (locale: string, id: string, decision: 'approve' | 'reject') => {
        const segment = `${base}/locales/${locale}/segments/${id}`;
        const read = await http.get<{ revision: number }>(segment, { token: team.reviewer.token });
        return http.post(
          `${segment}/review`,
          {
            decision,
            revision: read.body.revision,
            ...(decision === 'reject' ? { comment: 'Please check the dose.' } : {}),
          },
          { token: team.reviewer.token },
        );
      },
      updateSource: (lines: string[]) =>
        http.put(`${base}/source`, { content: lines.join('\n\n') }, { token: admin }),
      progress: async (locale: string) => {
        const res = await http.get<{ locales: Array<Record<string, unknown>> }>(base, {
          token: admin,
        });
        return res.body.locales.find((p) => p.locale === locale);
      },
      approvedEvents: async () =>
        (
          await db.query(
            `SELECT payload FROM outbox WHERE type = 'locale.approved' AND payload->>'articleId' = $1`,
            [id],
          )
        ).rows.map((r: { payload: { locale: string; version: number } }) => r.payload),
    };
  }

  it('stay exact through saves, approvals, rejections and a source update (kept, fuzzy, added, removed)', async () => {
    const a = await article(SENTENCES.slice(0, 5));
    await expectExact([a.id]);
    expect(await a.progress('es')).toMatchObject({ total: 6, untranslated: 6, approved: 0 });

    const v1 = await a.list('es');
    const v1Words = v1.reduce((n, s) => n + countWords(s.source), 0);
    expect(await a.progress('es')).toMatchObject({
      words: { total: v1Words, untranslated: v1Words, translated: 0 },
    });
    for (const s of v1) expect((await a.save('es', s, `ES ${s.source}`)).status).toBe(200);
    await expectExact([a.id]);
    expect(await a.progress('es')).toMatchObject({
      total: 6,
      translated: 6,
      untranslated: 0,
      words: { total: v1Words, translated: v1Words, untranslated: 0 },
    });

    for (const s of v1.slice(0, 4))
      expect((await a.review('es', s.id, 'approve')).status).toBe(200);
    expect((await a.review('es', v1[4].id, 'reject')).status).toBe(200);
    await expectExact([a.id]);
    expect(await a.progress('es')).toMatchObject({
      approved: 4,
      rejected: 1,
      translated: 1,
      untranslated: 0,
    });
    // Saving an already translated segment again changes no count.
    const again = (await a.list('es'))[5];
    expect((await a.save('es', again, `ES again ${again.source}`)).status).toBe(200);
    await expectExact([a.id]);

    // v2: the title and first sentence kept, the second reworded (fuzzy), the third removed,
    // a new one added.
    const v2 = [
      SENTENCES[0],
      'Change the dressing every morning and every evening.',
      SENTENCES[3],
      SENTENCES[4],
      SENTENCES[6],
    ];
    const res = await a.updateSource(v2);
    expect(res.status).toBe(200);
    expect(res.body.sync).toMatchObject({ fuzzy: 1, added: 1, removed: 1 });
    await expectExact([a.id]);
    const after = await a.progress('es');
    expect(after).toMatchObject({ total: 6, fuzzy: 1 });
    expect(after).toMatchObject({
      untranslated: 1,
      approved: (await a.list('es')).filter((s) => s.state === 'approved').length,
    });
    // A locale nobody has touched reads as all untranslated.
    expect(await a.progress('fr')).toMatchObject({ total: 6, untranslated: 6, approved: 0 });
  });

  it('count a target locale added later as all untranslated, in project progress too', async () => {
    const a = await article(SENTENCES.slice(0, 4));
    for (const s of await a.list('es'))
      expect((await a.save('es', s, `ES ${s.source}`)).status).toBe(200);
    const patched = await http.patch(
      `/api/projects/${a.project}`,
      { targetLocales: ['es', 'fr', 'de'] },
      { token: admin },
    );
    expect(patched.status).toBe(200);
    await expectExact([a.id]);
    const project = await http.get<{ progress: Array<{ locale: string }> }>(
      `/api/projects/${a.project}`,
      { token: admin },
    );
    expect(project.body.progress).toEqual([
      expect.objectContaining({ locale: 'es', total: 5, translated: 5, untranslated: 0 }),
      expect.objectContaining({ locale: 'fr', total: 5, untranslated: 5 }),
      expect.objectContaining({ locale: 'de', total: 5, untranslated: 5, approved: 0 }),
    ]);
  });

  it('stay exact when a locale is removed and added back, and show its words again', async () => {
    const a = await article(SENTENCES.slice(0, 4));
    const frWords = (await a.list('fr')).reduce((n, s) => n + countWords(s.source), 0);
    const [first, , removed] = await a.list('fr');
    expect((await a.save('fr', first, `FR ${first.source}`)).status).toBe(200);
    const setLocales = async (targetLocales: string[]) =>
      expect(
        (await http.patch(`/api/projects/${a.project}`, { targetLocales }, { token: admin }))
          .status,
      ).toBe(200);
    await setLocales(['es']);
    await expectExact([a.id]);
    // Work goes on meanwhile: a source update and saves in the remaining locale.
    expect((await a.updateSource([SENTENCES[0], SENTENCES[2], SENTENCES[5]])).status).toBe(200);
    for (const s of await a.list('es'))
      expect((await a.save('es', s, `ES ${s.source}`)).status).toBe(200);
    await expectExact([a.id]);
    await setLocales(['es', 'fr']);
    await expectExact([a.id]);
    const project = await http.get<{ progress: Array<{ locale: string }> }>(
      `/api/projects/${a.project}`,
      { token: admin },
    );
    const v2 = await a.list('fr');
    const v2Words = v2.reduce((n, s) => n + countWords(s.source), 0);
    expect(v2Words).not.toBe(frWords);
    // The title's translation was kept; the second sentence was removed from the source.
    expect(removed.source).toBe(SENTENCES[1]);
    expect(v2.some((s) => s.id === removed.id)).toBe(false);
    const kept = countWords(first.source);
    expect(project.body.progress).toEqual([
      expect.objectContaining({
        locale: 'es',
        total: 4,
        words: expect.objectContaining({ total: v2Words, translated: v2Words }),
      }),
      expect.objectContaining({
        locale: 'fr',
        total: 4,
        untranslated: 3,
        translated: 1,
        words: expect.objectContaining({
          total: v2Words,
          translated: kept,
          untranslated: v2Words - kept,
        }),
      }),
    ]);
  });

  it('count words when one statement swaps the states of two segments (segment counts net zero)', async () => {
    const a = await article(SENTENCES.slice(0, 3));
    const [, short, long] = await a.list('es');
    expect(countWords(short.source)).not.toBe(countWords(long.source));
    expect((await a.save('es', short, `ES ${short.source}`)).status).toBe(200);
    expect((await a.save('es', long, `ES ${long.source}`)).status).toBe(200);
    expect((await a.review('es', long.id, 'approve')).status).toBe(200);
    await db.query(
      `UPDATE translations SET state = CASE state WHEN 'approved' THEN 'translated' ELSE 'approved' END
        WHERE article_id = $1 AND locale = 'es' AND segment_key = ANY($2::text[])`,
      [a.id, [short.id, long.id]],
    );
    await expectExact([a.id]);
    expect(await a.progress('es')).toMatchObject({
      translated: 1,
      approved: 1,
      words: { translated: countWords(long.source), approved: countWords(short.source) },
    });
  });

  it('stay exact when many saves share one statement and reviews run concurrently; one locale.approved', async () => {
    const a = await article(SENTENCES);
    const v1 = await a.list('es');
    const saved = await Promise.all(v1.map((s) => a.save('es', s, `ES ${s.source}`)));
    expect(saved.map((r) => r.status)).toEqual(v1.map(() => 200));
    await expectExact([a.id]);
    const reviewed = await Promise.all(v1.map((s) => a.review('es', s.id, 'approve')));
    expect(reviewed.map((r) => r.status)).toEqual(v1.map(() => 200));
    await expectExact([a.id]);
    expect(await a.approvedEvents()).toEqual([expect.objectContaining({ locale: 'es' })]);
  });

  it('two transactions approving the last two segments: exactly the second sees the locale complete', async () => {
    const a = await article(SENTENCES.slice(0, 3));
    const v1 = await a.list('es');
    for (const s of v1) expect((await a.save('es', s, `ES ${s.source}`)).status).toBe(200);
    for (const s of v1.slice(2)) expect((await a.review('es', s.id, 'approve')).status).toBe(200);
    const [first, second] = v1;

    const one = new Client({ connectionString: team.t.databaseUrl });
    const two = new Client({ connectionString: team.t.databaseUrl });
    await Promise.all([one.connect(), two.connect()]);
    try {
      const approve = (client: Client, key: string) =>
        client.query(
          `UPDATE translations SET state = 'approved', revision = revision + 1
            WHERE article_id = $1 AND locale = 'es' AND segment_key = $2`,
          [a.id, key],
        );
      const complete = async (client: Client) =>
        (await readLocaleCounts(onClient(client), a.id, ['es']))[0].approved === v1.length;
      await one.query('BEGIN');
      await two.query('BEGIN');
      await approve(one, first.id);
      const pid = (await two.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0].pid;
      const secondApproval = approve(two, second.id);
      // The second write waits for the counts row the first holds until it commits.
      const deadline = Date.now() + 10_000;
      for (;;) {
        const { rows } = await db.query<{ waiting: boolean }>(
          `SELECT wait_event_type = 'Lock' AS waiting FROM pg_stat_activity WHERE pid = $1`,
          [pid],
        );
        if (rows[0]?.waiting) break;
        if (Date.now() > deadline) throw new Error('the second approval never waited');
        await new Promise((r) => setTimeout(r, 10));
      }
      expect(await complete(one)).toBe(false);
      await one.query('COMMIT');
      await secondApproval;
      expect(await complete(two)).toBe(true);
      await two.query('COMMIT');
    } finally {
      await Promise.all([one.end(), two.end()]);
    }
    await expectExact([a.id]);
  });

  it('approving the last two segments at once over HTTP emits locale.approved exactly once', async () => {
    for (let round = 0; round < 4; round++) {
      const a = await article(SENTENCES.slice(0, 3));
      const v1 = await a.list('es');
      for (const s of v1) expect((await a.save('es', s, `ES ${s.source}`)).status).toBe(200);
      for (const s of v1.slice(2)) expect((await a.review('es', s.id, 'approve')).status).toBe(200);
      const last = await Promise.all(v1.slice(0, 2).map((s) => a.review('es', s.id, 'approve')));
      expect(last.map((r) => r.status)).toEqual([200, 200]);
      expect(await a.approvedEvents()).toEqual([expect.objectContaining({ locale: 'es' })]);
    }
  });

  it('equal a full recount after a random sequence of saves, reviews, source updates and SQL writes', async () => {
    const next = random(20261201);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)];
    const content = () => SENTENCES.filter(() => next() < 0.7);
    const articles = [await article(SENTENCES.slice(0, 6)), await article(SENTENCES.slice(2))];
    const done = { source: 0, sql: 0, api: 0 };
    for (let step = 0; step < 60; step++) {
      const a = pick(articles);
      const locale = pick(['es', 'fr']);
      const roll = next();
      if (roll < 0.08) {
        const lines = content();
        if (lines.length > 0) expect((await a.updateSource(lines)).status).toBe(200);
        done.source++;
        continue;
      }
      if (roll < 0.14) {
        // Writers other than the API, in plain SQL: a batch insert, update and delete.
        await db.query(
          `INSERT INTO translations (article_id, locale, segment_key, target, state, revision,
                                     origin, source_version, source_text, translated_by)
           SELECT a.id, $2, s.key, 'draft', $3, 1, 'import', a.current_version, s.text, $4
             FROM articles a
             JOIN source_versions v ON v.article_id = a.id AND v.version = a.current_version
             JOIN source_segments s ON s.version_id = v.id
            WHERE a.id = $1 AND NOT EXISTS (SELECT 1 FROM translations t WHERE t.article_id = a.id
                                               AND t.locale = $2 AND t.segment_key = s.key)
            LIMIT 2`,
          [
            a.id,
            locale,
            pick(['fuzzy', 'translated', 'approved', 'untranslated']),
            team.translator.id,
          ],
        );
        await db.query(
          `UPDATE translations SET state = 'fuzzy' WHERE article_id = $1 AND locale = $2
              AND state IN ('approved', 'translated') AND segment_key IN (
                SELECT segment_key FROM translations WHERE article_id = $1 AND locale = $2
                 ORDER BY segment_key LIMIT 3)`,
          [a.id, locale],
        );
        await db.query(
          `INSERT INTO publications (article_id, locale, number, source_version, kind, title, html,
                                     content_hash)
           SELECT a.id, $2, COALESCE((SELECT max(number) FROM publications
                                        WHERE article_id = a.id AND locale = $2), 0) + 1,
                  a.current_version - $3, 'complete', 'Title', '<p>Text</p>', md5(random()::text)
             FROM articles a WHERE a.id = $1 AND a.current_version - $3 >= 1
           ON CONFLICT DO NOTHING`,
          [a.id, locale, next() < 0.5 ? 0 : 1],
        );
        if (next() < 0.5) {
          await db.query(
            `DELETE FROM translations t WHERE article_id = $1 AND locale = $2 AND NOT EXISTS (
               SELECT 1 FROM translation_revisions r WHERE r.article_id = t.article_id
                  AND r.locale = t.locale AND r.segment_key = t.segment_key)`,
            [a.id, locale],
          );
        }
        done.sql++;
        continue;
      }
      const list = await a.list(locale);
      const chosen = list.filter(() => next() < 0.4);
      done.api += chosen.length;
      await Promise.all(
        chosen.map(async (s) => {
          if (s.state === 'translated' && next() < 0.7) {
            await a.review(locale, s.id, next() < 0.8 ? 'approve' : 'reject');
          } else {
            await a.save(
              locale,
              s,
              `${locale} ${String.fromCharCode(97 + (step % 26))} ${s.source}`,
            );
          }
        }),
      );
    }
    expect(Math.min(done.source, done.sql, done.api)).toBeGreaterThan(0);
    await expectExact(articles.map((a) => a.id));
  });
});
