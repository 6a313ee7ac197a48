import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';
import { api, ok } from '~/api/client';
import type { Article, Project } from './types';

export const ARTICLE_PAGE_SIZE = 25;

export const projectKeys = {
  all: ['projects'] as const,
  list: () =>
    queryOptions({
      queryKey: ['projects', 'list'] as const,
      queryFn: async ({ signal }) =>
        ok(await api.GET('/api/projects', { signal })) as unknown as Project[],
    }),
  detail: (project: string) =>
    queryOptions({
      queryKey: ['projects', 'detail', project] as const,
      queryFn: async ({ signal }) =>
        ok(
          await api.GET('/api/projects/{project}', { params: { path: { project } }, signal }),
        ) as unknown as Project,
    }),
  articles: (project: string) =>
    infiniteQueryOptions({
      queryKey: ['projects', 'detail', project, 'articles'] as const,
      initialPageParam: undefined as string | undefined,
      queryFn: async ({ signal, pageParam }) => {
        const page = ok(
          await api.GET('/api/projects/{project}/articles', {
            params: {
              path: { project },
              query: { limit: ARTICLE_PAGE_SIZE, cursor: pageParam },
            },
            signal,
          }),
        );
        return page as unknown as { items: Article[]; nextCursor: string | null };
      },
      getNextPageParam: (last) => last.nextCursor ?? undefined,
    }),
  article: (project: string, article: string) =>
    queryOptions({
      queryKey: ['projects', 'detail', project, 'articles', article] as const,
      queryFn: async ({ signal }) =>
        ok(
          await api.GET('/api/projects/{project}/articles/{article}', {
            params: { path: { project, article } },
            signal,
          }),
        ) as unknown as Article,
      staleTime: 5 * 60_000,
    }),
};
