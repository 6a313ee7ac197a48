import { ViewCache } from './view-cache';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

function counting(signature: () => string): {
  cache: ViewCache<{ signature: string; n: number }>;
  loads: () => number;
} {
  let n = 0;
  const cache = new ViewCache({ ttlMs: 30, staleLimitMs: 600, max: 10 }, (key) =>
    Promise.resolve(key === 'none' ? null : { signature: signature(), n: ++n }),
  );
  return { cache, loads: () => n };
}

describe('ViewCache', () => {
  it('loads once for a burst of callers, and has nothing synchronous before that', async () => {
    const { cache, loads } = counting(() => 's');
    expect(cache.cached('a')).toBeUndefined();
    const views = await Promise.all([cache.get('a'), cache.get('a'), cache.get('a')]);
    expect(loads()).toBe(1);
    expect(views[1]).toBe(views[0]);
    expect(cache.cached('a')).toBe(views[0]);
    expect(await cache.get('none')).toBeNull();
    expect(cache.cached('none')).toBeNull();
  });

  it('serves a view past its TTL while reloading it, keeping the object when nothing changed', async () => {
    let signature = 's1';
    const { cache, loads } = counting(() => signature);
    const first = await cache.get('a');
    await sleep(40);
    expect(cache.cached('a')).toBe(first); // stale, served; a reload starts
    await sleep(5);
    expect(loads()).toBe(2);
    expect(cache.cached('a')).toBe(first); // same signature: same object
    signature = 's2';
    await sleep(40);
    cache.cached('a');
    await sleep(5);
    expect(cache.cached('a')?.signature).toBe('s2');
  });

  it('makes a request wait for a view older than the stale limit', async () => {
    let signature = 's1';
    const { cache } = counting(() => signature);
    await cache.get('a');
    signature = 's2';
    await sleep(650);
    expect(cache.cached('a')).toBeUndefined();
    expect((await cache.get('a'))?.signature).toBe('s2');
  });

  it('drops invalidated views at once, and does not keep a load that started before as fresh', async () => {
    const { cache } = counting(() => 's1');
    await cache.get('a');
    await cache.get('b');
    cache.invalidate((key) => key === 'a');
    expect(cache.cached('a')).toBeUndefined();
    expect(cache.cached('b')).toBeDefined();

    // A load under way when the invalidation comes is neither joined nor trusted afterwards.
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let n = 0;
    const slow = new ViewCache({ ttlMs: 10_000, staleLimitMs: 20_000, max: 10 }, async () => {
      const mine = ++n;
      if (mine === 1) await gate;
      return { signature: `v${mine}` };
    });
    const before = slow.get('k');
    slow.invalidate();
    const after = slow.get('k');
    release();
    expect((await before)?.signature).toBe('v1');
    expect((await after)?.signature).toBe('v2');
    await Promise.resolve();
    expect(slow.cached('k')?.signature).toBe('v2');
  });

  it('reloads an invalidated view that its TTL would still trust', async () => {
    let signature = 's1';
    const cache = new ViewCache({ ttlMs: 60_000, staleLimitMs: 120_000, max: 10 }, async () => ({
      signature,
    }));
    expect((await cache.get('b'))?.signature).toBe('s1');
    signature = 's2';
    expect((await cache.get('b'))?.signature).toBe('s1');
    cache.invalidate();
    expect((await cache.get('b'))?.signature).toBe('s2');
  });
});
