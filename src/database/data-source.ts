import 'reflect-metadata';
import { Client, ClientConfig } from 'pg';
import { DataSource, DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from '../../migrations';
import { ENTITIES } from './entities';

/**
 * The pool's connections. A backend that is terminated can report it between two owners of a
 * checked-out connection (after pg-pool removed its idle listener, before TypeORM adds its
 * own), and an 'error' event with no listener would end the process. This listener only keeps
 * the process alive: the connection is already marked unusable, and pg-pool drops it when it
 * is released, so the next request gets a fresh one.
 */
export class PoolClient extends Client {
  constructor(config?: string | ClientConfig) {
    super(config);
    this.on('error', () => undefined);
  }
}

/** One set of options for the app, the CLI and the tests; synchronize is never on. */
export function dataSourceOptions(databaseUrl: string): DataSourceOptions {
  return {
    type: 'postgres',
    url: databaseUrl,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    synchronize: false,
    uuidExtension: 'pgcrypto',
    migrationsRun: false,
    migrationsTransactionMode: 'each',
    extra: {
      max: Number(process.env.DATABASE_POOL_SIZE ?? 20),
      application_name: 'tms',
      // While PostgreSQL is down a request fails within this time (503) instead of hanging;
      // pg-pool drops broken clients by itself, so service resumes when it is back.
      connectionTimeoutMillis: Number(process.env.DATABASE_CONNECT_TIMEOUT_MS ?? 3000),
      keepAlive: true,
      Client: PoolClient,
    },
  };
}

/** Used by the TypeORM CLI (`npm run migration:generate -- migrations/Name`). */
export default new DataSource(
  dataSourceOptions(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/tms'),
);
