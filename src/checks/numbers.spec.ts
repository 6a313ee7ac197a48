import { checkNumbers, compareNumbers, extractNumbers } from './numbers';

const check = (source: string, target: string, targetLocale: string, sourceLocale = 'en') =>
  checkNumbers({ source, target, sourceLocale, targetLocale });

describe('extractNumbers', () => {
  it.each([
    ['Take 2.5 mg', 'en', ['2.5']],
    ['Tome 2,5 mg', 'es', ['2.5']],
    ['Prenez 2,5 mg', 'fr', ['2.5']],
    ['2,5 мг', 'ru', ['2.5']],
    ['1,000 people', 'en', ['1000']],
    ['1.000 personas', 'es', ['1000']],
    ['1.000 Menschen', 'de', ['1000']],
    ['1 000 personnes', 'fr', ['1000']],
    ['1\u00A0000 personnes', 'fr', ['1000']],
    ['1\u202F000 personnes', 'fr', ['1000']],
    ['1\u202F000 people', 'en', ['1000']],
    ['1000 people', 'en', ['1000']],
    ["1'000 Personen", 'de-CH', ['1000']],
    ['1,000,000', 'en', ['1000000']],
    ['1.000.000', 'pt-BR', ['1000000']],
    ['1,234.5', 'en', ['1234.5']],
    ['1.234,5', 'de', ['1234.5']],
    ['12,34,567', 'hi', ['1234567']],
    ['0.50 mg', 'en', ['0.5']],
    ['0,125 mg', 'en', ['0.125']],
    ['2.0 mg', 'en', ['2']],
    ['1.000 in English is one', 'en', ['1']],
    ['1,000 en español es uno', 'es', ['1']],
  ])('reads %j in %s', (text, locale, expected) => {
    expect(extractNumbers(text, locale)).toEqual(expected);
  });

  it.each([
    ['٢٫٥ ملغ', 'ar', ['2.5']],
    ['١٬٠٠٠ شخص', 'ar', ['1000']],
    ['۲٫۵ میلی‌گرم', 'fa', ['2.5']],
    ['۱۲ ساعت', 'fa', ['12']],
    ['५ मिलीग्राम', 'hi', ['5']],
    ['৫ মিলিগ্রাম', 'bn', ['5']],
    ['５ｍｇ', 'ja', ['5']],
    ['２．５ｍｇ', 'ja', ['2.5']],
    ['๕ มก.', 'th', ['5']],
  ])('normalises digits of other scripts: %j', (text, locale, expected) => {
    expect(extractNumbers(text, locale)).toEqual(expected);
  });

  it.each([
    ['5 mg', ['5']],
    ['5mg', ['5']],
    ['50%', ['50']],
    ['50 %', ['50']],
    ['%50', ['50']],
    ['1st', ['1']],
    ['1.º', ['1']],
    ['1er', ['1']],
    ['2-3 times', ['2', '3']],
    ['2–3 times', ['2', '3']],
    ['1/2 tablet', ['1', '2']],
    ['½ tablet', ['1', '2']],
    ['8:30', ['8', '30']],
    ['10⁹/L', ['10', '9']],
    ['10¹²/L', ['10', '12']],
    ['10^12/L', ['10', '12']],
    ['5 m²', ['5', '2']],
    ['Days 1,2,3', ['1', '2', '3']],
    ['version 1.2.3', ['1', '2', '3']],
    ['12/05/2024', ['12', '5', '2024']],
  ])('medical layouts: %j', (text, expected) => {
    expect(extractNumbers(text, 'en')).toEqual(expected);
  });

  it('ignores inline code ids, URLs and e-mail addresses', () => {
    expect(extractNumbers('See {1}page 4{/1} at https://example.org/v2/page3 {2/}', 'en')).toEqual([
      '4',
    ]);
    expect(extractNumbers('Write to help2@example.org', 'en')).toEqual([]);
  });

  it('ignores bidi controls inside right-to-left text', () => {
    expect(extractNumbers('\u200F1,\u200E000 מ"ג', 'he')).toEqual(['1000']);
  });

  it('applies East Asian myriad units', () => {
    expect(extractNumbers('1万人', 'zh')).toEqual(['10000']);
    expect(extractNumbers('1.5萬人', 'zh-TW')).toEqual(['15000']);
    expect(extractNumbers('3억', 'ko')).toEqual(['300000000']);
  });

  it('does not join an English list written with spaces', () => {
    expect(extractNumbers('Take 2 500 mg tablets', 'en')).toEqual(['2', '500']);
  });

  it('joins space-grouped thousands only where the locale groups with spaces', () => {
    expect(extractNumbers('2 500 mg', 'fr')).toEqual(['2500']);
    expect(extractNumbers('3 1,000', 'fr')).toEqual(['3', '1']);
  });
});

describe('compareNumbers', () => {
  it('treats 8:30 and 8.30 as the same time', () => {
    expect(compareNumbers(['8', '30'], ['8.3'])).toEqual({ missing: [], unexpected: [] });
    expect(compareNumbers(['8.3'], ['8', '30'])).toEqual({ missing: [], unexpected: [] });
    expect(compareNumbers(['10', '10'], ['10.1'])).toEqual({ missing: [], unexpected: [] });
  });

  it('reports a multiset difference', () => {
    expect(compareNumbers(['5', '5', '10'], ['5', '10', '10'])).toEqual({
      missing: ['5'],
      unexpected: ['10'],
    });
  });
});

