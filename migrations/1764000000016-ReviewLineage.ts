import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Review and sync that say what happened (issue 15):
 * - a translation carried to a new segment key by a source change links to the row it came
 *   from (`predecessor_key`) and to that row's revision at the time (`predecessor_revision`),
 *   so a segment's history follows it across source versions; set once, by sync, never
 *   changed afterwards;
 * - a translation filled from a repeated sentence of the same article is origin `propagated`;
 * - a project may fill repeated sentences on every save (`propagate_repeats`).
 *
 * `translations.source_text` keeps meaning "the English the target was written against": sync
 * now copies it from the carried row instead of writing the new English (no data change needed
 * here: rows written before this migration keep what they have).
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
    await q.query(`ALTER TABLE translations DROP CONSTRAINT translations_origin_check`);
    await q.query(`
      ALTER TABLE translations ADD CONSTRAINT translations_origin_check
        CHECK (origin IN ('human', 'carried', 'tm', 'import', 'propagated'))`);
    await q.query(
      `ALTER TABLE projects ADD COLUMN propagate_repeats boolean NOT NULL DEFAULT false`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE projects DROP COLUMN propagate_repeats`);
    await q.query(`ALTER TABLE translations DROP CONSTRAINT translations_origin_check`);
    await q.query(`
      ALTER TABLE translations ADD CONSTRAINT translations_origin_check
        CHECK (origin IN ('human', 'carried', 'tm', 'import'))`);
    await q.query(`
      ALTER TABLE translations
        DROP CONSTRAINT translations_predecessor_check,
        DROP COLUMN predecessor_revision,
        DROP COLUMN predecessor_key`);
  }
}
