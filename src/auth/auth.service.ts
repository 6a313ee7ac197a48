import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectRepository } from '@nestjs/typeorm';
import { Algorithm, hash, verify } from '@node-rs/argon2';
import { createHash, randomBytes } from 'node:crypto';
import { IsNull, Not, Repository } from 'typeorm';
import { Batcher } from '../common/batcher';
import { DomainError, notFound } from '../common/domain-error';
import { queryPrepared } from '../database/prepared';
import { APP_CONFIG, AppConfig } from '../config/config';
import { ApiToken } from './api-token.entity';
import {
  CreateUserDto,
  LoginResponseDto,
  MeDto,
  TokenCreatedDto,
  TokenDto,
  toUserDto,
  UpdateMeDto,
  UpdateUserDto,
  UserDto,
} from './auth.dto';
import { LoginThrottle } from './login-throttle';
import { IssuedSession, SessionsService } from './sessions.service';

/** Lifetime of the access tokens of browser sessions (the refresh cookie renews them). */
export const SESSION_ACCESS_TTL_SECONDS = 15 * 60;
import type { Actor } from './permissions';
import { User, UserRole } from './user.entity';

const API_TOKEN_PREFIX = 'tms_';

/** Argon2id with OWASP's recommended parameters (19 MiB, 2 passes, 1 lane). */
export const hashPassword = (password: string): Promise<string> =>
  hash(password, {
    algorithm: Algorithm.Argon2id,
    memoryCost: 19_456,
    timeCost: 2,
    parallelism: 1,
  });

const sha256 = (value: string): string => createHash('sha256').update(value).digest('hex');

/**
 * Active users and their memberships, for any number of lookup keys at once (`key` is the
 * looked-up value). Lookups run on every request, so concurrent ones share one query.
 */
const actorsSql = (key: string, from: string, where: string): string =>
  `SELECT ${key} AS key, u.id, u.email, u.name, u.role, u.interface_language AS "interfaceLanguage",
          COALESCE(json_agg(json_build_object(
            'projectId', m.project_id, 'projectSlug', p.slug, 'locale', m.locale, 'role', m.role)
            ORDER BY p.slug, m.locale) FILTER (WHERE m.user_id IS NOT NULL), '[]') AS memberships
     FROM ${from}
     LEFT JOIN memberships m ON m.user_id = u.id
     LEFT JOIN projects p ON p.id = m.project_id
    WHERE ${where} AND u.active
    GROUP BY ${key}, u.id`;

/** The actor lookups, by user id (JWT) and by personal-token hash. */
const ACTORS_SQL = {
  id: actorsSql('u.id::text', 'users u', 'u.id = ANY($1::uuid[])'),
  token: actorsSql(
    't.token_hash',
    'api_tokens t JOIN users u ON u.id = t.user_id',
    't.token_hash = ANY($1::text[]) AND t.revoked_at IS NULL',
  ),
} as const;

type ActorRow = Actor & { key: string };

/** Concurrent lookups per query at most, and queries in flight at once per kind. */
const ACTOR_BATCH = { maxBatch: 200, concurrency: 2 };

/** A token's last use is recorded to the minute. */
const TOKEN_USE_RESOLUTION_MS = 60_000;

