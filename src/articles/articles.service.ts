import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../auth/permissions';
import { explainChange } from '../checks';
import { DomainError, notFound } from '../common/domain-error';
import { decodeCursor, DEFAULT_PAGE_LIMIT, Page, PageQuery, toPage } from '../common/pagination';
import { GlossaryService } from '../glossary/glossary.service';
import { OutboxService } from '../jobs/outbox.service';
import { ProjectRecord, ProjectsService } from '../projects/projects.service';
import {
  countWords,
  DocumentTree,
  normalizeText,
  Segment,
  SegmentationError,
  rekeyRepeats,
  segmentDocument,
  SegmentedDocument,
} from '../segmentation';
import { ProgressService } from '../translations/progress.service';
import {
  PlannedSegment,
  planSync,
  PreviousSegment,
  SyncPlan,
  SyncPlanOptions,
} from '../translations/sync-plan';
import { SyncService } from '../translations/sync.service';
import { PretranslationService } from '../pretranslation/pretranslation.service';
import { PublishingService } from '../publishing/publishing.service';
import { TranslationsService } from '../translations/translations.service';
import {
  ArticleCreatedDto,
  ArticleDto,
  CreateArticleDto,
  DiffDto,
  MAX_CONTENT_BYTES,
  SOURCE_FORMATS,
  SourceFormatName,
  SourcePreviewDto,
  SourceUpdatedDto,
  UpdateSourceDto,
  VersionDto,
  VersionSummaryDto,
} from './article.dto';

interface ArticleRow {
  id: string;
  slug: string;
  currentVersion: number;
  updatedAt: Date;
  versionId: string;
  title: string;
  format: SourceFormatName;
  contentHash: string;
  segmentCount: number;
}

const ARTICLE_COLUMNS = `
  a.id, a.slug, a.current_version AS "currentVersion", a.updated_at AS "updatedAt",
  v.id AS "versionId", v.title, v.format, v.content_hash AS "contentHash",
  v.segment_count AS "segmentCount"`;

const isSlugCursor = (v: unknown): v is { s: string } =>
  typeof v === 'object' && v !== null && typeof (v as { s: unknown }).s === 'string';

/**
 * "Normalized content" for deciding whether a PUT makes a new version: NFC, line endings and
 * trailing spaces of lines ignored, the title whitespace-normalized. Any other change (even
 * whitespace inside a line) makes a new version, whose unchanged sentences all keep their keys.
 */
export function contentHash(format: string, title: string, content: string): string {
  const body = content
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t]+$/gm, '')
    .trim();
  return createHash('sha256')
    .update(JSON.stringify([format, normalizeText(title), body]))
    .digest('hex');
}

/** Validates and segments a source; every refusal is a coded error and nothing is written. */
function segmentSource(
  format: string,
  title: string,
  content: string,
  locale: string,
): SegmentedDocument {
  if (!(SOURCE_FORMATS as readonly string[]).includes(format)) {
    throw new DomainError('UNSUPPORTED_FORMAT', `Unsupported format "${format}".`, {
      supported: SOURCE_FORMATS,
    });
  }
  const bytes = Buffer.byteLength(content, 'utf8');
  if (bytes > MAX_CONTENT_BYTES) {
    throw new DomainError('PAYLOAD_TOO_LARGE', 'The content is larger than 1 MB.', {
      bytes,
      limit: MAX_CONTENT_BYTES,
    });
  }
  try {
    return segmentDocument({ content, format: format as SourceFormatName, locale, title });
  } catch (error) {
    if (error instanceof SegmentationError) {
      const code = error.code === 'INVALID_CONTENT' ? 'VALIDATION_FAILED' : error.code;
      throw new DomainError(code, `The content was refused: ${error.message}.`);
    }
    throw new DomainError('UNPROCESSABLE', 'The content could not be read.');
  }
}

/**
 * Articles and their immutable source versions. A new version is written, and every target
 * locale synced, in one transaction (STYLE.md 6): the EntityManager is passed to SyncService.
 */
