import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Review and sync that say what happened (issue 15):
 * - a translation carried to a new segment key by a source change links to the row it came
 *   from (`predecessor_key`) and to that row's revision at the time (`predecessor_revision`),
 *   so a segment's history follows it across source versions; set once, by sync, never
 *   changed afterwards;
 * - (a translation filled from a repeated sentence of the same article is origin `human`, its
 *   revision action `propagate`: no change to the origin check, which other work extends);
 * - a project may fill repeated sentences on every save (`propagate_repeats`).
 *
 * `translations.source_text` keeps meaning "the English the target was written against": sync
 * now copies it from the carried row instead of writing the new English. Rows carried before
 * this migration are repaired as far as the data allows: a draft not yet saved again gets the
 * English it was carried from (`previous_source`, one version back) instead of the new
 * English, which would hide the change from the translator; and a carried row gets its link
 * to the row it was carried from (the segment's `previous_key`, at the last revision made
 * before the carry). Revision rows are append-only and stay as they were.
 */
export class ReviewLineage1764000000016 implements MigrationInterface {
  name = 'ReviewLineage1764000000016';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE translations
        ADD COLUMN predecessor_key text,
        ADD COLUMN predecessor_revision int,
        ADD CONSTRAINT translations_predecessor_check
          CHECK ((predecessor_key IS NULL) = (predecessor_revision IS NULL))`);
    await q.query(
      `ALTER TABLE projects ADD COLUMN propagate_repeats boolean NOT NULL DEFAULT false`,
    );
    await q.query(`
      UPDATE translations SET source_text = previous_source
       WHERE origin = 'carried' AND previous_source IS NOT NULL
         AND source_text IS DISTINCT FROM previous_source`);
    await q.query(`
      WITH carried AS (
        SELECT t.article_id, t.locale, t.segment_key, s.previous_key, c.created_at
          FROM translations t
          JOIN translation_revisions c
            ON c.article_id = t.article_id AND c.locale = t.locale
           AND c.segment_key = t.segment_key AND c.revision = 1 AND c.action = 'carried'
          JOIN source_versions v ON v.article_id = t.article_id AND v.version = c.source_version
          JOIN source_segments s ON s.version_id = v.id AND s.key = t.segment_key
         WHERE s.previous_key IS NOT NULL AND s.previous_key <> t.segment_key
      ),
      linked AS (
        SELECT carried.*, (SELECT max(r.revision) FROM translation_revisions r
                            WHERE r.article_id = carried.article_id AND r.locale = carried.locale
                              AND r.segment_key = carried.previous_key
                              AND r.created_at <= carried.created_at) AS revision
          FROM carried
      )
      UPDATE translations t
         SET predecessor_key = l.previous_key, predecessor_revision = l.revision
        FROM linked l
       WHERE l.revision IS NOT NULL AND t.article_id = l.article_id AND t.locale = l.locale
         AND t.segment_key = l.segment_key`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE projects DROP COLUMN propagate_repeats`);
    await q.query(`
      ALTER TABLE translations
        DROP CONSTRAINT translations_predecessor_check,
        DROP COLUMN predecessor_revision,
        DROP COLUMN predecessor_key`);
  }
}
