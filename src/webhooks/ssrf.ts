import { lookup as dnsLookup, LookupAddress } from 'node:dns';
import { isIP } from 'node:net';

/**
 * Server-side request forgery guard for webhook targets. A URL is checked when it is registered
 * (scheme, credentials, host names and literal addresses) and again at delivery, where every
 * address the name resolves to is checked inside the connection's own lookup, so the address
 * that was checked is the one connected to (no window for DNS rebinding).
 */
export class SsrfError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SsrfError';
  }
}

/** IPv4 blocks that are not the public internet, as [first address, prefix length]. */
const V4_BLOCKED: Array<[string, number]> = [
  ['0.0.0.0', 8], // "this network", incl. 0.0.0.0
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8],
  ['169.254.0.0', 16], // link-local, cloud metadata
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.88.99.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved and broadcast
];

function v4ToInt(address: string): number {
  return address.split('.').reduce((n, part) => n * 256 + Number(part), 0);
}

const V4_RANGES = V4_BLOCKED.map(([base, bits]) => {
  const size = 2 ** (32 - bits);
  const start = v4ToInt(base);
  return { start, end: start + size - 1 };
});

function isPrivateV4(address: string): boolean {
  const n = v4ToInt(address);
  return V4_RANGES.some((r) => n >= r.start && n <= r.end);
}

/** The eight 16-bit groups of an IPv6 address (zone id dropped, embedded IPv4 expanded). */
export function ipv6Groups(address: string): number[] {
  let text = address
    .toLowerCase()
    .replace(/^\[|\]$/g, '')
    .replace(/%.*$/, '');
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (v4) {
    const n = v4ToInt(v4[1]);
    text = text.slice(0, -v4[1].length) + `${(n >>> 16).toString(16)}:${(n & 0xffff).toString(16)}`;
  }
  const [head, tail] = text.includes('::') ? text.split('::') : [text, undefined];
  const parse = (s: string | undefined): number[] =>
    s ? s.split(':').map((g) => parseInt(g, 16)) : [];
  const left = parse(head);
  const right = parse(tail);
  const missing = 8 - left.length - right.length;
  return tail === undefined ? left : [...left, ...new Array<number>(missing).fill(0), ...right];
}

function embeddedV4(groups: number[], at: number): string {
  const hi = groups[at];
  const lo = groups[at + 1];
  return [hi >> 8, hi & 0xff, lo >> 8, lo & 0xff].join('.');
}

function isPrivateV6(address: string): boolean {
  const g = ipv6Groups(address);
  const zeros = (from: number, to: number): boolean => g.slice(from, to).every((x) => x === 0);
  if (zeros(0, 8)) return true; // :: unspecified
  if (zeros(0, 7) && g[7] === 1) return true; // ::1 loopback
  if (zeros(0, 5) && g[5] === 0xffff) return isPrivateV4(embeddedV4(g, 6)); // ::ffff:a.b.c.d
  if (zeros(0, 6)) return isPrivateV4(embeddedV4(g, 6)); // deprecated IPv4-compatible ::a.b.c.d
  if (g[0] === 0x64 && g[1] === 0xff9b && zeros(2, 6)) return isPrivateV4(embeddedV4(g, 6)); // NAT64
  if (g[0] === 0x2002) return isPrivateV4(embeddedV4(g, 1)); // 6to4
  if ((g[0] & 0xfe00) === 0xfc00) return true; // fc00::/7 unique local
  if ((g[0] & 0xffc0) === 0xfe80) return true; // fe80::/10 link-local
  if ((g[0] & 0xffc0) === 0xfec0) return true; // fec0::/10 old site-local
  if ((g[0] & 0xff00) === 0xff00) return true; // multicast
  if (g[0] === 0x2001 && g[1] === 0x0db8) return true; // documentation
  if (g[0] === 0x0100 && zeros(1, 4)) return true; // 100::/64 discard
  return false;
}

/** True for loopback, private, link-local, unspecified, multicast and reserved addresses. */
export function isPrivateAddress(address: string): boolean {
  const family = isIP(address.replace(/^\[|\]$/g, '').replace(/%.*$/, ''));
  if (family === 4) return isPrivateV4(address);
  if (family === 6) return isPrivateV6(address);
  return true; // not an address at all: refuse rather than guess
}

const LOCAL_NAMES =
  /^(localhost|localhost\.localdomain|ip6-localhost|ip6-loopback)$|\.(localhost|local|internal)$/i;

/**
 * Checks a webhook URL without network access: http(s) only, no credentials, and a host that is
 * neither a local name nor a private address literal (unless private targets are allowed).
 * Returns the normalized URL or throws SsrfError saying what is wrong.
 */
export function checkWebhookUrl(raw: string, allowPrivate: boolean): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new SsrfError('url is not a valid absolute URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new SsrfError('url must use http or https');
  }
  if (url.username || url.password) throw new SsrfError('url must not contain credentials');
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (host === '') throw new SsrfError('url has no host');
  if (allowPrivate) return url;
  if (isIP(host) !== 0) {
    if (isPrivateAddress(host)) {
      throw new SsrfError(`url points at a private, loopback or link-local address (${host})`);
    }
  } else if (LOCAL_NAMES.test(host.replace(/\.$/, ''))) {
    throw new SsrfError(`url points at a local host name (${host})`);
  }
  return url;
}

type LookupFn = typeof dnsLookup;
type LookupCallback = (
  err: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;

/**
 * A `lookup` for http.request that resolves every address of the host and refuses the
 * connection when any of them is private (a host with one public and one private address is
 * refused too: which one gets used is not ours to pick).
 */
export function guardedLookup(allowPrivate: boolean, resolve: LookupFn = dnsLookup) {
  return (hostname: string, options: { all?: boolean }, callback: LookupCallback): void => {
    resolve(hostname, { all: true }, (err, addresses) => {
      if (err) return callback(err, []);
      const list = addresses as LookupAddress[];
      if (list.length === 0) return callback(new SsrfError(`${hostname} has no address`), []);
      const bad = list.find((a) => isPrivateAddress(a.address));
      if (bad && !allowPrivate) {
        return callback(
          new SsrfError(`${hostname} resolves to a private address (${bad.address})`),
          [],
        );
      }
      if (options.all) return callback(null, list);
      return callback(null, list[0].address, list[0].family);
    });
  };
}

/** Resolves a host and throws SsrfError when any address is private (registration-time check). */
export async function assertPublicHost(
  hostname: string,
  allowPrivate: boolean,
  resolve: LookupFn = dnsLookup,
): Promise<void> {
  if (allowPrivate || isIP(hostname.replace(/^\[|\]$/g, '')) !== 0) return;
  await new Promise<void>((done, fail) => {
    guardedLookup(false, resolve)(hostname, { all: true }, (err) => {
      if (err instanceof SsrfError) fail(err);
      else done(); // an unknown or unreachable name is checked again at delivery
    });
  });
}
