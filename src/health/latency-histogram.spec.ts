import { Histogram, Registry } from 'prom-client';
import { LatencyHistogram } from './latency-histogram';

const BUCKETS = [0.001, 0.005, 0.01, 0.1, 1];

describe('LatencyHistogram', () => {
  it('writes the same exposition as prom-client for the same observations', async () => {
    const registry = new Registry();
    const reference = new Histogram({
      name: 'req_seconds',
      help: 'Latency\\by route\nand status',
      labelNames: ['method', 'route', 'status'],
      buckets: BUCKETS,
      registers: [registry],
    });
    const ours = new LatencyHistogram(
      'req_seconds',
      'Latency\\by route\nand status',
      ['method', 'route', 'status'],
      BUCKETS,
    );
    const series: Array<[string, string, string, number[]]> = [
      ['GET', '/read/:project/:locale/:article', '200', [0.0004, 0.001, 0.0011, 0.02, 3]],
      ['GET', '/read/:project/:locale/:article', '304', [0.0002]],
      ['POST', '/odd "route"\\with\nnewline', '500', [0.5, 0.5, 0.005]],
    ];
    for (const [method, route, status, values] of series) {
      const observe = ours.child(method, route, status);
      for (const v of values) {
        reference.labels(method, route, status).observe(v);
        observe(v);
      }
    }
    expect(ours.exposition()).toBe(await registry.metrics());
  });

  it('counts an observation equal to a bound in that bucket, and beyond the last in +Inf', () => {
    const h = new LatencyHistogram('d', 'd', ['k'], [0.01, 0.1]);
    const observe = h.child('x');
    [0.01, 0.1, 0.2, 0.005].forEach(observe);
    expect(h.exposition().split('\n').slice(2, 7)).toEqual([
      'd_bucket{le="0.01",k="x"} 2',
      'd_bucket{le="0.1",k="x"} 3',
      'd_bucket{le="+Inf",k="x"} 4',
      'd_sum{k="x"} 0.315',
      'd_count{k="x"} 4',
    ]);
  });

  it('binds a child once per label set: two observers of one set add to one series', () => {
    const h = new LatencyHistogram('d', 'd', ['k'], [1]);
    h.child('a')(0.5);
    h.child('a')(2);
    h.child('b')(0.5);
    const text = h.exposition();
    expect(text).toContain('d_count{k="a"} 2');
    expect(text).toContain('d_count{k="b"} 1');
  });

  it('ignores values that are not finite, and writes nothing before the first child', () => {
    const h = new LatencyHistogram('d', 'd', [], [1]);
    expect(h.exposition()).toBe('');
    const observe = h.child();
    observe(NaN);
    observe(Infinity);
    observe(0.5);
    expect(h.exposition()).toContain('d_count 1');
  });

  it('refuses a malformed name or the wrong number of label values', () => {
    expect(() => new LatencyHistogram('bad name', 'd', [], [1])).toThrow('bad metric name');
    expect(() => new LatencyHistogram('d', 'd', ['a', 'b'], [1]).child('x')).toThrow(
      'takes 2 label values',
    );
  });
});
