/**
 * A Prometheus histogram of durations whose observation is a few array writes.
 *
 * prom-client's `observe()`, even on a child from `labels()`, builds, validates and hashes a
 * label object on every call; on the reader's fast path that was 4% of the CPU per request.
 * Here a child is bound to its label values once, keeps plain counters, and the text
 * exposition is built at scrape time, line for line as prom-client writes it (format 0.0.4).
 */
export class LatencyHistogram {
  private readonly children = new Map<string, HistogramChild>();
  private readonly bounds: Float64Array;

  constructor(
    readonly name: string,
    private readonly help: string,
    private readonly labelNames: readonly string[],
    buckets: readonly number[],
  ) {
    if (!/^[a-zA-Z_:][a-zA-Z0-9_:]*$/.test(name)) throw new Error(`bad metric name: ${name}`);
    this.bounds = Float64Array.from([...buckets].sort((a, b) => a - b));
  }

  /** The observer for one set of label values (in `labelNames` order), made once per set. */
  child(...values: string[]): (seconds: number) => void {
    if (values.length !== this.labelNames.length) {
      throw new Error(`${this.name} takes ${this.labelNames.length} label values`);
    }
    const key = values.join('\u0000');
    const child = this.children.get(key) ?? this.addChild(key, values);
    const { bounds } = this;
    const { counts } = child;
    return (seconds) => {
      if (!Number.isFinite(seconds)) return;
      let i = 0;
      while (i < bounds.length && seconds > bounds[i]) i++;
      counts[i]++;
      child.sum += seconds;
    };
  }

  private addChild(key: string, values: readonly string[]): HistogramChild {
    const labels = this.labelNames.map((n, i) => `${n}="${escapeLabelValue(values[i])}"`);
    const child = {
      labels: labels.join(','),
      counts: new Float64Array(this.bounds.length + 1),
      sum: 0,
    };
    this.children.set(key, child);
    return child;
  }

  /** The metric in the Prometheus text format, ending with a newline ('' when unobserved). */
  exposition(): string {
    if (this.children.size === 0) return '';
    const lines = [`# HELP ${this.name} ${escapeHelp(this.help)}`, `# TYPE ${this.name} histogram`];
    for (const { labels, counts, sum } of this.children.values()) {
      const rest = labels ? `,${labels}` : '';
      let cumulative = 0;
      for (let i = 0; i < counts.length; i++) {
        cumulative += counts[i];
        const le = i < this.bounds.length ? String(this.bounds[i]) : '+Inf';
        lines.push(`${this.name}_bucket{le="${le}"${rest}} ${cumulative}`);
      }
      const braces = labels ? `{${labels}}` : '';
      lines.push(`${this.name}_sum${braces} ${sum}`, `${this.name}_count${braces} ${cumulative}`);
    }
    return lines.join('\n') + '\n';
  }
}

interface HistogramChild {
  /** The rendered label pairs, `a="1",b="2"`. */
  labels: string;
  /** Observations per bucket (not cumulative); the last one is +Inf. */
  counts: Float64Array;
  sum: number;
}

function escapeLabelValue(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
}

function escapeHelp(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
}
