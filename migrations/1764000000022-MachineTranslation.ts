import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Machine translation, owned by the machine-translation module: one provider per project (its
 * API key sealed like webhook secrets), a cache of answers per (provider, source hash, target
 * locale) shared by all projects, where `provider` is the provider's name, endpoint and model
 * (two servers or models do not share answers), and the characters sent per project and
 * calendar month (UTC).
 */
export class MachineTranslation1764000000022 implements MigrationInterface {
  name = 'MachineTranslation1764000000022';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE mt_configs (
        project_id uuid PRIMARY KEY REFERENCES projects(id) ON DELETE CASCADE,
        provider text NOT NULL CHECK (provider IN
          ('deepl', 'google', 'microsoft', 'libretranslate', 'openai-compatible')),
        endpoint text,
        api_key text,
        model text,
        region text,
        locales text[] NOT NULL DEFAULT '{}',
        monthly_character_limit bigint CHECK (monthly_character_limit > 0),
        updated_by uuid REFERENCES users(id) ON DELETE SET NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE mt_cache (
        provider text NOT NULL,
        source_hash bytea NOT NULL,
        target_locale text NOT NULL,
        target text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (provider, source_hash, target_locale)
      )`);
    await q.query(`
      CREATE TABLE mt_usage (
        project_id uuid NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
        month date NOT NULL,
        characters bigint NOT NULL DEFAULT 0,
        PRIMARY KEY (project_id, month)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE mt_usage`);
    await q.query(`DROP TABLE mt_cache`);
    await q.query(`DROP TABLE mt_configs`);
  }
}
