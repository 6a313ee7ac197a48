/**
 * Reader page templates (pure): models in, complete HTML documents out. Every string that is
 * not publication HTML (already sanitized at publish time) is escaped here.
 */
import { createHash } from 'node:crypto';
import { escapeHtml } from '../common/html';
import { joinPhrases } from '../segmentation/script-spacing';
import type { Translate } from './i18n';
import type { ListedArticle, LibraryListing } from './library';

export interface LocaleLink {
  code: string;
  nativeName: string;
  dir: 'ltr' | 'rtl';
  /** Absolute URL (hreflang). */
  url: string;
  /** Site-relative path for links readers follow (works behind any host name); default url. */
  path?: string;
}

export interface ArticlePageModel {
  /** Page (interface) language and direction: the locale in the URL. */
  lang: string;
  dir: 'ltr' | 'rtl';
  t: Translate;
  formatDate: (date: Date) => string;
  title: string;
  /** Sanitized publication HTML. */
  bodyHtml: string;
  /** Language of the body (differs from `lang` when a withdrawn translation shows the source). */
  contentLang: string;
  contentDir: 'ltr' | 'rtl';
  canonicalUrl: string;
  /** The negotiating URL (`/read/:project/:article`), used for hreflang x-default. */
  xDefaultUrl: string;
  /** Site-relative link for the site name: the library index in the page's locale. */
  homePath: string;
  /** Every published locale, for hreflang and the switcher. */
  alternates: LocaleLink[];
  number: number;
  publishedAt: Date;
  /** Date of the English version this translation was made from (null on the source page). */
  translatedFromDate: Date | null;
  reviewedAt: Date | null;
  stale?: { sourceDate: Date; sourceUrl: string } | null;
  withdrawn?: { sourceUrl: string } | null;
  older?: { latestUrl: string } | null;
  fallback?: boolean;
}

/** Logical properties throughout, so right-to-left pages mirror without a second stylesheet. */
export const READER_CSS = `
:root{color-scheme:light;--ink:#1b1f24;--muted:#4f5b66;--line:#d5dbe1;--accent:#0b5cad;--note:#fff6d6;--warn:#fde8e8}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{margin:0;font:1.0625rem/1.6 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Noto Sans Arabic","Noto Sans SC",sans-serif;color:var(--ink);background:#fff}
a{color:var(--accent)}
.skip{position:absolute;inset-inline-start:-999px}
.skip:focus{inset-inline-start:1rem;inset-block-start:1rem;background:#fff;padding:.5rem;z-index:1}
header,main,footer{max-inline-size:44rem;margin-inline:auto;padding-inline:1rem}
header{display:flex;flex-wrap:wrap;gap:.5rem 1.5rem;align-items:baseline;justify-content:space-between;padding-block:1rem;border-block-end:1px solid var(--line)}
.site{font-weight:700;text-decoration:none;color:var(--ink)}
.switcher ul{display:flex;flex-wrap:wrap;gap:.25rem .75rem;list-style:none;margin:0;padding:0}
.switcher h2{font-size:.875rem;font-weight:400;color:var(--muted);margin:0 0 .25rem}
.switcher a{text-decoration:none;padding-block:.25rem;display:inline-block}
.switcher a[aria-current]{font-weight:700;color:var(--ink);border-block-end:2px solid var(--accent)}
h1{font-size:1.9rem;line-height:1.25;margin-block:1.5rem .5rem}
h2{font-size:1.35rem;margin-block:1.75rem .5rem}
h3{font-size:1.15rem}
article img{max-inline-size:100%;block-size:auto}
article table{border-collapse:collapse;inline-size:100%;display:block;overflow-x:auto}
article th,article td{border:1px solid var(--line);padding:.4rem .6rem;text-align:start}
article ul,article ol{padding-inline-start:1.5rem}
blockquote{margin-inline:0;padding-inline-start:1rem;border-inline-start:4px solid var(--line)}
pre,code{font-family:ui-monospace,monospace;font-size:.9em;unicode-bidi:isolate;direction:ltr}
pre{overflow-x:auto;padding:.75rem;background:#f4f6f8}
bdi{unicode-bidi:isolate}
.meta{color:var(--muted);font-size:.9375rem;margin:0}
.notice{padding:.75rem 1rem;border-inline-start:4px solid #b58100;background:var(--note);margin-block:1rem}
.notice.withdrawn{border-color:#b42318;background:var(--warn)}
.tms-fallback{background:var(--note);border-block-end:1px dashed #b58100}
.library{list-style:none;padding:0}
.library li{padding-block:.4rem;border-block-end:1px solid var(--line)}
.marker{font-size:.8125rem;color:var(--muted);border:1px solid var(--line);border-radius:.25rem;padding-inline:.35rem;margin-inline-start:.5rem;white-space:nowrap}
.tms-fallback-marker{font-size:.75rem;color:var(--muted);border:1px solid #b58100;border-radius:.25rem;padding-inline:.25rem;margin-inline-end:.25rem}
footer{margin-block:2rem;padding-block:1rem;border-block-start:1px solid var(--line);color:var(--muted);font-size:.9rem}
@media (max-width:32rem){body{font-size:1rem}h1{font-size:1.5rem}}
@media print{header,.switcher,.skip,.no-print{display:none}body{font-size:11pt;color:#000}a{color:#000}article a[href^="http"]::after{content:" (" attr(href) ")";font-size:.85em}main,footer{max-inline-size:none}.notice{border:1px solid #000;background:none}}
`
  .trim()
  .replace(/\n/g, '');

