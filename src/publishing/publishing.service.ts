import { createHash } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../auth/permissions';
import { DomainError, notFound } from '../common/domain-error';
import { escapeHtml } from '../common/html';
import { pagePath } from '../reader/paths';
import { APP_CONFIG, AppConfig } from '../config/config';
import { OutboxService } from '../jobs/outbox.service';
import { canonicalLocale, findLocale } from '../languages/language-catalog';
import { readerI18n } from '../reader/i18n';
import { readLocaleCounts } from '../translations/state-counts';
import { DocumentTree, RenderTarget, renderDocument, stripCodes } from '../segmentation';
import { isolateLtrRuns, sanitizePreview, sanitizePublication } from './sanitize';

export type PublicationKind = 'source' | 'complete' | 'fallback';

/**
 * Why a publication is attempted. `request` (POST .../publish, by `requestedBy`) is the only
 * one that restores a withdrawn locale whatever its content; the automatic ones restore it
 * only when a segment was approved after the withdrawal, so a late or redelivered event never
 * undoes a withdrawal.
 */
export type PublishCause = 'approval' | 'request' | 'source' | 'fallback' | 'reconcile';

/** A publish attempt: the current approved content of (article, locale). */
export interface PublishRequest {
  articleId: string;
  locale: string;
  cause: PublishCause;
  requestedBy?: string | null;
}

export interface PublishResult {
  published: boolean;
  number?: number;
  /** Why nothing was published (unchanged, not publishable, withdrawn…). */
  reason?: string;
}

export interface WithdrawalSummary {
  withdrawnAt: string;
  withdrawnBy: { id: string; name: string } | null;
  reason: string;
}

export interface PublicationSummary {
  number: number;
  sourceVersion: number;
  kind: PublicationKind;
  publishedAt: string;
  url: string;
  /** Set on the latest publication while the locale is withdrawn. */
  withdrawal: WithdrawalSummary | null;
}

export interface WithdrawResult extends WithdrawalSummary {
  locale: string;
  number: number;
}

/** GET .../preview: the locale's current text, drafts included, rendered as readers get it. */
export interface LocalePreview {
  locale: string;
  direction: 'ltr' | 'rtl';
  title: string;
  html: string;
  sourceVersion: number;
  counts: {
    approved: number;
    translated: number;
    fuzzy: number;
    rejected: number;
    untranslated: number;
  };
}

/** POST .../publish: 202 with the event id when a publication will be made, else 200. */
export type PublishDecision =
  | { status: 202; body: { jobId: string } }
  | { status: 200; body: { published: false; reason: string; number: number } };

