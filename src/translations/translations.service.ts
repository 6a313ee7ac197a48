import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../auth/permissions';
import { CheckResult, classifyChange, hasBlockingFailure, runChecks } from '../checks';
import { Batcher } from '../common/batcher';
import { SingleFlight } from '../common/single-flight';
import { queryPrepared } from '../database/prepared';
import { DomainError, notFound } from '../common/domain-error';
import { decodeCursor, DEFAULT_PAGE_LIMIT, Page, toPage } from '../common/pagination';
import { GlossaryService } from '../glossary/glossary.service';
import { OutboxService } from '../jobs/outbox.service';
import { ApprovedSegments, MemoryService } from '../memory/memory.service';
import { canonicalLocale } from '../languages/language-catalog';
import { ProjectRecord, ProjectsService } from '../projects/projects.service';
import {
  CommentDto,
  HistoryItemDto,
  ReviewBatchDto,
  ReviewBatchResultDto,
  ReviewItemResultDto,
  ReviewOutcome,
  ReviewSegmentDto,
  SavedSegmentDto,
  SaveSegmentDto,
  SegmentDto,
  SegmentListQuery,
} from './segment.dto';
import {
  LineageLink,
  LineagePosition,
  LineageStep,
  lineageSteps,
  MAX_LINEAGE_DEPTH,
} from './lineage';
import { glossaryPrefilter } from './glossary-prefilter';
import type { ImportUnitInput, ImportUnitOutcome, ImportUnitsOptions } from './import-units';
import { BoundedCache, cacheKey } from './save-hints';
import { sourceChanged } from './source-changed';
import { SAVE_STATEMENT, saveKey, SaveInput, saveParams, SaveRow } from './save-statement';
import { DRAFT_STATEMENT, DraftBatch, draftParams } from './draft-statement';
import { readLocaleCounts } from './state-counts';
import {
  AuthoredRevision,
  isSegmentState,
  SegmentState,
  transition,
  wroteTextUnderReview,
} from './workflow';

/** Where a segment route points: project, article (current version) and canonical locale. */
export interface SegmentScope {
  project: ProjectRecord;
  articleId: string;
  articleSlug: string;
  currentVersion: number;
  versionId: string;
  locale: string;
}

interface SegmentRow {
  id: string;
  position: number;
  kind: string;
  source: string;
  changeRisk: SegmentDto['changeRisk'];
}

/**
 * A segment as an export reads it: the segment read, its source words and its comments (the
 * review comment on the current revision first).
 */
export interface ExportSegment extends SegmentDto {
  words: number;
  comments: Array<{ author: string | null; body: string }>;
}

/** Segments an export reads per query (keyset pages by position). */
const EXPORT_PAGE = 500;

/** A segment as stored; `decorate` adds what is computed when it is read. */
type StoredSegment = Omit<SegmentDto, 'previousSource' | 'changeRisk' | 'checks' | 'repeats'>;

/**
 * `baseSource` is the English the target was written against: a save records the English it
 * was made for, and sync keeps that English when it carries a target to a changed sentence.
 */
const SEGMENT_COLUMNS = `
  s.key AS id, s.position, s.kind, s.text AS source,
  CASE WHEN t.target IS NULL OR t.target = '' THEN NULL ELSE t.source_text END AS "baseSource",
  t.target, COALESCE(t.state, 'untranslated') AS state, COALESCE(t.revision, 0) AS revision,
  CASE WHEN u.id IS NULL THEN NULL ELSE json_build_object('id', u.id, 'name', u.name) END AS "updatedBy",
  t.updated_at AS "updatedAt"`;

const SEGMENT_FROM = `
  FROM source_segments s
  LEFT JOIN translations t ON t.article_id = $1 AND t.locale = $2 AND t.segment_key = s.key
  LEFT JOIN users u ON u.id = t.updated_by`;

/** A save retried this many times because the source kept changing under it is 409. */
const MAX_SAVE_ATTEMPTS = 4;

type SaveOutcome =
  { kind: 'saved'; revision: number; updatedAt: Date } | { kind: 'conflict' } | { kind: 'stale' };

/**
 * Concurrent saves per statement at most, and statements in flight at once per process. One
 * in flight: the next batch forms while it runs. Two made smaller batches and a worse p99 in
 * the saves benchmark (BENCHMARKS.md).
 */
const SAVE_BATCH = { maxBatch: 100, concurrency: 1 };

function saveOutcome(row: SaveRow | undefined): SaveOutcome {
  if (!row?.valid) return { kind: 'stale' };
  if (row.revision === null || row.updatedAt === null) return { kind: 'conflict' };
  return { kind: 'saved', revision: row.revision, updatedAt: row.updatedAt };
}

const isPositionCursor = (v: unknown): v is { p: number } =>
  typeof v === 'object' && v !== null && Number.isInteger((v as { p: unknown }).p);
/** History cursors: `{d, r}` (lineage depth, revision); `{r}` from before lineages is depth 0. */
const isHistoryCursor = (v: unknown): v is { r: number; d?: number } =>
  typeof v === 'object' &&
  v !== null &&
  Number.isInteger((v as { r: unknown }).r) &&
  ((v as { d?: unknown }).d === undefined || Number.isInteger((v as { d: unknown }).d));

/**
 * Translations per (article, segment key, locale): listing, saving with an optimistic revision
 * check, review, history and comments. Every accepted write inserts a translation_revisions row
 * and an outbox event in the same transaction.
 */
