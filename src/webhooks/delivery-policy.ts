/**
 * Retry timing for webhook deliveries (pure). Each wait is 2.5 times the previous one, starting
 * at the configured base: with the defaults (30 s, 8 attempts) the last try comes about 3.4 hours
 * after the first; tests set a base of a few milliseconds.
 */
export const RETRY_FACTOR = 2.5;
export const DELIVERY_TIMEOUT_MS = 10_000;

/** The wait before attempt `attemptsMade + 1`, after `attemptsMade` failures (1-based). */
export function retryDelayMs(baseMs: number, attemptsMade: number): number {
  return Math.round(baseMs * RETRY_FACTOR ** Math.max(0, attemptsMade - 1));
}

/** Total time from the first attempt to the last, for the docs and the spec. */
export function retryWindowMs(baseMs: number, attempts: number): number {
  let total = 0;
  for (let made = 1; made < attempts; made++) total += retryDelayMs(baseMs, made);
  return total;
}

export type DeliveryStatus = 'pending' | 'retrying' | 'succeeded' | 'failed';

export interface AttemptOutcome {
  statusCode: number | null;
  /** Refused before sending (SSRF): retrying cannot help. */
  refused: boolean;
}

/** The delivery's status after an attempt: 2xx succeeds; anything else retries until the last. */
export function statusAfter(
  outcome: AttemptOutcome,
  attempt: number,
  attempts: number,
): DeliveryStatus {
  if (outcome.statusCode !== null && outcome.statusCode >= 200 && outcome.statusCode < 300) {
    return 'succeeded';
  }
  return outcome.refused || attempt >= attempts ? 'failed' : 'retrying';
}

/** The BullMQ backoff type name of webhook retries (see webhookBackoff in the processor). */
export const DELIVERY_BACKOFF = 'webhook';
