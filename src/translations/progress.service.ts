import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { ProgressDto } from '../projects/project.dto';
import { emptyProgress, ProgressReader } from '../projects/progress-reader';
import { LOCALE_COUNT_COLUMNS, LOCALE_COUNT_JOINS, LocaleStateCounts } from './state-counts';

interface CountRow extends LocaleStateCounts {
  articleId: string;
  projectId: string;
}

interface PublicationRow {
  articleId: string;
  projectId: string;
  locale: string;
  number: number;
  sourceVersion: number;
  publishedAt: Date;
}

/**
 * Per-locale progress over each article's current version, from the per (article, locale)
 * state counts (a missing translation row counts as untranslated). `changeRisk` counts the current version's changed
 * segments, by risk, whose translation in that locale is not approved yet (what still needs a
 * look). `published`/`stale` come from the latest publication per (article, locale).
 */
@Injectable()
export class ProgressService implements ProgressReader {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Progress per article id, one entry per locale in the given order. */
  async forArticles(
    articleIds: readonly string[],
    locales: readonly string[],
  ): Promise<Map<string, ProgressDto[]>> {
    const result = new Map<string, ProgressDto[]>();
    if (articleIds.length === 0) return result;
    const [counts, publications] = await Promise.all([
      this.counts('CROSS JOIN unnest($2::text[]) AS l(locale)', 'a.id = ANY($1::uuid[])', [
        articleIds,
        locales,
      ]),
      this.publications('p.article_id = ANY($1::uuid[])', [articleIds, locales]),
    ]);
    const byKey = new Map(counts.map((row) => [`${row.articleId}|${row.locale}`, row]));
    const published = new Map(publications.map((row) => [`${row.articleId}|${row.locale}`, row]));
    for (const articleId of articleIds) {
      result.set(
        articleId,
        locales.map((locale) => {
          const row = byKey.get(`${articleId}|${locale}`);
          const progress = row ? toProgress(locale, row) : emptyProgress(locale);
          const publication = published.get(`${articleId}|${locale}`);
          if (publication) {
            progress.published = {
              number: publication.number,
              sourceVersion: publication.sourceVersion,
              publishedAt: new Date(publication.publishedAt).toISOString(),
            };
            progress.stale = row ? publication.sourceVersion < row.currentVersion : false;
          }
          return progress;
        }),
      );
    }
    return result;
  }

  /**
   * Project progress: the counts summed over its articles. `published` is the most recent
   * publication of any article in that locale; `stale` is true when any article's latest
   * publication in that locale was made from an older source version.
   */
  async forProject(projectId: string, locales: readonly string[]): Promise<ProgressDto[]> {
    const result = await this.forProjects([{ id: projectId, locales }]);
    return result.get(projectId) ?? [];
  }

  /**
   * `forProject` for many projects in two queries however many there are (the project list),
   * each project with its own locales, in the given order.
   */
  async forProjects(
    projects: ReadonlyArray<{ id: string; locales: readonly string[] }>,
  ): Promise<Map<string, ProgressDto[]>> {
    const result = new Map<string, ProgressDto[]>();
    // (project, locale) pairs as two parallel arrays, unnested together in SQL.
    const projectIds: string[] = [];
    const pairLocales: string[] = [];
    for (const project of projects) {
      for (const locale of project.locales) {
        projectIds.push(project.id);
        pairLocales.push(locale);
      }
    }
    const rows =
      projectIds.length === 0
        ? []
        : await this.dataSource.query<ProjectLocaleRow[]>(PROJECT_PROGRESS_SQL, [
            projectIds,
            pairLocales,
          ]);
    const byKey = new Map(rows.map((row) => [`${row.projectId}|${row.locale}`, row]));
    for (const project of projects) {
      result.set(
        project.id,
        project.locales.map((locale) => {
          const row = byKey.get(`${project.id}|${locale}`);
          return row ? projectProgress(locale, row) : emptyProgress(locale);
        }),
      );
    }
    return result;
  }

  /**
   * Counts per (article, locale), read from the state counts the database keeps
   * (state-counts.ts). `locales` joins `l(locale)`, the locales to count for each article `a`;
   * `where` picks the articles.
   */
  private counts(locales: string, where: string, params: unknown[]): Promise<CountRow[]> {
    return this.dataSource.query<CountRow[]>(
      `SELECT a.id AS "articleId", a.project_id AS "projectId", l.locale,
              a.current_version AS "currentVersion", ${LOCALE_COUNT_COLUMNS}
         FROM articles a
        ${locales}
        ${LOCALE_COUNT_JOINS}
        WHERE ${where}`,
      params,
    );
  }

