import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { SyncPlan } from './sync-plan';

/**
 * The carry decision, shared by `apply` and `preview` so that a preview is what the update
 * does: `pairs` (the plan's carries) and `best`, per (locale, new key), the old row whose target
 * is carried: the first candidate by priority that has a non-empty target. Parameters $1
 * (article), $2 (locales) and $3..$7 (carryParams).
 */
const CARRY_CTES = `
  pairs AS (
    SELECT * FROM unnest($3::text[], $4::text[], $5::int[], $6::boolean[], $7::text[])
      AS p(new_key, old_key, priority, keep_state, new_text)
  ),
  best AS (
    SELECT DISTINCT ON (t.locale, p.new_key)
           t.locale, p.new_key, p.new_text, p.keep_state, t.segment_key AS old_key,
           t.revision AS old_revision, t.target, t.state, t.source_text, t.checks,
           t.updated_by, t.translated_by, t.reviewed_by
      FROM pairs p
      JOIN translations t
        ON t.article_id = $1 AND t.segment_key = p.old_key AND t.locale = ANY($2::text[])
     WHERE t.target <> ''
     ORDER BY t.locale, p.new_key, p.priority
  )`;

/** The part of a plan the carry decision reads. */
type CarryPlan = {
  carry: SyncPlan['carry'];
  segments: ReadonlyArray<{ key: string; text: string; relation: string }>;
};

function carryParams(articleId: string, locales: readonly string[], plan: CarryPlan): unknown[] {
  const textOf = new Map(plan.segments.map((s) => [s.key, s.text]));
  return [
    articleId,
    [...locales],
    plan.carry.map((c) => c.newKey),
    plan.carry.map((c) => c.oldKey),
    plan.carry.map((c) => c.priority),
    plan.carry.map((c) => c.keepState),
    plan.carry.map((c) => textOf.get(c.newKey) ?? ''),
  ];
}

/** What applying a plan would leave in one locale (SyncService.preview). */
export interface LocaleSyncPreview {
  locale: string;
  /** Segments of the new version approved after the update (kept, or carried in their state). */
  keptApproved: number;
  /** Segments that become fuzzy drafts: a translation carried to changed English. */
  becomeFuzzy: number;
  /** Segments new to this version (added, or changed with nothing to carry) left untranslated. */
  untranslatedAdded: number;
  /** Every segment of the new version by the state it will have. */
  after: {
    approved: number;
    translated: number;
    fuzzy: number;
    rejected: number;
    untranslated: number;
  };
}

export interface ApplySyncInput {
  articleId: string;
  /** The new version's number. */
  version: number;
  /** Target locales of the project. */
  locales: readonly string[];
  /** Which translations to carry, and which of them keep their state (`carry[].keepState`). */
  plan: SyncPlan;
  actorId: string | null;
}

/**
 * Applies a sync plan to every target locale with a fixed number of set-based statements,
 * whatever the number of segments or locales. Called by ArticlesService inside the transaction
 * that writes the new SourceVersion (one EntityManager).
 *
 * - kept (same key): nothing to do; the row keyed by the sentence stays as it is.
 * - changed / split / merged: the best old non-empty target is inserted at the new key as a
 *   `fuzzy` draft (in its state when the plan says `keepState`), origin `carried`, with a
 *   revision row (action `carried`). Its `source_text` stays the English the target was
 *   written against (the carried row's, however many versions ago), never the new English,
 *   so a translator is shown the whole change since then; `predecessor_key` and
 *   `predecessor_revision` link it to the row and revision it came from (its history).
 * - a row that already exists at the new key (the sentence existed in an earlier version) is
 *   left as it was: it was made against exactly this text, so it is "offered again".
 * - added: no row (a missing row means `untranslated`).
 * - removed: nothing is deleted; the row is simply not listed by the new version.
 */