describe('checkNumbers', () => {
  it.each([
    ['Take 2.5 mg twice a day.', 'Tome 2,5 mg dos veces al día.', 'es'],
    ['Take 2.5 mg twice a day.', 'Nehmen Sie 2,5 mg zweimal täglich.', 'de'],
    ['Take 2.5 mg twice a day.', 'Nehmen Sie 2.5 mg zweimal täglich.', 'de'],
    ['About 1,000 people.', 'Environ 1 000 personnes.', 'fr'],
    ['About 1,000 people.', 'Unas 1.000 personas.', 'es'],
    ['About 1,000 people.', 'Около 1\u00A0000 человек.', 'ru'],
    ['Take 5 mg at 8:30.', 'Prenez 5mg à 8 h 30.', 'fr'],
    ['Take 5 mg at 8:30.', 'Nehmen Sie 5 mg um 8.30 Uhr.', 'de'],
    ['It helps 50% of people.', "İnsanların %50'sine yardımcı olur.", 'tr'],
    ['Take 1/2 tablet 2-3 times a day.', 'Tome ½ comprimido de 2 a 3 veces al día.', 'es'],
    ['On the 1st day', 'El 1.º día', 'es'],
    ['On the 1st day', 'Le 1er jour', 'fr'],
    ['Take 2.5 mg every 6 hours.', 'تناول ٢٫٥ ملغ كل ٦ ساعات.', 'ar'],
    ['Take 2.5 mg every 6 hours.', 'تناول 2.5 ملغ كل 6 ساعات.', 'ar'],
    [
      'Take 2.5 mg of ibuprofen every 6 hours.',
      'هر ۶ ساعت ۲٫۵ میلی‌گرم ایبوپروفن مصرف کنید.',
      'fa',
    ],
    ['Take 400 mg of Advil every 6 hours.', 'קחו 400 מ"ג Advil כל 6 שעות.', 'he'],
    [
      'Children under 12 should not take aspirin.',
      'ילדים מתחת לגיל 12 לא צריכים ליטול אספירין.',
      'he',
    ],
    ['About 10,000 people.', '约1万人。', 'zh'],
    ['Take 5 mg.', 'Prendre 5 mg.', 'fr'],
    ['Take 2,500 mg.', 'Prenez 2 500 mg.', 'fr'],
    ['Call 111 222 333.', 'Appelez le 111 222 333.', 'fr'],
    ['Take 2 500 mg tablets.', 'Prenez 2 comprimés de 500 mg.', 'fr'],
    ['No numbers here.', 'Aquí no hay números.', 'es'],
  ])('accepts %j → %j (%s)', (source, target, locale) => {
    expect(check(source, target, locale)).toBeNull();
  });

  it.each([
    ['Take 2.5 mg.', 'Tome 25 mg.', 'es', ['2.5'], ['25']],
    ['Take 2.5 mg.', 'Tome 5 mg.', 'es', ['2.5'], ['5']],
    ['About 1,000 people.', 'Unas 1,000 personas.', 'es', ['1000'], ['1']],
    ['Every 6 hours.', 'Cada 8 horas.', 'es', ['6'], ['8']],
    ['Children under 12.', 'Niños menores de 6 años.', 'es', ['12'], ['6']],
    ['Take 2-3 tablets.', 'Tome 2 comprimidos.', 'es', ['3'], []],
    ['Take 5 mg.', 'Tome 5 mg 5 veces.', 'es', [], ['5']],
    ['Take 2.5 mg every 6 hours.', 'تناول ٢٫٥ ملغ كل ٨ ساعات.', 'ar', ['6'], ['8']],
    ['Take 400 mg of Advil.', 'קחו 200 מ"ג Advil.', 'he', ['400'], ['200']],
    ['Take 2.5 mg.', 'Prenez 2 mg.', 'fr', ['2.5'], ['2']],
    ['Take 2,500 mg.', 'Prenez 2 000 mg.', 'fr', ['2500'], ['2000']],
  ])('blocks %j → %j (%s)', (source, target, locale, missing, unexpected) => {
    const result = check(source, target, locale);
    expect(result).toMatchObject({ code: 'NUMBERS', severity: 'error' });
    expect(result?.details).toMatchObject({ missing, unexpected });
  });

  it('reports the expected and found numbers', () => {
    const result = check('Take 10 mg, then 5 mg.', 'Tome 10 mg y luego 50 mg.', 'es');
    expect(result?.details).toEqual({
      expected: ['5', '10'],
      found: ['10', '50'],
      missing: ['5'],
      unexpected: ['50'],
    });
    expect(result?.message).toContain('missing 5');
    expect(result?.message).toContain('50');
  });

  it('reads a dose written as a word, and refuses a different one', () => {
    expect(check('Take 2 tablets.', 'Tome dos comprimidos.', 'es')).toBeNull();
    expect(check('Take 2 tablets.', 'Tome tres comprimidos.', 'es')).not.toBeNull();
  });
});
