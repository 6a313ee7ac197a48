import { ReaderI18n } from './i18n';
import {
  ArticlePageModel,
  LocaleLink,
  READER_CSS,
  READER_CSS_HASH,
  LibraryPageModel,
  renderArticlePage,
  renderLibraryPage,
  renderNotFoundPage,
  renderWithdrawnPage,
} from './page';
import { createHash } from 'node:crypto';

const i18n = new ReaderI18n();
const ALTERNATES: LocaleLink[] = [
  { code: 'en', nativeName: 'English', dir: 'ltr', url: 'https://r.test/read/p/en/a' },
  {
    code: 'es',
    nativeName: 'Español',
    dir: 'ltr',
    url: 'https://r.test/read/p/es/a',
    path: '/read/p/es/a',
  },
  { code: 'ar', nativeName: 'العربية', dir: 'rtl', url: 'https://r.test/read/p/ar/a' },
];

function model(overrides: Partial<ArticlePageModel> = {}): ArticlePageModel {
  const lang = overrides.lang ?? 'ar';
  return {
    lang,
    dir: 'rtl',
    t: i18n.t(lang),
    formatDate: (d) => i18n.formatDate(lang, d),
    title: 'عنوان <script>alert(1)</script>',
    bodyHtml: '<p>نص</p>',
    contentLang: lang,
    contentDir: 'rtl',
    canonicalUrl: 'https://r.test/read/p/ar/a',
    xDefaultUrl: 'https://r.test/read/p/a',
    homePath: '/read/p/a',
    alternates: ALTERNATES,
    number: 2,
    publishedAt: new Date('2025-05-02T00:00:00Z'),
    translatedFromDate: new Date('2025-05-01T00:00:00Z'),
    reviewedAt: new Date('2025-05-02T00:00:00Z'),
    ...overrides,
  };
}

describe('renderArticlePage', () => {
  const html = renderArticlePage(model());

  it('sets lang and dir on <html>, a title and a canonical link', () => {
    expect(html).toContain('<html lang="ar" dir="rtl">');
    expect(html).toContain('<title>عنوان &lt;script&gt;alert(1)&lt;/script&gt; · ');
    expect(html).toContain('<link rel="canonical" href="https://r.test/read/p/ar/a">');
  });

  it('links every published locale with hreflang, plus x-default', () => {
    for (const l of ALTERNATES)
      expect(html).toContain(`<link rel="alternate" hreflang="${l.code}" href="${l.url}">`);
    expect(html).toContain(
      '<link rel="alternate" hreflang="x-default" href="https://r.test/read/p/a">',
    );
  });

  it('has a switcher of plain links with native names that remember the pick, marking the current one', () => {
    expect(html).toContain(
      '<a href="/read/p/es/a?choose" hreflang="es" lang="es" dir="ltr">Español</a>',
    );
    expect(html).toContain('hreflang="ar" lang="ar" dir="rtl" aria-current="page">العربية</a>');
    expect(html).not.toContain('<script');
  });

  it('escapes the title and never lets text become markup', () => {
    expect(html).toContain('<h1>عنوان &lt;script&gt;alert(1)&lt;/script&gt;</h1>');
    expect(html.match(/<script/g)).toBeNull();
  });

  it('says when the translation was made and reviewed, in the reader language', () => {
    const t = i18n.t('ar');
    expect(html).toContain(
      t('translatedFrom', { date: i18n.formatDate('ar', new Date('2025-05-01T00:00:00Z')) }),
    );
  });

  it('shows the stale notice with a link to the English, and the withdrawn notice instead when withdrawn', () => {
    const stale = renderArticlePage(
      model({
        lang: 'es',
        dir: 'ltr',
        t: i18n.t('es'),
        stale: {
          sourceDate: new Date('2025-06-01T00:00:00Z'),
          sourceUrl: 'https://r.test/read/p/en/a',
        },
      }),
    );
    expect(stale).toContain('class="notice stale"');
    expect(stale).toContain(i18n.t('es')('staleNoticeLink'));
    expect(stale).toContain('href="https://r.test/read/p/en/a" hreflang="en"');
    const withdrawn = renderArticlePage(
      model({
        lang: 'es',
        dir: 'ltr',
        t: i18n.t('es'),
        contentLang: 'en',
        contentDir: 'ltr',
        withdrawn: { sourceUrl: 'x' },
      }),
    );
    expect(withdrawn).toContain(i18n.t('es')('withdrawnNotice'));
    expect(withdrawn).toContain('<article lang="en" dir="ltr">');
    expect(withdrawn).not.toContain('class="notice stale"');
  });

  it('labels an older version and does not index it', () => {
    const older = renderArticlePage(model({ older: { latestUrl: 'https://r.test/read/p/ar/a' } }));
    expect(older).toContain('class="notice older"');
    expect(older).toContain('<meta name="robots" content="noindex">');
  });

  it('allows its one inline style by hash', () => {
    expect(READER_CSS_HASH).toBe(
      `sha256-${createHash('sha256').update(READER_CSS).digest('base64')}`,
    );
    expect(html).toContain(`<style>${READER_CSS}</style>`);
    expect(READER_CSS).toContain('margin-inline');
    expect(READER_CSS).not.toMatch(
      /margin-left|margin-right|padding-left|padding-right|text-align:left/,
    );
  });
});

