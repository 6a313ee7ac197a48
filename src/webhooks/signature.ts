import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'X-TMS-Signature-256';
export const EVENT_HEADER = 'X-TMS-Event';
export const DELIVERY_HEADER = 'X-TMS-Delivery';

/** `sha256=<hex HMAC-SHA256 of the exact body bytes>`, as sent in X-TMS-Signature-256. */
export function sign(secret: string, body: string | Buffer): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/** What a receiver does: recompute and compare in constant time. */
export function verify(secret: string, body: string | Buffer, header: string | undefined): boolean {
  if (typeof header !== 'string') return false;
  const expected = Buffer.from(sign(secret, body));
  const given = Buffer.from(header.trim());
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export interface WebhookBody {
  /** The event id: the same across retries and redeliveries, so receivers can de-duplicate. */
  id: string;
  type: string;
  /** When the event happened (ISO 8601). */
  time: string;
  payload: Record<string, unknown>;
}

/** The JSON body of a delivery; it is stored and sent byte for byte, so the signature holds. */
export function webhookBody(event: WebhookBody): string {
  return JSON.stringify({
    id: event.id,
    type: event.type,
    time: event.time,
    payload: event.payload,
  });
}
