import { randomBytes } from 'node:crypto';
import { ADMIN } from './app';
import { Http } from './http';

export const unique = (prefix: string): string => `${prefix}-${randomBytes(3).toString('hex')}`;

export async function login(http: Http, email: string, password: string): Promise<string> {
  const response = await http.post<{ accessToken: string }>('/api/auth/login', { email, password });
  if (response.status !== 200)
    throw new Error(`login ${email} failed: ${response.status} ${response.text}`);
  return response.body.accessToken;
}

export const loginAdmin = (http: Http): Promise<string> => login(http, ADMIN.email, ADMIN.password);

export interface TestUser {
  id: string;
  email: string;
  password: string;
  token: string;
}

/** Creates a member (or admin) through the API and logs them in. */
export async function makeUser(
  http: Http,
  adminToken: string,
  overrides: { role?: 'admin' | 'member'; name?: string } = {},
): Promise<TestUser> {
  const email = `${unique('user')}@test.local`;
  const password = 'password-' + randomBytes(4).toString('hex');
  const created = await http.post<{ id: string }>(
    '/api/users',
    {
      email,
      name: overrides.name ?? email.split('@')[0],
      password,
      role: overrides.role ?? 'member',
    },
    { token: adminToken },
  );
  if (created.status !== 201)
    throw new Error(`create user failed: ${created.status} ${created.text}`);
  return { id: created.body.id, email, password, token: await login(http, email, password) };
}

export interface ProjectOverrides {
  slug?: string;
  sourceLocale?: string;
  targetLocales?: string[];
  requireReview?: boolean;
  publishPolicy?: 'complete' | 'fallback';
  stalePolicy?: 'keep' | 'withdraw-on-clinical';
  /**
   * Project roles per locale, added in the order given (translator before reviewer):
   * `{ es: { translator, reviewer }, fr: { translator } }`.
   */
  members?: Record<string, { translator?: { id: string }; reviewer?: { id: string } }>;
}

export async function makeProject(
  http: Http,
  adminToken: string,
  overrides: ProjectOverrides = {},
): Promise<{ slug: string }> {
  const { members = {}, ...fields } = overrides;
  const slug = fields.slug ?? unique('proj');
  const response = await http.post(
    '/api/projects',
    {
      slug,
      name: `Project ${slug}`,
      sourceLocale: 'en',
      targetLocales: ['es', 'fr'],
      ...fields,
    },
    { token: adminToken },
  );
  if (response.status !== 201)
    throw new Error(`create project failed: ${response.status} ${response.text}`);
  for (const [locale, roles] of Object.entries(members)) {
    if (roles.translator)
      await addMember(http, adminToken, slug, roles.translator.id, locale, 'translator');
    if (roles.reviewer)
      await addMember(http, adminToken, slug, roles.reviewer.id, locale, 'reviewer');
  }
  return { slug };
}

export async function addMember(
  http: Http,
  adminToken: string,
  project: string,
  userId: string,
  locale: string,
  role: 'translator' | 'reviewer',
): Promise<void> {
  const response = await http.post(
    `/api/projects/${project}/members`,
    { userId, locale, role },
    { token: adminToken },
  );
  if (response.status !== 201)
    throw new Error(`add member failed: ${response.status} ${response.text}`);
}

/** Polls until `check` returns a value (not undefined/false) or the timeout passes. */
export async function eventually<T>(
  check: () => Promise<T | undefined | false>,
  timeoutMs = 10_000,
  intervalMs = 50,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value !== undefined && value !== false) return value;
    } catch (error) {
      last = error;
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
  throw new Error(
    `condition not met within ${timeoutMs} ms${last ? `: ${(last as Error).message}` : ''}`,
  );
}
