import { DomainError } from '../common/domain-error';
import type { MtError } from './provider';

/**
 * A provider failure as the contract's error, for routes that must fail when machine
 * translation does (pre-translation from MT, say): MT_RATE_LIMITED and MT_QUOTA_EXCEEDED are
 * 429, MT_UNAVAILABLE and MT_AUTH_FAILED 503 (the provider, a dependency, is unusable), with
 * `details.retryAfter` in seconds when the provider gave one. Suggestions never fail this way:
 * they carry the failure as `mtError` beside the memory and glossary matches.
 */
export function mtDomainError(error: MtError): DomainError {
  return new DomainError(
    error.code,
    `Machine translation: ${error.message}`,
    error.retryAfter === undefined ? undefined : { retryAfter: error.retryAfter },
  );
}
