import { tokenize, type Token } from './codes';
import type { CheckInput, CheckResult } from './types';

type CodeToken = Extract<Token, { type: 'code' }>;

/**
 * The target must carry exactly the source's inline codes (in any order), properly nested,
 * and no unescaped braces that would be mistaken for broken codes.
 */
export function checkInlineCodes(input: CheckInput): CheckResult | null {
  const source = tokenize(input.source);
  const target = tokenize(input.target);
  const sourceCodes = codesOf(source);
  const targetCodes = codesOf(target);
  const missing = multisetDifference(sourceCodes, targetCodes);
  const unexpected = multisetDifference(targetCodes, sourceCodes);
  // A source that is itself unbalanced (a span cut by segmentation) cannot be held against the target.
  const nesting = nestingProblems(source).length === 0 ? nestingProblems(target) : [];
  const strayBraces = Math.max(0, strayCount(target) - strayCount(source));
  if (!missing.length && !unexpected.length && !nesting.length && !strayBraces) return null;

  const problems = [
    missing.length ? `missing ${missing.join(' ')}` : '',
    unexpected.length ? `not in the source ${unexpected.join(' ')}` : '',
    ...nesting,
    strayBraces ? 'a lone { or } that is not an inline code' : '',
  ].filter(Boolean);
  return {
    code: 'INLINE_CODES',
    severity: 'error',
    message: `Inline codes do not match the source: ${problems.join('; ')}. Keep each {n}…{/n} pair and {n/} code from the source.`,
    details: {
      expected: sourceCodes,
      found: targetCodes,
      missing,
      unexpected,
      nesting,
      strayBraces,
    },
  };
}

function codesOf(tokens: readonly Token[]): string[] {
  return tokens.filter((t): t is CodeToken => t.type === 'code').map(canonicalCode);
}

function canonicalCode(token: CodeToken): string {
  if (token.kind === 'open') return `{${token.id}}`;
  if (token.kind === 'close') return `{/${token.id}}`;
  return `{${token.id}/}`;
}

function multisetDifference(from: readonly string[], remove: readonly string[]): string[] {
  const rest = [...remove];
  return from.filter((value) => {
    const index = rest.indexOf(value);
    if (index < 0) return true;
    rest.splice(index, 1);
    return false;
  });
}

function nestingProblems(tokens: readonly Token[]): string[] {
  const problems: string[] = [];
  const open: string[] = [];
  for (const token of tokens) {
    if (token.type !== 'code' || token.kind === 'standalone') continue;
    if (token.kind === 'open') {
      open.push(token.id);
      continue;
    }
    const position = open.lastIndexOf(token.id);
    if (position < 0) problems.push(`{/${token.id}} comes before its {${token.id}}`);
    else if (position < open.length - 1)
      problems.push(`{/${token.id}} closes before {/${open[open.length - 1]}} (overlapping)`);
    if (position >= 0) open.splice(position, 1);
  }
  for (const id of open) problems.push(`{${id}} is never closed`);
  return problems;
}

function strayCount(tokens: readonly Token[]): number {
  return tokens.filter((t) => t.type === 'stray').length;
}