@Injectable()
export class AuthService {
  /** When this process last recorded each token's use (see noteTokenUse). */
  private readonly tokenUses = new Map<string, number>();
  /** Actor lookups, batched: see `actorsSql`. */
  private readonly actorLookups = {
    id: this.actorBatcher('id'),
    token: this.actorBatcher('token'),
  };
  /** A real hash to verify against when the e-mail is unknown, so timing does not reveal accounts. */
  private dummyHash: Promise<string> | null = null;

  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    @InjectRepository(ApiToken) private readonly tokens: Repository<ApiToken>,
    private readonly jwt: JwtService,
    private readonly throttle: LoginThrottle,
    private readonly sessions: SessionsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Signs in. With `session`, also starts a browser session: its refresh token is returned
   * beside the body, for the controller to put in the HttpOnly cookie.
   */
  async login(
    email: string,
    password: string,
    ip: string,
    session?: { userAgent: string | undefined },
  ): Promise<LoginResponseDto & { session?: IssuedSession }> {
    const normalized = email.trim().toLowerCase();
    if (await this.throttle.isBlocked(ip, normalized)) {
      throw new DomainError('TOO_MANY_REQUESTS', 'Too many failed logins. Try again in a minute.');
    }
    const user = await this.users.findOneBy({ email: normalized });
    this.dummyHash ??= hashPassword(randomBytes(16).toString('hex'));
    const valid = await verify(user?.passwordHash ?? (await this.dummyHash), password);
    if (!user || !valid || !user.active) {
      await this.throttle.recordFailure(ip, normalized);
      throw new DomainError(
        'INVALID_CREDENTIALS',
        'E-mail or password is wrong, or the account is deactivated.',
      );
    }
    await this.throttle.reset(ip, normalized);
    await this.users.update(user.id, { lastLoginAt: new Date() });
    // A browser session's access token lives in memory and is refreshed through the cookie, so
    // it can be short: a revoked session or a changed password stops it within minutes.
    const accessToken = await this.jwt.signAsync(
      { sub: user.id },
      session ? { expiresIn: SESSION_ACCESS_TTL_SECONDS } : {},
    );
    const body = { accessToken, user: toUserDto(user) };
    if (!session) return body;
    return { ...body, session: await this.sessions.start(user.id, session.userAgent) };
  }

  /**
   * A new access token for the browser session of a refresh token, and the session's next
   * refresh token; 401 SESSION_EXPIRED when the session has ended (or the token was replaced
   * already: see SessionsService.rotate).
   */
  async refresh(
    refreshToken: string | null,
  ): Promise<LoginResponseDto & { session: IssuedSession }> {
    const session = await this.sessions.rotate(refreshToken);
    const user = await this.users.findOneBy({ id: session.userId, active: true });
    if (!user) throw new DomainError('SESSION_EXPIRED', 'The session has ended. Sign in again.');
    const accessToken = await this.jwt.signAsync(
      { sub: user.id },
      { expiresIn: SESSION_ACCESS_TTL_SECONDS },
    );
    return { accessToken, user: toUserDto(user), session };
  }

  /** Signs a browser session out: its refresh token stops working. */
  logout(refreshToken: string | null): Promise<void> {
    return this.sessions.revoke(refreshToken);
  }

  /**
   * Changes the caller's own password. A wrong current password is 422 WRONG_PASSWORD and counts
   * as a failed login for the throttle. The caller's other browser sessions end; the one making
   * the change (`keepSession`, its refresh token) stays signed in.
   */
  async changePassword(
    actor: Actor,
    currentPassword: string,
    newPassword: string,
    ip: string,
    keepSession: string | null,
  ): Promise<void> {
    if (await this.throttle.isBlocked(ip, actor.email)) {
      throw new DomainError(
        'TOO_MANY_REQUESTS',
        'Too many failed attempts. Try again in a minute.',
      );
    }
    const user = await this.users.findOneBy({ id: actor.id });
    if (!user || !(await verify(user.passwordHash, currentPassword))) {
      await this.throttle.recordFailure(ip, actor.email);
      throw new DomainError('WRONG_PASSWORD', 'The current password is wrong.');
    }
    await this.throttle.reset(ip, actor.email);
    const passwordHash = await hashPassword(newPassword);
    await this.users.manager.transaction(async (manager) => {
      await manager.update(User, { id: actor.id }, { passwordHash });
      await this.sessions.revokeAll(actor.id, { manager, keepToken: keepSession });
    });
  }