interface ArticleContext {
  articleId: string;
  article: string;
  currentVersion: number;
  projectId: string;
  project: string;
  sourceLocale: string;
  publishPolicy: 'complete' | 'fallback';
  /** Active target locales. */
  targetLocales: string[];
  /** Every target locale the project has had, active or not. */
  everLocales: string[];
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

/** What publishing the locale now would make. */
interface Candidate {
  version: number;
  kind: PublicationKind;
  title: string;
  html: string;
  hash: string;
  approvers: Array<{ id: string; name: string }>;
  reviewedAt: Date | null;
}

/** Approved and total segments of a locale's current version (the kept counts). */
interface LocaleCounts {
  approved: number;
  total: number;
}

interface LatestPublication {
  number: number;
  sourceVersion: number;
  kind: PublicationKind;
  hash: string;
  /** The request withdrawal that names this publication, if any. */
  withdrawnAt: Date | null;
}

/** How many marked (article, locale) pairs one reconciliation looks at, at most. */
const RECONCILE_BATCH = 200;
const RECONCILE_MAX = 2000;

/**
 * Publications: immutable, sanitized snapshots of the approved content of one locale. Each
 * distinct content is published at most once in a row: under a per-(article, locale) advisory
 * lock, a content hash equal to the latest publication's makes nothing, so retried and
 * duplicated events are harmless, and any change (a correction re-approved for the same source
 * version, a new version, a title) makes a new publication. `article.published` goes into the
 * outbox in the same transaction only when a row was inserted.
 */
@Injectable()
export class PublishingService {
  private readonly logger = new Logger(PublishingService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  readerUrl(project: string, locale: string, article: string): string {
    return this.config.publicUrl + pagePath(project, locale, article);
  }

  /**
   * POST .../publish, decided now: 409 when the policy forbids it, 200 when the latest
   * publication already has exactly this content (and is not withdrawn), else a
   * `publish.requested` event in the outbox and 202 with its id.
   */
  async requestPublish(
    actor: Actor,
    projectSlug: string,
    articleSlug: string,
    localeParam: string,
  ): Promise<PublishDecision> {
    const context = await this.contextBySlug(projectSlug, articleSlug);
    const locale = this.projectLocale(context, localeParam, { active: true });
    const manager = this.dataSource.manager;
    const candidate = await this.candidate(manager, context, locale);
    if ('refused' in candidate) throw this.notPublishable(context, candidate.refused);
    const latest = await this.latest(manager, context.articleId, locale);
    if (latest && latest.hash === candidate.hash && !latest.withdrawnAt)
      return {
        status: 200,
        body: { published: false, reason: 'unchanged', number: latest.number },
      };
    const jobId = await this.dataSource.transaction(async (tx) => {
      await this.outbox.emit(tx, {
        type: 'publish.requested',
        payload: {
          ...this.eventBase(context),
          locale,
          requestedBy: actor.id,
        },
      });
      // The id of the row emit() just wrote, in this session.
      const [row] = await tx.query<Array<{ eventId: string }>>(
        `SELECT event_id AS "eventId" FROM outbox
          WHERE id = currval(pg_get_serial_sequence('outbox', 'id'))`,
      );
      return row.eventId;
    });
    return { status: 202, body: { jobId } };
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
  ): Promise<number[]> {
    const context = await this.context(manager, articleId);
    if (context.publishPolicy !== 'fallback' || context.currentVersion !== version) return [];
    const numbers: number[] = [];
    for (const locale of locales) {
      const result = await this.publishIn(
        manager,
        { articleId, locale, cause: 'fallback' },
        context,
      );
      if (result.number !== undefined && result.published) numbers.push(result.number);
    }
    return numbers;
  }

  /**
   * GET .../locales/:locale/preview: the article as the reader would get it, rendered from the
   * CURRENT targets whatever their state, through the publication renderer and sanitizer; a
   * segment without a target shows its English marked `data-untranslated`. Nothing is
   * published or cached. One snapshot (REPEATABLE READ), so the counts match the HTML.
   */
  async preview(
    projectSlug: string,
    articleSlug: string,
    localeParam: string,
  ): Promise<LocalePreview> {
    const context = await this.contextBySlug(projectSlug, articleSlug);
    const locale = this.projectLocale(context, localeParam, { active: true });
    const sourceInfo = findLocale(context.sourceLocale);
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      const [version] = await manager.query<
        Array<{ version: number; tree: DocumentTree; title: string }>
      >(
        `SELECT v.version, v.tree, v.title FROM articles a
           JOIN source_versions v ON v.article_id = a.id AND v.version = a.current_version
          WHERE a.id = $1`,
        [context.articleId],
      );
      if (!version) throw notFound('Article', { project: projectSlug, article: articleSlug });
      const rows =
        locale === context.sourceLocale
          ? []
          : await manager.query<
              Array<{ position: number; source: string; target: string | null; state: string }>
            >(
              `SELECT ss.position, ss.text AS source, NULLIF(t.target, '') AS target,
                      COALESCE(t.state, 'untranslated') AS state
                 FROM source_versions sv
                 JOIN source_segments ss ON ss.version_id = sv.id
                 LEFT JOIN translations t ON t.article_id = sv.article_id AND t.locale = $2
                                         AND t.segment_key = ss.key
                WHERE sv.article_id = $1 AND sv.version = $3
                ORDER BY ss.position`,
              [context.articleId, locale, version.version],
            );
      const counts = { approved: 0, translated: 0, fuzzy: 0, rejected: 0, untranslated: 0 };
      const targets: RenderTarget[] = [];
      for (const row of rows) {
        const state = row.target === null ? 'untranslated' : row.state;
        if (state in counts) counts[state as keyof typeof counts]++;
        targets[row.position] =
          row.target ??
          ({
            text: row.source,
            lang: context.sourceLocale,
            dir: sourceInfo?.direction ?? 'ltr',
            fallback: true,
          } as const);
      }
      const { tree } = version;
      const titleRow = tree.title
        ? rows.find((r) => r.position === tree.title?.segment)
        : undefined;
      if (locale === context.sourceLocale) counts.approved = tree.segmentCount;
      return {
        locale,
        direction: findLocale(locale)?.direction ?? 'ltr',
        title: titleRow?.target != null ? stripCodes(titleRow.target) : version.title,
        html: this.renderHtml(tree, targets, locale, 'preview'),
        sourceVersion: version.version,
        counts,
      };
    });
  }

