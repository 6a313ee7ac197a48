/**
 * The browser session's refresh cookie: HttpOnly (no script can read it), sent only to
 * /api/auth, and only from the app's own pages (SameSite=Strict).
 */
export const SESSION_COOKIE = 'tms_session';
export const SESSION_COOKIE_PATH = '/api/auth';

/** The header (and value) a refresh must carry: a cross-site form can not set it. */
export const CSRF_HEADER = 'x-requested-with';
export const CSRF_HEADER_VALUE = 'tms-web';

/** The value of one cookie in a Cookie header, or null. */
export function readCookie(header: string | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq === -1 || part.slice(0, eq).trim() !== name) continue;
    const value = part.slice(eq + 1).trim();
    return value === '' ? null : value;
  }
  return null;
}

/** Set-Cookie for a refresh token valid for `maxAgeSeconds`; `Secure` when served over https. */
export function sessionCookie(token: string, maxAgeSeconds: number, secure: boolean): string {
  return [
    `${SESSION_COOKIE}=${token}`,
    `Path=${SESSION_COOKIE_PATH}`,
    `Max-Age=${Math.max(0, Math.floor(maxAgeSeconds))}`,
    'HttpOnly',
    'SameSite=Strict',
    ...(secure ? ['Secure'] : []),
  ].join('; ');
}

/** Set-Cookie that removes the refresh cookie. */
export const clearedSessionCookie = (secure: boolean): string =>
  sessionCookie('', 0, secure).replace(
    /Max-Age=0/,
    'Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT',
  );
