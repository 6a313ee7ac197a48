import type { lookup as dnsLookup } from 'node:dns';
import * as http from 'node:http';
import * as https from 'node:https';
import { guardedLookup, checkWebhookUrl, SsrfError } from './ssrf';
import { DELIVERY_HEADER, EVENT_HEADER, SIGNATURE_HEADER, sign } from './signature';

export interface DeliveryRequest {
  url: string;
  secret: string;
  body: string;
  event: string;
  deliveryId: string;
}

export interface DeliveryResult {
  statusCode: number | null;
  durationMs: number;
  error: string | null;
  /** The target was refused by the SSRF guard, nothing was sent. */
  refused: boolean;
}

const MAX_RESPONSE_BYTES = 64 * 1024;

/**
 * One signed POST. Node's http client (not fetch) because its `lookup` hook lets the SSRF guard
 * check the very addresses the socket connects to; redirects are not followed.
 */
export async function sendWebhook(
  request: DeliveryRequest,
  options: { allowPrivate: boolean; timeoutMs: number; resolve?: typeof dnsLookup },
): Promise<DeliveryResult> {
  const started = performance.now();
  const done = (partial: Omit<DeliveryResult, 'durationMs'>): DeliveryResult => ({
    ...partial,
    durationMs: Math.round(performance.now() - started),
  });
  let url: URL;
  try {
    url = checkWebhookUrl(request.url, options.allowPrivate);
  } catch (error) {
    return done({ statusCode: null, error: (error as Error).message, refused: true });
  }
  const body = Buffer.from(request.body, 'utf8');
  try {
    const statusCode = await new Promise<number>((resolve, reject) => {
      const client = url.protocol === 'https:' ? https : http;
      const req = client.request(
        url,
        {
          method: 'POST',
          agent: false,
          lookup: guardedLookup(
            options.allowPrivate,
            options.resolve,
          ) as unknown as http.RequestOptions['lookup'],
          signal: AbortSignal.timeout(options.timeoutMs),
          headers: {
            'content-type': 'application/json; charset=utf-8',
            'content-length': body.length,
            'user-agent': 'tms-webhooks/1',
            [EVENT_HEADER]: request.event,
            [DELIVERY_HEADER]: request.deliveryId,
            [SIGNATURE_HEADER]: sign(request.secret, body),
          },
        },
        (res) => {
          let received = 0;
          res.on('data', (chunk: Buffer) => {
            received += chunk.length;
            if (received > MAX_RESPONSE_BYTES) res.destroy();
          });
          res.on('end', () => resolve(res.statusCode ?? 0));
          res.on('close', () => resolve(res.statusCode ?? 0));
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(body);
    });
    return done({
      statusCode,
      error: statusCode >= 200 && statusCode < 300 ? null : `HTTP ${statusCode}`,
      refused: false,
    });
  } catch (error) {
    const err = error as Error & { code?: string };
    if (err instanceof SsrfError || (err.cause as Error | undefined) instanceof SsrfError) {
      return done({ statusCode: null, error: err.message, refused: true });
    }
    const message =
      err.name === 'TimeoutError' || err.name === 'AbortError'
        ? `timed out after ${options.timeoutMs} ms`
        : err.code
          ? `${err.code}: ${err.message}`
          : err.message;
    return done({ statusCode: null, error: message, refused: false });
  }
}
