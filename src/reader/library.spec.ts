import {
  isListingCursor,
  LibraryArticle,
  listArticles,
  ListingCursor,
  pageOfListing,
  publishedLocales,
} from './library';

function article(
  slug: string,
  currentVersion: number,
  published: Record<string, [title: string, sourceVersion: number]>,
): LibraryArticle {
  return {
    slug,
    currentVersion,
    published: new Map(
      Object.entries(published).map(([locale, [title, sourceVersion]]) => [
        locale,
        { title, sourceVersion, publishedAt: new Date(0) },
      ]),
    ),
  };
}

const ARTICLES = [
  article('sleep', 1, { en: ['Sleeping well', 1] }),
  article('fatigue', 2, { en: ['Fatigue', 2], es: ['Fatiga', 2], ar: ['التعب', 2] }),
  article('water', 3, { en: ['Water', 3], es: ['Agua', 2] }),
  article('exercise', 1, { en: ['Exercise', 1], es: ['Ejercicio', 1] }),
  article('draft-only', 1, {}),
];

describe('listArticles', () => {
  it("lists a locale's articles by title in its collation, linking its pages", () => {
    const { translated } = listArticles('lib', 'en', ARTICLES, 'es');
    expect(translated.map((a) => a.title)).toEqual(['Agua', 'Ejercicio', 'Fatiga']);
    expect(translated[0]).toEqual({
      slug: 'water',
      title: 'Agua',
      path: '/read/lib/es/water',
      lang: 'es',
      stale: true,
    });
    expect(translated[1].stale).toBe(false);
  });

  it('offers what is not translated yet in the source language, and never a draft', () => {
    const { untranslated } = listArticles('lib', 'en', ARTICLES, 'es');
    expect(untranslated).toEqual([
      {
        slug: 'sleep',
        title: 'Sleeping well',
        path: '/read/lib/en/sleep',
        lang: 'en',
        stale: false,
      },
    ]);
    const ar = listArticles('lib', 'en', ARTICLES, 'ar');
    expect(ar.untranslated.map((a) => a.path)).toEqual([
      '/read/lib/en/exercise',
      '/read/lib/en/sleep',
      '/read/lib/en/water',
    ]);
  });

  it('never calls the source itself stale, and offers nothing else on its index', () => {
    const en = listArticles('lib', 'en', ARTICLES, 'en');
    expect(en.translated).toHaveLength(4);
    expect(en.translated.every((a) => !a.stale)).toBe(true);
    expect(en.untranslated).toEqual([]);
  });

  it('sorts numbers in titles as numbers', () => {
    const many = [article('a', 1, { en: ['Step 10', 1] }), article('b', 1, { en: ['Step 9', 1] })];
    expect(listArticles('lib', 'en', many, 'en').translated.map((a) => a.title)).toEqual([
      'Step 9',
      'Step 10',
    ]);
  });
});

describe('publishedLocales', () => {
  it('lists the locales with a publication, in the order given, then the rest', () => {
    expect(publishedLocales(ARTICLES, ['en', 'ar', 'es', 'vi'])).toEqual(['en', 'ar', 'es']);
    expect(publishedLocales(ARTICLES, ['en'])).toEqual(['en', 'ar', 'es']);
  });
});

describe('pageOfListing', () => {
  const listing = listArticles('lib', 'en', ARTICLES, 'es');
  const all = [...listing.translated, ...listing.untranslated].map((a) => a.slug);

  it('pages through translated articles, then the untranslated, each once', () => {
    const seen: string[] = [];
    let after: ListingCursor | null = null;
    for (let i = 0; i < 10; i++) {
      const page = pageOfListing(listing, 'es', 'en', 2, after);
      seen.push(...page.items.map((a) => a.slug));
      expect(page.items.length).toBeLessThanOrEqual(2);
      if (!page.next) break;
      after = page.next;
    }
    expect(seen).toEqual(all);
    expect(all).toEqual(['water', 'exercise', 'fatigue', 'sleep']);
  });

  it('says there is no next page when the last one is exactly full', () => {
    expect(pageOfListing(listing, 'es', 'en', 4, null).next).toBeNull();
    expect(pageOfListing(listing, 'es', 'en', 3, null).next).toEqual({
      group: 0,
      title: 'Fatiga',
      path: '/read/lib/es/fatigue',
    });
  });

  it('continues after the cursor even when articles are published meanwhile', () => {
    const first = pageOfListing(listing, 'es', 'en', 1, null);
    const grown = listArticles(
      'lib',
      'en',
      [...ARTICLES, article('alcohol', 1, { en: ['Alcohol', 1], es: ['Alcohol', 1] })],
      'es',
    );
    // 'Alcohol' sorts after 'Agua', the last article shown, so the next page starts with it.
    const next = pageOfListing(grown, 'es', 'en', 10, first.next);
    expect(next.items.map((a) => a.slug)).toEqual(['alcohol', 'exercise', 'fatigue', 'sleep']);
  });

  it('accepts only cursors of its own shape', () => {
    expect(isListingCursor({ group: 1, title: 't', path: '/p' })).toBe(true);
    expect(isListingCursor({ group: 2, title: 't', path: '/p' })).toBe(false);
    expect(isListingCursor(['t', '/p'])).toBe(false);
    expect(isListingCursor(null)).toBe(false);
  });
});
