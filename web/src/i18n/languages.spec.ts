import { browserLanguage } from './languages';

describe('browserLanguage', () => {
  it('takes the first supported language, by language when the region differs', () => {
    expect(browserLanguage(['de-DE', 'es-MX', 'en'])).toBe('es');
    expect(browserLanguage(['fr-CA'])).toBe('fr');
    expect(browserLanguage(['ar-EG', 'en'])).toBe('ar');
  });

  it('maps every Chinese tag to zh-Hans, the one Chinese interface', () => {
    expect(browserLanguage(['zh-CN'])).toBe('zh-Hans');
    expect(browserLanguage(['zh-Hans-SG'])).toBe('zh-Hans');
    expect(browserLanguage(['zh-TW'])).toBe('zh-Hans');
  });

  it('falls back to English, ignoring malformed tags', () => {
    expect(browserLanguage(['de', 'not a tag!'])).toBe('en');
    expect(browserLanguage([])).toBe('en');
  });
});
