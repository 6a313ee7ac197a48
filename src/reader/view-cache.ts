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
 * prepared from it.
 */
export class ViewCache<V extends View> {
  private readonly entries: LRUCache<string, { view: V | null; loadedAt: number }>;
  /** Loads in flight, so a burst of requests after the TTL runs one load, not one each. */
  private readonly loading = new SingleFlight<V | null>();

  constructor(
    private readonly options: ViewCacheOptions,
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

  private load(key: string): Promise<V | null> {
    return this.loading.run(key, async () => {
      const loaded = await this.loader(key);
      const previous = this.entries.get(key)?.view;
      const view =
        previous && loaded && previous.signature === loaded.signature ? previous : loaded;
      this.entries.set(key, { view, loadedAt: performance.now() });
      return view;
    });
  }
}
