import fc from 'fast-check';
import { CHECKS, extractNumbers, hasBlockingFailure, runChecks, type CheckInput } from './index';

const input = (overrides: Partial<CheckInput>): CheckInput => ({
  source: 'Take 2.5 mg of {1}ibuprofen{/1} every 6 hours.',
  target: 'Tome 2,5 mg de {1}ibuprofeno{/1} cada 6 horas.',
  sourceLocale: 'en',
  targetLocale: 'es',
  ...overrides,
});

describe('runChecks', () => {
  it('passes a good translation', () => {
    expect(runChecks(input({}))).toEqual([]);
  });

  it('passes good right-to-left translations with embedded numbers and drug names', () => {
    expect(
      runChecks(
        input({ target: 'تناول ٢٫٥ ملغ من {1}إيبوبروفين{/1} كل ٦ ساعات.', targetLocale: 'ar' }),
      ),
    ).toEqual([]);
    expect(
      runChecks(
        input({ target: 'هر ۶ ساعت ۲٫۵ میلی‌گرم {1}ایبوپروفن{/1} مصرف کنید.', targetLocale: 'fa' }),
      ),
    ).toEqual([]);
    expect(
      runChecks(input({ target: 'קחו 2.5 מ"ג {1}Ibuprofen{/1} כל 6 שעות.', targetLocale: 'he' })),
    ).toEqual([]);
  });

  it('lists errors before warnings', () => {
    const results = runChecks(input({ target: 'Tome 25 mg de ibuprofeno cada 6 horas' }));
    expect(results.map((r) => [r.code, r.severity])).toEqual([
      ['INLINE_CODES', 'error'],
      ['NUMBERS', 'error'],
      ['END_PUNCTUATION', 'warning'],
    ]);
    expect(hasBlockingFailure(results)).toBe(true);
  });

  it('reports only EMPTY_TARGET for an empty target', () => {
    expect(runChecks(input({ target: '  ' })).map((r) => r.code)).toEqual(['EMPTY_TARGET']);
  });

  it('does not block on warnings alone', () => {
    const results = runChecks(input({ target: 'Tome 2,5 mg de {1}ibuprofeno{/1} cada 6 horas' }));
    expect(results.map((r) => r.code)).toEqual(['END_PUNCTUATION']);
    expect(hasBlockingFailure(results)).toBe(false);
  });

  it('blocks a changed dose in Hebrew with an embedded drug name', () => {
    const results = runChecks(
      input({ target: 'קחו 25 מ"ג {1}Ibuprofen{/1} כל 6 שעות.', targetLocale: 'he' }),
    );
    expect(results.map((r) => r.code)).toEqual(['NUMBERS']);
    expect(results[0].details).toMatchObject({ missing: ['2.5'], unexpected: ['25'] });
  });

  it('runs the glossary check when a glossary is given', () => {
    const glossary = [{ term: 'ibuprofen', translation: 'ibuprofeno' }];
    expect(runChecks(input({ glossary }))).toEqual([]);
    const results = runChecks(
      input({ glossary, target: 'Tome 2,5 mg de {1}Advil{/1} cada 6 horas.' }),
    );
    expect(results.map((r) => r.code)).toEqual(['GLOSSARY']);
  });

  it('gives every check a stable, unique UPPER_SNAKE code', () => {
    const codes = CHECKS.map((c) => c.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of codes) expect(code).toMatch(/^[A-Z]+(_[A-Z]+)*$/);
  });

  it('never throws and returns results with their registered codes (property)', () => {
    const codes = new Set(CHECKS.map((c) => c.code));
    const text = fc.string({
      unit: fc.constantFrom('a', ' ', '{', '}', '1', '/', '.', ',', '<', '٫', 'ب', '\u200F'),
    });
    fc.assert(
      fc.property(
        text,
        text,
        fc.constantFrom('en', 'es', 'ar', 'zh', 'he', 'de'),
        (source, target, locale) => {
          for (const result of runChecks({
            source,
            target,
            sourceLocale: 'en',
            targetLocale: locale,
          })) {
            expect(codes.has(result.code)).toBe(true);
            expect(result.message.length).toBeGreaterThan(0);
          }
        },
      ),
    );
  });

  it('finds no blocking failure when the target is the source (property)', () => {
    const word = fc.constantFrom(
      'Take',
      'mg',
      '2.5',
      '1,000',
      '{1}',
      '{/1}',
      '{2/}',
      '{{',
      'https://x.org/a',
      '50%',
      '8:30',
    );
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 8 }), (words) => {
        const text = words.join(' ');
        const results = runChecks({
          source: text,
          target: text,
          sourceLocale: 'en',
          targetLocale: 'en-GB',
        });
        expect(results.filter((r) => r.code === 'NUMBERS')).toEqual([]);
      }),
    );
  });
});

describe('extractNumbers reads what Intl writes (property)', () => {
  const locales = [
    'en',
    'en-IN',
    'de',
    'de-CH',
    'fr',
    'es',
    'pt-BR',
    'it',
    'ru',
    'pl',
    'sv',
    'tr',
    'ar',
    'ar-EG',
    'fa',
    'he',
    'hi',
    'zh',
    'ja',
    'mr',
    'bn',
  ];

  it.each(locales)('%s', (locale) => {
    const format = new Intl.NumberFormat(locale, { maximumFractionDigits: 3 });
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 999_999_999 }),
        fc.integer({ min: 0, max: 999 }),
        (integer, thousandths) => {
          const fraction = String(thousandths).padStart(3, '0').replace(/0+$/, '');
          const expected = fraction ? `${integer}.${fraction}` : `${integer}`;
          expect(extractNumbers(format.format(Number(expected)), locale)).toEqual([expected]);
        },
      ),
    );
  });
});
