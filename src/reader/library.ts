/**
 * A project's library as readers browse it (pure): which articles a locale's index lists, in
 * what order, and which it offers in the source language because they are not translated yet.
 */
import { pagePath } from './paths';

/** One article with the title of its latest publication in each locale. */
export interface LibraryArticle {
  slug: string;
  currentVersion: number;
  /**
   * By locale: the latest publication's title, the source version it was made from and when it
   * was published.
   */
  published: Map<string, { title: string; sourceVersion: number; publishedAt: Date }>;
}

export interface ListedArticle {
  slug: string;
  title: string;
  /** Site-relative path of the article's page in `lang`. */
  path: string;
  /** The locale the title (and the linked page) is in. */
  lang: string;
  /** A translation made from an older source version than the current one. */
  stale: boolean;
}

export interface LibraryListing {
  /** Published in the index's locale, by title in that locale's collation. */
  translated: ListedArticle[];
  /** Published in the source locale only, by source title: offered in the source language. */
  untranslated: ListedArticle[];
}

export function listArticles(
  project: string,
  sourceLocale: string,
  articles: readonly LibraryArticle[],
  locale: string,
): LibraryListing {
  const translated: ListedArticle[] = [];
  const untranslated: ListedArticle[] = [];
  for (const article of articles) {
    const own = article.published.get(locale);
    if (own) {
      translated.push({
        slug: article.slug,
        title: own.title,
        path: pagePath(project, locale, article.slug),
        lang: locale,
        stale: locale !== sourceLocale && own.sourceVersion < article.currentVersion,
      });
      continue;
    }
    const source = article.published.get(sourceLocale);
    if (source)
      untranslated.push({
        slug: article.slug,
        title: source.title,
        path: pagePath(project, sourceLocale, article.slug),
        lang: sourceLocale,
        stale: false,
      });
  }
  return {
    translated: translated.sort(byTitle(locale)),
    untranslated: untranslated.sort(byTitle(sourceLocale)),
  };
}

/** Where a page of a listing ended: the last article shown, by its sort key. */
export interface ListingCursor {
  /** 0: translated, 1: offered in the source language. */
  group: 0 | 1;
  title: string;
  path: string;
}

export function isListingCursor(v: unknown): v is ListingCursor {
  if (typeof v !== 'object' || v === null) return false;
  const c = v as Record<string, unknown>;
  return (
    (c.group === 0 || c.group === 1) && typeof c.title === 'string' && typeof c.path === 'string'
  );
}

/**
 * One page of a listing, translated articles first, for clients that page through it: the
 * articles after `after` in the listing's order (a keyset, so a page is not shifted by
 * articles published meanwhile), and where this page ended when more follow.
 */
export function pageOfListing(
  listing: LibraryListing,
  locale: string,
  sourceLocale: string,
  limit: number,
  after: ListingCursor | null,
): { items: ListedArticle[]; next: ListingCursor | null } {
  const groups = [
    { group: 0 as const, articles: listing.translated, compare: byTitle(locale) },
    { group: 1 as const, articles: listing.untranslated, compare: byTitle(sourceLocale) },
  ];
  const items: ListedArticle[] = [];
  let last: ListingCursor | null = null;
  for (const { group, articles, compare } of groups) {
    if (after && group < after.group) continue;
    for (const article of articles) {
      if (after && group === after.group && compare(article, after) <= 0) continue;
      if (items.length === limit) return { items, next: last };
      items.push(article);
      last = { group, title: article.title, path: article.path };
    }
  }
  return { items, next: null };
}

type SortKey = Pick<ListedArticle, 'title' | 'path'>;

function byTitle(locale: string): (a: SortKey, b: SortKey) => number {
  const collator = new Intl.Collator(locale, { sensitivity: 'base', numeric: true });
  return (a, b) => collator.compare(a.title, b.title) || a.path.localeCompare(b.path);
}

/** The locales with at least one publication, the source first, then the project's order. */
export function publishedLocales(
  articles: readonly LibraryArticle[],
  order: readonly string[],
): string[] {
  const found = new Set<string>();
  for (const article of articles) for (const locale of article.published.keys()) found.add(locale);
  const rank = (code: string): number => {
    const i = order.indexOf(code);
    return i < 0 ? order.length : i;
  };
  return [...found].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}
