/**
 * The segment save as one SQL statement (see TranslationsService.save). Kept apart because its
 * correctness rests on the locking argument below, which test/segments-race.e2e-spec.ts pins.
 */

export interface SaveRow {
  currentVersion: number;
  valid: boolean;
  revision: number | null;
  updatedAt: Date | null;
}

/**
 * A whole save as one statement: atomic on its own, so it runs without BEGIN/COMMIT. Params:
 * $1 article id, $2 locale, $3 segment key, $4 base revision, $5 target, $6 state, $7 the
 * version the caller resolved the key (and its English, $8) in, $9 checks, $10 author,
 * $11 requireReview and $12 source locale the caller assumed, $13 event payload.
 *
 * `art` takes FOR SHARE on the article row. A source update holds FOR UPDATE on that row for
 * its whole transaction (new version, current_version, carrying translations), so:
 * - either this statement locks first: the update waits until this save has committed and then
 *   carries the saved text;
 * - or it waits for the update to commit. READ COMMITTED then re-checks the locked row only
 *   (EvalPlanQual): `art` returns the *new* current_version, while every other table is still
 *   read in the statement's original snapshot, in which the new version's segments do not
 *   exist. So nothing here looks segments up: the caller says which version it found the key
 *   in ($7) and `ok` demands that this is still the current version. When it is not, `ok` is
 *   empty, nothing is written (no revision, no event), `valid` is false and the caller retries
 *   from a fresh read (a key kept by the new version then saves; one that left it is 409).
 * `ok` also re-verifies the project facts the caller may have taken from a hint.
 * The write itself is revision-checked (UPDATE … AND revision = $4, or INSERT … ON CONFLICT
 * DO NOTHING for revision 0): no row in `written` with `valid` true is a revision conflict.
 * The revision log and the outbox event are inserted only for a written row.
 */
const saveStatement = (write: string): string => `
  WITH art AS MATERIALIZED (
    SELECT a.id, a.project_id, a.current_version FROM articles a WHERE a.id = $1::uuid FOR SHARE
  ),
  ok AS MATERIALIZED (
    SELECT art.id FROM art
     WHERE art.current_version = $7::int
       AND EXISTS (SELECT 1 FROM projects p JOIN project_locales l ON l.project_id = p.id
                    WHERE p.id = art.project_id AND p.require_review = $11::boolean
                      AND p.source_locale = $12::text AND l.locale = $2::text AND l.active)
  ),
  written AS (${write}),
  logged AS (
    INSERT INTO translation_revisions
      (article_id, locale, segment_key, revision, target, state, origin, source_version,
       source_text, author_id, action, checks)
    SELECT article_id, locale, segment_key, revision, target, state, origin, source_version,
           source_text, $10::uuid, 'save', checks FROM written
  ),
  emitted AS (
    INSERT INTO outbox (type, payload)
    SELECT 'segment.translated', $13::jsonb || jsonb_build_object('revision', w.revision)
      FROM written w
  )
  SELECT art.current_version AS "currentVersion", EXISTS (SELECT 1 FROM ok) AS valid,
         w.revision, w.updated_at AS "updatedAt"
    FROM art LEFT JOIN written w ON true`;

export const SAVE_INSERT = saveStatement(`
    INSERT INTO translations
      (article_id, locale, segment_key, target, state, revision, origin, source_version,
       source_text, checks, updated_by, translated_by, reviewed_by)
    SELECT ok.id, $2::text, $3::text, $5::text, $6::text, 1, 'human', $7::int, $8::text,
           $9::jsonb, $10::uuid, $10::uuid, CASE WHEN $6::text = 'approved' THEN $10::uuid END
      FROM ok WHERE $4::int = 0
    ON CONFLICT (article_id, locale, segment_key) DO NOTHING
    RETURNING *`);

export const SAVE_UPDATE = saveStatement(`
    UPDATE translations t
       SET target = $5::text, state = $6::text, revision = t.revision + 1, origin = 'human',
           source_version = $7::int, source_text = $8::text, previous_source = NULL,
           checks = $9::jsonb, updated_by = $10::uuid, translated_by = $10::uuid,
           reviewed_by = CASE WHEN $6::text = 'approved' THEN $10::uuid END, updated_at = now()
      FROM ok
     WHERE t.article_id = ok.id AND t.locale = $2::text AND t.segment_key = $3::text
       AND t.revision = $4::int
    RETURNING t.*`);
