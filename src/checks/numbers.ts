import { plainText } from './codes';
import { withoutLinks } from './links';
import { languageOf, numberSeparators, type NumberSeparators } from './locale';
import {
  findNumberWords,
  foldForWords,
  sourceWordQuantities,
  type FoundWord,
} from './number-words';
import type { CheckInput, CheckResult } from './types';

/**
 * Numbers in a target must be the same multiset as in the source, after normalising digits,
 * separators and layout. Units, signs, `%` and ordinal suffixes are ignored: `5 mg` = `5mg`,
 * `50%` = `%50`, `1st` = `1.º` = `1er` = 1. Ranges, fractions, dates and times are compared as
 * their parts: `2–3` → 2, 3; `1/2` → 1, 2; `8:30` → 8, 30 (and `8.30`/`8h30` match `8:30`).
 */

const ARABIC_DECIMAL = '\u066B'; // ٫
const ARABIC_GROUP = '\u066C'; // ٬
const NBSP = '\u00A0';
/** No-break, narrow no-break, thin and figure spaces all group digits in every locale. */
const NO_BREAK_SPACES = /[\u00A0\u202F\u2009\u2007]/g;
const APOSTROPHES = /[’ʼ]/g;
const SEPARATOR_CLASS = `[.,' ${NBSP}${ARABIC_DECIMAL}${ARABIC_GROUP}]`;
const SEPARATOR = new RegExp(SEPARATOR_CLASS);
const ALL_SEPARATORS = new RegExp(SEPARATOR_CLASS, 'g');
const NUMBER_TOKEN = new RegExp(`\\d+(?:${SEPARATOR_CLASS}\\d+)*`, 'g');
const SPACE_SEPARATOR = /[ \u00A0]/;
/** East Asian myriad units written after digits: `1万` is 10 000. */
const MULTIPLIER_ZEROS: Readonly<Record<string, number>> = {
  万: 4,
  萬: 4,
  만: 4,
  亿: 8,
  億: 8,
  억: 8,
};
const SUPERSCRIPTS: Readonly<Record<string, string>> = {
  '⁰': '0', '¹': '1', '²': '2', '³': '3', '⁴': '4', '⁵': '5', '⁶': '6', '⁷': '7', '⁸': '8', '⁹': '9',
  '₀': '0', '₁': '1', '₂': '2', '₃': '3', '₄': '4', '₅': '5', '₆': '6', '₇': '7', '₈': '8', '₉': '9',
}; // prettier-ignore
const SUPERSCRIPT_RUN = new RegExp(`[${Object.keys(SUPERSCRIPTS).join('')}]+`, 'g');
const VULGAR_FRACTIONS: Readonly<Record<string, string>> = {
  '½': '1/2', '⅓': '1/3', '⅔': '2/3', '¼': '1/4', '¾': '3/4', '⅕': '1/5', '⅖': '2/5', '⅗': '3/5',
  '⅘': '4/5', '⅙': '1/6', '⅚': '5/6', '⅛': '1/8', '⅜': '3/8', '⅝': '5/8', '⅞': '7/8',
}; // prettier-ignore
const VULGAR_FRACTION = new RegExp(`[${Object.keys(VULGAR_FRACTIONS).join('')}]`, 'g');

export interface ExtractOptions {
  /**
   * Read a plain space between digit groups as a thousands separator (fr `2 500`). Default:
   * where the locale groups with spaces; false reads `2 500` as 2 and 500 everywhere.
   */
  spaceGroups?: boolean;
}

export function extractNumbers(
  text: string,
  locale: string,
  options: ExtractOptions = {},
): string[] {
  return numberTokens(text, locale, options).tokens.flatMap((token) => token.values);
}

export interface NumberToken {
  /** Canonical numbers of the token: one, or the parts of a list or layout (`1,2,3`). */
  values: string[];
  /** Offsets in `prepared`. */
  start: number;
  end: number;
}

/**
 * The numbers of a text with where they are in `prepared` (the text with codes, links and
 * layout normalised), so that what is written around them (a unit) can be read.
 */
export function numberTokens(
  text: string,
  locale: string,
  options: ExtractOptions = {},
): { prepared: string; tokens: NumberToken[] } {
  const key = `${locale}\u0000${String(options.spaceGroups)}\u0000${text}`;
  const cached = tokenCache.get(key);
  if (cached) return cached;
  const result = readNumberTokens(text, locale, options);
  if (tokenCache.size >= 32) tokenCache.delete(tokenCache.keys().next().value ?? '');
  tokenCache.set(key, result);
  return result;
}

