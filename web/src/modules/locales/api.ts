import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, ok, type Schemas } from '~/api/client';

export type Locale = Schemas['LocaleDto'];

export const localeKeys = {
  all: () =>
    queryOptions({
      queryKey: ['locales'] as const,
      queryFn: async ({ signal }) => ok(await api.GET('/api/locales', { signal })),
      // The server's locale list changes with a deployment, not while the app is open.
      staleTime: Infinity,
      gcTime: Infinity,
    }),
};

/** Every locale the server knows, by code; empty until loaded (callers fall back to the code). */
export function useLocales(): ReadonlyMap<string, Locale> {
  const { data } = useQuery({
    ...localeKeys.all(),
    select: (list) => new Map(list.map((locale) => [locale.code, locale])),
  });
  return data ?? EMPTY;
}

const EMPTY: ReadonlyMap<string, Locale> = new Map();