  /** The caller's own name and interface language. */
  async updateMe(actor: Actor, dto: UpdateMeDto): Promise<MeDto> {
    const changes: Partial<Pick<User, 'name' | 'interfaceLanguage'>> = {};
    if (dto.name !== undefined) changes.name = dto.name;
    if (dto.interfaceLanguage !== undefined) changes.interfaceLanguage = dto.interfaceLanguage;
    if (Object.keys(changes).length > 0) await this.users.update(actor.id, changes);
    return this.me({ ...actor, ...changes });
  }

  /** Resolves a bearer token (JWT or personal API token) to an active user, or null. */
  async authenticate(token: string): Promise<Actor | null> {
    if (token.startsWith(API_TOKEN_PREFIX)) {
      const tokenHash = sha256(token);
      const actor = await this.queryActor('token', tokenHash);
      if (actor) this.noteTokenUse(tokenHash);
      return actor;
    }
    let subject: string;
    try {
      subject = (await this.jwt.verifyAsync<{ sub: string }>(token)).sub;
    } catch {
      return null;
    }
    // Outside the try: a database failure is a 500, not a signed-out user.
    return this.loadActor(subject);
  }

  /**
   * Records that a token was used, to the minute: not a write per request. Each process skips
   * tokens it recorded in the last minute; the SQL skips rows another process just wrote.
   */
  private noteTokenUse(tokenHash: string): void {
    const now = Date.now();
    if (now - (this.tokenUses.get(tokenHash) ?? 0) < TOKEN_USE_RESOLUTION_MS) return;
    if (this.tokenUses.size >= 10_000) this.tokenUses.clear();
    this.tokenUses.set(tokenHash, now);
    void this.users.manager
      .query(
        `UPDATE api_tokens SET last_used_at = now()
          WHERE token_hash = $1
            AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')`,
        [tokenHash],
      )
      .catch(() => undefined);
  }

  /** The caller's tokens that still work, newest first; never their secrets. */
  async listTokens(actor: Actor): Promise<TokenDto[]> {
    const tokens = await this.tokens.find({
      where: { userId: actor.id, revokedAt: IsNull() },
      order: { createdAt: 'DESC', id: 'DESC' },
    });
    return tokens.map(({ id, name, createdAt, lastUsedAt }) => ({
      id,
      name,
      createdAt,
      lastUsedAt,
    }));
  }

  /** Revokes one of the caller's tokens; someone else's, or one already revoked, is 404. */
  async revokeToken(actor: Actor, id: string): Promise<void> {
    const result = await this.tokens.update(
      { id, userId: actor.id, revokedAt: IsNull() },
      { revokedAt: () => 'now()' },
    );
    if (!result.affected) throw notFound('Token', { id });
  }

  loadActor(userId: string): Promise<Actor | null> {
    return this.queryActor('id', userId);
  }

  /**
   * The active user and their memberships, or null. Lookups that arrive together share one
   * prepared statement per kind (by user id, by API-token hash): planned once per connection.
   */
  private queryActor(by: 'id' | 'token', value: string): Promise<Actor | null> {
    return this.actorLookups[by].submit(value);
  }

  private actorBatcher(by: 'id' | 'token'): Batcher<string, Actor | null> {
    return new Batcher(async (values: string[]) => {
      const rows = await queryPrepared<ActorRow>(
        this.users.manager.connection,
        `tms_actors_by_${by}`,
        ACTORS_SQL[by],
        [[...new Set(values)]],
      );
      const found = new Map(rows.map(({ key, ...actor }) => [key, actor]));
      return values.map((value) => found.get(value) ?? null);
    }, ACTOR_BATCH);
  }

  me(actor: Actor): MeDto {
    return {
      id: actor.id,
      email: actor.email,
      name: actor.name,
      role: actor.role,
      interfaceLanguage: actor.interfaceLanguage ?? null,
      memberships: actor.memberships.map((m) => ({
        project: m.projectSlug,
        locale: m.locale,
        role: m.role,
      })),
    };
  }

