import type { ProgressDto } from './project.dto';

/**
 * Per-locale progress is computed by the translations module; projects only displays it. The
 * translations module provides this token (globally), which keeps the dependency one-way.
 */
export const PROGRESS_READER = Symbol('PROGRESS_READER');

export interface ProgressReader {
  forProject(projectId: string, locales: readonly string[]): Promise<ProgressDto[]>;
  /** Progress per project id, in a constant number of queries however many projects there are. */
  forProjects(
    projects: ReadonlyArray<{ id: string; locales: readonly string[] }>,
  ): Promise<Map<string, ProgressDto[]>>;
}

export function emptyProgress(locale: string): ProgressDto {
  return {
    locale,
    total: 0,
    untranslated: 0,
    fuzzy: 0,
    translated: 0,
    rejected: 0,
    approved: 0,
    words: { total: 0, untranslated: 0, fuzzy: 0, translated: 0, rejected: 0, approved: 0 },
    changeRisk: { minor: 0, wording: 0, clinical: 0 },
    published: null,
    stale: false,
  };
}
