import { plainText } from './codes';
import { languageOf } from './locale';
import type { CheckInput, CheckResult } from './types';

const REPEATED_WORD =
  /(?<![\p{L}\p{M}\p{N}])(\p{L}[\p{L}\p{M}\p{N}'’]*)\s+\1(?![\p{L}\p{M}\p{N}])/giu;

/**
 * Languages where a word doubled with a space is ordinary grammar (reduplication): Vietnamese
 * "từ từ", Turkish "yavaş yavaş", Hindi "धीरे धीरे", Persian "کم کم", Hebrew "לאט לאט",
 * Indonesian/Malay, Tagalog, Swahili "pole pole"… The check is off for them. Languages written
 * without spaces (Chinese "看看", Japanese, Thai) never match anyway but are listed for clarity.
 */
const REDUPLICATING_LANGUAGES = new Set([
  'vi', 'id', 'ms', 'tl', 'fil', 'jv', 'su', 'tr', 'az', 'uz', 'kk', 'hi', 'ur', 'bn', 'pa', 'gu',
  'mr', 'ne', 'si', 'ta', 'te', 'kn', 'ml', 'fa', 'he', 'sw', 'ht', 'yo', 'ha', 'so', 'zh', 'ja',
  'ko', 'th', 'lo', 'km', 'my',
]); // prettier-ignore

/** Doubled words that are grammatical: "had had", German relative "die die", French "nous nous". */
const ALLOWED_DOUBLES: Readonly<Record<string, readonly string[]>> = {
  en: ['had', 'that'],
  de: ['die', 'der', 'das', 'den', 'dem'],
  nl: ['die', 'dat'],
  fr: ['nous', 'vous'],
};

export function checkRepeatedWord(input: CheckInput): CheckResult | null {
  const language = languageOf(input.targetLocale);
  if (REDUPLICATING_LANGUAGES.has(language)) return null;
  const allowed = ALLOWED_DOUBLES[language] ?? [];
  const sourceDoubles = doubles(input.source, input.sourceLocale);
  const repeated = doubles(input.target, input.targetLocale).filter(
    (word) => !allowed.includes(word) && !sourceDoubles.includes(word),
  );
  if (repeated.length === 0) return null;
  return {
    code: 'REPEATED_WORD',
    severity: 'warning',
    message: `Repeated word: ${repeated.map((w) => `"${w} ${w}"`).join(', ')}. Remove the duplicate unless it is intended.`,
    details: { words: repeated },
  };
}

/** Doubled words, lower-cased. */
function doubles(text: string, locale: string): string[] {
  return [...plainText(text, ' ').matchAll(REPEATED_WORD)].map((m) =>
    m[1].toLocaleLowerCase(locale),
  );
}
