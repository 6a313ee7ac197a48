import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { createHash, randomBytes } from 'node:crypto';
import { EntityManager, Repository } from 'typeorm';
import { DomainError } from '../common/domain-error';
import { AuthSession } from './auth-session.entity';

/** A session unused for this long ends; each refresh moves the limit on. */
export const SESSION_IDLE_MS = 12 * 3600 * 1000;
/** A session ends this long after sign-in, however active. */
export const SESSION_ABSOLUTE_MS = 30 * 24 * 3600 * 1000;
/**
 * The token a refresh just replaced, presented again within this window, is taken for a
 * second tab that refreshed at the same moment (answered 401, the session kept); later it is
 * taken for a stolen copy, and ends the session.
 */
export const ROTATION_GRACE_MS = 10_000;
/** An ended session's row is kept this long (who was signed in from where), then deleted. */
export const ENDED_SESSIONS_KEPT_MS = 30 * 24 * 3600 * 1000;

const sha256 = (value: string): string => createHash('sha256').update(value).digest('hex');
const newToken = (): string => randomBytes(32).toString('base64url');

export interface IssuedSession {
  /** The refresh token: goes into the cookie, never stored. */
  token: string;
  userId: string;
  expiresAt: Date;
}

const expired = (): DomainError =>
  new DomainError('SESSION_EXPIRED', 'The session has ended. Sign in again.');

/**
 * Browser sessions behind the HttpOnly refresh cookie. A refresh token works once: each refresh
 * replaces it (rotation), and the replaced one, presented again, revokes the session (it was
 * copied). Only hashes are stored.
 */
@Injectable()
export class SessionsService {
  private readonly logger = new Logger(SessionsService.name);

  constructor(@InjectRepository(AuthSession) private readonly sessions: Repository<AuthSession>) {}

  async start(userId: string, userAgent: string | undefined): Promise<IssuedSession> {
    // The user's sessions that ended long ago go as a new one starts: the table stays small.
    await this.sessions.manager.query(
      `DELETE FROM auth_sessions
        WHERE user_id = $1
          AND LEAST(COALESCE(revoked_at, 'infinity'), idle_expires_at, expires_at)
              < now() - $2::bigint * interval '1 millisecond'`,
      [userId, ENDED_SESSIONS_KEPT_MS],
    );
    const token = newToken();
    const [row] = await this.sessions.manager.query<Array<{ expires_at: Date }>>(
      `INSERT INTO auth_sessions (user_id, token_hash, idle_expires_at, expires_at, user_agent)
       VALUES ($1, $2, now() + $3::bigint * interval '1 millisecond',
               now() + $4::bigint * interval '1 millisecond', $5)
       RETURNING expires_at`,
      [
        userId,
        sha256(token),
        SESSION_IDLE_MS,
        SESSION_ABSOLUTE_MS,
        userAgent?.slice(0, 500) ?? null,
      ],
    );
    return { token, userId, expiresAt: row.expires_at };
  }

  /**
   * Exchanges a refresh token for a new one, or throws 401 SESSION_EXPIRED. The swap is one
   * UPDATE on the current hash, so of two refreshes with the same token only one wins.
   */
  async rotate(token: string | null): Promise<IssuedSession> {
    if (!token) throw expired();
    const tokenHash = sha256(token);
    const next = newToken();
    // An UPDATE answers [rows, count] through TypeORM.
    const [rows] = await this.sessions.manager.query<
      [Array<{ user_id: string; expires_at: Date }>, number]
    >(
      `UPDATE auth_sessions s
          SET token_hash = $2, previous_token_hash = s.token_hash, last_used_at = now(),
              idle_expires_at = LEAST(now() + $3::bigint * interval '1 millisecond', s.expires_at)
         FROM users u
        WHERE s.token_hash = $1 AND s.revoked_at IS NULL
          AND s.idle_expires_at > now() AND s.expires_at > now()
          AND u.id = s.user_id AND u.active
        RETURNING s.user_id, s.expires_at`,
      [tokenHash, sha256(next), SESSION_IDLE_MS],
    );
    if (rows[0]) return { token: next, userId: rows[0].user_id, expiresAt: rows[0].expires_at };
    await this.detectReuse(tokenHash);
    throw expired();
  }

  /** A replaced token presented again after the grace window: the session ends. */
  private async detectReuse(tokenHash: string): Promise<void> {
    const [, affected] = await this.sessions.manager.query<[unknown[], number]>(
      `UPDATE auth_sessions SET revoked_at = now()
        WHERE previous_token_hash = $1 AND revoked_at IS NULL
          AND last_used_at < now() - $2::bigint * interval '1 millisecond'`,
      [tokenHash, ROTATION_GRACE_MS],
    );
    if (affected > 0)
      this.logger.warn('a replaced refresh token was presented again: the session is revoked');
  }

  /** Ends the session of a refresh token (sign-out); an unknown or ended one is ignored. */
  async revoke(token: string | null): Promise<void> {
    if (!token) return;
    await this.sessions.manager.query(
      `UPDATE auth_sessions SET revoked_at = now() WHERE token_hash = $1 AND revoked_at IS NULL`,
      [sha256(token)],
    );
  }

  /**
   * Ends every session of a user (deactivation, a new password), except the one of `keepToken`
   * (the browser that changed its own password stays signed in).
   */
  async revokeAll(
    userId: string,
    options: { manager?: EntityManager; keepToken?: string | null } = {},
  ): Promise<void> {
    const manager = options.manager ?? this.sessions.manager;
    await manager.query(
      `UPDATE auth_sessions SET revoked_at = now()
        WHERE user_id = $1 AND revoked_at IS NULL AND token_hash IS DISTINCT FROM $2`,
      [userId, options.keepToken ? sha256(options.keepToken) : null],
    );
  }
}
