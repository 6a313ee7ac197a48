/** Locale facts the checks need, taken from the runtime's ICU data rather than hand tables. */

function parseLocale(locale: string): Intl.Locale | null {
  try {
    return new Intl.Locale(locale.replace(/_/g, '-'));
  } catch {
    return null;
  }
}

/**
 * Remembers a per-locale fact: the checks ask for the same few locales on every save, and
 * `Intl.Locale` (with `maximize()`) costs more than the rest of a check.
 */
function perLocale<T>(compute: (locale: string) => T): (locale: string) => T {
  const cache = new Map<string, T>();
  return (locale) => {
    let value = cache.get(locale);
    if (value === undefined) {
      value = compute(locale);
      if (cache.size >= 1_000) cache.clear();
      cache.set(locale, value);
    }
    return value;
  };
}

/** Base language subtag, lower case: `pt-BR` → `pt`. */
export const languageOf = perLocale(
  (locale) => parseLocale(locale)?.language ?? locale.split(/[-_]/)[0].toLowerCase(),
);

/** Likely ISO 15924 script: `ja` → `Jpan`, `zh-TW` → `Hant`, `sr` → `Cyrl`; `Latn` when unknown. */
export const scriptOf = perLocale((locale) => parseLocale(locale)?.maximize().script ?? 'Latn');

export interface NumberSeparators {
  /** Decimal separator used with Latin digits: `.` or `,`. */
  decimal: string;
  /** Whether a plain space groups thousands in this locale (fr `1 000`, ru, pl, sv…). */
  spaceGroups: boolean;
}

export const numberSeparators = perLocale((locale): NumberSeparators => {
  const parts = latinNumberFormat(locale).formatToParts(12345.6);
  const decimal = parts.find((p) => p.type === 'decimal')?.value ?? '.';
  const group = parts.find((p) => p.type === 'group')?.value ?? ',';
  return { decimal: decimal === ',' ? ',' : '.', spaceGroups: /\s/u.test(group) };
});

function latinNumberFormat(locale: string): Intl.NumberFormat {
  try {
    return new Intl.NumberFormat(locale.replace(/_/g, '-'), { numberingSystem: 'latn' });
  } catch {
    return new Intl.NumberFormat('en', { numberingSystem: 'latn' });
  }
}

/** Languages written without spaces between words (or sentences). */
const UNSPACED_LANGUAGES = new Set(['zh', 'ja', 'th', 'lo', 'km', 'my', 'bo']);

export function isUnspacedLanguage(locale: string): boolean {
  return UNSPACED_LANGUAGES.has(languageOf(locale));
}
