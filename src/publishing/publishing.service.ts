import { createHash } from 'node:crypto';
import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { JobsOptions, Queue } from 'bullmq';
import { DataSource, EntityManager } from 'typeorm';
import { DomainError, notFound } from '../common/domain-error';
import { escapeHtml } from '../common/html';
import { pagePath } from '../reader/paths';
import { APP_CONFIG, AppConfig } from '../config/config';
import { OutboxService } from '../jobs/outbox.service';
import { QUEUES } from '../jobs/queues';
import { canonicalLocale, findLocale } from '../languages/language-catalog';
import { readerI18n } from '../reader/i18n';
import { readLocaleCounts } from '../translations/state-counts';
import { DocumentTree, RenderTarget, renderDocument, stripCodes } from '../segmentation';
import { isolateLtrRuns, sanitizePublication } from './sanitize';

export type PublicationKind = 'source' | 'complete' | 'fallback';

/** What a publish job is about; its id is derived from exactly this. */
export interface PublishJobData {
  articleId: string;
  locale: string;
  version: number;
  kind: PublicationKind;
}

export interface PublishResult {
  published: boolean;
  number?: number;
  /** Why nothing was published (already published, not ready, superseded…). */
  reason?: string;
}

export interface PublicationSummary {
  number: number;
  sourceVersion: number;
  kind: PublicationKind;
  publishedAt: string;
  url: string;
}

interface ArticleContext {
  articleId: string;
  article: string;
  currentVersion: number;
  projectId: string;
  project: string;
  sourceLocale: string;
  publishPolicy: 'complete' | 'fallback';
  targetLocales: string[];
}

interface SegmentRow {
  position: number;
  kind: string;
  source: string;
  target: string | null;
  reviewedBy: string | null;
  reviewerName: string | null;
  updatedAt: Date | null;
}

export const PUBLISH_JOB_OPTIONS: JobsOptions = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 500 },
  removeOnComplete: { age: 3600, count: 5000 },
  removeOnFail: { age: 7 * 24 * 3600 },
};

export function publishJobId(job: PublishJobData): string {
  return `publish-${job.articleId}-${job.locale}-${job.version}-${job.kind}`;
}

/**
 * Publications: immutable, sanitized snapshots of one locale of one source version. A job
 * publishes at most once per (article, locale, version, kind): the insert runs under a per
 * (article, locale) advisory lock with ON CONFLICT DO NOTHING, and `article.published` goes
 * into the outbox in the same transaction only when a row was inserted.
 */
