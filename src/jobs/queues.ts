/** Queue names, in one place. */
export const QUEUES = {
  events: 'events',
  webhooks: 'webhooks',
} as const;

export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

/** An outbox event as it travels through the `events` queue. */
export interface EventEnvelope {
  eventId: string;
  type: string;
  payload: Record<string, unknown>;
  occurredAt: string;
}

/** One webhook delivery attempt to make; its row in webhook_deliveries says what and where. */
export interface DeliveryJob {
  deliveryId: string;
  /** Advisory-lock key held by the transaction that created the delivery row. */
  gate: string;
  /** The BullMQ job id when it is not the delivery id (a re-drive or a retry is a new job). */
  jobId?: string;
}
