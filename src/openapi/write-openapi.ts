import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { generateOpenApi, OPENAPI_DIR, OPENAPI_JSON, OPENAPI_TYPES } from './generate';

/** `npm run openapi`: writes web/src/api/openapi.json and schema.d.ts. */
async function main(): Promise<void> {
  const { json, types } = await generateOpenApi();
  await mkdir(OPENAPI_DIR, { recursive: true });
  await writeFile(join(OPENAPI_DIR, OPENAPI_JSON), json);
  await writeFile(join(OPENAPI_DIR, OPENAPI_TYPES), types);
  process.stdout.write(`wrote ${join(OPENAPI_DIR, OPENAPI_JSON)} and ${OPENAPI_TYPES}\n`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`openapi: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