/**
 * The checks of one save read the same source and target several times (NUMBERS in up to
 * six readings, UNITS, the change risk): the last few readings are kept. Results are frozen
 * in use: callers copy before changing them.
 */
const tokenCache = new Map<string, { prepared: string; tokens: NumberToken[] }>();

function readNumberTokens(
  text: string,
  locale: string,
  options: ExtractOptions,
): { prepared: string; tokens: NumberToken[] } {
  const prepared = normalizeDigits(withoutLinks(plainText(text, ' ')));
  const localeSeparators = numberSeparators(locale);
  const separators = {
    ...localeSeparators,
    spaceGroups: options.spaceGroups ?? localeSeparators.spaceGroups,
  };
  const tokens: NumberToken[] = [];
  for (const match of prepared.matchAll(NUMBER_TOKEN)) {
    const parsed = parseToken(match[0], separators);
    const end = match.index + match[0].length;
    const zeros = MULTIPLIER_ZEROS[prepared[end] ?? ''];
    if (zeros !== undefined && parsed.length === 1) parsed[0] = shiftDecimal(parsed[0], zeros);
    tokens.push({ values: parsed, start: match.index, end });
  }
  return { prepared, tokens };
}

/** Any Unicode decimal digit → ASCII; superscripts and vulgar fractions → separate numbers. */
function normalizeDigits(text: string): string {
  return text
    .replace(/\p{Cf}/gu, '') // bidi marks inside right-to-left text
    .replace(SUPERSCRIPT_RUN, (run) => ` ${[...run].map((c) => SUPERSCRIPTS[c]).join('')} `)
    .replace(VULGAR_FRACTION, (char) => ` ${VULGAR_FRACTIONS[char]} `)
    .replace(/(?![0-9])\p{Nd}/gu, (digit) => String(digitValue(digit)))
    .replace(/．/g, '.')
    .replace(/，/g, ',')
    .replace(NO_BREAK_SPACES, NBSP)
    .replace(APOSTROPHES, "'");
}

/** Unicode guarantees decimal digits come in runs of ten starting at zero. */
function digitValue(char: string): number {
  const codePoint = char.codePointAt(0) ?? 0;
  let start = codePoint;
  while (start > 0 && /\p{Nd}/u.test(String.fromCodePoint(start - 1))) start--;
  return (codePoint - start) % 10;
}

/** One candidate token (`1.000,5`, `1,2,3`, `12 500`) → its canonical number(s). */
function parseToken(token: string, separators: NumberSeparators): string[] {
  const whole = parseNumber(token, separators);
  if (whole !== null) return [whole];
  if (SPACE_SEPARATOR.test(token)) {
    return token.split(/[ \u00A0]/).flatMap((part) => parseToken(part, separators));
  }
  return token.split(SEPARATOR).map((group) => canonical(group, ''));
}

function parseNumber(token: string, locale: NumberSeparators): string | null {
  const groups = token.split(SEPARATOR);
  const seps = (token.match(ALL_SEPARATORS) ?? []).map((s) =>
    s === ' ' && locale.spaceGroups ? NBSP : s,
  );
  if (seps.length === 0) return canonical(token, '');
  const hasDecimal = lastIsDecimal(groups, seps, locale);
  const integerGroups = hasDecimal ? groups.slice(0, -1) : groups;
  const groupSeparators = hasDecimal ? seps.slice(0, -1) : seps;
  if (!isValidGrouping(integerGroups, groupSeparators)) return null;
  return canonical(integerGroups.join(''), hasDecimal ? (groups.at(-1) ?? '') : '');
}

/**
 * Only the last separator can be the decimal one. `.` or `,` followed by other than three
 * digits can only be decimal, in any locale (so `2.5` in a German target still reads 2.5);
 * with exactly three digits (`1,000`) the locale decides.
 */
function lastIsDecimal(groups: string[], seps: string[], locale: NumberSeparators): boolean {
  const last = seps[seps.length - 1];
  if (last === ARABIC_DECIMAL) return true;
  if (last !== '.' && last !== ',') return false;
  if (seps.filter((s) => s === last).length > 1) return false;
  if (seps.length > 1) return true;
  const [integer, fraction] = groups;
  if (fraction.length !== 3 || integer.startsWith('0') || integer.length > 3) return true;
  return last === locale.decimal;
}

