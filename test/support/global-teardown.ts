import { dropDatabase, withAdminClient } from './db';

export default async function globalTeardown(): Promise<void> {
  await withAdminClient(async (client) => {
    const rows = await client.query<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE datname LIKE 'tms_test_%'`,
    );
    for (const row of rows.rows) await dropDatabase(client, row.datname);
  });
}
