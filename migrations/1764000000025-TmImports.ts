import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * TMX imports (issue 17 point 6) write entries without an origin segment (article_id NULL),
 * either for everybody (project_id NULL) or into one project's memory. The same source and
 * target in the same locales and project is stored once: a re-import, or a unit repeated in
 * the file, inserts nothing (ON CONFLICT DO NOTHING against this index). NULLS NOT DISTINCT so
 * that the project-less imports are deduplicated too (PostgreSQL 15+).
 */
export class TmImports1764000000025 implements MigrationInterface {
  name = 'TmImports1764000000025';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE UNIQUE INDEX tm_entries_import_idx
          ON tm_entries (source_locale, target_locale, source_hash, target_hash, project_id)
          NULLS NOT DISTINCT
       WHERE article_id IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX tm_entries_import_idx`);
  }
}
