import { Injectable, OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { EventHandlerRegistry } from '../jobs/event-handlers';
import { OutboxService } from '../jobs/outbox.service';
import type { EventEnvelope } from '../jobs/queues';
import { Candidate, chooseAssignee, mayKeep, TaskType } from './assign';

/** Events after which a locale's work may have changed. */
export const ROUTING_EVENTS = [
  'article.created',
  'article.source_changed',
  'segment.translated',
  'segment.reviewed',
  'locale.approved',
] as const;

interface ArticleRow {
  projectId: string;
  project: string;
  articleId: string;
  article: string;
  version: number;
  dueDays: number;
  locales: string[];
}

interface Counts {
  translate: number;
  review: number;
  authors: string[];
}

interface OpenTask {
  id: string;
  type: TaskType;
  assigneeId: string | null;
  remaining: number;
}

interface Pending {
  taskId: string;
  type: TaskType;
  locale: string;
  authors: string[];
  /** The assignee before this change (kept when still eligible). */
  current: string | null;
  /** A finished task that work came back to. */
  reopened: boolean;
}

/** How a task that has no work left is closed: finished by people, or withdrawn by a new source. */
type Cause = 'work' | 'source';

/** A 64-bit advisory lock key from a text; collisions only serialize a little more. */
const LOCK = `pg_advisory_xact_lock(hashtextextended($1, 0))`;

/**
 * Opens, updates, closes and assigns tasks from outbox events. Every event recomputes the
 * (article, locale) state from the translations rather than counting deltas, under an advisory
 * lock, so a redelivered or reordered event is harmless. Assignment runs last, under a lock per
 * (project, locale) taken in locale order, so concurrent workers see each other's assignments
 * and never deadlock.
 */
@Injectable()
export class RoutingService implements OnModuleInit {
  constructor(
    private readonly registry: EventHandlerRegistry,
    private readonly outbox: OutboxService,
  ) {}

  onModuleInit(): void {
    this.registry.register({
      name: 'tasks.routing',
      types: ROUTING_EVENTS,
      handle: (event, manager) => this.onEvent(event, manager),
    });
  }

  async onEvent(event: EventEnvelope, manager: EntityManager): Promise<void> {
    const payload = event.payload as { articleId?: string; locale?: string; locales?: string[] };
    if (typeof payload.articleId !== 'string') return;
    const cause: Cause = event.type === 'article.source_changed' ? 'source' : 'work';
    const only =
      typeof payload.locale === 'string'
        ? [payload.locale]
        : Array.isArray(payload.locales)
          ? payload.locales
          : null;
    await this.recomputeArticle(manager, payload.articleId, only, cause);
  }

  /** Brings the tasks of an article's locales (all active targets when `only` is null) up to date. */
  async recomputeArticle(
    manager: EntityManager,
    articleId: string,
    only: readonly string[] | null,
    cause: Cause,
  ): Promise<void> {
    const [article] = await manager.query<ArticleRow[]>(
      `SELECT a.project_id AS "projectId", p.slug AS project, a.id AS "articleId", a.slug AS article,
              a.current_version AS version, p.due_days AS "dueDays",
              COALESCE((SELECT array_agg(l.locale ORDER BY l.locale) FROM project_locales l
                         WHERE l.project_id = p.id AND l.active), '{}') AS locales
         FROM articles a JOIN projects p ON p.id = a.project_id WHERE a.id = $1`,
      [articleId],
    );
    if (!article) return;
    const locales = [...new Set(only ?? article.locales)].sort();
    const pending: Pending[] = [];
    for (const locale of locales) {
      await manager.query(`SELECT ${LOCK}`, [`task:${articleId}:${locale}`]);
      const active = article.locales.includes(locale);
      pending.push(...(await this.recomputeLocale(manager, article, locale, active, cause)));
    }
    for (const locale of [...new Set(pending.map((p) => p.locale))].sort()) {
      await manager.query(`SELECT ${LOCK}`, [`pool:${article.projectId}:${locale}`]);
      const candidates = await this.candidates(manager, article.projectId, locale);
      for (const item of pending.filter((p) => p.locale === locale)) {
        await this.assign(manager, article, item, candidates);
      }
    }
  }

  private async recomputeLocale(
    manager: EntityManager,
    article: ArticleRow,
    locale: string,
    active: boolean,
    cause: Cause,
  ): Promise<Pending[]> {
    const counts = active
      ? await this.counts(manager, article, locale)
      : { translate: 0, review: 0, authors: [] };
    const open = await manager.query<OpenTask[]>(
      `SELECT id, type, assignee_id AS "assigneeId", remaining FROM tasks
        WHERE article_id = $1 AND locale = $2 AND status = 'open' FOR UPDATE`,
      [article.articleId, locale],
    );
    const translateTask = open.find((t) => t.type === 'translate');
    const reviewTask = open.find((t) => t.type === 'review');
    const pending: Pending[] = [];

    const translate = await this.apply(manager, article, locale, 'translate', translateTask, {
      remaining: counts.translate,
      wanted: counts.translate > 0,
      cause: active ? cause : 'source',
    });
    // Review opens once nothing is left to translate; an open review keeps going while
    // translated segments wait, even if a rejection sent some work back meanwhile.
    const review = await this.apply(manager, article, locale, 'review', reviewTask, {
      remaining: counts.review,
      wanted: counts.review > 0 && (translate === null || reviewTask !== undefined),
      cause: active ? cause : 'source',
    });
    if (translate) pending.push({ ...translate, locale, authors: [] });
    if (review) pending.push({ ...review, locale, authors: counts.authors });
    return pending;
  }

  /** Counts over the current version's segments; a missing translation row is untranslated. */
  private async counts(
    manager: EntityManager,
    article: ArticleRow,
    locale: string,
  ): Promise<Counts> {
    const [row] = await manager.query<
      Array<{ translate: string; review: string; authors: string[] }>
    >(
      `SELECT count(*) FILTER (WHERE t.state IS NULL OR t.state IN ('untranslated', 'fuzzy', 'rejected')) AS translate,
              count(*) FILTER (WHERE t.state = 'translated') AS review,
              COALESCE(array_agg(DISTINCT t.translated_by)
                FILTER (WHERE t.state = 'translated' AND t.translated_by IS NOT NULL), '{}') AS authors
         FROM source_versions v
         JOIN source_segments s ON s.version_id = v.id
         LEFT JOIN translations t ON t.article_id = v.article_id AND t.locale = $3 AND t.segment_key = s.key
        WHERE v.article_id = $1 AND v.version = $2`,
      [article.articleId, article.version, locale],
    );
    return { translate: Number(row.translate), review: Number(row.review), authors: row.authors };
  }

  /**
   * Makes one task type match the wanted state. Returns what needs (re)assignment when the task
   * is open afterwards, or null when no task of that type is open.
   */
  private async apply(
    manager: EntityManager,
    article: ArticleRow,
    locale: string,
    type: TaskType,
    task: OpenTask | undefined,
    want: { remaining: number; wanted: boolean; cause: Cause },
  ): Promise<Omit<Pending, 'locale' | 'authors'> | null> {
    if (task && !want.wanted) {
      await manager.query(
        `UPDATE tasks SET status = $2, remaining = 0, done_at = now(), updated_at = now(),
                source_version = $3 WHERE id = $1`,
        [task.id, want.cause === 'work' ? 'done' : 'cancelled', article.version],
      );
      return null;
    }
    if (task) {
      await manager.query(
        `UPDATE tasks SET remaining = $2, source_version = $3, updated_at = now()
          WHERE id = $1 AND (remaining <> $2 OR source_version <> $3)`,
        [task.id, want.remaining, article.version],
      );
      return { taskId: task.id, type, current: task.assigneeId, reopened: false };
    }
    if (!want.wanted) return null;
    // Work came back: reopen the last finished task of this version, else open a new one.
    // (TypeORM answers an UPDATE with [rows, count].)
    const [reopened] = await manager.query<
      [Array<{ id: string; assigneeId: string | null }>, number]
    >(
      `UPDATE tasks SET status = 'open', remaining = $4, done_at = NULL, updated_at = now(),
              due_at = now() + make_interval(days => $5)
        WHERE id = (SELECT id FROM tasks WHERE article_id = $1 AND locale = $2 AND type = $3
                       AND source_version = $6 AND status = 'done'
                     ORDER BY done_at DESC LIMIT 1)
        RETURNING id, assignee_id AS "assigneeId"`,
      [article.articleId, locale, type, want.remaining, article.dueDays, article.version],
    );
    if (reopened.length > 0) {
      return { taskId: reopened[0].id, type, current: reopened[0].assigneeId, reopened: true };
    }
    const [created] = await manager.query<Array<{ id: string }>>(
      `INSERT INTO tasks (project_id, article_id, locale, type, source_version, remaining, due_at)
       VALUES ($1, $2, $3, $4, $5, $6, now() + make_interval(days => $7))
       RETURNING id`,
      [
        article.projectId,
        article.articleId,
        locale,
        type,
        article.version,
        want.remaining,
        article.dueDays,
      ],
    );
    return { taskId: created.id, type, current: null, reopened: false };
  }

  /** The locale's members with their open work, read after the pool lock is held. */
  async candidates(
    manager: EntityManager,
    projectId: string,
    locale: string,
  ): Promise<Candidate[]> {
    const rows = await manager.query<
      Array<{
        userId: string;
        role: Candidate['role'];
        active: boolean;
        load: string;
        last: Date | null;
      }>
    >(
      `SELECT m.user_id AS "userId", m.role, u.active,
              COALESCE((SELECT sum(t.remaining) FROM tasks t
                         WHERE t.assignee_id = m.user_id AND t.status = 'open'), 0) AS load,
              (SELECT max(t.assigned_at) FROM tasks t WHERE t.assignee_id = m.user_id) AS last
         FROM memberships m JOIN users u ON u.id = m.user_id
        WHERE m.project_id = $1 AND m.locale = $2`,
      [projectId, locale],
    );
    return rows.map((r) => ({
      userId: r.userId,
      role: r.role,
      active: r.active,
      openRemaining: Number(r.load),
      lastAssignedAt: r.last ? new Date(r.last) : null,
    }));
  }

  private async assign(
    manager: EntityManager,
    article: ArticleRow,
    item: Pending,
    candidates: Candidate[],
  ): Promise<void> {
    if (item.current !== null && mayKeep(item.type, item.current, candidates)) {
      // The holder keeps it; when the work came back to them, they hear about it again.
      if (item.reopened) await this.announce(manager, article, item, item.current);
      return;
    }
    const assigneeId = chooseAssignee({ type: item.type, candidates, authors: item.authors });
    if (assigneeId === item.current) return;
    const [[task]] = await manager.query<[Array<{ id: string; remaining: number }>, number]>(
      `UPDATE tasks SET assignee_id = $2, assigned_at = CASE WHEN $2::uuid IS NULL THEN assigned_at ELSE now() END,
              updated_at = now()
        WHERE id = $1 AND status = 'open' RETURNING id, remaining`,
      [item.taskId, assigneeId],
    );
    if (!task || assigneeId === null) return;
    // Later picks in this transaction see this task's load.
    const chosen = candidates.find((c) => c.userId === assigneeId);
    if (chosen) {
      chosen.openRemaining += task.remaining;
      chosen.lastAssignedAt = new Date();
    }
    await this.announce(manager, article, item, assigneeId);
  }

  /** `task.assigned`, written in the assignment's transaction. */
  private announce(
    manager: EntityManager,
    article: ArticleRow,
    item: Pending,
    assigneeId: string,
  ): Promise<void> {
    return this.outbox.emit(manager, {
      type: 'task.assigned',
      payload: {
        projectId: article.projectId,
        project: article.project,
        articleId: article.articleId,
        article: article.article,
        locale: item.locale,
        taskId: item.taskId,
        type: item.type,
        assigneeId,
      },
    });
  }
}
