import { plainText } from './codes';
import type { CheckInput, CheckResult } from './types';

/** A target with no text (only whitespace or codes) when the source has some. */
export function isEmptyTarget(input: CheckInput): boolean {
  return !hasText(input.target) && hasText(input.source);
}

function hasText(text: string): boolean {
  return plainText(text).trim().length > 0;
}

export function checkEmptyTarget(input: CheckInput): CheckResult | null {
  if (!isEmptyTarget(input)) return null;
  return {
    code: 'EMPTY_TARGET',
    severity: 'error',
    message: 'The translation is empty. Translate the segment before saving.',
  };
}
