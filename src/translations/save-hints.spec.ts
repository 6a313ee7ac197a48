import { BoundedCache, cacheKey } from './save-hints';

describe('BoundedCache', () => {
  it('expires entries after the TTL and drops the oldest when full', () => {
    let now = 0;
    const cache = new BoundedCache<number>(10, 100, () => now);
    for (let i = 0; i < 10; i++) cache.set(cacheKey('k', i), i);
    expect(cache.get(cacheKey('k', 0))).toBe(0);
    cache.set(cacheKey('k', 10), 10);
    expect(cache.size).toBe(10);
    expect(cache.get(cacheKey('k', 0))).toBeUndefined();
    expect(cache.get(cacheKey('k', 10))).toBe(10);
    now = 100;
    expect(cache.get(cacheKey('k', 10))).toBeUndefined();
  });

  it('keys parts unambiguously', () => {
    expect(cacheKey('a', 'b c')).not.toBe(cacheKey('a b', 'c'));
  });
});
