import { Injectable, OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { EventHandlerRegistry } from '../jobs/event-handlers';
import { OutboxService, OutboxWrite } from '../jobs/outbox.service';
import type { EventEnvelope } from '../jobs/queues';
import { readLocaleCounts, readTranslatedAuthors } from '../translations/state-counts';
import { Candidate, chooseAssignee, mayKeep, TaskType } from './assign';

/** Events after which a locale's work may have changed. */
export const ROUTING_EVENTS = [
  'article.created',
  'article.source_changed',
  'segment.translated',
  'segment.reviewed',
  'locale.approved',
  'member.added',
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
  /** The same work in source words. */
  translateWords: number;
  reviewWords: number;
  authors: string[];
}

/** What an open task of one type should say. */
interface Want {
  remaining: number;
  remainingWords: number;
  wanted: boolean;
  cause: Cause;
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
  remaining: number;
}

/** What a `task.assigned` event says about the task. */
export interface AssignedTask {
  projectId: string;
  project: string;
  articleId: string;
  article: string;
  locale: string;
  taskId: string;
  type: TaskType;
}

/** `task.assigned`, to be written in the assignment's transaction. */
export function taskAssigned(task: AssignedTask, assigneeId: string): OutboxWrite {
  return {
    type: 'task.assigned',
    payload: {
      projectId: task.projectId,
      project: task.project,
      articleId: task.articleId,
      article: task.article,
      locale: task.locale,
      taskId: task.taskId,
      type: task.type,
      assigneeId,
    },
  };
}

/** How a task that has no work left is closed: finished by people, or withdrawn by a new source. */
type Cause = 'work' | 'source';

/**
 * Opens, updates, closes and assigns tasks from outbox events. Every event reads the
 * (article, locale) state counts afresh rather than counting deltas, under an advisory
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
    if (event.type === 'member.added') return this.onMemberAdded(event, manager);
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

  /** Someone can now take work in a locale: offer them the open tasks nobody holds. */
  private async onMemberAdded(event: EventEnvelope, manager: EntityManager): Promise<void> {
    const { projectId, locale } = event.payload as { projectId: string; locale: string };
    const articles = await manager.query<Array<{ articleId: string }>>(
      `SELECT DISTINCT article_id AS "articleId" FROM tasks
        WHERE project_id = $1 AND locale = $2 AND status = 'open' AND assignee_id IS NULL
        ORDER BY article_id`,
      [projectId, locale],
    );
    for (const { articleId } of articles) {
      await this.recomputeArticle(manager, articleId, [locale], 'work');
    }
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
    if (locales.length === 0) return;
    await this.lockAll(
      manager,
      locales.map((l) => `task:${articleId}:${l}`),
    );
    const counts = await this.counts(
      manager,
      article,
      locales.filter((l) => article.locales.includes(l)),
    );
    const open = await manager.query<Array<OpenTask & { locale: string }>>(
      `SELECT id, locale, type, assignee_id AS "assigneeId", remaining FROM tasks
        WHERE article_id = $1 AND locale = ANY($2::text[]) AND status = 'open' FOR UPDATE`,
      [articleId, locales],
    );
    const pending: Pending[] = [];
    for (const locale of locales) {
      const active = article.locales.includes(locale);
      const mine = open.filter((t) => t.locale === locale);
      pending.push(
        ...(await this.recomputeLocale(manager, article, locale, {
          counts: counts.get(locale) ?? {
            translate: 0,
            review: 0,
            translateWords: 0,
            reviewWords: 0,
            authors: [],
          },
          translateTask: mine.find((t) => t.type === 'translate'),
          reviewTask: mine.find((t) => t.type === 'review'),
          cause: active ? cause : 'source',
        })),
      );
    }
    if (pending.length > 0) await this.assignAll(manager, article, pending);
  }

  /**
   * Transaction-scoped advisory locks in the given (sorted) order, in one round trip. Keys are
   * hashed to 64 bits; a collision only serializes a little more.
   */
  private async lockAll(manager: EntityManager, keys: readonly string[]): Promise<void> {
    await manager.query(
      `SELECT pg_advisory_xact_lock(hashtextextended(k, 0)) FROM unnest($1::text[]) AS k`,
      [keys],
    );
  }

  private async recomputeLocale(
    manager: EntityManager,
    article: ArticleRow,
    locale: string,
    state: { counts: Counts; translateTask?: OpenTask; reviewTask?: OpenTask; cause: Cause },
  ): Promise<Pending[]> {
    const { counts, translateTask, reviewTask, cause } = state;
    const pending: Pending[] = [];
    const translate = await this.apply(manager, article, locale, 'translate', translateTask, {
      remaining: counts.translate,
      remainingWords: counts.translateWords,
      wanted: counts.translate > 0,
      cause,
    });
    // Review opens once nothing is left to translate; an open review keeps going while
    // translated segments wait, even if a rejection sent some work back meanwhile.
    const review = await this.apply(manager, article, locale, 'review', reviewTask, {
      remaining: counts.review,
      remainingWords: counts.reviewWords,
      wanted: counts.review > 0 && (translate === null || reviewTask !== undefined),
      cause,
    });
    if (translate) pending.push({ ...translate, locale, authors: [] });
    if (review) pending.push({ ...review, locale, authors: counts.authors });
    return pending;
  }

  /**
   * Work per locale from the state counts the database keeps over the current version
   * (state-counts.ts): constant cost whatever the article's size.
   */
  private async counts(
    manager: EntityManager,
    article: ArticleRow,
    locales: readonly string[],
  ): Promise<Map<string, Counts>> {
    const rows = await readLocaleCounts(manager, article.articleId, locales);
    const authors = await readTranslatedAuthors(manager, article.articleId, locales);
    return new Map(
      rows.map((r) => [
        r.locale,
        {
          translate: r.untranslated + r.fuzzy + r.rejected,
          review: r.translated,
          translateWords: r.untranslatedWords + r.fuzzyWords + r.rejectedWords,
          reviewWords: r.translatedWords,
          authors: authors.get(r.locale) ?? [],
        },
      ]),
    );
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
    want: Want,
  ): Promise<Omit<Pending, 'locale' | 'authors'> | null> {
    if (task && !want.wanted) {
      await manager.query(
        `UPDATE tasks SET status = $2, remaining = 0, remaining_words = 0, done_at = now(),
                updated_at = now(), source_version = $3 WHERE id = $1`,
        [task.id, want.cause === 'work' ? 'done' : 'cancelled', article.version],
      );
      return null;
    }
    if (task) {
      await manager.query(
        `UPDATE tasks SET remaining = $2, remaining_words = $4, source_version = $3,
                updated_at = now()
          WHERE id = $1 AND (remaining <> $2 OR remaining_words <> $4 OR source_version <> $3)`,
        [task.id, want.remaining, article.version, want.remainingWords],
      );
      return {
        taskId: task.id,
        type,
        current: task.assigneeId,
        reopened: false,
        remaining: want.remaining,
      };
    }
    if (!want.wanted) return null;
    // Work came back: reopen the last finished task of this version, else open a new one.
    // (TypeORM answers an UPDATE with [rows, count].)
    const [reopened] = await manager.query<
      [Array<{ id: string; assigneeId: string | null }>, number]
    >(
      `UPDATE tasks SET status = 'open', remaining = $4, remaining_words = $7, done_at = NULL,
              updated_at = now(), due_at = now() + make_interval(days => $5)
        WHERE id = (SELECT id FROM tasks WHERE article_id = $1 AND locale = $2 AND type = $3
                       AND source_version = $6 AND status = 'done'
                     ORDER BY done_at DESC LIMIT 1)
        RETURNING id, assignee_id AS "assigneeId"`,
      [
        article.articleId,
        locale,
        type,
        want.remaining,
        article.dueDays,
        article.version,
        want.remainingWords,
      ],
    );
    if (reopened.length > 0) {
      return {
        taskId: reopened[0].id,
        type,
        current: reopened[0].assigneeId,
        reopened: true,
        remaining: want.remaining,
      };
    }
    const [created] = await manager.query<Array<{ id: string }>>(
      `INSERT INTO tasks (project_id, article_id, locale, type, source_version, remaining,
                          remaining_words, due_at)
       VALUES ($1, $2, $3, $4, $5, $6, $8, now() + make_interval(days => $7))
       RETURNING id`,
      [
        article.projectId,
        article.articleId,
        locale,
        type,
        article.version,
        want.remaining,
        article.dueDays,
        want.remainingWords,
      ],
    );
    return { taskId: created.id, type, current: null, reopened: false, remaining: want.remaining };
  }

  /** Members of a locale with their open work (call with the pool lock held to act on it). */
  async candidates(
    manager: EntityManager,
    projectId: string,
    locale: string,
  ): Promise<Candidate[]> {
    return (await this.candidatesByLocale(manager, projectId, [locale])).get(locale) ?? [];
  }

  private async candidatesByLocale(
    manager: EntityManager,
    projectId: string,
    locales: readonly string[],
  ): Promise<Map<string, Candidate[]>> {
    const rows = await manager.query<
      Array<{
        locale: string;
        userId: string;
        role: Candidate['role'];
        active: boolean;
        load: string;
        last: Date | null;
      }>
    >(
      `SELECT m.locale, m.user_id AS "userId", m.role, u.active,
              COALESCE((SELECT sum(t.remaining) FROM tasks t
                         WHERE t.assignee_id = m.user_id AND t.status = 'open'), 0) AS load,
              (SELECT max(t.assigned_at) FROM tasks t WHERE t.assignee_id = m.user_id) AS last
         FROM memberships m JOIN users u ON u.id = m.user_id
        WHERE m.project_id = $1 AND m.locale = ANY($2::text[])`,
      [projectId, locales],
    );
    // One object per person, so work given in one locale counts in the others too.
    const people = new Map<string, { openRemaining: number; lastAssignedAt: Date | null }>();
    const result = new Map<string, Candidate[]>(locales.map((l) => [l, []]));
    for (const r of rows) {
      const person = people.get(r.userId) ?? {
        openRemaining: Number(r.load),
        lastAssignedAt: r.last ? new Date(r.last) : null,
      };
      people.set(r.userId, person);
      const candidate = {
        userId: r.userId,
        role: r.role,
        active: r.active,
        get openRemaining() {
          return person.openRemaining;
        },
        set openRemaining(value: number) {
          person.openRemaining = value;
        },
        get lastAssignedAt() {
          return person.lastAssignedAt;
        },
        set lastAssignedAt(value: Date | null) {
          person.lastAssignedAt = value;
        },
      };
      result.get(r.locale)?.push(candidate);
    }
    return result;
  }

  /**
   * Assigns every open task of this event that has nobody (or somebody who may no longer do
   * it), under one advisory lock per (project, locale) taken in locale order and held to commit:
   * concurrent workers then read each other's assignments, and never deadlock.
   */
  private async assignAll(
    manager: EntityManager,
    article: ArticleRow,
    pending: Pending[],
  ): Promise<void> {
    const locales = [...new Set(pending.map((p) => p.locale))].sort();
    await this.lockAll(
      manager,
      locales.map((l) => `pool:${article.projectId}:${l}`),
    );
    const pools = await this.candidatesByLocale(manager, article.projectId, locales);
    const changes: Array<{ item: Pending; assigneeId: string | null }> = [];
    const announcements: Array<{ item: Pending; assigneeId: string }> = [];
    const now = new Date();
    for (const item of pending) {
      const candidates = pools.get(item.locale) ?? [];
      const assigneeId = chooseAssignee({ type: item.type, candidates, authors: item.authors });
      // The holder keeps it, unless they have since written part of what they would review and
      // another reviewer can take it; when work came back to them, they hear about it again.
      const authored = item.authors.includes(item.current ?? '');
      const keep =
        item.current !== null &&
        mayKeep(item.type, item.current, candidates) &&
        !(authored && assigneeId !== null && !item.authors.includes(assigneeId));
      if (keep || assigneeId === item.current) {
        if (keep && item.reopened) announcements.push({ item, assigneeId: item.current! });
        continue;
      }
      changes.push({ item, assigneeId });
      const chosen = candidates.find((c) => c.userId === assigneeId);
      if (chosen) {
        // Later picks in this transaction see this task's load.
        chosen.openRemaining += item.remaining;
        chosen.lastAssignedAt = now;
        announcements.push({ item, assigneeId: chosen.userId });
      }
    }
    if (changes.length > 0) {
      await manager.query(
        `UPDATE tasks t SET assignee_id = c.assignee, updated_at = now(),
                assigned_at = CASE WHEN c.assignee IS NULL THEN t.assigned_at ELSE now() END
           FROM unnest($1::uuid[], $2::uuid[]) AS c(id, assignee)
          WHERE t.id = c.id AND t.status = 'open'`,
        [changes.map((c) => c.item.taskId), changes.map((c) => c.assigneeId)],
      );
    }
    await this.outbox.emit(
      manager,
      ...announcements.map(({ item, assigneeId }) =>
        taskAssigned(
          { ...article, locale: item.locale, taskId: item.taskId, type: item.type },
          assigneeId,
        ),
      ),
    );
  }
}
