import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Project glossaries, owned by the glossary module: one row per (source term, target locale).
 * A term is unique per project and locale whatever its letter case. A do-not-translate entry
 * stores the term itself as its translation unless an admin gave one.
 */
export class Glossary1764000000003 implements MigrationInterface {
  name = 'Glossary1764000000003';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE glossary_terms (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        project_id uuid NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
        term text NOT NULL CHECK (btrim(term) <> ''),
        locale text NOT NULL,
        translation text NOT NULL,
        do_not_translate boolean NOT NULL DEFAULT false,
        note text,
        created_by uuid REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE UNIQUE INDEX glossary_terms_unique_key ON glossary_terms (project_id, lower(term), locale)`,
    );
    await q.query(`CREATE INDEX glossary_terms_locale_idx ON glossary_terms (project_id, locale)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE glossary_terms`);
  }
}