/** Western (`1,234,567`) or Indian (`12,34,567`) grouping with one separator character. */
function isValidGrouping(groups: string[], seps: string[]): boolean {
  if (seps.length === 0) return true;
  const [sep] = seps;
  if (sep === ' ' || sep === ARABIC_DECIMAL || seps.some((s) => s !== sep)) return false;
  const [first, ...rest] = groups;
  if (first.length > 3 || first.startsWith('0')) return false;
  if (rest.every((group) => group.length === 3)) return true;
  const last = rest[rest.length - 1];
  return sep === ',' && last.length === 3 && rest.slice(0, -1).every((g) => g.length === 2);
}

function canonical(integer: string, fraction: string): string {
  const int = integer.replace(/^0+(?=\d)/, '');
  const frac = fraction.replace(/0+$/, '');
  return frac ? `${int}.${frac}` : int;
}

function shiftDecimal(value: string, zeros: number): string {
  const [integer, fraction = ''] = value.split('.');
  const padded = fraction.padEnd(zeros, '0');
  return canonical(integer + padded.slice(0, zeros), padded.slice(zeros));
}

export interface NumberComparison {
  missing: string[];
  unexpected: string[];
}

/** Multiset difference, forgiving a time written `8:30` on one side and `8.30` on the other. */
export function compareNumbers(
  expected: readonly string[],
  found: readonly string[],
): NumberComparison {
  const missing = [...expected];
  const unexpected: string[] = [];
  for (const value of found) {
    if (!removeOne(missing, value)) unexpected.push(value);
  }
  reconcileTimes(missing, unexpected);
  reconcileTimes(unexpected, missing);
  return { missing, unexpected };
}

/** Removes a decimal `h.mm` from `decimals` together with `h` and `mm` from `parts`. */
function reconcileTimes(decimals: string[], parts: string[]): void {
  for (const value of [...decimals]) {
    const match = /^(\d{1,2})\.(\d{1,2})$/.exec(value);
    if (!match) continue;
    const hours = match[1];
    const minutes = canonical(match[2].padEnd(2, '0'), '');
    const remaining = [...parts];
    if (!removeOne(remaining, hours) || !removeOne(remaining, minutes)) continue;
    removeOne(decimals, value);
    parts.splice(0, parts.length, ...remaining);
  }
}

function removeOne(values: string[], value: string): boolean {
  const index = values.indexOf(value);
  if (index >= 0) values.splice(index, 1);
  return index >= 0;
}

export function checkNumbers(input: CheckInput): CheckResult | null {
  // A plain space between digit groups may be a thousands separator (`1 000`) or separate two
  // numbers, on either side: any consistent reading passes.
  const words = targetNumberWords(input);
  const source = sourceQuantities(input);
  const first = compareWithTarget(source, words, input, undefined);
  if (passes(first)) return null;
  if (SPACED_DIGITS.test(input.source) || SPACED_DIGITS.test(input.target)) {
    const spacedSource = sourceQuantities(input, true);
    for (const [reading, spaces] of [
      [source, false],
      [source, true],
      [spacedSource, undefined],
      [spacedSource, false],
      [spacedSource, true],
    ] as const) {
      if (passes(compareWithTarget(reading, words, input, spaces))) return null;
    }
  }
  const { found, missing, unexpected } = first;
  const problems = [
    missing.length ? `missing ${missing.join(', ')}` : '',
    unexpected.length ? `not in the source ${unexpected.join(', ')}` : '',
  ].filter(Boolean);
  return {
    code: 'NUMBERS',
    severity: 'error',
    message: `Numbers differ from the source (${problems.join('; ')}). Keep every dose, age and time exactly as in the source, as a numeral or as a number word.`,
    details: {
      expected: sortNumbers(source.required),
      found: sortNumbers(found),
      missing,
      unexpected,
    },
  };
}

/**
 * Number words of the target language, and of the source language where the target keeps
 * source words ("ES: twice a day"): those only stand for a number, never count as an extra one.
 */
