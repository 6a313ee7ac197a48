import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ok, type Schemas } from '~/api/client';
import { accessToken, refreshAccessToken, setAccessToken } from '~/auth/session';

import type { InterfaceLanguage } from '~/i18n';

export type Me = Schemas['MeDto'];

export const authKeys = {
  me: () =>
    queryOptions({
      queryKey: ['auth', 'me'] as const,
      queryFn: async ({ signal }): Promise<Me | null> => {
        // After a reload the access token is gone: the session cookie gets a new one.
        if (!accessToken() && !(await refreshAccessToken())) return null;
        return ok(await api.GET('/api/auth/me', { signal })) as Me;
      },
      staleTime: 5 * 60_000,
      retry: false,
    }),
};

export function useMe() {
  return useQuery(authKeys.me());
}

/**
 * The signed-in user; only call below <RequireAuth>, where it is known. While a sign-out
 * replaces the page, a component still rendering gets the user it was showing, not a crash.
 */
let lastUser: Me | null = null;
export function useCurrentUser(): Me {
  const { data } = useMe();
  if (data) lastUser = data;
  if (!lastUser) throw new Error('useCurrentUser outside a signed-in page');
  return data ?? lastUser;
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
      // "Signed out" first, so <RequireAuth> swaps the page for the sign-in form; then forget
      // everything the previous user could see.
      client.setQueryData(authKeys.me().queryKey, null);
      const me = authKeys.me().queryKey;
      client.removeQueries({
        predicate: (query) => !(query.queryKey[0] === me[0] && query.queryKey[1] === me[1]),
      });
      client.getMutationCache().clear();
    },
  });
}

/** Changes one's own password; 422 WRONG_PASSWORD when the current one is wrong. */
export function useChangePassword() {
  return useMutation({
    mutationFn: async (input: { currentPassword: string; newPassword: string }) =>
      ok(await api.POST('/api/auth/password', { body: input })),
  });
}

/** Saves the user's own name or interface language (null: the browser decides). */
export function useUpdateMe() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (input: { name?: string; interfaceLanguage?: InterfaceLanguage | null }) =>
      ok(await api.PATCH('/api/auth/me', { body: input })),
    onSuccess: (me) => {
      if (me) client.setQueryData(authKeys.me().queryKey, me);
    },
  });
}

export type ApiToken = Schemas['TokenDto'];
export type CreatedApiToken = Schemas['TokenCreatedDto'];

export const tokenKeys = {
  list: () =>
    queryOptions({
      queryKey: ['auth', 'tokens'] as const,
      queryFn: async ({ signal }) => ok(await api.GET('/api/auth/tokens', { signal })),
    }),
};

export function useCreateToken() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (name: string) => ok(await api.POST('/api/auth/tokens', { body: { name } })),
    onSettled: () => client.invalidateQueries({ queryKey: tokenKeys.list().queryKey }),
  });
}

export function useRevokeToken() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (id: string) =>
      ok(await api.DELETE('/api/auth/tokens/{id}', { params: { path: { id } } })),
    onSuccess: (_result, id) =>
      client.setQueryData(tokenKeys.list().queryKey, (list) => list?.filter((tk) => tk.id !== id)),
    onSettled: () => client.invalidateQueries({ queryKey: tokenKeys.list().queryKey }),
  });
}
