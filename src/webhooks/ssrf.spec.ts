import type { LookupAddress } from 'node:dns';
import type { lookup } from 'node:dns';
import {
  assertPublicHost,
  checkWebhookUrl,
  guardedLookup,
  ipv6Groups,
  isPrivateAddress,
  SsrfError,
} from './ssrf';

/** A resolver that answers from a table, for tests without DNS. */
function fakeResolver(table: Record<string, string[]>): typeof lookup {
  return ((hostname: string, _options: unknown, callback: (...args: unknown[]) => void) => {
    const addresses = table[hostname];
    if (!addresses) {
      const error = Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), {
        code: 'ENOTFOUND',
      });
      return callback(error, []);
    }
    const list: LookupAddress[] = addresses.map((address) => ({
      address,
      family: address.includes(':') ? 6 : 4,
    }));
    callback(null, list);
  }) as unknown as typeof lookup;
}

describe('isPrivateAddress', () => {
  it.each([
    '127.0.0.1',
    '127.10.20.30',
    '10.1.2.3',
    '172.16.0.1',
    '172.31.255.255',
    '192.168.1.20',
    '169.254.169.254',
    '0.0.0.0',
    '100.64.0.1',
    '224.0.0.251',
    '255.255.255.255',
    '::',
    '::1',
    '::ffff:127.0.0.1',
    '::ffff:7f00:1',
    '::ffff:10.0.0.8',
    '::ffff:169.254.169.254',
    '::127.0.0.1',
    '64:ff9b::a9fe:a9fe',
    '2002:c0a8:0101::1',
    'fc00::1',
    'fd12:3456:789a::1',
    'fe80::1',
    'fe80::1%eth0',
    'febf::1',
    'ff02::1',
    '2001:db8::1',
    '[::1]',
    'not-an-address',
  ])('refuses %s', (address) => {
    expect(isPrivateAddress(address)).toBe(true);
  });

  it.each([
    '93.184.215.14',
    '8.8.8.8',
    '172.32.0.1',
    '192.169.0.1',
    '100.128.0.1',
    '169.255.0.1',
    '2606:4700:4700::1111',
    '2a00:1450:4001:80b::200e',
    '::ffff:8.8.4.4',
    '2600::1',
  ])('accepts public %s', (address) => {
    expect(isPrivateAddress(address)).toBe(false);
  });
});

describe('ipv6Groups', () => {
  it('expands compressed forms and embedded IPv4', () => {
    expect(ipv6Groups('::1')).toEqual([0, 0, 0, 0, 0, 0, 0, 1]);
    expect(ipv6Groups('fe80::1:2')).toEqual([0xfe80, 0, 0, 0, 0, 0, 1, 2]);
    expect(ipv6Groups('::ffff:192.168.0.1')).toEqual([0, 0, 0, 0, 0, 0xffff, 0xc0a8, 1]);
    expect(ipv6Groups('1:2:3:4:5:6:7:8')).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });
});

describe('checkWebhookUrl', () => {
  it.each([
    ['ftp://hooks.example.org/x', /http or https/],
    ['file:///etc/passwd', /http or https/],
    ['javascript:alert(1)', /http or https/],
    ['not a url', /valid absolute URL/],
    ['https://user:pw@hooks.example.org/', /credentials/],
    ['http://127.0.0.1:8080/hook', /private/],
    ['http://2130706433/hook', /private/], // 127.0.0.1 written as a number
    ['http://0x7f.1/hook', /private/],
    ['http://0.0.0.0/', /private/],
    ['http://[::1]/hook', /private/],
    ['http://[::ffff:169.254.169.254]/latest/meta-data', /private/],
    ['http://169.254.169.254/latest/meta-data', /private/],
    ['http://[fd00::5]/', /private/],
    ['http://localhost:3000/', /local host name/],
    ['http://LOCALHOST./', /local host name/],
    ['http://api.localhost/', /local host name/],
    ['http://printer.local/', /local host name/],
  ])('refuses %s', (url, reason) => {
    expect(() => checkWebhookUrl(url, false)).toThrow(reason);
  });

  it('accepts public http(s) URLs and returns them parsed', () => {
    expect(checkWebhookUrl('https://hooks.example.org/tms?x=1', false).href).toBe(
      'https://hooks.example.org/tms?x=1',
    );
    expect(checkWebhookUrl('http://93.184.215.14/hook', false).hostname).toBe('93.184.215.14');
  });

  it('lets private targets through only when allowed, but never other schemes', () => {
    expect(checkWebhookUrl('http://127.0.0.1:4000/hook', true).port).toBe('4000');
    expect(() => checkWebhookUrl('gopher://127.0.0.1/', true)).toThrow(SsrfError);
  });
});

describe('guardedLookup', () => {
  const resolver = fakeResolver({
    'hooks.example.org': ['93.184.215.14', '2606:2800:220:1::1'],
    'rebind.example.net': ['93.184.215.14', '10.0.0.7'],
    'metadata.example.net': ['::ffff:169.254.169.254'],
  });

  const run = (host: string, allowPrivate: boolean, all = false) =>
    new Promise<{ err: Error | null; address: unknown; family?: number }>((resolve) =>
      guardedLookup(allowPrivate, resolver)(host, { all }, (err, address, family) =>
        resolve({ err, address, family }),
      ),
    );

  it('passes public addresses through, singly or all', async () => {
    expect(await run('hooks.example.org', false)).toEqual({
      err: null,
      address: '93.184.215.14',
      family: 4,
    });
    const all = await run('hooks.example.org', false, true);
    expect(all.address).toHaveLength(2);
  });

  it('refuses a name with any private address, incl. IPv4-mapped IPv6', async () => {
    expect((await run('rebind.example.net', false)).err).toBeInstanceOf(SsrfError);
    expect((await run('metadata.example.net', false)).err?.message).toMatch(/169\.254/);
  });

  it('allows private addresses when configured to', async () => {
    expect((await run('rebind.example.net', true)).err).toBeNull();
  });

  it('passes DNS failures on as they are', async () => {
    const { err } = await run('nowhere.example', false);
    expect(err).not.toBeInstanceOf(SsrfError);
    expect(err?.message).toMatch(/ENOTFOUND/);
  });
});

describe('assertPublicHost', () => {
  const resolver = fakeResolver({
    'inside.example.com': ['192.168.3.4'],
    'ok.example.com': ['8.8.8.8'],
  });

  it('refuses names that resolve inside and accepts the rest', async () => {
    await expect(assertPublicHost('inside.example.com', false, resolver)).rejects.toThrow(
      /192\.168\.3\.4/,
    );
    await expect(assertPublicHost('ok.example.com', false, resolver)).resolves.toBeUndefined();
    await expect(assertPublicHost('unknown.example.com', false, resolver)).resolves.toBeUndefined();
    await expect(assertPublicHost('inside.example.com', true, resolver)).resolves.toBeUndefined();
  });
});
