import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { JOB_TRANSPORT, JobTransport, RedisState, within } from '../jobs/job-transport';

export interface HealthReport {
  status: 'ok' | 'degraded';
  db: 'up' | 'down';
  /** `not used` when jobs run from the PostgreSQL outbox (REDIS_URL=none or no Redis found). */
  redis: RedisState;
}

/** Each probe answers within this, so /health never waits on a hung dependency. */
const TIMEOUT_MS = 750;

@Injectable()
export class HealthService {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(JOB_TRANSPORT) private readonly transport: JobTransport,
  ) {}

  async check(): Promise<HealthReport> {
    const [db, redis] = await Promise.all([
      within(this.dataSource.query('SELECT 1'), TIMEOUT_MS).then(
        () => 'up' as const,
        () => 'down' as const,
      ),
      this.transport.redisState(),
    ]);
    return { status: db === 'up' && redis !== 'down' ? 'ok' : 'degraded', db, redis };
  }
}
