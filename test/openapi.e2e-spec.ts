import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateOpenApi, OPENAPI_DIR, OPENAPI_JSON, OPENAPI_TYPES } from '../src/openapi/generate';
import { TestApp } from './support/app';
import { Http } from './support/http';
import { startAdmin } from './support/team';

interface Schema {
  $ref?: string;
  anyOf?: Schema[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  enum?: unknown[];
}
interface Operation {
  security?: unknown[];
  responses: Record<string, { content?: Record<string, { schema?: Schema }> }>;
}
interface Document {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
}

const HTTP_METHODS = new Set(['get', 'put', 'post', 'delete', 'patch', 'head', 'options']);

function operations(doc: Document): Array<{ label: string; op: Operation }> {
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => HTTP_METHODS.has(method))
      .map(([method, op]) => ({ label: `${method.toUpperCase()} ${path}`, op })),
  );
}

/**
 * The committed OpenAPI document and its generated types (web/src/api) are what the web app is
 * built against: they must be what the server serves, and every error a client can get must
 * be described there.
 */
describe('OpenAPI document (e2e)', () => {
  let t: TestApp;
  let served: Document;
  let servedText: string;

  beforeAll(async () => {
    let http: Http;
    ({ t, http } = await startAdmin({ worker: false }));
    const res = await http.get('/api/docs-json');
    expect(res.status).toBe(200);
    served = res.body as Document;
    servedText = JSON.stringify(served, null, 2) + '\n';
  });
  afterAll(() => t.close());

  it('is committed as generated: run npm run openapi when this fails', async () => {
    const { json, types } = await generateOpenApi();
    const committed = (name: string): string => {
      try {
        return readFileSync(join(OPENAPI_DIR, name), 'utf8');
      } catch {
        return '';
      }
    };
    const drift = [
      committed(OPENAPI_JSON) === json ? null : `web/src/api/${OPENAPI_JSON}`,
      committed(OPENAPI_TYPES) === types ? null : `web/src/api/${OPENAPI_TYPES}`,
    ].filter(Boolean);
    if (drift.length > 0)
      throw new Error(
        `${drift.join(' and ')} ${drift.length > 1 ? 'differ' : 'differs'} from the API: run npm run openapi`,
      );
    // The document generated without a database is the one the running server serves.
    expect(servedText === json).toBe(true);
  });

  it('gives every error response of every operation a JSON body schema', () => {
    const missing: string[] = [];
    for (const { label, op } of operations(served)) {
      for (const [status, response] of Object.entries(op.responses)) {
        if (!/^[45]/.test(status)) continue;
        if (!response.content?.['application/json']?.schema) missing.push(`${label} ${status}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('documents 401 on every operation that needs a token', () => {
    const authenticated = operations(served).filter(({ op }) => (op.security ?? []).length > 0);
    expect(authenticated.length).toBeGreaterThan(40);
    const missing = authenticated.filter(({ op }) => !op.responses['401']).map((o) => o.label);
    expect(missing).toEqual([]);
  });

  it('describes the error body, and the details of the errors clients switch on', () => {
    const schemas = served.components.schemas;
    expect(schemas.ErrorDto.required).toEqual(
      expect.arrayContaining(['statusCode', 'error', 'code', 'message']),
    );
    const save =
      served.paths['/api/projects/{project}/articles/{article}/locales/{locale}/segments/{id}'].put;
    const conflict = save.responses['409'].content!['application/json'].schema!;
    expect(conflict.anyOf?.map((s) => s.$ref)).toEqual([
      '#/components/schemas/TranslationConflictErrorDto',
      '#/components/schemas/ErrorDto',
    ]);
    expect(save.responses['422'].content!['application/json'].schema!.$ref).toBe(
      '#/components/schemas/CheckFailedErrorDto',
    );
    const details = (name: string) =>
      schemas[schemas[name].properties!.details.$ref!.split('/').pop()!];
    expect(JSON.stringify(details('TranslationConflictErrorDto').properties!.segment)).toContain(
      '#/components/schemas/SegmentDto',
    );
    expect(details('CheckFailedErrorDto').properties!.checks.items!.$ref).toBe(
      '#/components/schemas/CheckResultDto',
    );
    expect(schemas.CheckFailedErrorDto.properties!.code.enum).toEqual(['CHECK_FAILED']);
  });
});