@Injectable()
export class TranslationsService {
  /** Route scopes by (project slug, article slug): hints only, re-verified by every save. */
  private readonly scopeHints = new BoundedCache<Omit<SegmentScope, 'locale'>>(1_000, 10_000);
  /** Source sides by (article id, version, key): immutable, so always right. */
  private readonly segmentHints = new BoundedCache<SegmentRow>(200_000, 3_600_000);
  /** Source texts that repeat, by (article id, version): immutable, so always right. */
  private readonly repeatedTextHints = new BoundedCache<ReadonlySet<string>>(10_000, 3_600_000);
  /** Scope reads in progress by (project slug, article slug), shared by concurrent saves. */
  private readonly scopeReloads = new SingleFlight<Omit<SegmentScope, 'locale'> | null>();
  /** Saves that arrive while earlier ones are being written leave together (save-statement.ts). */
  private readonly saveBatcher = new Batcher((batch: SaveInput[]) => this.runSaveBatch(batch), {
    ...SAVE_BATCH,
    keyOf: saveKey,
  });

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly projects: ProjectsService,
    private readonly outbox: OutboxService,
    private readonly glossary: GlossaryService,
    private readonly memory: MemoryService,
  ) {}

  // ------------------------------------------------------------------ reads

  async list(
    projectSlug: string,
    articleSlug: string,
    localeParam: string,
    query: SegmentListQuery,
  ): Promise<Page<SegmentDto>> {
    const scope = await this.scope(projectSlug, articleSlug, localeParam);
    const limit = query.limit ?? DEFAULT_PAGE_LIMIT;
    const after = decodeCursor(query.cursor, isPositionCursor)?.p ?? -1;
    const states = query.state ? query.state.split(',') : null;
    const rows = await this.dataSource.query<StoredSegment[]>(
      `SELECT ${SEGMENT_COLUMNS} ${SEGMENT_FROM}
        WHERE s.version_id = $3 AND s.position > $4
          AND ($5::text[] IS NULL OR COALESCE(t.state, 'untranslated') = ANY($5::text[]))
        ORDER BY s.position LIMIT $6`,
      [scope.articleId, scope.locale, scope.versionId, after, states, limit + 1],
    );
    const page = toPage(rows, limit, (last) => ({ p: last.position }));
    const items = await this.decorate(this.dataSource.manager, scope, page.items);
    items.forEach((row) => this.rememberSegment(scope, row));
    return { items, nextCursor: page.nextCursor };
  }

  async get(
    projectSlug: string,
    articleSlug: string,
    localeParam: string,
    id: string,
  ): Promise<SegmentDto> {
    const scope = await this.scope(projectSlug, articleSlug, localeParam);
    const segment = await this.readSegment(this.dataSource.manager, scope, id);
    if (!segment) throw await this.missingSegment(scope, id);
    this.rememberSegment(scope, segment);
    return segment;
  }

  /**
   * What a segment read shows beyond the stored row, for one page at a time: `changeRisk`
   * between the English the target was written against and the current English, the checks
   * of the current target against the current source (the glossary fetched once per call, the
   * checks themselves pure), and the untranslated repeats of each source text.
   */
  private async decorate(
    manager: EntityManager,
    scope: SegmentScope,
    rows: readonly StoredSegment[],
    /** Checks already run on (source, target) pairs of these rows, by segment id. */
    known: ReadonlyMap<string, { target: string; checks: CheckResult[] }> = new Map(),
  ): Promise<SegmentDto[]> {
    if (rows.length === 0) return [];
    const changed = rows.filter((r) => r.baseSource !== null && r.baseSource !== r.source);
    const translated = rows.some((r) => r.target !== null);
    const [glossaryTerms, glossary, repeats] = await Promise.all([
      changed.length === 0
        ? []
        : this.glossary.sourceTermsIn(
            scope.project.id,
            changed.flatMap((r) => [r.source, r.baseSource ?? '']),
            manager,
          ),
      // Read fresh (not the save path's few-second cache): a term added a moment ago shows.
      translated ? this.glossary.entriesFor(scope.project.id, scope.locale, manager) : [],
      this.untranslatedCounts(manager, scope, rows),
    ]);
    const sourceLocale = scope.project.sourceLocale;
    const entriesIn = glossaryPrefilter(glossary);
    const checksOf = (row: StoredSegment): CheckResult[] => {
      if (row.target === null) return [];
      const ran = known.get(row.id);
      if (ran?.target === row.target) return ran.checks;
      return runChecks({
        source: row.source,
        target: row.target,
        sourceLocale,
        targetLocale: scope.locale,
        glossary: entriesIn(row.source),
      });
    };
    return rows.map((row) => ({
      ...row,
      previousSource: row.baseSource,
      changeRisk:
        row.baseSource === null || row.baseSource === row.source
          ? null
          : classifyChange(row.baseSource, row.source, { locale: sourceLocale, glossaryTerms }),
      checks: checksOf(row),
      repeats: Math.max(0, (repeats.get(row.source) ?? 0) - (row.state === 'untranslated' ? 1 : 0)),
    }));
  }

  /**
   * Source texts that occur more than once in the scope's version. Versions are immutable, so
   * this is read once per version and process; saves of a sentence that does not repeat (the
   * usual case) then pay nothing for `repeats` and propagation.
   */
  private async repeatedTexts(scope: SegmentScope): Promise<ReadonlySet<string>> {
    const key = cacheKey(scope.articleId, scope.currentVersion);
    const known = this.repeatedTextHints.get(key);
    if (known) return known;
    const rows = await this.dataSource.query<Array<{ text: string }>>(
      `SELECT s.text FROM source_segments s
         JOIN source_versions v ON v.id = s.version_id
        WHERE v.article_id = $1 AND v.version = $2
        GROUP BY s.text HAVING count(*) > 1`,
      [scope.articleId, scope.currentVersion],
    );
    const texts = new Set(rows.map((r) => r.text));
    this.repeatedTextHints.set(key, texts);
    return texts;
  }

  /** Untranslated segments of the current version per source text, for the texts of `rows`. */
  private async untranslatedCounts(
    manager: EntityManager,
    scope: SegmentScope,
    rows: readonly StoredSegment[],
  ): Promise<Map<string, number>> {
    const repeated = await this.repeatedTexts(scope);
    const texts = [...new Set(rows.map((r) => r.source))].filter((text) => repeated.has(text));
    if (texts.length === 0) return new Map();
    const counts = await manager.query<Array<{ text: string; n: number }>>(
      `SELECT s.text, count(*)::int AS n
         FROM source_segments s
         LEFT JOIN translations t ON t.article_id = $1 AND t.locale = $2 AND t.segment_key = s.key
        WHERE s.version_id = $3 AND s.text = ANY($4::text[])
          AND COALESCE(t.state, 'untranslated') = 'untranslated'
        GROUP BY s.text`,
      [scope.articleId, scope.locale, scope.versionId, texts],
    );
    return new Map(counts.map((c) => [c.text, c.n]));
  }

  /**
   * Keeps the source side of a segment the client has just read, so that its save (which an
   * editor sends next) needs no lookup. Immutable per (article, version, key).
   */
  private rememberSegment(scope: SegmentScope, row: SegmentRow): void {
    const { id, position, kind, source, changeRisk } = row;
    this.segmentHints.set(cacheKey(scope.articleId, scope.currentVersion, id), {
      id,
      position,
      kind,
      source,
      changeRisk,
    });
  }

  /**
   * Every revision of the segment's lineage, newest first: its own, then those of the segment
   * its translation was carried from when the English changed (up to the carried revision),
   * and so on back to the first translation.
   */
  async history(
    projectSlug: string,
    articleSlug: string,
    localeParam: string,
    id: string,
    page: { limit?: number; cursor?: string },
  ): Promise<Page<HistoryItemDto>> {
    const scope = await this.scope(projectSlug, articleSlug, localeParam);
    await this.requireKnownKey(scope, id);
    const limit = page.limit ?? DEFAULT_PAGE_LIMIT;
    const cursor = decodeCursor(page.cursor, isHistoryCursor);
    const after: LineagePosition | null = cursor && { depth: cursor.d ?? 0, revision: cursor.r };
    const steps = await this.lineage(this.dataSource.manager, scope, id);
    const rows = await this.dataSource.query<Array<HistoryItemDto & { depth: number }>>(
      `SELECT r.segment_key AS "segmentId", r.revision, r.source_version AS "sourceVersion",
              r.target, r.state, r.source_text AS "sourceText",
              CASE WHEN u.id IS NULL THEN NULL ELSE json_build_object('id', u.id, 'name', u.name) END AS author,
              r.created_at AS "createdAt", r.comment, r.action, r.origin, r.checks, l.depth
         FROM unnest($3::text[], $4::int[], $5::int[]) AS l(key, depth, up_to)
         JOIN translation_revisions r
           ON r.article_id = $1 AND r.locale = $2 AND r.segment_key = l.key
          AND (l.up_to IS NULL OR r.revision <= l.up_to)
         LEFT JOIN users u ON u.id = r.author_id
        WHERE $6::int IS NULL OR l.depth > $6 OR (l.depth = $6 AND r.revision < $7)
        ORDER BY l.depth, r.revision DESC LIMIT $8`,
      [
        scope.articleId,
        scope.locale,
        steps.map((step) => step.key),
        steps.map((step) => step.depth),
        steps.map((step) => step.upTo),
        after?.depth ?? null,
        after?.revision ?? null,
        limit + 1,
      ],
    );
    const { items, nextCursor } = toPage(rows, limit, (last) => ({
      d: last.depth,
      r: last.revision,
    }));
    return { items: items.map(({ depth: _depth, ...item }) => item), nextCursor };
  }

  /** The lineage of a segment's translation in this locale (lineage.ts). */
  private async lineage(
    manager: EntityManager,
    scope: SegmentScope,
    id: string,
  ): Promise<LineageStep[]> {
    const links = await manager.query<LineageLink[]>(
      `WITH RECURSIVE chain AS (
         SELECT segment_key, predecessor_key, predecessor_revision, 0 AS depth,
                ARRAY[segment_key] AS path
           FROM translations WHERE article_id = $1 AND locale = $2 AND segment_key = $3
         UNION ALL
         SELECT t.segment_key, t.predecessor_key, t.predecessor_revision, c.depth + 1,
                c.path || t.segment_key
           FROM chain c
           -- A lateral probe (OFFSET 0 keeps it one) so the key is always an index condition:
           -- as a plain join, a table without statistics got a scan of the whole (article,
           -- locale) filtered by key, on every review.
           CROSS JOIN LATERAL (
             SELECT t.segment_key, t.predecessor_key, t.predecessor_revision FROM translations t
              WHERE t.article_id = $1 AND t.locale = $2 AND t.segment_key = c.predecessor_key
             OFFSET 0
           ) t
          WHERE NOT t.segment_key = ANY(c.path) AND c.depth < $4
       )
       SELECT segment_key AS key, predecessor_key AS "predecessorKey",
              predecessor_revision AS "predecessorRevision"
         FROM chain ORDER BY depth`,
      [scope.articleId, scope.locale, id, MAX_LINEAGE_DEPTH],
    );
    return lineageSteps(id, links);
  }

  async comments(
    projectSlug: string,
    articleSlug: string,
    localeParam: string,
    id: string,
  ): Promise<CommentDto[]> {
    const scope = await this.scope(projectSlug, articleSlug, localeParam);
    await this.requireKnownKey(scope, id);
    return this.dataSource.query<CommentDto[]>(
      `SELECT c.id, c.body, json_build_object('id', u.id, 'name', u.name) AS author, c.created_at AS "createdAt"
         FROM segment_comments c JOIN users u ON u.id = c.author_id
        WHERE c.article_id = $1 AND c.locale = $2 AND c.segment_key = $3
        ORDER BY c.created_at, c.id`,
      [scope.articleId, scope.locale, id],
    );
  }

  async addComment(
    actor: Actor,
    projectSlug: string,
    articleSlug: string,
    localeParam: string,
    id: string,
    body: string,
  ): Promise<CommentDto> {
    const scope = await this.scope(projectSlug, articleSlug, localeParam);
    await this.requireKnownKey(scope, id);
    const [row] = await this.dataSource.query<Array<{ id: string; createdAt: Date }>>(
      `INSERT INTO segment_comments (article_id, locale, segment_key, author_id, body)
       VALUES ($1, $2, $3, $4, $5) RETURNING id, created_at AS "createdAt"`,
      [scope.articleId, scope.locale, id, actor.id, body],
    );
    return {
      id: row.id,
      body,
      author: { id: actor.id, name: actor.name },
      createdAt: row.createdAt,
    };
  }

  // ------------------------------------------------------------------ export reads

  /**
   * The articles of a project an export covers, each with its current version, in slug order:
   * all of them, or those named (404 naming the unknown ones). 404 for an unknown project or
   * a locale that is not one of the project's targets.
   */
  async exportScopes(
    projectSlug: string,
    localeParam: string,
    articleSlugs: readonly string[] | null,
  ): Promise<SegmentScope[]> {
    const project = await this.projects.findBySlug(projectSlug);
    const locale = this.projects.requireTarget(project, localeParam);
    const rows = await this.dataSource.query<
      Array<{ articleId: string; articleSlug: string; currentVersion: number; versionId: string }>
    >(
      `SELECT a.id AS "articleId", a.slug AS "articleSlug", a.current_version AS "currentVersion",
              v.id AS "versionId"
         FROM articles a
         JOIN source_versions v ON v.article_id = a.id AND v.version = a.current_version
        WHERE a.project_id = $1 AND ($2::text[] IS NULL OR a.slug = ANY($2::text[]))
        ORDER BY a.slug`,
      [project.id, articleSlugs],
    );
    if (articleSlugs) {
      const found = new Set(rows.map((row) => row.articleSlug));
      const missing = [...new Set(articleSlugs)].filter((slug) => !found.has(slug));
      if (missing.length === 1)
        throw notFound('Article', { project: projectSlug, article: missing[0] });
      if (missing.length > 1)
        throw new DomainError('NOT_FOUND', `Articles not found: ${missing.join(', ')}`, {
          project: projectSlug,
          articles: missing,
        });
    }
    return rows.map((row) => ({ ...row, project, locale }));
  }

  /** Segments and source words an export of these articles will hold, before it is written. */
  async exportCounts(
    scopes: readonly SegmentScope[],
    states: readonly string[] | null,
  ): Promise<{ segments: number; words: number }> {
    if (scopes.length === 0) return { segments: 0, words: 0 };
    const [row] = await this.dataSource.query<Array<{ segments: number; words: number }>>(
      `SELECT count(*)::int AS segments, COALESCE(sum(s.words), 0)::int AS words
         FROM unnest($1::uuid[], $2::uuid[]) AS x(article_id, version_id)
         JOIN source_segments s ON s.version_id = x.version_id
         LEFT JOIN translations t
           ON t.article_id = x.article_id AND t.locale = $3 AND t.segment_key = s.key
        WHERE $4::text[] IS NULL OR COALESCE(t.state, 'untranslated') = ANY($4::text[])`,
      [scopes.map((s) => s.articleId), scopes.map((s) => s.versionId), scopes[0].locale, states],
    );
    return row;
  }

  /**
   * The segments of an article's current version in document order, as the segment list reads
   * them (checks, change risk), with their source words and comments, a page at a time, so an
   * export of any size holds one page in memory.
   */
  async *exportSegments(
    scope: SegmentScope,
    states: readonly string[] | null,
    pageSize = EXPORT_PAGE,
  ): AsyncGenerator<ExportSegment, void, undefined> {
    let next: Promise<ExportSegment[]> | null = this.exportPage(scope, states, -1, pageSize);
    while (next) {
      const page: ExportSegment[] = await next;
      // The next page is read while this one is written out.
      next =
        page.length === pageSize
          ? this.exportPage(scope, states, page[page.length - 1].position, pageSize)
          : null;
      // A reader that stops early leaves it unread; its failure is then nobody's to report.
      next?.catch(() => undefined);
      yield* page;
    }
  }

  private async exportPage(
    scope: SegmentScope,
    states: readonly string[] | null,
    after: number,
    pageSize: number,
  ): Promise<ExportSegment[]> {
    const rows = await this.dataSource.query<
      Array<StoredSegment & { words: number; storedChecks: CheckResult[] | null }>
    >(
      `SELECT ${SEGMENT_COLUMNS}, s.words,
              CASE WHEN t.source_text = s.text THEN t.checks END AS "storedChecks"
         ${SEGMENT_FROM}
        WHERE s.version_id = $3 AND s.position > $4
          AND ($5::text[] IS NULL OR COALESCE(t.state, 'untranslated') = ANY($5::text[]))
        ORDER BY s.position LIMIT $6`,
      [scope.articleId, scope.locale, scope.versionId, after, states, pageSize],
    );
    if (rows.length === 0) return [];
    // The checks a save ran are those of this target against this English (the glossary as it
    // was then): only targets whose English changed since, and drafts (fuzzy: carried or
    // pretranslated, never checked by a save), are checked again.
    const known = new Map<string, { target: string; checks: CheckResult[] }>();
    for (const row of rows)
      if (row.target !== null && row.storedChecks !== null && row.state !== 'fuzzy')
        known.set(row.id, { target: row.target, checks: row.storedChecks });
    const [segments, comments] = await Promise.all([
      this.decorate(this.dataSource.manager, scope, rows, known),
      this.commentsOf(
        scope,
        rows.map((row) => row.id),
      ),
    ]);
    // decorate() made these objects for this call: completed in place, not copied.
    return segments.map((segment, index) =>
      Object.assign(segment, {
        words: rows[index].words,
        comments: comments.get(segment.id) ?? [],
      }),
    );
  }

  private async commentsOf(
    scope: SegmentScope,
    keys: readonly string[],
  ): Promise<Map<string, Array<{ author: string | null; body: string }>>> {
    const rows = await this.dataSource.query<
      Array<{ key: string; author: string | null; body: string }>
    >(
      // The review comment on the current revision (why it was rejected), then the thread.
      `SELECT key, author, body FROM (
         SELECT r.segment_key AS key, u.name AS author, r.comment AS body, 0 AS rank,
                r.created_at, NULL::uuid AS id
           FROM translations t
           JOIN translation_revisions r ON r.article_id = t.article_id AND r.locale = t.locale
            AND r.segment_key = t.segment_key AND r.revision = t.revision
           LEFT JOIN users u ON u.id = r.author_id
          WHERE t.article_id = $1 AND t.locale = $2 AND t.segment_key = ANY($3::text[])
            AND r.comment IS NOT NULL AND r.comment <> ''
         UNION ALL
         SELECT c.segment_key, u.name, c.body, 1, c.created_at, c.id
           FROM segment_comments c LEFT JOIN users u ON u.id = c.author_id
          WHERE c.article_id = $1 AND c.locale = $2 AND c.segment_key = ANY($3::text[])
       ) notes ORDER BY rank, created_at, id`,
      [scope.articleId, scope.locale, keys],
    );
    const byKey = new Map<string, Array<{ author: string | null; body: string }>>();
    for (const { key, ...comment } of rows) byKey.set(key, [...(byKey.get(key) ?? []), comment]);
    return byKey;
  }

  // ------------------------------------------------------------------ writes

  /**
   * Saves a target against the revision the client read. The segment id names the English the
   * client translated (ids are keys of the source text): an id that is no longer in the current
   * version is 409 SOURCE_CHANGED; a stale revision is 409 TRANSLATION_CONFLICT.
   *
   * Usually one SQL statement (autocommit, so no BEGIN/COMMIT round trips), shared with the
   * saves that arrive at the same time: see SAVE_STATEMENT.
   * The scope comes from in-process hints when possible (save-hints.ts); the statement
   * re-verifies every fact of it under a share lock on the article row, and a save whose scope
   * turned out stale (typically: a source update made a new current version) is retried from a
   * fresh read, where a key that left the current version becomes 409 SOURCE_CHANGED.
   */
  async save(
    actor: Actor,
    projectSlug: string,
    articleSlug: string,
    localeParam: string,
    id: string,
    dto: SaveSegmentDto,
  ): Promise<SavedSegmentDto> {
    for (let attempt = 0; ; attempt++) {
      const hinted =
        attempt === 0 ? await this.hintedScope(projectSlug, articleSlug, localeParam, id) : null;
      const { scope, segment } =
        hinted ?? (await this.freshSegmentScope(projectSlug, articleSlug, localeParam, id));
      const checks = await this.saveChecks(scope, segment.source, dto.target);
      if (hasBlockingFailure(checks)) {
        if (hinted) continue; // refuse only on a fresh read of the project
        throw new DomainError('CHECK_FAILED', 'The translation fails a blocking quality check.', {
          checks: checks.filter((c) => c.severity === 'error'),
          warnings: checks.filter((c) => c.severity === 'warning'),
        });
      }
      const step = transition('untranslated', {
        type: 'save',
        requireReview: scope.project.requireReview,
      });
      if (!step.ok) throw new DomainError(step.code, step.message);
      const state = step.state;

      const outcome = await this.writeSave(actor, scope, id, dto, state, segment, checks);
      if (outcome.kind === 'conflict') throw await this.conflict(scope, id);
      if (outcome.kind === 'stale') {
        this.scopeHints.delete(cacheKey(projectSlug, articleSlug));
        if (attempt >= MAX_SAVE_ATTEMPTS - 1) throw this.sourceChanged(scope, id);
        continue;
      }
      const repeated = (await this.repeatedTexts(scope)).has(segment.source);
      const propagated =
        repeated && (dto.propagate || scope.project.propagateRepeats)
          ? await this.propagate(actor, scope, segment, dto.target, state, checks)
          : [];
      return {
        ...segment,
        baseSource: segment.source,
        previousSource: segment.source,
        changeRisk: null,
        target: dto.target,
        state,
        revision: outcome.revision,
        checks,
        updatedBy: { id: actor.id, name: actor.name },
        updatedAt: outcome.updatedAt,
        repeats: repeated ? await this.repeatsOf(scope, segment.source) : 0,
        propagated,
      };
    }
  }

  /**
   * The checks a save of `target` runs (and the batch review, for approvals): every check of
   * checks/ against `source`, with the project's glossary for the locale (a few-second cache).
   */
  private async saveChecks(
    scope: SegmentScope,
    source: string,
    target: string,
  ): Promise<CheckResult[]> {
    return runChecks({
      source,
      target,
      sourceLocale: scope.project.sourceLocale,
      targetLocale: scope.locale,
      glossary: await this.glossary.entriesForChecks(scope.project.id, scope.locale),
    });
  }

  /**
   * POST .../segments/:id/check: the checks a save of `target` would run, and nothing written.
   * Called as a translator types, so it costs what the start of a save costs: the scope and
   * source from the in-process hints when a read of the segment left them (else one query), the
   * glossary from its cache, the checks pure. An id not in the current version is 409
   * SOURCE_CHANGED (or 404), as for a save.
   */
  async check(
    projectSlug: string,
    articleSlug: string,
    localeParam: string,
    id: string,
    target: string,
  ): Promise<{ checks: CheckResult[] }> {
    const { scope, segment } =
      (await this.hintedScope(projectSlug, articleSlug, localeParam, id)) ??
      (await this.freshSegmentScope(projectSlug, articleSlug, localeParam, id));
    return { checks: await this.saveChecks(scope, segment.source, target) };
  }

  /** Other untranslated occurrences of `source` in the scope's version, besides a saved one. */
  private async repeatsOf(scope: SegmentScope, source: string): Promise<number> {
    const counts = await this.untranslatedCounts(this.dataSource.manager, scope, [
      { source } as StoredSegment,
    ]);
    return counts.get(source) ?? 0;
  }

  /**
   * After a save: fills the other occurrences of the same source text in the article's
   * current version that are untranslated (no row, or a row in state `untranslated`) with the
   * saved target, each as its own revision (origin `human`, action `propagate`, a comment
   * naming the segment it was filled from) with its own checks (those of the save: same source,
   * same target) and `segment.translated` event. A row with any translation is never touched
   * (the UPDATE re-checks the state under its row lock, the INSERT does nothing on conflict).
   * Nothing is filled when the source changed since the save. Returns the filled ids.
   */
  private async propagate(
    actor: Actor,
    scope: SegmentScope,
    segment: SegmentRow,
    target: string,
    state: SegmentState,
    checks: CheckResult[],
  ): Promise<string[]> {
    return this.dataSource.transaction(async (manager) => {
      const [article] = await manager.query<Array<{ current: number }>>(
        `SELECT current_version AS current FROM articles WHERE id = $1 FOR SHARE`,
        [scope.articleId],
      );
      if (article?.current !== scope.currentVersion) return [];
      const filled = await manager.query<Array<{ id: string; revision: number }>>(
        `WITH candidates AS (
           SELECT s.key, t.segment_key IS NULL AS missing
             FROM source_segments s
             LEFT JOIN translations t
               ON t.article_id = $1 AND t.locale = $2 AND t.segment_key = s.key
            WHERE s.version_id = $3 AND s.text = $4 AND s.key <> $5
              AND COALESCE(t.state, 'untranslated') = 'untranslated'
         ),
         updated AS (
           UPDATE translations t
              SET target = $6, state = $7, revision = t.revision + 1, origin = 'human',
                  source_version = $8, source_text = $4, previous_source = NULL, checks = $9,
                  updated_by = $10, translated_by = $10,
                  reviewed_by = CASE WHEN $7 = 'approved' THEN $10::uuid END, updated_at = now()
             FROM candidates c
            WHERE NOT c.missing AND t.article_id = $1 AND t.locale = $2
              AND t.segment_key = c.key AND t.state = 'untranslated'
           RETURNING t.*
         ),
         inserted AS (
           INSERT INTO translations
             (article_id, locale, segment_key, target, state, revision, origin, source_version,
              source_text, checks, updated_by, translated_by, reviewed_by)
           SELECT $1, $2, c.key, $6, $7, 1, 'human', $8, $4, $9, $10, $10,
                  CASE WHEN $7 = 'approved' THEN $10::uuid END
             FROM candidates c WHERE c.missing
           ON CONFLICT (article_id, locale, segment_key) DO NOTHING
           RETURNING *
         ),
         written AS (SELECT * FROM updated UNION ALL SELECT * FROM inserted),
         logged AS (
           INSERT INTO translation_revisions
             (article_id, locale, segment_key, revision, target, state, origin, source_version,
              source_text, author_id, action, comment, checks)
           SELECT article_id, locale, segment_key, revision, target, state, origin,
                  source_version, source_text, $10, 'propagate',
                  'Filled from the same sentence at segment ' || $5, checks
             FROM written
         )
         SELECT segment_key AS id, revision FROM written ORDER BY segment_key`,
        [
          scope.articleId,
          scope.locale,
          scope.versionId,
          segment.source,
          segment.id,
          target,
          state,
          scope.currentVersion,
          JSON.stringify(checks),
          actor.id,
        ],
      );
      if (filled.length === 0) return [];
      await this.outbox.emit(
        manager,
        ...filled.map((row) => ({
          type: 'segment.translated',
          payload: {
            ...this.eventBase(scope),
            locale: scope.locale,
            segmentId: row.id,
            revision: row.revision,
            state,
            authorId: actor.id,
            propagatedFrom: segment.id,
          },
        })),
      );
      if (state === 'approved') {
        await this.memory.recordApprovals(
          manager,
          this.approvedIn(
            scope,
            scope.versionId,
            filled.map((row) => row.id),
            actor,
          ),
        );
        await this.emitIfLocaleApproved(manager, scope);
      }
      return filled.map((row) => row.id);
    });
  }

  /**
   * Runs SAVE_STATEMENT. Concurrent saves share one statement through `saveBatcher`. A save
   * that approves (requireReview off) runs alone, in a transaction with the locale-approved
   * check, so that exactly one transaction sees a locale complete.
   */
  private async writeSave(
    actor: Actor,
    scope: SegmentScope,
    id: string,
    dto: SaveSegmentDto,
    state: SegmentState,
    segment: SegmentRow,
    checks: CheckResult[],
  ): Promise<SaveOutcome> {
    const input: SaveInput = {
      articleId: scope.articleId,
      locale: scope.locale,
      segmentKey: id,
      baseRevision: dto.revision,
      target: dto.target,
      state,
      sourceVersion: scope.currentVersion,
      sourceText: segment.source,
      checks: JSON.stringify(checks),
      authorId: actor.id,
      requireReview: scope.project.requireReview,
      sourceLocale: scope.project.sourceLocale,
      event: JSON.stringify({
        ...this.eventBase(scope),
        locale: scope.locale,
        segmentId: id,
        state,
        authorId: actor.id,
      }),
    };
    if (state !== 'approved') {
      const settled = await this.saveBatcher.submit(input);
      if (settled.status === 'rejected') throw settled.reason;
      return saveOutcome(settled.value);
    }
    return this.dataSource.transaction(async (manager) => {
      const [row] = await manager.query<SaveRow[]>(SAVE_STATEMENT, saveParams([input]));
      const done = saveOutcome(row);
      if (done.kind === 'saved') {
        // requireReview off: the save is the approval, and the memory learns it with it.
        await this.memory.recordApprovals(
          manager,
          this.approvedIn(scope, scope.versionId, [id], actor),
        );
        await this.emitIfLocaleApproved(manager, scope);
      }
      return done;
    });
  }

  /**
   * One batch of saves as one statement. Should the statement fail as a whole (a deadlock
   * with another server's batch, say), each save runs again on its own, so one save's error
   * never becomes another's.
   */
  private async runSaveBatch(
    batch: SaveInput[],
  ): Promise<Array<PromiseSettledResult<SaveRow | undefined>>> {
    // A named (prepared) statement: parsed and planned once per connection, not per batch.
    const run = (saves: SaveInput[]) =>
      queryPrepared<SaveRow>(this.dataSource, 'tms_save', SAVE_STATEMENT, saveParams(saves));
    try {
      const rows = await run(batch);
      return batch.map((_, i) => ({ status: 'fulfilled', value: rows[i] }));
    } catch (error) {
      if (batch.length === 1) return [{ status: 'rejected', reason: error }];
      return Promise.allSettled(batch.map(async (save) => (await run([save]))[0]));
    }
  }

  /** Scope and segment from the hints, or null (then read them fresh). */
  private async hintedScope(
    projectSlug: string,
    articleSlug: string,
    localeParam: string,
    id: string,
  ): Promise<{ scope: SegmentScope; segment: SegmentRow } | null> {
    const key = cacheKey(projectSlug, articleSlug);
    const hint =
      this.scopeHints.get(key) ??
      (await this.reloadScopeHint(key, projectSlug, articleSlug, localeParam));
    if (!hint) return null;
    const segment = this.segmentHints.get(cacheKey(hint.articleId, hint.currentVersion, id));
    if (!segment) return null;
    const canonical = canonicalLocale(localeParam);
    if (!canonical || !hint.project.targetLocales.includes(canonical)) return null;
    return { scope: { ...hint, locale: canonical }, segment };
  }

  /**
   * Reads a route scope again when its hint has expired. The saves that find it expired at the
   * same moment (every editor of a busy article) share this one read instead of each making
   * their own. Null when the read fails: the caller then reads fresh and reports the error.
   */
  private reloadScopeHint(
    key: string,
    projectSlug: string,
    articleSlug: string,
    localeParam: string,
  ): Promise<Omit<SegmentScope, 'locale'> | null> {
    return this.scopeReloads.run(key, () =>
      this.scope(projectSlug, articleSlug, localeParam)
        .then(({ locale: _locale, segment: _segment, ...scope }) => scope)
        .catch(() => null),
    );
  }

  /** Scope and segment of the current version read now (and remembered as hints), or 409/404. */
  private async freshSegmentScope(
    projectSlug: string,
    articleSlug: string,
    localeParam: string,
    id: string,
  ): Promise<{ scope: SegmentScope; segment: SegmentRow }> {
    const { segment, ...scope } = await this.scope(projectSlug, articleSlug, localeParam, id);
    if (!segment) throw await this.missingSegment(scope, id);
    this.rememberSegment(scope, segment);
    return { scope, segment };
  }

  async review(
    actor: Actor,
    projectSlug: string,
    articleSlug: string,
    localeParam: string,
    id: string,
    dto: ReviewSegmentDto,
  ): Promise<SegmentDto> {
    const { scope, segment } = await this.freshSegmentScope(
      projectSlug,
      articleSlug,
      localeParam,
      id,
    );
    const outcome = await this.dataSource.transaction(async (manager) => {
      // Like a save, a review holds the article against a concurrent source update, so it
      // never lands on a segment that update is dropping.
      await manager.query(`SELECT 1 FROM articles WHERE id = $1 FOR SHARE`, [scope.articleId]);
      const [row] = await manager.query<
        Array<{ state: string; revision: number; target: string; translatedBy: string | null }>
      >(
        `SELECT state, revision, target, translated_by AS "translatedBy" FROM translations
          WHERE article_id = $1 AND locale = $2 AND segment_key = $3 FOR UPDATE`,
        [scope.articleId, scope.locale, id],
      );
      const versionId = await this.requireCurrent(manager, scope, id);
      if (dto.revision !== (row?.revision ?? 0)) return 'conflict';
      const from: SegmentState = row && isSegmentState(row.state) ? row.state : 'untranslated';
      const step = transition(from, {
        type: 'review',
        decision: dto.decision,
        requireReview: scope.project.requireReview,
        ownRevision:
          dto.decision === 'approve' &&
          scope.project.requireReview &&
          row !== undefined &&
          (row.translatedBy === actor.id ||
            (
              await this.wroteUnderReview(manager, scope, new Map([[id, row.target]]), actor.id)
            ).has(id)),
      });
      if (!step.ok) throw new DomainError(step.code, step.message, { state: from });
      if (step.state === 'approved' && row) {
        // What cannot be saved cannot be approved either (a draft written before a check
        // existed, say): the checks a save runs, against the current English.
        const checks = await this.saveChecks(scope, segment.source, row.target);
        if (hasBlockingFailure(checks)) {
          throw new DomainError('CHECK_FAILED', 'The translation fails a blocking quality check.', {
            checks: checks.filter((c) => c.severity === 'error'),
            warnings: checks.filter((c) => c.severity === 'warning'),
          });
        }
      }
      const [updated] = await manager.query<Array<{ revision: number }>>(
        `WITH updated AS (
           UPDATE translations
              SET state = $4, revision = revision + 1, reviewed_by = $5, updated_by = $5,
                  updated_at = now()
            WHERE article_id = $1 AND locale = $2 AND segment_key = $3
           RETURNING *
         ),
         logged AS (
           INSERT INTO translation_revisions
             (article_id, locale, segment_key, revision, target, state, origin, source_version,
              source_text, author_id, action, comment, checks)
           SELECT article_id, locale, segment_key, revision, target, state, origin, source_version,
                  source_text, $5, $6, $7, checks FROM updated
         )
         SELECT revision FROM updated`,
        [
          scope.articleId,
          scope.locale,
          id,
          step.state,
          actor.id,
          dto.decision,
          dto.comment ?? null,
        ],
      );
      await this.outbox.emit(manager, {
        type: 'segment.reviewed',
        payload: {
          ...this.eventBase(scope),
          locale: scope.locale,
          segmentId: id,
          revision: updated.revision,
          decision: dto.decision,
          state: step.state,
          reviewerId: actor.id,
          comment: dto.comment ?? null,
        },
      });
      if (step.state === 'approved') {
        await this.memory.recordApprovals(manager, this.approvedIn(scope, versionId, [id], actor));
        await this.emitIfLocaleApproved(manager, scope);
      }
      if (step.state === 'rejected' && row) {
        // Text approved before and rejected now ranks below current entries in the memory.
        await this.memory.demoteRejected(manager, scope.articleId, scope.locale, [
          { key: id, target: row.target },
        ]);
      }
      // Read back under the article lock, from the version requireCurrent found current.
      return (await this.readSegment(manager, { ...scope, versionId }, id)) as SegmentDto;
    });
    if (outcome === 'conflict') throw await this.conflict(scope, id);
    return outcome;
  }

  /**
   * POST .../review: one decision on many segments, each under the rules of a single review
   * (its revision must be the current one, only `translated` can be reviewed, no approval of
   * one's own text unless requireReview is off, and, to approve, no blocking check failing
   * against the current English). An item that breaks a rule is reported and left as it was;
   * the others are reviewed, all in one transaction with a fixed number of statements: each
   * reviewed segment gets its revision row and `segment.reviewed` event, as a single review,
   * and `locale.approved` is emitted once when the batch completes the locale.
   */
  async reviewMany(
    actor: Actor,
    projectSlug: string,
    articleSlug: string,
    localeParam: string,
    dto: ReviewBatchDto,
  ): Promise<ReviewBatchResultDto> {
    const scope = await this.scope(projectSlug, articleSlug, localeParam);
    const ids = dto.items.map((item) => item.id);
    const comment = dto.comment ?? null;
    const { outcomes, failedChecks, ranChecks, versionId } = await this.dataSource.transaction(
      async (manager) => {
        // As a single review: hold the article against a concurrent source update.
        await manager.query(`SELECT 1 FROM articles WHERE id = $1 FOR SHARE`, [scope.articleId]);
        const current = await manager.query<
          Array<{ versionId: string; key: string | null; text: string | null }>
        >(
          `SELECT v.id AS "versionId", s.key, s.text
             FROM articles a
             JOIN source_versions v ON v.article_id = a.id AND v.version = a.current_version
             LEFT JOIN source_segments s ON s.version_id = v.id AND s.key = ANY($2::text[])
            WHERE a.id = $1`,
          [scope.articleId, ids],
        );
        const sourceOf = new Map(
          current.flatMap((r) => (r.key === null ? [] : [[r.key, r.text as string] as const])),
        );
        // Row locks in key order, so two batches over the same segments cannot deadlock.
        const rows = await manager.query<
          Array<{
            key: string;
            state: string;
            revision: number;
            target: string;
            translatedBy: string | null;
          }>
        >(
          `SELECT segment_key AS key, state, revision, target, translated_by AS "translatedBy"
             FROM translations
            WHERE article_id = $1 AND locale = $2 AND segment_key = ANY($3::text[])
            ORDER BY segment_key FOR UPDATE`,
          [scope.articleId, scope.locale, [...sourceOf.keys()]],
        );
        const rowOf = new Map(rows.map((row) => [row.key, row]));
        const outcomes = new Map<string, ReviewOutcome>();
        const failedChecks = new Map<string, CheckResult[]>();
        const ranChecks = new Map<string, { target: string; checks: CheckResult[] }>();
        // Rules in a single review's order: revision, state, authorship; then, to approve,
        // the blocking checks against the current English.
        const approvable = new Map<string, { source: string; target: string }>();
        for (const item of dto.items) {
          const source = sourceOf.get(item.id);
          const row = rowOf.get(item.id);
          if (source === undefined) {
            outcomes.set(item.id, 'not_reviewable');
            continue;
          }
          if (item.revision !== (row?.revision ?? 0)) {
            outcomes.set(item.id, 'conflict');
            continue;
          }
          const from: SegmentState = row && isSegmentState(row.state) ? row.state : 'untranslated';
          const step = transition(from, {
            type: 'review',
            decision: dto.decision,
            requireReview: scope.project.requireReview,
            ownRevision: row?.translatedBy === actor.id,
          });
          if (!step.ok) {
            outcomes.set(item.id, step.code === 'SELF_REVIEW' ? 'self_review' : 'not_reviewable');
            continue;
          }
          outcomes.set(item.id, step.state === 'approved' ? 'approved' : 'rejected');
          if (step.state === 'approved' && row)
            approvable.set(item.id, { source, target: row.target });
        }
        if (scope.project.requireReview) {
          // Authorship beyond the current revision's translator: every lineage in two queries.
          const targets = new Map([...approvable].map(([id, { target }]) => [id, target]));
          for (const id of await this.wroteUnderReview(manager, scope, targets, actor.id)) {
            outcomes.set(id, 'self_review');
            approvable.delete(id);
          }
        }
        for (const [id, { source, target }] of approvable) {
          const checks = await this.saveChecks(scope, source, target);
          ranChecks.set(id, { target, checks });
          if (!hasBlockingFailure(checks)) continue;
          outcomes.set(id, 'check_failed');
          failedChecks.set(
            id,
            checks.filter((c) => c.severity === 'error'),
          );
        }

        const reviewed = ids.filter((id) => {
          const outcome = outcomes.get(id);
          return outcome === 'approved' || outcome === 'rejected';
        });
        const state: SegmentState = dto.decision === 'approve' ? 'approved' : 'rejected';
        const updated =
          reviewed.length === 0
            ? []
            : await manager.query<Array<{ id: string; revision: number }>>(
                `WITH updated AS (
                   UPDATE translations
                      SET state = $4, revision = revision + 1, reviewed_by = $5, updated_by = $5,
                          updated_at = now()
                    WHERE article_id = $1 AND locale = $2 AND segment_key = ANY($3::text[])
                   RETURNING *
                 ),
                 logged AS (
                   INSERT INTO translation_revisions
                     (article_id, locale, segment_key, revision, target, state, origin,
                      source_version, source_text, author_id, action, comment, checks)
                   SELECT article_id, locale, segment_key, revision, target, state, origin,
                          source_version, source_text, $5, $6, $7, checks FROM updated
                 )
                 SELECT segment_key AS id, revision FROM updated`,
                [scope.articleId, scope.locale, reviewed, state, actor.id, dto.decision, comment],
              );
        const revisionOf = new Map(updated.map((row) => [row.id, row.revision]));
        await this.outbox.emit(
          manager,
          ...reviewed.map((id) => ({
            type: 'segment.reviewed',
            payload: {
              ...this.eventBase(scope),
              locale: scope.locale,
              segmentId: id,
              revision: revisionOf.get(id),
              decision: dto.decision,
              state,
              reviewerId: actor.id,
              comment,
            },
          })),
        );
        if (state === 'rejected') {
          await this.memory.demoteRejected(
            manager,
            scope.articleId,
            scope.locale,
            reviewed.map((id) => ({ key: id, target: rowOf.get(id)?.target ?? '' })),
          );
        }
        if (state === 'approved' && reviewed.length > 0) {
          await this.memory.recordApprovals(
            manager,
            this.approvedIn(scope, current[0]?.versionId ?? scope.versionId, reviewed, actor),
          );
          await this.emitIfLocaleApproved(manager, scope);
        }
        return {
          outcomes,
          failedChecks,
          ranChecks,
          versionId: current[0]?.versionId ?? scope.versionId,
        };
      },
    );
    // The segments as they are now, read once after the commit.
    const rows = await this.dataSource.query<StoredSegment[]>(
      `SELECT ${SEGMENT_COLUMNS} ${SEGMENT_FROM}
        WHERE s.version_id = $3 AND s.key = ANY($4::text[]) ORDER BY s.position`,
      [scope.articleId, scope.locale, versionId, ids],
    );
    // The checks just run are those of the approved targets against the same English.
    const segments = await this.decorate(
      this.dataSource.manager,
      { ...scope, versionId },
      rows,
      ranChecks,
    );
    const segmentOf = new Map(segments.map((segment) => [segment.id, segment]));
    const results = dto.items.map((item): ReviewItemResultDto => {
      const outcome = outcomes.get(item.id) ?? 'not_reviewable';
      const segment = segmentOf.get(item.id);
      const checks = failedChecks.get(item.id);
      return { id: item.id, outcome, ...(segment && { segment }), ...(checks && { checks }) };
    });
    const count = (outcome: ReviewOutcome) => results.filter((r) => r.outcome === outcome).length;
    const approved = count('approved');
    const rejected = count('rejected');
    return { approved, rejected, failed: results.length - approved - rejected, results };
  }

  /**
   * Targets from an interchange file (import), as translator saves of many segments in one
   * transaction (the caller's, when it passes `manager`, so an atomic import spans batches):
   * each unit under a save's rules: the segment must be in the current version with the
   * English the file carries (else skipped UNKNOWN_SEGMENT / SOURCE_CHANGED), the file's
   * revision must be the current one unless `force` (else CONFLICT), no blocking check may fail
   * (else CHECK_FAILED). A target equal to the stored one is `unchanged`, unless the stored one
   * is fuzzy or untranslated (the file confirms it). Written units become `translated` whatever
   * the project's requireReview (an import never approves: a reviewer does), with origin
   * `import`, a revision row (action `import`, the importer as author) and a
   * `segment.translated` event; the memory learns nothing, since nothing is approved.
   */
  async importUnits(
    manager: EntityManager | null,
    actor: Actor,
    projectSlug: string,
    articleSlug: string,
    localeParam: string,
    units: readonly ImportUnitInput[],
    options: ImportUnitsOptions,
  ): Promise<ImportUnitOutcome[]> {
    const scope = await this.scope(projectSlug, articleSlug, localeParam);
    if (units.length === 0) return [];
    const glossary = await this.glossary.entriesForChecks(scope.project.id, scope.locale);
    const run = (m: EntityManager) =>
      this.importInTransaction(m, actor, scope, units, options, glossary);
    return manager ? run(manager) : this.dataSource.transaction(run);
  }

  private async importInTransaction(
    manager: EntityManager,
    actor: Actor,
    scope: SegmentScope,
    units: readonly ImportUnitInput[],
    options: ImportUnitsOptions,
    glossary: Awaited<ReturnType<GlossaryService['entriesForChecks']>>,
  ): Promise<ImportUnitOutcome[]> {
    const ids = units.map((unit) => unit.id);
    // As a save: hold the article against a concurrent source update.
    const current = await manager.query<
      Array<{ version: number; key: string | null; text: string | null }>
    >(
      `SELECT a.current_version AS version, s.key, s.text
         FROM articles a
         JOIN source_versions v ON v.article_id = a.id AND v.version = a.current_version
         LEFT JOIN source_segments s ON s.version_id = v.id AND s.key = ANY($2::text[])
        WHERE a.id = $1
        FOR SHARE OF a`,
      [scope.articleId, ids],
    );
    const version = current[0]?.version ?? scope.currentVersion;
    const sourceOf = new Map(
      current.flatMap((r) => (r.key === null ? [] : [[r.key, r.text as string] as const])),
    );
    const missing = ids.filter((id) => !sourceOf.has(id));
    const older = new Set(
      missing.length === 0
        ? []
        : (
            await manager.query<Array<{ key: string }>>(
              `SELECT DISTINCT s.key FROM source_versions v
                 JOIN source_segments s ON s.version_id = v.id
                WHERE v.article_id = $1 AND s.key = ANY($2::text[])`,
              [scope.articleId, missing],
            )
          ).map((r) => r.key),
    );
    // Row locks in key order, so two imports (or a batch review) cannot deadlock.
    const rows = await manager.query<
      Array<{ key: string; state: string; revision: number; target: string | null }>
    >(
      `SELECT segment_key AS key, state, revision, target FROM translations
        WHERE article_id = $1 AND locale = $2 AND segment_key = ANY($3::text[])
        ORDER BY segment_key FOR UPDATE`,
      [scope.articleId, scope.locale, [...sourceOf.keys()]],
    );
    const rowOf = new Map(rows.map((row) => [row.key, row]));
    const outcomes: ImportUnitOutcome[] = [];
    const writes: Array<{
      id: string;
      target: string;
      source: string;
      checks: CheckResult[];
      exists: boolean;
    }> = [];
    for (const unit of units) {
      const source = sourceOf.get(unit.id);
      if (source === undefined) {
        outcomes.push(
          older.has(unit.id)
            ? {
                id: unit.id,
                outcome: 'skipped',
                code: 'SOURCE_CHANGED',
                message:
                  'The segment is not in the current source version: its English changed since the export.',
              }
            : {
                id: unit.id,
                outcome: 'skipped',
                code: 'UNKNOWN_SEGMENT',
                message: 'No segment of this article has this id.',
              },
        );
        continue;
      }
      if (unit.source !== null && unit.source !== source) {
        outcomes.push({
          id: unit.id,
          outcome: 'skipped',
          code: 'SOURCE_CHANGED',
          message: 'The English in the file is not the current English of this segment.',
        });
        continue;
      }
      const row = rowOf.get(unit.id);
      const stored = row?.state ?? 'untranslated';
      if (row?.target === unit.target && stored !== 'fuzzy' && stored !== 'untranslated') {
        outcomes.push({ id: unit.id, outcome: 'unchanged' });
        continue;
      }
      const revision = row?.revision ?? 0;
      if (
        !options.force &&
        unit.revision !== revision &&
        !(unit.revision === null && revision === 0)
      ) {
        outcomes.push({
          id: unit.id,
          outcome: 'error',
          code: 'CONFLICT',
          message:
            unit.revision === null
              ? `The file does not say which revision it was based on, and the segment has revision ${revision}; nothing was overwritten.`
              : `The segment changed since the export (revision ${unit.revision} in the file, ${revision} now); nothing was overwritten.`,
          details: {
            fileRevision: unit.revision,
            currentRevision: revision,
            currentTarget: row?.target ?? null,
          },
        });
        continue;
      }
      const checks = runChecks({
        source,
        target: unit.target,
        sourceLocale: scope.project.sourceLocale,
        targetLocale: scope.locale,
        glossary,
      });
      if (hasBlockingFailure(checks)) {
        outcomes.push({
          id: unit.id,
          outcome: 'error',
          code: 'CHECK_FAILED',
          message: 'The translation fails a blocking quality check.',
          details: { checks: checks.filter((c) => c.severity === 'error') },
        });
        continue;
      }
      writes.push({ id: unit.id, target: unit.target, source, checks, exists: row !== undefined });
      outcomes.push({ id: unit.id, outcome: 'updated', revision: revision + 1 });
    }
    if (writes.length === 0) return outcomes;
    const written = await manager.query<Array<{ id: string; revision: number }>>(
      `WITH input AS MATERIALIZED (
         SELECT * FROM unnest($3::text[], $4::text[], $5::text[], $6::jsonb[], $7::boolean[])
           AS i(key, target, source_text, checks, present)
       ),
       updated AS (
         UPDATE translations t
            SET target = i.target, state = 'translated', revision = t.revision + 1,
                origin = 'import', source_version = $8, source_text = i.source_text,
                previous_source = NULL, checks = i.checks, updated_by = $9, translated_by = $9,
                reviewed_by = NULL, updated_at = now()
           FROM input i
          WHERE i.present AND t.article_id = $1 AND t.locale = $2 AND t.segment_key = i.key
         RETURNING t.*
       ),
       inserted AS (
         INSERT INTO translations
           (article_id, locale, segment_key, target, state, revision, origin, source_version,
            source_text, checks, updated_by, translated_by)
         SELECT $1, $2, i.key, i.target, 'translated', 1, 'import', $8, i.source_text, i.checks,
                $9, $9
           FROM input i WHERE NOT i.present
         ON CONFLICT (article_id, locale, segment_key) DO NOTHING
         RETURNING *
       ),
       written AS (SELECT * FROM updated UNION ALL SELECT * FROM inserted),
       logged AS (
         INSERT INTO translation_revisions
           (article_id, locale, segment_key, revision, target, state, origin, source_version,
            source_text, author_id, action, checks)
         SELECT article_id, locale, segment_key, revision, target, state, origin, source_version,
                source_text, $9, 'import', checks FROM written
       )
       SELECT segment_key AS id, revision FROM written`,
      [
        scope.articleId,
        scope.locale,
        writes.map((w) => w.id),
        writes.map((w) => w.target),
        writes.map((w) => w.source),
        writes.map((w) => JSON.stringify(w.checks)),
        writes.map((w) => w.exists),
        version,
        actor.id,
      ],
    );
    const revisionOf = new Map(written.map((row) => [row.id, row.revision]));
    await this.outbox.emit(
      manager,
      ...written.map((row) => ({
        type: 'segment.translated',
        payload: {
          ...this.eventBase(scope),
          locale: scope.locale,
          segmentId: row.id,
          revision: row.revision,
          state: 'translated',
          authorId: actor.id,
          origin: 'import',
        },
      })),
    );
    // A row inserted by someone else between our read and our insert: theirs stands.
    return outcomes.map((outcome) => {
      if (outcome.outcome !== 'updated') return outcome;
      const revision = revisionOf.get(outcome.id);
      return revision === undefined
        ? {
            id: outcome.id,
            outcome: 'error',
            code: 'CONFLICT',
            message:
              'The segment was translated by someone else during the import; nothing was overwritten.',
          }
        : { ...outcome, revision };
    });
  }

  /** What the memory records of approvals in `scope` (memory.service.ts). */
  private approvedIn(
    scope: SegmentScope,
    versionId: string,
    keys: string[],
    actor: Actor,
  ): ApprovedSegments {
    return {
      projectId: scope.project.id,
      sourceLocale: scope.project.sourceLocale,
      targetLocale: scope.locale,
      articleId: scope.articleId,
      versionId,
      keys,
      approverId: actor.id,
    };
  }

  /**
   * Of `targets` (segment id → the target under review), the ids whose text `actorId` wrote
   * (workflow.ts), judged on each segment's lineage, under the review's row locks. Two queries
   * however many segments: a single review and a batch of thousands decide alike.
   */
  private async wroteUnderReview(
    manager: EntityManager,
    scope: SegmentScope,
    targets: ReadonlyMap<string, string>,
    actorId: string,
  ): Promise<Set<string>> {
    if (targets.size === 0) return new Set();
    const ids = [...targets.keys()];
    const links = await manager.query<Array<LineageLink & { root: string }>>(
      `WITH RECURSIVE chain AS (
         SELECT segment_key AS root, segment_key, predecessor_key, predecessor_revision,
                0 AS depth, ARRAY[segment_key] AS path
           FROM translations
          WHERE article_id = $1 AND locale = $2 AND segment_key = ANY($3::text[])
         UNION ALL
         SELECT c.root, t.segment_key, t.predecessor_key, t.predecessor_revision, c.depth + 1,
                c.path || t.segment_key
           FROM chain c
           -- One index probe per step (see lineage()).
           CROSS JOIN LATERAL (
             SELECT t.segment_key, t.predecessor_key, t.predecessor_revision FROM translations t
              WHERE t.article_id = $1 AND t.locale = $2 AND t.segment_key = c.predecessor_key
             OFFSET 0
           ) t
          WHERE NOT t.segment_key = ANY(c.path) AND c.depth < $4
       )
       SELECT root, segment_key AS key, predecessor_key AS "predecessorKey",
              predecessor_revision AS "predecessorRevision"
         FROM chain ORDER BY root, depth`,
      [scope.articleId, scope.locale, ids, MAX_LINEAGE_DEPTH],
    );
    const linksOf = new Map<string, LineageLink[]>();
    for (const { root, ...link } of links) {
      const list = linksOf.get(root);
      if (list) list.push(link);
      else linksOf.set(root, [link]);
    }
    const steps = ids.flatMap((id, n) =>
      lineageSteps(id, linksOf.get(id) ?? []).map((step) => ({ ...step, n })),
    );
    const revisions = await manager.query<Array<AuthoredRevision & { n: number }>>(
      `SELECT l.n, r.author_id AS "authorId", r.action, r.state, r.target
         FROM unnest($3::int[], $4::text[], $5::int[], $6::int[]) AS l(n, key, depth, up_to)
         -- One index probe per lineage step (see lineage()): as a join, the planner without
         -- statistics scanned every revision of the (article, locale) and filtered by key.
         CROSS JOIN LATERAL (
           SELECT r.author_id, r.action, r.state, r.target, r.revision FROM translation_revisions r
            WHERE r.article_id = $1 AND r.locale = $2 AND r.segment_key = l.key
              AND (l.up_to IS NULL OR r.revision <= l.up_to)
           OFFSET 0
         ) r
        ORDER BY l.n, l.depth, r.revision DESC`,
      [
        scope.articleId,
        scope.locale,
        steps.map((step) => step.n),
        steps.map((step) => step.key),
        steps.map((step) => step.depth),
        steps.map((step) => step.upTo),
      ],
    );
    const byItem = new Map<number, AuthoredRevision[]>();
    for (const { n, ...revision } of revisions) {
      const list = byItem.get(n);
      if (list) list.push(revision);
      else byItem.set(n, [revision]);
    }
    return new Set(
      ids.filter((id, n) =>
        wroteTextUnderReview(byItem.get(n) ?? [], actorId, targets.get(id) as string),
      ),
    );
  }

  // ------------------------------------------------------------------ for other modules

  /**
   * Writes pre-filled drafts (draft-statement.ts) inside the caller's transaction, which holds
   * the article FOR SHARE and has verified `batch.version` is current: only segments still
   * untranslated are written, each with a revision (action `pretranslate`); a draft that is
   * `translated` also emits `segment.translated`, so routing opens its review. Returns the
   * written segments.
   */
  async fillDrafts(
    manager: EntityManager,
    batch: DraftBatch,
    event: { projectId: string; project: string; article: string },
  ): Promise<Array<{ key: string; revision: number; state: string }>> {
    if (batch.drafts.length === 0) return [];
    const written = await manager.query<Array<{ key: string; revision: number; state: string }>>(
      DRAFT_STATEMENT,
      draftParams(batch),
    );
    await this.outbox.emit(
      manager,
      ...written
        .filter((row) => row.state === 'translated')
        .map((row) => ({
          type: 'segment.translated',
          payload: {
            ...event,
            articleId: batch.articleId,
            locale: batch.locale,
            segmentId: row.key,
            revision: row.revision,
            state: row.state,
            authorId: batch.authorId,
            pretranslated: true,
          },
        })),
    );
    return written;
  }

  /**
   * Drops this process's scope hint of an article, after its source changed here. (Other
   * processes keep theirs for the hint's few seconds: a save re-verifies the version anyway,
   * and a check in that window runs against the English the client was shown.)
   */
  forgetScope(projectSlug: string, articleSlug: string): void {
    this.scopeHints.delete(cacheKey(projectSlug, articleSlug));
  }

  /**
   * Of `locales`, those whose every segment of the article's current version is approved, seen
   * by `manager`. Takes a per-(article, locale) advisory lock first, so two transactions that
   * each approve a last segment cannot both miss the moment (the second waits and then sees the
   * first's commit). Callers take their row locks before calling this.
   */
  async lockAndFindApprovedLocales(
    manager: EntityManager,
    articleId: string,
    locales: readonly string[],
  ): Promise<{ version: number; locales: string[] }> {
    if (locales.length === 0) return { version: 0, locales: [] };
    await manager.query(
      `SELECT pg_advisory_xact_lock(hashtextextended($1::text || ':' || l.locale, 0))
         FROM (SELECT unnest($2::text[]) AS locale ORDER BY 1) l`,
      [articleId, [...locales]],
    );
    // The state counts (state-counts.ts), not a scan. A transaction that approved a segment
    // holds its counts row from that write to commit, so the other one's count includes it.
    const counts = await readLocaleCounts(manager, articleId, locales);
    return {
      version: counts[0]?.currentVersion ?? 0,
      locales: counts.filter((c) => c.approved === c.total).map((c) => c.locale),
    };
  }

  // ------------------------------------------------------------------ helpers

  private eventBase(scope: SegmentScope): Record<string, unknown> {
    return {
      projectId: scope.project.id,
      project: scope.project.slug,
      articleId: scope.articleId,
      article: scope.articleSlug,
    };
  }

  private async emitIfLocaleApproved(manager: EntityManager, scope: SegmentScope): Promise<void> {
    const approved = await this.lockAndFindApprovedLocales(manager, scope.articleId, [
      scope.locale,
    ]);
    if (approved.locales.length === 0) return;
    await this.outbox.emit(manager, {
      type: 'locale.approved',
      payload: { ...this.eventBase(scope), locale: scope.locale, version: approved.version },
    });
  }

  /**
   * Project, locale, article (current version) and, when `segmentId` is given, that segment of
   * the current version, in one query: this is on the path of every save.
   */
  private async scope(
    projectSlug: string,
    articleSlug: string,
    localeParam: string,
    segmentId: string | null = null,
  ): Promise<SegmentScope & { segment: SegmentRow | null }> {
    const [row] = await this.dataSource.query<
      Array<
        ProjectRecord & {
          articleId: string | null;
          currentVersion: number;
          versionId: string;
          segment: SegmentRow | null;
        }
      >
    >(
      `SELECT p.id, p.slug, p.name, p.source_locale AS "sourceLocale",
              p.publish_policy AS "publishPolicy", p.stale_policy AS "stalePolicy",
              p.require_review AS "requireReview", p.due_days AS "dueDays",
              p.propagate_repeats AS "propagateRepeats", p.shared_memory AS "sharedMemory",
              p.pretranslate_context_as_translated AS "pretranslateContextAsTranslated",
              p.created_at AS "createdAt",
              COALESCE((SELECT array_agg(l.locale ORDER BY l.position, l.locale) FROM project_locales l
                         WHERE l.project_id = p.id AND l.active), '{}') AS "targetLocales",
              a.id AS "articleId", a.current_version AS "currentVersion", v.id AS "versionId",
              CASE WHEN s.key IS NULL THEN NULL ELSE json_build_object(
                'id', s.key, 'position', s.position, 'kind', s.kind, 'source', s.text,
                'changeRisk', s.change_risk) END AS segment
         FROM projects p
         LEFT JOIN articles a ON a.project_id = p.id AND a.slug = $2
         LEFT JOIN source_versions v ON v.article_id = a.id AND v.version = a.current_version
         LEFT JOIN source_segments s ON s.version_id = v.id AND s.key = $3
        WHERE p.slug = $1`,
      [projectSlug, articleSlug, segmentId],
    );
    if (!row) throw notFound('Project', { project: projectSlug });
    const { articleId, currentVersion, versionId, segment, ...project } = row;
    const locale = this.projects.requireTarget(project, localeParam);
    if (!articleId) throw notFound('Article', { project: projectSlug, article: articleSlug });
    this.scopeHints.set(cacheKey(projectSlug, articleSlug), {
      project,
      articleId,
      articleSlug,
      currentVersion,
      versionId,
    });
    return { project, articleId, articleSlug, currentVersion, versionId, locale, segment };
  }

  private async readSegment(
    manager: EntityManager,
    scope: SegmentScope,
    id: string,
  ): Promise<SegmentDto | undefined> {
    const rows = await manager.query<StoredSegment[]>(
      `SELECT ${SEGMENT_COLUMNS} ${SEGMENT_FROM} WHERE s.version_id = $3 AND s.key = $4`,
      [scope.articleId, scope.locale, scope.versionId, id],
    );
    const [row] = await this.decorate(manager, scope, rows);
    return row;
  }

  /**
   * Inside a write, after the row lock: the segment must still be in the current version.
   * Returns the current version's id.
   */
  private async requireCurrent(
    manager: EntityManager,
    scope: SegmentScope,
    id: string,
  ): Promise<string> {
    const [row] = await manager.query<Array<{ versionId: string }>>(
      `SELECT v.id AS "versionId"
         FROM articles a
         JOIN source_versions v ON v.article_id = a.id AND v.version = a.current_version
         JOIN source_segments s ON s.version_id = v.id AND s.key = $2
        WHERE a.id = $1`,
      [scope.articleId, id],
    );
    if (!row) throw this.sourceChanged(scope, id);
    return row.versionId;
  }

  private sourceChanged(scope: SegmentScope, id: string): DomainError {
    return sourceChanged(scope.project.slug, scope.articleSlug, scope.locale, id);
  }

  /** 409 SOURCE_CHANGED when the id belongs to an older version of this article, else 404. */
  private async missingSegment(scope: SegmentScope, id: string): Promise<DomainError> {
    const known = await this.isKnownKey(scope, id);
    return known ? this.sourceChanged(scope, id) : notFound('Segment', { segmentId: id });
  }

  private async isKnownKey(scope: SegmentScope, id: string): Promise<boolean> {
    const [row] = await this.dataSource.query<Array<{ known: boolean }>>(
      `SELECT EXISTS (
         SELECT 1 FROM source_versions v JOIN source_segments s ON s.version_id = v.id
          WHERE v.article_id = $1 AND s.key = $2) AS known`,
      [scope.articleId, id],
    );
    return row.known;
  }

  /** History and comments stay readable for a segment of any version of the article. */
  private async requireKnownKey(scope: SegmentScope, id: string): Promise<void> {
    if (!(await this.isKnownKey(scope, id))) throw notFound('Segment', { segmentId: id });
  }

  private async conflict(scope: SegmentScope, id: string): Promise<DomainError> {
    const current = await this.readSegment(this.dataSource.manager, scope, id);
    return new DomainError(
      'TRANSLATION_CONFLICT',
      'The segment was changed by someone else since you read it; nothing was overwritten.',
      { segment: current ?? null },
    );
  }
}
