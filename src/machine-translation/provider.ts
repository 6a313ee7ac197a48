/**
 * The one small interface behind which every machine-translation provider sits, its errors,
 * and the HTTP call they share. Plain TS: no Nest, no TypeORM.
 */

export const MT_PROVIDERS = [
  'deepl',
  'google',
  'microsoft',
  'libretranslate',
  'openai-compatible',
] as const;
export type MtProviderName = (typeof MT_PROVIDERS)[number];

export interface MtProviderSettings {
  provider: MtProviderName;
  /** Base URL; null: the provider's public endpoint (LibreTranslate has none). */
  endpoint: string | null;
  apiKey: string | null;
  /** openai-compatible: the model to ask. */
  model: string | null;
  /** microsoft: the Azure region of a regional or multi-service resource. */
  region: string | null;
  timeoutMs: number;
}

/** Translates segment texts written with our inline codes; answers in our codes, in order. */
export interface MtProvider {
  readonly name: MtProviderName;
  translate(
    texts: readonly string[],
    sourceLocale: string,
    targetLocale: string,
  ): Promise<string[]>;
}

export type MtErrorCode =
  'MT_UNAVAILABLE' | 'MT_RATE_LIMITED' | 'MT_AUTH_FAILED' | 'MT_QUOTA_EXCEEDED';

/** A provider failure, in words for an admin; `retryAfter` in seconds when the provider said. */
export class MtError extends Error {
  constructor(
    readonly code: MtErrorCode,
    message: string,
    readonly retryAfter?: number,
  ) {
    super(message);
    this.name = 'MtError';
  }
}

/** Seconds from a Retry-After header (delta-seconds or an HTTP date); undefined when absent. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - now) / 1000));
}

export interface ProviderRequest {
  url: string;
  headers: Record<string, string>;
  body: unknown;
  timeoutMs: number;
  /** For messages: "DeepL", "LibreTranslate", … */
  label: string;
  /** Statuses that mean a bad key (401 and 403 always do). */
  authStatuses?: readonly number[];
  /** Other answers that mean a bad key (Google: 400 "API key not valid"). */
  isAuthFailure?: (status: number, message: string) => boolean;
  /** Statuses that mean the account's quota is spent (DeepL: 456). */
  quotaStatuses?: readonly number[];
}

/** POSTs JSON and returns the parsed answer, or throws MtError saying what went wrong. */
export async function postJson(request: ProviderRequest): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(request.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json',
        ...request.headers,
      },
      body: JSON.stringify(request.body),
      signal: AbortSignal.timeout(request.timeoutMs),
      redirect: 'error',
    });
  } catch (error) {
    const name = (error as Error).name;
    if (name === 'TimeoutError' || name === 'AbortError') {
      throw new MtError(
        'MT_UNAVAILABLE',
        `${request.label} did not answer within ${request.timeoutMs} ms`,
      );
    }
    throw new MtError('MT_UNAVAILABLE', `${request.label} could not be reached`);
  }
  let text: string;
  try {
    text = await response.text();
  } catch {
    throw new MtError(
      'MT_UNAVAILABLE',
      `${request.label} did not answer within ${request.timeoutMs} ms`,
    );
  }
  const status = response.status;
  if (status >= 200 && status < 300) {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      throw new MtError(
        'MT_UNAVAILABLE',
        `${request.label} answered with something that is not JSON`,
      );
    }
  }
  const said = providerMessage(text);
  const suffix = said ? `: ${said}` : '';
  if (
    status === 401 ||
    status === 403 ||
    request.authStatuses?.includes(status) ||
    request.isAuthFailure?.(status, said)
  ) {
    throw new MtError(
      'MT_AUTH_FAILED',
      `${request.label} refused the API key (HTTP ${status})${suffix}`,
    );
  }
  if (request.quotaStatuses?.includes(status)) {
    throw new MtError(
      'MT_QUOTA_EXCEEDED',
      `${request.label} says the account's quota is spent${suffix}`,
    );
  }
  if (status === 429) {
    const retryAfter = parseRetryAfter(response.headers.get('retry-after'));
    const when = retryAfter === undefined ? 'later' : `in ${retryAfter} s`;
    throw new MtError(
      'MT_RATE_LIMITED',
      `${request.label} is rate-limiting requests; try again ${when}${suffix}`,
      retryAfter,
    );
  }
  throw new MtError('MT_UNAVAILABLE', `${request.label} failed with HTTP ${status}${suffix}`);
}

/** The provider's own error text, short, from the usual JSON shapes. */
function providerMessage(body: string): string {
  let said: unknown = body;
  try {
    const parsed = JSON.parse(body) as Record<string, unknown>;
    const error = parsed.error as Record<string, unknown> | string | undefined;
    said =
      (typeof error === 'string' ? error : error?.message) ?? parsed.message ?? parsed.detail ?? '';
  } catch {
    // plain text
  }
  return typeof said === 'string' ? said.replace(/\s+/g, ' ').trim().slice(0, 200) : '';
}

/** Throws MT_UNAVAILABLE when an answer lacks the expected shape. */
export function malformed(label: string): MtError {
  return new MtError('MT_UNAVAILABLE', `${label} answered in an unexpected format`);
}