@Injectable()
export class SyncService {
  async apply(manager: EntityManager, input: ApplySyncInput): Promise<number> {
    const { plan, locales } = input;
    if (plan.carry.length === 0 || locales.length === 0) return 0;
    const oldKeys = plan.carry.map((c) => c.oldKey);

    // Wait for in-flight writes of the rows we carry from, so the draft is their latest text.
    // (Saves also share-lock the article row that our caller holds FOR UPDATE, so a save has
    // either committed before us or re-checks the current version after us: SOURCE_CHANGED.)
    await manager.query(
      `SELECT 1 FROM translations
        WHERE article_id = $1 AND locale = ANY($2::text[]) AND segment_key = ANY($3::text[])
        FOR SHARE`,
      [input.articleId, locales, [...new Set(oldKeys)]],
    );
    const rows = await manager.query<Array<{ n: number }>>(
      `WITH ${CARRY_CTES},
       inserted AS (
         INSERT INTO translations
           (article_id, locale, segment_key, target, state, revision, origin, source_version,
            source_text, previous_source, checks, updated_by, translated_by, reviewed_by,
            predecessor_key, predecessor_revision)
         SELECT $1, b.locale, b.new_key, b.target,
                CASE WHEN b.keep_state THEN b.state ELSE 'fuzzy' END,
                1, 'carried', $8, b.source_text,
                NULLIF(b.source_text, b.new_text),
                CASE WHEN b.keep_state THEN b.checks ELSE '[]'::jsonb END,
                CASE WHEN b.keep_state THEN b.updated_by ELSE $9::uuid END,
                b.translated_by,
                CASE WHEN b.keep_state THEN b.reviewed_by END,
                b.old_key, b.old_revision
           FROM best b
         ON CONFLICT (article_id, locale, segment_key) DO NOTHING
         RETURNING *
       ),
       logged AS (
         INSERT INTO translation_revisions
           (article_id, locale, segment_key, revision, target, state, origin, source_version,
            source_text, author_id, action, comment, checks)
         SELECT i.article_id, i.locale, i.segment_key, i.revision, i.target, i.state, i.origin,
                i.source_version, i.source_text, $9::uuid, 'carried',
                CASE WHEN i.state = 'fuzzy'
                     THEN 'Carried over as a draft for the changed English: '
                     ELSE 'Carried over in its state to the English: ' END || p.new_text,
                i.checks
           FROM inserted i JOIN (SELECT DISTINCT new_key, new_text FROM pairs) p
             ON p.new_key = i.segment_key
         RETURNING 1
       )
       SELECT count(*)::int AS n FROM logged`,
      [...carryParams(input.articleId, locales, plan), input.version, input.actorId],
    );
    return rows[0]?.n ?? 0;
  }

  /**
   * What `apply` would leave in each locale, read and not written: the same carry decision
   * (CARRY_CTES), then, per new segment, the state it ends in: an existing row at its key stays
   * as it is (apply inserts nothing over it), else a carried target (in its state or fuzzy),
   * else untranslated. `plan.segments` are the new version's segments.
   */
  async preview(
    manager: EntityManager,
    input: {
      articleId: string;
      locales: readonly string[];
      plan: CarryPlan;
    },
  ): Promise<LocaleSyncPreview[]> {
    const { plan, locales } = input;
    if (locales.length === 0) return [];
    const rows = await manager.query<
      Array<Omit<LocaleSyncPreview, 'after'> & LocaleSyncPreview['after']>
    >(
      `WITH ${CARRY_CTES},
       segs AS (SELECT * FROM unnest($8::text[], $9::text[]) AS s(key, relation)),
       final AS (
         SELECT l.locale, l.n, s.relation,
                CASE WHEN t.segment_key IS NOT NULL THEN COALESCE(t.state, 'untranslated')
                     WHEN b.new_key IS NOT NULL
                       THEN CASE WHEN b.keep_state THEN b.state ELSE 'fuzzy' END
                     ELSE 'untranslated' END AS state,
                t.segment_key IS NULL AND b.new_key IS NOT NULL AND NOT b.keep_state AS carried
           FROM unnest($2::text[]) WITH ORDINALITY AS l(locale, n)
           CROSS JOIN segs s
           LEFT JOIN translations t
             ON t.article_id = $1 AND t.locale = l.locale AND t.segment_key = s.key
           LEFT JOIN best b ON b.locale = l.locale AND b.new_key = s.key
       )
       SELECT locale,
              count(*) FILTER (WHERE state = 'approved')::int AS "keptApproved",
              count(*) FILTER (WHERE carried)::int AS "becomeFuzzy",
              count(*) FILTER (WHERE state = 'untranslated' AND relation <> 'kept')::int
                AS "untranslatedAdded",
              count(*) FILTER (WHERE state = 'approved')::int AS approved,
              count(*) FILTER (WHERE state = 'translated')::int AS translated,
              count(*) FILTER (WHERE state = 'fuzzy')::int AS fuzzy,
              count(*) FILTER (WHERE state = 'rejected')::int AS rejected,
              count(*) FILTER (WHERE state = 'untranslated')::int AS untranslated
         FROM final GROUP BY locale, n ORDER BY n`,
      [
        ...carryParams(input.articleId, locales, plan),
        plan.segments.map((segment) => segment.key),
        plan.segments.map((segment) => segment.relation),
      ],
    );
    const byLocale = new Map(rows.map((row) => [row.locale, row]));
    return locales.map((locale) => {
      const row = byLocale.get(locale);
      const n = (value: number | undefined) => value ?? 0;
      return {
        locale,
        keptApproved: n(row?.keptApproved),
        becomeFuzzy: n(row?.becomeFuzzy),
        untranslatedAdded: n(row?.untranslatedAdded),
        after: {
          approved: n(row?.approved),
          translated: n(row?.translated),
          fuzzy: n(row?.fuzzy),
          rejected: n(row?.rejected),
          untranslated: n(row?.untranslated),
        },
      };
    });
  }
}
