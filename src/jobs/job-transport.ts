import type { JobTransportKind } from '../config/config';
import type { DeliveryJob, EventEnvelope } from './queues';

/** An outbox event claimed by the relay, with the job id of this hand-over. */
export interface EventJob {
  /** Unique per hand-over (`evt-<event id>-<relay attempt>`), so a re-drive is a new job. */
  jobId: string;
  event: EventEnvelope;
}

export type RedisState = 'up' | 'down' | 'not used';

export interface QueueCount {
  queue: string;
  state: string;
  count: number;
}

/**
 * How jobs travel from the outbox to the code that runs them (after Twenty's message-queue
 * drivers). Two drivers: BullMQ on Redis, and the PostgreSQL outbox itself, run in-process.
 * Either way an event runs every registered handler through EventRunner with the same
 * duplicate guard and retry rules, and a webhook delivery is attempted by the same code.
 */
export interface JobTransport {
  readonly kind: JobTransportKind;
  /** How many more events it takes now: the relay claims no more than this. */
  capacity(): number;
  /** Hands claimed events over; called inside the transaction that claimed them. */
  dispatchEvents(jobs: EventJob[]): Promise<void>;
  /**
   * Queues attempts of webhook deliveries whose rows exist (or commit with the caller). The
   * outbox driver claims due rows from webhook_deliveries itself, so it has nothing to do.
   */
  dispatchDeliveries(jobs: DeliveryJob[]): Promise<void>;
  /** Redis as the transport sees it, answered within half a second. */
  redisState(): Promise<RedisState>;
  /** Jobs per queue and state (BullMQ only), answered within half a second or left out. */
  queueCounts(): Promise<QueueCount[]>;
  close(): Promise<void>;
}

export const JOB_TRANSPORT = Symbol('JOB_TRANSPORT');

/** Resolves with the promise's value, or rejects after `ms` (Redis must never hold a request). */
export function within<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise,
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
      timer.unref();
    }),
  ]).finally(() => clearTimeout(timer));
}