describe('the date line and notices per script', () => {
  const page = (lang: string, dir: 'ltr' | 'rtl', extra: Partial<ArticlePageModel> = {}) =>
    renderArticlePage(
      model({
        lang,
        dir,
        t: i18n.t(lang),
        formatDate: (d) => i18n.formatDate(lang, d),
        contentLang: lang,
        contentDir: dir,
        ...extra,
      }),
    );
  const metaLine = (html: string): string => /<p class="meta">(.*?)<\/p>/.exec(html)?.[1] ?? '';

  it('zh-Hans: sentences follow each other with no Latin space after 。', () => {
    expect(metaLine(page('zh-Hans', 'ltr'))).toBe(
      '译自2025年5月1日的英文版本。于2025年5月2日审阅。于2025年5月2日发布。',
    );
    const stale = page('zh-Hans', 'ltr', {
      stale: { sourceDate: new Date('2025-06-01T00:00:00Z'), sourceUrl: '/read/p/en/a' },
    });
    expect(stale).toContain('此译文尚未包含这些更改。<a href="/read/p/en/a"');
  });

  it('ja: no space after 。, an ideographic space between label–date pairs', () => {
    expect(metaLine(page('ja', 'ltr'))).toBe(
      '2025年5月1日付の英語版から翻訳しました。確認日：2025年5月2日\u3000公開日：2025年5月2日',
    );
    const older = page('ja', 'ltr', { older: { latestUrl: '/read/p/ja/a' } });
    expect(older).toMatch(/をご覧になっています。<a href="\/read\/p\/ja\/a">/);
  });

  it('ar: the sentences keep their spaces', () => {
    const line = metaLine(page('ar', 'rtl'));
    expect(line).toBe(
      [
        i18n.t('ar')('translatedFrom', { date: i18n.formatDate('ar', new Date('2025-05-01')) }),
        i18n.t('ar')('reviewed', { date: i18n.formatDate('ar', new Date('2025-05-02')) }),
        i18n.t('ar')('publishedOn', { date: i18n.formatDate('ar', new Date('2025-05-02')) }),
      ].join(' '),
    );
    expect(line).not.toMatch(/[\u3000]|\.\S/u);
  });

  it('th (English interface text): an English date and English spacing, not a mixed line', () => {
    expect(metaLine(page('th', 'ltr'))).toBe(
      'Translated from the English version of May 1, 2025. Reviewed on May 2, 2025. Published on May 2, 2025.',
    );
  });
});

describe('renderNotFoundPage', () => {
  it('is in the asked language and lists the languages that exist', () => {
    const html = renderNotFoundPage({
      lang: 'vi',
      dir: 'ltr',
      t: i18n.t('vi'),
      available: ALTERNATES,
      home: '/read/p',
      reason: 'article',
      libraryPath: '/read/p',
    });
    expect(html).toContain('<html lang="vi" dir="ltr">');
    expect(html).toContain(i18n.t('vi')('notFoundTitle'));
    expect(html).toContain(i18n.t('vi')('notFoundBody'));
    expect(html).toContain(i18n.t('vi')('notFoundAvailable'));
    expect(html).toContain('>Español</a>');
    expect(html).toContain(`<a href="/read/p">${i18n.t('vi')('libraryLink')}</a>`);
  });

  it('says when nothing is published', () => {
    const html = renderNotFoundPage({
      lang: 'es',
      dir: 'ltr',
      t: i18n.t('es'),
      available: [],
      home: '/read/p',
      reason: 'article',
    });
    expect(html).toContain(i18n.t('es')('notFoundNone'));
    expect(html).not.toContain(i18n.t('es')('libraryLink'));
  });

  it('says plainly when there is no such page, rather than "not in this language"', () => {
    const t = i18n.t('fr');
    const html = renderNotFoundPage({
      lang: 'fr',
      dir: 'ltr',
      t,
      available: [],
      home: '/read/p',
      reason: 'missing',
      libraryPath: '/read/p',
    });
    expect(html).toContain(t('notFoundMissing'));
    expect(html).not.toContain(t('notFoundBody'));
    expect(html).not.toContain(t('notFoundNone'));
  });

  it('offers a library in the languages it has', () => {
    const t = i18n.t('ko');
    const html = renderNotFoundPage({
      lang: 'ko',
      dir: 'ltr',
      t,
      available: ALTERNATES,
      home: '/read/p',
      reason: 'library',
    });
    expect(html).toContain(t('libraryNone'));
    expect(html).toContain(t('libraryAvailable'));
    expect(html).not.toContain(t('notFoundAvailable'));
  });
});

