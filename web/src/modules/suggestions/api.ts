import { queryOptions } from '@tanstack/react-query';
import { api, ok } from '~/api/client';

export interface TmMatch {
  source: string;
  target: string;
  /** 101 context, 100 exact, below: fuzzy. */
  score: number;
  current: boolean;
  origin: {
    project: string | null;
    article: string | null;
    segment: string | null;
    approvedAt: string;
    approver: { id: string; name: string } | null;
  };
  diff: { op: 'equal' | 'insert' | 'delete'; text: string }[];
}
export interface MtSuggestion {
  provider: string;
  target: string;
  checks?: { code: string; severity: 'error' | 'warning'; message: string }[];
}
export interface GlossaryHit {
  term: string;
  translation: string;
  note: string | null;
  doNotTranslate: boolean;
  /** Every occurrence in the segment's source, as offsets into the stored text (codes included). */
  positions?: { start: number; end: number }[];
}
/** Why the project's machine translation gave nothing this time (the rest still comes). */
export interface MtFailure {
  code: string;
  message: string;
  retryAfter?: number;
}
/** API.md's shape; `mtError` only when machine translation failed. */
export interface Suggestions {
  tm: TmMatch[];
  mt: MtSuggestion[];
  mtError?: MtFailure;
  glossary: GlossaryHit[];
}

export interface SuggestionsRoute {
  project: string;
  article: string;
  locale: string;
}

export const suggestionKeys = {
  segment: (r: SuggestionsRoute, id: string) =>
    queryOptions({
      queryKey: ['editor', r.project, r.article, r.locale, 'suggestions', id] as const,
      queryFn: async ({ signal }): Promise<Suggestions> => {
        const data = ok(
          await api.GET(
            '/api/projects/{project}/articles/{article}/locales/{locale}/segments/{id}/suggestions',
            { params: { path: { ...r, id } }, signal },
          ),
        ) as Partial<Suggestions>;
        return {
          tm: data.tm ?? [],
          mt: data.mt ?? [],
          mtError: data.mtError,
          glossary: data.glossary ?? [],
        };
      },
      staleTime: 60_000,
    }),
};

/** The suggestions in the order Alt+1…9 inserts them: memory matches first, then machine. */
export function numberedTargets(s: Suggestions | undefined): string[] {
  if (!s) return [];
  return [...s.tm.map((m) => m.target), ...s.mt.map((m) => m.target)];
}
