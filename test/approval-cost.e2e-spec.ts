import { makeArticle } from './support/content';
import { makeProject, unique } from './support/factories';
import { startTranslatorSession, TranslatorSession } from './support/team';

/**
 * What one approval's row write reads must not grow with the article (issue 14 point 5). On a
 * database without statistics yet (a new install, a big import before autovacuum analyzes),
 * the planner used to scan every translation of the (article, locale) through a state index
 * with a filter on the key, and the counts trigger every segment of the version with a join
 * filter. Counted with PostgreSQL's per-transaction statistics, in the test's own session.
 */
const SEGMENTS = 1_200;

describe('cost of one approval by article size (e2e)', () => {
  let s: TranslatorSession;

  beforeAll(async () => {
    s = await startTranslatorSession({ worker: false });
  });
  afterAll(async () => {
    await s.close();
  });

  it('reads a handful of rows of translations and source_segments on a 1,200-segment article', async () => {
    const project = (await makeProject(s.http, s.admin, { targetLocales: ['es'] })).slug;
    const { slug } = await makeArticle(s.http, s.admin, project, {
      slug: unique('big'),
      title: 'Living with a new knee',
      format: 'text',
      content: Array.from(
        { length: SEGMENTS - 1 },
        (_, i) => `Bend the knee gently ${i + 1} times after each meal.`,
      ).join('\n\n'),
    });
    const [{ id: articleId }] = (
      await s.db.query<{ id: string }>(`SELECT id FROM articles WHERE slug = $1`, [slug])
    ).rows;
    await s.db.query(
      `INSERT INTO translations (article_id, locale, segment_key, target, state, revision, origin,
                                 source_version, source_text, translated_by, updated_by)
       SELECT $1, 'es', s.key, 'ES ' || s.text, 'translated', 1, 'human', 1, s.text, $2, $2
         FROM source_versions v JOIN source_segments s ON s.version_id = v.id
        WHERE v.article_id = $1`,
      [articleId, s.translator.id],
    );
    const [{ key }] = (
      await s.db.query<{ key: string }>(
        `SELECT segment_key AS key FROM translations WHERE article_id = $1
          ORDER BY segment_key OFFSET 600 LIMIT 1`,
        [articleId],
      )
    ).rows;

    // Rows read by sequential scans and entries read from indexes. The counters hold this
    // session's reads not yet sent to the statistics (the seeding above too): take the
    // difference.
    const readSoFar = async (): Promise<Record<string, number>> => {
      const { rows } = await s.db.query<{ table: string; rows: number }>(
        `SELECT t AS table,
                (pg_stat_get_xact_tuples_returned(t::regclass)
                 + (SELECT COALESCE(sum(pg_stat_get_xact_tuples_returned(i.indexrelid)), 0)
                      FROM pg_index i WHERE i.indrelid = t::regclass))::int AS rows
           FROM unnest(ARRAY['translations', 'source_segments']) AS t`,
      );
      return Object.fromEntries(rows.map((r) => [r.table, r.rows]));
    };
    await s.db.query('BEGIN');
    try {
      const before = await readSoFar();
      // The review's row lock and its write, with every trigger on translations.
      await s.db.query(
        `SELECT state FROM translations WHERE article_id = $1 AND locale = 'es' AND segment_key = $2
            FOR UPDATE`,
        [articleId, key],
      );
      await s.db.query(
        `UPDATE translations SET state = 'approved', revision = revision + 1
          WHERE article_id = $1 AND locale = 'es' AND segment_key = $2`,
        [articleId, key],
      );
      const after = await readSoFar();
      const read = {
        translations: after.translations - before.translations,
        source_segments: after.source_segments - before.source_segments,
      };
      // A few index probes each; a scan reads about SEGMENTS rows (twice for the trigger).
      expect(read.translations).toBeGreaterThan(0);
      expect(read.translations).toBeLessThan(20);
      expect(read.source_segments).toBeGreaterThan(0);
      expect(read.source_segments).toBeLessThan(20);
    } finally {
      await s.db.query('ROLLBACK');
    }
  });
});
