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
