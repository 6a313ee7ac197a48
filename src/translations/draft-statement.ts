/**
 * Pre-filled drafts (src/pretranslation) as one SQL statement: any number of segments of one
 * (article, locale) get a target only while they are still untranslated, each with its revision
 * row. Kept beside SAVE_STATEMENT because it rests on the same locking argument.
 *
 * The caller holds the article row FOR SHARE (as saves do) and has checked that the version
 * the drafts were made for is still the current one, so no source update can run in between.
 * Against saves, the write itself decides: a row that exists is updated only while its state
 * is `untranslated` (READ COMMITTED re-checks the condition on the latest row version after
 * waiting for a concurrent writer), and a missing row is inserted with ON CONFLICT DO NOTHING
 * (which waits for a concurrent insert of the same key and then does nothing). So a segment a
 * person saved meanwhile keeps their text, and gets no pre-translation revision.
 *
 * `translated_by` stays empty: the memory or the machine wrote the text, not the person who
 * asked for it, so whoever reviews it next is not its author (workflow.ts NON_WRITING_ACTIONS).
 */
export const DRAFT_STATEMENT = `
  WITH input AS MATERIALIZED (
    SELECT * FROM unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
                         $8::jsonb[], $9::text[])
      AS d(key, target, state, origin, source_text, checks, comment)
  ),
  updated AS (
    UPDATE translations t
       SET target = d.target, state = d.state, revision = t.revision + 1, origin = d.origin,
           source_version = $10, source_text = d.source_text, previous_source = NULL,
           checks = d.checks, updated_by = $11, translated_by = NULL, reviewed_by = NULL,
           updated_at = now()
      FROM input d
     WHERE t.article_id = $1 AND t.locale = $2 AND t.segment_key = d.key
       AND t.state = 'untranslated'
    RETURNING t.segment_key, t.revision, t.target, t.state, t.origin, t.source_text, t.checks,
              d.comment
  ),
  inserted AS (
    INSERT INTO translations
      (article_id, locale, segment_key, target, state, revision, origin, source_version,
       source_text, checks, updated_by)
    SELECT $1, $2, d.key, d.target, d.state, 1, d.origin, $10, d.source_text, d.checks, $11
      FROM input d
     WHERE NOT EXISTS (SELECT 1 FROM translations t
                        WHERE t.article_id = $1 AND t.locale = $2 AND t.segment_key = d.key)
    ON CONFLICT (article_id, locale, segment_key) DO NOTHING
    RETURNING segment_key, revision, target, state, origin, source_text, checks
  ),
  written AS (
    SELECT * FROM updated
    UNION ALL
    SELECT i.*, d.comment FROM inserted i JOIN input d ON d.key = i.segment_key
  ),
  logged AS (
    INSERT INTO translation_revisions
      (article_id, locale, segment_key, revision, target, state, origin, source_version,
       source_text, author_id, action, comment, checks)
    SELECT $1, $2, segment_key, revision, target, state, origin, $10, source_text, $11,
           'pretranslate', comment, checks
      FROM written ORDER BY segment_key
  )
  SELECT segment_key AS key, revision, state FROM written ORDER BY segment_key`;

/** One pre-filled draft. */
export interface Draft {
  key: string;
  target: string;
  /** `fuzzy`, or `translated` for a context match where the project allows it. */
  state: 'fuzzy' | 'translated';
  origin: 'tm' | 'mt';
  /** The English the draft was made for (the segment's, in the current version). */
  sourceText: string;
  checks: string;
  /** Where the text came from, for the history (e.g. the match score). */
  comment: string;
}

export interface DraftBatch {
  articleId: string;
  locale: string;
  /** The current version's number, which the caller verified under the article lock. */
  version: number;
  /** Who asked; null for the automatic pre-fill of a new source version. */
  authorId: string | null;
  drafts: readonly Draft[];
}

export function draftParams(batch: DraftBatch): unknown[] {
  const column = <K extends keyof Draft>(key: K): Array<Draft[K]> =>
    batch.drafts.map((d) => d[key]);
  return [
    batch.articleId,
    batch.locale,
    column('key'),
    column('target'),
    column('state'),
    column('origin'),
    column('sourceText'),
    column('checks'),
    column('comment'),
    batch.version,
    batch.authorId,
  ];
}
