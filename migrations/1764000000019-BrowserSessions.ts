import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Browser sessions (issue 16 point 8): the web app keeps its access token in memory only and
 * gets a new one from an HttpOnly refresh cookie. Each session row holds the SHA-256 of the
 * current refresh token and of the one before it (reuse of a rotated token reveals theft and
 * revokes the session); the secret itself is never stored.
 *
 * And `users.interface_language`: the language of the web app's interface, null when the
 * browser decides.
 */
export class BrowserSessions1764000000019 implements MigrationInterface {
  name = 'BrowserSessions1764000000019';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE auth_sessions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        token_hash text NOT NULL,
        previous_token_hash text,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_used_at timestamptz NOT NULL DEFAULT now(),
        idle_expires_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz,
        user_agent text
      )`);
    await q.query(`CREATE UNIQUE INDEX auth_sessions_token_key ON auth_sessions (token_hash)`);
    await q.query(
      `CREATE INDEX auth_sessions_previous_token_idx ON auth_sessions (previous_token_hash)`,
    );
    await q.query(`CREATE INDEX auth_sessions_user_idx ON auth_sessions (user_id)`);
    await q.query(`
      ALTER TABLE users ADD COLUMN interface_language text
        CONSTRAINT users_interface_language_check
        CHECK (interface_language IN ('en', 'es', 'fr', 'zh-Hans', 'ar'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users DROP COLUMN interface_language`);
    await q.query(`DROP TABLE auth_sessions`);
  }
}
