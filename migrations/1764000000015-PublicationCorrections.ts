import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Corrections, withdrawals and cross-process reader invalidation (issue 14), owned by the
 * publishing module.
 *
 * publications: a correction re-approved for the same source version is a new publication, so
 * the uniqueness on (article, locale, source_version, kind) goes; idempotence is now "no new
 * row when the latest publication of the locale has the same content_hash", checked under the
 * per-(article, locale) advisory lock. `published_by` is who asked (null when automatic).
 *
 * publication_withdrawals: append-only record of every take-down (who, when, why). A locale
 * is withdrawn while a `request` withdrawal names its latest publication; publishing again
 * (a new publication number) restores it. `locale-removed` rows record a target locale taken
 * off the project (project_locales.active is what the reader follows for those).
 *
 * approved_content_marks: one row per (article, locale) whose approved content changed, kept
 * by statement triggers on translations, so the reconciliation finds what may need publishing
 * without rendering anything: changed_seq > checked_seq.
 *
 * NOTIFY tms_reader: only on publications, withdrawals, project and target-locale changes (rare;
 * NOTIFY serializes committing transactions), so every API process drops its cached view.
 */
export class PublicationCorrections1764000000015 implements MigrationInterface {
  name = 'PublicationCorrections1764000000015';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE publications DROP CONSTRAINT publications_article_id_locale_source_version_kind_key`,
    );
    await q.query(`ALTER TABLE publications ADD COLUMN published_by uuid REFERENCES users(id)`);
    await q.query(`
      CREATE TABLE publication_withdrawals (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        article_id uuid NOT NULL REFERENCES articles(id) ON DELETE RESTRICT,
        locale text NOT NULL,
        publication_number int NOT NULL,
        cause text NOT NULL CHECK (cause IN ('request', 'locale-removed')),
        reason text NOT NULL,
        withdrawn_by uuid REFERENCES users(id),
        withdrawn_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE INDEX publication_withdrawals_idx ON publication_withdrawals (article_id, locale, publication_number)`,
    );
    await q.query(`
      CREATE TRIGGER publication_withdrawals_append_only BEFORE UPDATE OR DELETE ON publication_withdrawals
      FOR EACH ROW EXECUTE FUNCTION refuse_change()`);

    await q.query(`CREATE SEQUENCE approved_content_seq`);
    await q.query(`
      CREATE TABLE approved_content_marks (
        article_id uuid NOT NULL REFERENCES articles(id) ON DELETE RESTRICT,
        locale text NOT NULL,
        changed_seq bigint NOT NULL,
        checked_seq bigint NOT NULL DEFAULT 0,
        changed_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (article_id, locale)
      )`);
    await q.query(
      `CREATE INDEX approved_content_marks_pending_idx ON approved_content_marks (changed_seq) WHERE changed_seq > checked_seq`,
    );
    // Content approved before this migration is looked at once by the first reconciliation.
    await q.query(`
      INSERT INTO approved_content_marks (article_id, locale, changed_seq)
      SELECT article_id, locale, nextval('approved_content_seq')
        FROM (SELECT DISTINCT article_id, locale FROM translations WHERE state = 'approved') t`);
    // nextval in DO UPDATE runs after any wait for the row, so a later commit always carries a
    // larger number than what a publisher may already have checked.
    const upsert = (rows: string) => `
        INSERT INTO approved_content_marks AS m (article_id, locale, changed_seq)
        SELECT c.article_id, c.locale, nextval('approved_content_seq')
          FROM (SELECT DISTINCT article_id, locale FROM (${rows}) r ORDER BY 1, 2) c
        ON CONFLICT (article_id, locale) DO UPDATE
          SET changed_seq = nextval('approved_content_seq'), changed_at = now()`;
    await q.query(`
      CREATE FUNCTION mark_approved_content_insert() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        ${upsert(`SELECT article_id, locale FROM new_rows WHERE state = 'approved'`)};
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE FUNCTION mark_approved_content_update() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        ${upsert(`SELECT n.article_id, n.locale FROM new_rows n
                    JOIN old_rows o USING (article_id, locale, segment_key)
                   WHERE (o.state = 'approved' OR n.state = 'approved')
                     AND (o.state IS DISTINCT FROM n.state OR o.target IS DISTINCT FROM n.target)`)};
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER translations_mark_approved_insert AFTER INSERT ON translations
      REFERENCING NEW TABLE AS new_rows
      FOR EACH STATEMENT EXECUTE FUNCTION mark_approved_content_insert()`);
    await q.query(`
      CREATE TRIGGER translations_mark_approved_update AFTER UPDATE ON translations
      REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
      FOR EACH STATEMENT EXECUTE FUNCTION mark_approved_content_update()`);

    await q.query(`
      CREATE FUNCTION notify_reader_article() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('tms_reader', json_build_object('project', p.slug, 'article', a.slug)::text)
           FROM articles a JOIN projects p ON p.id = a.project_id WHERE a.id = NEW.article_id;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE FUNCTION notify_reader_project() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('tms_reader', json_build_object('project', p.slug)::text)
           FROM projects p WHERE p.id = NEW.project_id;
        RETURN NULL;
      END $$`);
    for (const table of ['publications', 'publication_withdrawals']) {
      await q.query(`
        CREATE TRIGGER ${table}_notify_reader AFTER INSERT ON ${table}
        FOR EACH ROW EXECUTE FUNCTION notify_reader_article()`);
    }
    await q.query(`
      CREATE TRIGGER project_locales_notify_reader AFTER INSERT OR UPDATE OF active ON project_locales
      FOR EACH ROW EXECUTE FUNCTION notify_reader_project()`);
    // Project settings the reader shows (source locale, stale policy).
    await q.query(`
      CREATE FUNCTION notify_reader_project_settings() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('tms_reader', json_build_object('project', NEW.slug)::text);
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER projects_notify_reader AFTER UPDATE ON projects
      FOR EACH ROW EXECUTE FUNCTION notify_reader_project_settings()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER projects_notify_reader ON projects`);
    await q.query(`DROP FUNCTION notify_reader_project_settings()`);
    await q.query(`DROP TRIGGER project_locales_notify_reader ON project_locales`);
    await q.query(`DROP TRIGGER publications_notify_reader ON publications`);
    await q.query(`DROP TABLE publication_withdrawals`);
    await q.query(`DROP FUNCTION notify_reader_project()`);
    await q.query(`DROP FUNCTION notify_reader_article()`);
    await q.query(`DROP TRIGGER translations_mark_approved_update ON translations`);
    await q.query(`DROP TRIGGER translations_mark_approved_insert ON translations`);
    await q.query(`DROP FUNCTION mark_approved_content_update()`);
    await q.query(`DROP FUNCTION mark_approved_content_insert()`);
    await q.query(`DROP TABLE approved_content_marks`);
    await q.query(`DROP SEQUENCE approved_content_seq`);
    await q.query(`ALTER TABLE publications DROP COLUMN published_by`);
    await q.query(
      `ALTER TABLE publications ADD CONSTRAINT publications_article_id_locale_source_version_kind_key UNIQUE (article_id, locale, source_version, kind)`,
    );
  }
}
