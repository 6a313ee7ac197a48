import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Per (article, locale) state counts over the article's current source version, kept by the
 * database itself so that every writer of `translations` (saves, reviews, sync, and any later
 * one) keeps them exact in its own statement, and readers never recount segments.
 *
 * - version_segment_totals: per source version, its segment count and changed segments by
 *   risk; filled by a statement trigger on source_segments (append-only).
 * - locale_state_counts: per (article, locale), the current version's total and the number of
 *   its segments in each state; `untranslated` is the rest (a segment with no translations row
 *   is untranslated). A row may be missing: then nothing of that locale counts yet, read it as
 *   the version totals with everything untranslated. `minor`/`wording`/`clinical` are the
 *   changed segments of that risk not approved yet.
 * - locale_author_counts: per (article, locale, translator), segments in state `translated`
 *   (who may not review them), so routing needs no scan either.
 *
 * Statement-level triggers with transition tables on translations aggregate a statement's
 * rows per (article, locale), so a batched save statement updates each counts row once, in
 * (article, locale) order (no lock cycles between two batches). Only rows whose key is in the
 * current version count. A new current version (UPDATE articles.current_version, or segments
 * inserted for the version that is already current) recounts that one article: a sync is
 * O(article), saves and reviews are O(rows written).
 *
 * Exactness across a source change rests on writers holding the article row FOR SHARE while
 * they write translations (saves, reviews) and the source update holding it FOR UPDATE, as
 * they already do: the trigger then reads the same current version as the write it counts.
 */
