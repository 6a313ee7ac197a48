import { findLocale } from '../languages/language-catalog';
import type { ContentEncoding, EncodedBodies } from './encoding';
import { preferredEncoding } from './encoding';
import { negotiateLocale, readCookie } from './negotiation';
import type { ReaderI18n } from './i18n';
import {
  NotFoundPageModel,
  READER_CSP,
  renderNotFoundPage,
  renderWithdrawnPage,
  WithdrawnPageModel,
} from './page';

/**
 * The HTTP side of a reader page, as plain data: every response a rendered page can be answered
 * with is built once, when the page is prepared, and a request only picks one (`respond`).
 */

/**
 * Every shared-cacheable reader response: a CDN or nginx keeps it a minute at most (a purge on
 * `article.published` / `publication.withdrawn` makes changes show at once), and it never
 * carries Set-Cookie, which would stop them caching it.
 */
export const CACHE_CONTROL = 'public, max-age=60';
/** 404 and 410 pages: a publication or restoration made meanwhile shows up soon. */
export const SHORT_CACHE_CONTROL = 'public, max-age=10';
/** Responses that depend on the reader (negotiation) or set the `lang` cookie. */
export const PRIVATE_CACHE_CONTROL = 'private, no-store';
export const LANG_COOKIE = 'lang';
/** The query parameter of a switcher link: the reader chose this language. */
export const CHOOSE_PARAM = 'choose';

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': READER_CSP,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'strict-origin-when-cross-origin',
};

export interface ReaderResponse {
  status: number;
  headers: Record<string, string>;
  body: string | Buffer;
}

/**
 * A response prepared once and handed to every request that asks for it. `headerList` is the
 * same headers as a flat name/value list, the form Node's `writeHead` takes in a single pass,
 * ending with an `x-request-id` entry whose value the fast path fills in per request. Adding a
 * header with `setHeader` first would send every other header through `setHeader`'s
 * validation as well, and copying the list per request costs V8's slow `concat` path (both
 * measured on the reader's profile).
 */
export interface PreparedResponse extends ReaderResponse {
  headerList: string[];
}

/**
 * A 404 page in the interface language nearest `lang`, cached briefly: a page published
 * meanwhile shows up soon.
 */
export function notFoundResponse(
  i18n: ReaderI18n,
  lang: string,
  model: Omit<NotFoundPageModel, 'lang' | 'dir' | 't'>,
): ReaderResponse {
  const uiLang = i18n.interfaceLanguage(lang);
  const body = renderNotFoundPage({
    lang: uiLang,
    dir: findLocale(uiLang)?.direction ?? 'ltr',
    t: i18n.t(uiLang),
    ...model,
  });
  return {
    status: 404,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'content-language': uiLang,
      'cache-control': SHORT_CACHE_CONTROL,
      ...SECURITY_HEADERS,
    },
    body,
  };
}

/** 410 for a withdrawn locale, in the interface language nearest `lang`, linking the others. */
export function withdrawnResponse(
  i18n: ReaderI18n,
  lang: string,
  model: Omit<WithdrawnPageModel, 'lang' | 'dir' | 't'>,
): ReaderResponse {
  const uiLang = i18n.interfaceLanguage(lang);
  return {
    status: 410,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'content-language': uiLang,
      'cache-control': SHORT_CACHE_CONTROL,
      ...SECURITY_HEADERS,
    },
    body: renderWithdrawnPage({
      lang: uiLang,
      dir: findLocale(uiLang)?.direction ?? 'ltr',
      t: i18n.t(uiLang),
      ...model,
    }),
  };
}

/**
 * A switcher link (`<page>?choose`): the reader picked `locale`. The `lang` cookie is set here
 * and only here, on a response no shared cache keeps, and the reader goes on to the page.
 */
export function chooseResponse(locale: string, location: string): ReaderResponse {
  return {
    status: 302,
    headers: {
      location,
      'set-cookie': `${LANG_COOKIE}=${encodeURIComponent(locale)}; Path=/read; Max-Age=31536000; SameSite=Lax`,
      'cache-control': PRIVATE_CACHE_CONTROL,
    },
    body: '',
  };
}

