import { plainText } from './codes';
import { languageOf } from './locale';
import type { CheckInput, CheckResult } from './types';

type EndClass =
  | 'full stop'
  | 'question mark'
  | 'exclamation mark'
  | 'ellipsis'
  | 'colon'
  | 'semicolon'
  | 'comma'
  | 'no punctuation';

/** Script-specific marks of the same function share a class: `.` `。` `।` `۔` are all full stops. */
const CLASS_OF_MARK: ReadonlyArray<readonly [EndClass, string]> = [
  ['ellipsis', '…'],
  ['full stop', '.。।॥۔．｡։።။។།'],
  ['question mark', '?？؟\u037E'],
  ['exclamation mark', '!！'],
  ['colon', ':：'],
  ['semicolon', ';；؛'],
  ['comma', ',，、،'],
];

/** Closing quotes and brackets are looked through: `…tablets.»` ends with a full stop. */
const CLOSERS = /[\s"'”’»›)\]）」』】〕]+$/u;

/** Thai and Lao do not end sentences with a mark; a missing full stop there is correct. */
const NO_FULL_STOP_LANGUAGES = new Set(['th', 'lo']);

export function checkEndPunctuation(input: CheckInput): CheckResult | null {
  const expected = endClass(input.source, input.sourceLocale);
  const found = endClass(input.target, input.targetLocale);
  if (expected === found) return null;
  const dropsFullStop = expected === 'full stop' && found === 'no punctuation';
  if (dropsFullStop && NO_FULL_STOP_LANGUAGES.has(languageOf(input.targetLocale))) return null;
  return {
    code: 'END_PUNCTUATION',
    severity: 'warning',
    message: `The source ends with ${withArticle(expected)} but the translation ends with ${withArticle(found)}.`,
    details: { expected, found },
  };
}

function endClass(text: string, locale: string): EndClass {
  const trimmed = plainText(text).replace(CLOSERS, '');
  if (trimmed.endsWith('...')) return 'ellipsis';
  const last = trimmed.at(-1) ?? '';
  // Greek writes the question mark as `;`.
  if (last === ';' && languageOf(locale) === 'el') return 'question mark';
  const entry = CLASS_OF_MARK.find(([, marks]) => last !== '' && marks.includes(last));
  return entry ? entry[0] : 'no punctuation';
}

function withArticle(endClass: EndClass): string {
  if (endClass === 'no punctuation') return 'no punctuation';
  return /^[aeiou]/.test(endClass) ? `an ${endClass}` : `a ${endClass}`;
}