export class LocaleStateCounts1764000000017 implements MigrationInterface {
  name = 'LocaleStateCounts1764000000017';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE version_segment_totals (
        version_id uuid PRIMARY KEY REFERENCES source_versions(id) ON DELETE CASCADE,
        total int NOT NULL DEFAULT 0,
        minor int NOT NULL DEFAULT 0,
        wording int NOT NULL DEFAULT 0,
        clinical int NOT NULL DEFAULT 0
      )`);
    await q.query(`
      CREATE TABLE locale_state_counts (
        article_id uuid NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        locale text NOT NULL,
        project_id uuid NOT NULL,
        current_version int NOT NULL,
        -- Source version of the latest publication of this (article, locale), if any.
        published_version int,
        stale int GENERATED ALWAYS AS (CASE WHEN published_version < current_version THEN 1 ELSE 0 END) STORED,
        total int NOT NULL,
        fuzzy int NOT NULL DEFAULT 0,
        translated int NOT NULL DEFAULT 0,
        rejected int NOT NULL DEFAULT 0,
        approved int NOT NULL DEFAULT 0,
        untranslated int GENERATED ALWAYS AS (total - fuzzy - translated - rejected - approved) STORED,
        minor_total int NOT NULL DEFAULT 0,
        wording_total int NOT NULL DEFAULT 0,
        clinical_total int NOT NULL DEFAULT 0,
        approved_minor int NOT NULL DEFAULT 0,
        approved_wording int NOT NULL DEFAULT 0,
        approved_clinical int NOT NULL DEFAULT 0,
        minor int GENERATED ALWAYS AS (minor_total - approved_minor) STORED,
        wording int GENERATED ALWAYS AS (wording_total - approved_wording) STORED,
        clinical int GENERATED ALWAYS AS (clinical_total - approved_clinical) STORED,
        -- No CHECK on the counts: PostgreSQL checks the proposed row of an upsert, which
        -- here holds deltas (negative ones too), before it finds the conflict.
        PRIMARY KEY (article_id, locale)
      )`);
    await q.query(`
      CREATE TABLE project_locale_counts (
        project_id uuid NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
        locale text NOT NULL,
        slot int NOT NULL,
        total bigint NOT NULL DEFAULT 0,
        untranslated bigint NOT NULL DEFAULT 0,
        fuzzy bigint NOT NULL DEFAULT 0,
        translated bigint NOT NULL DEFAULT 0,
        rejected bigint NOT NULL DEFAULT 0,
        approved bigint NOT NULL DEFAULT 0,
        minor bigint NOT NULL DEFAULT 0,
        wording bigint NOT NULL DEFAULT 0,
        clinical bigint NOT NULL DEFAULT 0,
        stale bigint NOT NULL DEFAULT 0,
        PRIMARY KEY (project_id, locale, slot)
      )`);
    await q.query(
      `CREATE INDEX publications_locale_recent_idx ON publications (locale, published_at DESC, number DESC)`,
    );
    await q.query(`
      CREATE TABLE locale_author_counts (
        article_id uuid NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        locale text NOT NULL,
        author_id uuid NOT NULL,
        translated int NOT NULL,
        PRIMARY KEY (article_id, locale, author_id)
      )`);
    await q.query(`
      CREATE TYPE translation_state_change AS (
        article_id uuid, locale text, segment_key text, state text, translated_by uuid, sign int
      )`);

    // Adds the changes of one statement, netted per (article, locale), to the counts. Rows of
    // keys outside the current version are dropped by the join; a net zero touches no row.
    await q.query(`
      CREATE FUNCTION apply_translation_state_changes(changes translation_state_change[])
      RETURNS void LANGUAGE plpgsql AS $$
      BEGIN
        WITH current_rows AS MATERIALIZED (
          SELECT c.article_id, c.locale, c.state, c.translated_by, c.sign, s.change_risk,
                 v.id AS version_id, a.project_id, a.current_version
            FROM unnest(changes) c
            JOIN articles a ON a.id = c.article_id
            JOIN source_versions v ON v.article_id = a.id AND v.version = a.current_version
            JOIN source_segments s ON s.version_id = v.id AND s.key = c.segment_key
        ),
        deltas AS (
          SELECT article_id, locale, version_id, project_id, current_version,
                 COALESCE(sum(sign) FILTER (WHERE state = 'fuzzy'), 0)::int AS fuzzy,
                 COALESCE(sum(sign) FILTER (WHERE state = 'translated'), 0)::int AS translated,
                 COALESCE(sum(sign) FILTER (WHERE state = 'rejected'), 0)::int AS rejected,
                 COALESCE(sum(sign) FILTER (WHERE state = 'approved'), 0)::int AS approved,
                 COALESCE(sum(sign) FILTER (WHERE state = 'approved' AND change_risk = 'minor'), 0)::int AS am,
                 COALESCE(sum(sign) FILTER (WHERE state = 'approved' AND change_risk = 'wording'), 0)::int AS aw,
                 COALESCE(sum(sign) FILTER (WHERE state = 'approved' AND change_risk = 'clinical'), 0)::int AS ac
            FROM current_rows
           GROUP BY article_id, locale, version_id, project_id, current_version
        ),
        counted AS (
          INSERT INTO locale_state_counts AS lsc
            (article_id, locale, project_id, current_version, published_version, total, fuzzy,
             translated, rejected, approved, minor_total, wording_total, clinical_total,
             approved_minor, approved_wording, approved_clinical)
          SELECT d.article_id, d.locale, d.project_id, d.current_version,
                 (SELECT max(p.source_version) FROM publications p
                   WHERE p.article_id = d.article_id AND p.locale = d.locale),
                 COALESCE(t.total, 0), d.fuzzy, d.translated, d.rejected,
                 d.approved, COALESCE(t.minor, 0), COALESCE(t.wording, 0), COALESCE(t.clinical, 0),
                 d.am, d.aw, d.ac
            FROM deltas d LEFT JOIN version_segment_totals t ON t.version_id = d.version_id
           WHERE (d.fuzzy, d.translated, d.rejected, d.approved, d.am, d.aw, d.ac)
                 <> (0, 0, 0, 0, 0, 0, 0)
           ORDER BY d.article_id, d.locale
          ON CONFLICT (article_id, locale) DO UPDATE SET
            fuzzy = lsc.fuzzy + EXCLUDED.fuzzy,
            translated = lsc.translated + EXCLUDED.translated,
            rejected = lsc.rejected + EXCLUDED.rejected,
            approved = lsc.approved + EXCLUDED.approved,
            approved_minor = lsc.approved_minor + EXCLUDED.approved_minor,
            approved_wording = lsc.approved_wording + EXCLUDED.approved_wording,
            approved_clinical = lsc.approved_clinical + EXCLUDED.approved_clinical
        )
        INSERT INTO locale_author_counts AS lac (article_id, locale, author_id, translated)
        SELECT article_id, locale, translated_by, sum(sign)::int
          FROM current_rows
         WHERE state = 'translated' AND translated_by IS NOT NULL
         GROUP BY article_id, locale, translated_by
        HAVING sum(sign) <> 0
         ORDER BY article_id, locale, translated_by
        ON CONFLICT (article_id, locale, author_id) DO UPDATE SET
          translated = lac.translated + EXCLUDED.translated;
      END $$`);

    await q.query(`
      CREATE FUNCTION translations_count_states() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          PERFORM apply_translation_state_changes(ARRAY(
            SELECT ROW(article_id, locale, segment_key, state, translated_by, 1)::translation_state_change
              FROM new_rows));
        ELSIF TG_OP = 'UPDATE' THEN
          PERFORM apply_translation_state_changes(ARRAY(
            SELECT ROW(article_id, locale, segment_key, state, translated_by, 1)::translation_state_change
              FROM new_rows
            UNION ALL
            SELECT ROW(article_id, locale, segment_key, state, translated_by, -1)::translation_state_change
              FROM old_rows));
        ELSE
          PERFORM apply_translation_state_changes(ARRAY(
            SELECT ROW(article_id, locale, segment_key, state, translated_by, -1)::translation_state_change
              FROM old_rows));
        END IF;
        RETURN NULL;
      END $$`);
    // Transition tables allow one event per trigger.
    await q.query(`
      CREATE TRIGGER translations_counts_insert AFTER INSERT ON translations
      REFERENCING NEW TABLE AS new_rows
      FOR EACH STATEMENT EXECUTE FUNCTION translations_count_states()`);
    await q.query(`
      CREATE TRIGGER translations_counts_update AFTER UPDATE ON translations
      REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
      FOR EACH STATEMENT EXECUTE FUNCTION translations_count_states()`);
    await q.query(`
      CREATE TRIGGER translations_counts_delete AFTER DELETE ON translations
      REFERENCING OLD TABLE AS old_rows
      FOR EACH STATEMENT EXECUTE FUNCTION translations_count_states()`);

    // One article's counts from scratch, over its current version: O(article), for syncs. Every
    // locale of the project (and any other with translations) gets a row, so that project
    // progress is the sum of rows.
    await q.query(`
      CREATE FUNCTION recount_locale_states(one_article uuid) RETURNS void LANGUAGE plpgsql AS $$
      DECLARE
        current_id uuid;
        current_number int;
        project uuid;
      BEGIN
        SELECT v.id, a.current_version, a.project_id INTO current_id, current_number, project
          FROM articles a JOIN source_versions v ON v.article_id = a.id AND v.version = a.current_version
         WHERE a.id = one_article;
        DELETE FROM locale_state_counts WHERE article_id = one_article;
        DELETE FROM locale_author_counts WHERE article_id = one_article;
        IF current_id IS NULL THEN
          RETURN;
        END IF;
        INSERT INTO locale_state_counts
          (article_id, locale, project_id, current_version, published_version, total, fuzzy,
           translated, rejected, approved, minor_total, wording_total, clinical_total,
           approved_minor, approved_wording, approved_clinical)
        SELECT one_article, l.locale, project, current_number,
               (SELECT max(p.source_version) FROM publications p
                 WHERE p.article_id = one_article AND p.locale = l.locale),
               COALESCE(vt.total, 0), COALESCE(x.fuzzy, 0), COALESCE(x.translated, 0),
               COALESCE(x.rejected, 0), COALESCE(x.approved, 0),
               COALESCE(vt.minor, 0), COALESCE(vt.wording, 0), COALESCE(vt.clinical, 0),
               COALESCE(x.am, 0), COALESCE(x.aw, 0), COALESCE(x.ac, 0)
          FROM (SELECT pl.locale FROM project_locales pl WHERE pl.project_id = project
                UNION
                SELECT DISTINCT t.locale FROM source_segments s
                  JOIN translations t ON t.article_id = one_article AND t.segment_key = s.key
                 WHERE s.version_id = current_id) l
          LEFT JOIN version_segment_totals vt ON vt.version_id = current_id
          LEFT JOIN (
            SELECT t.locale,
                   count(*) FILTER (WHERE t.state = 'fuzzy')::int AS fuzzy,
                   count(*) FILTER (WHERE t.state = 'translated')::int AS translated,
                   count(*) FILTER (WHERE t.state = 'rejected')::int AS rejected,
                   count(*) FILTER (WHERE t.state = 'approved')::int AS approved,
                   count(*) FILTER (WHERE t.state = 'approved' AND s.change_risk = 'minor')::int AS am,
                   count(*) FILTER (WHERE t.state = 'approved' AND s.change_risk = 'wording')::int AS aw,
                   count(*) FILTER (WHERE t.state = 'approved' AND s.change_risk = 'clinical')::int AS ac
              FROM source_segments s
              JOIN translations t ON t.article_id = one_article AND t.segment_key = s.key
             WHERE s.version_id = current_id
             GROUP BY t.locale
          ) x ON x.locale = l.locale
         ORDER BY l.locale;
        INSERT INTO locale_author_counts (article_id, locale, author_id, translated)
        SELECT one_article, t.locale, t.translated_by, count(*)
          FROM source_segments s
          JOIN translations t ON t.article_id = one_article AND t.segment_key = s.key
         WHERE s.version_id = current_id AND t.state = 'translated' AND t.translated_by IS NOT NULL
         GROUP BY t.locale, t.translated_by
         ORDER BY t.locale, t.translated_by;
      END $$`);
    await q.query(`
      CREATE FUNCTION articles_recount_states() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM recount_locale_states(NEW.id);
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER articles_recount_states AFTER UPDATE OF current_version ON articles
      FOR EACH ROW WHEN (OLD.current_version IS DISTINCT FROM NEW.current_version)
      EXECUTE FUNCTION articles_recount_states()`);

    // Segments are written once per version; whichever comes second of "segments inserted" and
    // "version made current" recounts the article.
    await q.query(`
      CREATE FUNCTION source_segments_totals() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        changed_article uuid;
      BEGIN
        INSERT INTO version_segment_totals AS vt (version_id, total, minor, wording, clinical)
        SELECT version_id, count(*),
               count(*) FILTER (WHERE change_risk = 'minor'),
               count(*) FILTER (WHERE change_risk = 'wording'),
               count(*) FILTER (WHERE change_risk = 'clinical')
          FROM new_rows GROUP BY version_id ORDER BY version_id
        ON CONFLICT (version_id) DO UPDATE SET
          total = vt.total + EXCLUDED.total, minor = vt.minor + EXCLUDED.minor,
          wording = vt.wording + EXCLUDED.wording, clinical = vt.clinical + EXCLUDED.clinical;
        FOR changed_article IN
          SELECT DISTINCT a.id FROM (SELECT DISTINCT version_id FROM new_rows) n
            JOIN source_versions v ON v.id = n.version_id
            JOIN articles a ON a.id = v.article_id AND a.current_version = v.version
           ORDER BY a.id
        LOOP
          PERFORM recount_locale_states(changed_article);
        END LOOP;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER source_segments_totals AFTER INSERT ON source_segments
      REFERENCING NEW TABLE AS new_rows
      FOR EACH STATEMENT EXECUTE FUNCTION source_segments_totals()`);

    // A new target locale: a zero row (everything untranslated) for each article of the project.
    await q.query(`
      CREATE FUNCTION project_locales_counts() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO locale_state_counts
          (article_id, locale, project_id, current_version, published_version, total,
           minor_total, wording_total, clinical_total)
        SELECT a.id, n.locale, a.project_id, a.current_version,
               (SELECT max(p.source_version) FROM publications p
                 WHERE p.article_id = a.id AND p.locale = n.locale),
               COALESCE(vt.total, 0), COALESCE(vt.minor, 0), COALESCE(vt.wording, 0),
               COALESCE(vt.clinical, 0)
          FROM new_rows n
          JOIN articles a ON a.project_id = n.project_id
          JOIN source_versions v ON v.article_id = a.id AND v.version = a.current_version
          LEFT JOIN version_segment_totals vt ON vt.version_id = v.id
         ORDER BY a.id, n.locale
        ON CONFLICT (article_id, locale) DO NOTHING;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER project_locales_counts AFTER INSERT ON project_locales
      REFERENCING NEW TABLE AS new_rows
      FOR EACH STATEMENT EXECUTE FUNCTION project_locales_counts()`);

    // A publication: its (article, locale) now has a published version (for "stale"). The
    // article row is share-locked first, as saves do, so that a source update's recount either
    // sees this publication or runs before it (then this statement sees the recounted rows).
    // Source-locale publications have no counts row and take no lock: a source update
    // publishes its source locale while it holds the article row.
    await q.query(`
      CREATE FUNCTION publications_counts() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM 1 FROM articles a JOIN projects p ON p.id = a.project_id
          WHERE EXISTS (SELECT 1 FROM new_rows n
                         WHERE n.article_id = a.id AND n.locale <> p.source_locale)
          ORDER BY a.id FOR SHARE OF a;
        UPDATE locale_state_counts c SET published_version = n.version
          FROM (SELECT article_id, locale, max(source_version) AS version
                  FROM new_rows GROUP BY article_id, locale ORDER BY article_id, locale) n
         WHERE c.article_id = n.article_id AND c.locale = n.locale
           AND (c.published_version IS NULL OR c.published_version < n.version);
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER publications_counts AFTER INSERT ON publications
      REFERENCING NEW TABLE AS new_rows
      FOR EACH STATEMENT EXECUTE FUNCTION publications_counts()`);

    // Project progress: the sum of the article rows, kept per (project, locale) in 16 slots (an
    // article always adds to the same slot), so that saves in different articles of one locale
    // rarely wait on each other, and a read sums 16 rows per locale instead of every article.
    // Transition tables differ per event, so one function per event, from one template.
    const rows = (table: string, sign: number) => `
      SELECT project_id, locale, hashtext(article_id::text) & 15 AS slot, ${sign} AS sign,
             total, untranslated, fuzzy, translated, rejected, approved, minor, wording,
             clinical, stale
        FROM ${table}`;
    const events = {
      insert: { transition: 'NEW TABLE AS new_rows', changes: rows('new_rows', 1) },
      update: {
        transition: 'OLD TABLE AS old_rows NEW TABLE AS new_rows',
        changes: `${rows('new_rows', 1)} UNION ALL ${rows('old_rows', -1)}`,
      },
      delete: { transition: 'OLD TABLE AS old_rows', changes: rows('old_rows', -1) },
    };
    for (const [event, { transition, changes }] of Object.entries(events)) {
      await q.query(`
        CREATE FUNCTION locale_state_counts_rollup_${event}() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          WITH changes AS (${changes}),
          sums AS (
            SELECT project_id, locale, slot,
                   sum(sign * total) AS total, sum(sign * untranslated) AS untranslated,
                   sum(sign * fuzzy) AS fuzzy, sum(sign * translated) AS translated,
                   sum(sign * rejected) AS rejected, sum(sign * approved) AS approved,
                   sum(sign * minor) AS minor, sum(sign * wording) AS wording,
                   sum(sign * clinical) AS clinical, sum(sign * stale) AS stale
              FROM changes GROUP BY project_id, locale, slot
          )
          INSERT INTO project_locale_counts AS pc
            (project_id, locale, slot, total, untranslated, fuzzy, translated, rejected, approved,
             minor, wording, clinical, stale)
          SELECT * FROM sums
           WHERE (total, untranslated, fuzzy, translated, rejected, approved, minor, wording,
                  clinical, stale) <> (0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
           ORDER BY project_id, locale, slot
          ON CONFLICT (project_id, locale, slot) DO UPDATE SET
            total = pc.total + EXCLUDED.total,
            untranslated = pc.untranslated + EXCLUDED.untranslated,
            fuzzy = pc.fuzzy + EXCLUDED.fuzzy,
            translated = pc.translated + EXCLUDED.translated,
            rejected = pc.rejected + EXCLUDED.rejected,
            approved = pc.approved + EXCLUDED.approved,
            minor = pc.minor + EXCLUDED.minor,
            wording = pc.wording + EXCLUDED.wording,
            clinical = pc.clinical + EXCLUDED.clinical,
            stale = pc.stale + EXCLUDED.stale;
          RETURN NULL;
        END $$`);
      await q.query(`
        CREATE TRIGGER locale_state_counts_rollup_${event} AFTER ${event.toUpperCase()}
        ON locale_state_counts REFERENCING ${transition}
        FOR EACH STATEMENT EXECUTE FUNCTION locale_state_counts_rollup_${event}()`);
    }

    // Backfill.
    await q.query(`
      INSERT INTO version_segment_totals (version_id, total, minor, wording, clinical)
      SELECT version_id, count(*),
             count(*) FILTER (WHERE change_risk = 'minor'),
             count(*) FILTER (WHERE change_risk = 'wording'),
             count(*) FILTER (WHERE change_risk = 'clinical')
        FROM source_segments GROUP BY version_id`);
    await q.query(`SELECT recount_locale_states(id) FROM articles ORDER BY id`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const op of ['insert', 'update', 'delete']) {
      await q.query(`DROP TRIGGER locale_state_counts_rollup_${op} ON locale_state_counts`);
      await q.query(`DROP FUNCTION locale_state_counts_rollup_${op}()`);
    }
    await q.query(`DROP TRIGGER publications_counts ON publications`);
    await q.query(`DROP FUNCTION publications_counts()`);
    await q.query(`DROP TRIGGER project_locales_counts ON project_locales`);
    await q.query(`DROP FUNCTION project_locales_counts()`);
    await q.query(`DROP INDEX publications_locale_recent_idx`);
    await q.query(`DROP TRIGGER source_segments_totals ON source_segments`);
    await q.query(`DROP FUNCTION source_segments_totals()`);
    await q.query(`DROP TRIGGER articles_recount_states ON articles`);
    await q.query(`DROP FUNCTION articles_recount_states()`);
    await q.query(`DROP FUNCTION recount_locale_states(uuid)`);
    for (const op of ['insert', 'update', 'delete']) {
      await q.query(`DROP TRIGGER translations_counts_${op} ON translations`);
    }
    await q.query(`DROP FUNCTION translations_count_states()`);
    await q.query(`DROP FUNCTION apply_translation_state_changes(translation_state_change[])`);
    await q.query(`DROP TYPE translation_state_change`);
    await q.query(`DROP TABLE locale_author_counts`);
    await q.query(`DROP TABLE project_locale_counts`);
    await q.query(`DROP TABLE locale_state_counts`);
    await q.query(`DROP TABLE version_segment_totals`);
  }
}
