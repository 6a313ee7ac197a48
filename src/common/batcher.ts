/**
 * Coalesces concurrent calls into batches ("natural batching", as in group commit).
 *
 * A call runs at once when fewer than `concurrency` batches are in flight, as a batch of one,
 * so an idle server adds no delay (there is no timer). Calls that arrive while the limit is
 * reached queue up, and when a batch ends the queue leaves as the next batch. Under load the
 * batches grow by themselves: one round trip and one commit then serve many requests.
 *
 * Two calls with the same `keyOf` never share a batch (the later one waits for the next), so
 * `run` may assume its items have distinct keys. `run` returns one result per item, in order;
 * when it throws, every call of that batch rejects with the error.
 */
export interface BatcherOptions<I> {
  /** Largest number of items per batch. */
  maxBatch: number;
  /** Batches in flight at once. */
  concurrency: number;
  /** Items with equal keys go to different batches. */
  keyOf?: (item: I) => string;
}

interface Pending<I, O> {
  item: I;
  resolve: (value: O) => void;
  reject: (error: unknown) => void;
}

export class Batcher<I, O> {
  private readonly queue: Array<Pending<I, O>> = [];
  private inFlight = 0;

  constructor(
    private readonly run: (items: I[]) => Promise<O[]>,
    private readonly options: BatcherOptions<I>,
  ) {
    if (options.maxBatch < 1 || options.concurrency < 1) {
      throw new RangeError('maxBatch and concurrency must be at least 1');
    }
  }

  submit(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      this.drain();
    });
  }

  /** Calls waiting for a batch (for metrics and tests). */
  get waiting(): number {
    return this.queue.length;
  }

  private drain(): void {
    while (this.inFlight < this.options.concurrency && this.queue.length > 0) {
      this.start(this.take());
    }
  }

  /** Up to maxBatch queued calls, oldest first, skipping keys already taken. */
  private take(): Array<Pending<I, O>> {
    const { maxBatch, keyOf } = this.options;
    if (!keyOf) return this.queue.splice(0, maxBatch);
    const batch: Array<Pending<I, O>> = [];
    const keys = new Set<string>();
    let kept = 0;
    for (const pending of this.queue) {
      const key = keyOf(pending.item);
      if (batch.length < maxBatch && !keys.has(key)) {
        keys.add(key);
        batch.push(pending);
      } else {
        this.queue[kept++] = pending;
      }
    }
    this.queue.length = kept;
    return batch;
  }

  private start(batch: Array<Pending<I, O>>): void {
    this.inFlight++;
    let results: Promise<O[]>;
    try {
      results = this.run(batch.map((p) => p.item));
    } catch (error) {
      results = Promise.reject(error);
    }
    results
      .then((values) => {
        if (values.length !== batch.length) {
          throw new Error(`batch of ${batch.length} returned ${values.length} results`);
        }
        batch.forEach((p, i) => p.resolve(values[i]));
      })
      .catch((error: unknown) => batch.forEach((p) => p.reject(error)))
      .finally(() => {
        this.inFlight--;
        this.drain();
      });
  }
}