/** A switcher link's target: the page's path with `?choose`. */
export function choosePath(path: string): string {
  return `${path}?${CHOOSE_PARAM}`;
}

/**
 * The answer to a negotiating URL (`/read/:project/:article`, `/read/:project`): 302 to the
 * best of the `available` locales (cookie, then Accept-Language, then `fallback`), or, when
 * there is nothing to offer, the 404 page in the reader's interface language. Either way it
 * varies with the reader, so no shared cache keeps it.
 */
export function negotiatedResponse(
  headers: { cookie?: string; acceptLanguage?: string },
  candidates: { available: readonly string[]; fallback: string } | null,
  interfaceLanguages: readonly string[],
  location: (locale: string) => string,
  notFound: (lang: string) => ReaderResponse,
): ReaderResponse {
  const cookie = readCookie(headers.cookie, LANG_COOKIE);
  const { acceptLanguage } = headers;
  const vary = { vary: 'Accept-Language, Cookie', 'cache-control': PRIVATE_CACHE_CONTROL };
  const locale = candidates && negotiateLocale({ cookie, acceptLanguage, ...candidates });
  if (locale) return { status: 302, headers: { location: location(locale), ...vary }, body: '' };
  const lang =
    negotiateLocale({ cookie, acceptLanguage, available: interfaceLanguages, fallback: 'en' }) ??
    'en';
  const page = notFound(lang);
  return { ...page, headers: { ...page.headers, ...vary } };
}

/** What of a page request decides which prepared response it gets. */
export interface ConditionalRequest {
  ifNoneMatch?: string;
  acceptEncoding?: string;
}

/** One coding's representation of a page: its ETag, and its 304 and 200 (with Content-Length). */
interface EncodedResponses {
  etag: string;
  notModified: PreparedResponse;
  ok: PreparedResponse;
}

export interface PreparedPage {
  /** Per content coding: made once per page, so a request that hits builds no headers at all. */
  responses: Record<ContentEncoding, EncodedResponses>;
}

function prepare(
  status: number,
  headers: Record<string, string>,
  body: string | Buffer,
): PreparedResponse {
  return {
    status,
    headers,
    headerList: [...Object.entries(headers).flat(), 'x-request-id', ''],
    body,
  };
}

/**
 * Every response a page can be answered with. Each coding has its own strong ETag (the
 * identity one with `-br` or `-gzip` added), and every one says `Vary: Accept-Encoding`, so
 * that no cache hands brotli to a client that did not ask for it. The same for every reader:
 * shared-cacheable, no cookie.
 */
export function preparePage(lang: string, etag: string, bodies: EncodedBodies): PreparedPage {
  const represent = (encoding: ContentEncoding): EncodedResponses => {
    const tagged = encoding === 'identity' ? etag : `${etag.slice(0, -1)}-${encoding}"`;
    const headers: Record<string, string> = {
      'content-type': 'text/html; charset=utf-8',
      'content-language': lang,
      ...(encoding === 'identity' ? {} : { 'content-encoding': encoding }),
      'cache-control': CACHE_CONTROL,
      vary: 'Accept-Encoding',
      etag: tagged,
      ...SECURITY_HEADERS,
    };
    const body = bodies[encoding];
    return {
      etag: tagged,
      notModified: prepare(304, headers, ''),
      ok: prepare(200, { ...headers, 'content-length': String(body.length) }, body),
    };
  };
  return {
    responses: { br: represent('br'), gzip: represent('gzip'), identity: represent('identity') },
  };
}

/** A prepared page as this request gets it: in the coding it accepts best, 304 when it holds it. */
export function respond(page: PreparedPage, request: ConditionalRequest): PreparedResponse {
  const representation = page.responses[preferredEncoding(request.acceptEncoding)];
  return etagMatches(request.ifNoneMatch, representation.etag)
    ? representation.notModified
    : representation.ok;
}

/** If-None-Match against a strong ETag (RFC 9110 §13.1.2: weak comparison, `*`, lists). */
export function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((t) => t.trim().replace(/^W\//, '') === etag);
}
