import { relative, isAbsolute } from 'node:path';
import { redactUrl } from '../database/ensure-database';

/** Where the data lives: a PostgreSQL server at a URL, or the embedded one this process runs. */
export type DatabaseMode =
  { kind: 'server'; url: string } | { kind: 'embedded'; dir: string; port: number };

/** How jobs run: BullMQ on Redis, or in-process from the PostgreSQL outbox. */
export type JobsMode = { transport: 'bullmq'; redisUrl: string } | { transport: 'outbox' };

export interface RunMode {
  database: DatabaseMode;
  jobs: JobsMode;
}

/**
 * The jobs half of the mode from the config: `jobTransport` ('bullmq' | 'outbox') when the
 * config has it, else BullMQ on REDIS_URL.
 */
export function jobsMode(config: {
  redisUrl: string;
  jobTransport?: 'bullmq' | 'outbox';
}): JobsMode {
  return config.jobTransport === 'outbox'
    ? { transport: 'outbox' }
    : { transport: 'bullmq', redisUrl: config.redisUrl };
}

/** The one line `npm start` prints about the mode it runs in. */
export function describeMode(mode: RunMode, cwd: string = process.cwd()): string {
  return `tms: ${describeDatabase(mode.database, cwd)}; ${describeJobs(mode.jobs)}`;
}

function describeDatabase(database: DatabaseMode, cwd: string): string {
  if (database.kind === 'server') return `PostgreSQL at ${redactUrl(database.url)}`;
  return `PostgreSQL embedded (${displayPath(database.dir, cwd)}, port ${database.port})`;
}

function describeJobs(jobs: JobsMode): string {
  return jobs.transport === 'bullmq'
    ? `jobs via Redis at ${redactUrl(jobs.redisUrl)}`
    : 'jobs in-process from the PostgreSQL outbox (no Redis)';
}

/** A path inside the working directory as ./relative, any other as given. */
function displayPath(dir: string, cwd: string): string {
  if (!isAbsolute(dir)) return dir.startsWith('.') ? dir : `./${dir}`;
  const inside = relative(cwd, dir);
  return inside === '' || inside.startsWith('..') || isAbsolute(inside) ? dir : `./${inside}`;
}