  private publications(where: string, params: unknown[]): Promise<PublicationRow[]> {
    return this.dataSource.query<PublicationRow[]>(
      `SELECT DISTINCT ON (p.article_id, p.locale)
              p.article_id AS "articleId", a.project_id AS "projectId", p.locale, p.number,
              p.source_version AS "sourceVersion", p.published_at AS "publishedAt"
         FROM publications p
         JOIN articles a ON a.id = p.article_id
        WHERE ${where} AND p.locale = ANY($2::text[])
        ORDER BY p.article_id, p.locale, p.number DESC`,
      params,
    );
  }
}

interface ProjectLocaleRow extends Omit<CountRow, 'articleId' | 'currentVersion'> {
  published: { number: number; sourceVersion: number; publishedAt: string } | null;
  stale: boolean;
}

/**
 * Project progress per (project, locale) pair ($1 project ids, $2 locales, in parallel), from
 * the per-project sums the database keeps of the article counts (project_locale_counts, a few
 * slot rows per pair): constant cost whatever the number of articles. `published` is the
 * project's most recent publication in that locale; `stale` says some article's latest
 * publication in that locale was made from an older source version.
 */
const PROJECT_PROGRESS_SQL = `
  SELECT l.project_id AS "projectId", l.locale,
         COALESCE(sum(pc.total), 0)::int AS total,
         COALESCE(sum(pc.untranslated), 0)::int AS untranslated,
         COALESCE(sum(pc.fuzzy), 0)::int AS fuzzy,
         COALESCE(sum(pc.translated), 0)::int AS translated,
         COALESCE(sum(pc.rejected), 0)::int AS rejected,
         COALESCE(sum(pc.approved), 0)::int AS approved,
         COALESCE(sum(pc.minor), 0)::int AS minor,
         COALESCE(sum(pc.wording), 0)::int AS wording,
         COALESCE(sum(pc.clinical), 0)::int AS clinical,
         COALESCE(sum(pc.words_total), 0)::int AS "totalWords",
         COALESCE(sum(pc.untranslated_words), 0)::int AS "untranslatedWords",
         COALESCE(sum(pc.fuzzy_words), 0)::int AS "fuzzyWords",
         COALESCE(sum(pc.translated_words), 0)::int AS "translatedWords",
         COALESCE(sum(pc.rejected_words), 0)::int AS "rejectedWords",
         COALESCE(sum(pc.approved_words), 0)::int AS "approvedWords",
         COALESCE(sum(pc.stale), 0) > 0 AS stale,
         (SELECT json_build_object('number', p.number, 'sourceVersion', p.source_version,
                                   'publishedAt', p.published_at)
            FROM publications p JOIN articles a ON a.id = p.article_id
           WHERE p.locale = l.locale AND a.project_id = l.project_id
           ORDER BY p.published_at DESC, p.number DESC LIMIT 1) AS published
    FROM unnest($1::uuid[], $2::text[]) AS l(project_id, locale)
    LEFT JOIN project_locale_counts pc ON pc.project_id = l.project_id AND pc.locale = l.locale
   GROUP BY l.project_id, l.locale`;

function projectProgress(locale: string, row: ProjectLocaleRow): ProgressDto {
  const progress = toProgress(locale, { ...row, articleId: '', currentVersion: 0 });
  if (row.published) {
    progress.published = {
      number: row.published.number,
      sourceVersion: row.published.sourceVersion,
      publishedAt: new Date(row.published.publishedAt).toISOString(),
    };
  }
  progress.stale = row.stale;
  return progress;
}

function toProgress(locale: string, row: CountRow): ProgressDto {
  return {
    locale,
    total: row.total,
    untranslated: row.untranslated,
    fuzzy: row.fuzzy,
    translated: row.translated,
    rejected: row.rejected,
    approved: row.approved,
    words: {
      total: row.totalWords,
      untranslated: row.untranslatedWords,
      fuzzy: row.fuzzyWords,
      translated: row.translatedWords,
      rejected: row.rejectedWords,
      approved: row.approvedWords,
    },
    changeRisk: { minor: row.minor, wording: row.wording, clinical: row.clinical },
    published: null,
    stale: false,
  };
}