@Injectable()
export class ArticlesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly projects: ProjectsService,
    private readonly outbox: OutboxService,
    private readonly sync: SyncService,
    private readonly publishing: PublishingService,
    private readonly progress: ProgressService,
    private readonly translations: TranslationsService,
    private readonly glossary: GlossaryService,
    private readonly pretranslation: PretranslationService,
  ) {}

  async create(
    actor: Actor,
    projectSlug: string,
    dto: CreateArticleDto,
  ): Promise<ArticleCreatedDto> {
    const project = await this.projects.findBySlug(projectSlug);
    const doc = segmentSource(dto.format, dto.title, dto.content, project.sourceLocale);
    await this.dataSource.transaction(async (manager) => {
      const [article] = await manager.query<Array<{ id: string }>>(
        `INSERT INTO articles (project_id, slug, created_by) VALUES ($1, $2, $3)
         ON CONFLICT (project_id, slug) DO NOTHING RETURNING id`,
        [project.id, dto.slug, actor.id],
      );
      if (!article) {
        throw new DomainError('SLUG_TAKEN', `An article with slug "${dto.slug}" exists already.`, {
          slug: dto.slug,
        });
      }
      const planned: PlannedSegment[] = doc.segments.map((s) => ({
        ...s,
        relation: 'added',
        previousKeys: [],
        previousSource: null,
        changeRisk: null,
      }));
      await this.writeVersion(manager, {
        articleId: article.id,
        version: 1,
        title: dto.title,
        format: dto.format,
        content: dto.content,
        doc,
        segments: planned,
        minorChange: false,
        sync: null,
        actorId: actor.id,
      });
      await this.publishing.publishSource(manager, article.id);
      await this.pretranslation.prefillNewVersion(
        manager,
        project,
        article.id,
        doc.segments.map((s) => s.key),
      );
      await this.outbox.emit(manager, {
        type: 'article.created',
        payload: {
          projectId: project.id,
          project: project.slug,
          articleId: article.id,
          article: dto.slug,
          version: 1,
          locales: project.targetLocales,
          segmentCount: doc.segments.length,
        },
      });
    });
    return {
      slug: dto.slug,
      title: dto.title,
      currentVersion: 1,
      segmentCount: doc.segments.length,
    };
  }

  async list(projectSlug: string, page: PageQuery): Promise<Page<ArticleDto>> {
    const project = await this.projects.findBySlug(projectSlug);
    const limit = page.limit ?? DEFAULT_PAGE_LIMIT;
    const after = decodeCursor(page.cursor, isSlugCursor)?.s ?? null;
    const rows = await this.dataSource.query<ArticleRow[]>(
      `SELECT ${ARTICLE_COLUMNS}
         FROM articles a JOIN source_versions v ON v.article_id = a.id AND v.version = a.current_version
        WHERE a.project_id = $1 AND ($2::text IS NULL OR a.slug > $2)
        ORDER BY a.slug LIMIT $3`,
      [project.id, after, limit + 1],
    );
    const { items, nextCursor } = toPage(rows, limit, (last) => ({ s: last.slug }));
    const progress = await this.progress.forArticles(
      items.map((r) => r.id),
      project.targetLocales,
    );
    return { items: items.map((row) => this.toDto(row, progress.get(row.id) ?? [])), nextCursor };
  }

  async get(projectSlug: string, articleSlug: string): Promise<ArticleDto> {
    const project = await this.projects.findBySlug(projectSlug);
    const row = await this.find(this.dataSource.manager, project, articleSlug);
    const progress = await this.progress.forArticles([row.id], project.targetLocales);
    return this.toDto(row, progress.get(row.id) ?? []);
  }

  async updateSource(
    actor: Actor,
    projectSlug: string,
    articleSlug: string,
    dto: UpdateSourceDto,
  ): Promise<SourceUpdatedDto> {
    const { project, input } = await this.sourceInput(projectSlug, articleSlug, dto);
    const result = await this.dataSource.transaction(async (manager) => {
      // Serializes source updates of one article; re-read everything under the lock.
      const current = await this.find(manager, project, articleSlug, true);
      const update = await this.planUpdate(manager, project, current, input);
      if (!update) {
        return {
          currentVersion: current.currentVersion,
          changed: false,
          sync: unchangedSync(current.segmentCount),
          changeRisk: { minor: 0, wording: 0, clinical: 0 },
        };
      }
      const { doc, plan, minorChange } = update;
      const { format, title } = input;
      const version = current.currentVersion + 1;
      await this.writeVersion(manager, {
        articleId: current.id,
        version,
        title,
        format,
        content: dto.content,
        doc,
        segments: plan.segments,
        minorChange,
        sync: plan.counts,
        actorId: actor.id,
      });
      await manager.query(
        `UPDATE articles SET current_version = $2, updated_at = now() WHERE id = $1`,
        [current.id, version],
      );
      await this.publishing.publishSource(manager, current.id);
      await this.sync.apply(manager, {
        articleId: current.id,
        version,
        locales: project.targetLocales,
        plan,
        actorId: actor.id,
      });
      // Only what is new to this version: kept segments were offered the memory before.
      await this.pretranslation.prefillNewVersion(
        manager,
        project,
        current.id,
        plan.segments.filter((s) => s.relation !== 'kept').map((s) => s.key),
      );
      const base = {
        projectId: project.id,
        project: project.slug,
        articleId: current.id,
        article: current.slug,
      };
      const approved = await this.translations.lockAndFindApprovedLocales(
        manager,
        current.id,
        project.targetLocales,
      );
      await this.outbox.emit(
        manager,
        {
          type: 'article.source_changed',
          payload: {
            ...base,
            version,
            previousVersion: current.currentVersion,
            sync: plan.counts,
            changeRisk: plan.changeRisk,
            locales: project.targetLocales,
          },
        },
        ...approved.locales.map((locale) => ({
          type: 'locale.approved',
          payload: { ...base, locale, version },
        })),
      );
      return {
        currentVersion: version,
        changed: true,
        sync: syncResult(plan),
        changeRisk: plan.changeRisk,
      };
    });
    if (result.changed) this.translations.forgetScope(projectSlug, articleSlug);
    return result;
  }

  /**
   * POST .../source/preview: what `PUT .../source` with the same body would do, decided by the
   * same code (sourceInput, planUpdate, and SyncService's carry decision) on one snapshot, and
   * nothing written: the plan per segment (kept, changed with its risk, added), the removed
   * segments, and per target locale the states the segments would end in. 422 CLINICAL_CHANGE
   * with minorChange as the PUT.
   */
  async previewSource(
    projectSlug: string,
    articleSlug: string,
    dto: UpdateSourceDto,
  ): Promise<SourcePreviewDto> {
    const { project, input } = await this.sourceInput(projectSlug, articleSlug, dto);
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      const current = await this.find(manager, project, articleSlug);
      const update = await this.planUpdate(manager, project, current, input);
      if (!update) {
        const segments = await manager.query<
          Array<{ key: string; position: number; kind: string; text: string }>
        >(
          `SELECT key, position, kind, text FROM source_segments
            WHERE version_id = $1 ORDER BY position`,
          [current.versionId],
        );
        const kept = segments.map((segment) => ({ ...segment, relation: 'kept' as const }));
        return {
          currentVersion: current.currentVersion,
          changed: false,
          sync: unchangedSync(current.segmentCount),
          changeRisk: { minor: 0, wording: 0, clinical: 0 },
          segments: kept.map((segment) => ({
            id: segment.key,
            position: segment.position,
            kind: segment.kind,
            status: 'kept' as const,
            source: segment.text,
            previousSource: null,
            changeRisk: null,
          })),
          removed: [],
          locales: await this.sync.preview(manager, {
            articleId: current.id,
            locales: project.targetLocales,
            plan: { carry: [], segments: kept },
          }),
        };
      }
      const { plan, previous } = update;
      const removedKeys = new Set(plan.removedKeys);
      return {
        currentVersion: current.currentVersion,
        changed: true,
        sync: syncResult(plan),
        changeRisk: plan.changeRisk,
        segments: plan.segments.map((segment) => ({
          id: segment.key,
          position: segment.position,
          kind: segment.kind,
          status: segment.relation,
          source: segment.text,
          previousSource: segment.previousSource,
          changeRisk: segment.changeRisk,
        })),
        removed: previous
          .filter((segment) => removedKeys.has(segment.key))
          .map((segment) => ({
            id: segment.key,
            position: segment.position,
            kind: segment.kind,
            source: segment.text,
          })),
        locales: await this.sync.preview(manager, {
          articleId: current.id,
          locales: project.targetLocales,
          plan,
        }),
      };
    });
  }

  /** The body of a PUT .../source, validated and segmented (outside any transaction). */
  private async sourceInput(
    projectSlug: string,
    articleSlug: string,
    dto: UpdateSourceDto,
  ): Promise<{ project: ProjectRecord; input: SourceInput }> {
    const project = await this.projects.findBySlug(projectSlug);
    const before = await this.find(this.dataSource.manager, project, articleSlug);
    const format = dto.format ?? before.format;
    const title = dto.title ?? before.title;
    const segmented = segmentSource(format, title, dto.content, project.sourceLocale);
    return {
      project,
      input: {
        format,
        title,
        content: dto.content,
        segmented,
        hash: contentHash(format, title, dto.content),
        minorChange: dto.minorChange ?? false,
      },
    };
  }

  /**
   * The decision of a source update against the `current` version: null when the content is
   * unchanged (no new version), else the new document (repeats rekeyed) and its sync plan;
   * 422 CLINICAL_CHANGE when minorChange is asked for a clinical change. The PUT and its
   * preview both call this, so the preview is what the PUT does.
   */
  private async planUpdate(
    manager: EntityManager,
    project: ProjectRecord,
    current: ArticleRow,
    input: SourceInput,
  ): Promise<{
    previous: Array<PreviousSegment & { position: number }>;
    doc: SegmentedDocument;
    plan: SyncPlan;
    minorChange: boolean;
  } | null> {
    if (current.contentHash === input.hash) return null;
    const previous = await manager.query<Array<PreviousSegment & { position: number }>>(
      `SELECT key, kind, text, position FROM source_segments WHERE version_id = $1 ORDER BY position`,
      [current.versionId],
    );
    // Repeated texts keep their keys where the previous version had them (neighbours decide).
    const doc = { ...input.segmented, segments: rekeyRepeats(previous, input.segmented.segments) };
    const minorChange = input.minorChange;
    const options = await this.planOptions(manager, project, [previous, doc.segments]);
    const plan = planSync(previous, doc.segments, { ...options, minorChange });
    if (minorChange && plan.changeRisk.clinical > 0) throw clinicalChange(plan, options);
    return { previous, doc, plan, minorChange };
  }

  async versions(projectSlug: string, articleSlug: string): Promise<VersionSummaryDto[]> {
    const project = await this.projects.findBySlug(projectSlug);
    const article = await this.find(this.dataSource.manager, project, articleSlug);
    return this.dataSource.query<VersionSummaryDto[]>(
      `SELECT v.version, v.created_at AS "createdAt",
              CASE WHEN u.id IS NULL THEN NULL ELSE json_build_object('id', u.id, 'name', u.name) END AS "createdBy",
              v.segment_count AS "segmentCount", v.minor_change AS "minorChange", v.sync
         FROM source_versions v LEFT JOIN users u ON u.id = v.created_by
        WHERE v.article_id = $1 ORDER BY v.version DESC`,
      [article.id],
    );
  }

  async version(projectSlug: string, articleSlug: string, version: number): Promise<VersionDto> {
    const project = await this.projects.findBySlug(projectSlug);
    const article = await this.find(this.dataSource.manager, project, articleSlug);
    const [row] = await this.dataSource.query<Array<Omit<VersionDto, 'segments'> & { id: string }>>(
      `SELECT id, version, title, format, content, created_at AS "createdAt"
         FROM source_versions WHERE article_id = $1 AND version = $2`,
      [article.id, version],
    );
    if (!row) throw notFound('Version', { article: articleSlug, version });
    const segments = await this.segmentsOf(row.id);
    const { id: _id, ...rest } = row;
    return { ...rest, segments };
  }

  /**
   * What an export needs of a source version besides its segments: the title, the format and
   * the block tree, where the original markup of every inline code is kept.
   */
  async exportSource(
    articleId: string,
    version: number,
  ): Promise<{ title: string; format: string; tree: DocumentTree }> {
    const [row] = await this.dataSource.query<
      Array<{ title: string; format: string; tree: DocumentTree }>
    >(`SELECT title, format, tree FROM source_versions WHERE article_id = $1 AND version = $2`, [
      articleId,
      version,
    ]);
    if (!row) throw notFound('Version', { articleId, version });
    return row;
  }

  async diff(
    projectSlug: string,
    articleSlug: string,
    version: number,
    from: number | undefined,
  ): Promise<DiffDto> {
    const project = await this.projects.findBySlug(projectSlug);
    const article = await this.find(this.dataSource.manager, project, articleSlug);
    const older = from ?? version - 1;
    const rows = await this.dataSource.query<Array<{ id: string; version: number }>>(
      `SELECT id, version FROM source_versions WHERE article_id = $1 AND version = ANY($2::int[])`,
      [article.id, [version, older]],
    );
    const idOf = (v: number): string => {
      const row = rows.find((r) => r.version === v);
      if (!row) throw notFound('Version', { article: articleSlug, version: v });
      return row.id;
    };
    const [oldSegments, newSegments] = await Promise.all([
      this.segmentsOf(idOf(older)),
      this.segmentsOf(idOf(version)),
    ]);
    const plan = planSync(
      oldSegments.map((s) => ({ key: s.id, kind: s.kind, text: s.text })),
      newSegments.map((s) => ({
        key: s.id,
        kind: s.kind as Segment['kind'],
        text: s.text,
        position: s.position,
      })),
      await this.planOptions(this.dataSource.manager, project, [oldSegments, newSegments]),
    );
    const removed = new Set(plan.removedKeys);
    const view = (s: PlannedSegment) => ({
      id: s.key,
      position: s.position,
      kind: s.kind,
      text: s.text,
    });
    return {
      from: older,
      to: version,
      kept: plan.segments.filter((s) => s.relation === 'kept').map(view),
      changed: plan.segments
        .filter((s) => s.relation === 'changed')
        .map((s) => ({
          id: s.key,
          position: s.position,
          text: s.text,
          previousIds: s.previousKeys,
          previousText: s.previousSource ?? '',
          changeRisk: s.changeRisk ?? 'wording',
        })),
      added: plan.segments.filter((s) => s.relation === 'added').map(view),
      removed: oldSegments.filter((s) => removed.has(s.id)),
    };
  }

  // ------------------------------------------------------------------ helpers

  /**
   * Change risk reads numbers in the source locale and treats the project's glossary terms as
   * clinical (only those that occur in either version, so a large glossary costs little).
   */
  private async planOptions(
    manager: EntityManager,
    project: ProjectRecord,
    versions: ReadonlyArray<ReadonlyArray<{ text: string }>>,
  ): Promise<SyncPlanOptions> {
    const texts = versions.flatMap((segments) => segments.map((s) => s.text));
    const glossaryTerms = await this.glossary.sourceTermsIn(project.id, texts, manager);
    return { locale: project.sourceLocale, glossaryTerms };
  }

  private async segmentsOf(
    versionId: string,
  ): Promise<Array<{ id: string; position: number; kind: string; text: string }>> {
    return this.dataSource.query(
      `SELECT key AS id, position, kind, text FROM source_segments WHERE version_id = $1 ORDER BY position`,
      [versionId],
    );
  }

  private async find(
    manager: EntityManager,
    project: ProjectRecord,
    slug: string,
    lock = false,
  ): Promise<ArticleRow> {
    const [row] = await manager.query<ArticleRow[]>(
      `SELECT ${ARTICLE_COLUMNS}
         FROM articles a JOIN source_versions v ON v.article_id = a.id AND v.version = a.current_version
        WHERE a.project_id = $1 AND a.slug = $2 ${lock ? 'FOR UPDATE OF a' : ''}`,
      [project.id, slug],
    );
    if (!row) throw notFound('Article', { project: project.slug, article: slug });
    return row;
  }

  private async writeVersion(
    manager: EntityManager,
    input: {
      articleId: string;
      version: number;
      title: string;
      format: string;
      content: string;
      doc: SegmentedDocument;
      segments: PlannedSegment[];
      minorChange: boolean;
      sync: SyncPlan['counts'] | null;
      actorId: string;
    },
  ): Promise<void> {
    const [row] = await manager.query<Array<{ id: string }>>(
      `INSERT INTO source_versions
         (article_id, version, title, format, content, content_hash, tree, segment_count,
          minor_change, sync, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8, $9, $10::jsonb, $11) RETURNING id`,
      [
        input.articleId,
        input.version,
        input.title,
        input.format,
        input.content,
        contentHash(input.format, input.title, input.content),
        JSON.stringify(input.doc.tree),
        input.segments.length,
        input.minorChange,
        input.sync === null ? null : JSON.stringify(input.sync),
        input.actorId,
      ],
    );
    const s = input.segments;
    await manager.query(
      `INSERT INTO source_segments
         (version_id, position, key, kind, text, relation, previous_key, previous_source, change_risk,
          words)
       SELECT $1, * FROM unnest($2::int[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
                                $8::text[], $9::text[], $10::int[])`,
      [
        row.id,
        s.map((x) => x.position),
        s.map((x) => x.key),
        s.map((x) => x.kind),
        s.map((x) => x.text),
        s.map((x) => x.relation),
        s.map((x) => x.previousKeys[0] ?? null),
        s.map((x) => x.previousSource),
        s.map((x) => x.changeRisk),
        s.map((x) => countWords(x.text, input.doc.tree.locale)),
      ],
    );
  }

  private toDto(row: ArticleRow, locales: ArticleDto['locales']): ArticleDto {
    return {
      slug: row.slug,
      title: row.title,
      format: row.format,
      currentVersion: row.currentVersion,
      segmentCount: row.segmentCount,
      updatedAt: row.updatedAt,
      locales,
    };
  }
}

/** A PUT .../source body, validated and segmented. */
interface SourceInput {
  format: string;
  title: string;
  content: string;
  segmented: SegmentedDocument;
  hash: string;
  minorChange: boolean;
}

function unchangedSync(segmentCount: number): SourceUpdatedDto['sync'] {
  return { kept: segmentCount, fuzzy: 0, added: 0, removed: 0, keptApproved: 0, demoted: [] };
}

function syncResult(plan: SyncPlan): SourceUpdatedDto['sync'] {
  return {
    ...plan.counts,
    keptApproved: plan.minorChange.keptApproved.length,
    demoted: plan.minorChange.demoted,
  };
}

function clinicalChange(plan: SyncPlan, options: SyncPlanOptions): DomainError {
  const segments = plan.segments
    .filter((s) => s.changeRisk === 'clinical')
    .map((s) => ({
      id: s.key,
      position: s.position,
      previousSource: s.previousSource,
      source: s.text,
      reasons: explainChange(s.previousSource ?? '', s.text, options).reasons,
    }));
  return new DomainError(
    'CLINICAL_CHANGE',
    'minorChange was asked for, but a change touches numbers, units, doses or negation.',
    { segments },
  );
}
