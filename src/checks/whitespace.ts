import { isUnspacedLanguage } from './locale';
import type { CheckInput, CheckResult } from './types';

/**
 * Leading and trailing whitespace is layout the segmenter cut around the sentence; it must
 * survive translation. Languages written without spaces (Chinese, Japanese, Thai…) may drop a
 * space the source had, but must not add one.
 */
export function checkWhitespace(input: CheckInput): CheckResult | null {
  const unspaced = isUnspacedLanguage(input.targetLocale);
  const problems = (['leading', 'trailing'] as const).filter((side) => {
    const expected = edge(input.source, side);
    const found = edge(input.target, side);
    if (expected === found) return false;
    return !(unspaced && found === '' && input.target.trim() !== '');
  });
  if (problems.length === 0) return null;
  return {
    code: 'WHITESPACE',
    severity: 'warning',
    message: `The ${problems.join(' and ')} spaces or line breaks differ from the source.`,
    details: Object.fromEntries(
      problems.map((side) => [
        side,
        { expected: edge(input.source, side), found: edge(input.target, side) },
      ]),
    ),
  };
}

function edge(text: string, side: 'leading' | 'trailing'): string {
  const match = side === 'leading' ? /^\s*/u.exec(text) : /\s*$/u.exec(text);
  return match ? match[0] : '';
}
