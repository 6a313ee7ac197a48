import { DataSource } from 'typeorm';
import { ADMIN, TestApp } from './support/app';
import { login, makeUser, TestUser } from './support/factories';
import { Http, Response } from './support/http';
import { startAdmin } from './support/team';

const WEB = { 'x-requested-with': 'tms-web' };

const creds = ({ email, password }: { email: string; password: string }) => ({ email, password });

/** The refresh token a response set in its cookie. */
function cookieOf(res: Response): string {
  const header = res.headers.get('set-cookie') ?? '';
  const match = /^tms_session=([^;]*);/.exec(header);
  if (!match) throw new Error(`no session cookie in "${header}"`);
  return match[1];
}

describe('browser sessions and account settings (e2e)', () => {
  let t: TestApp;
  let http: Http;
  let admin: string;
  let db: DataSource;
  const previousTrustProxy = process.env.TRUST_PROXY;

  beforeAll(async () => {
    process.env.TRUST_PROXY = 'true';
    ({ t, http, admin } = await startAdmin({ worker: false }));
    db = t.app.get(DataSource);
  });
  afterAll(async () => {
    if (previousTrustProxy === undefined) delete process.env.TRUST_PROXY;
    else process.env.TRUST_PROXY = previousTrustProxy;
    await t.close();
  });

  const startSession = async (user: { email: string; password: string }) => {
    const res = await http.post('/api/auth/login', { ...creds(user), session: true });
    expect(res.status).toBe(200);
    return { res, cookie: cookieOf(res) };
  };
  const refresh = (cookie: string | null, headers: Record<string, string> = WEB) =>
    http.post('/api/auth/refresh', undefined, {
      headers: { ...headers, ...(cookie === null ? {} : { cookie: `tms_session=${cookie}` }) },
    });

  describe('login', () => {
    it('without `session` answers as before and sets no cookie', async () => {
      const res = await http.post('/api/auth/login', ADMIN);
      expect(res.status).toBe(200);
      expect(Object.keys(res.body).sort()).toEqual(['accessToken', 'user']);
      expect(res.headers.get('set-cookie')).toBeNull();
    });

    it('with `session: true` also sets an HttpOnly, strict, /api/auth-only cookie', async () => {
      const { res, cookie } = await startSession(ADMIN);
      expect(Object.keys(res.body).sort()).toEqual(['accessToken', 'user']);
      const header = res.headers.get('set-cookie') as string;
      expect(header).toMatch(/; Path=\/api\/auth(;|$)/);
      expect(header).toMatch(/; HttpOnly(;|$)/);
      expect(header).toMatch(/; SameSite=Strict(;|$)/);
      expect(header).toMatch(/; Max-Age=259\d{4}(;|$)/); // 30 days
      expect(header).not.toMatch(/Secure/);
      expect(res.text).not.toContain(cookie);
      const me = await http.get('/api/auth/me', { token: res.body.accessToken });
      expect(me.status).toBe(200);
    });

    it('gives a browser session a 15-minute access token (the cookie renews it); scripts keep the configured one', async () => {
      const lifetime = (token: string): number => {
        const claims = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString());
        return claims.exp - claims.iat;
      };
      const { res, cookie } = await startSession(ADMIN);
      expect(lifetime(res.body.accessToken)).toBe(15 * 60);
      expect(lifetime((await refresh(cookie)).body.accessToken)).toBe(15 * 60);
      const script = await http.post('/api/auth/login', ADMIN);
      expect(lifetime(script.body.accessToken)).toBeGreaterThan(15 * 60);
    });

    it('marks the cookie Secure when the request came over https through a trusted proxy', async () => {
      const res = await http.post(
        '/api/auth/login',
        { ...ADMIN, session: true },
        { headers: { 'x-forwarded-proto': 'https' } },
      );
      expect(res.headers.get('set-cookie')).toMatch(/; Secure$/);
    });

    it('stores only a hash of the refresh token, with the user agent and both expiries', async () => {
      const res = await http.post(
        '/api/auth/login',
        { ...ADMIN, session: true },
        { headers: { 'user-agent': 'SessionTest/1.0' } },
      );
      const cookie = cookieOf(res);
      const [row] = await db.query(
        `SELECT token_hash, user_agent, idle_expires_at - created_at AS idle,
                expires_at - created_at AS absolute
           FROM auth_sessions WHERE user_agent = 'SessionTest/1.0'`,
      );
      expect(row.token_hash).toMatch(/^[0-9a-f]{64}$/);
      expect(row.token_hash).not.toContain(cookie);
      expect(row.idle).toMatchObject({ hours: 12 });
      expect(row.absolute).toMatchObject({ days: 30 });
    });
  });

  it('deletes a user\u2019s sessions that ended more than 30 days ago when a new one starts', async () => {
    const user = await makeUser(http, admin);
    const old = await startSession(user);
    const recent = await startSession(user);
    await db.query(
      `UPDATE auth_sessions SET revoked_at = now() - interval '31 days'
        WHERE token_hash = encode(sha256($1::bytea), 'hex')`,
      [old.cookie],
    );
    await db.query(
      `UPDATE auth_sessions SET revoked_at = now() - interval '29 days'
        WHERE token_hash = encode(sha256($1::bytea), 'hex')`,
      [recent.cookie],
    );
    await startSession(user);
    const [{ count }] = await db.query(
      `SELECT count(*)::int AS count FROM auth_sessions WHERE user_id = $1`,
      [user.id],
    );
    expect(count).toBe(2);
  });

  describe('refresh', () => {
    it('gives a new access token and a new refresh token', async () => {
      const { cookie } = await startSession(ADMIN);
      const res = await refresh(cookie);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        accessToken: expect.any(String),
        user: expect.objectContaining({ email: ADMIN.email, role: 'admin' }),
      });
      const next = cookieOf(res);
      expect(next).not.toBe(cookie);
      expect(res.headers.get('cache-control')).toBe('no-store');
      const me = await http.get('/api/auth/me', { token: res.body.accessToken });
      expect(me.body.email).toBe(ADMIN.email);
      expect((await refresh(next)).status).toBe(200);
    });

    it('needs the X-Requested-With header and the cookie: 401 SESSION_EXPIRED otherwise', async () => {
      const { cookie } = await startSession(ADMIN);
      for (const res of [
        await refresh(cookie, {}),
        await refresh(cookie, { 'x-requested-with': 'XMLHttpRequest' }),
        await refresh(null),
        await refresh('not-a-token'),
      ]) {
        expect(res.status).toBe(401);
        expect(res.body).toMatchObject({ statusCode: 401, code: 'SESSION_EXPIRED' });
      }
      // An ended session's cookie is cleared.
      expect((await refresh('not-a-token')).headers.get('set-cookie')).toMatch(
        /^tms_session=; Path=\/api\/auth; Max-Age=0/,
      );
      // The refused attempts did not use the cookie up.
      expect((await refresh(cookie)).status).toBe(200);
    });

    it('ends the session when a replaced refresh token comes back (a stolen copy)', async () => {
      const { cookie: stolen } = await startSession(ADMIN);
      const rotated = await refresh(stolen);
      const current = cookieOf(rotated);
      // Past the grace window for two tabs refreshing at once.
      await db.query(
        `UPDATE auth_sessions SET last_used_at = now() - interval '1 minute'
          WHERE previous_token_hash IS NOT NULL AND revoked_at IS NULL`,
      );
      const replay = await refresh(stolen);
      expect(replay.status).toBe(401);
      expect(replay.body.code).toBe('SESSION_EXPIRED');
      // The rightful holder is signed out too: the session is over for both.
      expect((await refresh(current)).status).toBe(401);
    });

    it('keeps the session when the replaced token comes back at once (a second tab)', async () => {
      const { cookie: first } = await startSession(ADMIN);
      const second = cookieOf(await refresh(first));
      expect((await refresh(first)).status).toBe(401);
      expect((await refresh(second)).status).toBe(200);
    });

    it('of two refreshes racing with the same token, exactly one wins', async () => {
      const { cookie } = await startSession(ADMIN);
      const results = await Promise.all([refresh(cookie), refresh(cookie), refresh(cookie)]);
      expect(results.map((r) => r.status).sort()).toEqual([200, 401, 401]);
    });

    it('ends an idle session after 12 hours and any session after 30 days', async () => {
      const idle = await startSession(ADMIN);
      const old = await startSession(ADMIN);
      await db.query(
        `UPDATE auth_sessions SET idle_expires_at = now() - interval '1 second'
          WHERE token_hash = encode(sha256($1::bytea), 'hex')`,
        [idle.cookie],
      );
      await db.query(
        `UPDATE auth_sessions SET expires_at = now() - interval '1 second'
          WHERE token_hash = encode(sha256($1::bytea), 'hex')`,
        [old.cookie],
      );
      expect((await refresh(idle.cookie)).body.code).toBe('SESSION_EXPIRED');
      expect((await refresh(old.cookie)).body.code).toBe('SESSION_EXPIRED');
    });

    it('slides the idle expiry, never past the absolute one', async () => {
      const { cookie } = await startSession(ADMIN);
      await db.query(
        `UPDATE auth_sessions SET expires_at = now() + interval '1 hour',
                idle_expires_at = now() + interval '1 minute'
          WHERE token_hash = encode(sha256($1::bytea), 'hex')`,
        [cookie],
      );
      const next = cookieOf(await refresh(cookie));
      const [row] = await db.query(
        `SELECT idle_expires_at = expires_at AS capped FROM auth_sessions
          WHERE token_hash = encode(sha256($1::bytea), 'hex')`,
        [next],
      );
      expect(row.capped).toBe(true);
    });
  });

  describe('logout', () => {
    it('ends the session of the cookie and clears the cookie', async () => {
      const { cookie } = await startSession(ADMIN);
      const res = await http.post('/api/auth/logout', undefined, {
        headers: { cookie: `tms_session=${cookie}` },
      });
      expect(res.status).toBe(204);
      expect(res.headers.get('set-cookie')).toMatch(/^tms_session=; Path=\/api\/auth; Max-Age=0/);
      expect((await refresh(cookie)).status).toBe(401);
    });

    it('answers 204 without a cookie too', async () => {
      expect((await http.post('/api/auth/logout')).status).toBe(204);
    });
  });

  describe('users administered by an admin', () => {
    let user: TestUser;
    beforeEach(async () => {
      user = await makeUser(http, admin);
    });

    it('deactivating a user ends their sessions, and reactivating does not bring them back', async () => {
      const { cookie } = await startSession(user);
      const off = await http.patch(`/api/users/${user.id}`, { active: false }, { token: admin });
      expect(off.status).toBe(200);
      expect(off.body.active).toBe(false);
      expect((await refresh(cookie)).status).toBe(401);
      await http.patch(`/api/users/${user.id}`, { active: true }, { token: admin });
      expect((await refresh(cookie)).status).toBe(401);
    });

    it('resets a password: the old one stops working and sessions end', async () => {
      const { cookie } = await startSession(user);
      const res = await http.patch(
        `/api/users/${user.id}`,
        { password: 'a-new-password-1' },
        { token: admin },
      );
      expect(res.status).toBe(200);
      expect(JSON.stringify(res.body)).not.toMatch(/argon2|password/i);
      expect((await http.post('/api/auth/login', creds(user))).status).toBe(401);
      expect(
        (await http.post('/api/auth/login', { email: user.email, password: 'a-new-password-1' }))
          .status,
      ).toBe(200);
      expect((await refresh(cookie)).status).toBe(401);
    });

    it('keeps at least one active admin', async () => {
      const [{ id: adminId }] = await db.query(`SELECT id FROM users WHERE email = $1`, [
        ADMIN.email,
      ]);
      const others = await db.query(
        `SELECT id FROM users WHERE role = 'admin' AND active AND id <> $1`,
        [adminId],
      );
      for (const other of others)
        await http.patch(`/api/users/${other.id}`, { active: false }, { token: admin });
      for (const body of [{ active: false }, { role: 'member' }]) {
        const res = await http.patch(`/api/users/${adminId}`, body, { token: admin });
        expect(res.status).toBe(409);
        expect(res.body.code).toBe('INVALID_STATE');
      }
      // With another active admin, an admin may step down.
      await http.patch(`/api/users/${user.id}`, { role: 'admin' }, { token: admin });
      const stepDown = await http.patch(
        `/api/users/${user.id}`,
        { role: 'member' },
        { token: admin },
      );
      expect(stepDown.status).toBe(200);
      expect(stepDown.body.role).toBe('member');
    });

    it('renames a user and changes their role', async () => {
      const res = await http.patch(
        `/api/users/${user.id}`,
        { name: 'Renamed Person', role: 'admin' },
        { token: admin },
      );
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ name: 'Renamed Person', role: 'admin', active: true });
      const me = await http.get('/api/auth/me', { token: user.token });
      expect(me.body).toMatchObject({ name: 'Renamed Person', role: 'admin' });
    });

    it('refuses a short password, an unknown field or role, an unknown user, a non-admin', async () => {
      const short = await http.patch(
        `/api/users/${user.id}`,
        { password: 'short' },
        { token: admin },
      );
      expect(short.status).toBe(400);
      expect(short.body.code).toBe('VALIDATION_FAILED');
      expect(
        (await http.patch(`/api/users/${user.id}`, { role: 'owner' }, { token: admin })).status,
      ).toBe(400);
      expect(
        (await http.patch(`/api/users/${user.id}`, { email: 'x@y.z' }, { token: admin })).status,
      ).toBe(400);
      const unknown = await http.patch(
        '/api/users/00000000-0000-4000-8000-000000000000',
        { name: 'Nobody' },
        { token: admin },
      );
      expect(unknown.status).toBe(404);
      const member = await http.patch(
        `/api/users/${user.id}`,
        { name: 'X' },
        { token: user.token },
      );
      expect(member.status).toBe(403);
    });
  });

  describe('changing one\u2019s own password', () => {
    it('needs the current password: 422 WRONG_PASSWORD otherwise', async () => {
      const user = await makeUser(http, admin);
      const res = await http.post(
        '/api/auth/password',
        { currentPassword: 'not-my-password', newPassword: 'another-password-2' },
        { token: user.token },
      );
      expect(res.status).toBe(422);
      expect(res.body).toMatchObject({ statusCode: 422, code: 'WRONG_PASSWORD' });
      expect((await http.post('/api/auth/login', creds(user))).status).toBe(200);
    });

    it('applies the length rules of user creation', async () => {
      const user = await makeUser(http, admin);
      const res = await http.post(
        '/api/auth/password',
        { currentPassword: user.password, newPassword: 'short' },
        { token: user.token },
      );
      expect(res.status).toBe(400);
      expect(res.body.details.errors[0].field).toBe('newPassword');
    });

    it('changes it, ends the other sessions and keeps the one that made the change', async () => {
      const user = await makeUser(http, admin);
      const here = await startSession(user);
      const elsewhere = await startSession(user);
      const res = await http.post(
        '/api/auth/password',
        { currentPassword: user.password, newPassword: 'brand-new-password-3' },
        {
          token: here.res.body.accessToken,
          headers: { cookie: `tms_session=${here.cookie}` },
        },
      );
      expect(res.status).toBe(204);
      expect((await http.post('/api/auth/login', creds(user))).status).toBe(401);
      expect(await login(http, user.email, 'brand-new-password-3')).toEqual(expect.any(String));
      expect((await refresh(elsewhere.cookie)).status).toBe(401);
      expect((await refresh(here.cookie)).status).toBe(200);
    });

    it('counts wrong attempts like failed logins: 429 after ten', async () => {
      const user = await makeUser(http, admin);
      const statuses: number[] = [];
      for (let i = 0; i < 11; i++) {
        const res = await http.post(
          '/api/auth/password',
          { currentPassword: `guess-${i}-wrong`, newPassword: 'another-password-4' },
          { token: user.token },
        );
        statuses.push(res.status);
      }
      expect(statuses.slice(0, 10)).toEqual(Array(10).fill(422));
      expect(statuses[10]).toBe(429);
      // Even the right password waits out the window now.
      const right = await http.post(
        '/api/auth/password',
        { currentPassword: user.password, newPassword: 'another-password-4' },
        { token: user.token },
      );
      expect(right.status).toBe(429);
    });
  });

  describe('own settings', () => {
    it('sets the interface language and name, shown by me and the login', async () => {
      const user = await makeUser(http, admin);
      expect((await http.get('/api/auth/me', { token: user.token })).body.interfaceLanguage).toBe(
        null,
      );
      const res = await http.patch(
        '/api/auth/me',
        { interfaceLanguage: 'zh-Hans', name: 'Li Wei' },
        { token: user.token },
      );
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ interfaceLanguage: 'zh-Hans', name: 'Li Wei' });
      const me = await http.get('/api/auth/me', { token: user.token });
      expect(me.body).toMatchObject({ interfaceLanguage: 'zh-Hans', name: 'Li Wei' });
      const signedIn = await http.post('/api/auth/login', creds(user));
      expect(signedIn.body.user).toMatchObject({ interfaceLanguage: 'zh-Hans', name: 'Li Wei' });

      const cleared = await http.patch(
        '/api/auth/me',
        { interfaceLanguage: null },
        { token: user.token },
      );
      expect(cleared.body).toMatchObject({ interfaceLanguage: null, name: 'Li Wei' });
    });

    it('refuses a language the interface is not written in, and an empty name', async () => {
      const user = await makeUser(http, admin);
      for (const body of [
        { interfaceLanguage: 'de' },
        { interfaceLanguage: 'zh-hans' },
        { name: '' },
      ]) {
        const res = await http.patch('/api/auth/me', body, { token: user.token });
        expect(res.status).toBe(400);
        expect(res.body.code).toBe('VALIDATION_FAILED');
      }
      expect((await http.patch('/api/auth/me', { name: 'x' })).status).toBe(401);
    });
  });
});
