import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ok, type Schemas } from '~/api/client';
import { accessToken, refreshAccessToken, setAccessToken } from '~/auth/session';

export type Me = Schemas['MeDto'];

export const authKeys = {
  me: () =>
    queryOptions({
      queryKey: ['auth', 'me'] as const,
      queryFn: async ({ signal }): Promise<Me | null> => {
        // After a reload the access token is gone: the session cookie gets a new one.
        if (!accessToken() && !(await refreshAccessToken())) return null;
        return ok(await api.GET('/api/auth/me', { signal }));
      },
      staleTime: 5 * 60_000,
      retry: false,
    }),
};

export function useMe() {
  return useQuery(authKeys.me());
}

/** The signed-in user; only call below <RequireAuth>, where it is known. */
export function useCurrentUser(): Me {
  const { data } = useMe();
  if (!data) throw new Error('useCurrentUser outside a signed-in page');
  return data;
}

export function useLogin() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (input: { email: string; password: string }) => {
      const body = { ...input, session: true } as { email: string; password: string };
      const result = ok(await api.POST('/api/auth/login', { body }));
      setAccessToken(result.accessToken);
      return result;
    },
    onSuccess: () => client.invalidateQueries({ queryKey: ['auth', 'me'] }),
  });
}

export function useLogout() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async () => {
      await fetch('/api/auth/logout', {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'X-Requested-With': 'tms-web' },
      }).catch(() => undefined);
      setAccessToken(null);
    },
    onSettled: () => {
      client.clear();
      client.setQueryData(authKeys.me().queryKey, null);
    },
  });
}
