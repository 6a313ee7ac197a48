import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectRepository } from '@nestjs/typeorm';
import { Algorithm, hash, verify } from '@node-rs/argon2';
import { createHash, randomBytes } from 'node:crypto';
import { Repository } from 'typeorm';
import { DomainError } from '../common/domain-error';
import { APP_CONFIG, AppConfig } from '../config/config';
import { ApiToken } from './api-token.entity';
import {
  CreateUserDto,
  LoginResponseDto,
  MeDto,
  TokenCreatedDto,
  toUserDto,
  UserDto,
} from './auth.dto';
import { LoginThrottle } from './login-throttle';
import { Actor, ActorMembership } from './permissions';
import { User, UserRole } from './user.entity';

const API_TOKEN_PREFIX = 'tms_';

/** Argon2id with OWASP's recommended parameters (19 MiB, 2 passes, 1 lane). */
export const hashPassword = (password: string): Promise<string> =>
  hash(password, { algorithm: Algorithm.Argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 });

const sha256 = (value: string): string => createHash('sha256').update(value).digest('hex');

@Injectable()
export class AuthService {
  /** A real hash to verify against when the e-mail is unknown, so timing does not reveal accounts. */
  private dummyHash: Promise<string> | null = null;

  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    @InjectRepository(ApiToken) private readonly tokens: Repository<ApiToken>,
    private readonly jwt: JwtService,
    private readonly throttle: LoginThrottle,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async login(email: string, password: string, ip: string): Promise<LoginResponseDto> {
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
    const accessToken = await this.jwt.signAsync(
      { sub: user.id },
      { secret: this.config.jwtSecret, expiresIn: this.config.jwtTtlSeconds },
    );
    return { accessToken, user: toUserDto(user) };
  }

  /** Resolves a bearer token (JWT or personal API token) to an active user, or null. */
  async authenticate(token: string): Promise<Actor | null> {
    let userId: string | null = null;
    if (token.startsWith(API_TOKEN_PREFIX)) {
      const found = await this.tokens.findOneBy({ tokenHash: sha256(token) });
      if (found && found.revokedAt === null) {
        userId = found.userId;
        void this.tokens.update(found.id, { lastUsedAt: new Date() }).catch(() => undefined);
      }
    } else {
      try {
        const payload = await this.jwt.verifyAsync<{ sub: string }>(token, {
          secret: this.config.jwtSecret,
        });
        userId = payload.sub;
      } catch {
        userId = null;
      }
    }
    return userId === null ? null : this.loadActor(userId);
  }

  async loadActor(userId: string): Promise<Actor | null> {
    const user = await this.users.findOneBy({ id: userId });
    if (!user || !user.active) return null;
    const memberships = await this.users.manager.query<ActorMembership[]>(
      `SELECT m.project_id AS "projectId", p.slug AS "projectSlug", m.locale, m.role
         FROM memberships m JOIN projects p ON p.id = m.project_id
        WHERE m.user_id = $1
        ORDER BY p.slug, m.locale`,
      [userId],
    );
    return { id: user.id, email: user.email, name: user.name, role: user.role, memberships };
  }

  me(actor: Actor): MeDto {
    return {
      id: actor.id,
      email: actor.email,
      name: actor.name,
      role: actor.role,
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
       RETURNING id, email, name, role, active, created_at AS "createdAt"`,
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

  async setActive(userId: string, active: boolean): Promise<UserDto> {
    const user = await this.users.findOneBy({ id: userId });
    if (!user) throw new DomainError('NOT_FOUND', 'User not found');
    user.active = active;
    await this.users.save(user);
    return toUserDto(user);
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
