import { parseCodes } from './codes';

/**
 * Word count of a segment's text, as CAT tools count the words to translate: Unicode word
 * segmentation (UAX #29 through `Intl.Segmenter`), counting the word-like pieces. Numbers are
 * words (`2.5`, `1,000`); punctuation, symbols and spaces are not; inline codes are not text
 * and never count.
 *
 * A standalone code (`{2/}`: a line break, an image, inline code) separates the words on
 * either side; a paired code (`{1}…{/1}`: emphasis, a link) does not, so markup inside a word
 * (`H{1}2{/1}O`) leaves one word. Literal braces (`{{`, `}}`) are text.
 *
 * ICU's rules, for the record: `don't`, `e.g.`, `U.S.` and `H2O` are one word each; `COVID-19`,
 * `co-operate`, `10:30` and `3/4` are two.
 */
export function countWords(text: string, locale = 'en'): number {
  let plain = '';
  for (const token of parseCodes(text)) {
    if (token.type === 'text') plain += token.value;
    else if (token.type === 'standalone') plain += ' ';
  }
  let words = 0;
  for (const piece of segmenter(locale).segment(plain)) if (piece.isWordLike) words++;
  return words;
}

const segmenters = new Map<string, Intl.Segmenter>();

/** One segmenter per locale: constructing one costs far more than segmenting a sentence. */
function segmenter(locale: string): Intl.Segmenter {
  let found = segmenters.get(locale);
  if (!found) {
    found = new Intl.Segmenter(safeLocale(locale), { granularity: 'word' });
    segmenters.set(locale, found);
  }
  return found;
}

function safeLocale(locale: string): string {
  try {
    return Intl.getCanonicalLocales(locale)[0] ?? 'en';
  } catch {
    return 'en';
  }
}
