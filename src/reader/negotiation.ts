/**
 * Which published locale a reader lands in (pure): the `lang` cookie when it names a published
 * locale, else the best match for Accept-Language (CLDR "best fit": es-MX → es, zh-CN → zh-Hans,
 * zh-TW → zh-Hant, pt → pt-BR), else the source locale, else the first published one.
 */
import { match } from '@formatjs/intl-localematcher';
import { canonicalLocale } from '../languages/language-catalog';

export interface NegotiationInput {
  cookie?: string | null;
  acceptLanguage?: string | null;
  /** Published locales, canonical casing. */
  available: readonly string[];
  /** The project's source locale. */
  fallback: string;
}

const MAX_LANGUAGES = 16;

/** Accept-Language → tags by decreasing quality, `*` and q=0 dropped, invalid tags skipped. */
export function parseAcceptLanguage(header: string | null | undefined): string[] {
  if (!header) return [];
  const entries: Array<{ tag: string; q: number; i: number }> = [];
  header
    .split(',')
    .slice(0, MAX_LANGUAGES)
    .forEach((part, i) => {
      const [rawTag, ...params] = part.trim().split(';');
      const tag = rawTag.trim();
      if (!tag || tag === '*' || !/^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$/.test(tag)) return;
      let q = 1;
      for (const param of params) {
        const m = /^\s*q\s*=\s*([0-9.]+)\s*$/.exec(param);
        if (m) q = Number(m[1]);
      }
      if (Number.isFinite(q) && q > 0) entries.push({ tag, q, i });
    });
  return entries.sort((a, b) => b.q - a.q || a.i - b.i).map((e) => e.tag);
}

/** The value of one cookie from a Cookie header. */
export function readCookie(header: string | null | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return null;
      }
    }
  }
  return null;
}

function findCase(available: readonly string[], code: string): string | undefined {
  const lower = code.toLowerCase();
  return available.find((a) => a.toLowerCase() === lower);
}

export function negotiateLocale(input: NegotiationInput): string | null {
  const { available } = input;
  if (available.length === 0) return null;
  if (input.cookie) {
    const chosen = findCase(available, input.cookie);
    if (chosen) return chosen;
  }
  const fallback = findCase(available, input.fallback) ?? available[0];
  const requested = parseAcceptLanguage(input.acceptLanguage);
  if (requested.length === 0) return fallback;
  try {
    return match(requested, available as string[], fallback, { algorithm: 'best fit' });
  } catch {
    return fallback;
  }
}

/**
 * The locale a public JSON request is for: `?locale=` as given (canonical casing; undefined
 * when it is no known locale), else the best published one for Accept-Language.
 */
export function requestedLocale(
  localeParam: string | undefined,
  negotiation: Omit<NegotiationInput, 'cookie'>,
): string | null | undefined {
  return localeParam ? canonicalLocale(localeParam) : negotiateLocale(negotiation);
}
