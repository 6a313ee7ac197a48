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
});
