import { MigrationInterface, QueryRunner } from 'typeorm';
import { countWords } from '../src/segmentation/words';

/**
 * Word counts next to the segment counts (issue 16 point 2: progress "in segments and in
 * words", tasks with their remaining words).
 *
 * - source_segments.words: the segment's word count (src/segmentation/words.ts), written once
 *   with the segment; existing rows are counted here by the same function, in batches.
 * - The counts the database keeps (1764000000017-LocaleStateCounts) gain words the same way
 *   they keep segments: version_segment_totals.words; locale_state_counts.words_total and
 *   {fuzzy,translated,rejected,approved}_words, `untranslated_words` the rest;
 *   project_locale_counts the sums of those. The triggers' functions are redefined with the
 *   word columns and are otherwise what 1764000000017 and 1764000000018 made: a save or a
 *   review still looks up each changed row's segment with one index probe on (version_id,
 *   key), which now also reads `words` from the row it already visits.
 * - tasks.remaining_words next to `remaining`, written by routing from the same counts.
 */
export class SegmentWords1764000000020 implements MigrationInterface {
  name = 'SegmentWords1764000000020';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE source_segments ADD COLUMN words int`);
    await countExistingSegments(q);
    await q.query(
      `ALTER TABLE source_segments ALTER COLUMN words SET NOT NULL,
         ADD CONSTRAINT source_segments_words_check CHECK (words >= 0)`,
    );

    await q.query(`ALTER TABLE version_segment_totals ADD COLUMN words int NOT NULL DEFAULT 0`);
    await q.query(`
      ALTER TABLE locale_state_counts
        ADD COLUMN words_total int NOT NULL DEFAULT 0,
        ADD COLUMN fuzzy_words int NOT NULL DEFAULT 0,
        ADD COLUMN translated_words int NOT NULL DEFAULT 0,
        ADD COLUMN rejected_words int NOT NULL DEFAULT 0,
        ADD COLUMN approved_words int NOT NULL DEFAULT 0,
        ADD COLUMN untranslated_words int GENERATED ALWAYS AS
          (words_total - fuzzy_words - translated_words - rejected_words - approved_words) STORED`);
    await q.query(`
      ALTER TABLE project_locale_counts
        ADD COLUMN words_total bigint NOT NULL DEFAULT 0,
        ADD COLUMN untranslated_words bigint NOT NULL DEFAULT 0,
        ADD COLUMN fuzzy_words bigint NOT NULL DEFAULT 0,
        ADD COLUMN translated_words bigint NOT NULL DEFAULT 0,
        ADD COLUMN rejected_words bigint NOT NULL DEFAULT 0,
        ADD COLUMN approved_words bigint NOT NULL DEFAULT 0`);
    await q.query(
      `ALTER TABLE tasks ADD COLUMN remaining_words int NOT NULL DEFAULT 0
         CHECK (remaining_words >= 0)`,
    );

    for (const sql of countFunctions(true)) await q.query(sql);

    // Backfill: version totals, then every article's counts afresh (the project sums follow
    // through the rollup triggers), then the open tasks from those counts.
    await q.query(`
      UPDATE version_segment_totals vt SET words = s.words
        FROM (SELECT version_id, sum(words)::int AS words FROM source_segments GROUP BY version_id) s
       WHERE s.version_id = vt.version_id`);
    await q.query(`SELECT recount_locale_states(id) FROM articles ORDER BY id`);
    await q.query(`
      UPDATE tasks t SET remaining_words = CASE t.type
               WHEN 'translate' THEN c.untranslated_words + c.fuzzy_words + c.rejected_words
               ELSE c.translated_words END
        FROM locale_state_counts c
       WHERE t.status = 'open' AND c.article_id = t.article_id AND c.locale = t.locale`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const sql of countFunctions(false)) await q.query(sql);
    await q.query(`ALTER TABLE tasks DROP COLUMN remaining_words`);
    await q.query(`
      ALTER TABLE project_locale_counts
        DROP COLUMN words_total, DROP COLUMN untranslated_words, DROP COLUMN fuzzy_words,
        DROP COLUMN translated_words, DROP COLUMN rejected_words, DROP COLUMN approved_words`);
    await q.query(`
      ALTER TABLE locale_state_counts
        DROP COLUMN untranslated_words, DROP COLUMN words_total, DROP COLUMN fuzzy_words,
        DROP COLUMN translated_words, DROP COLUMN rejected_words, DROP COLUMN approved_words`);
    await q.query(`ALTER TABLE version_segment_totals DROP COLUMN words`);
    await q.query(`ALTER TABLE source_segments DROP COLUMN words`);
  }
}

const BATCH = 5000;

/**
 * Counts the words of every existing segment with the function the application uses, a batch
 * at a time in (version_id, position) order, each in the source locale of its project.
 * source_segments is append-only (a trigger refuses updates): the trigger is off for this.
 */
async function countExistingSegments(q: QueryRunner): Promise<void> {
  await q.query(`ALTER TABLE source_segments DISABLE TRIGGER source_segments_append_only`);
  let after: [string, number] | null = null;
  for (;;) {
    const rows: Array<{ versionId: string; position: number; text: string; locale: string }> =
      await q.query(
        `SELECT s.version_id AS "versionId", s.position, s.text, p.source_locale AS locale
           FROM source_segments s
           JOIN source_versions v ON v.id = s.version_id
           JOIN articles a ON a.id = v.article_id
           JOIN projects p ON p.id = a.project_id
          WHERE $1::uuid IS NULL OR (s.version_id, s.position) > ($1::uuid, $2::int)
          ORDER BY s.version_id, s.position
          LIMIT ${BATCH}`,
        [after?.[0] ?? null, after?.[1] ?? 0],
      );
    if (rows.length === 0) break;
    await q.query(
      `UPDATE source_segments s SET words = w.words
         FROM unnest($1::uuid[], $2::int[], $3::int[]) AS w(version_id, position, words)
        WHERE s.version_id = w.version_id AND s.position = w.position`,
      [
        rows.map((r) => r.versionId),
        rows.map((r) => r.position),
        rows.map((r) => countWords(r.text, r.locale)),
      ],
    );
    const last = rows[rows.length - 1];
    after = [last.versionId, last.position];
  }
  await q.query(`ALTER TABLE source_segments ENABLE TRIGGER source_segments_append_only`);
}

/**
 * The functions of the counts triggers, with word columns (`words`) or as 1764000000017 and
 * 1764000000018 left them (for down()). Only the fragments marked `w(...)` differ.
 */
function countFunctions(words: boolean): string[] {
  const w = (sql: string): string => (words ? sql : '');

  const applyStateChanges = `
      CREATE OR REPLACE FUNCTION apply_translation_state_changes(changes translation_state_change[])
      RETURNS void LANGUAGE plpgsql AS $$
      BEGIN
        WITH current_rows AS MATERIALIZED (
          SELECT c.article_id, c.locale, c.state, c.translated_by, c.sign, s.change_risk,${w(' s.words,')}
                 v.id AS version_id, a.project_id, a.current_version
            FROM unnest(changes) c
            JOIN articles a ON a.id = c.article_id
            JOIN source_versions v ON v.article_id = a.id AND v.version = a.current_version
            CROSS JOIN LATERAL (
              SELECT s.change_risk${w(', s.words')} FROM source_segments s
               WHERE s.version_id = v.id AND s.key = c.segment_key
              OFFSET 0
            ) s
        ),
        deltas AS (
          SELECT article_id, locale, version_id, project_id, current_version,
                 COALESCE(sum(sign) FILTER (WHERE state = 'fuzzy'), 0)::int AS fuzzy,
                 COALESCE(sum(sign) FILTER (WHERE state = 'translated'), 0)::int AS translated,
                 COALESCE(sum(sign) FILTER (WHERE state = 'rejected'), 0)::int AS rejected,
                 COALESCE(sum(sign) FILTER (WHERE state = 'approved'), 0)::int AS approved,
                 COALESCE(sum(sign) FILTER (WHERE state = 'approved' AND change_risk = 'minor'), 0)::int AS am,
                 COALESCE(sum(sign) FILTER (WHERE state = 'approved' AND change_risk = 'wording'), 0)::int AS aw,
                 COALESCE(sum(sign) FILTER (WHERE state = 'approved' AND change_risk = 'clinical'), 0)::int AS ac${w(`,
                 COALESCE(sum(sign * words) FILTER (WHERE state = 'fuzzy'), 0)::int AS fuzzy_words,
                 COALESCE(sum(sign * words) FILTER (WHERE state = 'translated'), 0)::int AS translated_words,
                 COALESCE(sum(sign * words) FILTER (WHERE state = 'rejected'), 0)::int AS rejected_words,
                 COALESCE(sum(sign * words) FILTER (WHERE state = 'approved'), 0)::int AS approved_words`)}
            FROM current_rows
           GROUP BY article_id, locale, version_id, project_id, current_version
        ),
        counted AS (
          INSERT INTO locale_state_counts AS lsc
            (article_id, locale, project_id, current_version, published_version, total, fuzzy,
             translated, rejected, approved, minor_total, wording_total, clinical_total,
             approved_minor, approved_wording, approved_clinical${w(`,
             words_total, fuzzy_words, translated_words, rejected_words, approved_words`)})
          SELECT d.article_id, d.locale, d.project_id, d.current_version,
                 (SELECT max(p.source_version) FROM publications p
                   WHERE p.article_id = d.article_id AND p.locale = d.locale),
                 COALESCE(t.total, 0), d.fuzzy, d.translated, d.rejected,
                 d.approved, COALESCE(t.minor, 0), COALESCE(t.wording, 0), COALESCE(t.clinical, 0),
                 d.am, d.aw, d.ac${w(`,
                 COALESCE(t.words, 0), d.fuzzy_words, d.translated_words, d.rejected_words,
                 d.approved_words`)}
            FROM deltas d LEFT JOIN version_segment_totals t ON t.version_id = d.version_id
           WHERE (d.fuzzy, d.translated, d.rejected, d.approved, d.am, d.aw, d.ac${w(`,
                  d.fuzzy_words, d.translated_words, d.rejected_words, d.approved_words`)})
                 <> (0, 0, 0, 0, 0, 0, 0${w(', 0, 0, 0, 0')})
           ORDER BY d.article_id, d.locale
          ON CONFLICT (article_id, locale) DO UPDATE SET
            fuzzy = lsc.fuzzy + EXCLUDED.fuzzy,
            translated = lsc.translated + EXCLUDED.translated,
            rejected = lsc.rejected + EXCLUDED.rejected,
            approved = lsc.approved + EXCLUDED.approved,
            approved_minor = lsc.approved_minor + EXCLUDED.approved_minor,
            approved_wording = lsc.approved_wording + EXCLUDED.approved_wording,
            approved_clinical = lsc.approved_clinical + EXCLUDED.approved_clinical${w(`,
            fuzzy_words = lsc.fuzzy_words + EXCLUDED.fuzzy_words,
            translated_words = lsc.translated_words + EXCLUDED.translated_words,
            rejected_words = lsc.rejected_words + EXCLUDED.rejected_words,
            approved_words = lsc.approved_words + EXCLUDED.approved_words`)}
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

  const recount = `
      CREATE OR REPLACE FUNCTION recount_locale_states(one_article uuid) RETURNS void LANGUAGE plpgsql AS $$
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
           approved_minor, approved_wording, approved_clinical${w(`,
           words_total, fuzzy_words, translated_words, rejected_words, approved_words`)})
        SELECT one_article, l.locale, project, current_number,
               (SELECT max(p.source_version) FROM publications p
                 WHERE p.article_id = one_article AND p.locale = l.locale),
               COALESCE(vt.total, 0), COALESCE(x.fuzzy, 0), COALESCE(x.translated, 0),
               COALESCE(x.rejected, 0), COALESCE(x.approved, 0),
               COALESCE(vt.minor, 0), COALESCE(vt.wording, 0), COALESCE(vt.clinical, 0),
               COALESCE(x.am, 0), COALESCE(x.aw, 0), COALESCE(x.ac, 0)${w(`,
               COALESCE(vt.words, 0), COALESCE(x.fuzzy_words, 0), COALESCE(x.translated_words, 0),
               COALESCE(x.rejected_words, 0), COALESCE(x.approved_words, 0)`)}
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
                   count(*) FILTER (WHERE t.state = 'approved' AND s.change_risk = 'clinical')::int AS ac${w(`,
                   sum(s.words) FILTER (WHERE t.state = 'fuzzy')::int AS fuzzy_words,
                   sum(s.words) FILTER (WHERE t.state = 'translated')::int AS translated_words,
                   sum(s.words) FILTER (WHERE t.state = 'rejected')::int AS rejected_words,
                   sum(s.words) FILTER (WHERE t.state = 'approved')::int AS approved_words`)}
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
      END $$`;

  const segmentTotals = `
      CREATE OR REPLACE FUNCTION source_segments_totals() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        changed_article uuid;
      BEGIN
        INSERT INTO version_segment_totals AS vt (version_id, total, minor, wording, clinical${w(', words')})
        SELECT version_id, count(*),
               count(*) FILTER (WHERE change_risk = 'minor'),
               count(*) FILTER (WHERE change_risk = 'wording'),
               count(*) FILTER (WHERE change_risk = 'clinical')${w(`,
               sum(words)`)}
          FROM new_rows GROUP BY version_id ORDER BY version_id
        ON CONFLICT (version_id) DO UPDATE SET
          total = vt.total + EXCLUDED.total, minor = vt.minor + EXCLUDED.minor,
          wording = vt.wording + EXCLUDED.wording, clinical = vt.clinical + EXCLUDED.clinical${w(`,
          words = vt.words + EXCLUDED.words`)};
        FOR changed_article IN
          SELECT DISTINCT a.id FROM (SELECT DISTINCT version_id FROM new_rows) n
            JOIN source_versions v ON v.id = n.version_id
            JOIN articles a ON a.id = v.article_id AND a.current_version = v.version
           ORDER BY a.id
        LOOP
          PERFORM recount_locale_states(changed_article);
        END LOOP;
        RETURN NULL;
      END $$`;

  const projectLocales = `
      CREATE OR REPLACE FUNCTION project_locales_counts() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO locale_state_counts
          (article_id, locale, project_id, current_version, published_version, total,
           minor_total, wording_total, clinical_total${w(', words_total')})
        SELECT a.id, n.locale, a.project_id, a.current_version,
               (SELECT max(p.source_version) FROM publications p
                 WHERE p.article_id = a.id AND p.locale = n.locale),
               COALESCE(vt.total, 0), COALESCE(vt.minor, 0), COALESCE(vt.wording, 0),
               COALESCE(vt.clinical, 0)${w(', COALESCE(vt.words, 0)')}
          FROM new_rows n
          JOIN articles a ON a.project_id = n.project_id
          JOIN source_versions v ON v.article_id = a.id AND v.version = a.current_version
          LEFT JOIN version_segment_totals vt ON vt.version_id = v.id
         ORDER BY a.id, n.locale
        ON CONFLICT (article_id, locale) DO NOTHING;
        RETURN NULL;
      END $$`;

  // The project sums, one function per trigger event (transition tables differ per event).
  const counted = [
    'total',
    'untranslated',
    'fuzzy',
    'translated',
    'rejected',
    'approved',
    'minor',
    'wording',
    'clinical',
    'stale',
    ...(words
      ? [
          'words_total',
          'untranslated_words',
          'fuzzy_words',
          'translated_words',
          'rejected_words',
          'approved_words',
        ]
      : []),
  ];
  const rows = (table: string, sign: number) => `
      SELECT project_id, locale, hashtext(article_id::text) & 15 AS slot, ${sign} AS sign,
             ${counted.join(', ')}
        FROM ${table}`;
  const events = {
    insert: rows('new_rows', 1),
    update: `${rows('new_rows', 1)} UNION ALL ${rows('old_rows', -1)}`,
    delete: rows('old_rows', -1),
  };
  const rollups = Object.entries(events).map(
    ([event, changes]) => `
        CREATE OR REPLACE FUNCTION locale_state_counts_rollup_${event}() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          WITH changes AS (${changes}),
          sums AS (
            SELECT project_id, locale, slot,
                   ${counted.map((c) => `sum(sign * ${c}) AS ${c}`).join(', ')}
              FROM changes GROUP BY project_id, locale, slot
          )
          INSERT INTO project_locale_counts AS pc (project_id, locale, slot, ${counted.join(', ')})
          SELECT project_id, locale, slot, ${counted.join(', ')} FROM sums
           WHERE (${counted.join(', ')}) <> (${counted.map(() => '0').join(', ')})
           ORDER BY project_id, locale, slot
          ON CONFLICT (project_id, locale, slot) DO UPDATE SET
            ${counted.map((c) => `${c} = pc.${c} + EXCLUDED.${c}`).join(',\n            ')};
          RETURN NULL;
        END $$`,
  );

  return [applyStateChanges, recount, segmentTotals, projectLocales, ...rollups];
}
