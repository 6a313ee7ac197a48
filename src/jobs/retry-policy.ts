/**
 * When a failed outbox event runs again (pure). Doubling from the base, capped, and never
 * giving up: an event is done only when every handler has recorded it.
 */
export function eventRetryDelayMs(attempts: number, baseMs: number, maxMs: number): number {
  const exponent = Math.min(Math.max(attempts - 1, 0), 40);
  return Math.min(maxMs, baseMs * 2 ** exponent);
}

/** An error message short enough to store and show: its first line, at most 1,000 characters. */
export function describeError(error: unknown): string {
  const message =
    error instanceof Error ? error.message || error.name : String(error ?? 'unknown error');
  const line = message.split('\n', 1)[0];
  return line.length > 1000 ? `${line.slice(0, 999)}…` : line;
}
