import { Inject, Injectable, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../auth/permissions';
import { DomainError, invalidField, notFound } from '../common/domain-error';
import { OutboxService } from '../jobs/outbox.service';
import { PublishingService } from '../publishing/publishing.service';
import { canonicalLocale } from '../languages/language-catalog';
import {
  AddMemberDto,
  CreateProjectDto,
  MemberDto,
  ProgressDto,
  ProjectDto,
  UpdateProjectDto,
} from './project.dto';
import type { PublishPolicy, StalePolicy } from './project.entity';
import { emptyProgress, PROGRESS_READER, ProgressReader } from './progress-reader';

/** What other modules need to know about a project. */
export interface ProjectRecord {
  id: string;
  slug: string;
  name: string;
  sourceLocale: string;
  targetLocales: string[];
  publishPolicy: PublishPolicy;
  stalePolicy: StalePolicy;
  requireReview: boolean;
  dueDays: number;
  propagateRepeats: boolean;
  sharedMemory: boolean;
  pretranslateContextAsTranslated: boolean;
  createdAt: Date;
}

const PROJECT_COLUMNS = `
  p.id, p.slug, p.name, p.source_locale AS "sourceLocale", p.publish_policy AS "publishPolicy",
  p.stale_policy AS "stalePolicy", p.require_review AS "requireReview", p.due_days AS "dueDays",
  p.propagate_repeats AS "propagateRepeats",
  p.shared_memory AS "sharedMemory",
  p.pretranslate_context_as_translated AS "pretranslateContextAsTranslated",
  p.created_at AS "createdAt",
  COALESCE((SELECT array_agg(l.locale ORDER BY l.position, l.locale) FROM project_locales l
             WHERE l.project_id = p.id AND l.active), '{}') AS "targetLocales"`;

/** The canonical casing of a known locale tag sent in `field`, or 400 VALIDATION_FAILED. */
export function canonicalOrFail(field: string, code: string): string {
  const canonical = canonicalLocale(code);
  if (!canonical) throw invalidField(field, `unknown locale "${code}" (see GET /api/locales)`);
  return canonical;
}

/** The canonical target locale of `project` sent in `field`, or 400 VALIDATION_FAILED. */
export function targetLocaleOrFail(project: ProjectRecord, field: string, code: string): string {
  const canonical = canonicalLocale(code);
  if (!canonical || !project.targetLocales.includes(canonical)) {
    throw invalidField(
      field,
      `"${code}" is not a target locale of ${project.slug} (${project.targetLocales.join(', ')})`,
    );
  }
  return canonical;
}

function toProjectDto(record: ProjectRecord, progress: ProgressDto[]): ProjectDto {
  return {
    slug: record.slug,
    name: record.name,
    sourceLocale: record.sourceLocale,
    targetLocales: record.targetLocales,
    publishPolicy: record.publishPolicy,
    stalePolicy: record.stalePolicy,
    requireReview: record.requireReview,
    dueDays: record.dueDays,
    propagateRepeats: record.propagateRepeats,
    sharedMemory: record.sharedMemory,
    pretranslateContextAsTranslated: record.pretranslateContextAsTranslated,
    createdAt: record.createdAt,
    progress,
  };
}

@Injectable()
export class ProjectsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
    private readonly publishing: PublishingService,
    @Optional() @Inject(PROGRESS_READER) private readonly progress?: ProgressReader,
  ) {}

  private validateLocales(
    sourceLocale: string,
    targetLocales: readonly string[],
  ): { source: string; targets: string[] } {
    const source = canonicalOrFail('sourceLocale', sourceLocale);
    const targets = targetLocales.map((l, i) => canonicalOrFail(`targetLocales.${i}`, l));
    if (targets.includes(source))
      throw invalidField('targetLocales', `must not include the source locale ${source}`);
    return { source, targets };
  }

  async create(dto: CreateProjectDto): Promise<ProjectDto> {
    const { source, targets } = this.validateLocales(dto.sourceLocale, dto.targetLocales);
    const id = await this.dataSource.transaction(async (manager) => {
      const rows = await manager.query<{ id: string }[]>(
        `INSERT INTO projects (slug, name, source_locale, publish_policy, stale_policy, require_review, due_days,
                               propagate_repeats, shared_memory, pretranslate_context_as_translated)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (slug) DO NOTHING RETURNING id`,
        [
          dto.slug,
          dto.name,
          source,
          dto.publishPolicy ?? 'complete',
          dto.stalePolicy ?? 'keep',
          dto.requireReview ?? true,
          dto.dueDays ?? 7,
          dto.propagateRepeats ?? false,
          dto.sharedMemory ?? false,
          dto.pretranslateContextAsTranslated ?? false,
        ],
      );
      if (rows.length === 0)
        throw new DomainError('SLUG_TAKEN', `A project with slug "${dto.slug}" exists already.`);
      await this.setTargets(manager, rows[0].id, targets);
      await this.outbox.emit(manager, { type: 'project.created', payload: { project: dto.slug } });
      return rows[0].id;
    });
    return this.toDto(await this.recordById(id));
  }

  private async setTargets(
    manager: EntityManager,
    projectId: string,
    targets: readonly string[],
  ): Promise<{ removed: string[]; added: string[] }> {
    const removed = await manager.query<Array<{ locale: string }>>(
      `WITH removed AS (
         UPDATE project_locales SET active = false
          WHERE project_id = $1 AND active AND NOT (locale = ANY($2)) RETURNING locale
       )
       SELECT locale FROM removed`,
      [projectId, targets],
    );
    const inactive = await manager.query<Array<{ locale: string }>>(
      `SELECT locale FROM project_locales WHERE project_id = $1 AND NOT active AND locale = ANY($2)`,
      [projectId, targets],
    );
    await manager.query(
      `INSERT INTO project_locales (project_id, locale, position)
       SELECT $1, t.locale, t.position FROM unnest($2::text[]) WITH ORDINALITY AS t(locale, position)
       ON CONFLICT (project_id, locale) DO UPDATE SET active = true, position = EXCLUDED.position`,
      [projectId, targets],
    );
    return { removed: removed.map((r) => r.locale), added: inactive.map((r) => r.locale) };
  }

  async update(slug: string, dto: UpdateProjectDto, actor?: Actor): Promise<ProjectDto> {
    const current = await this.findBySlug(slug);
    const { source, targets } = this.validateLocales(
      dto.sourceLocale ?? current.sourceLocale,
      dto.targetLocales ?? current.targetLocales,
    );
    await this.dataSource.transaction(async (manager) => {
      await manager.query(
        `UPDATE projects SET name = $2, source_locale = $3, publish_policy = $4, stale_policy = $5,
                require_review = $6, due_days = $7, propagate_repeats = $8, shared_memory = $9,
                pretranslate_context_as_translated = $10, updated_at = now()
          WHERE id = $1`,
        [
          current.id,
          dto.name ?? current.name,
          source,
          dto.publishPolicy ?? current.publishPolicy,
          dto.stalePolicy ?? current.stalePolicy,
          dto.requireReview ?? current.requireReview,
          dto.dueDays ?? current.dueDays,
          dto.propagateRepeats ?? current.propagateRepeats,
          dto.sharedMemory ?? current.sharedMemory,
          dto.pretranslateContextAsTranslated ?? current.pretranslateContextAsTranslated,
        ],
      );
      if (dto.targetLocales) {
        // Readers stop (or start again) being served a removed (re-added) locale at once.
        const change = await this.setTargets(manager, current.id, targets);
        await this.publishing.targetLocalesChanged(manager, current.id, change, actor?.id ?? null);
      }
    });
    return this.toDto(await this.recordById(current.id));
  }

  async list(actor: Actor): Promise<ProjectDto[]> {
    const rows = await this.dataSource.query<ProjectRecord[]>(
      actor.role === 'admin'
        ? `SELECT ${PROJECT_COLUMNS} FROM projects p ORDER BY p.slug`
        : `SELECT ${PROJECT_COLUMNS} FROM projects p
            WHERE EXISTS (SELECT 1 FROM memberships m WHERE m.project_id = p.id AND m.user_id = $1)
            ORDER BY p.slug`,
      actor.role === 'admin' ? [] : [actor.id],
    );
    // One batch for the whole list rather than a progress read per project.
    const progress = this.progress
      ? await this.progress.forProjects(rows.map((r) => ({ id: r.id, locales: r.targetLocales })))
      : undefined;
    return rows.map((r) =>
      toProjectDto(r, progress?.get(r.id) ?? r.targetLocales.map(emptyProgress)),
    );
  }

  async get(slug: string): Promise<ProjectDto> {
    return this.toDto(await this.findBySlug(slug));
  }

  /** For other modules: the project behind a route's :project, or 404. */
  async findBySlug(slug: string): Promise<ProjectRecord> {
    const [row] = await this.dataSource.query<ProjectRecord[]>(
      `SELECT ${PROJECT_COLUMNS} FROM projects p WHERE p.slug = $1`,
      [slug],
    );
    if (!row) throw notFound('Project', { project: slug });
    return row;
  }

  private async recordById(id: string): Promise<ProjectRecord> {
    const [row] = await this.dataSource.query<ProjectRecord[]>(
      `SELECT ${PROJECT_COLUMNS} FROM projects p WHERE p.id = $1`,
      [id],
    );
    return row;
  }

  /** The canonical target locale for a route's :locale, or 404 when the project does not translate into it. */
  requireTarget(project: ProjectRecord, locale: string): string {
    const canonical = canonicalLocale(locale);
    if (!canonical || !project.targetLocales.includes(canonical)) {
      throw notFound('Locale', { project: project.slug, locale });
    }
    return canonical;
  }

  private async toDto(record: ProjectRecord): Promise<ProjectDto> {
    const progress = this.progress
      ? await this.progress.forProject(record.id, record.targetLocales)
      : record.targetLocales.map(emptyProgress);
    return toProjectDto(record, progress);
  }

  async addMember(slug: string, dto: AddMemberDto): Promise<MemberDto> {
    const project = await this.findBySlug(slug);
    const locale = targetLocaleOrFail(project, 'locale', dto.locale);
    return this.dataSource.transaction(async (manager) => {
      const rows = await manager.query<MemberDto[]>(
        `WITH upserted AS (
           INSERT INTO memberships (project_id, user_id, locale, role)
           SELECT $1, u.id, $3, $4 FROM users u WHERE u.id = $2
           ON CONFLICT (project_id, user_id, locale) DO UPDATE SET role = EXCLUDED.role
           RETURNING user_id, locale, role)
         SELECT up.user_id AS "userId", u.name, up.locale, up.role FROM upserted up JOIN users u ON u.id = up.user_id`,
        [project.id, dto.userId, locale, dto.role],
      );
      if (rows.length === 0) throw notFound('User', { userId: dto.userId });
      // Routing hands waiting, unassigned work to the new member.
      await this.outbox.emit(manager, {
        type: 'member.added',
        payload: {
          projectId: project.id,
          project: project.slug,
          userId: dto.userId,
          locale,
          role: dto.role,
        },
      });
      return rows[0];
    });
  }

  async listMembers(slug: string): Promise<MemberDto[]> {
    const project = await this.findBySlug(slug);
    return this.dataSource.query<MemberDto[]>(
      `SELECT m.user_id AS "userId", u.name, m.locale, m.role
         FROM memberships m JOIN users u ON u.id = m.user_id
        WHERE m.project_id = $1 ORDER BY m.locale, u.name`,
      [project.id],
    );
  }

  async removeMember(slug: string, userId: string, locale?: string): Promise<void> {
    const project = await this.findBySlug(slug);
    const canonical = locale === undefined ? null : canonicalLocale(locale);
    if (locale !== undefined && !canonical)
      throw invalidField('locale', `unknown locale "${locale}"`);
    const [, affected] = await this.dataSource.query<[unknown, number]>(
      `DELETE FROM memberships WHERE project_id = $1 AND user_id = $2 AND ($3::text IS NULL OR locale = $3)`,
      [project.id, userId, canonical],
    );
    if (affected === 0) throw notFound('Membership', { userId, locale: canonical });
  }
}
