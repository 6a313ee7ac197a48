import { negotiateLocale, parseAcceptLanguage, readCookie } from './negotiation';

const PUBLISHED = ['en', 'es', 'zh-Hans', 'zh-Hant', 'vi', 'ar', 'pt-BR'];

describe('negotiateLocale', () => {
  it.each([
    ['es-MX', 'es'],
    ['es-MX,es;q=0.9,en;q=0.5', 'es'],
    ['zh-CN', 'zh-Hans'],
    ['zh-TW', 'zh-Hant'],
    ['zh-HK,zh;q=0.8', 'zh-Hant'],
    ['pt', 'pt-BR'],
    ['ar-EG,ar;q=0.9', 'ar'],
    ['vi-VN', 'vi'],
    ['de-DE,de;q=0.9', 'en'],
    ['fr;q=0.9,vi;q=0.8', 'vi'],
    ['en;q=0.1,es;q=0.9', 'es'],
    ['*', 'en'],
    ['', 'en'],
    ['not a tag!!, es', 'es'],
  ])('Accept-Language %j → %s', (header, expected) => {
    expect(negotiateLocale({ acceptLanguage: header, available: PUBLISHED, fallback: 'en' })).toBe(
      expected,
    );
  });

  it('prefers the lang cookie over Accept-Language', () => {
    expect(
      negotiateLocale({ cookie: 'vi', acceptLanguage: 'es', available: PUBLISHED, fallback: 'en' }),
    ).toBe('vi');
    expect(
      negotiateLocale({
        cookie: 'zh-hans',
        acceptLanguage: 'es',
        available: PUBLISHED,
        fallback: 'en',
      }),
    ).toBe('zh-Hans');
  });

  it('skips unpublished locales, for the cookie and the header', () => {
    const published = ['en', 'vi'];
    expect(
      negotiateLocale({
        cookie: 'es',
        acceptLanguage: 'zh-CN,vi;q=0.5',
        available: published,
        fallback: 'en',
      }),
    ).toBe('vi');
    expect(negotiateLocale({ acceptLanguage: 'es-MX', available: published, fallback: 'en' })).toBe(
      'en',
    );
  });

  it('falls back to the first published locale when the source is not published', () => {
    expect(negotiateLocale({ acceptLanguage: 'de', available: ['es', 'vi'], fallback: 'en' })).toBe(
      'es',
    );
    expect(negotiateLocale({ available: [], fallback: 'en' })).toBeNull();
  });
});

describe('parseAcceptLanguage and readCookie', () => {
  it('orders by quality, keeps header order on ties, drops q=0', () => {
    expect(parseAcceptLanguage('fr;q=0.5, es, de;q=0, vi;q=0.5')).toEqual(['es', 'fr', 'vi']);
  });

  it('reads one cookie', () => {
    expect(readCookie('a=1; lang=zh-Hant; b=2', 'lang')).toBe('zh-Hant');
    expect(readCookie('xlang=es', 'lang')).toBeNull();
    expect(readCookie(undefined, 'lang')).toBeNull();
  });
});
