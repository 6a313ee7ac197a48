import { checkEmptyTarget, isEmptyTarget } from './empty-target';
import { checkEndPunctuation } from './end-punctuation';
import { checkGlossary } from './glossary';
import { checkTextHygiene } from './hygiene';
import { checkIdentical } from './identical';
import { checkInlineCodes } from './inline-codes';
import { checkLengthRatio } from './length-ratio';
import { checkMarkup } from './markup';
import { checkNegation } from './negation';
import { checkNumbers } from './numbers';
import { checkUnits } from './quantities';
import { checkRepeatedWord } from './repeated-word';
import type { Check, CheckInput, CheckResult } from './types';
import { checkUrls } from './urls';
import { checkWhitespace } from './whitespace';

export type { Check, CheckInput, CheckResult, CheckSeverity, GlossaryEntry } from './types';
export {
  classifyChange,
  explainChange,
  type ChangeRisk,
  type ChangeExplanation,
} from './change-risk';
export { extractNumbers } from './numbers';
export {
  checkTextHygiene,
  describeHygieneProblems,
  isCleanText,
  textHygieneProblems,
  type HygieneProblem,
  type HygieneProblemKind,
} from './hygiene';
export { lengthBand } from './length-ratio';

/** Every check, blocking ones first. Each returns at most one result under its own code. */
export const CHECKS: ReadonlyArray<{ code: string; run: Check }> = [
  { code: 'TEXT_HYGIENE', run: checkTextHygiene },
  { code: 'EMPTY_TARGET', run: checkEmptyTarget },
  { code: 'INLINE_CODES', run: checkInlineCodes },
  { code: 'NUMBERS', run: checkNumbers },
  { code: 'UNITS', run: checkUnits },
  { code: 'URLS', run: checkUrls },
  { code: 'NEGATION', run: checkNegation },
  { code: 'GLOSSARY', run: checkGlossary },
  { code: 'END_PUNCTUATION', run: checkEndPunctuation },
  { code: 'WHITESPACE', run: checkWhitespace },
  { code: 'LENGTH_RATIO', run: checkLengthRatio },
  { code: 'REPEATED_WORD', run: checkRepeatedWord },
  { code: 'MARKUP', run: checkMarkup },
  { code: 'IDENTICAL', run: checkIdentical },
];

/**
 * All failures, errors first. An empty target reports only EMPTY_TARGET (and TEXT_HYGIENE when
 * it holds control or bidi characters): every other check would just restate that the text is
 * missing.
 */
export function runChecks(input: CheckInput): CheckResult[] {
  if (isEmptyTarget(input)) {
    return [checkEmptyTarget(input), hygieneBeyondEmptiness(input)].filter(isResult);
  }
  const results = CHECKS.map((check) => check.run(input)).filter(isResult);
  return [...results].sort((a, b) => severityRank(a) - severityRank(b));
}

export function hasBlockingFailure(results: readonly CheckResult[]): boolean {
  return results.some((result) => result.severity === 'error');
}

function hygieneBeyondEmptiness(input: CheckInput): CheckResult | null {
  const result = checkTextHygiene(input);
  const problems = (result?.details?.problems ?? []) as Array<{ kind: string }>;
  return problems.some((p) => p.kind !== 'no-visible-text') ? result : null;
}

function isResult(result: CheckResult | null): result is CheckResult {
  return result !== null;
}

function severityRank(result: CheckResult): number {
  return result.severity === 'error' ? 0 : 1;
}
