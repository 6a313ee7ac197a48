import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { ProgressDto } from '../projects/project.dto';
import { emptyProgress, ProgressReader } from '../projects/progress-reader';
import { LOCALE_COUNT_COLUMNS, LOCALE_COUNT_JOINS } from './state-counts';

interface CountRow {
  articleId: string;
  projectId: string;
  locale: string;
  total: number;
  untranslated: number;
  fuzzy: number;
  translated: number;
  rejected: number;
  approved: number;
  minor: number;
  wording: number;
  clinical: number;
  currentVersion: number;
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
    const [counts, publications] =
      projectIds.length === 0
        ? [[], []]
        : await Promise.all([
            this.counts(
              'JOIN unnest($1::uuid[], $2::text[]) AS l(project_id, locale) ON l.project_id = a.project_id',
              'a.project_id = ANY($1::uuid[])',
              [projectIds, pairLocales],
            ),
            this.publications(
              '(a.project_id, p.locale) IN (SELECT * FROM unnest($1::uuid[], $2::text[]))',
              [projectIds, pairLocales],
            ),
          ]);
    const countsOf = groupBy(counts, (row) => row.projectId);
    const publicationsOf = groupBy(publications, (row) => row.projectId);
    for (const project of projects) {
      result.set(
        project.id,
        sumProgress(
          project.locales,
          countsOf.get(project.id) ?? [],
          publicationsOf.get(project.id) ?? [],
        ),
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

/** Progress per locale, in the given order, summed over one project's article rows. */
function sumProgress(
  locales: readonly string[],
  counts: readonly CountRow[],
  publications: readonly PublicationRow[],
): ProgressDto[] {
  const current = new Map<string, number>();
  for (const row of counts) current.set(row.articleId, row.currentVersion);
  return locales.map((locale) => {
    const progress = emptyProgress(locale);
    for (const row of counts) {
      if (row.locale !== locale) continue;
      const p = toProgress(locale, row);
      progress.total += p.total;
      progress.untranslated += p.untranslated;
      progress.fuzzy += p.fuzzy;
      progress.translated += p.translated;
      progress.rejected += p.rejected;
      progress.approved += p.approved;
      progress.changeRisk.minor += p.changeRisk.minor;
      progress.changeRisk.wording += p.changeRisk.wording;
      progress.changeRisk.clinical += p.changeRisk.clinical;
    }
    for (const publication of publications) {
      if (publication.locale !== locale) continue;
      const at = new Date(publication.publishedAt);
      if (!progress.published || at.toISOString() > progress.published.publishedAt) {
        progress.published = {
          number: publication.number,
          sourceVersion: publication.sourceVersion,
          publishedAt: at.toISOString(),
        };
      }
      if (publication.sourceVersion < (current.get(publication.articleId) ?? 0))
        progress.stale = true;
    }
    return progress;
  });
}

function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const group = groups.get(key(row));
    if (group) group.push(row);
    else groups.set(key(row), [row]);
  }
  return groups;
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
    changeRisk: { minor: row.minor, wording: row.wording, clinical: row.clinical },
    published: null,
    stale: false,
  };
}
