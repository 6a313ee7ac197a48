import { checkUrls } from './urls';

const check = (source: string, target: string, targetLocale = 'es') =>
  checkUrls({ source, target, sourceLocale: 'en', targetLocale });

describe('checkUrls', () => {
  it.each([
    ['See https://example.org/leaflet.', 'Vea https://example.org/leaflet.'],
    ['See https://Example.ORG/leaflet', 'Vea https://example.org/leaflet'],
    ['See https://example.org/', 'Vea https://example.org'],
    ['(see https://example.org/a_(b))', '(vea https://example.org/a_(b))'],
    ['Visit www.example.org today.', 'Visite www.example.org hoy.'],
    ['Email help@example.org.', 'Escriba a Help@Example.org.'],
    ['Visit https://example.org/info for more.', '访问https://example.org/info了解更多。'],
    ['Visit https://example.org/info.', 'زوروا https://example.org/info.'],
    ['Visit https://example.org/info.', 'בקרו ב-https://example.org/info.'],
    ['Read the {1}leaflet{/1}.', 'Lea el {1}folleto{/1}.'],
    ['No links here', 'Sin enlaces'],
  ])('accepts %j → %j', (source, target) => {
    expect(check(source, target)).toBeNull();
  });

  it('flags a removed URL', () => {
    const result = check('See https://example.org/leaflet.', 'Vea el folleto.');
    expect(result).toMatchObject({ code: 'URLS', severity: 'warning' });
    expect(result?.details).toEqual({ missing: ['https://example.org/leaflet'], unexpected: [] });
  });

  it('flags a changed path', () => {
    expect(
      check('See https://example.org/en/leaflet', 'Vea https://example.org/es/leaflet')?.details,
    ).toEqual({
      missing: ['https://example.org/en/leaflet'],
      unexpected: ['https://example.org/es/leaflet'],
    });
  });

  it('flags a changed domain', () => {
    expect(check('See https://example.org/a', 'Vea https://example.es/a')).not.toBeNull();
  });

  it('flags a changed path case (paths are case-sensitive)', () => {
    expect(check('See https://example.org/Info', 'Vea https://example.org/info')).not.toBeNull();
  });

  it('flags a changed e-mail address', () => {
    expect(check('Email help@example.org', 'Escriba a ayuda@example.org')?.details).toEqual({
      missing: ['help@example.org'],
      unexpected: ['ayuda@example.org'],
    });
  });

  it('flags an added URL in right-to-left text', () => {
    expect(check('Ask your doctor.', 'اسأل طبيبك https://example.org', 'ar')).not.toBeNull();
  });
});
