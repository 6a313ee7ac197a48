import { Batcher } from './batcher';

/** A run function whose batches the test releases by hand. */
function manualRun<I>() {
  const batches: Array<{
    items: I[];
    release: (out?: unknown[]) => void;
    fail: (e: Error) => void;
  }> = [];
  const run = (items: I[]) =>
    new Promise<string[]>((resolve, reject) => {
      batches.push({
        items,
        release: (out) => resolve((out as string[]) ?? items.map((i) => `done ${String(i)}`)),
        fail: reject,
      });
    });
  return { batches, run };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('Batcher', () => {
  it('runs a lone call at once, as a batch of one', async () => {
    const { batches, run } = manualRun<number>();
    const batcher = new Batcher(run, { maxBatch: 10, concurrency: 1 });
    const result = batcher.submit(1);
    expect(batches.map((b) => b.items)).toEqual([[1]]);
    batches[0].release();
    await expect(result).resolves.toBe('done 1');
  });

  it('queues calls while the limit is reached and sends them as the next batch', async () => {
    const { batches, run } = manualRun<number>();
    const batcher = new Batcher(run, { maxBatch: 10, concurrency: 1 });
    const results = [1, 2, 3, 4].map((n) => batcher.submit(n));
    expect(batches.map((b) => b.items)).toEqual([[1]]);
    expect(batcher.waiting).toBe(3);
    batches[0].release();
    await tick();
    expect(batches.map((b) => b.items)).toEqual([[1], [2, 3, 4]]);
    batches[1].release(['b', 'c', 'd']);
    await expect(Promise.all(results)).resolves.toEqual(['done 1', 'b', 'c', 'd']);
    expect(batcher.waiting).toBe(0);
  });

  it('keeps up to `concurrency` batches in flight and caps their size', async () => {
    const { batches, run } = manualRun<number>();
    const batcher = new Batcher(run, { maxBatch: 2, concurrency: 2 });
    const results = [1, 2, 3, 4, 5, 6].map((n) => batcher.submit(n));
    expect(batches.map((b) => b.items)).toEqual([[1], [2]]);
    batches[0].release();
    await tick();
    expect(batches.map((b) => b.items)).toEqual([[1], [2], [3, 4]]);
    batches[1].release();
    batches[2].release();
    await tick();
    expect(batches.map((b) => b.items)).toEqual([[1], [2], [3, 4], [5, 6]]);
    batches[3].release();
    await expect(Promise.all(results)).resolves.toHaveLength(6);
  });

  it('never puts two items with the same key in one batch, and keeps their order', async () => {
    const { batches, run } = manualRun<string>();
    const batcher = new Batcher(run, {
      maxBatch: 10,
      concurrency: 1,
      keyOf: (item) => item.split(':')[0],
    });
    const results = ['a:1', 'a:2', 'b:1', 'a:3', 'c:1'].map((n) => batcher.submit(n));
    batches[0].release();
    await tick();
    expect(batches[1].items).toEqual(['a:2', 'b:1', 'c:1']);
    batches[1].release();
    await tick();
    expect(batches[2].items).toEqual(['a:3']);
    batches[2].release();
    await expect(Promise.all(results)).resolves.toHaveLength(5);
  });

  it('rejects every call of a failed batch and goes on with the next', async () => {
    const { batches, run } = manualRun<number>();
    const batcher = new Batcher(run, { maxBatch: 10, concurrency: 1 });
    const first = batcher.submit(1);
    const second = batcher.submit(2);
    const third = batcher.submit(3);
    batches[0].release();
    await tick();
    batches[1].fail(new Error('deadlock detected'));
    await expect(second).rejects.toThrow('deadlock detected');
    await expect(third).rejects.toThrow('deadlock detected');
    await expect(first).resolves.toBe('done 1');
    const fourth = batcher.submit(4);
    batches[2].release();
    await expect(fourth).resolves.toBe('done 4');
  });

  it('rejects a batch whose run returns the wrong number of results', async () => {
    const batcher = new Batcher((items: number[]) => Promise.resolve(items.slice(1)), {
      maxBatch: 10,
      concurrency: 1,
    });
    await expect(batcher.submit(1)).rejects.toThrow('batch of 1 returned 0 results');
  });

  it('rejects when run throws synchronously instead of returning a promise', async () => {
    const batcher = new Batcher<number, number>(
      () => {
        throw new Error('bad input');
      },
      { maxBatch: 10, concurrency: 1 },
    );
    await expect(batcher.submit(1)).rejects.toThrow('bad input');
    await expect(batcher.submit(2)).rejects.toThrow('bad input');
  });

  it('refuses a limit below one', () => {
    expect(() => new Batcher(() => Promise.resolve([]), { maxBatch: 0, concurrency: 1 })).toThrow(
      RangeError,
    );
  });
});
