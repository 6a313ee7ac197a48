import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A glossary entry may match only in the letter case written ("AIDS", not "aids"). Uniqueness
 * stays case-insensitive: one entry per term and locale whatever its case. `updated_at` records
 * the last PATCH or CSV import that changed the entry.
 */
export class GlossaryCaseSensitive1764000000023 implements MigrationInterface {
  name = 'GlossaryCaseSensitive1764000000023';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE glossary_terms
        ADD COLUMN case_sensitive boolean NOT NULL DEFAULT false,
        ADD COLUMN updated_at timestamptz`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE glossary_terms DROP COLUMN case_sensitive, DROP COLUMN updated_at`);
  }
}
