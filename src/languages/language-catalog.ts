/**
 * The locales the server knows. Only the tags are listed here; names come from the ICU data
 * shipped with Node (Intl.DisplayNames) and direction from Intl.Locale, never typed by hand.
 */
const TAGS = [
  'en',
  'es',
  'fr',
  'de',
  'it',
  'pt',
  'pt-BR',
  'nl',
  'sv',
  'da',
  'nb',
  'fi',
  'pl',
  'cs',
  'sk',
  'hu',
  'ro',
  'bg',
  'el',
  'ru',
  'uk',
  'sr',
  'hr',
  'tr',
  'ar',
  'he',
  'fa',
  'ur',
  'hi',
  'bn',
  'pa',
  'gu',
  'ta',
  'te',
  'mr',
  'ne',
  'zh-Hans',
  'zh-Hant',
  'ja',
  'ko',
  'vi',
  'th',
  'id',
  'ms',
  'tl',
  'km',
  'lo',
  'my',
  'am',
  'so',
  'sw',
  'ha',
  'yo',
  'ht',
  'hmn',
  'ps',
  'prs',
  'hy',
  'ka',
] as const;

export interface LocaleInfo {
  code: string;
  name: string;
  nativeName: string;
  direction: 'ltr' | 'rtl';
}

const RTL_SCRIPTS = new Set(['Arab', 'Hebr', 'Thaa', 'Syrc', 'Nkoo', 'Adlm', 'Rohg']);

function directionOf(tag: string): 'ltr' | 'rtl' {
  const locale = new Intl.Locale(tag);
  const info = (locale as unknown as { textInfo?: { direction?: string } }).textInfo;
  if (info?.direction === 'rtl' || info?.direction === 'ltr') return info.direction;
  const script = locale.maximize().script;
  return script !== undefined && RTL_SCRIPTS.has(script) ? 'rtl' : 'ltr';
}

function displayName(tag: string, inLocale: string): string {
  const name = new Intl.DisplayNames([inLocale], { type: 'language', fallback: 'code' }).of(tag);
  return name ?? tag;
}

/** Names in bicameral scripts start with a capital in a list; Georgian Mkhedruli has no case. */
function capitalizeFirst(text: string, locale: string): string {
  if (!/^[\p{Script=Latin}\p{Script=Cyrillic}\p{Script=Greek}]/u.test(text)) return text;
  return text.charAt(0).toLocaleUpperCase(locale) + text.slice(1);
}

export const LOCALE_CATALOG: readonly LocaleInfo[] = TAGS.map((code) => ({
  code,
  name: displayName(code, 'en'),
  nativeName: capitalizeFirst(displayName(code, code), code),
  direction: directionOf(code),
}));

const BY_LOWER = new Map(LOCALE_CATALOG.map((l) => [l.code.toLowerCase(), l]));

/** Case-insensitive lookup; returns the canonical entry or undefined for unknown tags. */
export function findLocale(code: string): LocaleInfo | undefined {
  return BY_LOWER.get(code.toLowerCase());
}

/** The canonical casing of a known tag, e.g. 'ZH-hans' → 'zh-Hans'; undefined if unknown. */
export function canonicalLocale(code: string): string | undefined {
  return findLocale(code)?.code;
}
