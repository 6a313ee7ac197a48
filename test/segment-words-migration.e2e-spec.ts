import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { SegmentWords1764000000020 } from '../migrations/1764000000020-SegmentWords';
import { MIGRATIONS } from '../migrations';
import { countWords } from '../src/segmentation/words';
import { dataSourceOptions } from '../src/database/data-source';
import { runMigrations } from '../src/startup';
import { dropDatabase, runPrefix, urlFor, withAdminClient } from './support/db';

/**
 * A database deployed before migration 1764000000020 has segments without word counts, counts
 * without words and open tasks without remaining words. The migration counts every segment
 * with the application's counter (in batches), then the counts and the open tasks follow.
 */
describe('migration 1764000000020: words for segments written before it (e2e)', () => {
  const database = `${runPrefix()}_words_${process.pid}`;
  const url = urlFor(database);
  let db: Client;

  beforeAll(async () => {
    await withAdminClient(async (c) => {
      await dropDatabase(c, database);
      await c.query(`CREATE DATABASE "${database}"`);
    });
    const older = new DataSource({
      ...dataSourceOptions(url),
      migrations: MIGRATIONS.filter((m) => m !== SegmentWords1764000000020),
      logging: false,
    });
    await older.initialize();
    await older.runMigrations({ transaction: 'each' });
    await older.destroy();
    db = new Client({ connectionString: url });
    await db.connect();
  });
  afterAll(async () => {
    await db.end();
    await withAdminClient((c) => dropDatabase(c, database));
  });

  it('counts every segment, then the locale and project counts and the open tasks', async () => {
    const q = async <T>(sql: string, params: unknown[] = []): Promise<T[]> =>
      (await db.query(sql, params)).rows as T[];
    const [{ id: project }] = await q<{ id: string }>(
      `INSERT INTO projects (slug, name, source_locale) VALUES ('old', 'Old', 'en') RETURNING id`,
    );
    await q(`INSERT INTO project_locales (project_id, locale) VALUES ($1, 'es'), ($1, 'fr')`, [
      project,
    ]);
    const article = async (slug: string, current: number) =>
      (
        await q<{ id: string }>(
          `INSERT INTO articles (project_id, slug, current_version) VALUES ($1, $2, $3) RETURNING id`,
          [project, slug, current],
        )
      )[0].id;
    const version = async (articleId: string, n: number) =>
      (
        await q<{ id: string }>(
          `INSERT INTO source_versions (article_id, version, title, format, content, content_hash, tree, segment_count)
           VALUES ($1, $2, 'T', 'text', 'x', $3, '{}', 0) RETURNING id`,
          [articleId, n, `${articleId}:${n}`],
        )
      )[0].id;

    // More segments than one batch of the migration, in one version.
    const big = await article('big', 1);
    await q(
      `INSERT INTO source_segments (version_id, position, key, kind, text)
       SELECT $1, g, 'b' || g, 'paragraph', 'Sentence ' || g || ' of the {1}leaflet{/1}.'
         FROM generate_series(0, 5009) g`,
      [await version(big, 1)],
    );
    // Two versions, codes and numbers; translations in assorted states of the current one.
    const small = await article('small', 2);
    const texts = {
      k1: 'Take 2.5 mg with {1}water{/1}.',
      k2: "Don't drive for 24 hours after the dose.{1/}",
      k3: 'Call us if it hurts badly.',
      k4: 'Rest.',
    };
    const insertSegments = async (versionId: string, keys: Array<keyof typeof texts>) => {
      for (const [position, key] of keys.entries()) {
        await q(
          `INSERT INTO source_segments (version_id, position, key, kind, text) VALUES ($1, $2, $3, 'paragraph', $4)`,
          [versionId, position, key, texts[key]],
        );
      }
    };
    await insertSegments(await version(small, 1), ['k4']);
    await insertSegments(await version(small, 2), ['k1', 'k2', 'k3']);
    for (const [key, state] of [
      ['k1', 'approved'],
      ['k2', 'rejected'],
      ['k4', 'approved'],
    ]) {
      await q(
        `INSERT INTO translations (article_id, locale, segment_key, target, state, revision, origin, source_version, source_text)
         VALUES ($1, 'es', $2, 'ES', $3, 1, 'human', 2, $4)`,
        [small, key, state, texts[key as keyof typeof texts]],
      );
    }
    const task = async (type: string, status: string, remaining: number) =>
      q(
        `INSERT INTO tasks (project_id, article_id, locale, type, status, source_version, remaining, due_at)
         VALUES ($1, $2, 'es', $3, $4, 2, $5, now())`,
        [project, small, type, status, remaining],
      );
    await task('translate', 'open', 2);
    await task('review', 'done', 0);

    expect(await runMigrations(url)).toEqual(['SegmentWords1764000000020']);

    const segments = await q<{ text: string; words: number }>(
      `SELECT text, words FROM source_segments`,
    );
    expect(segments).toHaveLength(5010 + 4);
    expect(segments.filter((s) => s.words !== countWords(s.text))).toEqual([]);
    expect(countWords('Sentence 5009 of the {1}leaflet{/1}.')).toBe(5);

    const words = { k1: 5, k2: 8, k3: 6 };
    const current = words.k1 + words.k2 + words.k3;
    const bigWords = 5010 * 5;
    // Written out by hand; the counter agrees.
    expect(Object.keys(words).map((k) => [k, countWords(texts[k as keyof typeof words])])).toEqual(
      Object.entries(words),
    );
    const counts = await q(
      `SELECT a.slug, c.locale, c.words_total, c.untranslated_words, c.fuzzy_words,
              c.translated_words, c.rejected_words, c.approved_words
         FROM locale_state_counts c JOIN articles a ON a.id = c.article_id
        ORDER BY 1, 2`,
    );
    const all = (total: number) => ({
      words_total: total,
      untranslated_words: total,
      fuzzy_words: 0,
      translated_words: 0,
      rejected_words: 0,
      approved_words: 0,
    });
    expect(counts).toEqual([
      { slug: 'big', locale: 'es', ...all(bigWords) },
      { slug: 'big', locale: 'fr', ...all(bigWords) },
      // k4 is approved but not in the current version: it does not count.
      {
        slug: 'small',
        locale: 'es',
        ...all(current),
        untranslated_words: words.k3,
        rejected_words: words.k2,
        approved_words: words.k1,
      },
      { slug: 'small', locale: 'fr', ...all(current) },
    ]);
    const sums = await q(
      `SELECT locale, sum(words_total)::int AS total, sum(untranslated_words)::int AS untranslated,
              sum(rejected_words)::int AS rejected, sum(approved_words)::int AS approved
         FROM project_locale_counts GROUP BY locale ORDER BY locale`,
    );
    expect(sums).toEqual([
      {
        locale: 'es',
        total: bigWords + current,
        untranslated: bigWords + words.k3,
        rejected: words.k2,
        approved: words.k1,
      },
      {
        locale: 'fr',
        total: bigWords + current,
        untranslated: bigWords + current,
        rejected: 0,
        approved: 0,
      },
    ]);
    expect(await q(`SELECT type, status, remaining_words FROM tasks ORDER BY type`)).toEqual([
      { type: 'review', status: 'done', remaining_words: 0 },
      { type: 'translate', status: 'open', remaining_words: words.k3 + words.k2 },
    ]);
    // Source segments are append-only again.
    await expect(q(`UPDATE source_segments SET words = 0 WHERE key = 'k1'`)).rejects.toThrow(
      /append-only/,
    );
  });
});
