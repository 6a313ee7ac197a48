import { dropDatabase, runPrefix, withAdminClient } from './db';

/** Drops this run's databases (clones first, then the template). */
export default async function globalTeardown(): Promise<void> {
  const prefix = runPrefix();
  await withAdminClient(async (client) => {
    const rows = await client.query<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE datname LIKE $1 ORDER BY datname LIKE '%_template'`,
      [`${prefix}\\_%`],
    );
    for (const row of rows.rows) await dropDatabase(client, row.datname);
  });
}
