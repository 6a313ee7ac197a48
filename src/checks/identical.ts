import { plainText } from './codes';
import { withoutLinks } from './links';
import { languageOf } from './locale';
import { inflectsIn, termPattern, type TermOptions } from './terms';
import type { CheckInput, CheckResult } from './types';

const WORD = /\p{L}[\p{L}\p{M}\p{N}'’-]*/gu;
/** A number with its short unit: "5 mg", "25 mg/mL", "10kg". */
const QUANTITY =
  /(?<![\p{L}\p{M}\p{N}])\p{N}[\p{N}.,]*\s*(?:\p{L}{1,4}(?:\/\p{L}{1,3})?(?![\p{L}\p{M}]))?/gu;

/**
 * A target identical to its source is usually an untranslated segment. Not reported when:
 * source and target share a language (en → en-GB); the source has no words once codes, URLs,
 * e-mail addresses, quantities ("5 mg", "25 mg/mL") and do-not-translate glossary terms are
 * removed;
 * or the source is a single name-like word: an acronym or code ("HIV", "mRNA", "B12",
 * "COVID-19") or a trademark ("Keytruda®"). A single ordinary word ("Overview") is still
 * reported, because an untranslated heading is a real miss; a brand name without ® belongs in
 * the glossary as do-not-translate, which silences this warning.
 */
export function checkIdentical(input: CheckInput): CheckResult | null {
  if (languageOf(input.sourceLocale) === languageOf(input.targetLocale)) return null;
  const source = normalize(input.source);
  if (source === '' || source !== normalize(input.target)) return null;
  if (!hasTranslatableWords(source, doNotTranslateTerms(input))) return null;
  return {
    code: 'IDENTICAL',
    severity: 'warning',
    message:
      'The translation is identical to the source. Translate it, or confirm it should stay as is.',
  };
}

function normalize(text: string): string {
  return plainText(text, ' ').normalize('NFC').replace(/\s+/gu, ' ').trim();
}

function doNotTranslateTerms(input: CheckInput): Array<[string, TermOptions]> {
  const inflect = inflectsIn(input.sourceLocale);
  return (input.glossary ?? [])
    .filter((e) => e.doNotTranslate)
    .map((e) => [e.term, { caseSensitive: e.caseSensitive, inflect }]);
}

function hasTranslatableWords(
  text: string,
  keepTerms: ReadonlyArray<[string, TermOptions]>,
): boolean {
  if (/[®™]/u.test(text) && (text.match(WORD) ?? []).length === 1) return false;
  const remaining = keepTerms.reduce(
    (rest, [term, options]) => rest.replace(termPattern(term, options), ' '),
    withoutLinks(text).replace(QUANTITY, ' '),
  );
  const words = remaining.match(WORD) ?? [];
  if (words.length === 0) return false;
  return !(words.length === 1 && isNameLike(words[0]));
}

/** Acronyms and codes: two capitals ("HIV", "mRNA"), an inner capital ("iPhone") or a digit ("B12"). */
function isNameLike(word: string): boolean {
  return /\p{Lu}.*\p{Lu}/u.test(word) || /^\p{Ll}+\p{Lu}/u.test(word) || /\p{N}/u.test(word);
}
