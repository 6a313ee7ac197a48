/**
 * The signed-in session. The access token is kept in this module only (never in storage, never
 * in the DOM), so a script injected into the page could not read a long-lived credential: the
 * long-lived part is an HttpOnly cookie scoped to /api/auth, used only by `refresh`.
 */
let token: string | null = null;
let refreshing: Promise<boolean> | null = null;
const listeners = new Set<() => void>();

export function accessToken(): string | null {
  return token;
}

export function setAccessToken(value: string | null): void {
  token = value;
}

/** Called when the server says the session is gone; the app shows the sign-in page. */
export function onSignedOut(): void {
  if (token === null) return;
  token = null;
  for (const listener of listeners) listener();
}

export function subscribeSignedOut(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * Runs `task` holding the browser-wide refresh lock where the browser has Web Locks: each refresh
 * replaces the session cookie, and a tab presenting the cookie another tab has just replaced
 * would be refused.
 */
function acrossTabs<T>(task: () => Promise<T>): Promise<T> {
  return typeof navigator !== 'undefined' && navigator.locks
    ? (navigator.locks.request('tms-refresh', task) as Promise<T>)
    : task();
}

/** One refresh at a time, however many calls failed with 401 together, in every tab. */
export function refreshAccessToken(): Promise<boolean> {
  refreshing ??= acrossTabs(async () => {
    try {
      const response = await fetch('/api/auth/refresh', {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'X-Requested-With': 'tms-web' },
      });
      if (!response.ok) {
        token = null;
        return false;
      }
      const body = (await response.json()) as { accessToken: string };
      token = body.accessToken;
      return true;
    } catch {
      return false;
    } finally {
      refreshing = null;
    }
  });
  return refreshing;
}