@Injectable()
export class PublishingService {
  private readonly logger = new Logger(PublishingService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
    @InjectQueue(QUEUES.publish) private readonly queue: Queue<PublishJobData>,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  readerUrl(project: string, locale: string, article: string): string {
    return this.config.publicUrl + pagePath(project, locale, article);
  }

  /** Adds the job (a duplicate id is one job); a failed or finished earlier run is run again. */
  async enqueue(data: PublishJobData): Promise<string> {
    const jobId = publishJobId(data);
    const existing = await this.queue.getJob(jobId);
    if (existing) {
      const state = await existing.getState();
      if (state === 'failed') {
        await existing.retry();
        return jobId;
      }
      // A finished run that published stays published (the job is idempotent); one that
      // found the locale not ready yet must be able to run again.
      if (state === 'completed') await existing.remove().catch(() => undefined);
      else return jobId;
    }
    await this.queue.add('publish', data, { ...PUBLISH_JOB_OPTIONS, jobId });
    return jobId;
  }

  /** POST .../publish: checks the policy now (409 when it forbids publishing) and enqueues. */
  async requestPublish(
    projectSlug: string,
    articleSlug: string,
    localeParam: string,
  ): Promise<{ jobId: string }> {
    const context = await this.contextBySlug(projectSlug, articleSlug);
    const locale = this.projectLocale(context, localeParam);
    const version = context.currentVersion;
    if (locale === context.sourceLocale) {
      return {
        jobId: await this.enqueue({
          articleId: context.articleId,
          locale,
          version,
          kind: 'source',
        }),
      };
    }
    const [{ approved, total }] = await readLocaleCounts(
      this.dataSource.manager,
      context.articleId,
      [locale],
    );
    const kind = this.kindFor(context, { approved, total });
    if (kind === null) {
      throw new DomainError(
        'NOT_PUBLISHABLE',
        context.publishPolicy === 'complete'
          ? `Only ${approved} of ${total} segments of version ${version} are approved; the project publishes complete translations only.`
          : `No segment of version ${version} is approved yet.`,
        { policy: context.publishPolicy, approved, total, version },
      );
    }
    return { jobId: await this.enqueue({ articleId: context.articleId, locale, version, kind }) };
  }

  /**
   * Under `publishPolicy: fallback`, a new English version is published in every target locale
   * at once: approved translations where the sentence did not change, the English (marked, with
   * its own lang and dir) where it did, so readers never wait for translators to see a change.
   * Locales with nothing approved yet stay unpublished; complete ones follow `locale.approved`.
   */
  async publishFallbacks(
    manager: EntityManager,
    articleId: string,
    version: number,
    locales: readonly string[],
  ): Promise<string[]> {
    const context = await this.context(manager, articleId);
    if (context.publishPolicy !== 'fallback' || context.currentVersion !== version) return [];
    const jobs: string[] = [];
    if (locales.length === 0) return jobs;
    for (const counts of await readLocaleCounts(manager, articleId, [...new Set(locales)])) {
      const locale = counts.locale;
      if (this.kindFor(context, counts) !== 'fallback') continue;
      jobs.push(await this.enqueue({ articleId, locale, version, kind: 'fallback' }));
    }
    return jobs;
  }

  async list(
    projectSlug: string,
    articleSlug: string,
    localeParam: string,
  ): Promise<PublicationSummary[]> {
    const context = await this.contextBySlug(projectSlug, articleSlug);
    const locale = this.projectLocale(context, localeParam);
    const rows = await this.dataSource.query<
      Array<{ number: number; sourceVersion: number; kind: PublicationKind; publishedAt: Date }>
    >(
      `SELECT number, source_version AS "sourceVersion", kind, published_at AS "publishedAt"
         FROM publications WHERE article_id = $1 AND locale = $2 ORDER BY number DESC`,
      [context.articleId, locale],
    );
    const base = this.readerUrl(context.project, locale, context.article);
    return rows.map((r) => ({
      number: r.number,
      sourceVersion: r.sourceVersion,
      kind: r.kind,
      publishedAt: new Date(r.publishedAt).toISOString(),
      url: `${base}?v=${r.number}`,
    }));
  }

  /** The job: one transaction, so a failed render leaves nothing behind and is retried. */
  publish(job: PublishJobData): Promise<PublishResult> {
    return this.dataSource.transaction((manager) => this.publishIn(manager, job));
  }

  /**
   * Publishes the source locale of `version` inside the caller's transaction (a new version
   * is readable in the source language as soon as it exists). Does nothing when it exists.
   */
  async publishSource(manager: EntityManager, articleId: string, version: number): Promise<void> {
    const context = await this.context(manager, articleId);
    await this.publishIn(
      manager,
      { articleId, locale: context.sourceLocale, version, kind: 'source' },
      context,
    );
  }

  private async publishIn(
    manager: EntityManager,
    job: PublishJobData,
    known?: ArticleContext,
  ): Promise<PublishResult> {
    const context = known ?? (await this.context(manager, job.articleId));
    await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [
      `publication:${job.articleId}:${job.locale}`,
    ]);
    const existing = await manager.query<Array<{ source_version: number; kind: PublicationKind }>>(
      `SELECT source_version, kind FROM publications
        WHERE article_id = $1 AND locale = $2 AND source_version >= $3`,
      [job.articleId, job.locale, job.version],
    );
    if (existing.some((p) => p.source_version > job.version))
      return { published: false, reason: 'a newer version is published' };
    if (existing.some((p) => p.kind === job.kind))
      return { published: false, reason: 'already published' };
    if (existing.some((p) => p.kind === 'complete'))
      return { published: false, reason: 'complete translation already published' };

    const version = await manager.query<
      Array<{ tree: DocumentTree; title: string; createdAt: Date }>
    >(
      `SELECT tree, title, created_at AS "createdAt" FROM source_versions WHERE article_id = $1 AND version = $2`,
      [job.articleId, job.version],
    );
    if (version.length === 0) throw notFound('Source version', { version: job.version });
    const { tree } = version[0];
    const sourceTitle = version[0].title;

    let title: string;
    let targets: RenderTarget[];
    let approvers: Array<{ id: string; name: string }> = [];
    let reviewedAt: Date | null = null;
    let fallbackUsed = false;
    if (job.kind === 'source') {
      if (job.locale !== context.sourceLocale)
        throw new Error('source publication in a target locale');
      title = sourceTitle;
      targets = [];
    } else {
      const segments = await this.segments(manager, job.articleId, job.locale, job.version);
      const ready = this.kindFor(context, {
        approved: segments.filter((s) => s.target !== null).length,
        total: segments.length,
      });
      if (ready === null || (job.kind === 'complete' && ready !== 'complete'))
        return { published: false, reason: 'not publishable under the project policy' };
      const sourceInfo = findLocale(context.sourceLocale);
      targets = [];
      for (const segment of segments) {
        if (segment.target !== null) targets[segment.position] = segment.target;
        else {
          fallbackUsed = true;
          targets[segment.position] = {
            text: segment.source,
            lang: context.sourceLocale,
            dir: sourceInfo?.direction ?? 'ltr',
            fallback: true,
          };
        }
      }
      const titleSegment = tree.title
        ? segments.find((s) => s.position === tree.title?.segment)
        : undefined;
      title = titleSegment?.target != null ? stripCodes(titleSegment.target) : sourceTitle;
      const seen = new Map<string, string>();
      for (const s of segments) if (s.reviewedBy) seen.set(s.reviewedBy, s.reviewerName ?? '');
      approvers = [...seen].map(([id, name]) => ({ id, name }));
      const times = segments.map((s) => (s.updatedAt ? new Date(s.updatedAt).getTime() : 0));
      reviewedAt = times.length && Math.max(...times) > 0 ? new Date(Math.max(...times)) : null;
    }
    const kind: PublicationKind = job.kind === 'fallback' && !fallbackUsed ? 'complete' : job.kind;
    const html = this.renderHtml(tree, targets, job.locale);
    const hash = createHash('sha256').update(title).update('\u0000').update(html).digest('hex');
    const inserted = await manager.query<Array<{ number: number }>>(
      `INSERT INTO publications
              (article_id, locale, number, source_version, kind, title, html, content_hash, approvers, reviewed_at)
       VALUES ($1, $2, (SELECT COALESCE(max(number), 0) + 1 FROM publications WHERE article_id = $1 AND locale = $2),
               $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT DO NOTHING RETURNING number`,
      [
        job.articleId,
        job.locale,
        job.version,
        kind,
        title,
        html,
        hash,
        JSON.stringify(approvers),
        reviewedAt,
      ],
    );
    if (inserted.length === 0) return { published: false, reason: 'already published' };
    const number = inserted[0].number;
    await this.outbox.emit(manager, {
      type: 'article.published',
      payload: {
        projectId: context.projectId,
        project: context.project,
        articleId: context.articleId,
        article: context.article,
        locale: job.locale,
        number,
        sourceVersion: job.version,
        kind,
        url: this.readerUrl(context.project, job.locale, context.article),
      },
    });
    this.logger.log(
      `published ${context.project}/${context.article} ${job.locale} #${number} (v${job.version}, ${kind})`,
    );
    return { published: true, number };
  }

