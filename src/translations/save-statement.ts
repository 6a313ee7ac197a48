/**
 * Segment saves as one SQL statement (see TranslationsService.save). Kept apart because its
 * correctness rests on the locking argument below, which test/segments-race.e2e-spec.ts pins.
 */

/** One save, as the caller resolved it. */
export interface SaveInput {
  articleId: string;
  locale: string;
  segmentKey: string;
  /** The revision the client read: 0 inserts the first translation. */
  baseRevision: number;
  target: string;
  state: string;
  /** The version the caller resolved the key in, and that version's English for the key. */
  sourceVersion: number;
  sourceText: string;
  checks: string;
  authorId: string;
  /** Project facts the caller may have taken from a hint; the statement re-verifies them. */
  requireReview: boolean;
  sourceLocale: string;
  /** The `segment.translated` event payload, without the revision. */
  event: string;
}

export interface SaveRow {
  /** The article's current version, or null when the article is gone. */
  currentVersion: number | null;
  valid: boolean;
  revision: number | null;
  updatedAt: Date | null;
}

/**
 * Any number of saves (distinct segments) as one statement: atomic on its own, so it runs
 * without BEGIN/COMMIT, and one round trip and one commit serve the whole batch. Params are
 * parallel arrays, one element per save (see `saveParams`); the result has one row per save,
 * in order.
 *
 * `art` takes FOR SHARE on the article rows. A source update holds FOR UPDATE on its article
 * row for its whole transaction (new version, current_version, carrying translations), so for
 * each article:
 * - either this statement locks first: the update waits until this save has committed and then
 *   carries the saved text;
 * - or it waits for the update to commit. READ COMMITTED then re-checks the locked row only
 *   (EvalPlanQual): `art` returns the *new* current_version, while every other table is still
 *   read in the statement's original snapshot, in which the new version's segments do not
 *   exist. So nothing here looks segments up: the caller says which version it found the key
 *   in and `ok` keeps a save only while that is still the current version. A save not in `ok`
 *   writes nothing (no revision, no event), its `valid` is false and the caller retries it from
 *   a fresh read (a key kept by the new version then saves; one that left it is 409).
 * Article rows are locked in id order, so two batches never wait on each other in a cycle.
 * `ok` also re-verifies the project facts the caller may have taken from a hint.
 * The write itself is revision-checked (UPDATE … AND revision = base, or INSERT … ON CONFLICT
 * DO NOTHING for base 0): a save that is `valid` but not in `written` is a revision conflict.
 * The revision log and the outbox event are inserted only for written rows.
 */
export const SAVE_STATEMENT = `
  WITH input AS MATERIALIZED (
    SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::int[], $5::text[], $6::text[],
                         $7::int[], $8::text[], $9::jsonb[], $10::uuid[], $11::boolean[],
                         $12::text[], $13::jsonb[])
      WITH ORDINALITY AS i(article_id, locale, segment_key, base, target, state, version,
                           source_text, checks, author, require_review, source_locale, event, n)
  ),
  art AS MATERIALIZED (
    SELECT a.id, a.project_id, a.current_version FROM articles a
     WHERE a.id IN (SELECT article_id FROM input) ORDER BY a.id FOR SHARE
  ),
  ok AS MATERIALIZED (
    SELECT i.* FROM input i JOIN art ON art.id = i.article_id
     WHERE art.current_version = i.version
       AND EXISTS (SELECT 1 FROM projects p JOIN project_locales l ON l.project_id = p.id
                    WHERE p.id = art.project_id AND p.require_review = i.require_review
                      AND p.source_locale = i.source_locale AND l.locale = i.locale AND l.active)
  ),
  updated AS (
    UPDATE translations t
       SET target = ok.target, state = ok.state, revision = t.revision + 1, origin = 'human',
           source_version = ok.version, source_text = ok.source_text, previous_source = NULL,
           checks = ok.checks, updated_by = ok.author, translated_by = ok.author,
           reviewed_by = CASE WHEN ok.state = 'approved' THEN ok.author END, updated_at = now()
      FROM ok
     WHERE ok.base > 0 AND t.article_id = ok.article_id AND t.locale = ok.locale
       AND t.segment_key = ok.segment_key AND t.revision = ok.base
    RETURNING ok.n, t.article_id, t.locale, t.segment_key, t.revision, t.target, t.state,
              t.origin, t.source_version, t.source_text, t.checks, t.updated_at, ok.author,
              ok.event
  ),
  inserted AS (
    INSERT INTO translations
      (article_id, locale, segment_key, target, state, revision, origin, source_version,
       source_text, checks, updated_by, translated_by, reviewed_by)
    SELECT ok.article_id, ok.locale, ok.segment_key, ok.target, ok.state, 1, 'human', ok.version,
           ok.source_text, ok.checks, ok.author, ok.author,
           CASE WHEN ok.state = 'approved' THEN ok.author END
      FROM ok WHERE ok.base = 0
    ON CONFLICT (article_id, locale, segment_key) DO NOTHING
    RETURNING article_id, locale, segment_key, revision, target, state, origin, source_version,
              source_text, checks, updated_at
  ),
  written AS (
    SELECT * FROM updated
    UNION ALL
    SELECT ok.n, ins.*, ok.author, ok.event
      FROM inserted ins
      JOIN ok ON ok.article_id = ins.article_id AND ok.locale = ins.locale
             AND ok.segment_key = ins.segment_key
  ),
  logged AS (
    INSERT INTO translation_revisions
      (article_id, locale, segment_key, revision, target, state, origin, source_version,
       source_text, author_id, action, checks)
    SELECT article_id, locale, segment_key, revision, target, state, origin, source_version,
           source_text, author, 'save', checks FROM written ORDER BY n
  ),
  emitted AS (
    INSERT INTO outbox (type, payload)
    SELECT 'segment.translated', w.event || jsonb_build_object('revision', w.revision)
      FROM written w ORDER BY w.n
  )
  SELECT art.current_version AS "currentVersion", ok.n IS NOT NULL AS valid,
         w.revision, w.updated_at AS "updatedAt"
    FROM input i
    LEFT JOIN art ON art.id = i.article_id
    LEFT JOIN ok ON ok.n = i.n
    LEFT JOIN written w ON w.n = i.n
   ORDER BY i.n`;

/** SAVE_STATEMENT's parameters for a batch of saves with distinct segments. */
export function saveParams(saves: readonly SaveInput[]): unknown[][] {
  const column = <K extends keyof SaveInput>(key: K): Array<SaveInput[K]> =>
    saves.map((s) => s[key]);
  return [
    column('articleId'),
    column('locale'),
    column('segmentKey'),
    column('baseRevision'),
    column('target'),
    column('state'),
    column('sourceVersion'),
    column('sourceText'),
    column('checks'),
    column('authorId'),
    column('requireReview'),
    column('sourceLocale'),
    column('event'),
  ];
}

/** Saves of one batch must name distinct segments. */
export const saveKey = (s: SaveInput): string => `${s.articleId}|${s.locale}|${s.segmentKey}`;
