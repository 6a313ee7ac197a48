/** Locale facts the checks need, taken from the runtime's ICU data rather than hand tables. */

function parseLocale(locale: string): Intl.Locale | null {
  try {
    return new Intl.Locale(locale.replace(/_/g, '-'));
  } catch {
    return null;
  }
}

/** Base language subtag, lower case: `pt-BR` → `pt`. */
export function languageOf(locale: string): string {
  return parseLocale(locale)?.language ?? locale.split(/[-_]/)[0].toLowerCase();
}

/** Likely ISO 15924 script: `ja` → `Jpan`, `zh-TW` → `Hant`, `sr` → `Cyrl`; `Latn` when unknown. */
export function scriptOf(locale: string): string {
  return parseLocale(locale)?.maximize().script ?? 'Latn';
}

export interface NumberSeparators {
  /** Decimal separator used with Latin digits: `.` or `,`. */
  decimal: string;
  /** Whether a plain space groups thousands in this locale (fr `1 000`, ru, pl, sv…). */
  spaceGroups: boolean;
}

const separatorCache = new Map<string, NumberSeparators>();

export function numberSeparators(locale: string): NumberSeparators {
  const cached = separatorCache.get(locale);
  if (cached) return cached;
  const parts = latinNumberFormat(locale).formatToParts(12345.6);
  const decimal = parts.find((p) => p.type === 'decimal')?.value ?? '.';
  const group = parts.find((p) => p.type === 'group')?.value ?? ',';
  const result: NumberSeparators = {
    decimal: decimal === ',' ? ',' : '.',
    spaceGroups: /\s/u.test(group),
  };
  separatorCache.set(locale, result);
  return result;
}

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