/** For the Content-Security-Policy: the one inline style allowed, no script at all. */
export const READER_CSS_HASH = `sha256-${createHash('sha256').update(READER_CSS).digest('base64')}`;
export const READER_CSP = `default-src 'none'; img-src https: http:; style-src '${READER_CSS_HASH}'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`;

function head(lang: string, dir: string, title: string, extra: string): string {
  return (
    `<!DOCTYPE html>\n<html lang="${escapeHtml(lang)}" dir="${dir}">\n<head>\n<meta charset="utf-8">\n` +
    `<meta name="viewport" content="width=device-width, initial-scale=1">\n<title>${escapeHtml(title)}</title>\n` +
    `${extra}<style>${READER_CSS}</style>\n</head>\n`
  );
}

/**
 * A link to a locale's version of a page, named in that language. `choose`: a switcher link,
 * through `?choose`, which remembers the reader's pick (the pages themselves set no cookie).
 */
function localeLink(l: LocaleLink, extra = '', choose = false): string {
  const href = l.path ?? l.url;
  return `<a href="${escapeHtml(choose ? `${href}?choose` : href)}" hreflang="${escapeHtml(l.code)}" lang="${escapeHtml(l.code)}" dir="${l.dir}"${extra}>${escapeHtml(l.nativeName)}</a>`;
}

function switcher(t: Translate, alternates: LocaleLink[], current: string): string {
  if (alternates.length === 0) return '';
  const items = alternates
    .map((l) => `<li>${localeLink(l, l.code === current ? ' aria-current="page"' : '', true)}</li>`)
    .join('');
  return `<nav class="switcher" aria-labelledby="switcher-label"><h2 id="switcher-label">${escapeHtml(t('languageSwitcherLabel'))}</h2><ul>${items}</ul></nav>`;
}

/** `<link>`s for search engines: the canonical URL, every language version, and x-default. */
function alternateLinks(
  canonicalUrl: string,
  alternates: LocaleLink[],
  xDefaultUrl: string,
): string {
  return (
    `<link rel="canonical" href="${escapeHtml(canonicalUrl)}">\n` +
    alternates
      .map(
        (l) =>
          `<link rel="alternate" hreflang="${escapeHtml(l.code)}" href="${escapeHtml(l.url)}">\n`,
      )
      .join('') +
    `<link rel="alternate" hreflang="x-default" href="${escapeHtml(xDefaultUrl)}">\n`
  );
}

function header(t: Translate, alternates: LocaleLink[], current: string, home: string): string {
  return (
    `<body>\n<a class="skip" href="#main">${escapeHtml(t('skipToContent'))}</a>\n` +
    `<header><a class="site" href="${escapeHtml(home)}">${escapeHtml(t('siteName'))}</a>${switcher(t, alternates, current)}</header>\n`
  );
}

