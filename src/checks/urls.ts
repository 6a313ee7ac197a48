import { plainText } from './codes';
import { findEmails, findUrls, normalizeUrl } from './links';
import type { CheckInput, CheckResult } from './types';

/**
 * Every URL and e-mail address of the source must appear unchanged in the target (scheme and
 * host compared case-insensitively). A localised path or domain is still reported, as a warning,
 * so a reviewer confirms the new address on purpose.
 */
export function checkUrls(input: CheckInput): CheckResult | null {
  const source = plainText(input.source, ' ');
  const target = plainText(input.target, ' ');
  const urls = difference(findUrls(source), findUrls(target), normalizeUrl);
  const emails = difference(findEmails(source), findEmails(target), (e) => e.toLowerCase());
  const missing = [...urls.missing, ...emails.missing];
  const unexpected = [...urls.unexpected, ...emails.unexpected];
  if (!missing.length && !unexpected.length) return null;

  const problems = [
    missing.length ? `missing or changed ${missing.join(', ')}` : '',
    unexpected.length ? `not in the source ${unexpected.join(', ')}` : '',
  ].filter(Boolean);
  return {
    code: 'URLS',
    severity: 'warning',
    message: `Web or e-mail addresses differ from the source (${problems.join('; ')}). Copy addresses exactly unless a localised address is intended.`,
    details: { missing, unexpected },
  };
}

function difference(
  source: readonly string[],
  target: readonly string[],
  normalize: (value: string) => string,
): { missing: string[]; unexpected: string[] } {
  const targetKeys = target.map(normalize);
  const sourceKeys = source.map(normalize);
  return {
    missing: source.filter((_, i) => !targetKeys.includes(sourceKeys[i])),
    unexpected: target.filter((_, i) => !sourceKeys.includes(targetKeys[i])),
  };
}
