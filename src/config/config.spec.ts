import { ConfigError, loadConfig } from './config';

describe('loadConfig', () => {
  it('uses the documented defaults', () => {
    const config = loadConfig({});
    expect(config.databaseUrl).toBe('postgres://postgres@127.0.0.1:5432/tms');
    expect(config.redisUrl).toBe('redis://127.0.0.1:6379');
    expect(config.port).toBe(3000);
    expect(config.jwtSecretGenerated).toBe(true);
    expect(config.jwtSecret).toHaveLength(64);
    // No stable key: stored secrets are not sealed with a key that dies with the process.
    expect(config.secretsKey).toBeNull();
  });

  it('chooses the job transport: REDIS_URL=none is the outbox, anything else BullMQ until start-up probes', () => {
    expect(loadConfig({ REDIS_URL: 'none' })).toMatchObject({
      jobTransport: 'outbox',
      redisUrlExplicit: false,
    });
    expect(loadConfig({ REDIS_URL: 'redis://cache:6379/2' })).toMatchObject({
      jobTransport: 'bullmq',
      redisUrlExplicit: true,
    });
    expect(loadConfig({})).toMatchObject({ jobTransport: 'bullmq', redisUrlExplicit: false });
  });

  it('has job defaults: 30 days of retention, alerts after 10 minutes, retries capped at 5 minutes', () => {
    expect(loadConfig({})).toMatchObject({
      retentionDays: 30,
      jobsFailingAfterMs: 600_000,
      reconcileEveryMs: 60_000,
      eventRetryMaxMs: 300_000,
      testPauseEventTypes: [],
    });
    expect(
      loadConfig({ TMS_TEST_PAUSE_EVENT_TYPES: 'locale.approved' }).testPauseEventTypes,
    ).toEqual([]);
    expect(
      loadConfig({ NODE_ENV: 'test', TMS_TEST_PAUSE_EVENT_TYPES: 'a, b' }).testPauseEventTypes,
    ).toEqual(['a', 'b']);
  });

  it('seals stored secrets with SECRETS_KEY, else with a configured JWT_SECRET', () => {
    const jwt = 'j'.repeat(40);
    expect(loadConfig({ JWT_SECRET: jwt }).secretsKey).toBe(jwt);
    expect(loadConfig({ JWT_SECRET: jwt, SECRETS_KEY: 's'.repeat(32) }).secretsKey).toBe(
      's'.repeat(32),
    );
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'],
    [{ REDIS_URL: 'not a url' }, 'REDIS_URL'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ NODE_ENV: 'production' }, 'JWT_SECRET'],
    [{ JWT_SECRET: 'short' }, 'JWT_SECRET'],
    [{ SECRETS_KEY: 'short' }, 'SECRETS_KEY'],
    [{ ADMIN_EMAIL: 'nobody' }, 'ADMIN_EMAIL'],
    [{ ADMIN_PASSWORD: '123' }, 'ADMIN_PASSWORD'],
    [{ WEBHOOK_ALLOW_PRIVATE: 'maybe' }, 'WEBHOOK_ALLOW_PRIVATE'],
    [{ RETENTION_DAYS: '0' }, 'RETENTION_DAYS'],
    [{ JOBS_FAILING_AFTER_SECONDS: 'ten' }, 'JOBS_FAILING_AFTER_SECONDS'],
    [{ RECONCILE_INTERVAL_MS: '5' }, 'RECONCILE_INTERVAL_MS'],
    [{ EVENT_RETRY_MAX_MS: '-1' }, 'EVENT_RETRY_MAX_MS'],
  ])('rejects %j naming %s', (env, variable) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    try {
      loadConfig(env);
    } catch (error) {
      expect((error as ConfigError).variable).toBe(variable);
      expect((error as Error).message).toContain(variable);
    }
  });

  it('requires a JWT secret in production and accepts one', () => {
    const config = loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40) });
    expect(config.jwtSecretGenerated).toBe(false);
  });

  it('starts an embedded PostgreSQL when DATABASE_URL is unset and nothing answers, or when it says embedded', () => {
    expect(loadConfig({}).embeddedPostgres).toEqual({
      when: 'no-local-server',
      dir: 'data/postgres',
      port: null,
    });
    expect(
      loadConfig({ DATABASE_URL: 'embedded', EMBEDDED_PG_DIR: '/srv/pg', EMBEDDED_PG_PORT: '6000' })
        .embeddedPostgres,
    ).toEqual({ when: 'always', dir: '/srv/pg', port: 6000 });
    expect(loadConfig({ DATABASE_URL: 'postgres://db.internal/tms' }).embeddedPostgres.when).toBe(
      'never',
    );
    expect(() => loadConfig({ EMBEDDED_PG_PORT: '0' })).toThrow(ConfigError);
  });
});