  async list(
    projectSlug: string,
    articleSlug: string,
    localeParam: string,
  ): Promise<PublicationSummary[]> {
    const context = await this.contextBySlug(projectSlug, articleSlug);
    const locale = this.projectLocale(context, localeParam, { active: false });
    const rows = await this.dataSource.query<
      Array<{
        number: number;
        sourceVersion: number;
        kind: PublicationKind;
        publishedAt: Date;
        withdrawnAt: Date | null;
        withdrawnBy: string | null;
        withdrawnByName: string | null;
        reason: string | null;
      }>
    >(
      `SELECT pu.number, pu.source_version AS "sourceVersion", pu.kind, pu.published_at AS "publishedAt",
              w.withdrawn_at AS "withdrawnAt", w.withdrawn_by AS "withdrawnBy",
              u.name AS "withdrawnByName", w.reason
         FROM publications pu
         LEFT JOIN LATERAL (SELECT * FROM publication_withdrawals w
                             WHERE w.article_id = pu.article_id AND w.locale = pu.locale
                               AND w.publication_number = pu.number AND w.cause = 'request'
                             ORDER BY w.withdrawn_at LIMIT 1) w ON true
         LEFT JOIN users u ON u.id = w.withdrawn_by
        WHERE pu.article_id = $1 AND pu.locale = $2 ORDER BY pu.number DESC`,
      [context.articleId, locale],
    );
    const base = this.readerUrl(context.project, locale, context.article);
    return rows.map((r) => ({
      number: r.number,
      sourceVersion: r.sourceVersion,
      kind: r.kind,
      publishedAt: new Date(r.publishedAt).toISOString(),
      url: `${base}?v=${r.number}`,
      withdrawal: r.withdrawnAt
        ? {
            withdrawnAt: new Date(r.withdrawnAt).toISOString(),
            withdrawnBy: r.withdrawnBy
              ? { id: r.withdrawnBy, name: r.withdrawnByName ?? '' }
              : null,
            reason: r.reason ?? '',
          }
        : null,
    }));
  }

  /**
   * POST .../withdraw: takes the locale's latest publication off the reader site until the
   * locale is published again. Withdrawing a withdrawn locale returns the withdrawal in force.
   */
  async withdraw(
    actor: Actor,
    projectSlug: string,
    articleSlug: string,
    localeParam: string,
    reason: string,
  ): Promise<WithdrawResult> {
    const context = await this.contextBySlug(projectSlug, articleSlug);
    const locale = this.projectLocale(context, localeParam, { active: false });
    if (locale === context.sourceLocale)
      throw new DomainError(
        'SOURCE_LOCALE',
        `${locale} is the source locale of ${context.project}; it cannot be withdrawn (withdraw the translations, or change the English).`,
        { locale },
      );
    return this.dataSource.transaction(async (manager) => {
      await this.lock(manager, context.articleId, locale);
      const latest = await this.latest(manager, context.articleId, locale);
      if (!latest)
        throw new DomainError('NOT_PUBLISHED', `${locale} has no publication to withdraw.`, {
          locale,
        });
      if (!latest.withdrawnAt) {
        await manager.query(
          `INSERT INTO publication_withdrawals (article_id, locale, publication_number, cause, reason, withdrawn_by)
           VALUES ($1, $2, $3, 'request', $4, $5)`,
          [context.articleId, locale, latest.number, reason, actor.id],
        );
        await this.outbox.emit(manager, {
          type: 'publication.withdrawn',
          payload: {
            ...this.eventBase(context),
            locale,
            number: latest.number,
            cause: 'request',
            reason,
            withdrawnBy: actor.id,
            url: this.readerUrl(context.project, locale, context.article),
          },
        });
        this.logger.log(
          `withdrew ${context.project}/${context.article} ${locale} #${latest.number}`,
        );
      }
      const [w] = await manager.query<
        Array<{
          withdrawnAt: Date;
          withdrawnBy: string | null;
          name: string | null;
          reason: string;
        }>
      >(
        `SELECT w.withdrawn_at AS "withdrawnAt", w.withdrawn_by AS "withdrawnBy", u.name, w.reason
           FROM publication_withdrawals w LEFT JOIN users u ON u.id = w.withdrawn_by
          WHERE w.article_id = $1 AND w.locale = $2 AND w.publication_number = $3
            AND w.cause = 'request'
          ORDER BY w.withdrawn_at LIMIT 1`,
        [context.articleId, locale, latest.number],
      );
      return {
        locale,
        number: latest.number,
        withdrawnAt: new Date(w.withdrawnAt).toISOString(),
        withdrawnBy: w.withdrawnBy ? { id: w.withdrawnBy, name: w.name ?? '' } : null,
        reason: w.reason,
      };
    });
  }

