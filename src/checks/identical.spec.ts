import { checkIdentical } from './identical';
import type { GlossaryEntry } from './types';

const check = (
  source: string,
  target: string,
  targetLocale = 'es',
  glossary?: GlossaryEntry[],
  sourceLocale = 'en',
) => checkIdentical({ source, target, sourceLocale, targetLocale, glossary });

describe('checkIdentical', () => {
  it.each([
    ['Take two tablets a day.', 'es'],
    ['Ask your doctor about side effects.', 'ar'],
    ['Ask your doctor about side effects.', 'he'],
    ['Overview', 'fr'],
    ['Take 5 days', 'fr'],
    ['Read the {1}leaflet{/1}.', 'de'],
  ])('flags an untranslated %j (%s)', (text, locale) => {
    expect(check(text, text, locale)).toMatchObject({ code: 'IDENTICAL', severity: 'warning' });
  });

  it('compares without codes or extra spaces', () => {
    expect(check('Read the {1}leaflet{/1}.', 'Read  the {2}leaflet{/2}.')).not.toBeNull();
  });

  it.each([
    ['5 mg'],
    ['25 mg/mL'],
    ['10kg'],
    ['2.5'],
    ['{1/}'],
    ['https://example.org/leaflet'],
    ['help@example.org'],
    ['HIV'],
    ['mRNA'],
    ['COVID-19'],
    ['B12'],
    ['Keytruda®'],
    ['50%'],
    ['—'],
  ])('accepts %j kept as is', (text) => {
    expect(check(text, text)).toBeNull();
  });

  it('accepts a do-not-translate glossary term kept as is', () => {
    const glossary = [{ term: 'Keytruda', translation: 'Keytruda', doNotTranslate: true }];
    expect(check('Keytruda', 'Keytruda', 'es', glossary)).toBeNull();
    expect(check('Keytruda 25 mg/mL', 'Keytruda 25 mg/mL', 'es', glossary)).toBeNull();
    expect(check('Keytruda helps', 'Keytruda helps', 'es', glossary)).not.toBeNull();
  });

  it('accepts identical text between variants of one language', () => {
    expect(
      check('Take two tablets a day.', 'Take two tablets a day.', 'en-GB', [], 'en-US'),
    ).toBeNull();
  });

  it('accepts a translated target', () => {
    expect(check('Take two tablets a day.', 'Tome dos comprimidos al día.')).toBeNull();
    expect(check('Take Advil.', 'קחו Advil.', 'he')).toBeNull();
  });
});
