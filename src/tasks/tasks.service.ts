import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Actor } from '../auth/permissions';
import { DomainError, notFound } from '../common/domain-error';
import {
  decodeCursor,
  DEFAULT_PAGE_LIMIT,
  isStringPairCursor,
  Page,
  toPage,
} from '../common/pagination';
import { OutboxService } from '../jobs/outbox.service';
import { canonicalLocale } from '../languages/language-catalog';
import { mayKeep, TaskType } from './assign';
import { RoutingService, taskAssigned } from './routing.service';
import { TaskDto, TaskQuery, TaskStatus, UpdateTaskDto } from './task.dto';

const TASK_COLUMNS = `
  t.id, t.type, p.slug AS project, a.slug AS article, t.locale, t.assignee_id AS assignee,
  u.name AS "assigneeName", t.remaining, t.remaining_words AS "remainingWords", t.due_at AS "dueAt",
  (t.status = 'open' AND t.due_at < now()) AS overdue, t.status,
  t.source_version AS "sourceVersion", t.created_at AS "createdAt",
  t.assigned_at AS "assignedAt", t.done_at AS "doneAt", t.due_at::text AS "dueKey"`;

const TASK_FROM = `
  FROM tasks t
  JOIN projects p ON p.id = t.project_id
  JOIN articles a ON a.id = t.article_id
  LEFT JOIN users u ON u.id = t.assignee_id`;

interface TaskRow extends Omit<TaskDto, 'dueAt' | 'createdAt' | 'assignedAt' | 'doneAt'> {
  dueAt: Date;
  createdAt: Date;
  assignedAt: Date | null;
  doneAt: Date | null;
  dueKey: string;
}

const iso = (d: Date | null): string | null => (d === null ? null : new Date(d).toISOString());

function toDto(row: TaskRow): TaskDto {
  return {
    id: row.id,
    type: row.type,
    project: row.project,
    article: row.article,
    locale: row.locale,
    assignee: row.assignee,
    assigneeName: row.assigneeName,
    remaining: row.remaining,
    remainingWords: row.remainingWords,
    dueAt: iso(row.dueAt)!,
    overdue: row.overdue,
    status: row.status,
    sourceVersion: row.sourceVersion,
    createdAt: iso(row.createdAt)!,
    assignedAt: iso(row.assignedAt),
    doneAt: iso(row.doneAt),
  };
}

@Injectable()
export class TasksService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
    private readonly routing: RoutingService,
  ) {}

  /** The inbox: tasks of projects the actor belongs to (all for admins), soonest due first. */
  async list(actor: Actor, query: TaskQuery): Promise<Page<TaskDto>> {
    const where: string[] = [];
    const params: unknown[] = [];
    const param = (value: unknown): string => {
      params.push(value);
      return `$${params.length}`;
    };
    if (actor.role !== 'admin') {
      where.push(
        `t.project_id = ANY(${param([...new Set(actor.memberships.map((m) => m.projectId))])}::uuid[])`,
      );
    }
    if (query.assignee === 'me') where.push(`t.assignee_id = ${param(actor.id)}`);
    else if (query.assignee === 'none') where.push(`t.assignee_id IS NULL`);
    else if (query.assignee) where.push(`t.assignee_id = ${param(query.assignee)}`);
    if (query.project) where.push(`p.slug = ${param(query.project)}`);
    if (query.article) where.push(`a.slug = ${param(query.article)}`);
    if (query.locale)
      where.push(`t.locale = ${param(canonicalLocale(query.locale) ?? query.locale)}`);
    if (query.type) where.push(`t.type = ${param(query.type)}`);
    if (query.status) where.push(`t.status = ANY(${param(query.status.split(','))}::text[])`);
    if (query.overdue === true) where.push(`t.status = 'open' AND t.due_at < now()`);
    if (query.overdue === false) where.push(`NOT (t.status = 'open' AND t.due_at < now())`);
    const cursor = decodeCursor(query.cursor, isStringPairCursor);
    if (cursor) {
      where.push(
        `(t.due_at, t.id) > (${param(cursor[0])}::timestamptz, ${param(cursor[1])}::uuid)`,
      );
    }
    const limit = query.limit ?? DEFAULT_PAGE_LIMIT;
    const rows = await this.dataSource.query<TaskRow[]>(
      `SELECT ${TASK_COLUMNS} ${TASK_FROM}
        ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY t.due_at, t.id LIMIT ${limit + 1}`,
      params,
    );
    const page = toPage(rows, limit, (row) => [row.dueKey, row.id]);
    return { items: page.items.map(toDto), nextCursor: page.nextCursor };
  }

  async get(id: string): Promise<TaskDto> {
    const [row] = await this.dataSource.query<TaskRow[]>(
      `SELECT ${TASK_COLUMNS} ${TASK_FROM} WHERE t.id = $1`,
      [id],
    );
    if (!row) throw notFound('Task', { id });
    return toDto(row);
  }

  /** An admin hands an open task to someone who may do it (or unassigns it). */
  async reassign(id: string, dto: UpdateTaskDto): Promise<TaskDto> {
    await this.dataSource.transaction(async (manager) => {
      const [task] = await manager.query<
        Array<{
          projectId: string;
          project: string;
          articleId: string;
          article: string;
          locale: string;
          type: TaskType;
          status: TaskStatus;
          assigneeId: string | null;
        }>
      >(
        `SELECT t.project_id AS "projectId", p.slug AS project, t.article_id AS "articleId",
                a.slug AS article, t.locale, t.type, t.status, t.assignee_id AS "assigneeId"
           FROM tasks t JOIN projects p ON p.id = t.project_id JOIN articles a ON a.id = t.article_id
          WHERE t.id = $1 FOR UPDATE OF t`,
        [id],
      );
      if (!task) throw notFound('Task', { id });
      if (task.status !== 'open') {
        throw new DomainError(
          'INVALID_STATE',
          `Only an open task can be reassigned; this one is ${task.status}.`,
          {
            status: task.status,
          },
        );
      }
      if (dto.assigneeId !== null) {
        const candidates = await this.routing.candidates(manager, task.projectId, task.locale);
        if (!mayKeep(task.type, dto.assigneeId, candidates)) {
          throw new DomainError(
            'UNPROCESSABLE',
            `That user cannot take this task: a ${task.type} task needs an active ${
              task.type === 'review' ? 'reviewer' : 'translator or reviewer'
            } of ${task.locale} in ${task.project}.`,
            { assigneeId: dto.assigneeId, locale: task.locale, type: task.type },
          );
        }
      }
      if (dto.assigneeId === task.assigneeId) return;
      await manager.query(
        `UPDATE tasks SET assignee_id = $2, updated_at = now(),
                assigned_at = CASE WHEN $2::uuid IS NULL THEN assigned_at ELSE now() END
          WHERE id = $1`,
        [id, dto.assigneeId],
      );
      if (dto.assigneeId !== null) {
        await this.outbox.emit(manager, taskAssigned({ ...task, taskId: id }, dto.assigneeId));
      }
    });
    return this.get(id);
  }
}
