import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../auth/permissions';
import { hasBlockingFailure, runChecks } from '../checks';
import { DomainError, notFound } from '../common/domain-error';
import { GlossaryService } from '../glossary/glossary.service';
import { MachineTranslationService } from '../machine-translation/machine-translation.service';
import type { MtErrorDto } from '../machine-translation/mt.dto';
import { MemoryService, PrefillMatch } from '../memory/memory.service';
import { ProjectRecord, ProjectsService } from '../projects/projects.service';
import type { Draft } from '../translations/draft-statement';
import { glossaryPrefilter } from '../translations/glossary-prefilter';
import { TranslationsService } from '../translations/translations.service';
import {
  DEFAULT_MIN_SCORE,
  DraftDecision,
  machineDraft,
  memoryDraft,
  UntranslatedSegment,
} from './plan';
import type { PretranslateDto, PretranslateResultDto } from './pretranslate.dto';

interface ArticleRef {
  id: string;
  slug: string;
  version: number;
  versionId: string;
}

/** A segment with the text proposed for it, before checks. */
interface Proposal {
  segment: UntranslatedSegment;
  target: string;
  decide: (blockingFailure: boolean) => DraftDecision | null;
  origin: Draft['origin'];
}

/**
 * Pre-translation, a use case across modules (STYLE.md 13): the untranslated segments of an
 * article's current version in one locale get drafts from the translation memory or machine
 * translation, written by TranslationsService.fillDrafts only while they are still
 * untranslated. On demand (POST .../pretranslate) and, from the memory's exact and context
 * matches only, for every target locale when a source version is made (an outbox handler,
 * pretranslation.module.ts). Never approves; machine translation is never automatic.
 */