  /** Body HTML: rendered from the tree, fallback passages marked, LTR runs isolated, sanitized. */
  private renderHtml(tree: DocumentTree, targets: RenderTarget[], locale: string): string {
    let html = renderDocument(tree, targets);
    if (html.includes('class="tms-fallback"')) {
      const label = escapeHtml(readerI18n().t(locale)('fallbackMarker'));
      html = html.replace(
        /<span lang="([^"]*)" dir="(ltr|rtl)" class="tms-fallback">/g,
        `<span class="tms-fallback-marker" lang="${escapeHtml(locale)}">${label}</span><span lang="$1" dir="$2" class="tms-fallback" title="${label}">`,
      );
    }
    if (findLocale(locale)?.direction === 'rtl') html = isolateLtrRuns(html);
    return sanitizePublication(html);
  }

  /** complete when every segment is approved; fallback when the policy allows and one is; else null. */
  private kindFor(
    context: ArticleContext,
    { approved, total }: { approved: number; total: number },
  ): PublicationKind | null {
    if (total > 0 && approved === total) return 'complete';
    if (context.publishPolicy === 'fallback' && approved > 0) return 'fallback';
    return null;
  }

  /** Every segment of the version in order, with its approved target (null when not approved). */
  private async segments(
    manager: EntityManager,
    articleId: string,
    locale: string,
    version: number,
  ): Promise<SegmentRow[]> {
    const segmentsOf = await this.segmentsByLocale(manager, articleId, [locale], version);
    return segmentsOf.get(locale) ?? [];
  }

  /** `segments` for several locales of the version, in one query: locale → its segments. */
  private async segmentsByLocale(
    manager: EntityManager,
    articleId: string,
    locales: readonly string[],
    version: number,
  ): Promise<Map<string, SegmentRow[]>> {
    const rows = await manager.query<Array<SegmentRow & { locale: string }>>(
      `SELECT l.locale, ss.position, ss.kind, ss.text AS source, t.target,
              t.reviewed_by AS "reviewedBy", u.name AS "reviewerName", t.updated_at AS "updatedAt"
         FROM source_versions sv
         JOIN source_segments ss ON ss.version_id = sv.id
        CROSS JOIN unnest($2::text[]) AS l(locale)
         LEFT JOIN translations t ON t.article_id = sv.article_id AND t.locale = l.locale
                                 AND t.segment_key = ss.key AND t.state = 'approved'
         LEFT JOIN users u ON u.id = t.reviewed_by
        WHERE sv.article_id = $1 AND sv.version = $3
        ORDER BY l.locale, ss.position`,
      [articleId, [...new Set(locales)], version],
    );
    const segmentsOf = new Map<string, SegmentRow[]>(locales.map((locale) => [locale, []]));
    for (const { locale, ...segment } of rows) segmentsOf.get(locale)?.push(segment);
    return segmentsOf;
  }

  private async context(manager: EntityManager, articleId: string): Promise<ArticleContext> {
    const rows = await manager.query<ArticleContext[]>(`${CONTEXT_SQL} WHERE a.id = $1`, [
      articleId,
    ]);
    if (rows.length === 0) throw notFound('Article', { articleId });
    return rows[0];
  }

  private async contextBySlug(project: string, article: string): Promise<ArticleContext> {
    const rows = await this.dataSource.query<ArticleContext[]>(
      `${CONTEXT_SQL} WHERE p.slug = $1 AND a.slug = $2`,
      [project, article],
    );
    if (rows.length === 0) throw notFound('Article', { project, article });
    return rows[0];
  }

  private projectLocale(context: ArticleContext, param: string): string {
    const locale = canonicalLocale(param);
    if (!locale || (locale !== context.sourceLocale && !context.targetLocales.includes(locale)))
      throw notFound('Locale', { locale: param });
    return locale;
  }
}

const CONTEXT_SQL = `
  SELECT a.id AS "articleId", a.slug AS article, a.current_version AS "currentVersion",
         p.id AS "projectId", p.slug AS project, p.source_locale AS "sourceLocale",
         p.publish_policy AS "publishPolicy",
         COALESCE((SELECT array_agg(l.locale) FROM project_locales l
                    WHERE l.project_id = p.id AND l.active), '{}') AS "targetLocales"
    FROM articles a JOIN projects p ON p.id = a.project_id`;
