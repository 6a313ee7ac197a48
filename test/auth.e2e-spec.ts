import { DataSource } from 'typeorm';
import { ADMIN, TestApp } from './support/app';
import { eventually, login, makeUser } from './support/factories';
import { Http } from './support/http';
import { startAdmin } from './support/team';

describe('auth (e2e)', () => {
  let t: TestApp;
  let http: Http;
  let admin: string;

  beforeAll(async () => {
    ({ t, http, admin } = await startAdmin({ worker: false }));
  });
  afterAll(() => t.close());

  it('logs in with the configured admin and returns the user without a hash', async () => {
    const res = await http.post('/api/auth/login', {
      email: ADMIN.email.toUpperCase(),
      password: ADMIN.password,
    });
    expect(res.status).toBe(200);
    expect(res.body.accessToken).toEqual(expect.any(String));
    expect(res.body.user).toMatchObject({ email: ADMIN.email, role: 'admin' });
    expect(JSON.stringify(res.body)).not.toMatch(/argon2|passwordHash/);
  });

  it('rejects a wrong password with INVALID_CREDENTIALS', async () => {
    const res = await http.post('/api/auth/login', {
      email: ADMIN.email,
      password: 'wrong-password',
    });
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({
      statusCode: 401,
      error: 'Unauthorized',
      code: 'INVALID_CREDENTIALS',
    });
  });

  it('throttles repeated failures per IP and e-mail with 429', async () => {
    const email = 'nobody-throttle@test.local';
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      statuses.push((await http.post('/api/auth/login', { email, password: `guess-${i}` })).status);
    }
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401));
    expect(statuses.slice(10)).toEqual([429, 429]);
    const other = await http.post('/api/auth/login', {
      email: ADMIN.email,
      password: ADMIN.password,
    });
    expect(other.status).toBe(200);
  });

  it('returns me with memberships', async () => {
    const res = await http.get('/api/auth/me', { token: admin });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ email: ADMIN.email, role: 'admin', memberships: [] });
  });

  it('requires a token, and refuses a forged one', async () => {
    expect((await http.get('/api/auth/me')).body.code).toBe('UNAUTHORIZED');
    const forged = await http.get('/api/auth/me', {
      token: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.bad',
    });
    expect(forged.status).toBe(401);
  });

  it('issues personal API tokens that work as bearer tokens and are stored hashed', async () => {
    const created = await http.post('/api/auth/tokens', { name: 'ci' }, { token: admin });
    expect(created.status).toBe(201);
    expect(created.body.token).toMatch(/^tms_/);
    const me = await http.get('/api/auth/me', { token: created.body.token });
    expect(me.status).toBe(200);
    const stored = await t.app
      .get(DataSource)
      .query(`SELECT token_hash FROM api_tokens WHERE id = $1`, [created.body.id]);
    expect(stored[0].token_hash).not.toContain(created.body.token);
    expect(stored[0].token_hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('lets an admin create and list users, refuses duplicates, hides hashes', async () => {
    const user = await makeUser(http, admin);
    const dup = await http.post(
      '/api/users',
      { email: user.email.toUpperCase(), name: 'X', password: 'password-1', role: 'member' },
      { token: admin },
    );
    expect(dup.status).toBe(409);
    expect(dup.body.code).toBe('EMAIL_TAKEN');
    const list = await http.get('/api/users', { token: admin });
    expect(list.status).toBe(200);
    expect(list.body.map((u: { email: string }) => u.email)).toContain(user.email);
    expect(JSON.stringify(list.body)).not.toMatch(/password/i);
  });

  it('keeps user management admin-only', async () => {
    const member = await makeUser(http, admin);
    expect((await http.get('/api/users', { token: member.token })).status).toBe(403);
    const create = await http.post(
      '/api/users',
      { email: 'x@test.local', name: 'X', password: 'password-1' },
      { token: member.token },
    );
    expect(create.status).toBe(403);
    expect(create.body.code).toBe('FORBIDDEN');
  });

  it('rejects a deactivated user at login and on every token', async () => {
    const member = await makeUser(http, admin);
    const apiToken = (await http.post('/api/auth/tokens', { name: 'n' }, { token: member.token }))
      .body.token;
    expect(
      (await http.patch(`/api/users/${member.id}`, { active: false }, { token: admin })).status,
    ).toBe(200);
    expect((await http.get('/api/auth/me', { token: member.token })).status).toBe(401);
    expect((await http.get('/api/auth/me', { token: apiToken })).status).toBe(401);
    const relogin = await http.post('/api/auth/login', {
      email: member.email,
      password: member.password,
    });
    expect(relogin.status).toBe(401);
    await expect(login(http, member.email, member.password)).rejects.toThrow('401');
  });

  it('answers each of many concurrent requests for its own actor, active or not', async () => {
    const [active, deactivated] = [await makeUser(http, admin), await makeUser(http, admin)];
    const tokenOf = async (user: { token: string }) =>
      (await http.post<{ token: string }>('/api/auth/tokens', { name: 'n' }, { token: user.token }))
        .body.token;
    const [activeToken, deactivatedToken] = [await tokenOf(active), await tokenOf(deactivated)];
    await http.patch(`/api/users/${deactivated.id}`, { active: false }, { token: admin });
    const callers = [
      { token: active.token, email: active.email },
      { token: activeToken, email: active.email },
      { token: admin, email: ADMIN.email },
      { token: deactivated.token, email: null },
      { token: deactivatedToken, email: null },
      { token: 'tms_not-a-token', email: null },
    ];
    const rounds = Array.from({ length: 5 }, () => callers).flat();
    const results = await Promise.all(
      rounds.map((c) => http.get<{ email: string }>('/api/auth/me', { token: c.token })),
    );
    expect(results.map((r) => (r.status === 200 ? r.body.email : r.status))).toEqual(
      rounds.map((c) => c.email ?? 401),
    );
  });

  it('lists and revokes personal tokens; a revoked token stops working at once', async () => {
    const [owner, other] = [await makeUser(http, admin), await makeUser(http, admin)];
    const create = async (name: string) =>
      (
        await http.post<{ id: string; token: string }>(
          '/api/auth/tokens',
          { name },
          { token: owner.token },
        )
      ).body;
    const ci = await create('ci export');
    const laptop = await create('laptop');
    expect((await http.get('/api/auth/me', { token: ci.token })).status).toBe(200);

    // The last use is recorded beside the request, not before its response.
    const listed = await eventually(async () => {
      const res = await http.get<Array<Record<string, unknown>>>('/api/auth/tokens', {
        token: owner.token,
      });
      return res.body[1]?.lastUsedAt ? res : undefined;
    });
    expect(listed.status).toBe(200);
    expect(listed.body.map((t) => t.name)).toEqual(['laptop', 'ci export']);
    expect(listed.body[1].lastUsedAt).toEqual(expect.any(String));
    expect(listed.body[0].lastUsedAt).toBeNull();
    expect(JSON.stringify(listed.body)).not.toMatch(/tms_|hash/i);
    expect((await http.get<unknown[]>('/api/auth/tokens', { token: other.token })).body).toEqual(
      [],
    );

    // Someone else's token, an unknown one and a malformed id change nothing.
    expect((await http.delete(`/api/auth/tokens/${ci.id}`, { token: other.token })).status).toBe(
      404,
    );
    expect((await http.delete(`/api/auth/tokens/not-a-uuid`, { token: owner.token })).status).toBe(
      400,
    );
    expect((await http.get('/api/auth/me', { token: ci.token })).status).toBe(200);

    expect((await http.delete(`/api/auth/tokens/${ci.id}`, { token: owner.token })).status).toBe(
      204,
    );
    expect((await http.get('/api/auth/me', { token: ci.token })).status).toBe(401);
    expect((await http.get('/api/auth/me', { token: laptop.token })).status).toBe(200);
    expect((await http.delete(`/api/auth/tokens/${ci.id}`, { token: owner.token })).status).toBe(
      404,
    );
    const after = await http.get<Array<{ id: string }>>('/api/auth/tokens', { token: owner.token });
    expect(after.body.map((t) => t.id)).toEqual([laptop.id]);
  });
});
