import type { EntityManager } from 'typeorm';

/**
 * Reads of the per (article, locale) state counts that the database keeps over each article's
 * current version (migration 1764000000017-LocaleStateCounts): one row per locale, whatever the
 * article's size. A locale with no counts row has every segment untranslated.
 */
export interface LocaleStateCounts {
  locale: string;
  currentVersion: number;
  total: number;
  untranslated: number;
  fuzzy: number;
  translated: number;
  rejected: number;
  approved: number;
  /** Changed segments of the current version, by risk, not approved yet. */
  minor: number;
  wording: number;
  clinical: number;
  /** The same states in words (source_segments.words summed). */
  totalWords: number;
  untranslatedWords: number;
  fuzzyWords: number;
  translatedWords: number;
  rejectedWords: number;
  approvedWords: number;
}

/**
 * SQL columns of one (article `a`, locale `l.locale`) pair, given `vt` (the current version's
 * version_segment_totals, LEFT JOINed) and `c` (locale_state_counts, LEFT JOINed).
 */
export const LOCALE_COUNT_COLUMNS = `
  COALESCE(c.total, vt.total, 0) AS total,
  COALESCE(c.untranslated, vt.total, 0) AS untranslated,
  COALESCE(c.fuzzy, 0) AS fuzzy,
  COALESCE(c.translated, 0) AS translated,
  COALESCE(c.rejected, 0) AS rejected,
  COALESCE(c.approved, 0) AS approved,
  COALESCE(c.minor, vt.minor, 0) AS minor,
  COALESCE(c.wording, vt.wording, 0) AS wording,
  COALESCE(c.clinical, vt.clinical, 0) AS clinical,
  COALESCE(c.words_total, vt.words, 0) AS "totalWords",
  COALESCE(c.untranslated_words, vt.words, 0) AS "untranslatedWords",
  COALESCE(c.fuzzy_words, 0) AS "fuzzyWords",
  COALESCE(c.translated_words, 0) AS "translatedWords",
  COALESCE(c.rejected_words, 0) AS "rejectedWords",
  COALESCE(c.approved_words, 0) AS "approvedWords"`;

/** Joins for LOCALE_COUNT_COLUMNS after `FROM articles a` and a join of `l(locale)`. */
export const LOCALE_COUNT_JOINS = `
  JOIN source_versions v ON v.article_id = a.id AND v.version = a.current_version
  LEFT JOIN version_segment_totals vt ON vt.version_id = v.id
  LEFT JOIN locale_state_counts c ON c.article_id = a.id AND c.locale = l.locale`;

/** Counts of `locales` of one article, in the order given (empty when the article is gone). */
export async function readLocaleCounts(
  manager: EntityManager,
  articleId: string,
  locales: readonly string[],
): Promise<LocaleStateCounts[]> {
  if (locales.length === 0) return [];
  return manager.query<LocaleStateCounts[]>(
    `SELECT l.locale, a.current_version AS "currentVersion", ${LOCALE_COUNT_COLUMNS}
       FROM articles a
      CROSS JOIN unnest($2::text[]) WITH ORDINALITY AS l(locale, n)
      ${LOCALE_COUNT_JOINS}
      WHERE a.id = $1
      ORDER BY l.n`,
    [articleId, [...locales]],
  );
}

/** Per locale, the people whose translations of the current version wait for review. */
export async function readTranslatedAuthors(
  manager: EntityManager,
  articleId: string,
  locales: readonly string[],
): Promise<Map<string, string[]>> {
  const rows = await manager.query<Array<{ locale: string; authors: string[] }>>(
    `SELECT locale, array_agg(author_id ORDER BY author_id) AS authors
       FROM locale_author_counts
      WHERE article_id = $1 AND locale = ANY($2::text[]) AND translated > 0
      GROUP BY locale`,
    [articleId, [...locales]],
  );
  return new Map(rows.map((r) => [r.locale, r.authors]));
}
