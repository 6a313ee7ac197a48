/**
 * A one-line progress display on standard error, for the `tms` command: drawn only when
 * standard error is a terminal, at most every 100 ms, erased before the summary.
 */
export interface Progress {
  update(done: number, note?: string): void;
  finish(): void;
}

const WIDTH = 30;

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export function formatProgress(done: number, total: number | undefined, note = ''): string {
  const suffix = note ? `  ${note}` : '';
  if (!total) return `${megabytes(done)}${suffix}`;
  const fraction = Math.min(1, done / total);
  const filled = Math.round(fraction * WIDTH);
  const bar = '#'.repeat(filled) + '-'.repeat(WIDTH - filled);
  const percent = String(Math.floor(fraction * 100)).padStart(3);
  return `[${bar}] ${percent}% ${megabytes(done)}/${megabytes(total)}${suffix}`;
}

export function progressOnStderr(
  total: number | undefined,
  format: (done: number, total: number | undefined, note?: string) => string = formatProgress,
  stream: NodeJS.WriteStream = process.stderr,
): Progress {
  if (!stream.isTTY) return { update: () => undefined, finish: () => undefined };
  let last = 0;
  let drawn = false;
  return {
    update(done, note) {
      const now = Date.now();
      if (now - last < 100 && done !== total) return;
      last = now;
      drawn = true;
      stream.write(`\r${format(done, total, note)}\u001b[K`);
    },
    finish() {
      if (drawn) stream.write('\r\u001b[K');
    },
  };
}
