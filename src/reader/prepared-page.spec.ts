import { chooseResponse, etagMatches, preparePage, respond } from './prepared-page';

const bodies = {
  identity: Buffer.from('<!doctype html><title>Página</title>'),
  br: Buffer.from('brotli bytes'),
  gzip: Buffer.from('gzip bytes, a little longer'),
};
const page = preparePage('es', '"abc123-es-0f0f"', bodies);

describe('preparePage', () => {
  it('gives each coding its own strong ETag, body length and coding header', () => {
    const identity = page.responses.identity.ok;
    const br = page.responses.br.ok;
    const gzip = page.responses.gzip.ok;
    expect([identity.headers.etag, br.headers.etag, gzip.headers.etag]).toEqual([
      '"abc123-es-0f0f"',
      '"abc123-es-0f0f-br"',
      '"abc123-es-0f0f-gzip"',
    ]);
    expect(identity.headers['content-encoding']).toBeUndefined();
    expect(br.headers['content-encoding']).toBe('br');
    expect(gzip.headers['content-length']).toBe(String(bodies.gzip.length));
    expect(br.body).toBe(bodies.br);
    for (const response of [identity, br, gzip]) {
      expect(response.headers.vary).toBe('Accept-Encoding');
      expect(response.headers['cache-control']).toBe('public, max-age=60');
      expect(response.headers['set-cookie']).toBeUndefined();
      expect(response.headers['content-security-policy']).toContain("default-src 'none'");
    }
  });

  it('keeps a flat header list equal to the headers, with a last slot for the request id', () => {
    const response = page.responses.br.ok;
    const list = response.headerList;
    expect(list.slice(-2)).toEqual(['x-request-id', '']);
    const pairs: Array<[string, string]> = [];
    for (let i = 0; i < list.length - 2; i += 2) pairs.push([list[i], list[i + 1]]);
    expect(Object.fromEntries(pairs)).toEqual(response.headers);
  });

  it('makes 304s without a body or length', () => {
    const notModified = page.responses.identity.notModified;
    expect(notModified.status).toBe(304);
    expect(notModified.body).toBe('');
    expect(notModified.headers['content-length']).toBeUndefined();
    expect(notModified.headers.etag).toBe('"abc123-es-0f0f"');
  });
});

describe('respond', () => {
  it('picks the coding the client accepts best, brotli over gzip at equal preference', () => {
    expect(respond(page, {}).headers['content-encoding']).toBeUndefined();
    expect(respond(page, { acceptEncoding: 'gzip, deflate, br' }).headers['content-encoding']).toBe(
      'br',
    );
    expect(respond(page, { acceptEncoding: 'gzip' }).headers['content-encoding']).toBe('gzip');
    expect(respond(page, { acceptEncoding: 'br;q=0.5, gzip' }).headers['content-encoding']).toBe(
      'gzip',
    );
  });

  it('never sets a cookie on a page, whatever the reader sends (shared caches keep it)', () => {
    for (const request of [{}, { ifNoneMatch: '"abc123-es-0f0f"' }, { acceptEncoding: 'br' }])
      expect(respond(page, request).headers).not.toHaveProperty('set-cookie');
  });

  it("answers 304 only for the selected coding's ETag", () => {
    const gzip = { acceptEncoding: 'gzip' };
    expect(respond(page, { ...gzip, ifNoneMatch: '"abc123-es-0f0f-gzip"' }).status).toBe(304);
    expect(respond(page, { ...gzip, ifNoneMatch: '"abc123-es-0f0f"' }).status).toBe(200);
    expect(respond(page, { ifNoneMatch: '"abc123-es-0f0f-br"' }).status).toBe(200);
    expect(respond(page, { ifNoneMatch: 'W/"abc123-es-0f0f"' }).status).toBe(304);
  });
});

describe('chooseResponse', () => {
  it('remembers the pick on a private redirect to the page', () => {
    const res = chooseResponse('zh-Hans', '/read/p/zh-Hans/a');
    expect(res.status).toBe(302);
    expect(res.headers.location).toBe('/read/p/zh-Hans/a');
    expect(res.headers['set-cookie']).toBe(
      'lang=zh-Hans; Path=/read; Max-Age=31536000; SameSite=Lax',
    );
    expect(res.headers['cache-control']).toBe('private, no-store');
  });
});

describe('etagMatches', () => {
  it('compares weakly, understands lists and *', () => {
    expect(etagMatches(undefined, '"a"')).toBe(false);
    expect(etagMatches('"b", W/"a"', '"a"')).toBe(true);
    expect(etagMatches(' * ', '"a"')).toBe(true);
    expect(etagMatches('"a-br"', '"a"')).toBe(false);
  });
});
