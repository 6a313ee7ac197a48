import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../auth/permissions';
import { decodeCursor, encodeCursor, Page } from '../common/pagination';
import { DomainError } from '../common/domain-error';
import { canonicalOrFail } from '../projects/projects.service';
import {
  diffWords,
  grams,
  matchScore,
  MatchInput,
  minimumScore,
  normalizeSource,
  sourceHash,
  tokenize,
} from './matching';
import type { TmMatchDto, TmSearchQuery, TmSuggestionDto } from './memory.dto';

/** What an approval hands to the memory: the segments of one article and locale just approved. */
export interface ApprovedSegments {
  projectId: string;
  sourceLocale: string;
  targetLocale: string;
  articleId: string;
  /** The source version the approvals were made against (the article's current one). */
  versionId: string;
  keys: string[];
  approverId: string;
}

/** One (source, target) pair read from an interchange file. */
export interface ImportedPair {
  sourceLocale: string;
  targetLocale: string;
  source: string;
  target: string;
}

export interface ExportedEntry {
  source: string;
  target: string;
  approvedAt: Date;
}

export interface ExportCursor {
  sourceHash: Buffer;
  targetHash: Buffer;
}

interface EntryRow {
  id: string;
  source: string;
  target: string;
  sourceHash: Buffer;
  previousHash: Buffer | null;
  nextHash: Buffer | null;
  current: boolean;
  articleId: string | null;
  segmentKey: string | null;
  approvedAt: Date;
  project: string | null;
  article: string | null;
  approver: { id: string; name: string } | null;
}

interface Lookup {
  sourceLocale: string;
  targetLocale: string;
  text: string;
  context?: MatchInput['context'];
  /** Leave out the current entry of this origin segment (the segment asking). */
  exclude?: { articleId: string; segmentKey: string };
}

/**
 * Candidate generation reads the posting lists of the query's rarest grams: at least this
 * many grams, and more while their lists together stay under GRAM_BUDGET postings.
 */
const MIN_GRAMS = 4;
const GRAM_BUDGET = 60_000;
/** Entries sharing the most grams with the query that are scored exactly. */
const CANDIDATES = 400;
/** Exact (hash) matches fetched besides the candidates. */
const EXACT_LIMIT = 50;
/** Ranked matches a search pages through. */
const MAX_RESULTS = 100;
const DEFAULT_SEARCH_LIMIT = 10;
const SUGGESTION_LIMIT = 10;

const isOffsetCursor = (v: unknown): v is { o: number } =>
  typeof v === 'object' && v !== null && Number.isInteger((v as { o: unknown }).o);

const ENTRY_COLUMNS = `
  e.id::text AS id, e.source, e.target, e.source_hash AS "sourceHash",
  e.previous_hash AS "previousHash", e.next_hash AS "nextHash", e.current,
  e.article_id AS "articleId", e.segment_key AS "segmentKey", e.approved_at AS "approvedAt",
  p.slug AS project, a.slug AS article,
  CASE WHEN u.id IS NULL THEN NULL ELSE json_build_object('id', u.id, 'name', u.name) END AS approver`;

const ENTRY_JOINS = `
  LEFT JOIN projects p ON p.id = e.project_id
  LEFT JOIN articles a ON a.id = e.article_id
  LEFT JOIN users u ON u.id = e.approver_id`;

/**
 * The translation memory: every approval writes its entry in the approval's transaction;
 * lookups find exact, context and fuzzy matches among the entries the caller may see (members
 * see their projects' entries, everybody sees those of projects with a shared memory, admins
 * see all).
 */
