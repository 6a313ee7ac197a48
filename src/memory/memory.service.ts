import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../auth/permissions';
import { decodeCursor, encodeCursor, Page } from '../common/pagination';
import { DomainError } from '../common/domain-error';
import { canonicalOrFail } from '../projects/projects.service';
import {
  compareMatches,
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
import { blockAppends, encodeIds, topCandidates } from './postings';

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

/** A bulk import in progress (MemoryService.startImport). */
export interface MemoryImport {
  /** Inserts a batch; the next may be passed before this one's promise settles. */
  insert(pairs: readonly ImportedPair[]): Promise<{ inserted: number; duplicates: number }>;
  /** Adds the gram counts of everything inserted. */
  finish(): Promise<void>;
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

/** An untranslated segment to pre-fill: its English and that of its neighbours. */
export interface PrefillQuery {
  key: string;
  text: string;
  previous: string | null;
  next: string | null;
}

/** The best memory match for a segment to pre-fill. */
export interface PrefillMatch {
  source: string;
  target: string;
  /** 101 context, 100 exact, below 100 fuzzy. */
  score: number;
  /** False for a superseded or demoted entry. */
  current: boolean;
}

interface PrefillScope {
  /** The project being filled: its entries, shared projects' and imports' are used. */
  projectId: string;
  sourceLocale: string;
  targetLocales: readonly string[];
}

interface Lookup {
  sourceLocale: string;
  targetLocale: string;
  text: string;
  /** The hashes of the segments around the query, once known (a context match needs them). */
  context?: MatchInput['context'] | Promise<MatchInput['context']>;
  /** Leave out the current entry of this origin segment (the segment asking). */
  exclude?: { articleId: string; segmentKey: string };
}

/**
 * Candidate generation reads the posting lists of the query's rarest grams: at least this
 * many grams, and more while their lists together stay under GRAM_BUDGET postings.
 */
const MIN_GRAMS = 4;
const GRAM_BUDGET = 150_000;
/** Entries named by the most of the lists read that are scored exactly. */
/** Grams whose imported postings are appended per statement. */
const IMPORT_GRAMS = 2000;
const CANDIDATES = 200;
/** For callers who see only some projects: how many more entries are ranked, then filtered. */
const MEMBER_OVERSCAN = 5;
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
    const added = new Map<string, number[]>();
    for (const entry of written) {
      if (!entry.inserted) continue;
      const tokens = tokenize(sourceOf.get(entry.key) ?? '');
      for (const gram of grams(approved.sourceLocale, approved.targetLocale, tokens)) {
        const ids = added.get(gram) ?? [];
        ids.push(Number(entry.id));
        added.set(gram, ids);
      }
    }
    await this.appendPostings(manager, added);
  }

  /**
   * Appends new entries to their grams' posting lists. Raising tm_grams.entries first locks
   * each gram's row until commit, so concurrent approvals append to one list one at a time
   * (in gram order, so two never wait on each other), and the old length says where the
   * appended ids go.
   */
  private async appendPostings(
    manager: EntityManager,
    added: Map<string, number[]>,
  ): Promise<void> {
    if (added.size === 0) return;
    const gramList = [...added.keys()];
    const lengths = await manager.query<Array<{ gram: string; entries: number }>>(
      `INSERT INTO tm_grams (gram, entries)
       SELECT g, n FROM unnest($1::bigint[], $2::int[]) AS x(g, n) ORDER BY g
       ON CONFLICT (gram) DO UPDATE SET entries = tm_grams.entries + EXCLUDED.entries
       RETURNING gram::text AS gram, entries`,
      [gramList, gramList.map((g) => added.get(g)?.length ?? 0)],
    );
    const blockGrams: string[] = [];
    const blocks: number[] = [];
    const contents: Buffer[] = [];
    for (const { gram, entries } of lengths) {
      const ids = added.get(gram) ?? [];
      for (const append of blockAppends(entries - ids.length, ids)) {
        blockGrams.push(gram);
        blocks.push(append.block);
        contents.push(encodeIds(append.ids));
      }
    }
    await manager.query(
      `INSERT INTO tm_posting_blocks (gram, block, entries)
       SELECT g, b, e FROM unnest($1::bigint[], $2::int[], $3::bytea[]) AS x(g, b, e) ORDER BY g, b
       ON CONFLICT (gram, block) DO UPDATE SET entries = tm_posting_blocks.entries || EXCLUDED.entries`,
      [blockGrams, blocks, contents],
    );
  }

  /**
   * Starts a bulk import (TMX) inside the caller's transaction: `insert` batches of pairs, then
   * `finish`. Entries have no origin segment and belong to `projectId`'s memory, or to
   * everybody's when null; a pair already in that memory (same locales, normalised source and
   * target) is not inserted again. Each batch is one statement (entries, and their postings
   * into a temporary table); `finish` appends the postings to the lists, IMPORT_GRAMS grams at a
   * time in gram order, so the tm_grams rows an approval also locks are held only from then on.
   */
  async startImport(manager: EntityManager, projectId: string | null): Promise<MemoryImport> {
    await manager.query(
      `CREATE TEMPORARY TABLE tm_import_postings (gram bigint NOT NULL, entry_id bigint NOT NULL)
         ON COMMIT DROP`,
    );
    return {
      insert: (pairs) => this.insertImported(manager, pairs, projectId),
      finish: async () => {
        await this.appendImportedPostings(manager);
        await manager.query(`DROP TABLE tm_import_postings`);
      },
    };
  }

  /** The postings an import gathered, appended to their lists a batch of grams at a time. */
  private async appendImportedPostings(manager: EntityManager): Promise<void> {
    // Temporary tables get no autovacuum: index and analyze once, so each batch is a range scan.
    await manager.query(`CREATE INDEX ON tm_import_postings (gram, entry_id)`);
    await manager.query(`ANALYZE tm_import_postings`);
    let after: string | null = null;
    for (;;) {
      const lists: Array<{ gram: string; ids: string[] }> = await manager.query(
        `WITH batch AS (
           SELECT DISTINCT gram FROM tm_import_postings
            WHERE $1::bigint IS NULL OR gram > $1::bigint
            ORDER BY gram LIMIT ${IMPORT_GRAMS}
         )
         SELECT p.gram::text AS gram, array_agg(p.entry_id ORDER BY p.entry_id)::text[] AS ids
           FROM tm_import_postings p
          WHERE p.gram >= (SELECT min(gram) FROM batch) AND p.gram <= (SELECT max(gram) FROM batch)
          GROUP BY p.gram ORDER BY p.gram`,
        [after],
      );
      if (lists.length === 0) return;
      await this.appendPostings(manager, new Map(lists.map((l) => [l.gram, l.ids.map(Number)])));
      after = lists[lists.length - 1].gram;
    }
  }

  private async insertImported(
    manager: EntityManager,
    pairs: readonly ImportedPair[],
    projectId: string | null,
  ): Promise<{ inserted: number; duplicates: number }> {
    if (pairs.length === 0) return { inserted: 0, duplicates: 0 };
    const gramValues: string[] = [];
    const gramOrdinals: number[] = [];
    pairs.forEach((pair, index) => {
      for (const gram of grams(pair.sourceLocale, pair.targetLocale, tokenize(pair.source))) {
        gramValues.push(gram);
        gramOrdinals.push(index + 1);
      }
    });
    // The grams are computed before the ids exist: each inserted entry finds its pair again by
    // its key (the first of equal pairs: they have the same normalised source, so the same grams).
    const [{ inserted }] = await manager.query<Array<{ inserted: number }>>(
      `WITH input AS (
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::bytea[],
                              $6::text[], $7::bytea[]) WITH ORDINALITY
           AS e(source_locale, target_locale, source, normalized, source_hash, target,
                target_hash, ord)
       ),
       added AS (
         INSERT INTO tm_entries
           (source_locale, target_locale, source, normalized_source, source_hash, target,
            target_hash, project_id)
         SELECT source_locale, target_locale, source, normalized, source_hash, target,
                target_hash, $8
           FROM input ORDER BY ord
         ON CONFLICT (source_locale, target_locale, source_hash, target_hash, project_id)
            WHERE article_id IS NULL DO NOTHING
         RETURNING id, source_locale, target_locale, source_hash, target_hash
       ),
       numbered AS (
         SELECT DISTINCT ON (a.id) a.id, i.ord
           FROM added a
           JOIN input i USING (source_locale, target_locale, source_hash, target_hash)
          ORDER BY a.id, i.ord
       ),
       posted AS (
         INSERT INTO tm_import_postings (gram, entry_id)
         SELECT g.gram, n.id FROM unnest($9::bigint[], $10::bigint[]) AS g(gram, ord)
           JOIN numbered n USING (ord)
       )
       SELECT count(*)::int AS inserted FROM added`,
      [
        pairs.map((p) => p.sourceLocale),
        pairs.map((p) => p.targetLocale),
        pairs.map((p) => p.source),
        pairs.map((p) => normalizeSource(p.source)),
        pairs.map((p) => sourceHash(p.source)),
        pairs.map((p) => p.target),
        pairs.map((p) => sourceHash(p.target)),
        projectId,
        gramValues,
        gramOrdinals,
      ],
    );
    return { inserted, duplicates: pairs.length - inserted };
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
    const ranked = await this.lookup(await this.visibleProjects(actor), {
      sourceLocale,
      targetLocale,
      text: query.q,
    });
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
    const hashOf = (text: string | null | undefined) =>
      text === null || text === undefined ? null : sourceHash(text);
    // The neighbours only matter for scoring: fetched while the candidates are gathered.
    const context = this.dataSource
      .query<Array<{ previous: string | null; next: string | null }>>(
        `SELECT (SELECT b.text FROM source_segments b WHERE b.version_id = s.version_id
                    AND b.position < s.position ORDER BY b.position DESC LIMIT 1) AS previous,
                (SELECT n.text FROM source_segments n WHERE n.version_id = s.version_id
                    AND n.position > s.position ORDER BY n.position LIMIT 1) AS next
           FROM articles a
           JOIN source_versions v ON v.article_id = a.id AND v.version = a.current_version
           JOIN source_segments s ON s.version_id = v.id AND s.key = $2
          WHERE a.id = $1`,
        [segment.articleId, segment.segmentKey],
      )
      .then(([neighbours]) => ({
        previous: hashOf(neighbours?.previous),
        next: hashOf(neighbours?.next),
      }));
    const ranked = await this.lookup(await this.visibleProjects(actor), {
      sourceLocale: segment.sourceLocale,
      targetLocale: segment.targetLocale,
      text: segment.source,
      context,
      exclude: { articleId: segment.articleId, segmentKey: segment.segmentKey },
    });
    return ranked
      .slice(0, SUGGESTION_LIMIT)
      .map(({ match }) => ({ ...match, diff: diffWords(match.source, segment.source) }));
  }

  /**
   * The entries most worth scoring exactly for a query's grams: the posting lists of its
   * rarest grams (at least MIN_GRAMS lists, more while they hold at most GRAM_BUDGET
   * postings together), read as blocks; the CANDIDATES entries the caller may see that the
   * most of those lists name (postings.ts `topCandidates`).
   */
  private async candidates(queryGrams: string[], visible: string[] | null): Promise<string[]> {
    if (queryGrams.length === 0) return [];
    const blocks = await this.dataSource.query<Array<{ ids: Buffer }>>(
      `WITH ranked AS (
         SELECT gram, entries, row_number() OVER w AS rank, sum(entries) OVER w AS running
           FROM tm_grams WHERE gram = ANY($1::bigint[])
         WINDOW w AS (ORDER BY entries, gram)
       )
       SELECT b.entries AS ids
         FROM ranked r JOIN tm_posting_blocks b ON b.gram = r.gram
        WHERE r.rank <= $2 OR r.running <= $3`,
      [queryGrams, MIN_GRAMS, GRAM_BUDGET],
    );
    const lists = blocks.map((b) => b.ids);
    if (visible === null) return topCandidates(lists, CANDIDATES).map(String);
    // Members: rank more, then keep the best CANDIDATES they may see.
    const ranked = topCandidates(lists, CANDIDATES * MEMBER_OVERSCAN).map(String);
    const seen = await this.dataSource.query<Array<{ id: string }>>(
      `SELECT c.id::text AS id FROM unnest($1::bigint[]) WITH ORDINALITY AS c(id, n)
         JOIN tm_entries e ON e.id = c.id
        WHERE e.project_id IS NULL OR e.project_id = ANY($2::uuid[])
        ORDER BY c.n LIMIT $3`,
      [ranked, visible, CANDIDATES],
    );
    return seen.map((r) => r.id);
  }

  /** The projects whose entries `actor` may see; null: all (an admin). */
  private async visibleProjects(actor: Actor): Promise<string[] | null> {
    if (actor.role === 'admin') return null;
    const shared = await this.dataSource.query<Array<{ id: string }>>(
      `SELECT id FROM projects WHERE shared_memory`,
    );
    return [...new Set([...actor.memberships.map((m) => m.projectId), ...shared.map((r) => r.id)])];
  }

  /**
   * The projects whose entries may fill a project's segments: its own and those with a shared
   * memory (and, as for everybody, imports). Not the requesting user's other projects: a
   * pre-filled draft is seen by every member of this project.
   */
  private async visibleToProject(manager: EntityManager, projectId: string): Promise<string[]> {
    const shared = await manager.query<Array<{ id: string }>>(
      `SELECT id FROM projects WHERE shared_memory AND id <> $1`,
      [projectId],
    );
    return [projectId, ...shared.map((r) => r.id)];
  }

  /**
   * Pre-translation: per target locale and segment, the best entry with the same English (101
   * with the same neighbours, else 100), ranked as lookups rank (compareMatches), in one query
   * for all the segments and locales however many. Only locales and segments with a match are
   * in the maps, so a memory that knows none of the sentences costs one indexed query.
   */
  async sameSourceMatches(
    manager: EntityManager,
    scope: PrefillScope,
    segments: readonly PrefillQuery[],
  ): Promise<Map<string, Map<string, PrefillMatch>>> {
    const found = new Map<string, Map<string, PrefillMatch>>();
    if (segments.length === 0 || scope.targetLocales.length === 0) return found;
    const visible = await this.visibleToProject(manager, scope.projectId);
    const hashes = new Map(segments.map((s) => [s.key, sourceHash(s.text)]));
    const rows = await manager.query<Array<EntryRow & { targetLocale: string }>>(
      `SELECT ${ENTRY_COLUMNS}, e.target_locale AS "targetLocale"
         FROM tm_entries e ${ENTRY_JOINS}
        WHERE e.source_locale = $1 AND e.target_locale = ANY($2::text[])
          AND e.source_hash = ANY($3::bytea[])
          AND (e.project_id IS NULL OR e.project_id = ANY($4::uuid[]))`,
      [scope.sourceLocale, scope.targetLocales, [...new Set(hashes.values())], visible],
    );
    if (rows.length === 0) return found;
    const candidates = new Map<string, Array<EntryRow & { targetLocale: string }>>();
    for (const row of rows) {
      const hex = row.sourceHash.toString('hex');
      candidates.set(hex, [...(candidates.get(hex) ?? []), row]);
    }
    const hashOf = (text: string | null) => (text === null ? null : sourceHash(text));
    for (const segment of segments) {
      const queryHash = hashes.get(segment.key) as Buffer;
      const entries = candidates.get(queryHash.toString('hex'));
      if (!entries) continue;
      const input: MatchInput = {
        queryHash,
        queryTokens: [],
        context: { previous: hashOf(segment.previous), next: hashOf(segment.next) },
      };
      const ranked = entries
        .map((row) => ({ ...row, score: matchScore(input, row) }))
        .sort(compareMatches);
      for (const top of ranked) {
        const inLocale = found.get(top.targetLocale) ?? new Map<string, PrefillMatch>();
        found.set(top.targetLocale, inLocale);
        // The first of a locale in ranked order is its best.
        if (inLocale.has(segment.key)) continue;
        const { source, target, score, current } = top;
        inLocale.set(segment.key, { source, target, score, current });
      }
    }
    return found;
  }

  /**
   * Pre-translation with fuzzy matches: per segment, the best match of at least `minScore`
   * (and of the usual minimum for the text's length), one lookup per segment as suggestions
   * make. Segments without one are absent from the map.
   */
  async bestMatches(
    scope: Omit<PrefillScope, 'targetLocales'> & { targetLocale: string },
    segments: readonly PrefillQuery[],
    minScore: number,
  ): Promise<Map<string, PrefillMatch>> {
    const best = new Map<string, PrefillMatch>();
    if (segments.length === 0) return best;
    const visible = await this.visibleToProject(this.dataSource.manager, scope.projectId);
    const hashOf = (text: string | null) => (text === null ? null : sourceHash(text));
    for (const segment of segments) {
      const ranked = await this.lookup(visible, {
        sourceLocale: scope.sourceLocale,
        targetLocale: scope.targetLocale,
        text: segment.text,
        context: { previous: hashOf(segment.previous), next: hashOf(segment.next) },
      });
      const top = ranked.find(({ match }) => match.score >= minScore);
      if (top) {
        const { source, target, score, current } = top.match;
        best.set(segment.key, { source, target, score, current });
      }
    }
    return best;
  }

  /**
   * A locale withdrawn by a person: the entries its article's approvals made in that locale
   * stay in the memory but rank below current ones (current = false) until approved again.
   */
  async demoteLocale(manager: EntityManager, articleId: string, locale: string): Promise<void> {
    await manager.query(
      `UPDATE tm_entries SET current = false
        WHERE article_id = $1 AND target_locale = $2 AND current`,
      [articleId, locale],
    );
  }

  /**
   * A reviewer rejected these targets of an article's segments: an entry that approved the
   * same target for the same segment before ranks below current ones until approved again.
   */
  async demoteRejected(
    manager: EntityManager,
    articleId: string,
    locale: string,
    rejected: ReadonlyArray<{ key: string; target: string }>,
  ): Promise<void> {
    if (rejected.length === 0) return;
    await manager.query(
      `UPDATE tm_entries e SET current = false
         FROM unnest($3::text[], $4::bytea[]) AS r(key, target_hash)
        WHERE e.article_id = $1 AND e.target_locale = $2 AND e.segment_key = r.key
          AND e.target_hash = r.target_hash AND e.current`,
      [articleId, locale, rejected.map((r) => r.key), rejected.map((r) => sourceHash(r.target))],
    );
  }

  private async lookup(
    visible: string[] | null,
    lookup: Lookup,
  ): Promise<Array<{ match: TmMatchDto; approvedAt: Date; id: string }>> {
    const tokens = tokenize(lookup.text);
    const queryHash = sourceHash(lookup.text);
    const [candidates, context] = await Promise.all([
      this.candidates(grams(lookup.sourceLocale, lookup.targetLocale, tokens), visible),
      lookup.context,
    ]);
    const input: MatchInput = { queryHash, queryTokens: tokens, context };
    // Entries without a project (imports) are everybody's.
    const visibleTo = (alias: string) =>
      visible === null
        ? 'true'
        : `(${alias}.project_id IS NULL OR ${alias}.project_id = ANY($6::uuid[]))`;
    const rows = await this.dataSource.query<EntryRow[]>(
      `SELECT ${ENTRY_COLUMNS} FROM tm_entries e ${ENTRY_JOINS}
        WHERE e.id IN (
            SELECT unnest($1::bigint[])
            UNION
            (SELECT x.id FROM tm_entries x
              WHERE x.source_locale = $2 AND x.target_locale = $3 AND x.source_hash = $4
                AND ${visibleTo('x')}
              ORDER BY x.current DESC, x.approved_at DESC LIMIT $5))
          AND e.source_locale = $2 AND e.target_locale = $3 AND ${visibleTo('e')}`,
      [
        candidates,
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
      .sort((a, b) => compareMatches({ ...a.row, score: a.score }, { ...b.row, score: b.score }))
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
