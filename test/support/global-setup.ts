import { runMigrations } from '../../src/startup';
import { dropDatabase, TEMPLATE_DB, urlFor, withAdminClient } from './db';

/** Builds a migrated template database once per run; each test file clones it. */
export default async function globalSetup(): Promise<void> {
  await withAdminClient(async (client) => {
    const stale = await client.query<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE datname LIKE 'tms_test_%'`,
    );
    for (const row of stale.rows) await dropDatabase(client, row.datname);
    await client.query(`CREATE DATABASE "${TEMPLATE_DB}"`);
  });
  await runMigrations(urlFor(TEMPLATE_DB));
}
