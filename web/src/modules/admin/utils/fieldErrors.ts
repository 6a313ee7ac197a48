import { ApiError } from '~/api/errors';

/**
 * The per-field problems of a 400 VALIDATION_FAILED (`details.errors: [{field, messages}]`),
 * as field → messages; empty for any other error.
 */
export function fieldErrors(error: unknown): Record<string, string[]> {
  if (!(error instanceof ApiError) || error.status !== 400) return {};
  const list = error.details.errors;
  if (!Array.isArray(list)) return {};
  const out: Record<string, string[]> = {};
  for (const item of list as unknown[]) {
    if (!item || typeof item !== 'object') continue;
    const { field, messages } = item as { field?: unknown; messages?: unknown };
    if (typeof field !== 'string') continue;
    const texts = Array.isArray(messages)
      ? messages.filter((m): m is string => typeof m === 'string')
      : [];
    out[field] = [...(out[field] ?? []), ...texts];
  }
  return out;
}
