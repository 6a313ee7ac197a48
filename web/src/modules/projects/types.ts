import type { Schemas } from '~/api/client';

export type WordCounts = Schemas['WordCountsDto'];
export type ChangeRiskCounts = Schemas['ChangeRiskCountsDto'];

/**
 * ProgressDto, read tolerantly: a server from before word counts sends no `words`, and the bars
 * then offer segments only.
 */
export type Progress = Omit<Schemas['ProgressDto'], 'words' | 'changeRisk'> & {
  words?: WordCounts;
  changeRisk?: Partial<ChangeRiskCounts>;
};

export type Project = Omit<Schemas['ProjectDto'], 'progress'> & { progress: Progress[] };
export type Article = Omit<Schemas['ArticleDto'], 'locales'> & { locales: Progress[] };
