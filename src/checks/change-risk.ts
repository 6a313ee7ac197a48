import { plainText } from './codes';
import { compareNumbers, extractNumbers } from './numbers';
import { countTerm, inflectsIn } from './terms';

export type ChangeRisk = 'minor' | 'wording' | 'clinical';

export interface ChangeRiskOptions {
  glossaryTerms?: readonly string[];
  /** Locale of the source text, for reading numbers; English by default. */
  locale?: string;
}

export interface ChangeExplanation {
  risk: ChangeRisk;
  /** Why a change is clinical, e.g. `numbers: 6 → 8`, `negation: not removed`. Empty otherwise. */
  reasons: string[];
}

/**
 * Words whose addition or removal can change what a patient does. Base forms only; plurals
 * (tablets, babies, patches) and the synonyms below are folded onto them.
 */
const CLINICAL_WORDS: Readonly<Record<string, readonly string[]>> = {
  unit: [
    'mg', 'mcg', 'g', 'kg', 'ml', 'l', 'dl', 'iu', 'unit', 'mmol', 'mol', 'meq', 'mm', 'cm', 'hg',
    'kcal', 'calorie', '%', 'hour', 'minute', 'second', 'day', 'week', 'month', 'year', 'times',
  ],
  dose: [
    'dose', 'dosage', 'dosing', 'overdose', 'tablet', 'capsule', 'pill', 'drop', 'puff', 'spray',
    'injection', 'infusion', 'teaspoon', 'tablespoon', 'spoonful', 'sachet', 'patch', 'suppository',
    'lozenge', 'ampoule', 'vial', 'once', 'twice', 'thrice', 'daily', 'weekly', 'monthly', 'hourly',
    'nightly', 'every', 'per', 'double', 'half', 'quarter', 'single',
    'zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven',
    'twelve', 'fifteen', 'twenty', 'thirty', 'forty', 'fifty', 'hundred', 'thousand', 'million',
  ],
  negation: [
    'not', 'no', 'never', 'without', 'avoid', 'stop', 'none', 'nor', 'neither', 'unless', 'except',
    'only', 'nothing',
  ],
  comparison: [
    'more', 'less', 'fewer', 'higher', 'lower', 'greater', 'smaller', 'before', 'after', 'above',
    'below', 'over', 'under', 'atleast', 'atmost', 'upto', 'maximum', 'minimum', 'until', 'within',
    'exceed',
    '<', '>', '≤', '≥',
  ],
  population: [
    'child', 'adult', 'infant', 'baby', 'newborn', 'teenager', 'teen', 'adolescent', 'elderly',
    'pregnant', 'pregnancy', 'breastfeeding',
  ],
}; // prettier-ignore

const SYNONYMS: Readonly<Record<string, string>> = {
  μg: 'mcg', ug: 'mcg', microgram: 'mcg', milligram: 'mg', gram: 'g', gramme: 'g',
  kilogram: 'kg', millilitre: 'ml', milliliter: 'ml', cc: 'ml', litre: 'l', liter: 'l',
  decilitre: 'dl', deciliter: 'dl', h: 'hour', hr: 'hour', min: 'minute', sec: 'second',
  wk: 'week', yr: 'year', children: 'child', max: 'maximum', till: 'until', exceeds: 'exceed',
  stopped: 'stop', stopping: 'stop', avoided: 'avoid', avoiding: 'avoid',
}; // prettier-ignore

const CATEGORY_OF = new Map(
  Object.entries(CLINICAL_WORDS).flatMap(([category, words]) => words.map((w) => [w, category])),
);

const WORD_OR_SYMBOL = /[\p{L}\p{M}]+|[%<>≤≥]/gu;

export function classifyChange(
  previousSource: string,
  newSource: string,
  options: ChangeRiskOptions = {},
): ChangeRisk {
  return explainChange(previousSource, newSource, options).risk;
}

export function explainChange(
  previousSource: string,
  newSource: string,
  options: ChangeRiskOptions = {},
): ChangeExplanation {
  const reasons = [
    ...numberReasons(previousSource, newSource, options.locale ?? 'en'),
    ...wordReasons(previousSource, newSource),
    ...glossaryReasons(
      previousSource,
      newSource,
      options.glossaryTerms ?? [],
      inflectsIn(options.locale ?? 'en'),
    ),
  ];
  if (reasons.length > 0) return { risk: 'clinical', reasons };
  const minor = skeleton(previousSource) === skeleton(newSource);
  return { risk: minor ? 'minor' : 'wording', reasons: [] };
}

/** The text without codes, brace escapes, punctuation, whitespace and case. */
function skeleton(text: string): string {
  return plainText(text)
    .normalize('NFKC')
    .replace(/[\p{P}\s]/gu, '')
    .toLowerCase();
}

function numberReasons(previous: string, next: string, locale: string): string[] {
  const before = extractNumbers(previous, locale);
  const after = extractNumbers(next, locale);
  const { missing, unexpected } = compareNumbers(before, after);
  if (!missing.length && !unexpected.length) return [];
  return [`numbers: ${missing.join(', ') || '∅'} → ${unexpected.join(', ') || '∅'}`];
}

function wordReasons(previous: string, next: string): string[] {
  const before = clinicalWords(previous);
  const after = clinicalWords(next);
  const keys = new Set([...before.keys(), ...after.keys()]);
  return [...keys].flatMap((key) => {
    const delta = (after.get(key) ?? 0) - (before.get(key) ?? 0);
    if (delta === 0) return [];
    return [`${CATEGORY_OF.get(key)}: "${key}" ${delta > 0 ? 'added' : 'removed'}`];
  });
}

/** Counts of clinical words in the text. */
function clinicalWords(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const word of prepareWords(plainText(text, ' ')).match(WORD_OR_SYMBOL) ?? []) {
    const key = clinicalKey(word);
    if (key) counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/** Lower case, contractions expanded, a few phrases joined into one word, "e.g." dropped. */
function prepareWords(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/\b(?:e\.g|i\.e)\./g, ' ')
    .replace(/\bat\s+(least|most)\b/g, 'at$1')
    .replace(/\bup\s+to\b/g, 'upto')
    .replace(/\bcan['’]t\b/g, 'can not')
    .replace(/\bwon['’]t\b/g, 'will not')
    .replace(/n['’]t\b/g, ' not')
    .replace(/\bcannot\b/g, 'can not');
}

function clinicalKey(word: string): string | null {
  for (const candidate of [word, ...singulars(word)]) {
    const key = SYNONYMS[candidate] ?? candidate;
    if (CATEGORY_OF.has(key)) return key;
  }
  return null;
}

function singulars(word: string): string[] {
  const forms: string[] = [];
  if (word.endsWith('ies')) forms.push(`${word.slice(0, -3)}y`);
  if (/(s|x|z|ch|sh)es$/.test(word)) forms.push(word.slice(0, -2));
  if (word.endsWith('s') && word.length > 2) forms.push(word.slice(0, -1));
  return forms;
}

function glossaryReasons(
  previous: string,
  next: string,
  terms: readonly string[],
  inflect: boolean,
): string[] {
  const before = plainText(previous, ' ');
  const after = plainText(next, ' ');
  return terms.flatMap((term) => {
    const was = countTerm(before, term, { inflect });
    const is = countTerm(after, term, { inflect });
    return was === is ? [] : [`glossary: "${term}" ${is > was ? 'added' : 'removed'}`];
  });
}
