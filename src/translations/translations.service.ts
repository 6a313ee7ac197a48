import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../auth/permissions';
import { CheckResult, hasBlockingFailure, runChecks } from '../checks';
import { Batcher } from '../common/batcher';
import { SingleFlight } from '../common/single-flight';
import { queryPrepared } from '../database/prepared';
import { DomainError, notFound } from '../common/domain-error';
import { decodeCursor, DEFAULT_PAGE_LIMIT, Page, toPage } from '../common/pagination';
import { GlossaryService } from '../glossary/glossary.service';
import { OutboxService } from '../jobs/outbox.service';
import { canonicalLocale } from '../languages/language-catalog';
import { ProjectRecord, ProjectsService } from '../projects/projects.service';
import {
  CommentDto,
  HistoryItemDto,
  ReviewSegmentDto,
  SaveSegmentDto,
  SegmentDto,
  SegmentListQuery,
} from './segment.dto';
import { BoundedCache, cacheKey } from './save-hints';
import { sourceChanged } from './source-changed';
import { SAVE_STATEMENT, saveKey, SaveInput, saveParams, SaveRow } from './save-statement';
import { readLocaleCounts } from './state-counts';
import { isSegmentState, SegmentState, transition } from './workflow';

/** Where a segment route points: project, article (current version) and canonical locale. */
interface SegmentScope {
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

const SEGMENT_COLUMNS = `
  s.key AS id, s.position, s.kind, s.text AS source,
  CASE WHEN t.state = 'fuzzy' THEN t.previous_source END AS "previousSource",
  s.change_risk AS "changeRisk", t.target, COALESCE(t.state, 'untranslated') AS state,
  COALESCE(t.revision, 0) AS revision, COALESCE(t.checks, '[]'::jsonb) AS checks,
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
const isRevisionCursor = (v: unknown): v is { r: number } =>
  typeof v === 'object' && v !== null && Number.isInteger((v as { r: unknown }).r);

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
    const rows = await this.dataSource.query<SegmentDto[]>(
      `SELECT ${SEGMENT_COLUMNS} ${SEGMENT_FROM}
        WHERE s.version_id = $3 AND s.position > $4
          AND ($5::text[] IS NULL OR COALESCE(t.state, 'untranslated') = ANY($5::text[]))
        ORDER BY s.position LIMIT $6`,
      [scope.articleId, scope.locale, scope.versionId, after, states, limit + 1],
    );
    rows.forEach((row) => this.rememberSegment(scope, row));
    return toPage(rows, limit, (last) => ({ p: last.position }));
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
    const before = decodeCursor(page.cursor, isRevisionCursor)?.r ?? null;
    const rows = await this.dataSource.query<HistoryItemDto[]>(
      `SELECT r.revision, r.target, r.state, r.source_text AS "sourceText",
              CASE WHEN u.id IS NULL THEN NULL ELSE json_build_object('id', u.id, 'name', u.name) END AS author,
              r.created_at AS "createdAt", r.comment, r.action, r.checks
         FROM translation_revisions r LEFT JOIN users u ON u.id = r.author_id
        WHERE r.article_id = $1 AND r.locale = $2 AND r.segment_key = $3
          AND ($4::int IS NULL OR r.revision < $4)
        ORDER BY r.revision DESC LIMIT $5`,
      [scope.articleId, scope.locale, id, before, limit + 1],
    );
    return toPage(rows, limit, (last) => ({ r: last.revision }));
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
  ): Promise<SegmentDto & { checks: CheckResult[] }> {
    for (let attempt = 0; ; attempt++) {
      const hinted =
        attempt === 0 ? await this.hintedScope(projectSlug, articleSlug, localeParam, id) : null;
      const { scope, segment } =
        hinted ?? (await this.freshSegmentScope(projectSlug, articleSlug, localeParam, id));
      const checks = runChecks({
        source: segment.source,
        target: dto.target,
        sourceLocale: scope.project.sourceLocale,
        targetLocale: scope.locale,
        glossary: await this.glossary.entriesForChecks(scope.project.id, scope.locale),
      });
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
      return {
        ...segment,
        previousSource: null,
        target: dto.target,
        state,
        revision: outcome.revision,
        checks,
        updatedBy: { id: actor.id, name: actor.name },
        updatedAt: outcome.updatedAt,
      };
    }
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
      if (done.kind === 'saved') await this.emitIfLocaleApproved(manager, scope);
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
    const { scope } = await this.freshSegmentScope(projectSlug, articleSlug, localeParam, id);
    const outcome = await this.dataSource.transaction(async (manager) => {
      // Like a save, a review holds the article against a concurrent source update, so it
      // never lands on a segment that update is dropping.
      await manager.query(`SELECT 1 FROM articles WHERE id = $1 FOR SHARE`, [scope.articleId]);
      const [row] = await manager.query<
        Array<{ state: string; revision: number; translatedBy: string | null }>
      >(
        `SELECT state, revision, translated_by AS "translatedBy" FROM translations
          WHERE article_id = $1 AND locale = $2 AND segment_key = $3 FOR UPDATE`,
        [scope.articleId, scope.locale, id],
      );
      const versionId = await this.requireCurrent(manager, scope, id);
      if (dto.revision !== undefined && dto.revision !== (row?.revision ?? 0)) return 'conflict';
      const from: SegmentState = row && isSegmentState(row.state) ? row.state : 'untranslated';
      const step = transition(from, {
        type: 'review',
        decision: dto.decision,
        requireReview: scope.project.requireReview,
        ownRevision: row?.translatedBy === actor.id,
      });
      if (!step.ok) throw new DomainError(step.code, step.message, { state: from });
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
      if (step.state === 'approved') await this.emitIfLocaleApproved(manager, scope);
      // Read back under the article lock, from the version requireCurrent found current.
      return (await this.readSegment(manager, { ...scope, versionId }, id)) as SegmentDto;
    });
    if (outcome === 'conflict') throw await this.conflict(scope, id);
    return outcome;
  }

  // ------------------------------------------------------------------ for other modules

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
              p.require_review AS "requireReview", p.due_days AS "dueDays", p.created_at AS "createdAt",
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
    const [row] = await manager.query<SegmentDto[]>(
      `SELECT ${SEGMENT_COLUMNS} ${SEGMENT_FROM} WHERE s.version_id = $3 AND s.key = $4`,
      [scope.articleId, scope.locale, scope.versionId, id],
    );
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
