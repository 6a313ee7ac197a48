import { plainText } from './codes';
import { languageOf } from './locale';
import { englishQuantityWords, foldForWords } from './number-words';
import { numberTokens } from './numbers';
import type { CheckInput, CheckResult } from './types';
import {
  COUNT_UNITS,
  foldUnits,
  knowsUnitWords,
  mentionsUnit,
  unitAfter,
  type Unit,
} from './units';

/**
 * Numbers compared with what they measure. The NUMBERS check sees the same numbers on both
 * sides; this one sees "5 mg" become "5 g", "every 8 hours" become "cada 8 días", and "4 doses
 * in 24 hours" become "24 dosis en 4 horas" (the unit moved to another number).
 */

export interface Quantity {
  value: string;
  unit: Unit | null;
}

/**
 * Between two numbers of a range or a choice ("2 to 5 years", "2–5 mg", "2 o 3 días"): the
 * unit written after the second one is the first one's too.
 */
const RANGE_GAP = /^[\s\u00A0\u202F]*(?:[-–—~〜～至到]|\p{L}{1,5})?[\s\u00A0\u202F]*$/u;

/** Numbers of a text with the unit written right after each (or `%` right before). */
export function readQuantities(text: string, locale: string): Quantity[] {
  const { prepared, tokens } = numberTokens(text, locale);
  const quantities = tokens.map((token) => {
    const after = foldUnits(prepared.slice(token.end, token.end + 40));
    const before = foldUnits(prepared.slice(Math.max(0, token.start - 2), token.start));
    // A unit belongs to a single number: `8:30` and `1/2` have parts, not a measured value.
    const unit = token.values.length === 1 ? unitAfter(after, before, locale) : null;
    return { token, unit };
  });
  for (let index = quantities.length - 2; index >= 0; index--) {
    const current = quantities[index];
    const next = quantities[index + 1];
    const gap = prepared.slice(current.token.end, next.token.start);
    if (current.unit === null && next.unit !== null && RANGE_GAP.test(gap))
      current.unit = next.unit;
  }
  const numerals = quantities.flatMap(({ token, unit }) =>
    token.values.map((value) => ({ value, unit })),
  );
  return languageOf(locale) === 'en'
    ? [...numerals, ...englishWordQuantities(text, locale)]
    : numerals;
}

/** "two tablets", "twice": the English's spelled-out quantities and what they count. */
function englishWordQuantities(text: string, locale: string): Quantity[] {
  const folded = foldForWords(plainText(text, ' '));
  return englishQuantityWords(folded).map(({ value, end, countsTimes }) => ({
    value,
    unit: countsTimes ? 'dose' : unitAfter(foldUnits(folded.slice(end, end + 40)), '', locale),
  }));
}

export interface UnitProblem {
  kind: 'unit-changed' | 'unit-moved' | 'unit-missing';
  value: string;
  /** The unit the source gives this number. */
  expected?: Unit;
  /** The unit the target gives it. */
  found?: Unit;
  /** unit-moved: the numbers the source gives this unit. */
  sourceValues?: string[];
}

export function compareQuantities(
  source: readonly Quantity[],
  target: readonly Quantity[],
  targetText: string,
  targetLocale: string,
): UnitProblem[] {
  const problems: UnitProblem[] = [];
  const units = new Set([...source, ...target].map((q) => q.unit).filter(isUnit));
  const folded = foldUnits(targetText);
  for (const unit of units) {
    const expected = valuesWith(source, unit);
    const found = valuesWith(target, unit);
    const extra = difference(found, expected);
    const missing = difference(expected, found);
    for (const value of extra) {
      const sourceUnit = source.find(
        (q) => q.value === value && q.unit !== null && q.unit !== unit,
      );
      if (sourceUnit?.unit) {
        problems.push({ kind: 'unit-changed', value, expected: sourceUnit.unit, found: unit });
      } else if (missing.length > 0 && source.some((q) => q.value === value)) {
        problems.push({ kind: 'unit-moved', value, found: unit, sourceValues: missing });
      }
    }
    for (const value of missing) {
      const inTarget = target.filter((q) => q.value === value);
      if (inTarget.length === 0 || inTarget.some((q) => q.unit !== null && q.unit !== unit))
        continue;
      if (COUNT_UNITS.has(unit)) continue; // "2 tablets" may be "2" in a target
      if (!knowsUnitWords(targetLocale) || mentionsUnit(folded, unit, targetLocale)) continue;
      problems.push({ kind: 'unit-missing', value, expected: unit });
    }
  }
  return problems;
}

export function checkUnits(input: CheckInput): CheckResult | null {
  const problems = compareQuantities(
    readQuantities(input.source, input.sourceLocale),
    readQuantities(input.target, input.targetLocale),
    input.target,
    input.targetLocale,
  );
  if (problems.length === 0) return null;
  return {
    code: 'UNITS',
    severity: 'error',
    message: `Units differ from the source: ${problems.map(describe).join('; ')}. Keep each number with the unit it has in the source.`,
    details: { problems },
  };
}

const LABEL: Partial<Record<Unit, string>> = {
  iu: 'IU',
  ml: 'mL',
  l: 'L',
  '°c': '°C',
  '°f': '°F',
  minute: 'minutes',
  hour: 'hours',
  day: 'days',
  week: 'weeks',
  month: 'months',
  year: 'years',
};
const label = (unit: Unit | undefined) => (unit ? (LABEL[unit] ?? unit) : '');

function describe(problem: UnitProblem): string {
  const { value } = problem;
  switch (problem.kind) {
    case 'unit-changed':
      return `${value} ${label(problem.expected)} became ${value} ${label(problem.found)}`;
    case 'unit-moved':
      return `${label(problem.found)} go with ${value} here but with ${problem.sourceValues?.join(', ')} in the source`;
    case 'unit-missing':
      return `${value} ${label(problem.expected)} lost its unit`;
  }
}

function isUnit(unit: Unit | null): unit is Unit {
  return unit !== null;
}

function valuesWith(quantities: readonly Quantity[], unit: Unit): string[] {
  return quantities.filter((q) => q.unit === unit).map((q) => q.value);
}

/** Multiset difference a − b. */
function difference(a: readonly string[], b: readonly string[]): string[] {
  const rest = [...b];
  return a.filter((value) => {
    const index = rest.indexOf(value);
    if (index < 0) return true;
    rest.splice(index, 1);
    return false;
  });
}