  /**
   * Target locales taken off a project (or put back), inside the caller's transaction: each
   * article published in a removed locale gets a `locale-removed` withdrawal record and a
   * `publication.withdrawn` event; on re-adding, each article whose latest publication there is
   * not withdrawn is announced again with `article.published` (`restored: true`). The reader
   * follows `project_locales.active` itself.
   */
  async targetLocalesChanged(
    manager: EntityManager,
    projectId: string,
    change: { removed: readonly string[]; added: readonly string[] },
    actorId: string | null,
  ): Promise<void> {
    if (change.removed.length === 0 && change.added.length === 0) return;
    const rows = await manager.query<
      Array<{
        articleId: string;
        article: string;
        project: string;
        locale: string;
        number: number;
        sourceVersion: number;
        kind: PublicationKind;
        withdrawn: boolean;
      }>
    >(
      `SELECT a.id AS "articleId", a.slug AS article, p.slug AS project, pu.locale, pu.number,
              pu.source_version AS "sourceVersion", pu.kind,
              EXISTS (SELECT 1 FROM publication_withdrawals w
                       WHERE w.article_id = a.id AND w.locale = pu.locale
                         AND w.publication_number = pu.number AND w.cause = 'request') AS withdrawn
         FROM articles a JOIN projects p ON p.id = a.project_id
         JOIN LATERAL (SELECT DISTINCT ON (locale) locale, number, source_version, kind
                         FROM publications
                        WHERE article_id = a.id AND locale = ANY($2)
                        ORDER BY locale, number DESC) pu ON true
        WHERE a.project_id = $1`,
      [projectId, [...change.removed, ...change.added]],
    );
    const removed = new Set(change.removed);
    for (const r of rows) {
      const base = {
        projectId,
        project: r.project,
        articleId: r.articleId,
        article: r.article,
        locale: r.locale,
        number: r.number,
        url: this.readerUrl(r.project, r.locale, r.article),
      };
      if (removed.has(r.locale)) {
        const reason = 'Locale removed from the project';
        await manager.query(
          `INSERT INTO publication_withdrawals (article_id, locale, publication_number, cause, reason, withdrawn_by)
           VALUES ($1, $2, $3, 'locale-removed', $4, $5)`,
          [r.articleId, r.locale, r.number, reason, actorId],
        );
        await this.outbox.emit(manager, {
          type: 'publication.withdrawn',
          payload: { ...base, cause: 'locale-removed', reason, withdrawnBy: actorId },
        });
      } else if (!r.withdrawn) {
        await this.outbox.emit(manager, {
          type: 'article.published',
          payload: {
            ...base,
            sourceVersion: r.sourceVersion,
            kind: r.kind,
            restored: true,
            cause: 'locale-added',
          },
        });
      }
    }
  }

  /** Publishes the current approved content of (article, locale) in its own transaction. */
  publish(request: PublishRequest): Promise<PublishResult> {
    return this.dataSource.transaction((manager) => this.publishIn(manager, request));
  }

  /**
   * Publishes the source locale of the current version inside the caller's transaction (a new
   * version is readable in the source language as soon as it exists). Nothing when unchanged.
   */
  async publishSource(manager: EntityManager, articleId: string): Promise<void> {
    const context = await this.context(manager, articleId);
    await this.publishIn(
      manager,
      { articleId, locale: context.sourceLocale, cause: 'source' },
      context,
    );
  }

