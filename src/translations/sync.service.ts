import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { SyncPlan } from './sync-plan';

export interface ApplySyncInput {
  articleId: string;
  /** The new version's number. */
  version: number;
  /** Target locales of the project. */
  locales: readonly string[];
  plan: SyncPlan;
  /** Carry translations over in their current state instead of as fuzzy drafts. */
  minorChange: boolean;
  actorId: string | null;
}

/**
 * Applies a sync plan to every target locale with a fixed number of set-based statements,
 * whatever the number of segments or locales. Called by ArticlesService inside the transaction
 * that writes the new SourceVersion (one EntityManager).
 *
 * - kept (same key): nothing to do; the row keyed by the sentence stays as it is.
 * - changed / split / merged: the best old non-empty target is inserted at the new key as a
 *   `fuzzy` draft (its state when `minorChange`), with `previous_source` = the English it was
 *   made against, origin `carried`, and a revision row (action `carried`).
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
    const newKeys = plan.carry.map((c) => c.newKey);
    const oldKeys = plan.carry.map((c) => c.oldKey);
    const priorities = plan.carry.map((c) => c.priority);
    const keepState = plan.carry.map((c) => c.sameText || input.minorChange);
    const textOf = new Map(plan.segments.map((s) => [s.key, s.text]));
    const newTexts = plan.carry.map((c) => textOf.get(c.newKey) ?? '');

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
      `WITH pairs AS (
         SELECT * FROM unnest($3::text[], $4::text[], $5::int[], $6::boolean[], $7::text[])
           AS p(new_key, old_key, priority, keep_state, new_text)
       ),
       best AS (
         SELECT DISTINCT ON (t.locale, p.new_key)
                t.locale, p.new_key, p.new_text, p.keep_state, t.target, t.state, t.source_text,
                t.checks, t.updated_by, t.translated_by, t.reviewed_by
           FROM pairs p
           JOIN translations t
             ON t.article_id = $1 AND t.segment_key = p.old_key AND t.locale = ANY($2::text[])
          WHERE t.target <> ''
          ORDER BY t.locale, p.new_key, p.priority
       ),
       inserted AS (
         INSERT INTO translations
           (article_id, locale, segment_key, target, state, revision, origin, source_version,
            source_text, previous_source, checks, updated_by, translated_by, reviewed_by)
         SELECT $1, b.locale, b.new_key, b.target,
                CASE WHEN b.keep_state THEN b.state ELSE 'fuzzy' END,
                1, 'carried', $8, b.new_text,
                CASE WHEN b.keep_state THEN NULL ELSE b.source_text END,
                CASE WHEN b.keep_state THEN b.checks ELSE '[]'::jsonb END,
                CASE WHEN b.keep_state THEN b.updated_by ELSE $9::uuid END,
                b.translated_by,
                CASE WHEN b.keep_state THEN b.reviewed_by END
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
                CASE WHEN i.previous_source IS NOT NULL
                     THEN 'Carried over from the previous English: ' || i.previous_source END,
                i.checks
           FROM inserted i
         RETURNING 1
       )
       SELECT count(*)::int AS n FROM logged`,
      [
        input.articleId,
        locales,
        newKeys,
        oldKeys,
        priorities,
        keepState,
        newTexts,
        input.version,
        input.actorId,
      ],
    );
    return rows[0]?.n ?? 0;
  }
}
