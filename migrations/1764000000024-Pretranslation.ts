import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Pre-translation (src/pretranslation):
 * - translations.origin also takes `mt`: a draft filled by machine translation (a memory
 *   draft is `tm`, which the first schema already allowed);
 * - projects.pretranslate_context_as_translated: a pre-filled 101 (context) match becomes
 *   `translated` instead of a `fuzzy` draft. Never `approved`: a person approves.
 */
export class Pretranslation1764000000024 implements MigrationInterface {
  name = 'Pretranslation1764000000024';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE translations DROP CONSTRAINT translations_origin_check`);
    await q.query(`
      ALTER TABLE translations ADD CONSTRAINT translations_origin_check
        CHECK (origin IN ('human', 'carried', 'tm', 'mt', 'import'))`);
    await q.query(`
      ALTER TABLE projects
        ADD COLUMN pretranslate_context_as_translated boolean NOT NULL DEFAULT false`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE projects DROP COLUMN pretranslate_context_as_translated`);
    await q.query(`ALTER TABLE translations DROP CONSTRAINT translations_origin_check`);
    await q.query(`
      ALTER TABLE translations ADD CONSTRAINT translations_origin_check
        CHECK (origin IN ('human', 'carried', 'tm', 'import'))`);
  }
}