  /**
   * The safety net for lost events: every (article, locale) whose approved content changed
   * since a publisher last looked at it (approved_content_marks, kept by triggers, so nothing
   * is rendered for the others) is published if its content differs from its latest
   * publication. Returns how many publications it made.
   */
  async reconcileApprovedLocales(): Promise<number> {
    let published = 0;
    let seen = 0;
    let after = '0';
    while (seen < RECONCILE_MAX) {
      const pending = await this.dataSource.query<
        Array<{ articleId: string; locale: string; seq: string }>
      >(
        `SELECT article_id AS "articleId", locale, changed_seq AS seq
           FROM approved_content_marks
          WHERE changed_seq > checked_seq AND changed_seq > $1
          ORDER BY changed_seq LIMIT ${RECONCILE_BATCH}`,
        [after],
      );
      if (pending.length === 0) break;
      seen += pending.length;
      after = pending[pending.length - 1].seq;
      for (const p of pending) {
        try {
          const result = await this.publish({
            articleId: p.articleId,
            locale: p.locale,
            cause: 'reconcile',
          });
          if (result.published) published += 1;
        } catch (error) {
          this.logger.error({
            msg: 'reconciliation could not publish',
            articleId: p.articleId,
            locale: p.locale,
            err: error,
          });
        }
      }
      if (pending.length < RECONCILE_BATCH) break;
    }
    if (published > 0) this.logger.log(`reconciliation published ${published} locale(s)`);
    return published;
  }

  /** The whole decision, under the (article, locale) lock, in the caller's transaction. */
  async publishIn(
    manager: EntityManager,
    request: PublishRequest,
    known?: ArticleContext,
  ): Promise<PublishResult> {
    const context = known ?? (await this.context(manager, request.articleId));
    const { articleId, locale } = request;
    await this.lock(manager, articleId, locale);
    const [mark] = await manager.query<Array<{ seq: string }>>(
      `SELECT changed_seq AS seq FROM approved_content_marks WHERE article_id = $1 AND locale = $2`,
      [articleId, locale],
    );
    const result = await this.decideAndInsert(manager, context, request);
    if (mark)
      await manager.query(
        `UPDATE approved_content_marks SET checked_seq = GREATEST(checked_seq, $3)
          WHERE article_id = $1 AND locale = $2`,
        [articleId, locale, mark.seq],
      );
    return result;
  }

  private async decideAndInsert(
    manager: EntityManager,
    context: ArticleContext,
    request: PublishRequest,
  ): Promise<PublishResult> {
    const { articleId, locale } = request;
    if (locale !== context.sourceLocale && !context.targetLocales.includes(locale))
      return { published: false, reason: 'not a target locale of the project' };
    const candidate = await this.candidate(manager, context, locale);
    if ('refused' in candidate)
      return { published: false, reason: 'not publishable under the project policy' };
    const latest = await this.latest(manager, articleId, locale);
    if (latest?.withdrawnAt) {
      const restores =
        request.cause === 'request' ||
        (await this.approvedSince(manager, articleId, locale, latest.withdrawnAt));
      if (!restores) return { published: false, reason: 'withdrawn' };
    } else if (latest && latest.hash === candidate.hash) {
      return { published: false, reason: 'unchanged', number: latest.number };
    } else if (
      latest &&
      request.cause !== 'request' &&
      candidate.kind === 'fallback' &&
      latest.kind === 'complete' &&
      latest.sourceVersion === candidate.version
    ) {
      // An edit that un-approves a segment does not take the complete translation down to
      // English fill-ins; its re-approval republishes.
      return { published: false, reason: 'complete translation already published' };
    }
    const [{ number }] = await manager.query<Array<{ number: number }>>(
      `INSERT INTO publications
              (article_id, locale, number, source_version, kind, title, html, content_hash, approvers,
               reviewed_at, published_by)
       VALUES ($1, $2, (SELECT COALESCE(max(number), 0) + 1 FROM publications WHERE article_id = $1 AND locale = $2),
               $3, $4, $5, $6, $7, $8, $9, $10)
       RETURNING number`,
      [
        articleId,
        locale,
        candidate.version,
        candidate.kind,
        candidate.title,
        candidate.html,
        candidate.hash,
        JSON.stringify(candidate.approvers),
        candidate.reviewedAt,
        request.cause === 'request' ? (request.requestedBy ?? null) : null,
      ],
    );
    await this.outbox.emit(manager, {
      type: 'article.published',
      payload: {
        ...this.eventBase(context),
        locale,
        number,
        sourceVersion: candidate.version,
        kind: candidate.kind,
        restored: Boolean(latest?.withdrawnAt),
        cause: request.cause,
        url: this.readerUrl(context.project, locale, context.article),
      },
    });
    this.logger.log(
      `published ${context.project}/${context.article} ${locale} #${number} (v${candidate.version}, ${candidate.kind}, ${request.cause})`,
    );
    return { published: true, number };
  }

