import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Drops `translations_locale_state_idx` (article_id, locale, state) (issue 14 point 5).
 *
 * Nothing reads translations by state any more: the state counts (1764000000017) replaced the
 * per-article scans, and every remaining statement names the segment key, which the primary key
 * (article_id, locale, segment_key) serves. The index did harm:
 * - while a table had no statistics yet (a new database, or right after a big import) the
 *   planner costed it the same as the primary key for `article_id = $1 AND locale = $2 AND
 *   segment_key = $3` and picked it, scanning every row of the (article, locale) with a filter
 *   on the key: an approval on a 3,000-segment article read 3,000 rows per statement, four
 *   statements in a row;
 * - every state change (each save that moves a state, each review) touched it, so no such
 *   update could be HOT.
 */
export class TranslationsStateIndex1764000000018 implements MigrationInterface {
  name = 'TranslationsStateIndex1764000000018';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX translations_locale_state_idx`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX translations_locale_state_idx ON translations (article_id, locale, state)`,
    );
  }
}
