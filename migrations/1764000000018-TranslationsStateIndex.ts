import { MigrationInterface, QueryRunner } from 'typeorm';

/** apply_translation_state_changes as 1764000000017 made it, with `segmentJoin` for the segment. */
const applyStateChanges = (segmentJoin: string): string => `
      CREATE OR REPLACE FUNCTION apply_translation_state_changes(changes translation_state_change[])
      RETURNS void LANGUAGE plpgsql AS $$
      BEGIN
        WITH current_rows AS MATERIALIZED (
          SELECT c.article_id, c.locale, c.state, c.translated_by, c.sign, s.change_risk,
                 v.id AS version_id, a.project_id, a.current_version
            FROM unnest(changes) c
            JOIN articles a ON a.id = c.article_id
            JOIN source_versions v ON v.article_id = a.id AND v.version = a.current_version
            ${segmentJoin}
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
      END $$`;

/**
 * Drops `translations_locale_state_idx` (article_id, locale, state) (issue 14 point 5).
 *
 * Nothing reads translations by state any more: the state counts (1764000000017) replaced the
 * per-article scans, and every remaining statement names the segment key, which the primary key
 * (article_id, locale, segment_key) serves. The index did harm:
 * - while a table had no statistics yet (a new database, or right after a big import) the
 *   planner costed it the same as the primary key for `article_id = $1 AND locale = $2 AND
 *   segment_key = $3` and picked it, scanning every row of the (article, locale) with a filter
 *   on the key: an approval on a 3,000-segment article read 3,000 rows per statement, four
 *   statements in a row;
 * - every state change (each save that moves a state, each review) touched it, so no such
 *   update could be HOT.
 *
 * And makes the counts trigger's segment lookup (apply_translation_state_changes, 1764000000017)
 * an index probe on (version_id, key) for each changed row: as a join, a table without
 * statistics got a scan of every segment of the version filtered by key, on every save and
 * review (4,494 rows for one approval on a 2,248-segment article; EXPLAIN via auto_explain).
 * The function is otherwise unchanged.
 */
export class TranslationsStateIndex1764000000018 implements MigrationInterface {
  name = 'TranslationsStateIndex1764000000018';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX translations_locale_state_idx`);
    // OFFSET 0 keeps the lateral subquery from being flattened back into a join.
    await q.query(
      applyStateChanges(`CROSS JOIN LATERAL (
              SELECT s.change_risk FROM source_segments s
               WHERE s.version_id = v.id AND s.key = c.segment_key
              OFFSET 0
            ) s`),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      applyStateChanges(`JOIN source_segments s ON s.version_id = v.id AND s.key = c.segment_key`),
    );
    await q.query(
      `CREATE INDEX translations_locale_state_idx ON translations (article_id, locale, state)`,
    );
  }
}
