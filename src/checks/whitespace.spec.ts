import { checkWhitespace } from './whitespace';

const check = (source: string, target: string, targetLocale = 'es') =>
  checkWhitespace({ source, target, sourceLocale: 'en', targetLocale });

describe('checkWhitespace', () => {
  it.each([
    ['Take it.', 'Tómelo.', 'es'],
    [' Take it. ', ' Tómelo. ', 'es'],
    ['Take it.\n', 'Tómelo.\n', 'es'],
    ['Take it. ', '服用。', 'zh'],
    ['Take it. ', 'รับประทาน ', 'th'],
    [' Take it.', '服用してください。', 'ja'],
    ['Take it. ', 'קחו את זה. ', 'he'],
  ])('accepts %j → %j (%s)', (source, target, locale) => {
    expect(check(source, target, locale)).toBeNull();
  });

  it.each([
    ['Take it.', ' Tómelo.', 'es', ['leading']],
    ['Take it. ', 'Tómelo.', 'es', ['trailing']],
    ['Take it.', 'Tómelo.  ', 'es', ['trailing']],
    [' Take it.', 'Tómelo. ', 'es', ['leading', 'trailing']],
    ['Take it.', '服用。 ', 'zh', ['trailing']],
    ['Take it. ', 'تناوله.', 'ar', ['trailing']],
  ])('flags %j → %j (%s)', (source, target, locale, sides) => {
    const result = check(source, target, locale);
    expect(result).toMatchObject({ code: 'WHITESPACE', severity: 'warning' });
    expect(Object.keys(result?.details ?? {})).toEqual(sides);
  });
});
