import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Actor } from '../auth/permissions';
import { notFound } from '../common/domain-error';
import { MachineTranslationService } from '../machine-translation/machine-translation.service';
import { MemoryService } from '../memory/memory.service';
import { ProjectRecord, ProjectsService } from '../projects/projects.service';
import { sourceChanged } from '../translations/source-changed';
import { SuggestionsDto } from './glossary.dto';
import { GlossaryService } from './glossary.service';
import { matchTerms } from './term-matcher';
import { inflectsIn } from '../checks/terms';

interface SegmentSourceRow {
  articleId: string;
  source: string | null;
  knownKey: boolean;
}

/**
 * Help for translating one segment: glossary entries whose term occurs in its English and the
 * translation memory's matches (memory.service.ts). A read model: it reads the articles
 * module's tables but never writes them.
 */
@Injectable()
export class SuggestionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly projects: ProjectsService,
    private readonly glossary: GlossaryService,
    private readonly machineTranslation: MachineTranslationService,
    private readonly memory: MemoryService,
  ) {}

  async forSegment(
    actor: Actor,
    projectSlug: string,
    articleSlug: string,
    localeParam: string,
    segmentId: string,
  ): Promise<SuggestionsDto> {
    const project = await this.projects.findBySlug(projectSlug);
    const locale = this.projects.requireTarget(project, localeParam);
    const [row] = await this.dataSource.query<SegmentSourceRow[]>(
      `SELECT a.id AS "articleId", s.text AS source,
              EXISTS (SELECT 1 FROM source_versions ov JOIN source_segments os ON os.version_id = ov.id
                       WHERE ov.article_id = a.id AND os.key = $3) AS "knownKey"
         FROM articles a
         JOIN source_versions v ON v.article_id = a.id AND v.version = a.current_version
         LEFT JOIN source_segments s ON s.version_id = v.id AND s.key = $3
        WHERE a.project_id = $1 AND a.slug = $2`,
      [project.id, articleSlug, segmentId],
    );
    if (!row) throw notFound('Article', { project: projectSlug, article: articleSlug });
    if (row.source === null) {
      if (!row.knownKey) throw notFound('Segment', { segmentId });
      throw sourceChanged(project.slug, articleSlug, locale, segmentId);
    }
    // The memory lookup, the glossary and the provider's answer (or the cache's) are
    // independent of each other but for the provider's checks, which need the glossary.
    const [tm, help] = await Promise.all([
      this.memory.forSegment(actor, {
        sourceLocale: project.sourceLocale,
        targetLocale: locale,
        articleId: row.articleId,
        segmentKey: segmentId,
        source: row.source,
      }),
      this.glossaryAndMt(project, locale, row.source),
    ]);
    return { tm, ...help };
  }

  private async glossaryAndMt(
    project: ProjectRecord,
    locale: string,
    source: string,
  ): Promise<Omit<SuggestionsDto, 'tm'>> {
    const entries = await this.glossary.entriesFor(project.id, locale);
    const inflect = inflectsIn(project.sourceLocale);
    const glossary = matchTerms(source, entries, { inflect }).map(({ entry, positions }) => ({
      term: entry.term,
      translation: entry.translation,
      note: entry.note,
      doNotTranslate: entry.doNotTranslate,
      positions,
    }));
    const mt = await this.machineTranslation.suggest(project, locale, source, entries);
    return { glossary, ...mt };
  }
}
