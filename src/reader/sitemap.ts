import { escapeHtml } from '../common/html';
import { articlePath, libraryHomePath, libraryPath, pagePath } from './paths';

/**
 * A project's reader pages as an XML sitemap (sitemaps.org 0.9) with hreflang alternates
 * (`xhtml:link`), the form search engines take for the language versions of a page: every
 * published (article, locale) page is one `<url>` that names all its language versions and the
 * negotiating URL as `x-default`, as the pages' own `<link rel="alternate">` do. The library
 * index of each locale that has a publication comes first, in the same form.
 */

/** The most `<url>` entries one sitemap may hold (sitemaps.org). */
export const SITEMAP_MAX_URLS = 50_000;

export interface SitemapArticle {
  slug: string;
  /** Its published locales, with when each was last published. */
  locales: Array<{ code: string; lastPublished: Date }>;
}

export function renderSitemap(
  publicUrl: string,
  project: string,
  articles: readonly SitemapArticle[],
): string {
  const entries: string[] = [];
  const link = (hreflang: string, href: string): string =>
    `    <xhtml:link rel="alternate" hreflang="${escapeHtml(hreflang)}" href="${escapeHtml(href)}"/>\n`;
  const url = (loc: string, lastmod: Date, alternates: string): string =>
    '  <url>\n' +
    `    <loc>${escapeHtml(loc)}</loc>\n` +
    `    <lastmod>${lastmod.toISOString()}</lastmod>\n` +
    alternates +
    '  </url>\n';
  const libraries = new Map<string, Date>();
  for (const article of articles)
    for (const l of article.locales) {
      const last = libraries.get(l.code);
      if (!last || last < l.lastPublished) libraries.set(l.code, l.lastPublished);
    }
  const libraryAlternates =
    [...libraries.keys()]
      .map((code) => link(code, publicUrl + libraryPath(project, code)))
      .join('') + link('x-default', publicUrl + libraryHomePath(project));
  for (const [code, lastPublished] of libraries)
    entries.push(url(publicUrl + libraryPath(project, code), lastPublished, libraryAlternates));
  for (const article of articles) {
    const pages = article.locales.map((l) => publicUrl + pagePath(project, l.code, article.slug));
    const alternates =
      article.locales.map((l, i) => link(l.code, pages[i])).join('') +
      link('x-default', publicUrl + articlePath(project, article.slug));
    article.locales.forEach((locale, i) => {
      if (entries.length === SITEMAP_MAX_URLS) return;
      entries.push(url(pages[i], locale.lastPublished, alternates));
    });
  }
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">\n' +
    entries.join('') +
    '</urlset>\n'
  );
}
