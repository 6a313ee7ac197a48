import { randomBytes } from 'node:crypto';
import { runMigrations } from '../../src/startup';
import { templateDb, urlFor, withAdminClient } from './db';

/** Builds a migrated template database once per run; each test file clones it. */
export default async function globalSetup(): Promise<void> {
  process.env.TMS_TEST_RUN = randomBytes(3).toString('hex');
  await withAdminClient((client) => client.query(`CREATE DATABASE "${templateDb()}"`));
  await runMigrations(urlFor(templateDb()));
}
