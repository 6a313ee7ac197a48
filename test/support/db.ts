import { Client } from 'pg';

export const BASE_URL =
  process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
/**
 * Databases of one `jest` run share a prefix, so two runs against one PostgreSQL (two
 * developers, or a watch mode and CI) never drop each other's databases. The global setup
 * picks the run id; Jest workers inherit it through the environment.
 */
export function runPrefix(): string {
  const run = process.env.TMS_TEST_RUN;
  if (!run)
    throw new Error('TMS_TEST_RUN is not set: run the e2e tests through jest (globalSetup)');
  return `tms_test_${run}`;
}

export const templateDb = (): string => `${runPrefix()}_template`;

export function urlFor(database: string): string {
  const url = new URL(BASE_URL);
  url.pathname = `/${database}`;
  return url.toString();
}

/** Runs `fn` with a client connected to the database at `url`, and closes it. */
export async function withClient<T>(url: string, fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export const withAdminClient = <T>(fn: (client: Client) => Promise<T>): Promise<T> =>
  withClient(urlFor('postgres'), fn);

export async function dropDatabase(client: Client, name: string): Promise<void> {
  await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
}

/** The payloads of the outbox events of one type in the database at `url`, oldest first. */
export async function outboxPayloads(
  url: string,
  type: string,
): Promise<Array<Record<string, unknown>>> {
  return withClient(url, async (client) => {
    const { rows } = await client.query(`SELECT payload FROM outbox WHERE type = $1 ORDER BY id`, [
      type,
    ]);
    return rows.map((r) => r.payload as Record<string, unknown>);
  });
}
