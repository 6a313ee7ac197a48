import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';
import { api, ok, type Schemas } from '~/api/client';
import type { Check, Segment, SegmentPage } from './utils/segments';

/** The article and locale an editor is open on (the route's parameters). */
export interface EditorRoute {
  project: string;
  article: string;
  locale: string;
}

const pathParams = (r: EditorRoute) => ({
  project: r.project,
  article: r.article,
  locale: r.locale,
});

/** Page size of the segment list: the first page renders at once, the rest load behind it. */
export const SEGMENT_PAGE = 500;

export type LocaleInfo = Schemas['LocaleDto'];
export type ProjectInfo = Schemas['ProjectDto'];
export type ArticleInfo = Schemas['ArticleDto'];

export interface HistoryItem {
  segmentId: string;
  revision: number;
  sourceVersion: number;
  target: string;
  state: Segment['state'];
  sourceText: string;
  author: { id: string; name: string } | null;
  createdAt: string;
  comment: string | null;
  action: string;
  origin: string;
  checks: Check[];
}

export interface CommentItem {
  id: string;
  body: string;
  author: { id: string; name: string };
  createdAt: string;
}

export type LocalePreview = Schemas['LocalePreviewDto'];

export const editorKeys = {
  all: (r: EditorRoute) => ['editor', r.project, r.article, r.locale] as const,

  segments: (r: EditorRoute) =>
    infiniteQueryOptions({
      queryKey: [...editorKeys.all(r), 'segments'] as const,
      queryFn: async ({ pageParam, signal }): Promise<SegmentPage> =>
        ok(
          await api.GET('/api/projects/{project}/articles/{article}/locales/{locale}/segments', {
            params: {
              path: pathParams(r),
              query: { limit: SEGMENT_PAGE, ...(pageParam ? { cursor: pageParam } : {}) },
            },
            signal,
          }),
        ) as SegmentPage,
      initialPageParam: null as string | null,
      getNextPageParam: (last) => last.nextCursor,
      // Other people's edits arrive with a conflict or a reload; refetching 5,000 segments on
      // every window focus would cost more than it tells.
      staleTime: 5 * 60_000,
      refetchOnWindowFocus: false,
    }),

  locales: () =>
    queryOptions({
      queryKey: ['locales'] as const,
      queryFn: async ({ signal }) => ok(await api.GET('/api/locales', { signal })),
      staleTime: Infinity,
    }),

  project: (project: string) =>
    queryOptions({
      queryKey: ['projects', project] as const,
      queryFn: async ({ signal }) =>
        ok(await api.GET('/api/projects/{project}', { params: { path: { project } }, signal })),
    }),

  article: (r: EditorRoute) =>
    queryOptions({
      queryKey: ['projects', r.project, 'articles', r.article] as const,
      queryFn: async ({ signal }) =>
        ok(
          await api.GET('/api/projects/{project}/articles/{article}', {
            params: { path: { project: r.project, article: r.article } },
            signal,
          }),
        ),
    }),

  history: (r: EditorRoute, id: string) =>
    queryOptions({
      queryKey: [...editorKeys.all(r), 'history', id] as const,
      queryFn: async ({ signal }): Promise<HistoryItem[]> => {
        const data = ok(
          await api.GET(
            '/api/projects/{project}/articles/{article}/locales/{locale}/segments/{id}/history',
            { params: { path: { ...pathParams(r), id } }, signal },
          ),
        ) as unknown as { items: HistoryItem[] } | HistoryItem[];
        return Array.isArray(data) ? data : data.items;
      },
    }),

  comments: (r: EditorRoute, id: string) =>
    queryOptions({
      queryKey: [...editorKeys.all(r), 'comments', id] as const,
      queryFn: async ({ signal }): Promise<CommentItem[]> =>
        ok(
          await api.GET(
            '/api/projects/{project}/articles/{article}/locales/{locale}/segments/{id}/comments',
            { params: { path: { ...pathParams(r), id } }, signal },
          ),
        ) as CommentItem[],
    }),

  preview: (r: EditorRoute) =>
    queryOptions({
      queryKey: [...editorKeys.all(r), 'preview'] as const,
      queryFn: async ({ signal }): Promise<LocalePreview> =>
        ok(
          await api.GET('/api/projects/{project}/articles/{article}/locales/{locale}/preview', {
            params: { path: pathParams(r) },
            signal,
          }),
        ),
      staleTime: 0,
    }),

  /** The checks a save of `target` would run, without saving (debounced by the caller). */
  check: (r: EditorRoute, id: string, target: string) =>
    queryOptions({
      queryKey: [...editorKeys.all(r), 'check', id, target] as const,
      queryFn: async ({ signal }) =>
        ok(
          await api.POST(
            '/api/projects/{project}/articles/{article}/locales/{locale}/segments/{id}/check',
            { params: { path: { ...pathParams(r), id } }, body: { target }, signal },
          ),
        ).checks as Check[],
      staleTime: 60_000,
      retry: false,
    }),
};

export async function saveSegment(
  r: EditorRoute,
  id: string,
  body: { target: string; revision: number },
): Promise<Segment & { propagated?: string[] }> {
  return ok(
    await api.PUT('/api/projects/{project}/articles/{article}/locales/{locale}/segments/{id}', {
      params: { path: { ...pathParams(r), id } },
      body: body as Schemas['SaveSegmentDto'],
    }),
  ) as Segment & { propagated?: string[] };
}

export async function fetchSegment(r: EditorRoute, id: string): Promise<Segment> {
  return ok(
    await api.GET('/api/projects/{project}/articles/{article}/locales/{locale}/segments/{id}', {
      params: { path: { ...pathParams(r), id } },
    }),
  ) as Segment;
}

export async function postComment(r: EditorRoute, id: string, body: string): Promise<void> {
  await api.POST(
    '/api/projects/{project}/articles/{article}/locales/{locale}/segments/{id}/comments',
    { params: { path: { ...pathParams(r), id } }, body: { body } },
  );
}

export type PretranslateResult = Schemas['PretranslateResultDto'];

/** Fills the locale's untranslated segments with fuzzy drafts (memory or machine translation). */
export async function pretranslate(
  r: EditorRoute,
  body: Schemas['PretranslateDto'],
): Promise<PretranslateResult> {
  return ok(
    await api.POST('/api/projects/{project}/articles/{article}/locales/{locale}/pretranslate', {
      params: { path: pathParams(r) },
      body,
    }),
  );
}
