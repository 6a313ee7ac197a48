/**
 * In-process hints for the save path, so that a save is usually one SQL statement.
 *
 * - Segment source sides are keyed by (article id, version number, segment key). Source
 *   versions and their segments are append-only (a trigger refuses UPDATE/DELETE), and
 *   (article id, version) is unique, so such an entry can never be wrong.
 * - Route scopes (project + article behind two slugs) are only hints: the save statement
 *   re-verifies, under a lock on the article row, every fact of the scope it relies on (current
 *   version, requireReview, source locale, the locale being active) and writes nothing when one
 *   differs; the caller then drops the hint and retries from a fresh read. A hint is never
 *   trusted for the write itself.
 */
export class BoundedCache<V> {
  private readonly entries = new Map<string, { value: V; expires: number }>();

  constructor(
    private readonly maxEntries: number,
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  get(key: string): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expires <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  set(key: string, value: V): void {
    this.entries.delete(key);
    if (this.entries.size >= this.maxEntries) {
      // Maps iterate in insertion order: drop the oldest tenth.
      let drop = Math.max(1, Math.floor(this.maxEntries / 10));
      for (const k of this.entries.keys()) {
        this.entries.delete(k);
        if (--drop === 0) break;
      }
    }
    this.entries.set(key, { value, expires: this.now() + this.ttlMs });
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  get size(): number {
    return this.entries.size;
  }
}

/** Key of a cache entry made of several parts (NUL cannot occur in slugs, ids or keys). */
export const cacheKey = (...parts: Array<string | number>): string => parts.join('\u0000');