@Injectable()
export class PretranslationService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly projects: ProjectsService,
    private readonly memory: MemoryService,
    private readonly machine: MachineTranslationService,
    private readonly translations: TranslationsService,
    private readonly glossary: GlossaryService,
  ) {}

  async pretranslate(
    actor: Actor,
    projectSlug: string,
    articleSlug: string,
    localeParam: string,
    dto: PretranslateDto,
  ): Promise<PretranslateResultDto> {
    const project = await this.projects.findBySlug(projectSlug);
    const locale = this.projects.requireTarget(project, localeParam);
    const article = await this.article(this.dataSource.manager, project, articleSlug);
    const segments = await this.untranslated(this.dataSource.manager, article, locale);
    const { proposals, stopped } =
      dto.from === 'mt'
        ? await this.machineProposals(project, locale, segments)
        : await this.tmProposals(project, locale, segments, dto.minScore ?? DEFAULT_MIN_SCORE);
    const written = await this.dataSource.transaction(async (manager) => {
      if (!(await this.stillCurrent(manager, article))) {
        throw new DomainError(
          'SOURCE_CHANGED',
          'The English of this article changed during the pre-translation; nothing was filled. Run it again.',
          { article: article.slug },
        );
      }
      return this.write(manager, project, article, locale, proposals, actor.id);
    });
    const translated = written.filter((row) => row.state === 'translated').length;
    return {
      filled: written.length,
      translated,
      skipped: segments.length - written.length,
      stopped,
    };
  }

  /**
   * The automatic run for a new source version, inside the transaction that writes it (after
   * the sync), so that nobody reads the new version's segments before their drafts are there:
   * of the segments `keys` (those new to the version), the untranslated ones get exact and
   * context memory matches in every target locale, a fixed number of queries per locale
   * whatever the article's size. Machine translation is never automatic (it costs).
   */
  async prefillNewVersion(
    manager: EntityManager,
    project: ProjectRecord,
    articleId: string,
    keys: readonly string[],
  ): Promise<number> {
    if (keys.length === 0 || project.targetLocales.length === 0) return 0;
    const article = await this.articleById(manager, articleId);
    // The memory first, for every locale at once: usually it knows few of the new sentences,
    // and only those need their translation rows read.
    const matches = await this.memory.sameSourceMatches(
      manager,
      {
        projectId: project.id,
        sourceLocale: project.sourceLocale,
        targetLocales: project.targetLocales,
      },
      await this.segmentsOf(manager, article, keys),
    );
    let filled = 0;
    for (const [locale, byKey] of matches) {
      const segments = await this.untranslated(manager, article, locale, [...byKey.keys()]);
      const proposals = this.memoryProposals(project, segments, byKey, DEFAULT_MIN_SCORE);
      const written = await this.write(manager, project, article, locale, proposals, null, {
        checkDrafts: false,
      });
      filled += written.length;
    }
    return filled;
  }

  private async tmProposals(
    project: ProjectRecord,
    locale: string,
    segments: readonly UntranslatedSegment[],
    minScore: number,
  ): Promise<{ proposals: Proposal[]; stopped: null }> {
    const matches = await this.memoryMatches(project, locale, segments, minScore);
    return { proposals: this.memoryProposals(project, segments, matches, minScore), stopped: null };
  }

  /** One machine translation per distinct sentence; where the run stopped, if it did. */
  private async machineProposals(
    project: ProjectRecord,
    locale: string,
    segments: readonly UntranslatedSegment[],
  ): Promise<{ proposals: Proposal[]; stopped: MtErrorDto | null }> {
    if (segments.length === 0) return { proposals: [], stopped: null };
    const { targets, stopped, provider } = await this.machine.translateAll(project, locale, [
      ...new Set(segments.map((s) => s.text)),
    ]);
    const draft = machineDraft(provider);
    const proposals = segments.flatMap((segment): Proposal[] => {
      const target = targets.get(segment.text);
      if (target === undefined || target.trim() === '') return [];
      return [{ segment, target, origin: 'mt', decide: () => draft }];
    });
    return { proposals, stopped };
  }

  /** Same-English matches in one query; fuzzy ones one segment at a time, for the rest. */
  private async memoryMatches(
    project: ProjectRecord,
    locale: string,
    segments: readonly UntranslatedSegment[],
    minScore: number,
  ): Promise<Map<string, PrefillMatch>> {
    const scope = {
      projectId: project.id,
      sourceLocale: project.sourceLocale,
      targetLocale: locale,
    };
    const matches =
      (
        await this.memory.sameSourceMatches(
          this.dataSource.manager,
          { ...scope, targetLocales: [locale] },
          segments,
        )
      ).get(locale) ?? new Map<string, PrefillMatch>();
    if (minScore >= 100) return matches;
    const rest = segments.filter((segment) => !matches.has(segment.key));
    for (const [key, match] of await this.memory.bestMatches(scope, rest, minScore)) {
      matches.set(key, match);
    }
    return matches;
  }

  private memoryProposals(
    project: ProjectRecord,
    segments: readonly UntranslatedSegment[],
    matches: ReadonlyMap<string, PrefillMatch>,
    minScore: number,
  ): Proposal[] {
    return segments.flatMap((segment) => {
      const match = matches.get(segment.key);
      if (!match) return [];
      const decide = (blockingFailure: boolean) =>
        memoryDraft(match, {
          minScore,
          contextAsTranslated: project.pretranslateContextAsTranslated,
          blockingFailure,
        });
      return decide(false)
        ? [{ segment, target: match.target, origin: 'tm' as const, decide }]
        : [];
    });
  }

  /**
   * Runs the checks a save runs on each proposal (a draft failing a blocking check is still
   * stored, as a `fuzzy` draft with its failing checks shown, since nobody can approve it as
   * it is) and writes the drafts. With `checkDrafts: false` (the automatic run, all locales
   * of a new version inside its transaction) only a draft that may become `translated` is
   * checked; a fuzzy draft's checks are left for reads to compute, as for drafts carried to
   * changed English (sync.service.ts).
   */
  private async write(
    manager: EntityManager,
    project: ProjectRecord,
    article: ArticleRef,
    locale: string,
    proposals: readonly Proposal[],
    authorId: string | null,
    { checkDrafts }: { checkDrafts: boolean } = { checkDrafts: true },
  ): Promise<Array<{ key: string; state: string }>> {
    if (proposals.length === 0) return [];
    const entriesIn = glossaryPrefilter(await this.glossary.entriesForChecks(project.id, locale));
    const drafts = proposals.flatMap((p): Draft[] => {
      const mayBeTranslated = p.decide(false)?.state === 'translated';
      const checks =
        checkDrafts || mayBeTranslated
          ? runChecks({
              source: p.segment.text,
              target: p.target,
              sourceLocale: project.sourceLocale,
              targetLocale: locale,
              glossary: entriesIn(p.segment.text),
            })
          : [];
      const decision = p.decide(hasBlockingFailure(checks));
      if (!decision) return [];
      return [
        {
          key: p.segment.key,
          target: p.target,
          state: decision.state,
          origin: p.origin,
          sourceText: p.segment.text,
          checks: JSON.stringify(checks),
          comment: decision.comment,
        },
      ];
    });
    return this.translations.fillDrafts(
      manager,
      { articleId: article.id, locale, version: article.version, authorId, drafts },
      { projectId: project.id, project: project.slug, article: article.slug },
    );
  }

  private async articleById(manager: EntityManager, articleId: string): Promise<ArticleRef> {
    const [row] = await manager.query<ArticleRef[]>(
      `SELECT a.id, a.slug, a.current_version AS version, v.id AS "versionId"
         FROM articles a JOIN source_versions v ON v.article_id = a.id AND v.version = a.current_version
        WHERE a.id = $1`,
      [articleId],
    );
    if (!row) throw notFound('Article', { articleId });
    return row;
  }

  private async article(
    manager: EntityManager,
    project: ProjectRecord,
    articleSlug: string,
  ): Promise<ArticleRef> {
    const [row] = await manager.query<ArticleRef[]>(
      `SELECT a.id, a.slug, a.current_version AS version, v.id AS "versionId"
         FROM articles a JOIN source_versions v ON v.article_id = a.id AND v.version = a.current_version
        WHERE a.project_id = $1 AND a.slug = $2`,
      [project.id, articleSlug],
    );
    if (!row) throw notFound('Article', { project: project.slug, article: articleSlug });
    return row;
  }

  /**
   * Holds the article against a source update for the rest of the transaction (as saves do)
   * and tells whether the version read is still the current one.
   */
  private async stillCurrent(manager: EntityManager, article: ArticleRef): Promise<boolean> {
    const [row] = await manager.query<Array<{ version: number }>>(
      `SELECT current_version AS version FROM articles WHERE id = $1 FOR SHARE`,
      [article.id],
    );
    return row?.version === article.version;
  }

  /** Segments `keys` of the version, in order, with their neighbours' English. */
  private segmentsOf(
    manager: EntityManager,
    article: ArticleRef,
    keys: readonly string[],
  ): Promise<UntranslatedSegment[]> {
    return manager.query<UntranslatedSegment[]>(
      `SELECT v.key, v.text, v.previous, v.next
         FROM (SELECT s.key, s.position, s.text,
                      lag(s.text) OVER w AS previous, lead(s.text) OVER w AS next
                 FROM source_segments s WHERE s.version_id = $1
               WINDOW w AS (ORDER BY s.position)) v
        WHERE v.key IN (SELECT unnest($2::text[]))
        ORDER BY v.position`,
      [article.versionId, keys],
    );
  }

  /**
   * The untranslated segments of the version (of `keys` only, when given), in order, with
   * their neighbours' English.
   */
  private untranslated(
    manager: EntityManager,
    article: ArticleRef,
    locale: string,
    keys: readonly string[] | null = null,
  ): Promise<UntranslatedSegment[]> {
    return manager.query<UntranslatedSegment[]>(
      `SELECT v.key, v.text, v.previous, v.next
         FROM (SELECT s.key, s.position, s.text,
                      lag(s.text) OVER w AS previous, lead(s.text) OVER w AS next
                 FROM source_segments s WHERE s.version_id = $3
               WINDOW w AS (ORDER BY s.position)) v
         LEFT JOIN translations t
           ON t.article_id = $1 AND t.locale = $2 AND t.segment_key = v.key
        WHERE COALESCE(t.state, 'untranslated') = 'untranslated'
          -- IN (SELECT …) is a hashed lookup; = ANY(array) would scan the array per row.
          AND ($4::text[] IS NULL OR v.key IN (SELECT unnest($4::text[])))
        ORDER BY v.position`,
      [article.id, locale, article.versionId, keys],
    );
  }
}