export function renderArticlePage(m: ArticlePageModel): string {
  const { t } = m;
  const date = (d: Date): string => m.formatDate(d);
  const links =
    alternateLinks(m.canonicalUrl, m.alternates, m.xDefaultUrl) +
    (m.older ? `<meta name="robots" content="noindex">\n` : '');
  const notices: string[] = [];
  if (m.older)
    notices.push(
      `<p class="notice older" role="note">${joinPhrases([escapeHtml(t('olderVersionNotice', { number: m.number, date: date(m.publishedAt) })), `<a href="${escapeHtml(m.older.latestUrl)}">${escapeHtml(t('olderVersionLink'))}</a>`])}</p>`,
    );
  if (m.withdrawn)
    notices.push(`<p class="notice withdrawn" role="note">${escapeHtml(t('withdrawnNotice'))}</p>`);
  else if (m.stale)
    notices.push(
      `<p class="notice stale" role="note">${joinPhrases([escapeHtml(t('staleNotice', { date: date(m.stale.sourceDate) })), `<a href="${escapeHtml(m.stale.sourceUrl)}" hreflang="en">${escapeHtml(t('staleNoticeLink'))}</a>`])}</p>`,
    );
  if (m.fallback && !m.withdrawn)
    notices.push(`<p class="notice fallback" role="note">${escapeHtml(t('fallbackNotice'))}</p>`);
  const meta: string[] = [];
  if (m.translatedFromDate && !m.withdrawn)
    meta.push(escapeHtml(t('translatedFrom', { date: date(m.translatedFromDate) })));
  if (m.reviewedAt && !m.withdrawn)
    meta.push(escapeHtml(t('reviewed', { date: date(m.reviewedAt) })));
  meta.push(escapeHtml(t('publishedOn', { date: date(m.publishedAt) })));
  const contentAttrs =
    m.contentLang !== m.lang ? ` lang="${escapeHtml(m.contentLang)}" dir="${m.contentDir}"` : '';
  return (
    head(m.lang, m.dir, `${m.title} · ${t('siteName')}`, links) +
    header(t, m.alternates, m.lang, m.homePath) +
    `<main id="main">\n${notices.join('\n')}\n<article${contentAttrs}>\n<h1>${escapeHtml(m.title)}</h1>\n` +
    `<p class="meta">${joinPhrases(meta)}</p>\n${m.bodyHtml}\n</article>\n</main>\n` +
    `<footer><p>${escapeHtml(t('footerNote'))}</p><p>${escapeHtml(t('versionLabel', { number: m.number }))}</p></footer>\n` +
    `</body>\n</html>\n`
  );
}

export interface NotFoundPageModel {
  lang: string;
  dir: 'ltr' | 'rtl';
  t: Translate;
  /** What exists instead, in other locales (the article's, or the library's); may be empty. */
  available: LocaleLink[];
  home: string;
  /**
   * `article`: the article exists but not in this language; `library`: the project has nothing
   * in this language; `missing`: there is no such page at all.
   */
  reason: 'article' | 'library' | 'missing';
  /** The library index to browse instead (the negotiating one), when the project exists. */
  libraryPath?: string;
}

const NOT_FOUND_BODY: Record<NotFoundPageModel['reason'], string> = {
  article: 'notFoundBody',
  library: 'libraryNone',
  missing: 'notFoundMissing',
};

export function renderNotFoundPage(m: NotFoundPageModel): string {
  const { t } = m;
  const parts = [`<p>${escapeHtml(t(NOT_FOUND_BODY[m.reason]))}</p>`];
  if (m.available.length)
    parts.push(
      `<p>${escapeHtml(t(m.reason === 'library' ? 'libraryAvailable' : 'notFoundAvailable'))}</p>`,
      `<ul class="available">${m.available.map((l) => `<li>${localeLink(l)}</li>`).join('')}</ul>`,
    );
  else if (m.reason === 'article') parts.push(`<p>${escapeHtml(t('notFoundNone'))}</p>`);
  if (m.libraryPath)
    parts.push(`<p><a href="${escapeHtml(m.libraryPath)}">${escapeHtml(t('libraryLink'))}</a></p>`);
  return (
    head(
      m.lang,
      m.dir,
      `${t('notFoundTitle')} · ${t('siteName')}`,
      `<meta name="robots" content="noindex">\n`,
    ) +
    header(t, [], m.lang, m.home) +
    `<main id="main">\n<h1>${escapeHtml(t('notFoundTitle'))}</h1>\n${parts.join('\n')}\n</main>\n</body>\n</html>\n`
  );
}

