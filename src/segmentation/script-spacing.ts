/**
 * Where a script puts no space between sentences. Chinese and Japanese end a sentence with
 * full-width punctuation that carries its own spacing, so a Latin space after `。` shows as a
 * gap; Korean, Thai, Arabic and the Latin scripts separate sentences with a space.
 */

/** Scripts written without spaces between sentences (ISO 15924). */
const SPACELESS_SCRIPTS = new Set(['Hans', 'Hant', 'Hani', 'Jpan', 'Hira', 'Kana', 'Hrkt']);

const cache = new Map<string, boolean>();

function scriptOf(locale: string): string | undefined {
  try {
    return new Intl.Locale(locale).maximize().script;
  } catch {
    return undefined;
  }
}

/** True for zh, zh-Hans, zh-Hant, ja, yue… and any locale whose script is Han or kana. */
export function joinsWithoutSpaces(locale: string): boolean {
  let value = cache.get(locale);
  if (value === undefined) {
    const script = scriptOf(locale);
    value = script !== undefined && SPACELESS_SCRIPTS.has(script);
    cache.set(locale, value);
  }
  return value;
}

/**
 * Full-width sentence and clause punctuation and full-width closing brackets and quotes
 * (。！？；：、，． 」』）】〕〉》〙〗｝］＂＇ and the halfwidth forms ｡｣､), or a curly closing
 * quote (” ’, full width in CJK fonts) right after a CJK character or such punctuation.
 */
const FULL_WIDTH = '。！？；：、，．」』）】〕〉》〙〗｝］＂＇｡｣､';
const FULL_WIDTH_END = new RegExp(
  `(?:[${FULL_WIDTH}]|[${FULL_WIDTH}\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}][”’])\\s*$`,
  'u',
);

/** Whether the text ends with full-width punctuation (a following Latin space is a gap). */
export function endsWithFullWidthPunctuation(text: string): boolean {
  return FULL_WIDTH_END.test(text);
}

const ENDS_CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]\s*$/u;
const IDEOGRAPHIC_SPACE = '\u3000';

/**
 * Joins short phrases (a page's date line, a notice and its link) as their script does: nothing
 * after full-width punctuation, an ideographic space after other Chinese or Japanese text
 * ("確認日：2025年5月2日", U+3000, "公開日：…"), a space elsewhere. Decided by the text itself, so an
 * English interface on a page of any locale still reads as English.
 */
export function joinPhrases(parts: readonly string[]): string {
  let out = '';
  for (const part of parts) {
    if (!part) continue;
    if (out && !endsWithFullWidthPunctuation(out))
      out += ENDS_CJK.test(out) ? IDEOGRAPHIC_SPACE : ' ';
    out += part;
  }
  return out;
}
