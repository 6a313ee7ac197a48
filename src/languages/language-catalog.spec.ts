import { canonicalLocale, findLocale, LOCALE_CATALOG } from './language-catalog';

describe('LOCALE_CATALOG', () => {
  it('knows at least 40 locales with unique codes', () => {
    expect(LOCALE_CATALOG.length).toBeGreaterThanOrEqual(40);
    expect(new Set(LOCALE_CATALOG.map((l) => l.code)).size).toBe(LOCALE_CATALOG.length);
  });

  it.each(['ar', 'he', 'fa', 'ur', 'ps'])('marks %s right-to-left', (code) => {
    expect(findLocale(code)?.direction).toBe('rtl');
  });

  it.each(['en', 'zh-Hans', 'vi', 'ja'])('marks %s left-to-right', (code) => {
    expect(findLocale(code)?.direction).toBe('ltr');
  });

  it('takes names from ICU, in English and natively', () => {
    expect(findLocale('es')).toMatchObject({ name: 'Spanish', nativeName: 'Español' });
    expect(findLocale('zh-Hant')?.nativeName).toBe('繁體中文');
    expect(findLocale('ar')?.nativeName).toBe('العربية');
  });

  it('matches case-insensitively and returns canonical casing', () => {
    expect(canonicalLocale('ZH-hans')).toBe('zh-Hans');
    expect(canonicalLocale('pt-br')).toBe('pt-BR');
    expect(canonicalLocale('xx')).toBeUndefined();
  });
});
