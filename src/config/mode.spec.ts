import { describeMode, jobsMode } from './mode';

describe('describeMode', () => {
  it('names the embedded PostgreSQL by its directory and port, and Redis by its URL', () => {
    expect(
      describeMode(
        {
          database: { kind: 'embedded', dir: '/srv/tms/data/postgres', port: 54329 },
          jobs: { transport: 'bullmq', redisUrl: 'redis://127.0.0.1:6379' },
        },
        '/srv/tms',
      ),
    ).toBe(
      'tms: PostgreSQL embedded (./data/postgres, port 54329); jobs via Redis at redis://127.0.0.1:6379',
    );
  });

  it('says jobs run in-process from the outbox when there is no Redis', () => {
    expect(
      describeMode(
        {
          database: { kind: 'embedded', dir: '/var/lib/tms', port: 40001 },
          jobs: { transport: 'outbox' },
        },
        '/srv/tms',
      ),
    ).toBe(
      'tms: PostgreSQL embedded (/var/lib/tms, port 40001); jobs in-process from the PostgreSQL outbox (no Redis)',
    );
  });

  it('hides passwords in the URLs of a PostgreSQL server and of Redis', () => {
    const line = describeMode({
      database: { kind: 'server', url: 'postgres://tms:s3cret@db.internal:5432/tms' },
      jobs: { transport: 'bullmq', redisUrl: 'redis://:hunter2@cache:6379/2' },
    });
    expect(line).toBe(
      'tms: PostgreSQL at postgres://tms:***@db.internal:5432/tms; jobs via Redis at redis://:***@cache:6379/2',
    );
    expect(line).not.toMatch(/s3cret|hunter2/);
  });

  it('reads the job transport from the config, Redis when it names none', () => {
    const redisUrl = 'redis://127.0.0.1:6379';
    expect(jobsMode({ redisUrl })).toEqual({ transport: 'bullmq', redisUrl });
    expect(jobsMode({ redisUrl, jobTransport: 'bullmq' })).toEqual({
      transport: 'bullmq',
      redisUrl,
    });
    expect(jobsMode({ redisUrl, jobTransport: 'outbox' })).toEqual({ transport: 'outbox' });
  });
});