@Injectable()
export class MemoryService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Writes (or updates) the memory entries of approved segments, inside the caller's
   * transaction. The origin segment's earlier entries in that locale stay, no longer current;
   * approving the same text again makes its entry current again with the new approver.
   */
  async recordApprovals(manager: EntityManager, approved: ApprovedSegments): Promise<void> {
    if (approved.keys.length === 0) return;
    const rows = await manager.query<
      Array<{
        key: string;
        source: string;
        target: string;
        previous: string | null;
        next: string | null;
      }>
    >(
      `SELECT s.key, s.text AS source, t.target,
              (SELECT b.text FROM source_segments b WHERE b.version_id = s.version_id
                  AND b.position < s.position ORDER BY b.position DESC LIMIT 1) AS previous,
              (SELECT n.text FROM source_segments n WHERE n.version_id = s.version_id
                  AND n.position > s.position ORDER BY n.position LIMIT 1) AS next
         FROM source_segments s
         JOIN translations t ON t.article_id = $1 AND t.locale = $2 AND t.segment_key = s.key
        WHERE s.version_id = $3 AND s.key = ANY($4::text[]) AND t.state = 'approved'
          AND t.target <> ''
        ORDER BY s.key`,
      [approved.articleId, approved.targetLocale, approved.versionId, approved.keys],
    );
    if (rows.length === 0) return;
    const hashOf = (text: string | null) => (text === null ? null : sourceHash(text));
    await manager.query(
      `UPDATE tm_entries SET current = false
        WHERE article_id = $1 AND segment_key = ANY($2::text[]) AND target_locale = $3 AND current`,
      [approved.articleId, rows.map((r) => r.key), approved.targetLocale],
    );
    const written = await manager.query<Array<{ id: string; key: string; inserted: boolean }>>(
      `INSERT INTO tm_entries
         (source_locale, target_locale, source, normalized_source, source_hash, target,
          target_hash, project_id, article_id, segment_key, approver_id, previous_hash, next_hash)
       SELECT $1, $2, e.source, e.normalized, e.source_hash, e.target, e.target_hash, $3, $4,
              e.key, $5, e.previous_hash, e.next_hash
         FROM unnest($6::text[], $7::text[], $8::bytea[], $9::text[], $10::bytea[], $11::text[],
                     $12::bytea[], $13::bytea[])
           AS e(source, normalized, source_hash, target, target_hash, key, previous_hash, next_hash)
       ON CONFLICT (article_id, segment_key, target_locale, source_hash, target_hash)
       DO UPDATE SET current = true, approver_id = EXCLUDED.approver_id, approved_at = now(),
                     source = EXCLUDED.source, previous_hash = EXCLUDED.previous_hash,
                     next_hash = EXCLUDED.next_hash
       RETURNING id::text AS id, segment_key AS key, (xmax = 0) AS inserted`,
      [
        approved.sourceLocale,
        approved.targetLocale,
        approved.projectId,
        approved.articleId,
        approved.approverId,
        rows.map((r) => r.source),
        rows.map((r) => normalizeSource(r.source)),
        rows.map((r) => sourceHash(r.source)),
        rows.map((r) => r.target),
        rows.map((r) => sourceHash(r.target)),
        rows.map((r) => r.key),
        rows.map((r) => hashOf(r.previous)),
        rows.map((r) => hashOf(r.next)),
      ],
    );
    const sourceOf = new Map(rows.map((r) => [r.key, r.source]));
    await this.writePostings(
      manager,
      approved.sourceLocale,
      approved.targetLocale,
      written
        .filter((e) => e.inserted)
        .map((e) => ({ id: e.id, source: sourceOf.get(e.key) ?? '' })),
    );
  }

  /**
   * Bulk insert of imported pairs (TMX), inside the caller's transaction: one multi-row INSERT
   * per call (the caller batches). Entries have no origin segment and belong to `projectId`'s
   * memory, or to everybody's when null. A pair already in that memory (same locales and
   * normalised source and target) is not inserted again.
   */
  async insertImported(
    manager: EntityManager,
    pairs: readonly ImportedPair[],
    projectId: string | null,
  ): Promise<{ inserted: number; duplicates: number }> {
    if (pairs.length === 0) return { inserted: 0, duplicates: 0 };
    const inserted = await manager.query<
      Array<{ id: string; source: string; sourceLocale: string; targetLocale: string }>
    >(
      `INSERT INTO tm_entries
         (source_locale, target_locale, source, normalized_source, source_hash, target,
          target_hash, project_id)
       SELECT e.source_locale, e.target_locale, e.source, e.normalized, e.source_hash, e.target,
              e.target_hash, $8
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::bytea[], $6::text[],
                     $7::bytea[])
           AS e(source_locale, target_locale, source, normalized, source_hash, target, target_hash)
       ON CONFLICT (source_locale, target_locale, source_hash, target_hash, project_id)
          WHERE article_id IS NULL DO NOTHING
       RETURNING id::text AS id, source, source_locale AS "sourceLocale",
                 target_locale AS "targetLocale"`,
      [
        pairs.map((p) => p.sourceLocale),
        pairs.map((p) => p.targetLocale),
        pairs.map((p) => p.source),
        pairs.map((p) => normalizeSource(p.source)),
        pairs.map((p) => sourceHash(p.source)),
        pairs.map((p) => p.target),
        pairs.map((p) => sourceHash(p.target)),
        projectId,
      ],
    );
    const byLocales = new Map<string, Array<{ id: string; source: string }>>();
    for (const entry of inserted) {
      const key = `${entry.sourceLocale}\u0000${entry.targetLocale}`;
      const group = byLocales.get(key) ?? [];
      group.push(entry);
      byLocales.set(key, group);
    }
    for (const [key, entries] of byLocales) {
      const [sourceLocale, targetLocale] = key.split('\u0000');
      await this.writePostings(manager, sourceLocale, targetLocale, entries);
    }
    return { inserted: inserted.length, duplicates: pairs.length - inserted.length };
  }

  /** Posting lists and gram counts of newly inserted entries (one locale pair). */
  private async writePostings(
    manager: EntityManager,
    sourceLocale: string,
    targetLocale: string,
    entries: ReadonlyArray<{ id: string; source: string }>,
  ): Promise<void> {
    const postingGrams: string[] = [];
    const postingEntries: string[] = [];
    for (const entry of entries) {
      for (const gram of grams(sourceLocale, targetLocale, tokenize(entry.source))) {
        postingGrams.push(gram);
        postingEntries.push(entry.id);
      }
    }
    if (postingGrams.length === 0) return;
    await manager.query(
      `WITH added AS (
         INSERT INTO tm_postings (gram, entry_id)
         SELECT g, e FROM unnest($1::bigint[], $2::bigint[]) AS x(g, e)
         ON CONFLICT DO NOTHING RETURNING gram
       )
       INSERT INTO tm_grams (gram, entries)
       SELECT gram, count(*) FROM added GROUP BY gram ORDER BY gram
       ON CONFLICT (gram) DO UPDATE SET entries = tm_grams.entries + EXCLUDED.entries`,
      [postingGrams, postingEntries],
    );
  }

  /**
   * The id of the project `slug` if `actor` may see its memory (null actor: the operator at the
   * command line, who sees everything); else 404, so that a project's existence is not told.
   */
  async memoryProject(actor: Actor | null, slug: string): Promise<string> {
    const [row] = await this.dataSource.query<Array<{ id: string }>>(
      `SELECT id FROM projects WHERE slug = $1`,
      [slug],
    );
    const visible = actor === null ? null : await this.visibleProjects(actor);
    if (!row || (visible !== null && !visible.includes(row.id))) {
      throw new DomainError('NOT_FOUND', `No project ${slug}.`);
    }
    return row.id;
  }

  /**
   * The current entries of a locale pair that `actor` may see (null: all), one page at a time
   * in a stable order, each (normalised source, target) once: for the TMX export. Pass the
   * returned `after` back to read the next page; an empty page is the end.
   */
  async exportPage(
    actor: Actor | null,
    query: { sourceLocale: string; targetLocale: string; projectId?: string },
    after: ExportCursor | null,
    limit: number,
  ): Promise<{ entries: ExportedEntry[]; after: ExportCursor | null }> {
    const visible = actor === null ? null : await this.visibleProjects(actor);
    const params: unknown[] = [
      query.sourceLocale,
      query.targetLocale,
      after?.sourceHash ?? Buffer.alloc(0),
      after?.targetHash ?? Buffer.alloc(0),
      limit,
    ];
    const filters: string[] = [];
    if (query.projectId !== undefined) {
      params.push(query.projectId);
      filters.push(`e.project_id = $${params.length}`);
    } else if (visible !== null) {
      params.push(visible);
      filters.push(`(e.project_id IS NULL OR e.project_id = ANY($${params.length}::uuid[]))`);
    }
    const rows = await this.dataSource.query<
      Array<ExportedEntry & { sourceHash: Buffer; targetHash: Buffer }>
    >(
      `SELECT DISTINCT ON (e.source_hash, e.target_hash)
              e.source, e.target, e.approved_at AS "approvedAt",
              e.source_hash AS "sourceHash", e.target_hash AS "targetHash"
         FROM tm_entries e
        WHERE e.source_locale = $1 AND e.target_locale = $2 AND e.current
          AND (e.source_hash, e.target_hash) > ($3::bytea, $4::bytea)
          ${filters.map((f) => `AND ${f}`).join(' ')}
        ORDER BY e.source_hash, e.target_hash, e.approved_at DESC
        LIMIT $5`,
      params,
    );
    const last = rows[rows.length - 1];
    return {
      entries: rows.map(({ source, target, approvedAt }) => ({ source, target, approvedAt })),
      after: last ? { sourceHash: last.sourceHash, targetHash: last.targetHash } : null,
    };
  }

  /** GET /api/tm: matches for a text, best first, a page at a time. */
  async search(actor: Actor, query: TmSearchQuery): Promise<Page<TmMatchDto>> {
    const sourceLocale = canonicalOrFail('source', query.source);
    const targetLocale = canonicalOrFail('target', query.target);
    const offset = decodeCursor(query.cursor, isOffsetCursor)?.o ?? 0;
    const limit = query.limit ?? DEFAULT_SEARCH_LIMIT;
    const ranked = await this.lookup(actor, { sourceLocale, targetLocale, text: query.q });
    const items = ranked.slice(offset, offset + limit).map(({ match }) => match);
    return {
      items,
      nextCursor: ranked.length > offset + limit ? encodeCursor({ o: offset + limit }) : null,
    };
  }

  /**
   * The memory's matches for a segment of an article's current version, with its neighbours
   * as context and a diff of each match's source against the segment's; the segment's own
   * current entry is left out.
   */
  async forSegment(
    actor: Actor,
    segment: {
      sourceLocale: string;
      targetLocale: string;
      articleId: string;
      segmentKey: string;
      source: string;
    },
  ): Promise<TmSuggestionDto[]> {
    const [neighbours] = await this.dataSource.query<
      Array<{ previous: string | null; next: string | null }>
    >(
      `SELECT (SELECT b.text FROM source_segments b WHERE b.version_id = s.version_id
                  AND b.position < s.position ORDER BY b.position DESC LIMIT 1) AS previous,
              (SELECT n.text FROM source_segments n WHERE n.version_id = s.version_id
                  AND n.position > s.position ORDER BY n.position LIMIT 1) AS next
         FROM articles a
         JOIN source_versions v ON v.article_id = a.id AND v.version = a.current_version
         JOIN source_segments s ON s.version_id = v.id AND s.key = $2
        WHERE a.id = $1`,
      [segment.articleId, segment.segmentKey],
    );
    const hashOf = (text: string | null | undefined) =>
      text === null || text === undefined ? null : sourceHash(text);
    const ranked = await this.lookup(actor, {
      sourceLocale: segment.sourceLocale,
      targetLocale: segment.targetLocale,
      text: segment.source,
      context: { previous: hashOf(neighbours?.previous), next: hashOf(neighbours?.next) },
      exclude: { articleId: segment.articleId, segmentKey: segment.segmentKey },
    });
    return ranked
      .slice(0, SUGGESTION_LIMIT)
      .map(({ match }) => ({ ...match, diff: diffWords(match.source, segment.source) }));
  }

  /** The projects whose entries `actor` may see; null: all (an admin). */
  private async visibleProjects(actor: Actor): Promise<string[] | null> {
    if (actor.role === 'admin') return null;
    const shared = await this.dataSource.query<Array<{ id: string }>>(
      `SELECT id FROM projects WHERE shared_memory`,
    );
    return [...new Set([...actor.memberships.map((m) => m.projectId), ...shared.map((r) => r.id)])];
  }

  private async lookup(
    actor: Actor,
    lookup: Lookup,
  ): Promise<Array<{ match: TmMatchDto; approvedAt: Date; id: string }>> {
    const tokens = tokenize(lookup.text);
    const input: MatchInput = {
      queryHash: sourceHash(lookup.text),
      queryTokens: tokens,
      context: lookup.context,
    };
    const queryGrams = grams(lookup.sourceLocale, lookup.targetLocale, tokens);
    const visible = await this.visibleProjects(actor);
    // Entries without a project (imports) are everybody's.
    const visibleClause =
      visible === null ? 'true' : '(e.project_id IS NULL OR e.project_id = ANY($9::uuid[]))';
    // Admins see every entry: the posting lists alone name the candidates.
    const candidates =
      visible === null
        ? `SELECT g.entry_id AS id FROM tm_postings g JOIN chosen USING (gram)
            GROUP BY g.entry_id ORDER BY count(*) DESC, g.entry_id DESC LIMIT $4`
        : `SELECT e.id FROM tm_postings g JOIN chosen USING (gram)
             JOIN tm_entries e ON e.id = g.entry_id
            WHERE ${visibleClause}
            GROUP BY e.id ORDER BY count(*) DESC, e.id DESC LIMIT $4`;
    const rows = await this.dataSource.query<EntryRow[]>(
      `WITH ranked AS (
         SELECT gram, row_number() OVER w AS rank, sum(entries) OVER w AS running
           FROM tm_grams WHERE gram = ANY($1::bigint[])
         WINDOW w AS (ORDER BY entries, gram)
       ),
       chosen AS (SELECT gram FROM ranked WHERE rank <= $2 OR running <= $3),
       candidates AS (${candidates}),
       exact AS (
         SELECT e.id FROM tm_entries e
          WHERE e.source_locale = $5 AND e.target_locale = $6 AND e.source_hash = $7
            AND ${visibleClause}
          ORDER BY e.current DESC, e.approved_at DESC LIMIT $8
       )
       SELECT ${ENTRY_COLUMNS} FROM tm_entries e ${ENTRY_JOINS}
        WHERE e.id IN (SELECT id FROM candidates UNION SELECT id FROM exact)
          AND e.source_locale = $5 AND e.target_locale = $6`,
      [
        queryGrams,
        MIN_GRAMS,
        GRAM_BUDGET,
        CANDIDATES,
        lookup.sourceLocale,
        lookup.targetLocale,
        input.queryHash,
        EXACT_LIMIT,
        ...(visible === null ? [] : [visible]),
      ],
    );
    const threshold = minimumScore(tokens.length);
    const exclude = lookup.exclude;
    return rows
      .filter(
        (row) =>
          !(
            exclude &&
            row.current &&
            row.articleId === exclude.articleId &&
            row.segmentKey === exclude.segmentKey
          ),
      )
      .map((row) => ({ row, score: matchScore(input, row) }))
      .filter(({ score }) => score >= 100 || score >= threshold)
      .sort(
        (a, b) =>
          b.score - a.score ||
          Number(b.row.current) - Number(a.row.current) ||
          b.row.approvedAt.getTime() - a.row.approvedAt.getTime() ||
          Number(BigInt(b.row.id) - BigInt(a.row.id)),
      )
      .slice(0, MAX_RESULTS)
      .map(({ row, score }) => ({
        id: row.id,
        approvedAt: row.approvedAt,
        match: {
          source: row.source,
          target: row.target,
          score,
          current: row.current,
          origin: {
            project: row.project,
            article: row.article,
            segment: row.segmentKey,
            approvedAt: row.approvedAt,
            approver: row.approver,
          },
        },
      }));
  }
}
