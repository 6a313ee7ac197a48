import { clearedSessionCookie, readCookie, sessionCookie } from './session-cookie';

describe('session cookie', () => {
  it('reads one cookie among others, and nothing from an empty or absent one', () => {
    expect(readCookie('a=1; tms_session=abc_D-9; lang=es', 'tms_session')).toBe('abc_D-9');
    expect(readCookie('xtms_session=1', 'tms_session')).toBeNull();
    expect(readCookie('tms_session=', 'tms_session')).toBeNull();
    expect(readCookie(undefined, 'tms_session')).toBeNull();
  });

  it('is HttpOnly, SameSite=Strict, limited to /api/auth, and Secure only over https', () => {
    expect(sessionCookie('t', 60.7, false)).toBe(
      'tms_session=t; Path=/api/auth; Max-Age=60; HttpOnly; SameSite=Strict',
    );
    expect(sessionCookie('t', 60, true)).toMatch(/; Secure$/);
    expect(clearedSessionCookie(false)).toMatch(
      /^tms_session=; Path=\/api\/auth; Max-Age=0; Expires=/,
    );
  });
});
