import { api, ok } from './client';
import { ApiError, type ErrorBody } from './errors';
import { accessToken, onSignedOut, refreshAccessToken } from '~/auth/session';

/**
 * Calls to routes the server work is adding right now, before they are in schema.d.ts: the same
 * client as every other call (bearer token, one refresh on 401, ApiError for >= 400), with the
 * request and response types given by the caller in its module's api.ts.
 *
 * TODO(schema): once `npm run openapi` has regenerated schema.d.ts with these routes, the callers
 * switch to `api.GET/POST/...` with generated types and this file goes away.
 */
type LooseRequest = (
  method: string,
  url: string,
  init?: { body?: unknown; signal?: AbortSignal },
) => Promise<{ data?: unknown; error?: unknown; response: Response }>;

export async function callExtra<T>(
  method: 'get' | 'post' | 'put' | 'patch' | 'delete',
  url: string,
  init: { body?: unknown; signal?: AbortSignal } = {},
): Promise<T> {
  const request = api.request as unknown as LooseRequest;
  return ok(await request(method, url, init)) as T;
}

/**
 * Calls to routes that are not in the generated schema yet (TODO(schema): the integrator
 * switches these to `api` once schema.d.ts has them). Same behaviour as the typed client: the
 * in-memory access token, one refresh and retry on 401, every status of 400 or more thrown as an
 * ApiError with the server's code and details.
 */
export async function extraRequest<T>(
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  path: string,
  options: { body?: unknown; signal?: AbortSignal } = {},
): Promise<T> {
  const send = () => {
    const headers: Record<string, string> = { Accept: 'application/json' };
    const token = accessToken();
    if (token) headers.Authorization = `Bearer ${token}`;
    if (options.body !== undefined) headers['Content-Type'] = 'application/json';
    return fetch(path, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
      credentials: 'same-origin',
    });
  };
  let response = await send();
  if (response.status === 401 && (await refreshAccessToken())) response = await send();
  if (response.status >= 400) {
    let body: Partial<ErrorBody> | null = null;
    try {
      body = (await response.json()) as Partial<ErrorBody>;
    } catch {
      body = null;
    }
    if (response.status === 401) onSignedOut();
    throw new ApiError(response.status, body);
  }
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}