function targetNumberWords(input: CheckInput): FoundWord[] {
  const text = plainText(input.target, ' ');
  const words = findNumberWords(text, input.targetLocale);
  if (languageOf(input.sourceLocale) === languageOf(input.targetLocale)) return words;
  const folded = foldForWords(text);
  const sourceWords = new Set(foldForWords(plainText(input.source, ' ')).match(/[\p{L}\p{M}]+/gu));
  const kept = new Map(
    findNumberWords(text, input.sourceLocale)
      .filter((w) => sourceWords.has(folded.slice(w.start, w.end)))
      .map((w) => [w.start, { ...w, ambiguous: true }]),
  );
  // A word the source has too ("once" kept in a Spanish target) is read as the source's word.
  const own = words.filter((w) => !kept.has(w.start));
  return [...own, ...kept.values()];
}

/** Digits on both sides of a space: `1 000`, or two numbers. */
const SPACED_DIGITS = /\p{Nd}[ \u00A0]\p{Nd}/u;

interface SourceQuantities {
  /** Numerals and spelled-out quantities ("two", "twice", "half") the target must keep. */
  required: string[];
  /** Values the English implies without a numeral ("a day" → 1), which a target may write. */
  optional: Set<string>;
}

function sourceQuantities(input: CheckInput, spaceGroups?: boolean): SourceQuantities {
  const words = sourceWordQuantities(plainText(input.source, ' '), input.sourceLocale);
  return {
    required: [
      ...extractNumbers(input.source, input.sourceLocale, { spaceGroups }),
      ...words.required.map((w) => w.value),
    ],
    optional: new Set(words.optional),
  };
}

interface TargetComparison {
  found: string[];
  missing: string[];
  unexpected: string[];
}

/**
 * Numerals of the target against the source's quantities; what is left missing may be written
 * as a number word of the target language ("un comprimido", "两次"), and a number word the
 * source has no quantity for ("tres" for "two") is unexpected.
 */
function passes(comparison: TargetComparison): boolean {
  return comparison.missing.length === 0 && comparison.unexpected.length === 0;
}

function compareWithTarget(
  source: SourceQuantities,
  words: readonly FoundWord[],
  input: CheckInput,
  spaceGroups: boolean | undefined,
): TargetComparison {
  const numerals = extractNumbers(input.target, input.targetLocale, { spaceGroups });
  const { missing, unexpected } = compareNumbers(source.required, numerals);
  reconcileHalves(missing, unexpected);
  const extra = unexpected.filter((value) => !source.optional.has(value));
  const unused = words.filter((word) => !removeOne(missing, word.value));
  reconcileHalves(
    missing,
    unused.map((w) => w.value).filter((v) => v === '0.5'),
  );
  const known = new Set([...source.required, ...source.optional]);
  const unexpectedWords = unused
    .filter((word) => !word.ambiguous && !known.has(word.value))
    .map((word) => word.value);
  return {
    found: [...numerals, ...words.map((w) => w.value)],
    missing,
    unexpected: [...extra, ...unexpectedWords],
  };
}

/**
 * "half" is 0.5, `½` and `1/2` read as 1 and 2: one side's half matches the other's, and "one
 * and a half" matches `1,5`.
 */
function reconcileHalves(missing: string[], found: string[]): void {
  for (;;) {
    if (missing.includes('0.5') && found.includes('1') && found.includes('2')) {
      removeOne(missing, '0.5');
      removeOne(found, '1');
      removeOne(found, '2');
    } else if (wholeAndHalf(missing, found)) {
      const value = found.find((v) => missing.includes(String(Number(v) - 0.5))) ?? '';
      removeOne(missing, String(Number(value) - 0.5));
      removeOne(missing, '0.5');
      removeOne(found, value);
    } else if (missing.includes('1') && missing.includes('2') && found.includes('0.5')) {
      removeOne(missing, '1');
      removeOne(missing, '2');
      removeOne(found, '0.5');
    } else return;
  }
}

/** "one and a half" (1 and 0.5) written `1,5`. */
function wholeAndHalf(missing: readonly string[], found: readonly string[]): boolean {
  return (
    missing.includes('0.5') &&
    found.some((v) => /\.5$/.test(v) && missing.includes(String(Number(v) - 0.5)))
  );
}

function sortNumbers(values: readonly string[]): string[] {
  return [...values].sort((a, b) => Number(a) - Number(b) || a.localeCompare(b));
}
