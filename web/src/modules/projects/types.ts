import type { Schemas } from '~/api/client';

/** Word counts per state (api-words; TODO(schema): optional until schema.d.ts has them). */
export interface WordCounts {
  total: number;
  untranslated: number;
  fuzzy: number;
  translated: number;
  rejected: number;
  approved: number;
}

export interface ChangeRiskCounts {
  minor: number;
  wording: number;
  clinical: number;
}

/** ProgressDto as the server sends it (its `changeRisk` is untyped in the document). */
export type Progress = Omit<Schemas['ProgressDto'], 'changeRisk'> & {
  changeRisk?: Partial<ChangeRiskCounts>;
  words?: WordCounts;
};

export type Project = Omit<Schemas['ProjectDto'], 'progress'> & { progress: Progress[] };

export type Article = Omit<Schemas['ArticleDto'], 'locales'> & { locales: Progress[] };
