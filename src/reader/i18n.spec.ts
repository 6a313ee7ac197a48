import { FALLBACK_LANGUAGE, loadResources, ReaderI18n } from './i18n';

const REQUIRED = [
  'en',
  'es',
  'zh-Hans',
  'zh-Hant',
  'vi',
  'ko',
  'ru',
  'ar',
  'fa',
  'fr',
  'pt-BR',
  'tl',
  'ht',
  'pl',
  'ja',
];
const resources = loadResources();
const english = resources[FALLBACK_LANGUAGE];
const placeholders = (text: string): string[] =>
  [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();

describe('reader interface text (locales/<lng>/reader.json)', () => {
  it('has every required language', () => {
    expect(Object.keys(resources)).toEqual(expect.arrayContaining(REQUIRED));
  });

  describe.each(Object.keys(resources).filter((l) => l !== FALLBACK_LANGUAGE))('%s', (lng) => {
    it('has exactly the keys English has', () => {
      expect(Object.keys(resources[lng]).sort()).toEqual(Object.keys(english).sort());
    });

    it('keeps every {{placeholder}} and translates the text', () => {
      for (const key of Object.keys(english)) {
        expect([key, placeholders(resources[lng][key] ?? '')]).toEqual([
          key,
          placeholders(english[key]),
        ]);
        expect(resources[lng][key]?.trim()).toBeTruthy();
      }
      expect(resources[lng].staleNotice).not.toBe(english.staleNotice);
    });
  });
});

describe('ReaderI18n', () => {
  const i18n = new ReaderI18n(resources);

  it('translates with interpolation and falls back to English for unknown languages', () => {
    expect(i18n.t('es')('versionLabel', { number: 3 })).toBe(
      resources.es.versionLabel.replace('{{number}}', '3'),
    );
    expect(i18n.t('de')('notFoundTitle')).toBe(english.notFoundTitle);
    expect(i18n.interfaceLanguage('zh-hans')).toBe('zh-Hans');
    expect(i18n.interfaceLanguage('es-MX')).toBe('es');
  });

  it('formats dates in the reader language', () => {
    const date = new Date('2025-03-04T12:00:00Z');
    expect(i18n.formatDate('en', date)).toBe('March 4, 2025');
    expect(i18n.formatDate('es', date)).toBe('4 de marzo de 2025');
  });
});