export interface WithdrawnPageModel {
  lang: string;
  dir: 'ltr' | 'rtl';
  t: Translate;
  /** The languages the article can still be read in. */
  available: LocaleLink[];
  home: string;
  libraryPath: string;
}

/** 410: the article was withdrawn in this language; where it can be read instead. */
export function renderWithdrawnPage(m: WithdrawnPageModel): string {
  const { t } = m;
  const parts = [`<p>${escapeHtml(t('withdrawnBody'))}</p>`];
  if (m.available.length)
    parts.push(
      `<p>${escapeHtml(t('notFoundAvailable'))}</p>`,
      `<ul class="available">${m.available.map((l) => `<li>${localeLink(l)}</li>`).join('')}</ul>`,
    );
  parts.push(`<p><a href="${escapeHtml(m.libraryPath)}">${escapeHtml(t('libraryLink'))}</a></p>`);
  return (
    head(
      m.lang,
      m.dir,
      `${t('withdrawnTitle')} · ${t('siteName')}`,
      `<meta name="robots" content="noindex">\n`,
    ) +
    header(t, [], m.lang, m.home) +
    `<main id="main">\n<h1>${escapeHtml(t('withdrawnTitle'))}</h1>\n${parts.join('\n')}\n</main>\n</body>\n</html>\n`
  );
}

export interface LibraryPageModel {
  /** The index's locale (interface and titles) and its direction. */
  lang: string;
  dir: 'ltr' | 'rtl';
  t: Translate;
  canonicalUrl: string;
  /** The negotiating URL (`/read/:project`), for hreflang x-default. */
  xDefaultUrl: string;
  /** The index in every locale that has a publication, for hreflang and the switcher. */
  alternates: LocaleLink[];
  listing: LibraryListing;
  /** Direction of the source locale, for the articles offered untranslated. */
  sourceDir: 'ltr' | 'rtl';
}

function articleList(t: Translate, articles: ListedArticle[], attrs: string): string {
  const items = articles
    .map((a) => {
      const marker = a.stale ? ` <span class="marker">${escapeHtml(t('libraryStale'))}</span>` : '';
      return `<li><a href="${escapeHtml(a.path)}">${escapeHtml(a.title)}</a>${marker}</li>`;
    })
    .join('');
  return `<ul class="library"${attrs}>${items}</ul>`;
}

/** A locale's library index: its articles by title, then those not translated into it yet. */
export function renderLibraryPage(m: LibraryPageModel): string {
  const { t, listing } = m;
  const links = alternateLinks(m.canonicalUrl, m.alternates, m.xDefaultUrl);
  const home = m.alternates.find((l) => l.code === m.lang);
  const sections = [articleList(t, listing.translated, '')];
  const first = listing.untranslated[0];
  if (first)
    sections.push(
      `<p>${escapeHtml(t('libraryOtherLanguage'))}</p>`,
      articleList(
        t,
        listing.untranslated,
        ` lang="${escapeHtml(first.lang)}" dir="${m.sourceDir}"`,
      ),
    );
  return (
    head(m.lang, m.dir, `${t('libraryHeading')} · ${t('siteName')}`, links) +
    header(t, m.alternates, m.lang, home?.path ?? home?.url ?? m.canonicalUrl) +
    `<main id="main">\n<h1>${escapeHtml(t('libraryHeading'))}</h1>\n${sections.join('\n')}\n</main>\n` +
    `<footer><p>${escapeHtml(t('footerNote'))}</p></footer>\n</body>\n</html>\n`
  );
}
