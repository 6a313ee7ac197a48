import { performance } from 'node:perf_hooks';
import { LRUCache } from 'lru-cache';
import { SingleFlight } from '../common/single-flight';

/** A read model loaded from the database; equal signatures mean equal views. */
export interface View {
  signature: string;
}

export interface ViewCacheOptions {
  /** How long a view is trusted; after that it is reloaded in the background. */
  ttlMs: number;
  /** How old a view may be served while it reloads; older, a request waits for the reload. */
  staleLimitMs: number;
  max: number;
}

/**
 * Views by key (null: nothing there), each trusted for `ttlMs`, then served while it reloads
 * in the background (stale-while-revalidate) up to `staleLimitMs`: a steady stream of readers
 * never queues behind the database, and a process that was idle does not serve an old view.
 * Ages are checked here, not with the LRU's own `ttl`, which arms a timer per millisecond under
 * load. A reload that finds the same signature keeps the cached object, with whatever was
 * prepared from it. `invalidate` drops views at once (another process published or withdrew
 * something): the next request waits for a fresh load, and a load that was already under way
 * is neither joined nor kept as fresh.
 */
export class ViewCache<V extends View> {
  private readonly entries: LRUCache<string, { view: V | null; loadedAt: number }>;
  /** Loads in flight, so a burst of requests after the TTL runs one load, not one each. */
  private readonly loading = new SingleFlight<V | null>();
  /** Bumped by every invalidation: a load that started before one is not trusted. */
  private epoch = 0;

  constructor(
    private options: ViewCacheOptions,
    private readonly loader: (key: string) => Promise<V | null>,
  ) {
    this.entries = new LRUCache({ max: options.max });
  }

  /**
   * Synchronous, for hot paths: the cached view, or undefined when there is none younger than
   * the stale limit. One older than the TTL is still returned, and reloaded in the background.
   */
  cached(key: string): V | null | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    const age = performance.now() - entry.loadedAt;
    if (age >= this.options.staleLimitMs) return undefined;
    if (age >= this.options.ttlMs) {
      // A failed reload leaves the entry as it is; the next request tries again.
      this.load(key).catch(() => undefined);
    }
    return entry.view;
  }

  get(key: string): Promise<V | null> {
    const cached = this.cached(key);
    return cached !== undefined ? Promise.resolve(cached) : this.load(key);
  }

  /** From now on views are trusted for `ttlMs` (see ReaderInvalidation). */
  setTtl(ttlMs: number): void {
    this.options = { ...this.options, ttlMs };
  }

  /** Drops the views whose key `matches` (every view without one). */
  invalidate(matches?: (key: string) => boolean): void {
    this.epoch += 1;
    if (!matches) {
      this.entries.clear();
      return;
    }
    for (const key of [...this.entries.keys()]) if (matches(key)) this.entries.delete(key);
  }

  private load(key: string): Promise<V | null> {
    const epoch = this.epoch;
    return this.loading.run(`${epoch}\u0000${key}`, async () => {
      const loaded = await this.loader(key);
      const previous = this.entries.get(key)?.view;
      const view =
        previous && loaded && previous.signature === loaded.signature ? previous : loaded;
      // Loaded before an invalidation: good for the requests that waited for it, but not kept
      // (a load started since may have stored a fresher view already).
      if (epoch === this.epoch) this.entries.set(key, { view, loadedAt: performance.now() });
      return view;
    });
  }
}
