import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { encodeBody, preferredEncoding } from './encoding';

describe('preferredEncoding', () => {
  it.each([
    [undefined, 'identity'],
    ['', 'identity'],
    ['gzip, deflate, br, zstd', 'br'], // what current browsers send: br, though listed after gzip
    ['gzip, deflate', 'gzip'],
    ['br;q=0, gzip', 'gzip'],
    ['gzip;q=1.0, br;q=0.5', 'gzip'],
    ['GZIP', 'gzip'],
    ['*', 'br'],
    ['deflate', 'identity'],
    ['gzip;q=0, br;q=0', 'identity'],
    ['identity;q=0', 'identity'],
    ['*;q=0', 'identity'],
    [', ;q=, x-unknown;q=abc', 'identity'],
  ])('%j → %s', (header, expected) => {
    expect(preferredEncoding(header)).toBe(expected);
    expect(preferredEncoding(header)).toBe(expected); // and the same once remembered
  });
});

describe('encodeBody', () => {
  it('compresses a page into brotli and gzip bodies that decode to the same bytes', async () => {
    const page = Buffer.from(
      '<!DOCTYPE html><html lang="vi"><p>Uống đủ nước mỗi ngày.</p>'.repeat(200),
    );
    const bodies = await encodeBody(page);
    expect(bodies.identity).toBe(page);
    expect(brotliDecompressSync(bodies.br).equals(page)).toBe(true);
    expect(gunzipSync(bodies.gzip).equals(page)).toBe(true);
    expect(bodies.br.length).toBeLessThan(page.length / 10);
    expect(bodies.gzip.length).toBeLessThan(page.length / 10);
  });
});
