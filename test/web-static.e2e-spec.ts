import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { request as httpRequest, IncomingHttpHeaders } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { startApp, TestApp } from './support/app';
import { Http } from './support/http';

const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
  "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; " +
  "frame-ancestors 'none'; form-action 'self'";

const INDEX =
  '<!doctype html><html><head><script type="module" src="/app/assets/index-3f9a1c.js"></script></head><body><div id="root"></div></body></html>\n';
const ASSET = `export const greeting = ${JSON.stringify('hello '.repeat(800))};\n`;

/** A GET whose path goes out exactly as written (fetch and URL would resolve `..`). */
function rawPath(
  baseUrl: string,
  path: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ hostname, port, path, method: 'GET', headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

function expectSecurityHeaders(headers: Headers | IncomingHttpHeaders): void {
  const get = (name: string) =>
    headers instanceof Headers ? headers.get(name) : (headers[name] as string | undefined);
  expect(get('content-security-policy')).toBe(CSP);
  expect(get('x-content-type-options')).toBe('nosniff');
  expect(get('referrer-policy')).toBe('same-origin');
  expect(get('x-frame-options')).toBe('DENY');
}

describe('web app under /app (e2e)', () => {
  let dir: string;
  let t: TestApp;
  let http: Http;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tms-web-'));
    mkdirSync(join(dir, 'web', 'assets'), { recursive: true });
    writeFileSync(join(dir, 'web', 'index.html'), INDEX);
    writeFileSync(join(dir, 'web', 'assets', 'index-3f9a1c.js'), ASSET);
    writeFileSync(join(dir, 'web', 'assets', 'index-77aa01.css'), 'body{margin:0}\n');
    writeFileSync(join(dir, 'web', 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    // A file beside the app's directory that no URL may reach.
    writeFileSync(join(dir, 'secret.txt'), 'not for the web');
    t = await startApp({ worker: false, env: { WEB_DIST_DIR: join(dir, 'web') } });
    http = new Http(t.baseUrl);
  });
  afterAll(async () => {
    await t?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('redirects / to /app/ and /admin to /app/admin', async () => {
    const root = await http.get('/');
    expect(root.status).toBe(302);
    expect(root.headers.get('location')).toBe('/app/');
    const admin = await http.get('/admin');
    expect(admin.status).toBe(302);
    expect(admin.headers.get('location')).toBe('/app/admin');
  });

  it.each(['/app', '/app/', '/app/editor/health-library/es/article-1', '/app/admin?tab=users'])(
    'answers %s with index.html, revalidated on every use, with the security headers',
    async (path) => {
      const res = await http.get(path);
      expect(res.status).toBe(200);
      expect(res.text).toBe(INDEX);
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(res.headers.get('cache-control')).toBe('no-cache');
      expectSecurityHeaders(res.headers);
    },
  );

  it('answers a revalidation of index.html with 304', async () => {
    const first = await http.get('/app/');
    const etag = first.headers.get('etag') as string;
    expect(etag).toBeTruthy();
    const again = await http.get('/app/projects', { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
  });

  it('serves hashed assets for a year, compressed as accepted', async () => {
    const br = await rawPath(t.baseUrl, '/app/assets/index-3f9a1c.js', {
      'accept-encoding': 'gzip, br',
    });
    expect(br.status).toBe(200);
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(br.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toBe('Accept-Encoding');
    expect(brotliDecompressSync(br.body).toString()).toBe(ASSET);
    expect(br.body.length).toBeLessThan(ASSET.length / 10);
    expectSecurityHeaders(br.headers);

    const gz = await rawPath(t.baseUrl, '/app/assets/index-3f9a1c.js', {
      'accept-encoding': 'gzip',
    });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.body).toString()).toBe(ASSET);

    const plain = await rawPath(t.baseUrl, '/app/assets/index-3f9a1c.js');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString()).toBe(ASSET);

    const css = await http.get('/app/assets/index-77aa01.css');
    expect(css.status).toBe(200);
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect(css.text).toBe('body{margin:0}\n');
  });

  it('serves other files of the build, revalidated', async () => {
    const icon = await http.get('/app/favicon.svg');
    expect(icon.status).toBe(200);
    expect(icon.headers.get('content-type')).toBe('image/svg+xml');
    expect(icon.headers.get('cache-control')).toBe('no-cache');
  });

  it('answers a missing asset with 404, not with the page', async () => {
    const res = await http.get('/app/assets/index-000000.js');
    expect(res.status).toBe(404);
    expect(res.text).not.toContain('<html');
    expectSecurityHeaders(res.headers);
  });

  it.each([
    '/app/assets/../../package.json',
    '/app/assets/../../secret.txt',
    '/app/../secret.txt',
    '/app/assets/%2e%2e/%2e%2e/secret.txt',
    '/app/assets/%2E%2E%2F%2E%2E%2Fsecret.txt',
    '/app/assets/..%2f..%2fsecret.txt',
    '/app/%2e%2e%5csecret.txt',
    '/app/assets/%252e%252e/%252e%252e/secret.txt',
    '/app/assets/..%00/secret.txt',
  ])('does not let %s leave the directory', async (path) => {
    const res = await rawPath(t.baseUrl, path);
    expect(res.body.toString()).not.toContain('not for the web');
    expect(res.body.toString()).not.toContain('"name": "tms"');
    expect([200, 400, 404]).toContain(res.status);
    // Whatever stays inside /app is the app's page at most.
    if (res.status === 200) expect(res.body.toString()).toBe(INDEX);
  });

  it('keeps the API and the reader site as they were', async () => {
    const api = await http.get('/api/locales');
    expect(api.status).toBe(200);
    expect(api.headers.get('content-security-policy')).toBeNull();
    const missing = await http.get('/read/no-such-project/es/no-such-article');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toContain('text/html');
  });
});

describe('web app under /app when it is not built (e2e)', () => {
  let dir: string;
  let t: TestApp;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tms-web-empty-'));
    t = await startApp({ worker: false, env: { WEB_DIST_DIR: dir } });
  });
  afterAll(async () => {
    await t?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers 503 with a one-line hint', async () => {
    const http = new Http(t.baseUrl);
    for (const path of ['/app/', '/app/assets/index-3f9a1c.js']) {
      const res = await http.get(path);
      expect(res.status).toBe(503);
      expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8');
      expect(res.text).toBe('The web app is not built: run npm run build\n');
      expectSecurityHeaders(res.headers);
    }
  });
});