  /**
   * What publishing `locale` now would make, or the counts that make the policy refuse it (read
   * first, so a refusal reads neither the document tree nor the segments).
   */
  private async candidate(
    manager: EntityManager,
    context: ArticleContext,
    locale: string,
  ): Promise<Candidate | { refused: LocaleCounts }> {
    if (locale !== context.sourceLocale) {
      const [counts] = await readLocaleCounts(manager, context.articleId, [locale]);
      const { approved, total } = counts ?? { approved: 0, total: 0 };
      if (this.kindFor(context, { approved, total }) === null)
        return { refused: { approved, total } };
    }
    const version = context.currentVersion;
    const rows = await manager.query<Array<{ tree: DocumentTree; title: string }>>(
      `SELECT tree, title FROM source_versions WHERE article_id = $1 AND version = $2`,
      [context.articleId, version],
    );
    if (rows.length === 0) throw notFound('Source version', { version });
    const { tree } = rows[0];
    const sourceTitle = rows[0].title;
    if (locale === context.sourceLocale) {
      return this.finish(tree, [], locale, {
        version,
        kind: 'source',
        title: sourceTitle,
        approvers: [],
        reviewedAt: null,
      });
    }
    const segments = await this.segments(manager, context.articleId, locale, version);
    const sourceInfo = findLocale(context.sourceLocale);
    const targets: RenderTarget[] = [];
    let fallbackUsed = false;
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
    const title = titleSegment?.target != null ? stripCodes(titleSegment.target) : sourceTitle;
    const seen = new Map<string, string>();
    for (const s of segments) if (s.reviewedBy) seen.set(s.reviewedBy, s.reviewerName ?? '');
    const times = segments.map((s) => (s.updatedAt ? new Date(s.updatedAt).getTime() : 0));
    const latestTime = times.length ? Math.max(...times) : 0;
    return this.finish(tree, targets, locale, {
      version,
      kind: fallbackUsed ? 'fallback' : 'complete',
      title,
      approvers: [...seen].map(([id, name]) => ({ id, name })),
      reviewedAt: latestTime > 0 ? new Date(latestTime) : null,
    });
  }

  private finish(
    tree: DocumentTree,
    targets: RenderTarget[],
    locale: string,
    meta: Omit<Candidate, 'html' | 'hash'>,
  ): Candidate {
    const html = this.renderHtml(tree, targets, locale);
    // The content readers get: title and body. Approvers and dates are not content.
    const hash = createHash('sha256')
      .update(meta.title)
      .update('\u0000')
      .update(html)
      .digest('hex');
    return { ...meta, html, hash };
  }