describe('renderWithdrawnPage', () => {
  it('says so in the reader language, not indexed, linking the languages left', () => {
    const html = renderWithdrawnPage({
      lang: 'fa',
      dir: 'rtl',
      t: i18n.t('fa'),
      available: ALTERNATES.filter((l) => l.code !== 'ar'),
      home: '/read/p',
      libraryPath: '/read/p',
    });
    expect(html).toContain('<html lang="fa" dir="rtl">');
    expect(html).toContain(`<h1>${i18n.t('fa')('withdrawnTitle')}</h1>`);
    expect(html).toContain(i18n.t('fa')('withdrawnBody'));
    expect(html).toContain('<meta name="robots" content="noindex">');
    expect(html).toContain('<a href="/read/p/es/a" hreflang="es" lang="es" dir="ltr">Español</a>');
    expect(html).not.toContain('العربية');
    expect(html).not.toContain('class="switcher"');
  });
});

describe('renderLibraryPage', () => {
  const LIBRARIES: LocaleLink[] = ALTERNATES.map((l) => ({
    ...l,
    url: `https://r.test/read/p/${l.code}/`,
    path: `/read/p/${l.code}/`,
  }));
  const model = (overrides: Partial<LibraryPageModel> = {}): LibraryPageModel => ({
    lang: 'ar',
    dir: 'rtl',
    t: i18n.t('ar'),
    canonicalUrl: 'https://r.test/read/p/ar/',
    xDefaultUrl: 'https://r.test/read/p',
    alternates: LIBRARIES,
    listing: {
      translated: [
        {
          slug: 'fatigue',
          title: 'التعب <b>',
          path: '/read/p/ar/fatigue',
          lang: 'ar',
          stale: false,
        },
        { slug: 'water', title: 'الترطيب', path: '/read/p/ar/water', lang: 'ar', stale: true },
      ],
      untranslated: [
        {
          slug: 'sleep',
          title: 'Sleep & rest',
          path: '/read/p/en/sleep',
          lang: 'en',
          stale: false,
        },
      ],
    },
    sourceDir: 'ltr',
    ...overrides,
  });

  it('is a page in the index language, with hreflang for every library and x-default', () => {
    const html = renderLibraryPage(model());
    expect(html).toContain('<html lang="ar" dir="rtl">');
    expect(html).toContain('<link rel="canonical" href="https://r.test/read/p/ar/">');
    for (const l of LIBRARIES)
      expect(html).toContain(`<link rel="alternate" hreflang="${l.code}" href="${l.url}">`);
    expect(html).toContain('hreflang="x-default" href="https://r.test/read/p"');
    expect(html).toContain(`<h1>${i18n.t('ar')('libraryHeading')}</h1>`);
    expect(html).toContain(
      'href="/read/p/es/?choose" hreflang="es" lang="es" dir="ltr">Español</a>',
    );
    expect(html).toContain('<a class="site" href="/read/p/ar/">');
  });

  it('lists the articles, escaped, and marks a translation that is being updated', () => {
    const html = renderLibraryPage(model());
    expect(html).toContain('<li><a href="/read/p/ar/fatigue">التعب &lt;b&gt;</a></li>');
    expect(html).toContain(
      `<li><a href="/read/p/ar/water">الترطيب</a> <span class="marker">${i18n.t('ar')('libraryStale')}</span></li>`,
    );
    expect(html).not.toContain('<b>');
  });

  it('offers untranslated articles in the source language, marked as such for screen readers', () => {
    const html = renderLibraryPage(model());
    expect(html).toContain(i18n.t('ar')('libraryOtherLanguage'));
    expect(html).toContain(
      '<ul class="library" lang="en" dir="ltr"><li><a href="/read/p/en/sleep">Sleep &amp; rest</a></li></ul>',
    );
    const none = renderLibraryPage(
      model({ listing: { translated: model().listing.translated, untranslated: [] } }),
    );
    expect(none).not.toContain(i18n.t('ar')('libraryOtherLanguage'));
  });
});
