import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Articles and their immutable source versions; translations per (article, segment key, locale)
 * with an append-only revision log; immutable publications.
 *
 * Ownership: articles + source_versions + source_segments belong to the articles module,
 * translations + translation_revisions + segment_comments to the translations module,
 * publications to the publishing module. Other modules may read these tables in read models
 * but never write them.
 */
export class Content1764000000001 implements MigrationInterface {
  name = 'Content1764000000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE articles (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        project_id uuid NOT NULL REFERENCES projects(id) ON DELETE RESTRICT,
        slug text NOT NULL,
        current_version int NOT NULL DEFAULT 1,
        created_by uuid REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (project_id, slug)
      )`);
    await q.query(`
      CREATE TABLE source_versions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        article_id uuid NOT NULL REFERENCES articles(id) ON DELETE RESTRICT,
        version int NOT NULL,
        title text NOT NULL,
        format text NOT NULL CHECK (format IN ('markdown', 'html', 'text')),
        content text NOT NULL,
        content_hash text NOT NULL,
        tree jsonb NOT NULL,
        segment_count int NOT NULL,
        minor_change boolean NOT NULL DEFAULT false,
        sync jsonb,
        created_by uuid REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (article_id, version)
      )`);
    // One row per segment of a version, in document order. change_risk / previous_source /
    // previous_key describe how it differs from the previous version (NULL when kept or added).
    await q.query(`
      CREATE TABLE source_segments (
        version_id uuid NOT NULL REFERENCES source_versions(id) ON DELETE RESTRICT,
        position int NOT NULL,
        key text NOT NULL,
        kind text NOT NULL,
        text text NOT NULL,
        relation text NOT NULL DEFAULT 'added' CHECK (relation IN ('kept', 'changed', 'added')),
        previous_key text,
        previous_source text,
        change_risk text CHECK (change_risk IN ('minor', 'wording', 'clinical')),
        PRIMARY KEY (version_id, position),
        UNIQUE (version_id, key)
      )`);
    await q.query(`
      CREATE TABLE translations (
        article_id uuid NOT NULL REFERENCES articles(id) ON DELETE RESTRICT,
        locale text NOT NULL,
        segment_key text NOT NULL,
        target text NOT NULL DEFAULT '',
        state text NOT NULL CHECK (state IN ('untranslated', 'fuzzy', 'translated', 'rejected', 'approved')),
        revision int NOT NULL,
        origin text NOT NULL CHECK (origin IN ('human', 'carried', 'tm', 'import')),
        source_version int NOT NULL,
        source_text text NOT NULL,
        previous_source text,
        checks jsonb NOT NULL DEFAULT '[]',
        updated_by uuid REFERENCES users(id),
        translated_by uuid REFERENCES users(id),
        reviewed_by uuid REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (article_id, locale, segment_key)
      )`);
    await q.query(
      `CREATE INDEX translations_locale_state_idx ON translations (article_id, locale, state)`,
    );
    await q.query(`
      CREATE TABLE translation_revisions (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        article_id uuid NOT NULL,
        locale text NOT NULL,
        segment_key text NOT NULL,
        revision int NOT NULL,
        target text NOT NULL,
        state text NOT NULL,
        origin text NOT NULL,
        source_version int NOT NULL,
        source_text text NOT NULL,
        author_id uuid REFERENCES users(id),
        action text NOT NULL,
        comment text,
        checks jsonb NOT NULL DEFAULT '[]',
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (article_id, locale, segment_key, revision),
        FOREIGN KEY (article_id, locale, segment_key) REFERENCES translations (article_id, locale, segment_key)
      )`);
    // Append-only: history is never rewritten.
    await q.query(`
      CREATE FUNCTION refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% is append-only', TG_TABLE_NAME;
      END $$`);
    for (const table of ['translation_revisions', 'source_versions', 'source_segments']) {
      await q.query(`
        CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON ${table}
        FOR EACH ROW EXECUTE FUNCTION refuse_change()`);
    }
    await q.query(`
      CREATE TABLE segment_comments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        article_id uuid NOT NULL REFERENCES articles(id) ON DELETE RESTRICT,
        locale text NOT NULL,
        segment_key text NOT NULL,
        author_id uuid NOT NULL REFERENCES users(id),
        body text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE INDEX segment_comments_idx ON segment_comments (article_id, locale, segment_key, created_at)`,
    );
    await q.query(`
      CREATE TABLE publications (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        article_id uuid NOT NULL REFERENCES articles(id) ON DELETE RESTRICT,
        locale text NOT NULL,
        number int NOT NULL,
        source_version int NOT NULL,
        kind text NOT NULL DEFAULT 'complete' CHECK (kind IN ('source', 'complete', 'fallback')),
        title text NOT NULL,
        html text NOT NULL,
        content_hash text NOT NULL,
        approvers jsonb NOT NULL DEFAULT '[]',
        reviewed_at timestamptz,
        published_at timestamptz NOT NULL DEFAULT now(),
        -- At most one publication per (article, locale, version) and kind: under the fallback
        -- policy a version may be published once with English fill-ins and once complete.
        UNIQUE (article_id, locale, source_version, kind),
        UNIQUE (article_id, locale, number)
      )`);
    await q.query(`
      CREATE TRIGGER publications_append_only BEFORE UPDATE OR DELETE ON publications
      FOR EACH ROW EXECUTE FUNCTION refuse_change()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE publications`);
    await q.query(`DROP TABLE segment_comments`);
    await q.query(`DROP TABLE translation_revisions`);
    await q.query(`DROP TABLE translations`);
    await q.query(`DROP TABLE source_segments`);
    await q.query(`DROP TABLE source_versions`);
    await q.query(`DROP TABLE articles`);
    await q.query(`DROP FUNCTION refuse_change()`);
  }
}