  /**
   * Body HTML: rendered from the tree, fallback passages marked, LTR runs isolated, sanitized.
   * For a `preview`, a passage without a target is marked `data-untranslated` instead of
   * carrying the reader's visible marker.
   */
  private renderHtml(
    tree: DocumentTree,
    targets: RenderTarget[],
    locale: string,
    mode: 'publication' | 'preview' = 'publication',
  ): string {
    let html = renderDocument(tree, targets, { locale });
    if (mode === 'preview') {
      html = html.replace(
        /<span lang="([^"]*)" dir="(ltr|rtl)" class="tms-fallback">/g,
        '<span data-untranslated lang="$1" dir="$2" class="tms-fallback">',
      );
      if (findLocale(locale)?.direction === 'rtl') html = isolateLtrRuns(html);
      return sanitizePreview(html);
    }
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
    { approved, total }: LocaleCounts,
  ): PublicationKind | null {
    if (total > 0 && approved === total) return 'complete';
    if (context.publishPolicy === 'fallback' && approved > 0) return 'fallback';
    return null;
  }

  private notPublishable(context: ArticleContext, { approved, total }: LocaleCounts): DomainError {
    const version = context.currentVersion;
    return new DomainError(
      'NOT_PUBLISHABLE',
      context.publishPolicy === 'complete'
        ? `Only ${approved} of ${total} segments of version ${version} are approved; the project publishes complete translations only.`
        : `No segment of version ${version} is approved yet.`,
      { policy: context.publishPolicy, approved, total, version },
    );
  }

  private async lock(manager: EntityManager, articleId: string, locale: string): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [
      `publication:${articleId}:${locale}`,
    ]);
  }

  /** The latest publication of the locale and whether a request withdrawal names it. */
  private async latest(
    manager: EntityManager,
    articleId: string,
    locale: string,
  ): Promise<LatestPublication | null> {
    const rows = await manager.query<LatestPublication[]>(
      `SELECT pu.number, pu.source_version AS "sourceVersion", pu.kind, pu.content_hash AS hash,
              (SELECT min(w.withdrawn_at) FROM publication_withdrawals w
                WHERE w.article_id = pu.article_id AND w.locale = pu.locale
                  AND w.publication_number = pu.number AND w.cause = 'request') AS "withdrawnAt"
         FROM publications pu
        WHERE pu.article_id = $1 AND pu.locale = $2
        ORDER BY pu.number DESC LIMIT 1`,
      [articleId, locale],
    );
    return rows[0] ?? null;
  }

  /** Whether a person approved a segment of the locale after `since` (sync carries do not count). */
  private async approvedSince(
    manager: EntityManager,
    articleId: string,
    locale: string,
    since: Date,
  ): Promise<boolean> {
    const rows = await manager.query<unknown[]>(
      `SELECT 1 FROM translation_revisions
        WHERE article_id = $1 AND locale = $2 AND state = 'approved' AND action <> 'carried'
          AND created_at > $3
        LIMIT 1`,
      [articleId, locale, since],
    );
    return rows.length > 0;
  }

  /** Every segment of the version in order, with its approved target (null when not approved). */
  private async segments(
    manager: EntityManager,
    articleId: string,
    locale: string,
    version: number,
  ): Promise<SegmentRow[]> {
    return manager.query<SegmentRow[]>(
      `SELECT ss.position, ss.kind, ss.text AS source, t.target,
              t.reviewed_by AS "reviewedBy", u.name AS "reviewerName", t.updated_at AS "updatedAt"
         FROM source_versions sv
         JOIN source_segments ss ON ss.version_id = sv.id
         LEFT JOIN translations t ON t.article_id = sv.article_id AND t.locale = $2
                                 AND t.segment_key = ss.key AND t.state = 'approved'
         LEFT JOIN users u ON u.id = t.reviewed_by
        WHERE sv.article_id = $1 AND sv.version = $3
        ORDER BY ss.position`,
      [articleId, locale, version],
    );
  }

  private eventBase(context: ArticleContext): Record<string, unknown> {
    return {
      projectId: context.projectId,
      project: context.project,
      articleId: context.articleId,
      article: context.article,
    };
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

  /**
   * The canonical locale of the route: the source or an active target locale, or, with
   * `active: false`, also a target locale taken off the project (its history stays readable).
   */
  private projectLocale(
    context: ArticleContext,
    param: string,
    options: { active: boolean },
  ): string {
    const locale = canonicalLocale(param);
    const known =
      locale !== undefined &&
      (locale === context.sourceLocale ||
        context.targetLocales.includes(locale) ||
        (!options.active && context.everLocales.includes(locale)));
    if (!known) throw notFound('Locale', { locale: param });
    return locale;
  }
}

const CONTEXT_SQL = `
  SELECT a.id AS "articleId", a.slug AS article, a.current_version AS "currentVersion",
         p.id AS "projectId", p.slug AS project, p.source_locale AS "sourceLocale",
         p.publish_policy AS "publishPolicy",
         COALESCE((SELECT array_agg(l.locale) FROM project_locales l
                    WHERE l.project_id = p.id AND l.active), '{}') AS "targetLocales",
         COALESCE((SELECT array_agg(l.locale) FROM project_locales l
                    WHERE l.project_id = p.id), '{}') AS "everLocales"
    FROM articles a JOIN projects p ON p.id = a.project_id`;
