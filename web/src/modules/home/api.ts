import { infiniteQueryOptions } from '@tanstack/react-query';
import { api, ok, type Schemas } from '~/api/client';

export type Task = Schemas['TaskDto'];

export const TASK_PAGE_SIZE = 20;

export const taskKeys = {
  all: ['tasks'] as const,
  mineOpen: () =>
    infiniteQueryOptions({
      queryKey: ['tasks', 'mine', 'open'] as const,
      initialPageParam: undefined as string | undefined,
      queryFn: async ({ signal, pageParam }) => {
        const page = ok(
          await api.GET('/api/tasks', {
            params: {
              query: { assignee: 'me', status: 'open', limit: TASK_PAGE_SIZE, cursor: pageParam },
            },
            signal,
          }),
        );
        return page as { items: Task[]; nextCursor: string | null };
      },
      getNextPageParam: (last) => last.nextCursor ?? undefined,
    }),
};