  async createToken(actor: Actor, name: string): Promise<TokenCreatedDto> {
    const token = API_TOKEN_PREFIX + randomBytes(32).toString('base64url');
    const saved = await this.tokens.save(
      this.tokens.create({ userId: actor.id, name, tokenHash: sha256(token) }),
    );
    return { id: saved.id, name: saved.name, token };
  }

  async createUser(dto: CreateUserDto): Promise<UserDto> {
    const role: UserRole = dto.role ?? 'member';
    const passwordHash = await hashPassword(dto.password);
    const rows = await this.users.manager.query<User[]>(
      `INSERT INTO users (email, name, role, password_hash) VALUES ($1, $2, $3, $4)
       ON CONFLICT (email) DO NOTHING
       RETURNING id, email, name, role, active, created_at AS "createdAt",
                 interface_language AS "interfaceLanguage"`,
      [dto.email.toLowerCase(), dto.name, role, passwordHash],
    );
    if (rows.length === 0)
      throw new DomainError('EMAIL_TAKEN', `A user with e-mail ${dto.email} exists already.`);
    return toUserDto(rows[0]);
  }

  async listUsers(): Promise<UserDto[]> {
    const users = await this.users.find({ order: { createdAt: 'ASC' } });
    return users.map(toUserDto);
  }

  /**
   * An admin's change to a user. Deactivating them or setting a new password ends their browser
   * sessions in the same transaction (a deactivated user's tokens stop at once anyway).
   */
  async updateUser(userId: string, dto: UpdateUserDto): Promise<UserDto> {
    const passwordHash = dto.password === undefined ? undefined : await hashPassword(dto.password);
    return this.users.manager.transaction(async (manager) => {
      // Changes that could remove an admin take turns, so two can not remove the last two.
      if (dto.active === false || dto.role === 'member')
        await manager.query(`SELECT pg_advisory_xact_lock(hashtext('tms:active-admins'))`);
      const user = await manager.findOne(User, {
        where: { id: userId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!user) throw notFound('User');
      const removesAdmin =
        user.role === 'admin' && user.active && (dto.active === false || dto.role === 'member');
      if (
        removesAdmin &&
        !(await manager.exists(User, { where: { role: 'admin', active: true, id: Not(userId) } }))
      )
        throw new DomainError(
          'INVALID_STATE',
          'This is the last active admin: make another user admin first.',
        );
      if (dto.active !== undefined) user.active = dto.active;
      if (dto.name !== undefined) user.name = dto.name;
      if (dto.role !== undefined) user.role = dto.role;
      if (passwordHash !== undefined) user.passwordHash = passwordHash;
      await manager.save(user);
      if (dto.active === false || passwordHash !== undefined)
        await this.sessions.revokeAll(userId, { manager });
      return toUserDto(user);
    });
  }

  /**
   * Makes sure the configured admin exists. Returns the generated password when one had to be
   * made (outside production with no ADMIN_PASSWORD), so the caller can print it once.
   */
  async ensureAdmin(): Promise<{
    email: string;
    generatedPassword: string | null;
    created: boolean;
  }> {
    const email = (this.config.adminEmail ?? 'admin@localhost').toLowerCase();
    const existing = await this.users.findOneBy({ email });
    if (existing) {
      if (existing.role !== 'admin') await this.users.update(existing.id, { role: 'admin' });
      return { email, generatedPassword: null, created: false };
    }
    const generatedPassword =
      this.config.adminPassword === null ? randomBytes(12).toString('base64url') : null;
    const password = this.config.adminPassword ?? (generatedPassword as string);
    await this.users.manager.query(
      `INSERT INTO users (email, name, role, password_hash) VALUES ($1, 'Administrator', 'admin', $2)
       ON CONFLICT (email) DO NOTHING`,
      [email, await hashPassword(password)],
    );
    return { email, generatedPassword, created: true };
  }
}
